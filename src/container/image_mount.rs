//! `image mount`/`image unmount`: an image's tree, read-only, in an `rpod unshare` session's
//! mount namespace, as `mount` does for containers (see mount.rs). The mount point is
//! `image-mounts/ID` in the runtime directory, with a mark beside it naming the session's
//! namespace, so that `rmi` leaves the layers of a mounted image alone.

use std::fs;
use std::path::PathBuf;

use super::mount::{MountError, is_mount_point, marked_holder, may_mount, own_namespace};
use super::{ContainerError, Engine};
use crate::ids::ImageId;
use crate::image::store::ImageRecord;

const DIR: &str = "image-mounts";

/// An image's mounted tree.
pub struct MountedImage {
    pub image: ImageRecord,
    pub path: PathBuf,
}

fn mount_point(engine: &Engine, id: &ImageId) -> PathBuf {
    engine.runroot.join(DIR).join(id.as_str())
}

fn mark(engine: &Engine, id: &ImageId) -> PathBuf {
    engine
        .runroot
        .join(DIR)
        .join(format!("{}.mounted-in", id.as_str()))
}

/// `rpod image mount IMAGE`: where the image's tree can be read.
pub fn mount(engine: &Engine, reference: &str) -> Result<MountedImage, ContainerError> {
    let image = engine.store.find(reference, &engine.config.registries)?;
    may_mount("image mount")?;
    let path = mount_point(engine, &image.id);
    let mark = mark(engine, &image.id);
    let ours = own_namespace().unwrap_or_default();
    if marked_holder(&mark, &path).is_some_and(|ns| ns == ours) && is_mount_point(&path) {
        return Ok(MountedImage { image, path });
    }
    fs::create_dir_all(&path).map_err(ContainerError::io("create", &path))?;
    let lowers: Vec<PathBuf> = image
        .layers
        .iter()
        .map(|l| engine.store.layer_diff(l))
        .collect();
    crate::storage::mount_read_only(&lowers, &path).map_err(|e| MountError::Mount {
        what: "image",
        name: reference.to_string(),
        reason: e.to_string(),
    })?;
    // Another session's mark is replaced: rmi waits for the last session to mount it.
    crate::state::atomic::write(&mark, ours.as_bytes()).map_err(|e| {
        let _ = crate::storage::unmount(&path, true);
        ContainerError::io("write", &mark)(e)
    })?;
    Ok(MountedImage { image, path })
}

/// `rpod image unmount IMAGE`: takes down this session's mount of it; an image not mounted
/// here is left as it is.
pub fn unmount(engine: &Engine, reference: &str, force: bool) -> Result<ImageId, ContainerError> {
    let image = engine.store.find(reference, &engine.config.registries)?;
    let path = mount_point(engine, &image.id);
    if is_mount_point(&path) {
        crate::storage::unmount(&path, force).map_err(|e| MountError::Unmount {
            what: "image",
            name: reference.to_string(),
            reason: e.to_string(),
        })?;
        let mark = mark(engine, &image.id);
        if marked_holder(&mark, &path).is_some_and(|ns| Some(ns) == own_namespace()) {
            fs::remove_file(&mark).map_err(ContainerError::io("remove", &mark))?;
        }
    }
    Ok(image.id)
}

/// The images mounted in this mount namespace.
pub fn mounted(engine: &Engine) -> Result<Vec<MountedImage>, ContainerError> {
    let index = engine
        .store
        .index()
        .map_err(crate::image::remove::RemoveError::from)?;
    Ok(index
        .images
        .into_iter()
        .filter_map(|image| {
            let path = mount_point(engine, &image.id);
            is_mount_point(&path).then_some(MountedImage { image, path })
        })
        .collect())
}

/// Refuses `rmi` of an image (not merely of one of its names) while a session holds it
/// mounted: its layers are the mount's lowers.
pub fn check_removable(engine: &Engine, reference: &str) -> Result<(), ContainerError> {
    let Ok(image) = engine.store.find(reference, &engine.config.registries) else {
        return Ok(());
    };
    match marked_holder(&mark(engine, &image.id), &mount_point(engine, &image.id)) {
        Some(namespace) if image.names.len() <= 1 => Err(MountError::ImageMounted {
            name: reference.to_string(),
            namespace,
        }
        .into()),
        _ => Ok(()),
    }
}
