//! `system check` for the image store: every image's manifest and config are present and
//! intact, every layer of its chain is complete and is the layer its config names, and
//! (unless quick) each layer's files still make the tar its diff id names. A repair takes
//! damaged images out of the index (a damaged image is no complete image to lose) and
//! collects what no image uses and was left long enough ago not to be a pull in progress.

use std::collections::HashMap;
use std::fs;
use std::time::Duration;

use super::artifact::ArtifactManifest;
use super::layer_tar::write_layer_tar;
use super::lists::ListRecord;
use super::manifest::ImageConfig;
use super::store::{DIFF_DIR, ImageRecord, Store, StoreError};
use crate::ids::{Digest, Hasher, ImageId};

/// What a check looks at.
#[derive(Debug, Clone, Copy)]
pub struct CheckScope {
    /// Skips reading every layer's files (podman's `--quick`).
    pub quick: bool,
    /// Unreferenced layers at least this old are what a cancelled pull or a killed command
    /// left (podman's `--max`, 24 hours by default); younger ones may be a pull in progress.
    pub unreferenced_age: Duration,
}

/// One damaged image and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub image: ImageId,
    pub names: Vec<String>,
    pub problem: String,
}

#[derive(Debug, Default)]
pub struct Report {
    pub damaged: Vec<Damage>,
    /// Layers no image refers to, older than the scope's age: left by a cancelled pull or a
    /// killed removal.
    pub unreferenced: usize,
    /// Layers no image refers to yet, younger than the scope's age: kept.
    pub unreferenced_recent: usize,
    /// Filled in by a repair: images removed and layers collected.
    pub removed_images: Vec<ImageId>,
    pub collected_layers: usize,
}

fn blob_ok(store: &Store, digest: &Digest) -> Result<(), String> {
    let bytes = store
        .read_blob(digest)
        .map_err(|e| format!("blob {digest}: {e}"))?;
    if Digest::of(&bytes) != *digest {
        return Err(format!("blob {digest} does not match its digest"));
    }
    Ok(())
}

/// The first thing wrong with `image`; `contents` caches each layer's content verdict, as
/// images share layers, or is `None` for a quick check.
fn image_problem(
    store: &Store,
    image: &ImageRecord,
    mut contents: Option<&mut HashMap<Digest, Option<String>>>,
) -> Option<String> {
    if let Err(problem) = blob_ok(store, &image.manifest) {
        return Some(format!("manifest: {problem}"));
    }
    let config_digest = image.config_digest();
    if let Err(problem) = blob_ok(store, &config_digest) {
        return Some(format!("config: {problem}"));
    }
    let config = store
        .read_blob(&config_digest)
        .ok()
        .and_then(|bytes| ImageConfig::parse(&bytes, &config_digest).ok())?;
    if config.rootfs.diff_ids.len() != image.layers.len() {
        return Some(format!(
            "its config names {} layers and its record {}",
            config.rootfs.diff_ids.len(),
            image.layers.len()
        ));
    }
    for (chain, diff_id) in image.layers.iter().zip(&config.rootfs.diff_ids) {
        let info = match store.layer_info(chain) {
            Ok(info) => info,
            Err(e) => return Some(format!("layer {chain}: {e}")),
        };
        if info.diff_id != *diff_id {
            return Some(format!(
                "layer {chain} holds {} instead of {diff_id}",
                info.diff_id
            ));
        }
        let diff = store.layer_dir(chain).join(DIFF_DIR);
        if !fs::metadata(&diff).is_ok_and(|m| m.is_dir()) {
            return Some(format!("layer {chain} has no {}", diff.display()));
        }
        if let Some(contents) = contents.as_deref_mut() {
            let verdict = contents
                .entry(chain.clone())
                .or_insert_with(|| content_problem(store, chain, &info));
            if let Some(problem) = verdict {
                return Some(problem.clone());
            }
        }
    }
    None
}

