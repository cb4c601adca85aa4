//! What a container is made from: an image of the store, or a squashfs image file that
//! `save --format squashfs` wrote (`run --rootfs FILE.sqfs`, #22). `create` asks it for the
//! image config and the user database, the same way for both.

use std::path::{Path, PathBuf};

use super::{ContainerError, Engine, user};
use crate::ids::{Digest, ImageId};
use crate::image::manifest::ImageConfig;
use crate::image::squash_file::SquashImage;
use crate::image::store::ImageRecord;

#[derive(Clone, Copy)]
pub enum Base<'a> {
    Stored(&'a ImageRecord),
    Squash(&'a SquashImage),
}

/// The image's /etc/passwd and /etc/group, where it has them.
pub struct UserFiles {
    pub passwd: Option<String>,
    pub group: Option<String>,
}

impl Base<'_> {
    pub fn id(&self) -> ImageId {
        match self {
            Base::Stored(image) => image.id.clone(),
            Base::Squash(file) => file.id.clone(),
        }
    }

    /// The store's layers the container stacks: none for a squashfs file.
    pub fn layers(&self) -> Vec<Digest> {
        match self {
            Base::Stored(image) => image.layers.clone(),
            Base::Squash(_) => Vec::new(),
        }
    }

    pub fn squash_file(&self) -> Option<PathBuf> {
        match self {
            Base::Stored(_) => None,
            Base::Squash(file) => Some(file.file.clone()),
        }
    }

    pub fn config(&self, engine: &Engine, name: &str) -> Result<ImageConfig, ContainerError> {
        let invalid = |e: String| ContainerError::invalid("image", name, e);
        let (bytes, digest) = match self {
            Base::Stored(image) => (
                engine
                    .store
                    .read_blob(&image.config_digest())
                    .map_err(|e| invalid(e.to_string()))?,
                image.config_digest(),
            ),
            Base::Squash(file) => (file.config.clone(), file.config_digest()),
        };
        ImageConfig::parse(&bytes, &digest).map_err(|e| invalid(e.to_string()))
    }

    pub fn user_files(&self, engine: &Engine) -> Result<UserFiles, ContainerError> {
        match self {
            Base::Stored(image) => {
                // Layers unpacked before root emulation get their owners recorded now, once.
                for layer in &image.layers {
                    crate::image::layer_owners::ensure(engine.store, layer)?;
                }
                let diffs: Vec<_> = image
                    .layers
                    .iter()
                    .map(|l| engine.store.layer_diff(l))
                    .collect();
                Ok(UserFiles {
                    passwd: user::image_file(&diffs, "etc/passwd"),
                    group: user::image_file(&diffs, "etc/group"),
                })
            }
            Base::Squash(file) => Ok(UserFiles {
                passwd: file.passwd.clone(),
                group: file.group.clone(),
            }),
        }
    }
}

/// The verbs that read the store's layers directly (commit, export, diff) do not read a
/// squashfs file yet: they refuse a container that runs from one rather than show half of it.
pub fn refuse_squash(squash: Option<&Path>, container: &str) -> Result<(), ContainerError> {
    match squash {
        Some(file) => Err(ContainerError::invalid(
            "container",
            container,
            format!(
                "it runs from the squashfs file {}: diff, commit and export read the store's \
                 layers and cannot read such a file yet (#22)",
                file.display()
            ),
        )),
        None => Ok(()),
    }
}
