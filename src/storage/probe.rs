//! Which storage driver this store uses, and why: chosen once by trying each in a throwaway
//! user namespace, then recorded in the store so later commands need not probe again.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use super::overlay::Overlay;
use crate::config::StorageDriver;
use crate::state::{atomic, scratch};

/// The hidden subcommand that runs [`overlay_child`] in a fresh process: unsharing a user
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
}

const RECORD: &str = "driver.json";

/// The driver for the store in `store_dir`: `forced` (by config or flag) wins, else what was
/// recorded, else what the probe finds (and records).
pub fn choose(
    store_dir: &Path,
    forced: Option<(StorageDriver, &str)>,
) -> Result<DriverChoice, ProbeError> {
    if let Some((driver, by)) = forced {
        return Ok(DriverChoice {
            driver,
            reason: format!("chosen by {by}"),
        });
    }
    let record = store_dir.join(RECORD);
    if let Ok(bytes) = fs::read(&record)
        && let Ok(choice) = serde_json::from_slice::<DriverChoice>(&bytes)
    {
        return Ok(choice);
    }
    let choice = probe(store_dir)?;
    atomic::write_json(&record, &choice).map_err(|source| ProbeError::Record {
        path: record,
        source,
    })?;
    Ok(choice)
}

fn probe(store_dir: &Path) -> Result<DriverChoice, ProbeError> {
    let overlay_problem = match try_overlay(store_dir)? {
        None => {
            return Ok(DriverChoice {
                driver: StorageDriver::Overlay,
                reason: "kernel overlayfs mounts in a user namespace with userxattr".into(),
            });
        }
        Some(problem) => problem,
    };
    match fuse_overlayfs_problem() {
        None => Ok(DriverChoice {
            driver: StorageDriver::FuseOverlayfs,
            reason: format!(
                "kernel overlay is unusable ({overlay_problem}); fuse-overlayfs is available"
            ),
        }),
        Some(fuse_problem) => Ok(DriverChoice {
            driver: StorageDriver::Vfs,
            reason: format!(
                "kernel overlay is unusable ({overlay_problem}) and fuse-overlayfs too ({fuse_problem}): \
                 every container gets a full copy of its image"
            ),
        }),
    }
}

/// Runs the overlay probe in a child process; None means overlay works.
fn try_overlay(store_dir: &Path) -> Result<Option<String>, ProbeError> {
    let dir = scratch::temp_path(store_dir, "probe");
    fs::create_dir_all(&dir).map_err(ProbeError::Spawn)?;
    let output = Command::new("/proc/self/exe")
        .arg(PROBE_SUBCOMMAND)
        .arg(&dir)
        .output();
    let _ = scratch::remove_any(&dir);
    let output = output.map_err(ProbeError::Spawn)?;
    if output.status.success() {
        Ok(None)
    } else {
        let text = String::from_utf8_lossy(&output.stderr).trim().to_string();
        Ok(Some(if text.is_empty() {
            format!("probe exited with {}", output.status)
        } else {
            text
        }))
    }
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

/// The probe itself, run by [`PROBE_SUBCOMMAND`] in a fresh single-threaded process: enter a
/// user namespace and mount an overlay whose lower layer hides a file with a whiteout.
pub fn overlay_child(dir: &Path) -> Result<(), String> {
    use nix::sched::CloneFlags;
    crate::runtime::userns::enter(
        crate::runtime::userns::IdMap::root(),
        CloneFlags::CLONE_NEWNS,
    )
    .map_err(|e| e.to_string())?;
    let (bottom, top, upper, work, merged) = (
        dir.join("l1"),
        dir.join("l2"),
        dir.join("upper"),
        dir.join("work"),
        dir.join("merged"),
    );
    for d in [&bottom, &top, &upper, &work, &merged] {
        fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    fs::write(bottom.join("hidden"), b"x").map_err(|e| e.to_string())?;
    super::whiteout::make_whiteout_at(&top, "hidden").map_err(|e| format!("whiteout: {e}"))?;
    let lowers = [bottom, top];
    Overlay {
        lowers: &lowers,
        upper: &upper,
        work: &work,
    }
    .mount(&merged)
    .map_err(|e| e.to_string())?;
    if merged.join("hidden").exists() {
        return Err("overlay ignores whiteouts made by an unprivileged user".into());
    }
    Ok(())
}
