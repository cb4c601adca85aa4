//! Volumes seen from the containers: which container uses which volume, and removal only of
//! volumes no container uses.

use std::collections::BTreeMap;

use super::plan::mounts::MountKind;
use super::prune_filter::PruneFilters;
use super::{ContainerError, Engine};
use crate::volume::Volume;

/// Volume name → the names of the containers (in any state) that mount it.
pub fn users(engine: &Engine) -> Result<BTreeMap<String, Vec<String>>, ContainerError> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (record, _) in engine.list()? {
        for m in &record.run.mounts {
            if let MountKind::Volume { name, .. } = &m.kind {
                out.entry(name.clone())
                    .or_default()
                    .push(record.name.clone());
            }
        }
    }
    Ok(out)
}

/// Removes a volume that no container uses; the store lock keeps a container from being
/// created with it meanwhile.
pub fn remove(engine: &Engine, name: &str) -> Result<(), ContainerError> {
    let _guard = engine.lock()?;
    engine.volumes.get(name)?;
    if let Some(container) = users(engine)?
        .remove(name)
        .and_then(|c| c.into_iter().next())
    {
        return Err(ContainerError::VolumeInUse {
            volume: name.to_string(),
            container,
        });
    }
    Ok(engine.volumes.remove(name)?)
}

/// `volume rm --force`: the containers using the volume are removed first, a running one
/// stopped first (the stop signal, then SIGKILL after `timeout` seconds, or after its own stop
/// timeout), as podman's. Returns the containers removed.
pub fn remove_forced(
    engine: &Engine,
    name: &str,
    timeout: Option<u32>,
) -> Result<Vec<String>, ContainerError> {
    engine.volumes.get(name)?;
    // Each container is stopped and removed under its own lock, before the store lock that
    // [`remove`] takes: a container's lock is never taken inside the store's.
    let users = users(engine)?.remove(name).unwrap_or_default();
    for container in &users {
        super::stop::stop(engine, container, timeout)?;
        super::remove::remove(engine, container, true, false)?;
    }
    remove(engine, name)?;
    Ok(users)
}

/// Removes the volumes no container uses: anonymous ones, or with `all` named ones too
/// (docker's `volume prune` and `volume prune --all`).
pub fn prune(
    engine: &Engine,
    all: bool,
    filters: &PruneFilters,
) -> Result<Vec<Volume>, ContainerError> {
    prune_where(engine, &|volume| {
        (all || volume.anonymous) && filters.matches(Some(&volume.created), &volume.labels)
    })
}

/// `image prune --build-cache`: removes the volumes of `RUN --mount=type=cache` no container
/// uses (a build's step container uses one only while the step runs).
pub fn prune_build_cache(engine: &Engine) -> Result<Vec<Volume>, ContainerError> {
    prune_where(engine, &|volume| {
        volume.name.starts_with(crate::volume::BUILD_CACHE_PREFIX)
    })
}

fn prune_where(
    engine: &Engine,
    pick: &dyn Fn(&Volume) -> bool,
) -> Result<Vec<Volume>, ContainerError> {
    let _guard = engine.lock()?;
    let used = users(engine)?;
    let mut removed = Vec::new();
    for volume in engine.volumes.list()? {
        if !used.contains_key(&volume.name) && pick(&volume) {
            engine.volumes.remove(&volume.name)?;
            removed.push(volume);
        }
    }
    Ok(removed)
}
