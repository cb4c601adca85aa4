//! The files a container process names, as the supervisor reaches them, and the owners recorded
//! on them.
//!
//! The supervisor lives in the container's mount namespace with the container's root as its
//! own, so an absolute path resolves exactly as it does for the caller, and `..` stops at the
//! container's root. A relative path is taken from the caller's working directory or
//! descriptor through the host's /proc (`PID/cwd/PATH`, `PID/fd/N/PATH`): the kernel follows
//! that magic link to the caller's own directory and walks on from there with the same root.
//! Nothing the container names is ever resolved from a directory of the host.
#![allow(unsafe_code)]

use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use crate::ids::FileOwner;

/// getxattrat(2) (Linux 6.13); the same number on every architecture.
const SYS_GETXATTRAT: libc::c_long = 464;
const OWNER_XATTR: &CStr = c"user.rpod.owner";
/// "UID:GID" in decimal: at most 21 bytes.
const OWNER_MAX: usize = 24;

fn errno() -> i32 {
    io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// Where a path argument starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// The caller's working directory (AT_FDCWD).
    Cwd,
    /// One of the caller's descriptors.
    Fd(i32),
}

impl Base {
    pub fn of(dirfd: u64) -> Base {
        match dirfd as i32 {
            libc::AT_FDCWD => Base::Cwd,
            fd => Base::Fd(fd),
        }
    }
}

/// A path of the caller, ready to be used from the supervisor: absolute as given, or under
/// the host /proc's view of the caller's directory.
pub struct Located {
    /// `PID/cwd` or `PID/fd/N` under the host /proc; None for an absolute path.
    anchor: Option<CString>,
    /// The caller's path (absolute without an anchor, relative and maybe empty with one).
    rest: CString,
    /// Both in one, for calls that take a directory descriptor and a path.
    joined: CString,
    dirfd: RawFd,
    /// The caller's path was empty: the base itself is meant (AT_EMPTY_PATH).
    pub empty: bool,
    /// The anchor is the caller's directory descriptor: when it is not open, that is EBADF.
    anchor_is_fd: bool,
}

fn anchored(dirfd: RawFd, anchor: Vec<u8>, rest: Vec<u8>) -> Located {
    let mut joined = anchor.clone();
    if !rest.is_empty() {
        joined.push(b'/');
        joined.extend_from_slice(&rest);
    }
    Located {
        // No interior NUL: the parts come from numbers and a C string.
        anchor: Some(CString::new(anchor).expect("no NUL in a C string")),
        empty: rest.is_empty(),
        rest: CString::new(rest).expect("no NUL in a C string"),
        joined: CString::new(joined).expect("no NUL in a C string"),
        dirfd,
        anchor_is_fd: false,
    }
}

/// Where a /proc magic link of the caller's is followed from.
#[derive(Debug, PartialEq, Eq)]
enum ProcView {
    /// `/proc/self/...`: the caller's own entry in the host's /proc.
    Host,
    /// `/proc/N/...`: the container's /proc, where N is the container's pid N.
    Container,
}

