//! A new image from a parent image, a tree of changes on top of it, and a config: what
//! `commit` makes of a container (and a build step of its container).

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::Path;

use super::changes::{self, ChangeError};
use super::fs_tar::{self, FsTarError, Owner};
use super::layer_tar::{self, LayerTarError};
use super::manifest::{
    ContainerConfig, Descriptor, Document, History, ImageConfig, Manifest, ManifestError, media,
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

fn parent_config(store: &Store, parent: &ImageRecord) -> Result<ImageConfig, CommitError> {
    let digest = parent.config_digest();
    Ok(ImageConfig::parse(&store.read_blob(&digest)?, &digest)?)
}

fn parent_layers(store: &Store, parent: &ImageRecord) -> Result<Vec<Descriptor>, CommitError> {
    let bytes = store.read_blob(&parent.manifest)?;
    Ok(match Document::parse(&bytes, None, &parent.manifest)? {
        Document::Manifest(m) => m.layers,
        Document::Index(_) => Vec::new(),
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
    let mut config = parent_config(store, parent)?;
    let mut layers = parent_layers(store, parent)?;
    settle(&mut config.config);
    for change in &opts.changes {
        changes::apply(&mut config.config, change)?;
    }
    let tmp = scratch::temp_path(store.dir(), "commit");
    let written = write_layer(&tmp, layer);
    let stored = written.and_then(|()| {
        Ok(layer_tar::import_layer_file(
            store,
            &tmp,
            parent.layers.last(),
            None,
        )?)
    });
    let _ = fs::remove_file(&tmp);
    let info = stored?;
    let now = jiff::Timestamp::now().to_string();
    config.created = Some(now.clone());
    config.author = opts.author.clone().or(config.author);
    config.rootfs.diff_ids.push(info.diff_id.clone());
    config.history.push(History {
        created: Some(now.clone()),
        created_by: Some(opts.created_by.clone()),
        author: opts.author.clone(),
        comment: opts.message.clone(),
        empty_layer: false,
    });
    let config_bytes = serde_json::to_vec(&config).expect("a config serialises");
    let config_digest = store.put_blob(&config_bytes)?;
    layers.push(Descriptor::new(
        media::OCI_LAYER,
        info.diff_id.clone(),
        info.size,
    ));
    let manifest = Manifest::oci(&config_digest, config_bytes.len() as u64, layers);
    let manifest_digest: Digest =
        store.put_blob(&serde_json::to_vec(&manifest).expect("a manifest serialises"))?;
    let id = ImageId::from_config_digest(&config_digest);
    let mut chain = parent.layers.clone();
    chain.push(info.chain_id);
    let mut record = Store::new_record(
        id.clone(),
        manifest_digest,
        chain,
        parent.size + info.size,
        Some(now),
    );
    record.names.extend(name.and_then(Reference::tagged_name));
    store.add_image(record)?;
    Ok(id)
}

fn write_layer(path: &Path, layer: &Layer<'_>) -> Result<(), CommitError> {
    let file = File::create(path).map_err(|source| FsTarError {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = BufWriter::new(file);
    fs_tar::write_changes(layer.root, layer.changes, layer.owner, &mut out)?;
    out.into_inner()
        .map_err(|e| FsTarError {
            path: path.to_path_buf(),
            source: e.into_error(),
        })?
        .sync_all()
        .map_err(|source| FsTarError {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(())
}
