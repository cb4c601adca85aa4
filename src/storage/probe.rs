//! Which storage driver this store uses, and why: chosen once by trying each in a throwaway
//! user namespace, then recorded in the store so later commands need not probe again. Also
//! where containers' writable layers go: not on a network file system (see fstype).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use super::fstype::{self, FsFacts, FsTypeError};
use crate::config::StorageDriver;
use crate::state::{atomic, scratch};

/// The hidden subcommand that runs the overlay probe in a fresh process: unsharing a user
/// namespace needs a single-threaded process, and the probe must not change ours.
pub const PROBE_SUBCOMMAND: &str = "__probe-overlay";

#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("cannot record the storage driver in {}: {source}", path.display())]
    Record { path: PathBuf, source: io::Error },
    #[error("cannot run the storage probe: {0}")]
    Spawn(io::Error),
    #[error(transparent)]
    NodeLocal(#[from] FsTypeError),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverChoice {
    pub driver: StorageDriver,
    pub reason: String,
    /// Where containers' writable layers live when not in the data directory, and why.
    #[serde(default)]
    pub container_dir: Option<(PathBuf, String)>,
    /// The store's file system type (statfs), found again by every command.
    #[serde(skip)]
    pub store_fs: String,
    /// True for the command that probed (and recorded) the driver: the first on this store.
    #[serde(skip)]
    pub first_use: bool,
    /// Chosen by the user (flag or rpod.toml) rather than by the probe.
    #[serde(skip)]
    pub forced: bool,
}

const RECORD: &str = "driver.json";

/// The local directory for container layers: the configured one, else, for a store on a
/// file system unfit for them, `layers` in the node-local private directory, else none (the
/// data directory).
fn container_dir(
    facts: &FsFacts,
    configured: Option<&Path>,
) -> Result<Option<(PathBuf, String)>, ProbeError> {
    if let Some(dir) = configured {
        return Ok(Some((dir.to_path_buf(), "set in rpod.toml".into())));
    }
    let Some(why) = facts.unfit_for_layers() else {
        return Ok(None);
    };
    let dir = fstype::node_local_dir()?.join("layers");
    Ok(Some((dir, format!("{why}; they go to node-local storage"))))
}

/// The driver for the store in `store_dir`: `forced` (by config or flag) wins, else what was
/// recorded, else what the probe finds (and records). Container layers go to
/// `configured_dir`, or to a local directory when the store is on a network file system.
pub fn choose(
    store_dir: &Path,
    forced: Option<(StorageDriver, &str)>,
    configured_dir: Option<&Path>,
) -> Result<DriverChoice, ProbeError> {
    let facts = fstype::inspect(store_dir);
    let container_dir = container_dir(&facts, configured_dir)?;
    if let Some((driver, by)) = forced {
        return Ok(DriverChoice {
            driver,
            reason: format!("chosen by {by}"),
            container_dir,
            store_fs: facts.name,
            first_use: false,
            forced: true,
        });
    }
    let record = store_dir.join(RECORD);
    if let Ok(bytes) = fs::read(&record)
        && let Ok(mut choice) = serde_json::from_slice::<DriverChoice>(&bytes)
    {
        choice.container_dir = container_dir;
        choice.store_fs = facts.name;
        return Ok(choice);
    }
    // The probe's writable layer goes where containers' will.
    let probe_dir = match &container_dir {
        Some((dir, _)) => {
            fs::create_dir_all(dir).map_err(ProbeError::Spawn)?;
            dir.clone()
        }
        None => store_dir.to_path_buf(),
    };
    let (driver, reason) = probe(&probe_dir)?;
    let choice = DriverChoice {
        driver,
        reason,
        container_dir,
        store_fs: facts.name,
        first_use: true,
        forced: false,
    };
    atomic::write_json(&record, &choice).map_err(|source| ProbeError::Record {
        path: record,
        source,
    })?;
    Ok(choice)
}

fn probe(dir: &Path) -> Result<(StorageDriver, String), ProbeError> {
    let overlay_problem = match try_overlay(dir)? {
        None => {
            return Ok((
                StorageDriver::Overlay,
                "kernel overlayfs mounts in a user namespace with userxattr".into(),
            ));
        }
        Some(problem) => problem,
    };
    Ok(match fuse_overlayfs_problem() {
        None => (
            StorageDriver::FuseOverlayfs,
            format!("kernel overlay is unusable ({overlay_problem}); fuse-overlayfs is available"),
        ),
        Some(fuse_problem) => (
            StorageDriver::Vfs,
            format!(
                "kernel overlay is unusable ({overlay_problem}) and fuse-overlayfs too ({fuse_problem}): \
                 every container gets a full copy of its image"
            ),
        ),
    })
}

/// Runs the overlay probe in a child process with its scratch directory in `dir`; None means
/// kernel overlay mounts there in a user namespace. `system doctor` asks afresh each time,
/// where `choose` trusts the store's record.
pub fn try_overlay(dir: &Path) -> Result<Option<String>, ProbeError> {
    let scratch_dir = scratch::temp_path(dir, "probe");
    fs::create_dir_all(&scratch_dir).map_err(ProbeError::Spawn)?;
    let output = Command::new("/proc/self/exe")
        .arg(PROBE_SUBCOMMAND)
        .arg(&scratch_dir)
        .output();
    let _ = scratch::remove_any(&scratch_dir);
    let output = output.map_err(ProbeError::Spawn)?;
    if output.status.success() {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&output.stderr).trim().to_string();
    Ok(Some(if text.is_empty() {
        format!("probe exited with {}", output.status)
    } else {
        text
    }))
}

/// Whether fuse-overlayfs can run for this user; None when it can.
pub fn fuse_overlayfs_problem() -> Option<String> {
    fuse_program_problem("fuse-overlayfs")
}

/// Whether the FUSE server `program` can run for this user: installed, and /dev/fuse open to
/// them. None when it can.
pub fn fuse_program_problem(program: &str) -> Option<String> {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
        .unwrap_or(false);
    if !found {
        return Some(format!("{program} is not installed"));
    }
    fuse_device_problem().map(|e| format!("{FUSE_DEVICE}: {e}"))
}

pub const FUSE_DEVICE: &str = "/dev/fuse";

/// Whether this user can open /dev/fuse read-write, as every FUSE server must; the error
/// (not found, permission denied) when they cannot.
pub fn fuse_device_problem() -> Option<io::Error> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(FUSE_DEVICE)
        .err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_disks_keep_container_layers_in_the_data_directory() {
        let facts = fstype::inspect(&std::env::temp_dir());
        assert_eq!(container_dir(&facts, None).unwrap(), None);
        let (dir, why) = container_dir(&facts, Some(Path::new("/scratch/me")))
            .unwrap()
            .unwrap();
        assert_eq!(dir, Path::new("/scratch/me"));
        assert!(why.contains("rpod.toml"));
    }
}
