//! Owners for layers unpacked before root emulation existed: their tar-split still has every
//! entry's header, so the owners other than root are recorded on the tree (`user.rpod.owner`,
//! as unpack does today) the first time a container uses the layer.

use std::collections::BTreeMap;
use std::fs::File;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use nix::sys::stat::{Mode, fchmod, fstat};

use super::store::{DIFF_DIR, LAYER_INFO, Store, StoreError, TAR_SPLIT};
use super::tarsplit;
use crate::ids::{Digest, FileOwner};
use crate::runtime::safe_path::RootDir;
use crate::state::atomic;

/// Records the owners of layer `chain_id` unless it already has them. A layer that lost its
/// record is left as it is: `system check` reports it, and its tree still runs.
pub fn ensure(store: &Store, chain_id: &Digest) -> Result<(), StoreError> {
    let dir = store.layer_dir(chain_id);
    if !dir.join(LAYER_INFO).exists() {
        return Ok(());
    }
    let mut info = store.layer_info(chain_id)?;
    if info.owners_recorded {
        return Ok(());
    }
    match owners_in_split(&dir.join(TAR_SPLIT)) {
        Ok(owners) => apply(&dir.join(DIFF_DIR), &owners),
        // A split the tar crate cannot walk keeps its owners in push and save only; it is not
        // read again at every start.
        Err(e) => tracing::debug!("layer {chain_id}: owners not recorded: {e}"),
    }
    info.owners_recorded = true;
    let path = dir.join(LAYER_INFO);
    atomic::write_json(&path, &info).map_err(StoreError::io("write layer info", &path))
}

/// The last owner each path's entries give it, for regular files and directories (the entry
/// types that take a user xattr), root included so that a replaced entry's owner goes.
fn owners_in_split(path: &Path) -> std::io::Result<BTreeMap<PathBuf, FileOwner>> {
    let split = zstd::Decoder::new(File::open(path)?)?;
    let shape = tarsplit::shape(split).map_err(std::io::Error::other)?;
    let mut archive = tar::Archive::new(shape);
    let mut owners = BTreeMap::new();
    for entry in archive.entries()? {
        let entry = entry?;
        let h = entry.header();
        let kind = h.entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            continue;
        }
        let (Ok(uid), Ok(gid)) = (h.uid(), h.gid()) else {
            continue;
        };
        let (Ok(uid), Ok(gid)) = (u32::try_from(uid), u32::try_from(gid)) else {
            continue;
        };
        owners.insert(entry.path()?.into_owned(), FileOwner { uid, gid });
    }
    Ok(owners)
}

fn apply(diff: &Path, owners: &BTreeMap<PathBuf, FileOwner>) {
    let Ok(root) = RootDir::open(diff) else {
        return;
    };
    for (path, owner) in owners {
        let rel = path.strip_prefix("/").unwrap_or(path);
        if rel.as_os_str().is_empty() {
            continue;
        }
        let Ok(fd) = root.open_at(rel, OFlag::O_RDONLY | OFlag::O_NOFOLLOW) else {
            continue;
        };
        let file = File::from(fd);
        if let Err(e) = record(&file, *owner) {
            tracing::debug!("{}: owner not recorded: {e}", rel.display());
        }
    }
}

/// Sets (or, for root, removes) the record; a read-only file is made writable for the moment
/// it takes: a user xattr needs write permission.
fn record(file: &File, owner: FileOwner) -> std::io::Result<()> {
    use xattr::FileExt;
    let mode = fstat(file.as_fd())?.st_mode & 0o7777;
    let writable = mode & 0o200 != 0;
    if !writable {
        fchmod(file.as_fd(), Mode::from_bits_truncate(mode | 0o200))?;
    }
    let result = if owner == FileOwner::ROOT {
        match file.remove_xattr(FileOwner::XATTR) {
            Err(e) if e.raw_os_error() == Some(libc::ENODATA) => Ok(()),
            other => other,
        }
    } else {
        file.set_xattr(FileOwner::XATTR, owner.encode().as_bytes())
    };
    if !writable {
        fchmod(file.as_fd(), Mode::from_bits_truncate(mode))?;
    }
    result
}
