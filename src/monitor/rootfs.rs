//! Assembling the container's root file system with the store's driver, inside the monitor's
//! mount namespace (so it disappears with the monitor).

use std::fs;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;

use super::error::{Cause, MonitorError};
use super::spec::{RootfsSpec, VolumeFill};
use crate::config::StorageDriver;
use crate::runtime::safe_path::RootDir;
use crate::storage::{fuse_overlayfs, lower_dirs, overlay::Overlay, squash, vfs};

/// Takes the root file system down (lazily: nothing of the container may still use it), so
/// that its directories can be removed.
pub fn disassemble(spec: &RootfsSpec) {
    unmount(&spec.merged);
}

/// [`disassemble`] with the mount point's own path: `--rm` moved the container's directory.
pub fn unmount(merged: &Path) {
    let _ = nix::mount::umount2(merged, nix::mount::MntFlags::MNT_DETACH);
}

fn failed(message: impl ToString) -> MonitorError {
    MonitorError::Rootfs(Cause::new(message, None))
}

pub fn assemble(spec: &RootfsSpec) -> Result<(), MonitorError> {
    for dir in [&spec.upper, &spec.work, &spec.merged] {
        fs::create_dir_all(dir)
            .map_err(|e| failed(format!("cannot create {}: {e}", dir.display())))?;
    }
    if let Some(sq) = &spec.squash {
        fs::create_dir_all(&sq.mountpoint)
            .map_err(|e| failed(format!("cannot create {}: {e}", sq.mountpoint.display())))?;
        squash::mount(&sq.file, &sq.mountpoint, &sq.log).map_err(failed)?;
        squash::make_record_hider(&sq.hider)
            .map_err(|e| failed(format!("cannot create {}: {e}", sq.hider.display())))?;
    }
    if let Some(dir) = &spec.bind {
        return bind(dir, &spec.merged);
    }
    match spec.driver {
        StorageDriver::Overlay => {
            make_foreign_dirs(spec)?;
            Overlay {
                lowers: &spec.lowers,
                writable: Some((&spec.upper, &spec.work)),
                volatile: spec.volatile,
            }
            .mount(&spec.merged)
            .map_err(failed)
        }
        StorageDriver::FuseOverlayfs => {
            // Our own ids in this namespace: the one id it maps.
            let squash_to = foreign_lowers(spec)?.then(|| {
                (
                    nix::unistd::getuid().as_raw(),
                    nix::unistd::getgid().as_raw(),
                )
            });
            fuse_overlayfs::mount(
                &spec.lowers,
                &spec.upper,
                &spec.work,
                &spec.merged,
                squash_to,
            )
            .map_err(failed)
        }
        // vfs: the copy is the writable layer itself; `upper` holds it.
        StorageDriver::Vfs => {
            let rootfs = spec.upper.join("rootfs");
            vfs::materialize(&spec.lowers, &rootfs).map_err(failed)?;
            bind(&rootfs, &spec.merged)
        }
    }
}

/// Whether a lower layer is another user's (a shared store's, #22), which fuse-overlayfs then
/// shows as ours.
fn foreign_lowers(spec: &RootfsSpec) -> Result<bool, MonitorError> {
    lower_dirs::Mapped::current()
        .and_then(|mapped| lower_dirs::foreign(&spec.lowers, &mapped))
        .map_err(|e| failed(format!("cannot read the owners of the image's layers: {e}")))
}

/// A shared store's directories, which the namespace cannot map the owner of, made in the
/// writable layer so that the container and its mount points can be made in them under
/// kernel overlay (#22).
fn make_foreign_dirs(spec: &RootfsSpec) -> Result<(), MonitorError> {
    lower_dirs::Mapped::current()
        .and_then(|mapped| lower_dirs::make_in_upper(&spec.lowers, &spec.upper, &mapped))
        .map(drop)
        .map_err(|e| {
            failed(format!(
                "cannot make the image's directories owned by another user in {}: {e}",
                spec.upper.display()
            ))
        })
}

fn bind(dir: &Path, merged: &Path) -> Result<(), MonitorError> {
    nix::mount::mount(
        Some(dir),
        merged,
        None::<&str>,
        nix::mount::MsFlags::MS_BIND | nix::mount::MsFlags::MS_REC,
        None::<&str>,
    )
    .map_err(|e| failed(format!("cannot bind {}: {e}", dir.display())))
}

/// docker's rule for volumes: an empty volume takes a copy of what the image has at its mount
/// point. The mount point resolves inside the root file system: an image's symlink cannot
/// make the monitor copy a host directory.
pub fn fill_volumes(merged: &Path, fills: &[VolumeFill]) -> Result<(), MonitorError> {
    if fills.is_empty() {
        return Ok(());
    }
    let failed = |message: String| MonitorError::Volume(Cause::new(message, None));
    let root = RootDir::open(merged)
        .map_err(|e| failed(format!("cannot open {}: {e}", merged.display())))?;
    for fill in fills {
        let empty = fs::read_dir(&fill.data)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            continue;
        }
        let rel = Path::new(fill.target.trim_start_matches('/'));
        let dir = match root.open_at(rel, OFlag::O_DIRECTORY | OFlag::O_RDONLY) {
            Ok(fd) => fd,
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => continue,
            Err(e) => {
                return Err(failed(format!(
                    "cannot open {} in the image: {e}",
                    fill.target
                )));
            }
        };
        // The init refuses to mount there (see runtime::mounts); copying the whole image
        // into the volume first would only waste its space.
        if root
            .is_root(&dir)
            .map_err(|e| failed(format!("cannot open {}: {e}", fill.target)))?
        {
            return Err(failed(format!(
                "cannot mount a volume on {}: the path leads to the container's root directory",
                fill.target
            )));
        }
        let source = PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
        let copy = || -> std::io::Result<()> {
            vfs::copy_tree(&source, &fill.data)?;
            fs::set_permissions(&fill.data, fs::metadata(&source)?.permissions())
        };
        copy().map_err(|e| {
            failed(format!(
                "cannot copy {} from the image into its volume: {e}",
                fill.target
            ))
        })?;
    }
    Ok(())
}

/// An infra container's /dev/shm, in its run directory, which its pod's members bind: open to
/// every user, as a tmpfs /dev/shm is.
pub(super) fn make_shm_dir(spec: &super::spec::MonitorSpec) -> Result<(), MonitorError> {
    use std::os::unix::fs::PermissionsExt;
    let Some(dir) = spec
        .init
        .shm_dir
        .as_ref()
        .filter(|d| d.starts_with(&spec.run_dir))
    else {
        return Ok(());
    };
    fs::create_dir_all(dir)
        .and_then(|()| fs::set_permissions(dir, fs::Permissions::from_mode(0o1777)))
        .map_err(|e| MonitorError::Setup {
            action: format!("create {}", dir.display()).into(),
            cause: e.into(),
        })
}
