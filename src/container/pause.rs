//! `pause` and `unpause`: the cgroup v2 freezer when the container has a leaf, else every
//! process of the container is stopped with SIGSTOP and resumed with SIGCONT. Either way a
//! marker in the run directory says it is paused, and vanishes with the monitor.

use std::fs;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine, processes, resources};
use crate::cgroup::freeze;

pub const PAUSED_FILE: &str = "paused";

/// How long pause keeps stopping processes that a fork made in the meantime.
const SETTLE: Duration = Duration::from_secs(5);

fn signal_all(init: i32, signal: Signal) -> usize {
    let procs = processes::of(init);
    for p in &procs {
        let _ = kill(Pid::from_raw(p.pid), signal);
    }
    procs.len()
}

pub fn pause(engine: &Engine, name_or_id: &str) -> Result<ContainerRecord, ContainerError> {
    let (record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    pause_locked(engine, &record, &paths)?;
    Ok(record)
}

/// Pauses the running container whose lock the caller holds.
pub fn pause_locked(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
) -> Result<(), ContainerError> {
    let Status::Running(running) = status::of(paths) else {
        return Err(ContainerError::NotRunning {
            action: "pause",
            name: record.name.clone(),
            state: status::of(paths).name(),
        });
    };
    let marker = paths.run_dir.join(PAUSED_FILE);
    if let Some(leaf) = resources::leaf_of(paths).filter(freeze::available) {
        freeze::set(&leaf, true)?;
        fs::write(&marker, b"").map_err(ContainerError::io("write", &marker))?;
        return Ok(());
    }
    fs::write(&marker, b"").map_err(ContainerError::io("write", &marker))?;
    // A process forked while the others were being stopped escapes one round: repeat until
    // every process of the container is stopped.
    let deadline = Instant::now() + SETTLE;
    loop {
        signal_all(running.pid, Signal::SIGSTOP);
        let procs = processes::of(running.pid);
        if procs
            .iter()
            .all(|p| matches!(p.state, 'T' | 't' | 'Z' | 'X'))
        {
            engine.event("pause", record);
            return Ok(());
        }
        if Instant::now() >= deadline {
            resume(paths, running.pid);
            return Err(ContainerError::invalid(
                "container",
                record.name.clone(),
                "its processes kept running: cannot pause it",
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn unpause(engine: &Engine, name_or_id: &str) -> Result<ContainerRecord, ContainerError> {
    let (record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    let Status::Paused(running) = status::of(&paths) else {
        return Err(ContainerError::NotPaused {
            name: record.name,
            state: status::of(&paths).name(),
        });
    };
    resume(&paths, running.pid);
    engine.event("unpause", &record);
    Ok(record)
}

/// Lets every process of the container run again; stop and kill call it after their signal
/// so that a paused container acts on it.
pub fn resume(paths: &Paths, init: i32) {
    match resources::leaf_of(paths).filter(freeze::is_frozen) {
        Some(leaf) => {
            let _ = freeze::set(&leaf, false);
        }
        None => {
            signal_all(init, Signal::SIGCONT);
        }
    }
    let _ = fs::remove_file(paths.run_dir.join(PAUSED_FILE));
}
