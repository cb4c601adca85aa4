//! `run`/`create --pod NAME|new:NAME` and `--pod-id-file`: the pod a container joins,
//! resolved to its id at create; and `--requires`: the containers started before this one.

use std::path::Path;

use super::plan::RunPlan;
use super::status;
use super::{ContainerError, Engine, pod, start};
use crate::pods::PodRequest;

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

/// The pod's id, creating the pod for `new:`. rpod's pods have no infra container yet
/// (issue 17), so a pod made here shares no namespaces: said once, as a warning.
pub fn join(engine: &Engine, plan: &RunPlan) -> Result<Option<String>, ContainerError> {
    match &plan.pod {
        None => Ok(None),
        Some(PodChoice::Existing(name)) => pod::pods(engine)
            .get(name)
            .map(|p| Some(p.id))
            .map_err(|e| ContainerError::invalid("--pod", name, e.to_string())),
        Some(PodChoice::New(name)) => {
            tracing::warn!(
                "pod {name} is created without an infra container: its containers share no namespaces"
            );
            let request = PodRequest {
                name: Some(name.clone()),
                ..PodRequest::default()
            };
            Ok(Some(pod::create(engine, request, false, None)?.id))
        }
    }
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
