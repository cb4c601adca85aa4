//! Which storage driver this store uses, and why: chosen once by trying each in a throwaway
//! user namespace, then recorded in the store so later commands need not probe again. Also
//! where containers' writable layers go: not on a network file system.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverChoice {
    pub driver: StorageDriver,
    pub reason: String,
    /// Where containers' writable layers live when not in the data directory, and why.
    #[serde(default)]
    pub container_dir: Option<(PathBuf, String)>,
}

const RECORD: &str = "driver.json";

/// Network and cluster file systems: overlay cannot keep an upper layer on them (and many
/// lack the user xattrs whiteouts need).
pub fn network_fs(path: &Path) -> Option<&'static str> {
    let magic = nix::sys::statfs::statfs(path).ok()?.filesystem_type().0 as u64;
    Some(match magic {
        0x6969 => "nfs",
        0x0BD0_0BD0 => "lustre",
        0x4750_4653 => "gpfs",
        0xFF53_4D42 => "cifs",
        0xFE53_4D42 => "smb2",
        0x00C3_6400 => "ceph",
        0x1983_0326 => "beegfs",
        0xAAD7_AAEA => "panfs",
        _ => return None,
    })
}

/// The local directory for container layers: the configured one, else for a data directory
/// on a network file system `$TMPDIR/rpod-UID` (or /var/tmp), else none (the data directory).
fn container_dir(store_dir: &Path, configured: Option<&Path>) -> Option<(PathBuf, String)> {
    if let Some(dir) = configured {
        return Some((dir.to_path_buf(), "set in rpod.toml".into()));
    }
    let fs = network_fs(store_dir)?;
    let base = std::env::var_os("TMPDIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or_else(|| PathBuf::from("/var/tmp"));
    Some((
        base.join(format!("rpod-{}", nix::unistd::getuid())),
        format!("the data directory is on {fs}, where overlay cannot keep a writable layer"),
    ))
}

/// The driver for the store in `store_dir`: `forced` (by config or flag) wins, else what was
/// recorded, else what the probe finds (and records). Container layers go to
/// `configured_dir`, or to a local directory when the store is on a network file system.
pub fn choose(
    store_dir: &Path,
    forced: Option<(StorageDriver, &str)>,
    configured_dir: Option<&Path>,
) -> Result<DriverChoice, ProbeError> {
    let container_dir = container_dir(store_dir, configured_dir);
    if let Some((driver, by)) = forced {
        return Ok(DriverChoice {
            driver,
            reason: format!("chosen by {by}"),
            container_dir,
        });
    }
    let record = store_dir.join(RECORD);
    if let Ok(bytes) = fs::read(&record)
        && let Ok(mut choice) = serde_json::from_slice::<DriverChoice>(&bytes)
    {
        choice.container_dir = container_dir;
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

/// Runs the overlay probe in a child process; None means overlay works.
fn try_overlay(dir: &Path) -> Result<Option<String>, ProbeError> {
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
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join("fuse-overlayfs").is_file()))
        .unwrap_or(false);
    if !found {
        return Some("fuse-overlayfs is not installed".into());
    }
    match fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
    {
        Ok(_) => None,
        Err(e) => Some(format!("/dev/fuse: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_disks_keep_container_layers_in_the_data_directory() {
        let tmp = std::env::temp_dir();
        assert_eq!(
            network_fs(&tmp),
            None,
            "the test machine's temp dir is local"
        );
        assert_eq!(container_dir(&tmp, None), None);
        let (dir, why) = container_dir(&tmp, Some(Path::new("/scratch/me"))).unwrap();
        assert_eq!(dir, Path::new("/scratch/me"));
        assert!(why.contains("rpod.toml"));
    }
}
