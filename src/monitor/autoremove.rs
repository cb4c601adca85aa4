//! `--rm`: the monitor removes its container once the last run has ended.

use std::fs;

use super::spec::MonitorSpec;
use super::state::{LOCK_FILE, RUNNING_FILE};
use crate::state::{lock, scratch};

/// `--rm`: the container's directory goes, under its lifecycle lock (a verb acting on it
/// finishes first; a `rpod rm` that removed it already leaves nothing to do) and the store
/// lock, so that no command sees half.
pub(super) fn remove_container(spec: &MonitorSpec) {
    // No lock file: `rpod rm` removed the container first.
    if let Ok(_lifecycle) = lock::exclusive(&spec.container_dir.join(LOCK_FILE)) {
        // A `rpod start` that got the lock first runs the container again under a new
        // monitor: it stays.
        if spec.run_dir.join(RUNNING_FILE).exists() {
            return;
        }
        let Ok(guard) = lock::exclusive(&spec.lock_file) else {
            return;
        };
        let parent = spec.container_dir.parent().unwrap_or(&spec.container_dir);
        let tmp = scratch::temp_path(parent, "rm");
        if fs::rename(&spec.container_dir, &tmp).is_ok() {
            drop(guard);
            if let Some(cidfile) = &spec.cidfile {
                crate::state::atomic::remove_id_file(cidfile, &spec.container_id);
            }
            let _ = scratch::remove_any(&tmp);
            for lease in &spec.leases {
                let _ = fs::remove_file(lease);
            }
        }
    }
    for volume in &spec.anonymous_volumes {
        let Some(parent) = volume.parent() else {
            continue;
        };
        let tmp = scratch::temp_path(parent, "rm");
        if fs::rename(volume, &tmp).is_ok() {
            let _ = scratch::remove_any(&tmp);
        }
    }
    // The writable layer, when it lives on a local disk apart from the records.
    if let Some(layers) = spec.rootfs.upper.parent()
        && layers != spec.container_dir
    {
        let _ = scratch::remove_any(layers);
    }
}
