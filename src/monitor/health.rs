//! Healthchecks (`--health-*`, an image's HEALTHCHECK): what a check is, how its settings
//! from the image and the command line merge (docker's rules), and how each result moves the
//! container's health (docker's `State.Health`). The monitor runs the checks on its timer.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// docker's defaults for a setting neither the image nor the command line gives.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(30);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_START_INTERVAL: Duration = Duration::from_secs(5);
pub const DEFAULT_RETRIES: u32 = 3;
/// podman's defaults for `--health-max-log-count` and `--health-max-log-size` (characters).
pub const DEFAULT_LOG_COUNT: u32 = 5;
pub const DEFAULT_LOG_SIZE: u32 = 500;
/// A startup check's default interval and timeout (podman's).
pub const DEFAULT_STARTUP_INTERVAL: Duration = Duration::from_secs(30);
pub const DEFAULT_STARTUP_TIMEOUT: Duration = Duration::from_secs(30);

/// The check's command: docker's `["CMD-SHELL", text]` or `["CMD", args...]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HealthTest {
    Shell(String),
    Exec(Vec<String>),
}

impl HealthTest {
    /// docker's `Test` array.
    pub fn docker(&self) -> Vec<String> {
        match self {
            HealthTest::Shell(text) => vec!["CMD-SHELL".into(), text.clone()],
            HealthTest::Exec(args) => std::iter::once("CMD".to_string())
                .chain(args.iter().cloned())
                .collect(),
        }
    }

    /// The argv the check runs (a shell form through `/bin/sh -c`, as docker).
    pub fn argv(&self) -> Vec<String> {
        match self {
            HealthTest::Shell(text) => vec!["/bin/sh".into(), "-c".into(), text.clone()],
            HealthTest::Exec(args) => args.clone(),
        }
    }
}

/// `--health-on-failure` (podman's): what the monitor does when the container turns unhealthy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnFailure {
    #[default]
    None,
    Kill,
    Restart,
    Stop,
}

#[derive(Debug, thiserror::Error)]
#[error("expected none, kill, restart or stop")]
pub struct BadAction;

impl FromStr for OnFailure {
    type Err = BadAction;

    fn from_str(s: &str) -> Result<Self, BadAction> {
        match s {
            "none" => Ok(OnFailure::None),
            "kill" => Ok(OnFailure::Kill),
            "restart" => Ok(OnFailure::Restart),
            "stop" => Ok(OnFailure::Stop),
            _ => Err(BadAction),
        }
    }
}

impl fmt::Display for OnFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OnFailure::None => "none",
            OnFailure::Kill => "kill",
            OnFailure::Restart => "restart",
            OnFailure::Stop => "stop",
        })
    }
}

/// Settings as one source gives them (the image's config, or the command line): a `None`
/// takes the other source's value, then docker's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthSettings {
    pub test: Option<HealthTest>,
    /// `Some(ZERO)`: no timer, the check runs only on `healthcheck run` (podman's `disable`).
    pub interval: Option<Duration>,
    pub timeout: Option<Duration>,
    pub start_period: Option<Duration>,
    pub start_interval: Option<Duration>,
    pub retries: Option<u32>,
}

/// What an image's `Healthcheck` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageHealth {
    /// `["NONE"]`: the image disables any check of its base.
    Disabled,
    Check(HealthSettings),
}

