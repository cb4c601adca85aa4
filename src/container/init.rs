//! `init`: podman's step between create and start (the OCI spec written, the mounts made, the
//! runtime's state "initialized"). An rpod container has no runtime state outside its
//! monitor, which sets everything up when it starts; `init` does all a start does short of
//! spawning it — the capabilities, seccomp program, root emulation, network files and the
//! limits this host must enforce are checked and prepared — so a container that `init`
//! accepts fails at start only for what changes in between. It stays Created.

use super::status;
use super::{ContainerError, Engine, monitor_spec};

/// Prepares a container that is not running for its start; returns its name.
pub fn init(engine: &Engine, name_or_id: &str) -> Result<String, ContainerError> {
    let locked = engine.lock_container(name_or_id)?;
    let (record, paths) = (&locked.record, &locked.paths);
    if status::of(paths).is_running() {
        return Err(ContainerError::invalid(
            "container",
            record.name.clone(),
            "it has already been created in runtime (it is running): container state improper",
        ));
    }
    record.run.resources.check()?;
    monitor_spec::monitor_spec(engine, record, paths, false)?;
    Ok(record.name.clone())
}
