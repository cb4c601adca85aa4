//! `diff`, `export` and `commit`: a container's file system read from its writable layer and
//! its image's layers on disk, without mounting anything, so they work running or not.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::base::Base;
use super::plan::mounts::MountKind;
use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine, squash_read};
use crate::config::StorageDriver;
use crate::ids::ImageId;
use crate::image::commit::{self, CommitOptions, Layer};
use crate::image::fs_tar::{self, Owner};
use crate::image::reference::Reference;
use crate::image::squash_file;
use crate::monitor::spec::SquashSpec;
use crate::state::atomic::{self, Failed};
use crate::state::scratch;
use crate::storage::changes;
pub use crate::storage::changes::{Change, Kind};
use crate::storage::union::Union;

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

/// What lies below a container's writable layer.
enum Below {
    /// Directories on this host, top first: the image's layers of the store, or a `--rootfs
    /// DIR:O` directory.
    Layers(Vec<PathBuf>),
    /// A squashfs image file, read through [`squash_read`].
    Squash(SquashSpec),
    /// `--rootfs DIR`: the directory is the container's tree and takes its writes itself.
    Itself(PathBuf),
}

fn below(engine: &Engine, record: &ContainerRecord, paths: &Paths) -> Below {
    let spec = super::monitor_spec::rootfs_spec(engine, record, paths);
    match (spec.squash, spec.bind) {
        (Some(squash), _) => Below::Squash(squash),
        (None, Some(dir)) => Below::Itself(dir),
        (None, None) => Below::Layers(spec.lowers.into_iter().rev().collect()),
    }
}

