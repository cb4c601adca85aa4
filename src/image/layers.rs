//! An image seen as its stack of layers: `image tree` (the layers, and the images built on
//! them) and `image diff` (what a layer stack changes in the file system).

use std::path::PathBuf;

use super::store::{ImageIndex, ImageRecord, Store, StoreError};
use crate::format::units::human_size;
use crate::storage::changes::{self, Change};
use crate::storage::union::Union;

fn layer_size(store: &Store, chain: &crate::ids::Digest) -> u64 {
    store.layer_info(chain).map_or(0, |i| i.size)
}

/// The names of the images whose top layer is `chain`.
fn top_of(index: &ImageIndex, chain: &crate::ids::Digest) -> Vec<String> {
    index
        .images
        .iter()
        .filter(|i| i.layers.last() == Some(chain))
        .flat_map(|i| i.names.iter().cloned())
        .collect()
}

fn layer_line(store: &Store, index: &ImageIndex, chain: &crate::ids::Digest) -> String {
    let hex = chain.to_string();
    let hex = hex.trim_start_matches("sha256:");
    let mut line = format!(
        "ID: {} Size: {}",
        &hex[..12.min(hex.len())],
        human_size(layer_size(store, chain))
    );
    let tops = top_of(index, chain);
    if !tops.is_empty() {
        line.push_str(&format!(" Top Layer of: [{}]", tops.join(" ")));
    }
    line
}

/// podman's `image tree`: the image, then its layers bottom up; with `what_requires`, the
/// images built on it instead, each under the layer it adds.
pub fn tree(
    store: &Store,
    index: &ImageIndex,
    image: &ImageRecord,
    what_requires: bool,
) -> Result<String, StoreError> {
    let size: u64 = image.layers.iter().map(|l| layer_size(store, l)).sum();
    let mut text = format!(
        "Image ID: {}\nTags:     [{}]\nSize:     {}\nImage Layers\n",
        image.id.short(),
        image.names.join(" "),
        human_size(size)
    );
    let layers: Vec<&crate::ids::Digest> = if what_requires {
        // The image's top layer, then every layer images built on it add.
        let mut above: Vec<&crate::ids::Digest> = index
            .images
            .iter()
            .filter(|i| i.layers.len() > image.layers.len() && i.layers.starts_with(&image.layers))
            .flat_map(|i| i.layers[image.layers.len()..].iter())
            .collect();
        above.sort();
        above.dedup();
        image.layers.last().into_iter().chain(above).collect()
    } else {
        image.layers.iter().collect()
    };
    for (i, chain) in layers.iter().enumerate() {
        let branch = if i + 1 == layers.len() {
            "└──"
        } else {
            "├──"
        };
        let indent = if what_requires && i > 0 { "    " } else { "" };
        text.push_str(&format!(
            "{indent}{branch} {}\n",
            layer_line(store, index, chain)
        ));
    }
    Ok(text)
}

fn union_of(store: &Store, layers: &[crate::ids::Digest]) -> Union {
    let dirs: Vec<PathBuf> = layers.iter().rev().map(|l| store.layer_diff(l)).collect();
    Union::new(dirs)
}

/// What `new`'s file system changes from `old`'s; without `old`, what `new`'s top layer
/// changes from the layers below it (its parent), as `podman image diff` shows.
pub fn diff(
    store: &Store,
    new: &ImageRecord,
    old: Option<&ImageRecord>,
) -> std::io::Result<Vec<Change>> {
    match old {
        Some(old) => changes::between(&union_of(store, &old.layers), &union_of(store, &new.layers)),
        None => match new.layers.split_last() {
            Some((top, below)) => {
                changes::of_upper(&store.layer_diff(top), &union_of(store, below))
            }
            None => Ok(Vec::new()),
        },
    }
}
