//! fuse-overlayfs, for kernels or file systems where kernel overlay cannot be mounted by an
//! unprivileged user. It runs as a child of the monitor inside the user namespace and serves
//! the mount until the monitor's mount namespace goes away.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum FuseError {
    #[error("cannot run fuse-overlayfs: {0}")]
    Spawn(io::Error),
    #[error("fuse-overlayfs failed to mount {}: {message}", target.display())]
    Mount { target: PathBuf, message: String },
    #[error("invalid path for a fuse-overlayfs layer {}: it contains ':' or ','", .0.display())]
    BadPath(PathBuf),
}

fn checked(p: &Path) -> Result<String, FuseError> {
    let s = p.display().to_string();
    if s.contains(':') || s.contains(',') {
        return Err(FuseError::BadPath(p.to_path_buf()));
    }
    Ok(s)
}

/// Mounts `lowers` (bottom first) under `upper` at `target`. fuse-overlayfs forks its server
/// into the background once the mount is in place, so this returns when the mount is usable.
/// `squash_to`, a uid and gid of the caller's namespace, is shown as every file's owner: the
/// lower layers of another user, whose ids the namespace does not map, then read as the
/// caller's, as the store's owner sees their own, and fuse-overlayfs (the caller) copies them
/// up on a write, which it refuses for an owner the namespace does not map (#22).
pub fn mount(
    lowers: &[PathBuf],
    upper: &Path,
    work: &Path,
    target: &Path,
    squash_to: Option<(u32, u32)>,
) -> Result<(), FuseError> {
    let lowerdir = lowers
        .iter()
        .rev()
        .map(|l| checked(l))
        .collect::<Result<Vec<_>, _>>()?
        .join(":");
    let mut options = format!(
        "lowerdir={lowerdir},upperdir={},workdir={}",
        checked(upper)?,
        checked(work)?
    );
    if let Some((uid, gid)) = squash_to {
        options.push_str(&format!(",squash_to_uid={uid},squash_to_gid={gid}"));
    }
    let out = Command::new("fuse-overlayfs")
        .arg("-o")
        .arg(options)
        .arg(target)
        .output()
        .map_err(FuseError::Spawn)?;
    if !out.status.success() {
        return Err(FuseError::Mount {
            target: target.to_path_buf(),
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(())
}
