//! `volume export` and `volume import`: a volume's contents as a tar stream, and back.

use std::io::{Read, Write};
use std::path::Path;

use super::ContainerError;
use super::copy_rules;
use crate::image::fs_tar::{self, Owner};
use crate::state::atomic::{self, Failed};
use crate::storage::union::Union;
use crate::volume::Volumes;

/// The contents of volume `name` as a tar stream, owned by root as the containers see them.
pub fn export(volumes: &Volumes, name: &str, out: impl Write) -> Result<(), ContainerError> {
    volumes.get(name)?;
    let tree = Union::new(vec![volumes.data_path(name)]);
    fs_tar::write_tree(
        &tree,
        Owner { uid: 0, gid: 0 },
        fs_tar::OwnerXattrs::Omit,
        out,
    )?;
    Ok(())
}

/// `volume export -o FILE`: written beside the file and renamed into place, so that a failed
/// export leaves no half archive.
pub fn export_to_file(volumes: &Volumes, name: &str, path: &Path) -> Result<(), ContainerError> {
    atomic::write_with(path, |out| export(volumes, name, out).map_err(Failed::Fill)).map_err(|e| {
        match e {
            Failed::Io(source) => ContainerError::io("cannot write", path)(source),
            Failed::Fill(e) => e,
        }
    })
}

/// Unpacks a tar stream into volume `name`, which must exist: files it has are replaced,
/// others kept.
pub fn import(volumes: &Volumes, name: &str, input: impl Read) -> Result<(), ContainerError> {
    volumes.get(name)?;
    let data = volumes.data_path(name);
    copy_rules::untar(input, &data, true).map_err(ContainerError::io("unpack into volume", &data))
}