/// The helper's request to read a squashfs container's tree.
fn squash_request(
    record: &ContainerRecord,
    paths: &Paths,
    squash: SquashSpec,
    want: squash_read::Want,
) -> squash_read::ReadSpec {
    squash_read::ReadSpec {
        id_map: super::copy::caller_map(record),
        squash,
        driver: record.driver,
        writable: writable_root(record, paths),
        want,
    }
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

/// `diff` of a `--rootfs DIR` container: its changes went into the directory itself.
fn no_image_below(record: &ContainerRecord, dir: &Path) -> ContainerError {
    ContainerError::invalid(
        "container",
        &record.name,
        format!(
            "it writes into the directory {} itself: there is no image below its changes to \
             compare with (run it with --rootfs {}:O to keep them apart)",
            dir.display(),
            dir.display()
        ),
    )
}

/// What the container changed, sorted by path.
pub fn changes(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
) -> Result<(Option<PathBuf>, Vec<Change>), ContainerError> {
    let below = below(engine, record, paths);
    if let Below::Itself(dir) = &below {
        return Err(no_image_below(record, dir));
    }
    let Some(root) = writable_root(record, paths) else {
        return Ok((None, Vec::new()));
    };
    let (found, image) = match below {
        Below::Layers(layers) => {
            let image = Union::new(layers);
            let found = squash_read::changes_against(record.driver, &root, &image)
                .map_err(ContainerError::io("read the changes in", &root))?;
            (found, image)
        }
        Below::Squash(squash) => {
            let mut json = Vec::new();
            let request = squash_request(record, paths, squash, squash_read::Want::Changes);
            squash_read::read(&request, &mut json)?;
            let found: Vec<Change> = serde_json::from_slice(&json).map_err(|e| {
                ContainerError::io("read the changes in", &root)(std::io::Error::other(e))
            })?;
            // rpod's own mount points are told apart by the image lacking them: an empty
            // view stands for the file's tree, which has none of them.
            (found, Union::new(Vec::new()))
        }
        Below::Itself(dir) => return Err(no_image_below(record, &dir)),
    };
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

/// [`changes`] without the mount points of the container's own mounts at `targets`
/// (relative to the root): a target the container added that is empty, and each directory
/// added only to hold one. A build step's secret is bound over a path the image may lack; the
/// empty file the mount made there is no change of the step.
pub fn changes_except(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
    targets: &[PathBuf],
) -> Result<(Option<PathBuf>, Vec<Change>), ContainerError> {
    let (root, mut found) = changes(engine, record, paths)?;
    let Some(dir) = &root else {
        return Ok((root, found));
    };
    // Deepest first, so that a directory is judged after what is below it.
    found.sort_by_key(|c| std::cmp::Reverse(c.path.components().count()));
    let mut kept: Vec<Change> = Vec::with_capacity(found.len());
    for change in found {
        let made_for_mount = change.kind == changes::Kind::Added
            && targets.iter().any(|t| t.starts_with(&change.path))
            && (targets.contains(&change.path) && is_empty(&dir.join(&change.path))
                || !targets.contains(&change.path)
                    && !kept.iter().any(|k| k.path.starts_with(&change.path)));
        if !made_for_mount {
            kept.push(change);
        }
    }
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((root, kept))
}

/// `export -o FILE`: the tar stream into a file, written beside it and renamed into place: a
/// failed export leaves no half archive.
pub fn export_to_file(
    engine: &Engine,
    name_or_id: &str,
    path: &Path,
) -> Result<(), ContainerError> {
    let (record, paths) = engine.find_here(name_or_id)?;
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
    mut out: impl Write,
) -> Result<(), ContainerError> {
    let layers = match below(engine, record, paths) {
        Below::Itself(dir) => vec![dir],
        Below::Squash(squash) => {
            let want = squash_read::Want::Tree {
                owner: owner(record),
            };
            return squash_read::read(&squash_request(record, paths, squash, want), &mut out);
        }
        Below::Layers(image) => match (record.driver, writable_root(record, paths)) {
            (StorageDriver::Vfs, Some(copy)) => vec![copy],
            (_, Some(upper)) => std::iter::once(upper).chain(image).collect(),
            (_, None) => image,
        },
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
    /// `--pause`: a running container is paused while its changes are read.
    pub pause: bool,
    /// `--include-volumes`: the container's volume and bind targets become image volumes.
    pub include_volumes: bool,
    /// `--config`: container config fields (docker's schema 2 names) laid over the image's.
    pub config: Option<serde_json::Map<String, serde_json::Value>>,
    /// `--squash`: the image's layers made one.
    pub squash: bool,
}

/// Lets a container `commit --pause` paused run again, however the commit ends.
struct Unpause<'a>(&'a Paths, i32);

impl Drop for Unpause<'_> {
    fn drop(&mut self) {
        super::pause::resume(self.0, self.1);
    }
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
    let _unpause = match super::status::of(paths) {
        super::status::Status::Running(running) if opts.pause => {
            super::pause::pause_locked(engine, record, paths)?;
            Some(Unpause(paths, running.pid))
        }
        _ => None,
    };
    let run = &record.run;
    let volumes: Vec<String> = match opts.include_volumes {
        true => record
            .run
            .mounts
            .iter()
            .filter(|m| !matches!(m.kind, MountKind::Tmpfs { .. }))
            .map(|m| m.target.clone())
            .collect(),
        false => Vec::new(),
    };
    let mut merge_error = None;
    let settle = |config: &mut crate::image::manifest::ContainerConfig| {
        config.cmd = Some(run.cmd.clone()).filter(|c| !c.is_empty());
        config.entrypoint = Some(run.entrypoint.clone()).filter(|e| !e.is_empty());
        config.env = Some(run.env.clone());
        config.working_dir = Some(run.working_dir.clone()).filter(|w| !w.is_empty() && w != "/");
        config.user = Some(run.user.clone()).filter(|u| !u.is_empty());
        if !run.labels.is_empty() {
            config.labels = Some(run.labels.clone().into_iter().collect());
        }
        for target in &volumes {
            let set = config.volumes.get_or_insert_default();
            set.insert(target.clone(), serde_json::json!({}));
        }
        if let Some(fields) = &opts.config {
            merge_error = merge_config(config, fields).err();
        }
    };
    let options = CommitOptions {
        changes: opts.changes.clone(),
        message: opts.message.clone(),
        author: opts.author.clone(),
        created_by: format!("/bin/sh -c #(nop) rpod commit {}", run.args().join(" ")),
    };
    // A container from no image of the store becomes a one-layer image of its whole tree,
    // on the config it ran from.
    let base_config = match (&record.squash, &record.root_dir) {
        (Some(file), _) => {
            let image = squash_file::open(file)?;
            Some(Base::Squash(&image).config(engine, &record.name)?)
        }
        (None, Some(dir)) => Some(Base::Dir(dir).config(engine, &record.name)?),
        (None, None) => None,
    };
    let id = match base_config {
        Some(config) => {
            let tree = scratch::Temp::new(engine.store.dir(), "commit");
            let file = std::fs::File::create(tree.path())
                .map_err(ContainerError::io("cannot write", tree.path()))?;
            let mut out = std::io::BufWriter::new(file);
            export(engine, record, paths, &mut out)?;
            out.flush()
                .map_err(ContainerError::io("cannot write", tree.path()))?;
            drop(out);
            commit::commit_tree(engine.store, config, tree.path(), name, settle, &options)?
        }
        None => {
            let parent = stored_parent(engine, record)?;
            let (root, found) = changes(engine, record, paths)?;
            let empty = PathBuf::new();
            let layer = Layer {
                root: root.as_deref().unwrap_or(&empty),
                changes: &found,
                owner: owner(record),
            };
            let unnamed = if opts.squash { None } else { name };
            commit::commit(engine.store, &parent, &layer, unnamed, settle, &options)?
        }
    };
    if let Some(e) = merge_error {
        return Err(e);
    }
    let id = match opts.squash {
        true => squash_all(engine, &id, name)?,
        false => id,
    };
    engine.event("commit", record);
    Ok(id)
}

/// `commit --config`: the file's fields replace the image config's of the same name.
fn merge_config(
    config: &mut crate::image::manifest::ContainerConfig,
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), ContainerError> {
    let invalid = |e: serde_json::Error| ContainerError::invalid("--config", "FILE", e.to_string());
    let mut merged = serde_json::to_value(&*config).map_err(invalid)?;
    let object = merged.as_object_mut().expect("a config is a JSON object");
    object.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
    *config = serde_json::from_value(merged).map_err(invalid)?;
    Ok(())
}

/// `commit --squash`: the committed image as one layer, named `name`; the unsquashed commit
/// goes.
fn squash_all(
    engine: &Engine,
    id: &ImageId,
    name: Option<&Reference>,
) -> Result<ImageId, ContainerError> {
    let store = engine.store;
    let committed = store
        .index()?
        .get(id)
        .cloned()
        .ok_or_else(|| crate::image::store::StoreError::NotFound(id.to_string()))?;
    let squashed = crate::image::flatten::squash(store, None, &committed, None)?;
    let names: Vec<String> = name.and_then(Reference::tagged_name).into_iter().collect();
    store.name_image(&squashed.id, &names)?;
    if squashed.id != committed.id {
        let guard = store.lock()?;
        let mut index = store.index()?;
        index.images.retain(|i| i.id != committed.id);
        store.write_index(&guard, &index)?;
        drop(guard);
        store.collect_garbage()?;
    }
    Ok(squashed.id)
}

/// The image of the store the container was made from.
fn stored_parent(
    engine: &Engine,
    record: &ContainerRecord,
) -> Result<crate::image::store::ImageRecord, ContainerError> {
    let index = engine
        .store
        .index()
        .map_err(|e| ContainerError::invalid("container", record.name.clone(), e.to_string()))?;
    index.get(&record.image).cloned().ok_or_else(|| {
        ContainerError::invalid(
            "container",
            record.name.clone(),
            format!(
                "its image {} is no longer in the store",
                record.image.short()
            ),
        )
    })
}