/// A path through one of the container's /proc magic links (`/proc/self/root/...`,
/// `/proc/1/cwd/...`, `/proc/self/fd/3/...`): the link (the anchor) and the rest. The
/// supervisor has no entry of its own in the container's /proc, so `self` is the caller's.
fn proc_link(pid: i32, path: &[u8]) -> Option<(ProcView, Vec<u8>, Vec<u8>)> {
    let parts: Vec<&[u8]> = path
        .split(|b| *b == b'/')
        .filter(|p| !p.is_empty() && *p != b".")
        .collect();
    let (proc_dir, who, link) = (parts.first()?, parts.get(1)?, parts.get(2)?);
    if *proc_dir != b"proc" {
        return None;
    }
    let (view, mut anchor) = match *who {
        b"self" | b"thread-self" => (ProcView::Host, format!("{pid}").into_bytes()),
        n if !n.is_empty() && n.iter().all(u8::is_ascii_digit) => {
            (ProcView::Container, [b"/proc/", n].concat())
        }
        _ => return None,
    };
    let taken = match *link {
        b"root" | b"cwd" => 3,
        b"fd" => {
            let n = parts.get(3)?;
            if !n.iter().all(u8::is_ascii_digit) {
                return None;
            }
            4
        }
        _ => return None,
    };
    for part in &parts[2..taken] {
        anchor.push(b'/');
        anchor.extend_from_slice(part);
    }
    Some((view, anchor, parts[taken..].join(&b'/')))
}

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
        let file = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd) });
        let mut out = Vec::with_capacity(1024);
        io::Read::read_to_end(&mut &file, &mut out)?;
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

    /// The caller's path as the supervisor reaches it.
    pub fn locate(&self, pid: i32, base: Base, path: &CStr) -> Located {
        let bytes = path.to_bytes();
        if bytes.first() == Some(&b'/') {
            return match proc_link(pid, bytes) {
                Some((ProcView::Host, anchor, rest)) => anchored(self.raw(), anchor, rest),
                Some((ProcView::Container, anchor, rest)) => anchored(libc::AT_FDCWD, anchor, rest),
                None => Located {
                    anchor: None,
                    rest: path.to_owned(),
                    joined: path.to_owned(),
                    dirfd: libc::AT_FDCWD,
                    empty: false,
                    anchor_is_fd: false,
                },
            };
        }
        let anchor = match base {
            Base::Cwd => format!("{pid}/cwd"),
            Base::Fd(fd) => format!("{pid}/fd/{fd}"),
        };
        Located {
            anchor_is_fd: matches!(base, Base::Fd(_)),
            ..anchored(self.raw(), anchor.into_bytes(), bytes.to_vec())
        }
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
    fn reopen(&self, fd: &OwnedFd) -> io::Result<OwnedFd> {
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

pub fn stat_at(dirfd: RawFd, path: &CStr, flags: i32) -> Result<libc::stat, i32> {
    // SAFETY: stat is plain data, filled by the kernel; the path is NUL-terminated and ours.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: fstatat writes only into `st`, which outlives the call.
    let rc = unsafe { libc::fstatat(dirfd, path.as_ptr(), &mut st, flags) };
    if rc < 0 {
        return Err(errno());
    }
    Ok(st)
}

impl Located {
    /// stat(2) flags for this path: the base itself must be followed (it is a /proc magic link)
    /// whatever the caller asked for its last component.
    fn at_flags(&self, nofollow: bool) -> i32 {
        if nofollow && !self.empty {
            libc::AT_SYMLINK_NOFOLLOW
        } else {
            0
        }
    }

    pub fn stat(&self, nofollow: bool) -> Result<libc::stat, i32> {
        stat_at(self.dirfd, &self.joined, self.at_flags(nofollow))
    }

    pub fn statx(&self, nofollow: bool, flags: i32, mask: u32) -> Result<libc::statx, i32> {
        // SAFETY: statx is plain data, filled by the kernel.
        let mut stx: libc::statx = unsafe { std::mem::zeroed() };
        let flags =
            (flags & !libc::AT_SYMLINK_NOFOLLOW & !libc::AT_EMPTY_PATH) | self.at_flags(nofollow);
        // SAFETY: statx writes only into `stx`; the path is NUL-terminated and ours.
        let rc = unsafe { libc::statx(self.dirfd, self.joined.as_ptr(), flags, mask, &mut stx) };
        if rc < 0 {
            return Err(errno());
        }
        Ok(stx)
    }

    /// An O_PATH descriptor of the file, for changing it. Magic links inside the container's
    /// own /proc are not followed: what they lead to is for the kernel to decide.
    pub fn open(&self, nofollow: bool) -> Result<OwnedFd, i32> {
        let mut how = nix::fcntl::OpenHow::new()
            .flags(nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_CLOEXEC)
            .resolve(nix::fcntl::ResolveFlag::RESOLVE_NO_MAGICLINKS);
        if nofollow && !self.empty {
            how = how.flags(
                nix::fcntl::OFlag::O_PATH
                    | nix::fcntl::OFlag::O_CLOEXEC
                    | nix::fcntl::OFlag::O_NOFOLLOW,
            );
        }
        let Some(anchor) = &self.anchor else {
            // SAFETY: AT_FDCWD is a marker, not a descriptor; openat2 does not close it.
            let cwd = unsafe { std::os::fd::BorrowedFd::borrow_raw(libc::AT_FDCWD) };
            return nix::fcntl::openat2(cwd, self.rest.as_c_str(), how).map_err(|e| e as i32);
        };
        // The anchor is a magic link by design: it is opened first, then the caller's part
        // beneath it with magic links refused.
        // SAFETY: openat reads the NUL-terminated anchor we own; the result is ours alone.
        let raw =
            unsafe { libc::openat(self.dirfd, anchor.as_ptr(), libc::O_PATH | libc::O_CLOEXEC) };
        if raw < 0 {
            return Err(match errno() {
                libc::ENOENT if self.anchor_is_fd => libc::EBADF,
                e => e,
            });
        }
        // SAFETY: openat just returned this descriptor to us.
        let base = unsafe { OwnedFd::from_raw_fd(raw) };
        if self.empty {
            return Ok(base);
        }
        nix::fcntl::openat2(&base, self.rest.as_c_str(), how).map_err(|e| e as i32)
    }

    /// Creates the file as open(2) would with `flags`; the descriptor is the supervisor's.
    pub fn create(&self, flags: i32, mode: u32) -> Result<OwnedFd, i32> {
        // SAFETY: openat reads the NUL-terminated path we own; the result is ours alone.
        let raw = unsafe {
            libc::openat(
                self.dirfd,
                self.joined.as_ptr(),
                flags | libc::O_CLOEXEC,
                mode as libc::c_uint,
            )
        };
        if raw < 0 {
            return Err(errno());
        }
        // SAFETY: openat just returned this descriptor to us.
        Ok(unsafe { OwnedFd::from_raw_fd(raw) })
    }

    pub fn mkdir(&self, mode: u32) -> Result<(), i32> {
        // SAFETY: mkdirat reads the NUL-terminated path we own.
        if unsafe { libc::mkdirat(self.dirfd, self.joined.as_ptr(), mode) } < 0 {
            return Err(errno());
        }
        Ok(())
    }

    /// The directory the path's last component is in.
    pub fn parent(&self) -> Result<OwnedFd, i32> {
        let bytes = self.joined.to_bytes();
        let end = bytes.len() - bytes.iter().rev().take_while(|&&b| b == b'/').count();
        let parent: &[u8] = match bytes[..end].iter().rposition(|&b| b == b'/') {
            Some(0) => b"/",
            Some(i) => &bytes[..i],
            None => b".",
        };
        let parent = CString::new(parent).expect("no NUL in a C string");
        // SAFETY: openat reads the NUL-terminated path we own; the result is ours alone.
        let raw = unsafe {
            libc::openat(
                self.dirfd,
                parent.as_ptr(),
                libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC,
            )
        };
        if raw < 0 {
            return Err(errno());
        }
        // SAFETY: openat just returned this descriptor to us.
        Ok(unsafe { OwnedFd::from_raw_fd(raw) })
    }

    /// The /proc entry an absolute path names, for the emulation's own answers.
    pub fn proc_path(&self) -> Option<super::procfs::ProcPath> {
        if self.anchor.is_some() {
            return None;
        }
        super::procfs::parse(self.rest.to_bytes())
    }

    /// Whether the file's mount ignores set-id bits.
    pub fn nosuid(&self, fd: &OwnedFd) -> bool {
        // SAFETY: statvfs is plain data filled by the kernel.
        let mut vfs: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: fstatvfs writes only into `vfs`.
        let rc = unsafe { libc::fstatvfs(fd.as_raw_fd(), &mut vfs) };
        rc != 0 || vfs.f_flag & libc::ST_NOSUID != 0
    }

    /// The owner recorded on the file, if any, as cheaply as the kernel allows.
    pub fn recorded_owner(&self, nofollow: bool, owners: &Owners) -> Option<FileOwner> {
        if owners.has_getxattrat {
            let mut buf = [0u8; OWNER_MAX];
            #[repr(C)]
            struct XattrArgs {
                value: u64,
                size: u32,
                flags: u32,
            }
            let args = XattrArgs {
                value: buf.as_mut_ptr() as u64,
                size: OWNER_MAX as u32,
                flags: 0,
            };
            let flags = self.at_flags(nofollow);
            // SAFETY: getxattrat reads the path and name (NUL-terminated, ours) and writes at
            // most `size` bytes into `buf` through `args`, all alive for the call.
            let n = unsafe {
                libc::syscall(
                    SYS_GETXATTRAT,
                    self.dirfd,
                    self.joined.as_ptr(),
                    flags,
                    OWNER_XATTR.as_ptr(),
                    &args as *const XattrArgs,
                    size_of::<XattrArgs>(),
                )
            };
            if n >= 0 {
                return FileOwner::decode(&buf[..n as usize]);
            }
            if owners.in_memory.is_empty() {
                return None;
            }
        }
        let fd = self.open(nofollow).ok()?;
        owners.get(&fd)
    }
}

/// Owners recorded on files: in the user xattr where the file system and the file's type take
/// one, else (symbolic links, device nodes, FIFOs, file systems without user xattrs) in memory
/// for as long as the container runs.
pub struct Owners {
    proc: Proc,
    has_getxattrat: bool,
    in_memory: HashMap<(u64, u64), FileOwner>,
}

fn takes_xattr(st: &libc::stat) -> bool {
    matches!(st.st_mode & libc::S_IFMT, libc::S_IFREG | libc::S_IFDIR)
}

impl Owners {
    pub fn new(proc: Proc) -> Owners {
        let has_getxattrat = probe_getxattrat(proc.raw());
        Owners {
            proc,
            has_getxattrat,
            in_memory: HashMap::new(),
        }
    }

    pub fn proc(&self) -> &Proc {
        &self.proc
    }

    /// The recorded owner of an open file.
    pub fn get(&self, fd: &OwnedFd) -> Option<FileOwner> {
        let st = stat_at(fd.as_raw_fd(), c"", libc::AT_EMPTY_PATH).ok()?;
        if takes_xattr(&st) {
            let file = self.proc.reopen(fd).ok()?;
            let mut buf = [0u8; OWNER_MAX];
            // SAFETY: fgetxattr writes at most buf.len() bytes into buf; the name is ours.
            let n = unsafe {
                libc::fgetxattr(
                    file.as_raw_fd(),
                    OWNER_XATTR.as_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                )
            };
            if n >= 0 {
                return FileOwner::decode(&buf[..n as usize]);
            }
        }
        self.in_memory.get(&(st.st_dev, st.st_ino)).copied()
    }

    /// Records `owner` on the file `fd` whose kernel-side stat is `st`; the record goes when the
    /// kernel already shows that owner.
    pub fn set(&mut self, fd: &OwnedFd, st: &libc::stat, owner: FileOwner) -> Result<(), i32> {
        let shown = FileOwner {
            uid: st.st_uid,
            gid: st.st_gid,
        };
        let key = (st.st_dev, st.st_ino);
        if takes_xattr(st) {
            let file = self
                .proc
                .reopen(fd)
                .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
            let rc = if owner == shown {
                // SAFETY: fremovexattr reads the NUL-terminated name we own.
                match unsafe { libc::fremovexattr(file.as_raw_fd(), OWNER_XATTR.as_ptr()) } {
                    0 => 0,
                    _ if errno() == libc::ENODATA => 0,
                    _ => -1,
                }
            } else {
                let value = owner.encode();
                // SAFETY: fsetxattr reads the name and value buffers, both ours and alive.
                unsafe {
                    libc::fsetxattr(
                        file.as_raw_fd(),
                        OWNER_XATTR.as_ptr(),
                        value.as_ptr().cast(),
                        value.len(),
                        0,
                    )
                }
            };
            match rc {
                0 => {
                    self.in_memory.remove(&key);
                    return Ok(());
                }
                _ => match errno() {
                    // The file system keeps no user xattrs: memory it is.
                    libc::EOPNOTSUPP | libc::EPERM => {}
                    e => return Err(e),
                },
            }
        } else if read_only(fd) {
            return Err(libc::EROFS);
        }
        if owner == shown {
            self.in_memory.remove(&key);
        } else {
            self.in_memory.insert(key, owner);
        }
        Ok(())
    }

    /// chown(2) takes the set-user-ID bit, and the set-group-ID bit of a group-executable
    /// file, from anything but a directory, even when root changes the owner.
    pub fn clear_setid_bits(&self, fd: &OwnedFd, st: &libc::stat) -> Result<(), i32> {
        let mode = st.st_mode;
        if mode & libc::S_IFMT != libc::S_IFREG {
            return Ok(());
        }
        let mut kept = mode & 0o7777 & !libc::S_ISUID;
        if mode & libc::S_IXGRP != 0 {
            kept &= !libc::S_ISGID;
        }
        if kept == mode & 0o7777 {
            return Ok(());
        }
        let file = self
            .proc
            .reopen(fd)
            .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
        // SAFETY: fchmod on a descriptor we own takes no pointer.
        if unsafe { libc::fchmod(file.as_raw_fd(), kept) } < 0 {
            return Err(errno());
        }
        Ok(())
    }
}

fn read_only(fd: &OwnedFd) -> bool {
    // SAFETY: statvfs is plain data filled by the kernel.
    let mut vfs: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: fstatvfs writes only into `vfs`.
    unsafe { libc::fstatvfs(fd.as_raw_fd(), &mut vfs) == 0 && vfs.f_flag & libc::ST_RDONLY != 0 }
}

/// Whether getxattrat(2) exists: ENOSYS before Linux 6.13.
fn probe_getxattrat(dirfd: RawFd) -> bool {
    #[repr(C)]
    struct XattrArgs {
        value: u64,
        size: u32,
        flags: u32,
    }
    let args = XattrArgs {
        value: 0,
        size: 0,
        flags: 0,
    };
    // SAFETY: a size-0 query writes nothing; the path and name are ours and NUL-terminated.
    let rc = unsafe {
        libc::syscall(
            SYS_GETXATTRAT,
            dirfd,
            c"self".as_ptr(),
            0,
            OWNER_XATTR.as_ptr(),
            &args as *const XattrArgs,
            size_of::<XattrArgs>(),
        )
    };
    rc >= 0 || errno() != libc::ENOSYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(path: &str) -> Option<(ProcView, String, String)> {
        proc_link(42, path.as_bytes()).map(|(v, a, r)| {
            (
                v,
                String::from_utf8(a).unwrap(),
                String::from_utf8(r).unwrap(),
            )
        })
    }

    #[test]
    fn proc_magic_links_become_anchors() {
        let host = |a: &str, r: &str| Some((ProcView::Host, a.to_string(), r.to_string()));
        let ctr = |a: &str, r: &str| Some((ProcView::Container, a.to_string(), r.to_string()));
        assert_eq!(
            link("/proc/self/root/etc/passwd"),
            host("42/root", "etc/passwd")
        );
        assert_eq!(link("/proc/thread-self/cwd"), host("42/cwd", ""));
        assert_eq!(link("//proc/./self/fd/3/x"), host("42/fd/3", "x"));
        assert_eq!(link("/proc/1/root/tmp/f"), ctr("/proc/1/root", "tmp/f"));
        assert_eq!(link("/proc/1/status"), None);
        assert_eq!(link("/proc/self/fd/x/y"), None);
        assert_eq!(link("/proc/..//self/root"), None);
        assert_eq!(link("/etc/passwd"), None);
    }
}
