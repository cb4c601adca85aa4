//! The files a container process names, as the supervisor reaches them.
//!
//! The supervisor lives in the container's mount namespace with the container's root as its
//! own, so an absolute path resolves exactly as it does for the caller, and `..` stops at the
//! container's root. A relative path is taken from the caller's working directory or
//! descriptor through the host's /proc (`PID/cwd/PATH`, `PID/fd/N/PATH`): the kernel follows
//! that magic link to the caller's own directory and walks on from there with the same root.
//! A path relative to a descriptor is taken, where it can be, from a duplicate of that
//! descriptor instead (anchors.rs): the same open file the magic link leads to, without the
//! walk through /proc. Nothing the container names is ever resolved from a directory of the
//! host.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use super::hostproc::Proc;

pub(super) fn errno() -> i32 {
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
    pub(super) anchor: Option<CString>,
    /// The caller's path (absolute without an anchor, relative and maybe empty with one).
    pub(super) rest: CString,
    /// Both in one, for calls that take a directory descriptor and a path.
    pub(super) joined: CString,
    pub(super) dirfd: RawFd,
    /// The caller's path was empty: the base itself is meant (AT_EMPTY_PATH).
    pub empty: bool,
    /// The anchor is the caller's directory descriptor: when it is not open, that is EBADF.
    anchor_is_fd: bool,
    /// A duplicate of the caller's directory descriptor, which `dirfd` is: `rest` (and
    /// `joined`, the same) is taken from it.
    held: Option<OwnedFd>,
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
        held: None,
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
    /// The caller's path as the supervisor reaches it.
    pub fn new(proc: &Proc, pid: i32, base: Base, path: &CStr) -> Located {
        let bytes = path.to_bytes();
        if bytes.first() == Some(&b'/') {
            return match proc_link(pid, bytes) {
                Some((ProcView::Host, anchor, rest)) => anchored(proc.raw(), anchor, rest),
                Some((ProcView::Container, anchor, rest)) => anchored(libc::AT_FDCWD, anchor, rest),
                None => Located {
                    anchor: None,
                    rest: path.to_owned(),
                    joined: path.to_owned(),
                    dirfd: libc::AT_FDCWD,
                    empty: false,
                    anchor_is_fd: false,
                    held: None,
                },
            };
        }
        let anchor = match base {
            Base::Cwd => format!("{pid}/cwd"),
            Base::Fd(fd) => format!("{pid}/fd/{fd}"),
        };
        Located {
            anchor_is_fd: matches!(base, Base::Fd(_)),
            ..anchored(proc.raw(), anchor.into_bytes(), bytes.to_vec())
        }
    }

    /// The caller's path relative to `held`, a duplicate of the caller's descriptor the path
    /// is relative to (anchors.rs). The caller's own file is where the walk starts, as through
    /// its /proc magic link, and the supervisor's root (the container's) is where `..` stops.
    pub fn held(held: OwnedFd, path: &CStr) -> Located {
        Located {
            anchor: None,
            rest: path.to_owned(),
            joined: path.to_owned(),
            dirfd: held.as_raw_fd(),
            empty: path.is_empty(),
            anchor_is_fd: true,
            held: Some(held),
        }
    }

    /// stat(2) flags for this path: the base itself must be followed (it is a /proc magic link)
    /// whatever the caller asked for its last component; a held descriptor is the base itself.
    pub(super) fn at_flags(&self, nofollow: bool) -> i32 {
        match (self.empty, self.held.is_some()) {
            (true, true) => libc::AT_EMPTY_PATH,
            (true, false) => 0,
            (false, _) if nofollow => libc::AT_SYMLINK_NOFOLLOW,
            (false, _) => 0,
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
        if let Some(held) = &self.held {
            if self.empty {
                return held
                    .try_clone()
                    .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO));
            }
            return nix::fcntl::openat2(held, self.rest.as_c_str(), how).map_err(|e| e as i32);
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
        if self.anchor.is_some() || self.held.is_some() {
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
