//! `rm` and `container prune`.

use super::plan::mounts::anonymous_volumes;
use super::plan::namespaces::Sharing;
use super::prune_filter::PruneFilters;
use super::record::ContainerRecord;
use super::status;
use super::stop::{self, Asked, wait_monitor_gone};
use super::{ContainerError, Engine};
use crate::network::NetworkMode;
use crate::state::process::ProcessStamp;
use crate::state::scratch;
use crate::volume::VolumeError;

/// An infra container goes with its pod (`pod rm`), as podman's: its members' namespaces are
/// its own, and a pod that lost it could start no container.
fn check_not_holding_pod(engine: &Engine, record: &ContainerRecord) -> Result<(), ContainerError> {
    match pod_held(engine, record)? {
        Some(pod) => Err(ContainerError::InfraInUse {
            id: record.id.to_string(),
            pod,
        }),
        None => Ok(()),
    }
}

/// The id of the pod whose infra container `record` is, while that pod exists.
fn pod_held(engine: &Engine, record: &ContainerRecord) -> Result<Option<String>, ContainerError> {
    let Some(pod_id) = record.run.pod.as_ref().filter(|_| record.run.infra) else {
        return Ok(None);
    };
    match super::pod::pods(engine).get(pod_id) {
        Ok(pod) => Ok(Some(pod.id)),
        Err(crate::pods::PodsError::NotFound(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Whether `name_or_id` is the infra container of an existing pod: `rm -a` leaves those to
/// `pod rm`.
pub fn holds_pod(engine: &Engine, name_or_id: &str) -> bool {
    engine
        .find(name_or_id)
        .ok()
        .and_then(|(record, _)| pod_held(engine, &record).ok().flatten())
        .is_some()
}

/// How `rm` treats each container it removes.
#[derive(Debug, Clone, Copy)]
pub struct Removal {
    /// A running container is stopped, and a mounted one removed all the same.
    pub force: bool,
    /// Its anonymous volumes go too (`rm -v`, `run --rm`).
    pub volumes: bool,
    /// Seconds a running container gets after its stop signal before SIGKILL (`rm -f -t`);
    /// none: SIGKILL at once.
    pub stop_timeout: Option<u32>,
}

/// Removes a container; a running one only with `force` (it is killed first). With
/// `volumes` its anonymous volumes go too (`rm -v`, `run --rm`).
pub fn remove(
    engine: &Engine,
    name_or_id: &str,
    force: bool,
    volumes: bool,
) -> Result<String, ContainerError> {
    remove_as(engine, name_or_id, force, volumes, false)
}

/// `rm` of each of `targets`, with each one's outcome in their order. With `force` the
/// running ones are all sent their stop before any is waited for
/// ([`stop::ask_all_then_each`]: 50 containers' `rm -af` waited for each end in turn), then
/// each is removed as [`remove`] does.
pub fn remove_each(
    engine: &Engine,
    targets: &[String],
    removal: Removal,
) -> Vec<Result<String, ContainerError>> {
    stop::ask_all_then_each(
        targets,
        |name| match removal.force {
            true => ask_stop(engine, name, removal).ok().flatten(),
            false => None,
        },
        |name, asked| remove_locked(engine, name, removal, false, asked),
    )
}

/// The first half of a forced removal's stop, under the container's lock.
fn ask_stop(
    engine: &Engine,
    name_or_id: &str,
    removal: Removal,
) -> Result<Option<Asked>, ContainerError> {
    let locked = engine.lock_container(name_or_id)?;
    check_not_holding_pod(engine, &locked.record)?;
    stop::ask_stop(
        &locked.record,
        &locked.paths,
        Some(removal.stop_timeout.unwrap_or(0)),
    )
}

/// [`remove`] for `pod rm` and `system reset`, which may remove a pod's infra container.
pub(super) fn remove_with_pod(
    engine: &Engine,
    name_or_id: &str,
    force: bool,
    volumes: bool,
) -> Result<String, ContainerError> {
    remove_as(engine, name_or_id, force, volumes, true)
}

fn remove_as(
    engine: &Engine,
    name_or_id: &str,
    force: bool,
    volumes: bool,
    infra_too: bool,
) -> Result<String, ContainerError> {
    let removal = Removal {
        force,
        volumes,
        stop_timeout: None,
    };
    let (id, monitor) = remove_locked(engine, name_or_id, removal, infra_too, None)?;
    if let Some(monitor) = monitor {
        wait_monitor_gone(monitor);
    }
    Ok(id)
}

/// [`remove_as`] under the container's lock; also returns the monitor of the run it ended.
/// `asked`: this container's stop, already signalled.
fn remove_locked(
    engine: &Engine,
    name_or_id: &str,
    removal: Removal,
    infra_too: bool,
    asked: Option<Asked>,
) -> Result<(String, Option<ProcessStamp>), ContainerError> {
    let Removal { force, volumes, .. } = removal;
    let locked = engine.lock_container(name_or_id)?;
    let (record, paths) = (&locked.record, &locked.paths);
    if !infra_too {
        check_not_holding_pod(engine, record)?;
    }
    let mut monitor = None;
    if status::of(paths).is_running() {
        if !force {
            return Err(ContainerError::Running {
                name: record.name.clone(),
                state: "running",
            });
        }
        let timeout = Some(removal.stop_timeout.unwrap_or(0));
        monitor = stop::stop_asked(record, paths, timeout, asked)?;
        if removal.stop_timeout.is_some() {
            engine.event("stop", record);
        }
    }
    if !force {
        super::mount::check_free(record, paths)?;
    }
    super::resources::remove_leftover_leaf(paths);
    let guard = engine.lock()?;
    let tmp = scratch::temp_path(&engine.containers_dir(), "rm");
    match std::fs::rename(&paths.dir, &tmp) {
        Ok(()) => {}
        // A --rm monitor got there first.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((record.id.to_string(), monitor));
        }
        Err(e) => return Err(ContainerError::io("remove", &paths.dir)(e)),
    }
    // After the record is gone: a claim left (a crash, an I/O error) is stale, which the
    // next create of the name takes over.
    let _ = super::name_index::release(engine, &record.name, &record.id);
    drop(guard);
    super::network_use::release(engine, record)?;
    if let Some(cidfile) = &record.run.cidfile {
        crate::state::atomic::remove_id_file(cidfile, record.id.as_str());
    }
    let _ = std::fs::remove_dir_all(&paths.run_dir);
    scratch::remove_any(&tmp).map_err(ContainerError::io("remove", &tmp))?;
    if paths.layers != paths.dir {
        scratch::remove_any(&paths.layers).map_err(ContainerError::io("remove", &paths.layers))?;
    }
    if volumes {
        for name in anonymous_volumes(&record.run.mounts) {
            match engine.volumes.remove(&name) {
                Ok(()) | Err(VolumeError::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    engine.event("remove", record);
    Ok((record.id.to_string(), monitor))
}

/// The containers that share `id`'s network, IPC, UTS, PID or cgroup namespace, and theirs in turn,
/// deepest first (`rm --depend`).
pub fn dependents(engine: &Engine, id: &str) -> Result<Vec<String>, ContainerError> {
    let mut found = Vec::new();
    for (record, _) in engine.list()? {
        let other = Sharing::Container(id.to_string());
        if record.run.network == NetworkMode::Container(id.to_string())
            || record.run.ipc == other
            || record.run.uts == other
            || record.run.pid == other
            || record.run.cgroupns == other
        {
            found.extend(dependents(engine, record.id.as_str())?);
            found.push(record.id.to_string());
        }
    }
    Ok(found)
}

/// Removes every container of this node that is not running (another node's may run there);
/// returns their ids.
pub fn prune(engine: &Engine, filters: &PruneFilters) -> Result<Vec<String>, ContainerError> {
    let mut removed = Vec::new();
    for (record, paths) in engine.list_here()? {
        // An infra container goes with its pod (`pod rm`, `pod prune`), as podman's; a
        // build's RUN step with its build (or `system prune --build`).
        if !status::of(&paths).is_running()
            && !record.run.infra
            && record.run.builder.is_none()
            && filters.matches(Some(&record.created), &record.run.labels)
        {
            removed.push(remove(engine, record.id.as_str(), false, false)?);
        }
    }
    Ok(removed)
}

/// `system prune --build`: the RUN step containers whose build has ended without removing
/// them (it was killed). A build still running keeps its own: podman removes them all and
/// warns that it may break builds in progress; rpod knows which builds still run.
pub fn prune_builds(engine: &Engine) -> Result<Vec<String>, ContainerError> {
    let mut removed = Vec::new();
    for (record, _) in engine.list_here()? {
        if record.run.builder.is_some_and(|build| !build.is_alive()) {
            removed.push(remove(engine, record.id.as_str(), true, false)?);
        }
    }
    Ok(removed)
}
