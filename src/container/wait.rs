//! `wait`: until a container reaches one of the states asked for (podman's `--condition`).

use std::time::Duration;

use super::status::{self, Status};
use super::{ContainerError, Engine};

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
}

impl Condition {
    pub fn parse(s: &str) -> Result<Condition, ContainerError> {
        Ok(match s {
            "created" | "configured" => Condition::Created,
            "running" => Condition::Running,
            "paused" => Condition::Paused,
            "exited" | "stopped" => Condition::Exited,
            "removing" => Condition::Removed,
            "healthy" | "unhealthy" => {
                return Err(ContainerError::invalid(
                    "--condition",
                    s,
                    "rpod runs no health checks yet (issue #13)",
                ));
            }
            _ => {
                return Err(ContainerError::invalid(
                    "--condition",
                    s,
                    "expected created, running, paused, exited, stopped or removing",
                ));
            }
        })
    }

    fn holds(self, status: &Status) -> bool {
        match self {
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
    let (record, _) = engine.find(spec)?;
    let id = record.id.to_string();
    loop {
        let paths = match engine.find(&id) {
            Ok((_, paths)) => paths,
            Err(ContainerError::NotFound(_)) if conditions.contains(&Condition::Removed) => {
                return Ok(-1);
            }
            Err(e) => return Err(e),
        };
        let status = status::of(&paths);
        if let Some(c) = conditions.iter().find(|c| c.holds(&status)) {
            return Ok(match (c, status) {
                (Condition::Exited, Status::Exited(e)) => e.exit_code,
                _ => -1,
            });
        }
        std::thread::sleep(interval);
    }
}