#[derive(Debug, thiserror::Error)]
pub enum BadImageHealth {
    #[error("Healthcheck.Test must be NONE, CMD or CMD-SHELL with a command, not {0}")]
    Test(String),
    #[error("Healthcheck.{0} must be a number of nanoseconds, not {1}")]
    Number(&'static str, String),
}

impl ImageHealth {
    /// docker's image config object; an absent or empty `Test` inherits (None).
    pub fn parse(value: &Value) -> Result<Option<ImageHealth>, BadImageHealth> {
        let test: Vec<String> = match value.get("Test") {
            None | Some(Value::Null) => Vec::new(),
            Some(t) => serde_json::from_value(t.clone())
                .map_err(|_| BadImageHealth::Test(t.to_string()))?,
        };
        let test = match test.split_first() {
            None => None,
            Some((kind, _)) if kind == "NONE" => return Ok(Some(ImageHealth::Disabled)),
            Some((kind, [text])) if kind == "CMD-SHELL" => Some(HealthTest::Shell(text.clone())),
            Some((kind, args)) if kind == "CMD" && !args.is_empty() => {
                Some(HealthTest::Exec(args.to_vec()))
            }
            Some(_) => return Err(BadImageHealth::Test(format!("{test:?}"))),
        };
        let nanos = |key: &'static str| -> Result<Option<Duration>, BadImageHealth> {
            match value.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => match v.as_u64() {
                    Some(0) => Ok(None),
                    Some(n) => Ok(Some(Duration::from_nanos(n))),
                    None => Err(BadImageHealth::Number(key, v.to_string())),
                },
            }
        };
        let retries = match value.get("Retries") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64().map(u32::try_from) {
                Some(Ok(0)) => None,
                Some(Ok(n)) => Some(n),
                _ => return Err(BadImageHealth::Number("Retries", v.to_string())),
            },
        };
        Ok(Some(ImageHealth::Check(HealthSettings {
            test,
            interval: nanos("Interval")?,
            timeout: nanos("Timeout")?,
            start_period: nanos("StartPeriod")?,
            start_interval: nanos("StartInterval")?,
            retries,
        })))
    }
}

/// A container's healthcheck, every setting decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthConfig {
    pub test: HealthTest,
    /// ZERO: no timer (podman's `--health-interval=disable`).
    pub interval: Duration,
    pub timeout: Duration,
    pub start_period: Duration,
    pub start_interval: Duration,
    pub retries: u32,
    #[serde(default)]
    pub on_failure: OnFailure,
    /// `--health-startup-*`: runs first and gates this check.
    #[serde(default)]
    pub startup: Option<StartupCheck>,
    /// `--health-log-destination`, `--health-max-log-*`.
    #[serde(default)]
    pub log: LogSettings,
}

/// podman's startup check: until it has passed `successes` times in a row (at least once)
/// the regular check does not run and the container stays starting; `retries` failures in a
/// row (0: never) restart the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartupCheck {
    pub test: HealthTest,
    /// ZERO: no timer (`disable`), only `healthcheck run` checks.
    pub interval: Duration,
    pub timeout: Duration,
    pub retries: u32,
    pub successes: u32,
}

impl StartupCheck {
    /// podman's `Config.StartupHealthCheck`.
    pub fn podman(&self) -> Value {
        let mut v = json!({
            "Test": self.test.docker(),
            "Interval": nanos(self.interval),
            "Timeout": nanos(self.timeout),
            "Retries": self.retries,
        });
        if self.successes > 0 {
            v["Successes"] = json!(self.successes);
        }
        v
    }
}

/// Where each check's result is kept besides `health.json` (podman's names).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LogDestination {
    #[default]
    Local,
    /// Each result also goes into the events log, as a `health_status` event.
    EventsLogger,
    /// Each result also rewrites `<dir>/<container id>-healthcheck.log`.
    Directory(std::path::PathBuf),
}

