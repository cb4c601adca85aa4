//! A container's status, derived from what its monitor recorded and whether that monitor still
//! lives (pid and start time): a record is never trusted on its word.

use super::pause::PAUSED_FILE;
use super::record::Paths;
use crate::monitor::state::{self, Exited, Running};
use crate::state::process::Liveness;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Created,
    Running(Running),
    /// Running, with every process stopped (`pause`).
    Paused(Running),
    Exited(Exited),
}

impl Status {
    /// docker's state names.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running(r) if r.restarting.is_some() => "restarting",
            Status::Running(_) => "running",
            Status::Paused(_) => "paused",
            Status::Exited(_) => "exited",
        }
    }

    /// Running or paused: the container's processes exist.
    pub fn is_running(&self) -> bool {
        self.running().is_some()
    }

    pub fn running(&self) -> Option<&Running> {
        match self {
            Status::Running(r) | Status::Paused(r) => Some(r),
            _ => None,
        }
    }
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// Reads the status; a container whose monitor died without recording an exit is recorded
/// as exited here, once, so that every later command agrees.
pub fn of(paths: &Paths) -> Status {
    if let Ok(Some(running)) = state::read::<Running>(&paths.running()) {
        match running.monitor.liveness() {
            Liveness::Alive if paths.run_dir.join(PAUSED_FILE).exists() => {
                return Status::Paused(running);
            }
            Liveness::Alive => return Status::Running(running),
            Liveness::Zombie | Liveness::Gone => {
                // The monitor may have written its exit record just before dying.
                if let Ok(Some(exited)) = state::read::<Exited>(&paths.exit()) {
                    let _ = std::fs::remove_dir_all(&paths.run_dir);
                    return Status::Exited(exited);
                }
                let exited = Exited {
                    exit_code: 137,
                    finished_at: now(),
                    oom_killed: false,
                    error: Some(format!(
                        "the container's monitor (pid {}) died",
                        running.monitor.pid
                    )),
                    restart_count: running.restart_count,
                    stopped_by_user: false,
                };
                let _ = state::write(&paths.exit(), &exited);
                let _ = std::fs::remove_dir_all(&paths.run_dir);
                return Status::Exited(exited);
            }
        }
    }
    match state::read::<Exited>(&paths.exit()) {
        Ok(Some(exited)) => Status::Exited(exited),
        _ => Status::Created,
    }
}
