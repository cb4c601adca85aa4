//! Docker-shaped descriptions of stored images: `inspect` and `history`.

use serde_json::{Value, json};

use super::manifest::{ImageConfig, Manifest};
use super::store::{ImageRecord, Store, StoreError};

/// An image as `docker image inspect` shows it.
pub fn inspect(store: &Store, image: &ImageRecord) -> Result<Value, StoreError> {
    let config_bytes = store.read_blob(&image.config_digest())?;
    let corrupt = |what: &str, e: String| StoreError::Corrupt {
        path: store.blob_path(&image.config_digest()),
        message: format!("{what}: {e}"),
    };
    let config = ImageConfig::parse(&config_bytes, &image.config_digest())
        .map_err(|e| corrupt("config", e.to_string()))?;
    let manifest_bytes = store.read_blob(&image.manifest)?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|e| corrupt("manifest", e.to_string()))?;
    let container_config = serde_json::to_value(&config.config).unwrap_or(Value::Null);
    let mut doc = json!({
        "Id": format!("sha256:{}", image.id),
        "Digest": image.manifest.to_string(),
        "RepoTags": image.names,
        "RepoDigests": image.repo_digests,
        "NamesHistory": image.names_history,
        "Parent": "",
        "Comment": config.history.last().and_then(|h| h.comment.clone()).unwrap_or_default(),
        "Created": config.created.clone().unwrap_or_default(),
        "Config": container_config,
        "Author": config.author.clone().unwrap_or_default(),
        "Architecture": config.architecture,
        "Variant": config.variant.clone().unwrap_or_default(),
        "Os": config.os,
        "Size": image.size,
        "VirtualSize": image.size,
        "RootFS": {
            "Type": "layers",
            "Layers": config.rootfs.diff_ids.iter().map(ToString::to_string).collect::<Vec<_>>(),
        },
        "Labels": config.config.labels.clone().unwrap_or_default(),
        "Annotations": manifest.annotations,
        "ManifestType": manifest.media_type.unwrap_or_else(|| super::manifest::media::OCI_MANIFEST.to_string()),
        "User": config.config.user.clone().unwrap_or_default(),
        "History": config.history,
    });
    // docker shows the OS version only when the image requires one; the features likewise.
    for (key, field) in [("os.version", "OsVersion"), ("os.features", "OsFeatures")] {
        if let Some(value) = config.other.get(key) {
            doc[field] = value.clone();
        }
    }
    Ok(doc)
}

/// One step of an image's history, newest first.
#[derive(Debug, Clone)]
pub struct HistoryStep {
    /// The image each step made, where it is still in the store (`<missing>` otherwise).
    pub id: Option<String>,
    pub created: Option<String>,
    pub created_by: String,
    pub size: u64,
    pub comment: String,
}

pub fn history(store: &Store, image: &ImageRecord) -> Result<Vec<HistoryStep>, StoreError> {
    let config_bytes = store.read_blob(&image.config_digest())?;
    let config = ImageConfig::parse(&config_bytes, &image.config_digest()).map_err(|e| {
        StoreError::Corrupt {
            path: store.blob_path(&image.config_digest()),
            message: e.to_string(),
        }
    })?;
    let mut layer_sizes = Vec::with_capacity(image.layers.len());
    for chain in &image.layers {
        layer_sizes.push(store.layer_info(chain).map(|l| l.size).unwrap_or(0));
    }
    let mut layer_sizes = layer_sizes.into_iter();
    let mut steps: Vec<HistoryStep> = config
        .history
        .iter()
        .map(|h| HistoryStep {
            id: None,
            created: h.created.clone(),
            created_by: h.created_by.clone().unwrap_or_default(),
            size: if h.empty_layer {
                0
            } else {
                layer_sizes.next().unwrap_or(0)
            },
            comment: h.comment.clone().unwrap_or_default(),
        })
        .collect();
    // Images without history (imported ones) still have layers to show.
    steps.extend(layer_sizes.map(|size| HistoryStep {
        id: None,
        created: config.created.clone(),
        created_by: String::new(),
        size,
        comment: String::new(),
    }));
    steps.reverse();
    // Each image built or committed here added one step to its parent's history: the steps
    // below the top are the parents' while they are still in the store.
    let index = store.index()?;
    let mut at = Some(image.clone());
    for step in &mut steps {
        let Some(current) = at else { break };
        step.id = Some(current.id.to_string());
        at = current.parent.and_then(|p| index.get(&p).cloned());
    }
    Ok(steps)
}