impl fmt::Display for LogDestination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogDestination::Local => f.write_str("local"),
            LogDestination::EventsLogger => f.write_str("events_logger"),
            LogDestination::Directory(dir) => write!(f, "{}", dir.display()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogSettings {
    pub destination: LogDestination,
    /// Results kept in `State.Health.Log`; 0: all.
    pub max_count: u32,
    /// Characters kept of each result's output; 0: all.
    pub max_size: u32,
}

impl Default for LogSettings {
    fn default() -> Self {
        LogSettings {
            destination: LogDestination::Local,
            max_count: DEFAULT_LOG_COUNT,
            max_size: DEFAULT_LOG_SIZE,
        }
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl HealthConfig {
    /// docker's merge: the command line's settings over the image's, then the defaults.
    /// None when neither gives a command.
    pub fn merge(
        user: &HealthSettings,
        image: Option<&HealthSettings>,
        on_failure: OnFailure,
    ) -> Option<HealthConfig> {
        // The startup check and the log settings are the command line's alone: callers set
        // them on the result.
        let base = image.cloned().unwrap_or_default();
        Some(HealthConfig {
            test: user.test.clone().or(base.test)?,
            interval: user.interval.or(base.interval).unwrap_or(DEFAULT_INTERVAL),
            timeout: user.timeout.or(base.timeout).unwrap_or(DEFAULT_TIMEOUT),
            start_period: user
                .start_period
                .or(base.start_period)
                .unwrap_or(Duration::ZERO),
            start_interval: user
                .start_interval
                .or(base.start_interval)
                .unwrap_or(DEFAULT_START_INTERVAL),
            retries: user.retries.or(base.retries).unwrap_or(DEFAULT_RETRIES),
            on_failure,
            startup: None,
            log: LogSettings::default(),
        })
    }

    /// These settings as a source to merge over (`update` changes some of them).
    pub fn settings(&self) -> HealthSettings {
        HealthSettings {
            test: Some(self.test.clone()),
            interval: Some(self.interval),
            timeout: Some(self.timeout),
            start_period: Some(self.start_period),
            start_interval: Some(self.start_interval),
            retries: Some(self.retries),
        }
    }

    /// docker's `Config.Healthcheck`, durations in nanoseconds.
    pub fn docker(&self) -> Value {
        json!({
            "Test": self.test.docker(),
            "Interval": nanos(self.interval),
            "Timeout": nanos(self.timeout),
            "StartPeriod": nanos(self.start_period),
            "StartInterval": nanos(self.start_interval),
            "Retries": self.retries,
        })
    }
}

/// The container's health while it runs, in its run directory: written by its monitor
/// after each check, read by inspect, ps and wait.
pub const HEALTH_FILE: &str = "health.json";

/// `update`'s new healthcheck for a running container, in its run directory: the monitor
/// reads it on SIGUSR2 and at each restart.
pub const HEALTH_UPDATE_FILE: &str = "health-update.json";

/// The file's content (`S`: the monitor's `HealthSpec`); `health` None: no check any more.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HealthUpdate<S> {
    pub health: Option<S>,
}

/// docker's `State.Health`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Health {
    pub status: HealthStatus,
    pub failing_streak: u32,
    pub log: Vec<HealthLog>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HealthStatus {
    #[default]
    Starting,
    Healthy,
    Unhealthy,
}

impl HealthStatus {
    pub fn name(&self) -> &'static str {
        match self {
            HealthStatus::Starting => "starting",
            HealthStatus::Healthy => "healthy",
            HealthStatus::Unhealthy => "unhealthy",
        }
    }
}

/// One check's result, as docker logs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthLog {
    /// RFC 3339.
    pub start: String,
    pub end: String,
    /// docker's -1: the check did not finish in time.
    pub exit_code: i32,
    pub output: String,
}

impl Health {
    /// docker's rules: a success makes the container healthy; a failure counts towards
    /// `retries` (unhealthy when reached) unless the container has never been healthy and
    /// is still in its start period. Returns the new status when it changed.
    pub fn record(
        &mut self,
        result: HealthLog,
        (retries, max_count): (u32, u32),
        in_start_period: bool,
    ) -> Option<HealthStatus> {
        let before = self.status;
        if result.exit_code == 0 {
            self.failing_streak = 0;
            self.status = HealthStatus::Healthy;
        } else if !(before == HealthStatus::Starting && in_start_period) {
            self.failing_streak += 1;
            if self.failing_streak >= retries {
                self.status = HealthStatus::Unhealthy;
            }
        }
        self.keep(result, max_count);
        (self.status != before).then_some(self.status)
    }

    /// A startup check's result: logged, the status left starting (podman's).
    pub fn keep(&mut self, result: HealthLog, max_count: u32) {
        self.log.push(result);
        if max_count > 0 {
            let excess = self.log.len().saturating_sub(max_count as usize);
            self.log.drain(..excess);
        }
    }
}

