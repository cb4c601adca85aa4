//! A new image from a parent image, a tree of changes on top of it, and a config: what
//! `commit` makes of a container (and a build step of its container).

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use super::changes::{self, ChangeError};
use super::fs_tar::{self, ChangeSource, FsTarError, Owner};
use super::layer_tar::{self, LayerTarError};
use super::manifest::{
    ContainerConfig, Descriptor, Document, History, ImageConfig, Manifest, ManifestError, Platform,
    RootFs, media,
};
use super::reference::Reference;
use super::store::{ImageRecord, Store, StoreError};
use crate::ids::{Digest, ImageId};
use crate::state::scratch;
use crate::storage::changes::Change;

#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Change(#[from] ChangeError),
    #[error(transparent)]
    Tar(#[from] FsTarError),
    #[error("cannot store the new layer: {0}")]
    Layer(#[from] LayerTarError),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The file system side of a commit: the changes and the directory holding the added and
/// changed entries they name.
pub struct Layer<'a> {
    pub root: &'a Path,
    pub changes: &'a [Change],
    pub owner: Owner,
}

pub struct CommitOptions {
    /// `--change` instructions, as `import` takes them.
    pub changes: Vec<String>,
    pub message: Option<String>,
    pub author: Option<String>,
    /// The history line, e.g. the container's command.
    pub created_by: String,
}

/// The config of a stored image.
pub fn config_of(store: &Store, image: &ImageRecord) -> Result<ImageConfig, CommitError> {
    let digest = image.config_digest();
    Ok(ImageConfig::parse(&store.read_blob(&digest)?, &digest)?)
}

/// The stored manifest of `image` (None for an index).
pub fn manifest_of(store: &Store, image: &ImageRecord) -> Result<Option<Manifest>, CommitError> {
    let bytes = store.read_blob(&image.manifest)?;
    Ok(match Document::parse(&bytes, None, &image.manifest)? {
        Document::Manifest(m) => Some(*m),
        Document::Index(_) => None,
    })
}

/// Stores `layer` on top of `parent` and records the new image, named `name` if given. The
/// parent's container config goes through `settle` (docker: the container's own settings
/// replace the image's), then through the `--change` instructions.
pub fn commit(
    store: &Store,
    parent: &ImageRecord,
    layer: &Layer<'_>,
    name: Option<&Reference>,
    settle: impl FnOnce(&mut ContainerConfig),
    opts: &CommitOptions,
) -> Result<ImageId, CommitError> {
    let config = settled(config_of(store, parent)?, settle, opts)?;
    let tmp = scratch::Temp::new(store.dir(), "commit");
    write_layer(tmp.path(), layer)?;
    let step = step(Some(tmp.path()), config, name, opts);
    Ok(derive(store, Some(parent), step)?.id)
}

/// A one-layer image of a whole tree, the tar `tree`, with `config` (less its layers and
/// history) settled as [`commit`] does: what `commit` makes of a container that runs from no
/// image of the store (a squashfs image file or a directory, #22).
pub fn commit_tree(
    store: &Store,
    config: ImageConfig,
    tree: &Path,
    name: Option<&Reference>,
    settle: impl FnOnce(&mut ContainerConfig),
    opts: &CommitOptions,
) -> Result<ImageId, CommitError> {
    let mut config = settled(config, settle, opts)?;
    config.rootfs.diff_ids.clear();
    config.history.clear();
    Ok(derive(store, None, step(Some(tree), config, name, opts))?.id)
}

fn settled(
    mut config: ImageConfig,
    settle: impl FnOnce(&mut ContainerConfig),
    opts: &CommitOptions,
) -> Result<ImageConfig, CommitError> {
    settle(&mut config.config);
    for change in &opts.changes {
        changes::apply(&mut config.config, change)?;
    }
    Ok(config)
}

fn step<'a>(
    layer_tar: Option<&'a Path>,
    config: ImageConfig,
    name: Option<&Reference>,
    opts: &CommitOptions,
) -> Step<'a> {
    Step {
        layer_tar,
        config,
        created_by: opts.created_by.clone(),
        author: opts.author.clone(),
        comment: opts.message.clone(),
        names: name.and_then(Reference::tagged_name).into_iter().collect(),
        build_key: None,
        created: None,
        omit_history: false,
    }
}

