//! `system check` for the image store: every image's manifest and config are present and
//! intact, every layer of its chain is complete and is the layer its config names. With
//! `repair`, images found damaged leave the index (a damaged image is no complete image
//! to lose) and whatever no image uses any more is collected.

use std::fs;

use super::manifest::ImageConfig;
use super::store::{DIFF_DIR, ImageRecord, Store, StoreError};
use crate::ids::{Digest, ImageId};

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
    /// Layers and blobs no image refers to (what a killed removal leaves).
    pub unreferenced: usize,
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

fn image_problem(store: &Store, image: &ImageRecord) -> Option<String> {
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
    }
    None
}

fn unreferenced(store: &Store, images: &[ImageRecord]) -> usize {
    let used: std::collections::HashSet<String> = images
        .iter()
        .flat_map(|i| i.layers.iter().map(|l| l.hex().to_string()))
        .collect();
    let layers = store.dir().join("layers");
    fs::read_dir(&layers)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| !used.contains(e.file_name().to_string_lossy().as_ref()))
                .count()
        })
        .unwrap_or(0)
}

pub fn check(store: &Store, repair: bool) -> Result<Report, StoreError> {
    let index = store.index()?;
    let mut report = Report {
        damaged: index
            .images
            .iter()
            .filter_map(|image| {
                image_problem(store, image).map(|problem| Damage {
                    image: image.id.clone(),
                    names: image.names.clone(),
                    problem,
                })
            })
            .collect(),
        unreferenced: unreferenced(store, &index.images),
        ..Report::default()
    };
    // A manifest list is damaged when its index is: its entries are images checked above.
    let lists = super::lists::read(store)?;
    report.damaged.extend(lists.lists.iter().filter_map(|list| {
        blob_ok(store, &list.index).err().map(|problem| Damage {
            image: list.id.clone(),
            names: list.names.clone(),
            problem: format!("manifest list index: {problem}"),
        })
    }));
    if !repair {
        return Ok(report);
    }
    if !report.damaged.is_empty() {
        let guard = store.lock()?;
        let mut index = store.index()?;
        let damaged: Vec<&ImageId> = report.damaged.iter().map(|d| &d.image).collect();
        index.images.retain(|i| !damaged.contains(&&i.id));
        store.write_index(&guard, &index)?;
        super::lists::forget(store, &guard, &damaged)?;
        report.removed_images = damaged.into_iter().cloned().collect();
    }
    report.collected_layers = store.collect_garbage()?;
    Ok(report)
}
