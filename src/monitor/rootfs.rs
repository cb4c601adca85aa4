//! Assembling the container's root file system with the store's driver, inside the monitor's
//! mount namespace (so it disappears with the monitor).

use std::fs;

use super::spec::RootfsSpec;
use crate::config::StorageDriver;
use crate::storage::{fuse_overlayfs, overlay::Overlay, vfs};

/// Takes the root file system down (lazily: nothing of the container may still use it), so
/// that its directories can be removed.
pub fn disassemble(spec: &RootfsSpec) {
    let _ = nix::mount::umount2(&spec.merged, nix::mount::MntFlags::MNT_DETACH);
}

pub fn assemble(spec: &RootfsSpec) -> Result<(), String> {
    for dir in [&spec.upper, &spec.work, &spec.merged] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    match spec.driver {
        StorageDriver::Overlay => Overlay {
            lowers: &spec.lowers,
            upper: &spec.upper,
            work: &spec.work,
        }
        .mount(&spec.merged)
        .map_err(|e| e.to_string()),
        StorageDriver::FuseOverlayfs => {
            fuse_overlayfs::mount(&spec.lowers, &spec.upper, &spec.work, &spec.merged)
                .map_err(|e| e.to_string())
        }
        // vfs: the copy is the writable layer itself; `upper` holds it.
        StorageDriver::Vfs => {
            let rootfs = spec.upper.join("rootfs");
            vfs::materialize(&spec.lowers, &rootfs).map_err(|e| e.to_string())?;
            nix::mount::mount(
                Some(&rootfs),
                &spec.merged,
                None::<&str>,
                nix::mount::MsFlags::MS_BIND | nix::mount::MsFlags::MS_REC,
                None::<&str>,
            )
            .map_err(|e| format!("cannot bind {}: {e}", rootfs.display()))
        }
    }
}
