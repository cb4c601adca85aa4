//! podman's startup check (`--health-startup-*`) and where results are kept
//! (`--health-log-destination`, `--health-max-log-*`): checked here, each setting given
//! laid over a container's (create: the defaults; `update`: its current ones).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::super::ContainerError;
use super::health::{duration, interval, test};
use crate::monitor::health::{
    DEFAULT_STARTUP_INTERVAL, DEFAULT_STARTUP_TIMEOUT, HealthTest, LogDestination, LogSettings,
    StartupCheck,
};

/// The startup flags as given.
#[derive(Debug, Clone, Default)]
pub struct StartupOptions {
    pub cmd: Option<String>,
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub retries: Option<u32>,
    pub success: Option<u32>,
}

/// The log flags as given.
#[derive(Debug, Clone, Default)]
pub struct LogOptions {
    pub destination: Option<String>,
    pub max_count: Option<u32>,
    pub max_size: Option<u32>,
}

/// The startup settings given, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartupSettings {
    pub test: Option<HealthTest>,
    pub interval: Option<Duration>,
    pub timeout: Option<Duration>,
    pub retries: Option<u32>,
    pub successes: Option<u32>,
}

impl StartupSettings {
    pub fn build(opts: &StartupOptions) -> Result<StartupSettings, ContainerError> {
        let test = match opts.cmd.as_deref() {
            None => None,
            Some(cmd) => Some(test("--health-startup-cmd", cmd)?),
        };
        Ok(StartupSettings {
            test,
            interval: interval("--health-startup-interval", opts.interval.as_deref())?,
            timeout: duration("--health-startup-timeout", opts.timeout.as_deref())?,
            retries: opts.retries,
            successes: opts.success,
        })
    }

    pub fn given(&self) -> bool {
        *self != StartupSettings::default()
    }

    /// These settings over `current` (None: podman's defaults); None when neither has a
    /// command.
    pub fn over(
        &self,
        current: Option<&StartupCheck>,
    ) -> Result<Option<StartupCheck>, ContainerError> {
        let Some(test) = self.test.clone().or(current.map(|c| c.test.clone())) else {
            if self.given() {
                return Err(ContainerError::invalid(
                    "--health-startup-cmd",
                    "",
                    "the --health-startup-* options need a startup command",
                ));
            }
            return Ok(None);
        };
        Ok(Some(StartupCheck {
            test,
            interval: self
                .interval
                .or(current.map(|c| c.interval))
                .unwrap_or(DEFAULT_STARTUP_INTERVAL),
            timeout: self
                .timeout
                .or(current.map(|c| c.timeout))
                .unwrap_or(DEFAULT_STARTUP_TIMEOUT),
            retries: self.retries.or(current.map(|c| c.retries)).unwrap_or(0),
            successes: self.successes.or(current.map(|c| c.successes)).unwrap_or(0),
        }))
    }
}

/// The log settings given, checked (a directory is checked to exist by [`existing`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogChoice {
    pub destination: Option<LogDestination>,
    pub max_count: Option<u32>,
    pub max_size: Option<u32>,
}

impl LogChoice {
    pub fn build(opts: &LogOptions) -> Result<LogChoice, ContainerError> {
        let destination = match opts.destination.as_deref() {
            None => None,
            Some("local") => Some(LogDestination::Local),
            Some("events_logger") => Some(LogDestination::EventsLogger),
            Some("") => {
                return Err(ContainerError::invalid(
                    "--health-log-destination",
                    "",
                    "expected local, events_logger or a directory",
                ));
            }
            Some(dir) => Some(LogDestination::Directory(PathBuf::from(dir))),
        };
        Ok(LogChoice {
            destination,
            max_count: opts.max_count,
            max_size: opts.max_size,
        })
    }

    pub fn given(&self) -> bool {
        *self != LogChoice::default()
    }

