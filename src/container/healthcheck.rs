//! `healthcheck run`: the container's monitor runs one check now (SIGUSR1 asks it), so that
//! its result moves the same health, log and on-failure action as the timer's checks do.

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::status::{self, Status};
use super::{ContainerError, Engine};
use crate::monitor::health::{HEALTH_FILE, Health, HealthLog};
use crate::monitor::state;

/// How long past the check's own timeout the monitor may take to report.
const SLACK: Duration = Duration::from_secs(10);

/// The result of one check run now: its log entry (exit code 0: it passed).
pub fn run_now(engine: &Engine, name: &str) -> Result<HealthLog, ContainerError> {
    let failed = |reason: &str| ContainerError::Healthcheck {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    let (record, paths) = engine.find_here(name).map_err(|e| match e {
        ContainerError::NotFound(_) => failed("no such container"),
        other => other,
    })?;
    let Some(config) = &record.run.healthcheck else {
        return Err(failed("container has no defined healthcheck"));
    };
    let Status::Running(running) = status::of(&paths) else {
        return Err(failed("container is not running"));
    };
    let asked = jiff::Timestamp::now();
    kill(Pid::from_raw(running.monitor.pid), Signal::SIGUSR1)
        .map_err(|e| failed(&format!("cannot reach the container's monitor: {e}")))?;
    let deadline = Instant::now() + config.timeout + SLACK;
    let file = paths.run_dir.join(HEALTH_FILE);
    loop {
        let health: Option<Health> = state::read(&file).ok().flatten();
        let answer = health.and_then(|h| {
            h.log
                .into_iter()
                .rev()
                .find(|l| l.start.parse::<jiff::Timestamp>().is_ok_and(|t| t >= asked))
        });
        if let Some(log) = answer {
            return Ok(log);
        }
        if Instant::now() > deadline || !matches!(status::of(&paths), Status::Running(_)) {
            return Err(failed("the container's monitor did not report a result"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
