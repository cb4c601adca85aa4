//! What a container is made from: an image of the store, a squashfs image file that
//! `save --format squashfs` wrote (`run --rootfs FILE.sqfs`, #22), or a directory (`run
//! --rootfs DIR`). `create` asks it for the image config and the user database, the same way
//! for all three.

use std::path::{Path, PathBuf};

use super::record::RootfsDir;
use super::{ContainerError, Engine, user};
use crate::ids::{Digest, ImageId};
use crate::image::manifest::ImageConfig;
use crate::image::squash_file::SquashImage;
use crate::image::store::ImageRecord;
use crate::runtime::safe_path::RootDir;

#[derive(Clone, Copy)]
pub enum Base<'a> {
    Stored(&'a ImageRecord),
    Squash(&'a SquashImage),
    /// A directory has no image config: podman's empty one (no command, no environment).
    Dir(&'a RootfsDir),
}

/// The config of a directory run with `--rootfs`: its id is this config's digest, the same
/// for every such container, and names no image of the store.
fn dir_config() -> Vec<u8> {
    let config = serde_json::json!({
        "architecture": crate::image::manifest::host_arch(),
        "os": "linux",
        "config": {},
        "rootfs": {"type": "layers", "diff_ids": []},
    });
    config.to_string().into_bytes()
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
            Base::Dir(_) => ImageId::from_config_digest(&Digest::of(&dir_config())),
        }
    }

    /// The store's layers the container stacks: none for a squashfs file.
    pub fn layers(&self) -> Vec<Digest> {
        match self {
            Base::Stored(image) => image.layers.clone(),
            Base::Squash(_) | Base::Dir(_) => Vec::new(),
        }
    }

    pub fn squash_file(&self) -> Option<PathBuf> {
        match self {
            Base::Squash(file) => Some(file.file.clone()),
            Base::Stored(_) | Base::Dir(_) => None,
        }
    }

    pub fn root_dir(&self) -> Option<RootfsDir> {
        match self {
            Base::Dir(dir) => Some((*dir).clone()),
            Base::Stored(_) | Base::Squash(_) => None,
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
            Base::Dir(_) => {
                let config = dir_config();
                let digest = Digest::of(&config);
                (config, digest)
            }
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
                let diffs = layer_diffs(engine, image);
                Ok(UserFiles {
                    passwd: user::image_file(&diffs, "etc/passwd"),
                    group: user::image_file(&diffs, "etc/group"),
                })
            }
            Base::Squash(file) => Ok(UserFiles {
                passwd: file.passwd.clone(),
                group: file.group.clone(),
            }),
            Base::Dir(dir) => Ok(UserFiles {
                passwd: read_inside(&dir.path, "etc/passwd"),
                group: read_inside(&dir.path, "etc/group"),
            }),
        }
    }

    /// The image's /etc/hosts (`--hosts-file image`), if it has one.
    pub fn etc_hosts(&self, engine: &Engine) -> Result<Option<String>, ContainerError> {
        match self {
            Base::Stored(image) => Ok(user::image_file(&layer_diffs(engine, image), "etc/hosts")),
            Base::Squash(_) => Err(ContainerError::invalid(
                "--hosts-file",
                "image",
                "rpod does not read files of a squashfs image before it runs yet: give a file \
                 of the host",
            )),
            Base::Dir(dir) => Ok(read_inside(&dir.path, "etc/hosts")),
        }
    }
}

/// The image's unpacked layers, bottom first.
fn layer_diffs(engine: &Engine, image: &ImageRecord) -> Vec<PathBuf> {
    image
        .layers
        .iter()
        .map(|l| engine.store.layer_diff(l))
        .collect()
}

/// A file of the directory, its symlinks resolved inside it (an `/etc/passwd` that links to
/// the host's names nobody of the container).
fn read_inside(root: &Path, rel: &str) -> Option<String> {
    let root = RootDir::open(root).ok()?;
    let fd = root
        .open_at(Path::new(rel), nix::fcntl::OFlag::O_RDONLY)
        .ok()?;
    std::io::read_to_string(std::fs::File::from(fd)).ok()
}
