//! Whiteouts and opaque directories in the form kernel overlay (with `userxattr`) and
//! fuse-overlayfs read from lower layers: a character device 0:0 hides a name, the xattr
//! `user.overlay.opaque=y` hides everything below a directory. Both can be made by an
//! unprivileged user (whiteout devices since Linux 5.8).

use std::ffi::OsStr;
use std::fs::{File, Metadata};
use std::io;
use std::os::fd::OwnedFd;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

use nix::sys::stat::{Mode, SFlag, mknodat};

/// The tar name prefix of a whiteout (`.wh.NAME`) and the opaque marker.
pub const PREFIX: &str = ".wh.";
pub const OPAQUE_MARKER: &str = ".wh..wh..opq";
pub const OPAQUE_XATTR: &str = "user.overlay.opaque";

pub fn is_whiteout(meta: &Metadata) -> bool {
    meta.file_type().is_char_device() && meta.rdev() == 0
}

pub fn is_opaque(dir: &Path) -> io::Result<bool> {
    match xattr::get(dir, OPAQUE_XATTR) {
        Ok(v) => Ok(v.as_deref() == Some(b"y")),
        Err(e) if e.raw_os_error() == Some(libc::ENOTSUP) => Ok(false),
        Err(e) => Err(e),
    }
}

/// A whiteout named `name` in the directory `dir`.
pub fn make_whiteout(dir: &OwnedFd, name: &OsStr) -> io::Result<()> {
    Ok(mknodat(
        dir,
        name,
        SFlag::S_IFCHR,
        Mode::from_bits_truncate(0o600),
        0,
    )?)
}

pub fn make_whiteout_at(dir: &Path, name: &str) -> io::Result<()> {
    let fd = nix::fcntl::open(
        dir,
        nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC,
        Mode::empty(),
    )?;
    make_whiteout(&fd, OsStr::new(name))
}

/// Marks the directory open as `dir` opaque.
pub fn set_opaque(dir: OwnedFd) -> io::Result<()> {
    use xattr::FileExt;
    File::from(dir).set_xattr(OPAQUE_XATTR, b"y")
}
