//! What a monitor records for others to read: that it runs (and the container's pid), in the
//! run directory, and how the container ended, in the container directory. The container
//! module derives a container's status from these and from whether the monitor still lives.

use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::network::NetworkInfo;
use crate::state::process::ProcessStamp;
use crate::state::{atomic, scratch};

pub const RUNNING_FILE: &str = "monitor.json";
/// The monitor's pid alone, as podman's conmon.pid: a Type=forking unit's PIDFile.
pub const CONMON_PID_FILE: &str = "conmon.pid";
pub const EXIT_FILE: &str = "exit.json";
pub const LOG_FILE: &str = "ctr.log";
pub const ATTACH_SOCKET: &str = "attach";
/// The container's lifecycle lock (see container::lifecycle), in its directory.
pub const LOCK_FILE: &str = "lock";
/// The path of the container's cgroup leaf while it exists.
pub const CGROUP_FILE: &str = "cgroup";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Running {
    pub monitor: ProcessStamp,
    /// The container's init on the host.
    pub pid: i32,
    /// RFC 3339.
    pub started_at: String,
    /// What the network helper configured, for `inspect`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkInfo>,
    /// Restarts by the container's restart policy since it was last started.
    #[serde(default)]
    pub restart_count: u32,
    /// Set while the monitor waits out the back-off before a restart: how the last run ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restarting: Option<LastExit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LastExit {
    pub exit_code: i32,
    /// RFC 3339.
    pub finished_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Exited {
    pub exit_code: i32,
    /// RFC 3339.
    pub finished_at: String,
    #[serde(default)]
    pub oom_killed: bool,
    /// Why the container never ran, when it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(default)]
    pub restart_count: u32,
    /// `stop`, `kill` or `rm` ended it: `unless-stopped` leaves it stopped.
    #[serde(default)]
    pub stopped_by_user: bool,
}

pub fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> io::Result<Option<T>> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(io::Error::other),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// A record that must outlive a crash of the machine: how a container ended.
pub fn write<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    atomic::write_json(path, value)
}

/// A file of the run directory (per boot), or an exit record that `--rm` removes at once: no
/// crash of the machine leaves a reader for it (`atomic::Durability::Unsynced`).
pub fn write_volatile<T: Serialize>(path: &Path, value: &T) -> io::Result<()> {
    atomic::write_json_as(path, value, atomic::Durability::Unsynced)
}

/// The run directory goes in one step, after the exit record: renamed away, then deleted. A
/// start that reads that exit (once `monitor.json` is gone) makes a fresh directory, which a
/// deletion still under way would otherwise empty or remove under the new monitor.
pub(super) fn remove_run_dir(spec: &super::spec::MonitorSpec) {
    let gone = spec
        .run_dir
        .parent()
        .map(|parent| scratch::temp_path(parent, "run"));
    match gone {
        Some(gone) if fs::rename(&spec.run_dir, &gone).is_ok() => {
            let _ = scratch::remove_any(&gone);
        }
        _ => {
            let _ = fs::remove_dir_all(&spec.run_dir);
        }
    }
}
