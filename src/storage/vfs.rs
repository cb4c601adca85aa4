//! The vfs driver: a container's root file system as a full copy of its image's layers, made
//! once (temp directory, then rename). Slow and large, but it works on any file system.

use std::fs;
use std::io;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use super::whiteout;
use crate::ids::FileOwner;
use crate::state::scratch;

#[derive(Debug, thiserror::Error)]
#[error("cannot copy layer {} into {}: {source}", layer.display(), dest.display())]
pub struct VfsError {
    pub layer: PathBuf,
    pub dest: PathBuf,
    #[source]
    pub source: io::Error,
}

/// Makes `dest` hold the layers applied bottom-up (whiteouts delete, opaque directories
/// hide what is below). Nothing happens when `dest` already exists.
pub fn materialize(lowers: &[PathBuf], dest: &Path) -> Result<(), VfsError> {
    if dest.exists() {
        return Ok(());
    }
    let parent = dest.parent().unwrap_or(Path::new("/"));
    let tmp = scratch::temp_path(parent, "rootfs");
    let wrap = |layer: &Path| {
        let layer = layer.to_path_buf();
        let dest = dest.to_path_buf();
        move |source| VfsError {
            layer,
            dest,
            source,
        }
    };
    fs::create_dir_all(&tmp).map_err(wrap(parent))?;
    for layer in lowers {
        if let Err(e) = apply(layer, &tmp, Whiteouts::Apply) {
            let _ = scratch::remove_any(&tmp);
            return Err(wrap(layer)(e));
        }
    }
    fs::rename(&tmp, dest).map_err(wrap(parent))?;
    fs::write(copied_marker(dest), b"").map_err(wrap(parent))
}

/// Written once the copy is complete: its time tells `diff` which files the container wrote.
fn copied_marker(dest: &Path) -> PathBuf {
    dest.with_extension("copied")
}

/// When the copy at `dest` was made, if it was.
pub fn copied_at(dest: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(copied_marker(dest))
        .and_then(|m| m.modified())
        .ok()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Whiteouts {
    /// `src` is a layer: its whiteouts and opaque directories delete from `dst`.
    Apply,
    /// `src` is a plain tree (an assembled root file system).
    None,
}

/// Copies the plain directory tree `src` into `dst` (a directory): files, directories,
/// symlinks (not followed) and fifos, with their permissions.
pub fn copy_tree(src: &Path, dst: &Path) -> io::Result<()> {
    apply(src, dst, Whiteouts::None)
}

fn apply(src: &Path, dst: &Path, whiteouts: Whiteouts) -> io::Result<()> {
    if whiteouts == Whiteouts::Apply && whiteout::is_opaque(src)? {
        for entry in fs::read_dir(dst)? {
            scratch::remove_any(&entry?.path())?;
        }
    }
    for entry in fs::read_dir(src)? {
        let entry = entry?;
        let from = entry.path();
        let to = dst.join(entry.file_name());
        let meta = fs::symlink_metadata(&from)?;
        let kind = meta.file_type();
        if whiteouts == Whiteouts::Apply && whiteout::is_whiteout(&meta) {
            scratch::remove_any(&to)?;
            continue;
        }
        let existing = fs::symlink_metadata(&to).ok();
        if existing
            .as_ref()
            .is_some_and(|m| !(m.is_dir() && kind.is_dir()))
        {
            scratch::remove_any(&to)?;
        }
        if kind.is_dir() {
            if existing.is_none_or(|m| !m.is_dir()) {
                fs::create_dir(&to)?;
            }
            apply(&from, &to, whiteouts)?;
            fs::set_permissions(&to, meta.permissions())?;
            copy_owner(&from, &to)?;
        } else if kind.is_symlink() {
            symlink(fs::read_link(&from)?, &to)?;
        } else if kind.is_fifo() {
            nix::unistd::mkfifo(
                &to,
                nix::sys::stat::Mode::from_bits_truncate(meta.permissions().mode()),
            )?;
            copy_owner(&from, &to)?;
        } else if kind.is_file() {
            fs::copy(&from, &to)?;
            copy_owner(&from, &to)?;
        }
    }
    Ok(())
}

/// The owner recorded on `from` (root emulation's, kept by unpack) recorded on `to`, or none:
/// a directory a lower layer recorded an owner on takes the upper layer's. A store that takes
/// no user xattrs records none to copy.
pub(super) fn copy_owner(from: &Path, to: &Path) -> io::Result<()> {
    let unsupported = |e: &io::Error| e.raw_os_error() == Some(libc::EOPNOTSUPP);
    let result = match xattr::get(from, FileOwner::XATTR) {
        Ok(Some(owner)) => xattr::set(to, FileOwner::XATTR, &owner),
        Ok(None) => match xattr::remove(to, FileOwner::XATTR) {
            Err(e) if e.raw_os_error() == Some(libc::ENODATA) => Ok(()),
            other => other,
        },
        Err(e) => Err(e),
    };
    match result {
        Err(e) if unsupported(&e) => Ok(()),
        other => other,
    }
}