/// A check's output as podman keeps it: at most `max_size` characters (0: all), lossily
/// decoded.
pub fn output_text(bytes: &[u8], max_size: u32) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(max_size as usize) {
        Some((end, _)) if max_size > 0 => text[..end].to_string(),
        _ => text.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(code: i32) -> HealthLog {
        HealthLog {
            start: "s".into(),
            end: "e".into(),
            exit_code: code,
            output: String::new(),
        }
    }

    #[test]
    fn transitions_follow_docker() {
        let mut h = Health::default();
        // Failures in the start period do not count while the container has never been healthy.
        let limits = (2, DEFAULT_LOG_COUNT);
        assert_eq!(h.record(log(1), limits, true), None);
        assert_eq!(h.failing_streak, 0);
        assert_eq!(h.record(log(0), limits, true), Some(HealthStatus::Healthy));
        // Once healthy, the start period no longer shields failures.
        assert_eq!(h.record(log(1), limits, true), None);
        assert_eq!(
            h.record(log(-1), limits, false),
            Some(HealthStatus::Unhealthy)
        );
        assert_eq!(h.failing_streak, 2);
        for _ in 0..10 {
            h.record(log(1), limits, false);
        }
        assert_eq!(h.log.len(), DEFAULT_LOG_COUNT as usize);
        assert_eq!(h.record(log(0), limits, false), Some(HealthStatus::Healthy));
        assert_eq!(h.failing_streak, 0);
        let json = serde_json::to_value(&h).unwrap();
        assert_eq!(json["Status"], "healthy");
        assert_eq!(json["Log"][4]["ExitCode"], 0);
        // 0 keeps every result.
        for _ in 0..10 {
            h.record(log(0), (2, 0), false);
        }
        assert_eq!(h.log.len(), 15);
    }

    #[test]
    fn output_is_cut_at_characters() {
        assert_eq!(output_text("héllo".as_bytes(), 2), "hé");
        assert_eq!(output_text(b"hello", 0), "hello");
        assert_eq!(output_text(b"hi", 500), "hi");
    }

    #[test]
    fn image_config_in_docker_shape() {
        let v = json!({"Test": ["CMD-SHELL", "test -f /ok"], "Interval": 2_000_000_000u64,
                       "Retries": 0});
        let Some(ImageHealth::Check(s)) = ImageHealth::parse(&v).unwrap() else {
            panic!("a check")
        };
        assert_eq!(s.test, Some(HealthTest::Shell("test -f /ok".into())));
        assert_eq!(s.interval, Some(Duration::from_secs(2)));
        assert_eq!(s.retries, None);
        assert_eq!(
            ImageHealth::parse(&json!({"Test": ["NONE"]})).unwrap(),
            Some(ImageHealth::Disabled)
        );
        for bad in [
            json!({"Test": ["CMD"]}),
            json!({"Test": ["RUN", "x"]}),
            json!({"Test": "x"}),
            json!({"Test": ["CMD", "x"], "Timeout": -1}),
        ] {
            assert!(ImageHealth::parse(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_command_line_overrides_the_image_setting_by_setting() {
        let image = HealthSettings {
            test: Some(HealthTest::Exec(vec!["check".into()])),
            interval: Some(Duration::from_secs(7)),
            retries: Some(9),
            ..Default::default()
        };
        let user = HealthSettings {
            retries: Some(2),
            ..Default::default()
        };
        let c = HealthConfig::merge(&user, Some(&image), OnFailure::Kill).unwrap();
        assert_eq!(c.test, HealthTest::Exec(vec!["check".into()]));
        assert_eq!(
            (c.interval, c.retries, c.timeout),
            (Duration::from_secs(7), 2, DEFAULT_TIMEOUT)
        );
        assert_eq!(c.docker()["Test"], json!(["CMD", "check"]));
        assert_eq!(c.docker()["Interval"], json!(7_000_000_000u64));
        assert!(HealthConfig::merge(&user, None, OnFailure::None).is_none());
    }
}
