//! A pod's `--exit-policy stop`: once its last member has exited, the member's monitor stops
//! the pod's infra container (podman's quadlet pods end this way, and their unit with them).
//!
//! Every running member's monitor holds a shared flock on the pod's members lock for its
//! whole life; a monitor that ends (or dies: the kernel drops its lock) leaves no record to
//! clean. The member that finds the lock free once its own is released is the last.

use std::path::{Path, PathBuf};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

use super::state::{self, RUNNING_FILE, Running};
use crate::state::lock::{self, Guard};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PodExit {
    /// The pod's members lock, on node-local storage (it is about processes of this node).
    pub members_lock: PathBuf,
    /// The infra container's run directory: its monitor record and its stop request.
    pub infra_run_dir: PathBuf,
}

/// The member's presence, held until [`leave`]; None when the lock cannot be made (then the
/// pod is never stopped by this member: it is no worse than `--exit-policy continue`).
pub fn join(pod: &PodExit) -> Option<Guard> {
    let dir = pod.members_lock.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    lock::shared(&pod.members_lock).ok()
}

/// Called once the member's exit is recorded: stops the infra when no member runs.
pub fn leave(pod: &PodExit, presence: Option<Guard>) {
    let Some(presence) = presence else {
        return;
    };
    drop(presence);
    // Held only for the look: a member starting meanwhile waits a moment, no longer.
    let Ok(Some(_last)) = lock::try_exclusive(&pod.members_lock) else {
        return;
    };
    stop_infra(&pod.infra_run_dir);
}

/// The infra's init ends on SIGTERM; the stop request keeps its monitor from restarting it.
fn stop_infra(run_dir: &Path) {
    let Ok(Some(running)) = state::read::<Running>(&run_dir.join(RUNNING_FILE)) else {
        return;
    };
    super::restart::request_stop(run_dir);
    let _ = kill(Pid::from_raw(running.pid), Signal::SIGTERM);
}
