//! `import`: a root file system tarball becomes a one-layer image.

use std::io::Read;

use super::changes::{self, ChangeError};
use super::layer_tar::{self, LayerTarError};
use super::manifest::{Descriptor, History, ImageConfig, Manifest, Platform, RootFs, media};
use super::reference::Reference;
use super::store::{Store, StoreError};
use crate::ids::{Digest, ImageId};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Change(#[from] ChangeError),
    #[error("cannot import the tarball: {0}")]
    Layer(#[from] LayerTarError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct ImportOptions {
    pub changes: Vec<String>,
    pub message: Option<String>,
    pub platform: Platform,
}

pub fn import(
    store: &Store,
    input: impl Read,
    name: Option<&Reference>,
    opts: &ImportOptions,
) -> Result<ImageId, ImportError> {
    let mut container_config = Default::default();
    for change in &opts.changes {
        changes::apply(&mut container_config, change)?;
    }
    let layer = layer_tar::import_layer(store, input, None, None)?;
    let now = jiff::Timestamp::now().to_string();
    let config = ImageConfig {
        created: Some(now.clone()),
        architecture: opts.platform.architecture.clone(),
        os: opts.platform.os.clone(),
        variant: opts.platform.variant.clone(),
        config: container_config,
        rootfs: RootFs {
            kind: "layers".into(),
            diff_ids: vec![layer.diff_id.clone()],
        },
        history: vec![History {
            created: Some(now.clone()),
            created_by: Some("rpod import".into()),
            comment: opts.message.clone(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let config_bytes = serde_json::to_vec(&config).expect("a config serialises");
    let config_digest = store.put_blob(&config_bytes)?;
    let layers = vec![Descriptor::new(
        media::OCI_LAYER,
        layer.diff_id.clone(),
        layer.size,
    )];
    let manifest = Manifest::oci(&config_digest, config_bytes.len() as u64, layers);
    let manifest_digest: Digest =
        store.put_blob(&serde_json::to_vec(&manifest).expect("a manifest serialises"))?;
    let id = ImageId::from_config_digest(&config_digest);
    let mut record = Store::new_record(
        id.clone(),
        manifest_digest,
        vec![layer.chain_id],
        layer.size,
        Some(now),
    );
    record.names.extend(name.and_then(Reference::tagged_name));
    store.add_image(record)?;
    Ok(id)
}
