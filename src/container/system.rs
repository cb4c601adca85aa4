//! `system df`, `system prune` and `system reset`: the whole store seen at once.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use super::list::{self, Entry};
use super::prune_filter::PruneFilters;
use super::{ContainerError, Engine, remove, volumes};
use crate::ids::{Digest, ImageId};
use crate::image::check;
use crate::image::remove as image_remove;
use crate::state::scratch;

/// One line of `system df`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub kind: &'static str,
    pub total: usize,
    pub active: usize,
    pub size: u64,
    pub reclaimable: u64,
}

/// Bytes of the regular files under `path` (apparent size, as docker counts).
pub fn disk_usage(path: &Path) -> u64 {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return if meta.is_file() { meta.len() } else { 0 };
    }
    fs::read_dir(path)
        .map(|entries| entries.flatten().map(|e| disk_usage(&e.path())).sum())
        .unwrap_or(0)
}

/// Image id → the name of a container (in any state) made from it.
pub fn image_users(engine: &Engine) -> Result<BTreeMap<ImageId, String>, ContainerError> {
    Ok(engine
        .list()?
        .into_iter()
        .map(|(record, _)| (record.image, record.name))
        .collect())
}

pub fn df(engine: &Engine) -> Result<Vec<Usage>, ContainerError> {
    let entries = list::entries(engine)?;
    let used_images = image_users(engine)?;
    let index = engine
        .store
        .index()
        .map_err(crate::image::remove::RemoveError::from)?;
    let layer_size = |chain: &Digest| engine.store.layer_info(chain).map_or(0, |i| i.size);
    let mut all_layers = BTreeSet::new();
    let mut active_layers = BTreeSet::new();
    for image in &index.images {
        all_layers.extend(image.layers.iter().cloned());
        if used_images.contains_key(&image.id) {
            active_layers.extend(image.layers.iter().cloned());
        }
    }
    let images_size: u64 = all_layers.iter().map(layer_size).sum();
    let active_size: u64 = active_layers.iter().map(layer_size).sum();
    let container_size = |e: &Entry| disk_usage(&e.paths.upper());
    let volume_users = volumes::users(engine)?;
    let all_volumes = engine.volumes.list()?;
    let volume_size = |name: &str| disk_usage(&engine.volumes.data_path(name));
    Ok(vec![
        Usage {
            kind: "Images",
            total: index.images.len(),
            active: index
                .images
                .iter()
                .filter(|i| used_images.contains_key(&i.id))
                .count(),
            size: images_size,
            reclaimable: images_size - active_size,
        },
        Usage {
            kind: "Containers",
            total: entries.len(),
            active: entries.iter().filter(|e| e.status.is_running()).count(),
            size: entries.iter().map(container_size).sum(),
            reclaimable: entries
                .iter()
                .filter(|e| !e.status.is_running())
                .map(container_size)
                .sum(),
        },
        Usage {
            kind: "Local Volumes",
            total: all_volumes.len(),
            active: all_volumes
                .iter()
                .filter(|v| volume_users.contains_key(&v.name))
                .count(),
            size: all_volumes.iter().map(|v| volume_size(&v.name)).sum(),
            reclaimable: all_volumes
                .iter()
                .filter(|v| !volume_users.contains_key(&v.name))
                .map(|v| volume_size(&v.name))
                .sum(),
        },
    ])
}

/// `system df -v`: what each image, container and volume holds.
pub struct Detail {
    /// One per name of each image (`<none>` when untagged), as podman lists them.
    pub images: Vec<ImageDetail>,
    pub containers: Vec<ContainerDetail>,
    pub volumes: Vec<VolumeDetail>,
}

#[derive(Debug)]
pub struct ImageDetail {
    pub repository: String,
    pub tag: String,
    pub id: ImageId,
    pub created: Option<String>,
    pub size: u64,
    /// Bytes of the layers this image shares with another image.
    pub shared: u64,
    pub containers: usize,
}

pub struct ContainerDetail {
    pub entry: Entry,
    /// Named volumes it mounts.
    pub volumes: usize,
    /// Bytes it wrote (its writable layer).
    pub size: u64,
}

#[derive(Debug)]
pub struct VolumeDetail {
    pub name: String,
    /// Containers that mount it.
    pub links: usize,
    pub size: u64,
}