    /// These settings over `current`.
    pub fn over(&self, current: &LogSettings) -> LogSettings {
        LogSettings {
            destination: self
                .destination
                .clone()
                .unwrap_or_else(|| current.destination.clone()),
            max_count: self.max_count.unwrap_or(current.max_count),
            max_size: self.max_size.unwrap_or(current.max_size),
        }
    }
}

/// A directory destination must exist (podman's check); it is kept absolute, as the monitor
/// does not run in the caller's directory.
pub fn existing(destination: LogDestination) -> Result<LogDestination, ContainerError> {
    let LogDestination::Directory(dir) = &destination else {
        return Ok(destination);
    };
    let bad = |reason: String| {
        ContainerError::invalid(
            "--health-log-destination",
            dir.display().to_string(),
            reason,
        )
    };
    match std::fs::metadata(dir) {
        // The monitor writes there after each check, where a failure has no one to tell.
        Ok(m)
            if m.is_dir() && nix::unistd::access(dir, nix::unistd::AccessFlags::W_OK).is_err() =>
        {
            Err(bad("rpod cannot write to this directory".into()))
        }
        Ok(m) if m.is_dir() => std::path::absolute(Path::new(dir))
            .map(LogDestination::Directory)
            .map_err(|e| bad(e.to_string())),
        Ok(_) => Err(bad("must be a directory (or local, events_logger)".into())),
        Err(e) => Err(bad(format!("HealthCheck Log destination error: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn startup_settings_over_the_defaults_and_a_current_check() {
        let given = StartupSettings::build(&StartupOptions {
            cmd: Some("test -f /ready".into()),
            interval: Some("disable".into()),
            success: Some(2),
            ..Default::default()
        })
        .unwrap();
        let check = given.over(None).unwrap().unwrap();
        assert_eq!(check.test, HealthTest::Shell("test -f /ready".into()));
        assert_eq!(check.interval, Duration::ZERO);
        assert_eq!(check.timeout, DEFAULT_STARTUP_TIMEOUT);
        assert_eq!((check.retries, check.successes), (0, 2));
        let retries_only = StartupSettings {
            retries: Some(4),
            ..Default::default()
        };
        let changed = retries_only.over(Some(&check)).unwrap().unwrap();
        assert_eq!((changed.retries, changed.successes), (4, 2));
        let e = retries_only.over(None).unwrap_err().to_string();
        assert!(e.contains("--health-startup-cmd"), "{e}");
        for (opts, flag) in [
            (
                StartupOptions {
                    interval: Some("5".into()),
                    ..Default::default()
                },
                "--health-startup-interval",
            ),
            (
                StartupOptions {
                    cmd: Some(" ".into()),
                    ..Default::default()
                },
                "--health-startup-cmd",
            ),
        ] {
            let e = StartupSettings::build(&opts).unwrap_err().to_string();
            assert!(e.contains(flag), "{e}");
        }
    }

    #[test]
    fn log_destinations() {
        let choice = |d: &str| {
            LogChoice::build(&LogOptions {
                destination: Some(d.into()),
                ..Default::default()
            })
        };
        assert_eq!(
            choice("events_logger").unwrap().destination,
            Some(LogDestination::EventsLogger)
        );
        assert!(choice("").is_err());
        let dir = choice("/nonexistent/rpod").unwrap().destination.unwrap();
        let e = existing(dir).unwrap_err().to_string();
        assert!(e.contains("--health-log-destination"), "{e}");
        let file = choice("/proc/self/status").unwrap().destination.unwrap();
        assert!(
            existing(file)
                .unwrap_err()
                .to_string()
                .contains("directory")
        );
        let tmp = std::env::temp_dir();
        let ok = existing(LogDestination::Directory(tmp.clone())).unwrap();
        assert_eq!(ok, LogDestination::Directory(tmp));
        let over = LogChoice {
            max_count: Some(0),
            ..Default::default()
        }
        .over(&LogSettings::default());
        assert_eq!((over.max_count, over.max_size), (0, 500));
    }
}
