//! `start`: a created or exited container gets a new monitor.

use std::fs;

use super::attach::{self, Attached};
use super::lifecycle::Locked;
use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine, monitor_spec, stop};
use crate::monitor::spawn::{self, Monitor, SpawnError};

impl From<SpawnError> for ContainerError {
    /// The monitor's own report is the container's error as it is: same message, hint and
    /// exit code as the failure would have in this process.
    fn from(e: SpawnError) -> ContainerError {
        match e {
            SpawnError::Monitor(e) => ContainerError::Monitor(e),
            other => ContainerError::Spawn(other),
        }
    }
}

/// A container whose monitor has set it up, its lifecycle lock still held; attached callers
/// connect before letting it go.
pub struct Starting {
    locked: Locked,
    monitor: Monitor,
}

impl Starting {
    pub fn record(&self) -> &ContainerRecord {
        &self.locked.record
    }

    pub fn paths(&self) -> &Paths {
        &self.locked.paths
    }

    /// Lets a held container run and returns its pid once it does; the lock goes.
    pub fn go(self) -> Result<i32, ContainerError> {
        Ok(self.monitor.go()?)
    }

    /// Waits until the container's process runs; the lock goes.
    pub fn started(self) -> Result<i32, ContainerError> {
        Ok(self.monitor.started()?)
    }
}

/// Spawns the container's monitor under its lifecycle lock. With `hold`, the container waits
/// for [`Starting::go`] so that an attaching CLI sees all of its output.
pub fn spawn_monitor(
    engine: &Engine,
    name_or_id: &str,
    hold: bool,
) -> Result<Starting, ContainerError> {
    spawn_passing(engine, name_or_id, hold, &[])
}

/// [`spawn_monitor`], handing the container this command's descriptors `preserve_fds`
/// (`run --preserve-fds`, `--preserve-fd`).
fn spawn_passing(
    engine: &Engine,
    name_or_id: &str,
    hold: bool,
    preserve_fds: &[i32],
) -> Result<Starting, ContainerError> {
    super::pod_use::start_required(engine, name_or_id)?;
    let locked = engine.lock_container(name_or_id)?;
    if status::of(&locked.paths).is_running() {
        return Err(ContainerError::AlreadyRunning {
            name: locked.record.name,
        });
    }
    spawn_handing(engine, locked, hold, preserve_fds)
}

/// Spawns the monitor of a container that is not running and whose lock the caller holds.
pub fn spawn_locked(
    engine: &Engine,
    locked: Locked,
    hold: bool,
) -> Result<Starting, ContainerError> {
    spawn_handing(engine, locked, hold, &[])
}

fn spawn_handing(
    engine: &Engine,
    locked: Locked,
    hold: bool,
    preserve_fds: &[i32],
) -> Result<Starting, ContainerError> {
    let (record, paths) = (&locked.record, &locked.paths);
    super::mount::check_free(record, paths)?;
    // The previous run's exit record goes: this run will write its own.
    match fs::remove_file(paths.exit()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(ContainerError::io("remove", &paths.exit())(e)),
    }
    // A limit this host cannot enforce (any more) fails here, with the administrator's fix.
    record.run.resources.check()?;
    let mut monitor_spec = monitor_spec::monitor_spec(engine, record, paths, hold)?;
    monitor_spec.init.process.attrs.preserve_fds = preserve_fds.to_vec();
    let monitor = spawn::spawn(&monitor_spec)?;
    engine.event("start", record);
    Ok(Starting { locked, monitor })
}

/// Starts a container and returns once its process runs. Starting a running container is not
/// an error (docker prints its name either way).
pub fn start(engine: &Engine, name_or_id: &str) -> Result<ContainerRecord, ContainerError> {
    start_passing(engine, name_or_id, &[])
}

/// [`start`], handing the container descriptors `preserve_fds` (`run --preserve-fd[s]`).
pub fn start_passing(
    engine: &Engine,
    name_or_id: &str,
    preserve_fds: &[i32],
) -> Result<ContainerRecord, ContainerError> {
    super::pod_use::start_required(engine, name_or_id)?;
    let locked = engine.lock_container(name_or_id)?;
    if status::of(&locked.paths).is_running() {
        return Ok(locked.release().0);
    }
    let record = locked.record.clone();
    spawn_handing(engine, locked, false, preserve_fds)?.started()?;
    Ok(record)
}

/// Starts the container held until our attach stream is connected, so that none of its
/// output is missed, then lets it run. `stdin`: forward ours (if the container has `-i`).
pub fn start_attached(
    engine: &Engine,
    name_or_id: &str,
    stdin: bool,
) -> Result<Attached, ContainerError> {
    start_attached_passing(engine, name_or_id, stdin, &[])
}

/// [`start_attached`], handing the container descriptors `preserve_fds`.
pub fn start_attached_passing(
    engine: &Engine,
    name_or_id: &str,
    stdin: bool,
    preserve_fds: &[i32],
) -> Result<Attached, ContainerError> {
    let starting = spawn_passing(engine, name_or_id, true, preserve_fds)?;
    let stream = attach::connect(starting.paths());
    let (record, paths) = (starting.record().clone(), starting.paths().clone());
    let pid = starting.go()?;
    let stream = stream.map_err(ContainerError::Attach)?;
    Attached::new(record, paths, stream, pid, stdin)
}

/// Stops the container (if it runs) and starts it again, as one step under its lock.
pub fn restart(
    engine: &Engine,
    name_or_id: &str,
    timeout: Option<u32>,
) -> Result<ContainerRecord, ContainerError> {
    let locked = engine.lock_container(name_or_id)?;
    let ended = stop::stop_found(&locked.record, &locked.paths, timeout)?;
    // The run that ended has recorded its exit but may still be taking its root and network
    // down: the new run starts once it is gone. Under the lock, which that monitor never
    // takes unless it is `--rm`'s (it then sees the new run and leaves the container be).
    if let Some(monitor) = ended.filter(|_| !locked.record.run.auto_remove) {
        stop::wait_monitor_gone(monitor);
    }
    engine.event("stop", &locked.record);
    let record = locked.record.clone();
    spawn_locked(engine, locked, false)?.started()?;
    Ok(record)
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