pub fn df_detail(engine: &Engine) -> Result<Detail, ContainerError> {
    let index = engine
        .store
        .index()
        .map_err(crate::image::remove::RemoveError::from)?;
    let entries = list::entries(engine)?;
    let layer_size = |chain: &Digest| engine.store.layer_info(chain).map_or(0, |i| i.size);
    let mut images_of_layer: BTreeMap<&Digest, usize> = BTreeMap::new();
    for image in &index.images {
        for layer in image.layers.iter().collect::<BTreeSet<_>>() {
            *images_of_layer.entry(layer).or_default() += 1;
        }
    }
    let mut images = Vec::new();
    for image in &index.images {
        let unique: BTreeSet<&Digest> = image.layers.iter().collect();
        let size = unique.iter().map(|l| layer_size(l)).sum();
        let shared = unique
            .iter()
            .filter(|l| images_of_layer.get(*l).copied().unwrap_or(0) > 1)
            .map(|l| layer_size(l))
            .sum();
        let containers = entries
            .iter()
            .filter(|e| e.record.image == image.id)
            .count();
        for (repository, tag) in image.repo_tags() {
            images.push(ImageDetail {
                repository,
                tag,
                id: image.id.clone(),
                created: image.created.clone(),
                size,
                shared,
                containers,
            });
        }
    }
    let volume_users = volumes::users(engine)?;
    let volumes = engine
        .volumes
        .list()?
        .into_iter()
        .map(|v| VolumeDetail {
            links: volume_users.get(&v.name).map_or(0, Vec::len),
            size: disk_usage(&engine.volumes.data_path(&v.name)),
            name: v.name,
        })
        .collect();
    let containers = entries
        .into_iter()
        .map(|entry| ContainerDetail {
            volumes: entry
                .record
                .run
                .mounts
                .iter()
                .filter(|m| matches!(m.kind, super::plan::mounts::MountKind::Volume { .. }))
                .count(),
            size: disk_usage(&entry.paths.upper()),
            entry,
        })
        .collect();
    Ok(Detail {
        images,
        containers,
        volumes,
    })
}

#[derive(Debug, Default)]
pub struct Pruned {
    pub containers: Vec<String>,
    pub images: Vec<ImageId>,
    pub volumes: Vec<String>,
    pub reclaimed: u64,
}

/// Stopped containers, then dangling images (every unused one with `all_images`), then with
/// `volumes` the anonymous volumes no container uses.
pub fn prune(
    engine: &Engine,
    (all_images, volumes, builds): (bool, bool, bool),
    filters: &PruneFilters,
) -> Result<Pruned, ContainerError> {
    let before: u64 = df(engine)?.iter().map(|u| u.size).sum();
    let mut pruned = Pruned {
        containers: remove::prune(engine, filters)?,
        ..Pruned::default()
    };
    if builds {
        pruned.containers.extend(remove::prune_builds(engine)?);
    }
    let users = image_users(engine)?;
    let user_of = |id: &crate::ids::ImageId| users.get(id).cloned();
    let picked =
        |image: &crate::image::store::ImageRecord| filters.matches_image(engine.store, image);
    pruned.images = image_remove::prune_picked(engine.store, all_images, &user_of, &picked)?;
    if volumes {
        pruned.volumes = volumes::prune(engine, false, filters)?
            .into_iter()
            .map(|v| v.name)
            .collect();
    }
    let after: u64 = df(engine)?.iter().map(|u| u.size).sum();
    pruned.reclaimed = before.saturating_sub(after);
    Ok(pruned)
}

/// Everything goes: containers (running ones are killed), images, volumes, and the data and
/// runtime directories themselves. The configuration stays. A store shared with other nodes
/// is refused while it holds their containers: this node can neither stop them nor take the
/// data directory from under them (#22).
pub fn reset(engine: &Engine) -> Result<(), ContainerError> {
    let all = engine.list()?;
    if let Some((record, _)) = all.iter().find(|(r, _)| !engine.is_here(r)) {
        return Err(ContainerError::ResetShared {
            node: engine.elsewhere(record).unwrap_or_default().to_string(),
            container: record.name.clone(),
        });
    }
    for (record, _) in all {
        remove::remove_with_pod(engine, record.id.as_str(), true, true)?;
    }
    // The pods' records go with the data directory; their cgroups would outlive it.
    for pod in super::pod::pods(engine).list()? {
        super::pod_cgroup::remove(&pod, &[]);
    }
    for dir in [&engine.root, &engine.runroot] {
        scratch::remove_any(dir).map_err(ContainerError::io("remove", dir))?;
    }
    if let Some(layers) = &engine.layers_dir {
        scratch::remove_any(layers).map_err(ContainerError::io("remove", layers))?;
    }
    Ok(())
}