/// Whether the layer's files, with its tar-split, still make the tar its diff id names: a
/// file changed, truncated or gone in the store shows here.
fn content_problem(
    store: &Store,
    chain: &Digest,
    info: &super::store::LayerInfo,
) -> Option<String> {
    let mut hasher = Hasher::default();
    if let Err(e) = write_layer_tar(&store.layer_dir(chain), &info.relocated, &mut hasher) {
        return Some(format!("layer {chain}: its files cannot be read back: {e}"));
    }
    let found = hasher.finish();
    (found != info.diff_id).then(|| {
        format!(
            "layer {chain}: its files make {found} instead of {} (a file was changed or lost)",
            info.diff_id
        )
    })
}

/// Layers no image refers to: (at least `age` old, younger).
fn unreferenced(store: &Store, images: &[ImageRecord], age: Duration) -> (usize, usize) {
    let used: std::collections::HashSet<String> = images
        .iter()
        .flat_map(|i| i.layers.iter().map(|l| l.hex().to_string()))
        .collect();
    let layers = store.dir().join("layers");
    let Ok(entries) = fs::read_dir(&layers) else {
        return (0, 0);
    };
    entries
        .flatten()
        .filter(|e| !used.contains(e.file_name().to_string_lossy().as_ref()))
        .fold((0, 0), |(old, young), e| {
            if super::store::older_than(&e.path(), age) {
                (old + 1, young)
            } else {
                (old, young + 1)
            }
        })
}

/// The first thing wrong with the list: its index, or an artifact manifest made for it or
/// one of that manifest's blobs.
fn list_problem(store: &Store, list: &ListRecord) -> Option<String> {
    if let Err(problem) = blob_ok(store, &list.index) {
        return Some(format!("manifest list index: {problem}"));
    }
    list.artifacts.iter().find_map(|digest| {
        let problem = match blob_ok(store, digest) {
            Err(problem) => problem,
            Ok(()) => {
                let bytes = store.read_blob(digest).ok()?;
                match ArtifactManifest::parse(&digest.to_string(), &bytes) {
                    Err(e) => e.to_string(),
                    Ok(manifest) => manifest
                        .blobs()
                        .find_map(|d| blob_ok(store, &d.digest).err())?,
                }
            }
        };
        Some(format!("manifest list artifact {digest}: {problem}"))
    })
}

/// Finds what is wrong; changes nothing.
pub fn check(store: &Store, scope: CheckScope) -> Result<Report, StoreError> {
    let index = store.index()?;
    let mut contents = HashMap::new();
    let mut contents = (!scope.quick).then_some(&mut contents);
    let (unreferenced, unreferenced_recent) =
        unreferenced(store, &index.images, scope.unreferenced_age);
    let mut report = Report {
        damaged: index
            .images
            .iter()
            .filter_map(|image| {
                image_problem(store, image, contents.as_deref_mut()).map(|problem| Damage {
                    image: image.id.clone(),
                    names: image.names.clone(),
                    problem,
                })
            })
            .collect(),
        unreferenced,
        unreferenced_recent,
        ..Report::default()
    };
    // A manifest list is damaged when its index is, or an artifact made for it: its other
    // entries are images checked above.
    let lists = super::lists::read(store)?;
    report.damaged.extend(lists.lists.iter().filter_map(|list| {
        list_problem(store, list).map(|problem| Damage {
            image: list.id.clone(),
            names: list.names.clone(),
            problem,
        })
    }));
    Ok(report)
}

/// Takes the damaged images out of the index, then collects what no image uses and is at
/// least the scope's age old.
pub fn repair(store: &Store, report: &mut Report, scope: CheckScope) -> Result<(), StoreError> {
    // What the damaged images held goes whatever its age, so that a pull can bring it back.
    let mut theirs = Vec::new();
    if !report.damaged.is_empty() {
        let guard = store.lock()?;
        let mut index = store.index()?;
        let damaged: Vec<&ImageId> = report.damaged.iter().map(|d| &d.image).collect();
        for image in index.images.iter().filter(|i| damaged.contains(&&i.id)) {
            theirs.extend(image.layers.iter().cloned());
            theirs.push(image.manifest.clone());
            theirs.push(image.config_digest());
        }
        index.images.retain(|i| !damaged.contains(&&i.id));
        store.write_index(&guard, &index)?;
        super::lists::forget(store, &guard, &damaged)?;
        report.removed_images = damaged.into_iter().cloned().collect();
    }
    report.collected_layers = store.collect_unused(scope.unreferenced_age, &theirs)?;
    Ok(())
}
