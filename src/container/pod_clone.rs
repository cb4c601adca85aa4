//! `pod clone`: a new pod with the original's settings, its infra container and each of its
//! containers cloned into it (see [`super::clone`]), members after those they require.

use std::collections::HashMap;

use super::clone::{Copy, clone_name, free_clone_name};
use super::pod::{self, pods};
use super::pod_cgroup::{self, PodCgroupOptions};
use super::{ContainerError, Engine};
use crate::cgroup::limits::Limits;
use crate::pods::{Pod, PodRequest};

/// `pod clone` as asked.
#[derive(Debug, Clone, Default)]
pub struct PodCloneRequest {
    pub source: String,
    /// The new pod's name; the original's with `-clone` by default.
    pub name: Option<String>,
    /// `--destroy`: the original pod goes (its running containers stopped) once the clone
    /// exists.
    pub destroy: bool,
    /// `--start`: the new pod is started.
    pub start: bool,
    /// `--cpus`, `--memory`, `--cgroup-parent`, …: over the original's.
    pub cgroup: PodCgroupOptions,
}

/// Makes the new pod and its containers; on a failure nothing of it is left.
pub fn clone_pod(engine: &Engine, request: &PodCloneRequest) -> Result<Pod, ContainerError> {
    let original = pods(engine).get(&request.source)?;
    let cgroup = pod_cgroup::build_over(&original.cgroup, &request.cgroup)?;
    let name = match &request.name {
        Some(name) => name.clone(),
        None => pod_clone_name(engine, &original.name)?,
    };
    let made = pods(engine).create(PodRequest {
        name: Some(name),
        labels: original.labels.clone(),
        share: original.share.clone(),
        exit_policy: original.exit_policy,
        create_command: original.create_command.clone(),
        cgroup,
    })?;
    let filled = fill(engine, &original, &made);
    let made = match filled {
        Ok(made) => made,
        Err(e) => {
            let _ = pod::remove(engine, &made.id, true, None, None);
            return Err(e);
        }
    };
    if request.destroy {
        pod::remove(engine, &original.id, true, None, None)?;
    }
    if request.start {
        let (_, outcome) = pod::start_pod(engine, &made.id)?;
        if let Some((_, Err(e))) = outcome.into_iter().find(|(_, r)| r.is_err()) {
            return Err(e);
        }
    }
    Ok(made)
}

/// The infra container, then the members, cloned into `made`.
fn fill(engine: &Engine, original: &Pod, made: &Pod) -> Result<Pod, ContainerError> {
    let entry = pod::entry(engine, &original.id)?;
    let no_limits = Limits::default();
    let mut cloned = HashMap::new();
    let mut made = made.clone();
    let infra = match entry.infra() {
        Some(infra) => {
            let old = &infra.record;
            // The infra's hostname is the pod's name unless `--hostname` said otherwise.
            let hostname = (old.run.hostname == original.name).then(|| made.name.clone());
            let copy = Copy {
                name: format!("{}-infra", &made.id[..12]),
                pod: Some((&made, None)),
                hostname,
                image: None,
                limits: &no_limits,
                take_over: false,
                cloned: &cloned,
            };
            let new = copy.make(engine, old)?;
            made = pods(engine).set_infra(&made, new.id.as_str())?;
            cloned.insert(old.id.to_string(), new.id.to_string());
            Some(new)
        }
        None => None,
    };
    for member in pod::ordered(&entry.members) {
        let old = &member.record;
        if old.run.infra {
            continue;
        }
        let copy = Copy {
            name: clone_name(engine, &old.name)?,
            pod: Some((&made, infra.as_ref())),
            hostname: None,
            image: None,
            limits: &no_limits,
            take_over: false,
            cloned: &cloned,
        };
        let new = copy.make(engine, old)?;
        cloned.insert(old.id.to_string(), new.id.to_string());
    }
    Ok(made)
}

/// The original's name with `-clone`, then `-clone1`, … (podman's default).
fn pod_clone_name(engine: &Engine, original: &str) -> Result<String, ContainerError> {
    let taken: Vec<String> = pods(engine).list()?.into_iter().map(|p| p.name).collect();
    Ok(free_clone_name(original, &taken))
}
