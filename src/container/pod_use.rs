//! `run`/`create --pod NAME|new:NAME` and `--pod-id-file`: the pod a container joins,
//! resolved to its id at create; and `--requires`: the containers started before this one.

use std::path::Path;

use super::plan::RunPlan;
use super::status;
use super::{ContainerError, Engine, pod, start};
use crate::pods::{PodRequest, PodsError};
use crate::state::lock::Guard;

/// `--pod` as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodChoice {
    Existing(String),
    /// `new:NAME`: the pod is created with the container.
    New(String),
}

/// `--pod` or the id `--pod-id-file` holds (both only if they agree).
pub fn parse(
    given: Option<&str>,
    id_file: Option<&Path>,
) -> Result<Option<PodChoice>, ContainerError> {
    let from_file = id_file
        .map(|path| {
            std::fs::read_to_string(path)
                .map(|s| s.trim().to_string())
                .map_err(ContainerError::io("read pod id file", path))
        })
        .transpose()?;
    let choice = match (given, from_file) {
        (Some(p), Some(f)) if p != f => {
            return Err(ContainerError::invalid(
                "--pod",
                p,
                format!("--pod-id-file names pod {f}: give one of them"),
            ));
        }
        (Some(p), _) => p.to_string(),
        (None, Some(f)) => f,
        (None, None) => return Ok(None),
    };
    match choice.strip_prefix("new:") {
        Some("") => Err(ContainerError::invalid(
            "--pod",
            choice,
            "new: needs a pod name",
        )),
        Some(name) => Ok(Some(PodChoice::New(name.to_string()))),
        None if choice.is_empty() => {
            Err(ContainerError::invalid("--pod", choice, "empty pod name"))
        }
        None => Ok(Some(PodChoice::Existing(choice))),
    }
}

/// The pod a container joins, locked until the container's record is written: a `pod rm`
/// then either sees the new container (and removes it with the pod) or has removed the pod
/// before the container could join it, which is refused.
pub struct Joined {
    pub id: String,
    _guard: Guard,
}

/// The pod's id, creating the pod for `new:`, with its lock. rpod's pods have no infra
/// container yet (issue 17), so a pod made here shares no namespaces: said once, as a
/// warning.
pub fn join(engine: &Engine, plan: &RunPlan) -> Result<Option<Joined>, ContainerError> {
    let name = match &plan.pod {
        None => return Ok(None),
        Some(PodChoice::Existing(name)) => name.clone(),
        Some(PodChoice::New(name)) => {
            tracing::warn!(
                "pod {name} is created without an infra container: its containers share no namespaces"
            );
            let request = PodRequest {
                name: Some(name.clone()),
                ..PodRequest::default()
            };
            pod::create(engine, request, false, None)?.id
        }
    };
    let refused = |e: PodsError| ContainerError::invalid("--pod", &name, e.to_string());
    let pods = pod::pods(engine);
    let found = pods.get(&name).map_err(refused)?;
    // A `pod rm` between the look-up and the lock leaves no pod directory to lock.
    let guard = pods
        .lock(&found)
        .map_err(|_| refused(PodsError::NotFound(name.clone())))?;
    let pod = pods.get(&found.id).map_err(refused)?;
    Ok(Some(Joined {
        id: pod.id,
        _guard: guard,
    }))
}

/// `--requires`: each named container resolved to its id; a missing one is refused.
pub fn requires(engine: &Engine, plan: &RunPlan) -> Result<Vec<String>, ContainerError> {
    plan.requires
        .iter()
        .map(|name| {
            engine
                .find(name)
                .map(|(record, _)| record.id.to_string())
                .map_err(|e| ContainerError::invalid("--requires", name, e.to_string()))
        })
        .collect()
}

/// Starts the containers `name_or_id` requires that are not running, theirs first.
pub fn start_required(engine: &Engine, name_or_id: &str) -> Result<(), ContainerError> {
    let (record, _) = engine.find(name_or_id)?;
    for id in &record.run.requires {
        let (required, paths) = engine.find(id).map_err(|e| {
            ContainerError::invalid("--requires", id.clone(), format!("of {}: {e}", record.name))
        })?;
        if !status::of(&paths).is_running() {
            start::start(engine, required.id.as_str())?;
        }
    }
    Ok(())
}
