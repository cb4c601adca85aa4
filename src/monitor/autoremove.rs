//! `--rm`: the monitor removes its container once the last run has ended.

use std::fs;
use std::path::{Path, PathBuf};

use super::spec::{MonitorSpec, RootfsSpec};
use super::state::{LOCK_FILE, RUNNING_FILE};
use crate::state::events::{self, Event};
use crate::state::{lock, name_claim, scratch};

/// What `--rm` took out of every name: the container's directory and its anonymous volumes,
/// under temporary names (a monitor killed before [`Trash::empty`] leaves them to the next
/// command's sweep of temporary names), and a node-local writable layer.
#[must_use]
pub(super) struct Trash {
    trees: Vec<PathBuf>,
    /// The container's directory and the temporary name it now has.
    moved: Option<(PathBuf, PathBuf)>,
}

impl Trash {
    fn kept() -> Trash {
        Trash {
            trees: Vec::new(),
            moved: None,
        }
    }

    /// Takes the container's root down, then deletes the trees: after the attached CLI heard
    /// the exit, which needs none of it gone (an unmount waits for an RCU grace period, 10–20
    /// ms, more on a busy host, and on a busy disk each unlink costs milliseconds) (#21). A
    /// `start` that won the race with `--rm` (the container stays) has meanwhile mounted the
    /// root once more: overlay allows that without an index, and this mount has no user left.
    pub(super) fn empty(self, rootfs: &RootfsSpec) {
        super::rootfs::unmount(&self.now_at(&rootfs.merged));
        for tree in self.trees {
            let _ = scratch::remove_any(&tree);
        }
    }

    /// Where `path` is now: under the temporary name when it was in the container's directory.
    fn now_at(&self, path: &Path) -> PathBuf {
        self.moved
            .as_ref()
            .and_then(|(from, to)| Some(to.join(path.strip_prefix(from).ok()?)))
            .unwrap_or_else(|| path.to_path_buf())
    }
}

/// `--rm`: the container's directory goes, under its lifecycle lock (a verb acting on it
/// finishes first; a `rpod rm` that removed it already leaves nothing to do) and the store
/// lock, so that no command sees half: once it is renamed the container's name, id and
/// volumes are free.
pub(super) fn remove_container(spec: &MonitorSpec) -> Trash {
    let mut trash = Trash::kept();
    // No lock file: `rpod rm` removed the container first.
    if let Ok(_lifecycle) = lock::exclusive(&spec.container_dir.join(LOCK_FILE)) {
        // A `rpod start` that got the lock first runs the container again under a new
        // monitor: it stays.
        if spec.run_dir.join(RUNNING_FILE).exists() {
            return trash;
        }
        let Ok(guard) = lock::exclusive(&spec.lock_file) else {
            return trash;
        };
        let parent = spec.container_dir.parent().unwrap_or(&spec.container_dir);
        let tmp = scratch::temp_path(parent, "rm");
        if fs::rename(&spec.container_dir, &tmp).is_ok() {
            // The record's own name: a `rename` since the start changed it.
            if let Some(name) = record_name(&tmp) {
                let _ = name_claim::release(&spec.names_dir, &name, &spec.container_id);
            }
            drop(guard);
            if let Some(cidfile) = &spec.cidfile {
                crate::state::atomic::remove_id_file(cidfile, &spec.container_id);
            }
            trash.trees.push(tmp.clone());
            trash.moved = Some((spec.container_dir.clone(), tmp));
            let removed = Event::new("container", "remove", &spec.container_id, &spec.name)
                .with("image", spec.image_name.clone());
            events::record(&spec.runroot, &removed);
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
            trash.trees.push(tmp);
        }
    }
    // The writable layer, when it lives on a local disk apart from the records: named by
    // the container's id, which nothing takes again.
    if let Some(layers) = spec.rootfs.upper.parent()
        && layers != spec.container_dir
    {
        trash.trees.push(layers.to_path_buf());
    }
    trash
}

/// The name in a container's record (its `config.json`), read for nothing else.
fn record_name(container_dir: &std::path::Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    let bytes = fs::read(container_dir.join("config.json")).ok()?;
    serde_json::from_slice::<Named>(&bytes).ok().map(|n| n.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_unmounted_where_the_moved_directory_now_is() {
        let trash = Trash {
            trees: Vec::new(),
            moved: Some(("/d/containers/abc".into(), "/d/containers/.tmp-rm".into())),
        };
        assert_eq!(
            trash.now_at(Path::new("/d/containers/abc/merged")),
            Path::new("/d/containers/.tmp-rm/merged")
        );
        // A node-local writable layer is not moved: its mount point keeps its path.
        assert_eq!(
            trash.now_at(Path::new("/local/abc/merged")),
            Path::new("/local/abc/merged")
        );
        assert_eq!(
            Trash::kept().now_at(Path::new("/d/containers/abc/merged")),
            Path::new("/d/containers/abc/merged")
        );
    }
}
