//! `diff`, `export` and `commit`: a container's file system read from its writable layer and
//! its image's layers on disk, without mounting anything, so they work running or not.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine};
use crate::config::StorageDriver;
use crate::ids::ImageId;
use crate::image::commit::{self, CommitOptions, Layer};
use crate::image::fs_tar::{self, Owner};
use crate::image::reference::Reference;
use crate::state::atomic::{self, Failed};
use crate::storage::changes;
pub use crate::storage::changes::{Change, Kind};
use crate::storage::union::Union;
use crate::storage::vfs;

/// Mount points the init makes for rpod's own mounts when the image lacks them: they are not
/// the container's doing, and docker leaves them out too.
const OWN_MOUNT_POINTS: [&str; 6] = [
    "dev",
    "proc",
    "sys",
    "etc/hosts",
    "etc/hostname",
    "etc/resolv.conf",
];

fn image_layers(engine: &Engine, record: &ContainerRecord) -> Result<Vec<PathBuf>, ContainerError> {
    super::base::refuse_outside_store(record)?;
    Ok(record
        .layers
        .iter()
        .rev()
        .map(|l| engine.store.layer_diff(l))
        .collect())
}

/// Who owns, in a layer, a file the container made that has no owner recorded on it: the id
/// its user namespace maps (see [`super::monitor_spec::kernel_ids`]).
pub fn owner(record: &ContainerRecord) -> Owner {
    let (uid, gid) = super::monitor_spec::kernel_ids(&record.run);
    Owner { uid, gid }
}

/// The directory holding the container's own files: the overlay upper directory, or the vfs
/// copy. None before the container first ran.
fn writable_root(record: &ContainerRecord, paths: &Paths) -> Option<PathBuf> {
    let root = match record.driver {
        StorageDriver::Vfs => paths.upper().join("rootfs"),
        StorageDriver::Overlay | StorageDriver::FuseOverlayfs => paths.upper(),
    };
    root.exists().then_some(root)
}

fn is_own_mount_point(root: &Path, change: &Change, image: &Union) -> bool {
    change.kind == changes::Kind::Added
        && OWN_MOUNT_POINTS.iter().any(|p| change.path == Path::new(p))
        && is_empty(&root.join(&change.path))
        && image.lookup(&change.path).ok().flatten().is_none()
}

fn is_empty(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none()),
        Ok(m) => m.is_file() && m.len() == 0,
        Err(_) => false,
    }
}

/// What the container changed, sorted by path.
pub fn changes(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
) -> Result<(Option<PathBuf>, Vec<Change>), ContainerError> {
    super::base::refuse_outside_store(record)?;
    let Some(root) = writable_root(record, paths) else {
        return Ok((None, Vec::new()));
    };
    let image = Union::new(image_layers(engine, record)?);
    let found = match record.driver {
        StorageDriver::Vfs => {
            let copied_at = vfs::copied_at(&root).unwrap_or(SystemTime::UNIX_EPOCH);
            changes::of_copy(&root, &image, copied_at)
        }
        _ => changes::of_upper(&root, &image),
    }
    .map_err(ContainerError::io("read the changes in", &root))?;
    let mut found: Vec<Change> = found
        .into_iter()
        .filter(|c| !is_own_mount_point(&root, c, &image))
        .collect();
    // Their parent directory, changed only by those mount points, is no change either.
    if !found
        .iter()
        .any(|c| c.path.starts_with("etc") && c.path != Path::new("etc"))
    {
        found.retain(|c| !(c.path == Path::new("etc") && c.kind == changes::Kind::Changed));
    }
    Ok((Some(root), found))
}

/// `export -o FILE`: the tar stream into a file, written beside it and renamed into place: a
/// failed export leaves no half archive.
pub fn export_to_file(
    engine: &Engine,
    name_or_id: &str,
    path: &Path,
) -> Result<(), ContainerError> {
    let (record, paths) = engine.find(name_or_id)?;
    atomic::write_with(path, |out| {
        export(engine, &record, &paths, out).map_err(Failed::Fill)
    })
    .map_err(|e| match e {
        Failed::Io(source) => ContainerError::io("cannot write", path)(source),
        Failed::Fill(e) => e,
    })
}

/// The container's whole root file system as a tar stream.
pub fn export(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
    out: impl Write,
) -> Result<(), ContainerError> {
    let layers = match (record.driver, writable_root(record, paths)) {
        (StorageDriver::Vfs, Some(copy)) => vec![copy],
        (_, Some(upper)) => std::iter::once(upper)
            .chain(image_layers(engine, record)?)
            .collect(),
        (_, None) => image_layers(engine, record)?,
    };
    fs_tar::write_tree(
        &Union::new(layers),
        owner(record),
        fs_tar::OwnerXattrs::Omit,
        out,
    )?;
    Ok(())
}

pub struct Commit {
    pub changes: Vec<String>,
    pub message: Option<String>,
    pub author: Option<String>,
}

/// A new image: the container's image, its changes as one more layer, and its settings
/// (command, environment, working directory, user, labels) as the config.
pub fn commit(
    engine: &Engine,
    name_or_id: &str,
    name: Option<&Reference>,
    opts: Commit,
) -> Result<ImageId, ContainerError> {
    // Locked: the container is neither removed nor restarted while its changes are read.
    let locked = engine.lock_container(name_or_id)?;
    let (record, paths) = (&locked.record, &locked.paths);
    let index = engine
        .store
        .index()
        .map_err(|e| ContainerError::invalid("container", record.name.clone(), e.to_string()))?;
    let parent = index.get(&record.image).cloned().ok_or_else(|| {
        ContainerError::invalid(
            "container",
            record.name.clone(),
            format!(
                "its image {} is no longer in the store",
                record.image.short()
            ),
        )
    })?;
    let (root, found) = changes(engine, record, paths)?;
    let empty = PathBuf::new();
    let layer = Layer {
        root: root.as_deref().unwrap_or(&empty),
        changes: &found,
        owner: owner(record),
    };
    let run = &record.run;
    let settle = |config: &mut crate::image::manifest::ContainerConfig| {
        config.cmd = Some(run.cmd.clone()).filter(|c| !c.is_empty());
        config.entrypoint = Some(run.entrypoint.clone()).filter(|e| !e.is_empty());
        config.env = Some(run.env.clone());
        config.working_dir = Some(run.working_dir.clone()).filter(|w| !w.is_empty() && w != "/");
        config.user = Some(run.user.clone()).filter(|u| !u.is_empty());
        if !run.labels.is_empty() {
            config.labels = Some(run.labels.clone().into_iter().collect());
        }
    };
    let options = CommitOptions {
        changes: opts.changes,
        message: opts.message,
        author: opts.author,
        created_by: format!("/bin/sh -c #(nop) rpod commit {}", run.args().join(" ")),
    };
    let id = commit::commit(engine.store, &parent, &layer, name, settle, &options)?;
    engine.event("commit", record);
    Ok(id)
}
