//! `rmi` and `image prune`: untag or delete images, then drop what no image needs.

use super::store::{ImageRecord, Store, StoreError, find_in, matched_name};
use crate::config::RegistriesConfig;
use crate::ids::ImageId;

#[derive(Debug, thiserror::Error)]
pub enum RemoveError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("image {id} is in use by container {container}")]
    InUse { id: String, container: String },
    #[error("{0}: tag not known")]
    TagNotKnown(String),
    #[error("unable to delete image {id} (must force): it is referenced by several names: {names}")]
    SeveralNames { id: String, names: String },
}

impl RemoveError {
    pub fn hint(&self) -> Option<String> {
        match self {
            RemoveError::Store(e) => e.hint(),
            RemoveError::InUse { container, .. } => {
                Some(format!("remove the container first: rpod rm {container}"))
            }
            RemoveError::SeveralNames { .. } => {
                Some("remove it by name, or force with rmi -f".into())
            }
            RemoveError::TagNotKnown(_) => Some("rpod images lists the names".into()),
        }
    }
}

/// Takes `names` (every name when empty) off the image `spec` names; the image stays, even
/// with no name left. Returns its id and the names removed.
pub fn untag(
    store: &Store,
    spec: &str,
    names: &[String],
    registries: &RegistriesConfig,
) -> Result<(ImageId, Vec<String>), RemoveError> {
    let guard = store.lock()?;
    let mut index = store.index()?;
    let id = find_in(&index, spec, registries)?.id.clone();
    let doomed: Vec<String> = match names.is_empty() {
        true => index.get(&id).map(|i| i.names.clone()).unwrap_or_default(),
        false => names
            .iter()
            .map(|n| {
                matched_name(&index, n, &id, registries)
                    .ok_or_else(|| RemoveError::TagNotKnown(n.clone()))
            })
            .collect::<Result<_, _>>()?,
    };
    index
        .images
        .iter_mut()
        .filter(|i| i.id == id)
        .for_each(|i| i.names.retain(|n| !doomed.contains(n)));
    store.write_index(&guard, &index)?;
    Ok((id, doomed))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    Untagged(String),
    Deleted(ImageId),
}

/// Removes `name_or_id`: a name is untagged, and the image deleted when it was its last name; an id
/// deletes the image (with `force` even when it has several names). `user_of` names a
/// container that uses an image.
pub fn remove(
    store: &Store,
    name_or_id: &str,
    force: bool,
    registries: &RegistriesConfig,
    user_of: &dyn Fn(&ImageId) -> Option<String>,
) -> Result<Vec<Removal>, RemoveError> {
    remove_pruning(store, name_or_id, (force, true), registries, user_of)
}

/// [`remove`], with `prune` false (`rmi --no-prune`) keeping the unnamed build steps below
/// the image.
pub fn remove_pruning(
    store: &Store,
    name_or_id: &str,
    (force, prune): (bool, bool),
    registries: &RegistriesConfig,
    user_of: &dyn Fn(&ImageId) -> Option<String>,
) -> Result<Vec<Removal>, RemoveError> {
    let guard = store.lock()?;
    let mut index = store.index()?;
    let id = find_in(&index, name_or_id, registries)?.id.clone();
    let name = matched_name(&index, name_or_id, &id, registries);
    let image = index.get(&id).expect("found above").clone();
    let mut removals = Vec::new();
    if let Some(name) = &name
        && image.names.len() > 1
    {
        index
            .images
            .iter_mut()
            .filter(|i| i.id == id)
            .for_each(|i| i.names.retain(|n| n != name));
        store.write_index(&guard, &index)?;
        return Ok(vec![Removal::Untagged(name.clone())]);
    }
    if name.is_none() && image.names.len() > 1 && !force {
        return Err(RemoveError::SeveralNames {
            id: id.short().to_string(),
            names: image.names.join(", "),
        });
    }
    if let Some(container) = user_of(&id) {
        return Err(RemoveError::InUse {
            id: id.short().to_string(),
            container,
        });
    }
    removals.extend(image.names.iter().cloned().map(Removal::Untagged));
    index.images.retain(|i| i.id != id);
    removals.push(Removal::Deleted(id));
    // The unnamed build steps below it go with it, as docker removes them, unless something
    // else was built on them or a container uses them.
    let mut parent = image.parent.filter(|_| prune);
    while let Some(step) = parent.and_then(|p| index.get(&p).cloned()) {
        if !index.is_dangling(&step) || user_of(&step.id).is_some() {
            break;
        }
        index.images.retain(|i| i.id != step.id);
        removals.push(Removal::Deleted(step.id));
        parent = step.parent;
    }
    store.write_index(&guard, &index)?;
    drop(guard);
    store.collect_garbage()?;
    Ok(removals)
}

/// Deletes dangling images (no name, nothing built on them; removing one may leave its
/// parent build step dangling in turn), or with `all` every image no container uses; of
/// those, only the ones `picked` accepts (`prune --filter`).
pub fn prune_picked(
    store: &Store,
    all: bool,
    user_of: &dyn Fn(&ImageId) -> Option<String>,
    picked: &dyn Fn(&ImageRecord) -> bool,
) -> Result<Vec<ImageId>, RemoveError> {
    let guard = store.lock()?;
    let mut index = store.index()?;
    let mut removed = Vec::new();
    loop {
        let doomed: Vec<ImageId> = index
            .images
            .iter()
            .filter(|image| {
                (all || index.is_dangling(image)) && user_of(&image.id).is_none() && picked(image)
            })
            .map(|image| image.id.clone())
            .collect();
        if doomed.is_empty() {
            break;
        }
        index.images.retain(|image| !doomed.contains(&image.id));
        removed.extend(doomed);
    }
    if !removed.is_empty() {
        store.write_index(&guard, &index)?;
    }
    drop(guard);
    store.collect_garbage()?;
    Ok(removed)
}
