//! The host's /proc and descriptors of the container's processes, as the supervisor reads
//! them.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};

use super::paths::stat_at;

/// What one read of a /proc file asks for: a process's status (about 1.5 KiB) in one.
const READ_CHUNK: usize = 4096;

/// The host's /proc, opened before the supervisor entered the container's mount namespace.
pub struct Proc {
    fd: OwnedFd,
}

impl Proc {
    pub fn open() -> io::Result<Proc> {
        let fd = nix::fcntl::open(
            "/proc",
            nix::fcntl::OFlag::O_PATH
                | nix::fcntl::OFlag::O_DIRECTORY
                | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )?;
        Ok(Proc { fd })
    }

    pub fn raw(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    pub fn dir(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    /// Reads a small /proc file of a process (status, children, stat).
    pub fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        let path = CString::new(rel).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        // SAFETY: openat reads the NUL-terminated path we own; the descriptor is ours alone.
        let fd =
            unsafe { libc::openat(self.raw(), path.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: openat just returned this descriptor to us.
        let file = unsafe { OwnedFd::from_raw_fd(fd) };
        // Reads of a page, not read_to_end: its size probe (a statx, an lseek) and small
        // first reads would triple the calls of every new process's status read.
        let mut out = vec![0u8; READ_CHUNK];
        let mut len = 0;
        loop {
            if out.len() - len < READ_CHUNK / 2 {
                out.resize(out.len() + READ_CHUNK, 0);
            }
            match nix::unistd::read(&file, &mut out[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(nix::Error::EINTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
        out.truncate(len);
        Ok(out)
    }

    /// Every process id in the host's /proc.
    pub fn pids(&self) -> Vec<i32> {
        self.list(".")
    }

    /// The thread ids of a process.
    pub fn tasks(&self, pid: i32) -> Vec<i32> {
        self.list(&format!("{pid}/task"))
    }

    /// The numeric names in a /proc directory.
    fn list(&self, rel: &str) -> Vec<i32> {
        let dir = nix::dir::Dir::openat(
            &self.fd,
            rel,
            nix::fcntl::OFlag::O_RDONLY
                | nix::fcntl::OFlag::O_DIRECTORY
                | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        );
        let Ok(mut dir) = dir else {
            return Vec::new();
        };
        dir.iter()
            .flatten()
            .filter_map(|e| e.file_name().to_str().ok()?.parse().ok())
            .collect()
    }

    /// (device, inode) of what a /proc link or file names, following it.
    pub fn identity(&self, rel: &str) -> io::Result<(u64, u64)> {
        let st = stat_at(
            self.raw(),
            &CString::new(rel).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?,
            0,
        )
        .map_err(io::Error::from_raw_os_error)?;
        Ok((st.st_dev, st.st_ino))
    }

    /// Whether an executable starts with `#!`.
    pub fn is_script(&self, fd: &OwnedFd) -> bool {
        let Ok(file) = self.reopen(fd) else {
            return false;
        };
        let mut head = [0u8; 2];
        matches!(nix::unistd::read(&file, &mut head), Ok(2)) && head == *b"#!"
    }

    /// A new descriptor for the same file, opened for reading (O_PATH descriptors take no
    /// xattr calls before Linux 6.13's *xattrat calls).
    pub(super) fn reopen(&self, fd: &OwnedFd) -> io::Result<OwnedFd> {
        let rel =
            CString::new(format!("thread-self/fd/{}", fd.as_raw_fd())).expect("no NUL in a number");
        // SAFETY: openat reads the path we own; O_NONBLOCK keeps a FIFO from blocking (only
        // regular files and directories come here), the result is ours alone.
        let raw = unsafe {
            libc::openat(
                self.raw(),
                rel.as_ptr(),
                libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
            )
        };
        if raw < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: openat just returned this descriptor to us.
        Ok(unsafe { OwnedFd::from_raw_fd(raw) })
    }
}

/// The kernel's SO_PEERCRED of a socket of process `pid` (its pid in our namespace), read from
/// a copy of the caller's descriptor.
pub fn peer_of(pid: i32, fd: i32) -> Option<libc::ucred> {
    // SAFETY: pidfd_open and pidfd_getfd take numbers, no pointers; each returns a new
    // descriptor that is ours alone.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if pidfd < 0 {
        return None;
    }
    // SAFETY: pidfd_open just gave us this descriptor.
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd as RawFd) };
    // SAFETY: as above.
    let copy = unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) };
    if copy < 0 {
        return None;
    }
    // SAFETY: pidfd_getfd just gave us this descriptor.
    let copy = unsafe { OwnedFd::from_raw_fd(copy as RawFd) };
    nix::sys::socket::getsockopt(&copy, nix::sys::socket::sockopt::PeerCredentials)
        .ok()
        .map(|c| libc::ucred {
            pid: c.pid(),
            uid: c.uid(),
            gid: c.gid(),
        })
}

/// An anonymous file holding `bytes`, positioned at its start.
pub fn memfd(name: &str, bytes: &[u8]) -> std::io::Result<OwnedFd> {
    use std::io::{Seek, Write};
    let name = CString::new(name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let fd =
        nix::sys::memfd::memfd_create(name.as_c_str(), nix::sys::memfd::MFdFlags::MFD_CLOEXEC)?;
    let mut file = std::fs::File::from(fd);
    file.write_all(bytes)?;
    file.rewind()?;
    Ok(file.into())
}
