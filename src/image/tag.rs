//! `tag`: more names for a local image, as `rpod tag` and the API's `POST /images/NAME/tag` give.

use super::reference::{RefError, Reference};
use super::store::{Store, StoreError, find_in};
use crate::config::RegistriesConfig;
use crate::ids::ImageId;

#[derive(Debug, thiserror::Error)]
pub enum TagError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error("{0}: a tag target cannot be a digest reference")]
    Digest(String),
}

/// The names `targets` would add, checked before the store is touched; a name without a
/// registry is local (localhost/NAME).
pub fn names(targets: &[String]) -> Result<Vec<String>, TagError> {
    targets
        .iter()
        .map(|t| {
            Reference::parse_local(t)?
                .tagged_name()
                .ok_or_else(|| TagError::Digest(t.clone()))
        })
        .collect()
}

/// Adds the checked `names` to the image `spec`, under the store's lock; returns its id.
pub fn tag(
    store: &Store,
    spec: &str,
    names: &[String],
    registries: &RegistriesConfig,
) -> Result<ImageId, TagError> {
    let guard = store.lock()?;
    let mut index = store.index()?;
    let id = find_in(&index, spec, registries)?.id.clone();
    for name in names {
        index.set_name(&id, name);
    }
    store.write_index(&guard, &index)?;
    Ok(id)
}
