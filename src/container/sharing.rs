//! `--ipc`, `--uts`, `--pid` and `--cgroupns`: the namespaces a container shares, resolved to the other container's
//! id at create (as `--network container:` is) and to its namespace files at start.

use super::plan::namespaces::Sharing;
use super::record::ContainerRecord;
use super::status::{self, Status};
use super::{ContainerError, Engine, processes};
use crate::network::NetworkMode;
use crate::runtime::spec::Shared;

/// `container:NAME` with the name resolved to the container's id now: a later container of
/// the same name is another container.
pub fn resolve(
    engine: &Engine,
    flag: &'static str,
    sharing: &Sharing,
) -> Result<Sharing, ContainerError> {
    Ok(match sharing {
        Sharing::Container(name) => {
            let (record, _) = engine.find(name).map_err(|e| {
                ContainerError::invalid(flag, format!("container:{name}"), e.to_string())
            })?;
            Sharing::Container(record.id.to_string())
        }
        other => other.clone(),
    })
}

/// The IPC, UTS, PID and cgroup namespaces for the monitor.
pub struct SharedNamespaces {
    pub ipc: Shared,
    pub uts: Shared,
    pub pid: Shared,
    pub cgroup: Shared,
}

/// The IPC, UTS, PID and cgroup namespaces for the monitor. A container joins the user namespace of
/// the one whose namespaces it shares, and can be in one only: every `container:` must name
/// the same container (the network's too).
pub fn plan(engine: &Engine, record: &ContainerRecord) -> Result<SharedNamespaces, ContainerError> {
    let run = &record.run;
    let mut owner = match &run.network {
        NetworkMode::Container(id) => Some(("--network", id.clone())),
        _ => None,
    };
    let mut one = |flag: &'static str, sharing: &Sharing, ns: &str| match sharing {
        Sharing::Private => Ok(Shared::Private),
        Sharing::Host => Ok(Shared::Host),
        Sharing::Container(id) => {
            if let Some((first, other)) = owner.as_ref().filter(|(_, other)| other != id) {
                return Err(ContainerError::invalid(
                    flag,
                    format!("container:{id}"),
                    format!(
                        "{first} already shares container {other}'s namespaces; rootless rpod joins one container's user namespace, so all must name the same container"
                    ),
                ));
            }
            owner = Some((flag, id.clone()));
            join(engine, record, flag, id, ns)
        }
    };
    Ok(SharedNamespaces {
        ipc: one("--ipc", &run.ipc, "ipc")?,
        uts: one("--uts", &run.uts, "uts")?,
        pid: one("--pid", &run.pid, "pid")?,
        cgroup: one("--cgroupns", &run.cgroupns, "cgroup")?,
    })
}

/// The other container must be running and run as the same user (its user namespace maps
/// one id, the one this container must run as too).
fn join(
    engine: &Engine,
    record: &ContainerRecord,
    flag: &'static str,
    other: &str,
    ns: &str,
) -> Result<Shared, ContainerError> {
    let (target, target_paths) = engine.find(other)?;
    let Status::Running(running) = status::of(&target_paths) else {
        return Err(ContainerError::NotRunning {
            action: "share the namespaces of",
            name: target.name,
            state: status::of(&target_paths).name(),
        });
    };
    if (target.run.uid, target.run.gid) != (record.run.uid, record.run.gid) {
        return Err(ContainerError::invalid(
            flag,
            format!("container:{}", target.name),
            format!(
                "{} runs as uid {}:{} and this container as {}:{}; rootless rpod maps one id, so both must run as the same user",
                target.name, target.run.uid, target.run.gid, record.run.uid, record.run.gid
            ),
        ));
    }
    let proc = format!("/proc/{}/ns", processes::namespace_holder(running.pid));
    Ok(Shared::Join {
        userns: format!("{proc}/user").into(),
        ns: format!("{proc}/{ns}").into(),
    })
}

/// The infra container's /dev/shm directory, in its run directory: it goes when the infra
/// stops, as a tmpfs would.
pub const SHM_DIR: &str = "shm";

/// The directory bound as the container's /dev/shm: an infra container's own, and the
/// infra's for a container that shares an infra's IPC namespace (a pod's member); None for
/// every other container, which gets a tmpfs.
pub fn shm_dir(engine: &Engine, record: &ContainerRecord) -> Option<std::path::PathBuf> {
    if record.run.infra {
        return Some(engine.paths(&record.id).run_dir.join(SHM_DIR));
    }
    let Sharing::Container(owner) = &record.run.ipc else {
        return None;
    };
    let (owner, paths) = engine.find(owner).ok()?;
    owner.run.infra.then(|| paths.run_dir.join(SHM_DIR))
}