/// What `system check` found beyond the image store.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub store: check::Report,
    /// Container directories without a readable record (removed by a repair).
    pub broken_containers: Vec<String>,
    /// Containers whose image layers are gone: they cannot run again, and are reported only.
    pub orphaned_containers: Vec<String>,
    /// Containers of damaged images a forced repair removed.
    pub removed_containers: Vec<String>,
    /// The name index against the records (claimed and released by a repair).
    pub names: super::name_index::Findings,
}

impl CheckReport {
    /// Whether anything is still wrong after what was repaired.
    pub fn problems_left(&self, repaired: bool) -> bool {
        !self.orphaned_containers.is_empty()
            || (!repaired
                && (!self.store.damaged.is_empty()
                    || self.store.unreferenced > 0
                    || !self.broken_containers.is_empty()
                    || !self.names.unclaimed.is_empty()))
    }
}

/// Container directories without a readable record: storage of containers rpod no longer
/// knows, left by a crash or a damaged file (a record is renamed into place with its
/// directory, so nothing else leaves one). The caller holds the store lock.
pub(super) fn leftovers(engine: &Engine) -> Result<Vec<String>, ContainerError> {
    let listed: BTreeSet<String> = engine
        .list()?
        .iter()
        .map(|(r, _)| r.id.to_string())
        .collect();
    let mut found = Vec::new();
    for entry in fs::read_dir(engine.containers_dir())
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(scratch::PREFIX) && !listed.contains(&name) {
            found.push(name);
        }
    }
    Ok(found)
}

/// Removes a leftover's directory, its names in the index and, for a store whose writable
/// layers are node-local, its layers there. The caller holds the store lock.
fn remove_leftover(engine: &Engine, name: &str) -> Result<(), ContainerError> {
    let dir = engine.containers_dir().join(name);
    if let Ok(id) = name.parse::<crate::ids::ContainerId>() {
        let paths = engine.paths(&id);
        if paths.layers != paths.dir {
            scratch::remove_any(&paths.layers)
                .map_err(ContainerError::io("remove", &paths.layers))?;
        }
    }
    scratch::remove_any(&dir).map_err(ContainerError::io("remove", &dir))?;
    // Its names, which no record holds any more.
    super::name_index::release_all_of(engine, name)
}

/// `image prune --external`: removes every leftover container (see `leftovers`), and returns
/// their ids. Such storage never keeps an image from being pruned (nothing records which
/// image it came from), so this is what podman's external containers come to here.
pub fn remove_leftovers(engine: &Engine) -> Result<Vec<String>, ContainerError> {
    let _guard = engine.lock()?;
    let found = leftovers(engine)?;
    for name in &found {
        remove_leftover(engine, name)?;
    }
    Ok(found)
}

/// How `system check` runs: what it looks at, and what a repair may remove.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    pub scope: check::CheckScope,
    pub repair: bool,
    /// A repair also removes the containers of damaged images (podman's `--force`); else
    /// they stay, unable to start until a pull brings their image's layers back.
    pub force: bool,
}

pub fn check(engine: &Engine, options: CheckOptions) -> Result<CheckReport, ContainerError> {
    let store_error = image_remove::RemoveError::from;
    let _guard = engine.lock()?;
    let mut report = CheckReport::default();
    for name in leftovers(engine)? {
        if options.repair {
            remove_leftover(engine, &name)?;
        }
        report.broken_containers.push(name);
    }
    report.names = super::name_index::check(engine, options.repair)?;
    drop(_guard);
    report.store = check::check(engine.store, options.scope).map_err(store_error)?;
    if options.repair {
        if options.force {
            let damaged: Vec<&ImageId> = report.store.damaged.iter().map(|d| &d.image).collect();
            for (record, _) in engine.list()? {
                if damaged.contains(&&record.image) {
                    remove::remove(engine, &record.name, true, false)?;
                    report.removed_containers.push(record.name);
                }
            }
        }
        check::repair(engine.store, &mut report.store, options.scope).map_err(store_error)?;
    }
    for (record, _) in engine.list()? {
        if record.layers.iter().any(|l| !engine.store.has_layer(l)) {
            report.orphaned_containers.push(record.name);
        }
    }
    Ok(report)
}
