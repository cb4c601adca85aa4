//! The tree of a container that runs from a squashfs image file (#22), for `diff`, `export`
//! and `commit`: the file is readable only through squashfuse, which mounts it in a user and
//! mount namespace of its own. So a helper (`__read-squash`, a fresh re-exec: unsharing a user
//! namespace needs a process without threads) mounts the file there, reads what the verb needs
//! — the changes of the writable layer against the file, or the merged tree as a tar — and
//! writes it on stdout. The mount goes with the helper's namespace; a running container's own
//! mount of the file is not touched.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::ContainerError;
use crate::config::StorageDriver;
use crate::image::fs_tar::{self, Owner};
use crate::monitor::spec::SquashSpec;
use crate::runtime::userns::{self, IdMap};
use crate::storage::changes::{self, Change};
use crate::storage::union::Union;
use crate::storage::{squash, vfs};

pub const SUBCOMMAND: &str = "__read-squash";

#[derive(Debug, Serialize, Deserialize)]
pub enum Want {
    /// The writable layer's changes against the file, as JSON.
    Changes,
    /// The merged tree as a tar, files with no recorded owner given `owner`.
    Tree { owner: Owner },
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ReadSpec {
    pub id_map: IdMap,
    pub squash: SquashSpec,
    pub driver: StorageDriver,
    /// The container's writable layer (the overlay upper directory, or the vfs copy), if it
    /// ran.
    pub writable: Option<PathBuf>,
    pub want: Want,
}

/// The helper: mounts the file, writes what `spec.want` asks for on stdout, exits 0, or prints
/// why not and exits 1.
pub fn helper_main(spec: &ReadSpec) -> u8 {
    match serve(spec) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

fn serve(spec: &ReadSpec) -> io::Result<()> {
    userns::enter(spec.id_map, nix::sched::CloneFlags::CLONE_NEWNS).map_err(io::Error::other)?;
    let lower = &spec.squash.mountpoint;
    std::fs::create_dir_all(lower)?;
    squash::mount(&spec.squash.file, lower, &spec.squash.log).map_err(io::Error::other)?;
    let out = io::stdout().lock();
    // The file as the container sees it: its record hidden as the monitor hides it.
    let image = vec![spec.squash.hider.clone(), lower.clone()];
    match spec.want {
        Want::Changes => {
            let found = match &spec.writable {
                Some(root) => changes_against(spec.driver, root, &Union::new(image))?,
                None => Vec::new(),
            };
            serde_json::to_writer(out, &found).map_err(io::Error::other)
        }
        Want::Tree { owner } => {
            let layers = match (spec.driver, &spec.writable) {
                // The vfs copy is the whole tree already.
                (StorageDriver::Vfs, Some(copy)) => vec![copy.clone()],
                (_, writable) => writable.iter().cloned().chain(image).collect(),
            };
            fs_tar::write_tree(&Union::new(layers), owner, fs_tar::OwnerXattrs::Omit, out)
                .map_err(io::Error::other)
        }
    }
}

/// The changes of a writable layer `root` against `image`: an overlay upper directory lists
/// them, a vfs copy is compared with the image.
pub fn changes_against(
    driver: StorageDriver,
    root: &Path,
    image: &Union,
) -> io::Result<Vec<Change>> {
    match driver {
        StorageDriver::Vfs => {
            let copied_at = vfs::copied_at(root).unwrap_or(SystemTime::UNIX_EPOCH);
            changes::of_copy(root, image, copied_at)
        }
        StorageDriver::Overlay | StorageDriver::FuseOverlayfs => changes::of_upper(root, image),
    }
}

/// Runs the helper for `spec`, sending what it writes to `out`.
pub fn read(spec: &ReadSpec, out: &mut dyn Write) -> Result<(), ContainerError> {
    squash::make_record_hider(&spec.squash.hider)
        .map_err(ContainerError::io("prepare reading", &spec.squash.file))?;
    let done = super::helper::run(SUBCOMMAND, spec, "the squashfs reader", None, Some(out))?;
    if !done.status.success() {
        return Err(ContainerError::invalid(
            "squashfs image",
            spec.squash.file.display().to_string(),
            format!("cannot read it: {}", done.message),
        ));
    }
    done.streams
        .map_err(ContainerError::io("read the tree of", &spec.squash.file))
}
