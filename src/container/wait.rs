//! `wait`: until a container reaches one of the states asked for (podman's `--condition`).

use std::time::Duration;

use super::list::Entry;
use super::status::Status;
use super::{ContainerError, Engine};
use crate::monitor::health::HealthStatus;

/// A state `wait --condition` can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Created,
    Running,
    Paused,
    /// Exited, or stopped: the default.
    Exited,
    /// Gone from the store (`removing`).
    Removed,
    /// Running, and its healthcheck says so (podman's `healthy`, `unhealthy`).
    Health(HealthStatus),
}

impl Condition {
    pub fn parse(s: &str) -> Result<Condition, ContainerError> {
        Ok(match s {
            "created" | "configured" => Condition::Created,
            "running" => Condition::Running,
            "paused" => Condition::Paused,
            "exited" | "stopped" => Condition::Exited,
            "removing" => Condition::Removed,
            "healthy" => Condition::Health(HealthStatus::Healthy),
            "unhealthy" => Condition::Health(HealthStatus::Unhealthy),
            _ => {
                return Err(ContainerError::invalid(
                    "--condition",
                    s,
                    "expected created, running, paused, exited, stopped, removing, healthy or unhealthy",
                ));
            }
        })
    }

    fn holds(self, entry: &Entry) -> bool {
        let status = &entry.status;
        match self {
            Condition::Health(want) => super::health::of(entry).is_some_and(|h| h.status == want),
            Condition::Created => matches!(status, Status::Created),
            Condition::Running => matches!(status, Status::Running(_)),
            Condition::Paused => matches!(status, Status::Paused(_)),
            Condition::Exited => matches!(status, Status::Exited(_)),
            Condition::Removed => false,
        }
    }
}

/// Polls every `interval` until one of `conditions` holds; returns the exit code for an
/// exited container, -1 for the other states (as podman prints them).
pub fn wait(
    engine: &Engine,
    spec: &str,
    conditions: &[Condition],
    interval: Duration,
) -> Result<i32, ContainerError> {
    first_match(engine, &[spec], conditions, interval)
}

/// `wait --exit-first-match`: waits until one of the containers `specs` names meets a
/// condition and returns its code as [`wait`] does.
pub fn first_match(
    engine: &Engine,
    specs: &[&str],
    conditions: &[Condition],
    interval: Duration,
) -> Result<i32, ContainerError> {
    let health_only = conditions.iter().all(|c| matches!(c, Condition::Health(_)));
    let mut ids = Vec::new();
    for spec in specs {
        let (record, _) = engine.find_here(spec)?;
        if health_only && record.run.healthcheck.is_none() {
            return Err(ContainerError::Healthcheck {
                name: record.name,
                reason: "container has no defined healthcheck".into(),
            });
        }
        ids.push(record.id.to_string());
    }
    loop {
        for id in &ids {
            let (record, paths) = match engine.find(id) {
                Ok(found) => found,
                Err(ContainerError::NotFound(_)) if conditions.contains(&Condition::Removed) => {
                    return Ok(-1);
                }
                Err(e) => return Err(e),
            };
            let entry = Entry::new(engine, record, paths);
            if let Some(c) = conditions.iter().find(|c| c.holds(&entry)) {
                return Ok(match (c, entry.status) {
                    (Condition::Exited, Status::Exited(e)) => e.exit_code,
                    _ => -1,
                });
            }
        }
        std::thread::sleep(interval);
    }
}

pub fn wait_removed(
    engine: &Engine,
    spec: &str,
    interval: Duration,
) -> Result<i32, ContainerError> {
    let (record, _) = engine.find_here(spec)?;
    let id = record.id.to_string();
    loop {
        match engine.find(&id) {
            Ok(_) => std::thread::sleep(interval),
            Err(ContainerError::NotFound(_)) => break,
            Err(e) => return Err(e),
        }
    }
    let (events, _) = crate::state::events::read_from(&engine.runroot, 0)
        .map_err(ContainerError::io("read the event log", &engine.runroot))?;
    Ok(events
        .iter()
        .rev()
        .find(|e| e.id == id && e.action == "died")
        .and_then(|e| e.attributes.get("exitCode")?.parse().ok())
        .unwrap_or(-1))
}
