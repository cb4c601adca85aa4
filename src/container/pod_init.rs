//! podman's init containers (`create --init-ctr always|once --pod POD`): `pod start` runs
//! them one after another, each to a clean exit, after the infra container and before the
//! pod's other containers; a `once` one is removed after its first clean run. Only `pod start`
//! runs them: `pod restart` and a member's own `start` leave them be, as podman's.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::list::Entry;
use super::plan::RunPlan;
use super::pod::Outcome;
use super::pod_use::PodChoice;
use super::wait::{self, Condition};
use super::{ContainerError, Engine, remove, start};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InitCtr {
    /// Runs at every `pod start`.
    Always,
    /// Runs at the first `pod start`, then is removed.
    Once,
}

impl InitCtr {
    /// `--init-ctr`'s value; only a container joining a pod (`in_pod`) can be one.
    pub fn parse(value: Option<&str>, in_pod: bool) -> Result<Option<InitCtr>, ContainerError> {
        let Some(value) = value else {
            return Ok(None);
        };
        let kind = match value {
            "always" => InitCtr::Always,
            "once" => InitCtr::Once,
            _ => {
                return Err(ContainerError::invalid(
                    "--init-ctr",
                    value,
                    "init-ctr value must be 'always' or 'once'",
                ));
            }
        };
        if !in_pod {
            return Err(ContainerError::invalid(
                "--init-ctr",
                value,
                "must specify pod value with init-ctr",
            ));
        }
        Ok(Some(kind))
    }
}

/// podman adds no init container to a pod that runs: it would never run before the others.
pub fn preflight(engine: &Engine, plan: &RunPlan) -> Result<(), ContainerError> {
    let (Some(_), Some(PodChoice::Existing(pod))) = (plan.init_ctr, &plan.pod) else {
        return Ok(());
    };
    let entry = super::pod::entry(engine, pod)?;
    match entry.members.iter().find(|m| m.status.is_running()) {
        Some(running) => Err(ContainerError::invalid(
            "--init-ctr",
            &entry.pod.name,
            format!(
                "cannot add init-ctr to a running pod (its container {} runs)",
                running.record.name
            ),
        )),
        None => Ok(()),
    }
}

/// `pod start`'s order: the infra container, then the init containers (oldest first) each
/// to its exit, then the others, each after those it requires. An init container that fails
/// ends the start there: what depends on its set-up is not started.
pub fn start_members(engine: &Engine, members: &[&Entry]) -> Outcome {
    let (inits, others): (Vec<&Entry>, Vec<&Entry>) = members
        .iter()
        .copied()
        .partition(|e| e.record.run.init_ctr.is_some());
    let (infra, apps): (Vec<&Entry>, Vec<&Entry>) =
        others.into_iter().partition(|e| e.record.run.infra);
    let mut outcome: Outcome = infra.iter().filter_map(|e| start_one(engine, e)).collect();
    if outcome.iter().any(|(_, r)| r.is_err()) {
        return outcome;
    }
    if let Some(first) = inits.first() {
        // An init container's exit must not look like the pod's last member leaving
        // (`--exit-policy stop`) while the others are still to start.
        let ran = super::pod::as_member(engine, &first.record, || {
            run_inits(engine, &inits, &mut outcome)
        });
        let all_ran = ran.unwrap_or_else(|e| {
            outcome.push((first.record.name.clone(), Err(e)));
            false
        });
        if !all_ran {
            return outcome;
        }
    }
    outcome.extend(apps.iter().filter_map(|e| start_one(engine, e)));
    outcome
}

fn start_one(engine: &Engine, e: &Entry) -> Option<(String, Result<(), ContainerError>)> {
    (!e.status.is_running()).then(|| {
        let started = start::start(engine, e.record.id.as_str()).map(|_| ());
        (e.record.name.clone(), started)
    })
}

/// Runs each init container to its exit; false once one failed (recorded in `outcome`).
fn run_inits(engine: &Engine, inits: &[&Entry], outcome: &mut Outcome) -> bool {
    for e in inits {
        let ran = run_init(engine, e);
        let failed = ran.is_err();
        outcome.push((e.record.name.clone(), ran));
        if failed {
            return false;
        }
    }
    true
}

/// One init container, started and waited for; a `once` one is removed after a clean run
/// (a failed one stays, for its logs, and runs again at the next `pod start`).
fn run_init(engine: &Engine, e: &Entry) -> Result<(), ContainerError> {
    let id = e.record.id.as_str();
    if !e.status.is_running() {
        start::start(engine, id)?;
    }
    let code = wait::wait(engine, id, &[Condition::Exited], Duration::from_millis(50))?;
    if code != 0 {
        return Err(ContainerError::InitContainerFailed {
            container: e.record.name.clone(),
            code,
        });
    }
    if e.record.run.init_ctr == Some(InitCtr::Once) {
        remove::remove(engine, id, true, true)?;
    }
    Ok(())
}
