//! `start`: a created or exited container gets a new monitor.

use std::fs;

use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine, monitor_spec};
use crate::monitor::spawn::{self, Monitor, SpawnError};

impl From<SpawnError> for ContainerError {
    fn from(e: SpawnError) -> ContainerError {
        ContainerError::Start {
            exit_code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

/// A container whose monitor has set it up; attached callers connect before letting it go.
pub struct Starting {
    pub record: ContainerRecord,
    pub paths: Paths,
    pub monitor: Monitor,
}

/// Spawns the container's monitor. With `hold`, the container waits for
/// [`Monitor::go`] so that an attaching CLI sees all of its output.
pub fn spawn_monitor(
    engine: &Engine,
    name_or_id: &str,
    hold: bool,
) -> Result<Starting, ContainerError> {
    let (record, paths) = engine.find(name_or_id)?;
    if status::of(&paths).is_running() {
        return Err(ContainerError::AlreadyRunning { name: record.name });
    }
    // The previous run's exit record goes: this run will write its own.
    match fs::remove_file(paths.exit()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(ContainerError::io("remove", &paths.exit())(e)),
    }
    // A limit this host cannot enforce (any more) fails here, with the administrator's fix.
    record.run.resources.check()?;
    let monitor_spec = monitor_spec::monitor_spec(engine, &record, &paths, hold)?;
    let monitor = spawn::spawn(&monitor_spec)?;
    engine.event("start", &record);
    Ok(Starting {
        record,
        paths,
        monitor,
    })
}

/// Starts a container and returns once its process runs. Starting a running container is not
/// an error (docker prints its name either way).
pub fn start(engine: &Engine, name_or_id: &str) -> Result<ContainerRecord, ContainerError> {
    match spawn_monitor(engine, name_or_id, false) {
        Ok(starting) => {
            starting.monitor.started()?;
            Ok(starting.record)
        }
        Err(ContainerError::AlreadyRunning { .. }) => Ok(engine.find(name_or_id)?.0),
        Err(e) => Err(e),
    }
}

/// The status of a container found by name or id.
pub fn status_of(
    engine: &Engine,
    name_or_id: &str,
) -> Result<(ContainerRecord, Paths, Status), ContainerError> {
    let (record, paths) = engine.find(name_or_id)?;
    let status = status::of(&paths);
    Ok((record, paths, status))
}
