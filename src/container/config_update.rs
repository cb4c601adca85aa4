//! `update`'s healthcheck, environment and ulimits. The record changes at once; a running
//! container's monitor takes a changed check now (SIGUSR2, the timer reset), new execs and
//! the running check see the environment at once, and the container's own process gets the
//! environment and the
//! ulimits at its next start (podman's).

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::plan::health::{HealthOptions, HealthPlan};
use super::plan::health_extras::{LogChoice, StartupSettings, existing};
use super::plan::process::{env_from_flag, parse_ulimit};
use super::record::ContainerRecord;
use super::status::{self, Status};
use super::{ContainerError, Engine};
use crate::monitor::health::{
    HEALTH_UPDATE_FILE, HealthConfig, HealthSettings, HealthUpdate, OnFailure,
};
use crate::state::atomic;

/// The flags as given.
#[derive(Debug, Clone, Default)]
pub struct ConfigOptions {
    pub health: HealthOptions,
    pub env: Vec<String>,
    pub unsetenv: Vec<String>,
    pub ulimits: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HealthChange {
    Keep,
    /// `--no-healthcheck`.
    Remove,
    /// Each setting given replaces the container's.
    Change {
        settings: HealthSettings,
        on_failure: Option<OnFailure>,
        startup: Box<StartupSettings>,
        log: LogChoice,
    },
}

/// The changes, checked.
#[derive(Debug, Clone)]
pub struct ConfigChanges {
    health: HealthChange,
    /// `KEY=VALUE`.
    env: Vec<String>,
    unsetenv: Vec<String>,
    ulimits: Vec<(i32, u64, u64)>,
}

impl ConfigChanges {
    pub fn build(opts: &ConfigOptions) -> Result<ConfigChanges, ContainerError> {
        let health = match HealthPlan::build(&opts.health)? {
            HealthPlan::Disabled => HealthChange::Remove,
            HealthPlan::Settings {
                settings,
                on_failure,
                startup,
                log,
            } => {
                let on_failure = opts.health.on_failure.as_ref().map(|_| on_failure);
                if settings == HealthSettings::default()
                    && on_failure.is_none()
                    && !startup.given()
                    && !log.given()
                {
                    HealthChange::Keep
                } else {
                    HealthChange::Change {
                        settings,
                        on_failure,
                        startup,
                        log,
                    }
                }
            }
        };
        let mut env = Vec::new();
        for flag in &opts.env {
            env.extend(env_from_flag(flag)?);
        }
        for key in &opts.unsetenv {
            if key.is_empty() || key.contains('=') {
                return Err(ContainerError::invalid(
                    "--unsetenv",
                    key.clone(),
                    "expected a variable's name",
                ));
            }
        }
        let ulimits = opts
            .ulimits
            .iter()
            .map(|u| parse_ulimit(u))
            .collect::<Result<_, _>>()?;
        Ok(ConfigChanges {
            health,
            env,
            unsetenv: opts.unsetenv.clone(),
            ulimits,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.health == HealthChange::Keep
            && self.env.is_empty()
            && self.unsetenv.is_empty()
            && self.ulimits.is_empty()
    }
}

/// Records the changes; a running container's monitor is given its new check.
pub fn update(
    engine: &Engine,
    name_or_id: &str,
    changes: &ConfigChanges,
) -> Result<ContainerRecord, ContainerError> {
    let (mut record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    let health_changed = changes.health != HealthChange::Keep;
    if health_changed {
        record.run.healthcheck = healthcheck(&record, &changes.health)?;
    }
    let env = &mut record.run.env;
    env.retain(|e| {
        let key = e.split_once('=').map_or(e.as_str(), |(k, _)| k);
        !changes.unsetenv.iter().any(|u| u == key)
    });
    for entry in &changes.env {
        let key = entry.split_once('=').map_or(entry.as_str(), |(k, _)| k);
        match env
            .iter_mut()
            .find(|e| e.split_once('=').is_some_and(|(k, _)| k == key))
        {
            Some(existing) => existing.clone_from(entry),
            None => env.push(entry.clone()),
        }
    }
    for &limit in &changes.ulimits {
        let ulimits = &mut record.run.ulimits;
        match ulimits
            .iter_mut()
            .find(|(resource, ..)| *resource == limit.0)
        {
            Some(existing) => *existing = limit,
            None => ulimits.push(limit),
        }
    }
    {
        let _guard = engine.lock()?;
        atomic::write_json(&paths.config(), &record)
            .map_err(ContainerError::io("write", &paths.config()))?;
    }
    // A running check sees the environment as a new exec does.
    let env_changed = !(changes.env.is_empty() && changes.unsetenv.is_empty());
    let reaches_check = health_changed || (env_changed && record.run.healthcheck.is_some());
    if let (true, Status::Running(running) | Status::Paused(running)) =
        (reaches_check, status::of(&paths))
    {
        let update = HealthUpdate {
            health: super::exec::health_spec(engine, &record, &paths)?,
        };
        let file = paths.run_dir.join(HEALTH_UPDATE_FILE);
        atomic::write_json(&file, &update).map_err(ContainerError::io("write", &file))?;
        kill(Pid::from_raw(running.monitor.pid), Signal::SIGUSR2).map_err(|e| {
            ContainerError::invalid(
                "update of",
                record.name.clone(),
                format!("cannot reach the container's monitor: {e}"),
            )
        })?;
    }
    Ok(record)
}

/// The container's check after the change.
fn healthcheck(
    record: &ContainerRecord,
    change: &HealthChange,
) -> Result<Option<HealthConfig>, ContainerError> {
    let current = record.run.healthcheck.as_ref();
    let HealthChange::Change {
        settings,
        on_failure,
        startup,
        log,
    } = change
    else {
        if record.run.sdnotify == crate::monitor::notify::SdNotify::Healthy {
            return Err(ContainerError::invalid(
                "--no-healthcheck",
                "true",
                "the container's --sdnotify=healthy waits for a healthy check",
            ));
        }
        return Ok(None);
    };
    let on_failure = on_failure
        .or(current.map(|c| c.on_failure))
        .unwrap_or_default();
    let base = current.map(HealthConfig::settings);
    let Some(mut check) = HealthConfig::merge(settings, base.as_ref(), on_failure) else {
        return Err(ContainerError::invalid(
            "healthcheck",
            record.name.clone(),
            "the container has no healthcheck: give --health-cmd",
        ));
    };
    check.startup = startup.over(current.and_then(|c| c.startup.as_ref()))?;
    let mut log = log.over(&current.map(|c| c.log.clone()).unwrap_or_default());
    log.destination = existing(log.destination)?;
    check.log = log;
    Ok(Some(check))
}