/// One step from a parent image (or from nothing: `FROM scratch`) to a new one.
pub struct Step<'a> {
    /// The layer the step adds, as a tar file; None for a step that changes only the config.
    pub layer_tar: Option<&'a Path>,
    /// The config the new image gets; its history and layer list are the parent's, and this
    /// step's entry is added to them here.
    pub config: ImageConfig,
    /// The history line (docker's `CreatedBy`).
    pub created_by: String,
    pub author: Option<String>,
    pub comment: Option<String>,
    pub names: Vec<String>,
    pub build_key: Option<Digest>,
    /// The image's creation time, when not now (`build --source-date-epoch`).
    pub created: Option<jiff::Timestamp>,
    /// Leave the config without history (`build --omit-history`).
    pub omit_history: bool,
}

/// The config of an image with no layers, for the host's platform: where `FROM scratch`
/// starts.
pub fn empty_config() -> ImageConfig {
    let host = Platform::host();
    ImageConfig {
        architecture: host.architecture,
        os: host.os,
        variant: host.variant,
        rootfs: RootFs {
            kind: "layers".into(),
            diff_ids: Vec::new(),
        },
        ..ImageConfig::default()
    }
}

/// Stores the step's layer (if any), config and manifest, and records the new image.
pub fn derive(
    store: &Store,
    parent: Option<&ImageRecord>,
    step: Step<'_>,
) -> Result<ImageRecord, CommitError> {
    let mut config = step.config;
    // A derived image keeps its parent's manifest annotations, as buildah's images keep
    // their base's: `build --inherit-annotations` decides what the result keeps.
    let (mut layers, annotations) = match parent {
        Some(parent) => manifest_of(store, parent)?
            .map(|m| (m.layers, m.annotations))
            .unwrap_or_default(),
        None => Default::default(),
    };
    let mut chain = parent.map(|p| p.layers.clone()).unwrap_or_default();
    let mut size = parent.map_or(0, |p| p.size);
    if let Some(tar) = step.layer_tar {
        let info = layer_tar::import_layer_file(store, tar, chain.last(), None)?;
        config.rootfs.diff_ids.push(info.diff_id.clone());
        layers.push(Descriptor::new(
            media::OCI_LAYER,
            info.diff_id.clone(),
            info.size,
        ));
        chain.push(info.chain_id);
        size += info.size;
    }
    let now = step
        .created
        .unwrap_or_else(jiff::Timestamp::now)
        .to_string();
    config.created = Some(now.clone());
    config.author = step.author.clone().or(config.author);
    if step.omit_history {
        config.history.clear();
    } else {
        config.history.push(History {
            created: Some(now.clone()),
            created_by: Some(step.created_by),
            author: step.author,
            comment: step.comment,
            empty_layer: step.layer_tar.is_none(),
        });
    }
    let config_bytes = serde_json::to_vec(&config).expect("a config serialises");
    let config_digest = store.put_blob(&config_bytes)?;
    let manifest = Manifest {
        annotations,
        ..Manifest::oci(&config_digest, config_bytes.len() as u64, layers)
    };
    let manifest_digest: Digest =
        store.put_blob(&serde_json::to_vec(&manifest).expect("a manifest serialises"))?;
    let id = ImageId::from_config_digest(&config_digest);
    let record = ImageRecord {
        names: step.names,
        parent: parent.map(|p| p.id.clone()),
        build_key: step.build_key,
        ..Store::new_record(id, manifest_digest, chain, size, Some(now))
    };
    store.add_image(record.clone())?;
    Ok(record)
}

/// The layer's tar, in a temp file that is read back into the store at once and removed: not
/// synced to disk (a crash leaves a temp name the next command removes), which for a large
/// build step saves writing it all out.
fn write_layer(path: &Path, layer: &Layer<'_>) -> Result<(), CommitError> {
    let file = File::create(path).map_err(|source| FsTarError {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = BufWriter::new(file);
    fs_tar::write_changes(
        ChangeSource::Dir(layer.root),
        layer.changes,
        layer.owner,
        &mut out,
    )?;
    out.into_inner().map_err(|e| FsTarError {
        path: path.to_path_buf(),
        source: e.into_error(),
    })?;
    Ok(())
}
