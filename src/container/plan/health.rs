//! `--health-*` and `--no-healthcheck`: checked here, merged with the image's HEALTHCHECK at
//! create (docker's rules: each setting given here replaces the image's).

use std::time::Duration;

use super::super::ContainerError;
use super::health_extras::{LogChoice, LogOptions, StartupOptions, StartupSettings};
use crate::format::units::parse_go_duration;
use crate::monitor::health::{HealthConfig, HealthSettings, HealthTest, ImageHealth, OnFailure};

/// The flags as given.
#[derive(Debug, Clone, Default)]
pub struct HealthOptions {
    pub cmd: Option<String>,
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub start_period: Option<String>,
    pub start_interval: Option<String>,
    pub retries: Option<u32>,
    pub on_failure: Option<String>,
    pub no_healthcheck: bool,
    pub startup: StartupOptions,
    pub log: LogOptions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthPlan {
    /// `--no-healthcheck` or `--health-cmd none`: no check, not even the image's.
    Disabled,
    /// The command line's settings (possibly none): the image's fill what they leave out.
    Settings {
        settings: HealthSettings,
        on_failure: OnFailure,
        /// Boxed: the plan of a container without one stays small.
        startup: Box<StartupSettings>,
        log: LogChoice,
    },
}

impl HealthPlan {
    pub fn build(opts: &HealthOptions) -> Result<HealthPlan, ContainerError> {
        let disabled_by_cmd = opts
            .cmd
            .as_deref()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("none"));
        let test = match opts.cmd.as_deref() {
            Some(cmd) if !disabled_by_cmd => Some(test("--health-cmd", cmd)?),
            _ => None,
        };
        let settings = HealthSettings {
            test,
            interval: interval("--health-interval", opts.interval.as_deref())?,
            timeout: duration("--health-timeout", opts.timeout.as_deref())?,
            start_period: duration("--health-start-period", opts.start_period.as_deref())?,
            start_interval: duration("--health-start-interval", opts.start_interval.as_deref())?,
            // docker's 0: the image's, else the default.
            retries: opts.retries.filter(|&r| r > 0),
        };
        let on_failure = match opts.on_failure.as_deref() {
            None => OnFailure::None,
            Some(given) => given
                .parse()
                .map_err(|e: crate::monitor::health::BadAction| {
                    ContainerError::invalid("--health-on-failure", given, e.to_string())
                })?,
        };
        let startup = Box::new(StartupSettings::build(&opts.startup)?);
        let log = LogChoice::build(&opts.log)?;
        let others_given = settings != HealthSettings::default()
            || opts.retries.is_some()
            || opts.on_failure.is_some()
            || startup.given()
            || log.given();
        if opts.no_healthcheck || disabled_by_cmd {
            if others_given || (opts.no_healthcheck && opts.cmd.is_some()) {
                return Err(ContainerError::invalid(
                    "--no-healthcheck",
                    "true",
                    "cannot specify both --no-healthcheck and other HealthCheck flags",
                ));
            }
            return Ok(HealthPlan::Disabled);
        }
        Ok(HealthPlan::Settings {
            settings,
            on_failure,
            startup,
            log,
        })
    }
}

impl HealthPlan {
    /// The container's check: these settings over the image's `Healthcheck` (docker's
    /// config object), or None.
    pub fn merge(
        &self,
        image: Option<&serde_json::Value>,
    ) -> Result<Option<HealthConfig>, ContainerError> {
        let HealthPlan::Settings {
            settings,
            on_failure,
            startup,
            log,
        } = self
        else {
            return Ok(None);
        };
        let image = match image.map(ImageHealth::parse).transpose() {
            Ok(parsed) => parsed.flatten(),
            Err(e) => {
                return Err(ContainerError::invalid(
                    "image healthcheck",
                    image.map(|v| v.to_string()).unwrap_or_default(),
                    format!("{e} (--no-healthcheck ignores it)"),
                ));
            }
        };
        let image = match &image {
            Some(ImageHealth::Check(s)) => Some(s),
            _ => None,
        };
        let Some(mut merged) = HealthConfig::merge(settings, image, *on_failure) else {
            if *settings != HealthSettings::default()
                || *on_failure != OnFailure::None
                || startup.given()
                || log.given()
            {
                return Err(ContainerError::invalid(
                    "healthcheck",
                    "",
                    "--health-* options need a command: --health-cmd, or a HEALTHCHECK in the \
                     image",
                ));
            }
            return Ok(None);
        };
        merged.startup = startup.over(None)?;
        merged.log = log.over(&merged.log);
        Ok(Some(merged))
    }
}

/// A JSON array is docker's exec form (`["CMD", ...]`, `["CMD-SHELL", "..."]`, or podman's
/// bare `["prog", "arg"]`); any other text runs through the container's /bin/sh.
pub(super) fn test(flag: &'static str, cmd: &str) -> Result<HealthTest, ContainerError> {
    let bad = |reason: &str| ContainerError::invalid(flag, cmd, reason.to_string());
    let trimmed = cmd.trim();
    if trimmed.is_empty() {
        return Err(bad("must define a healthcheck command"));
    }
    if !trimmed.starts_with('[') {
        return Ok(HealthTest::Shell(cmd.to_string()));
    }
    let words: Vec<String> = serde_json::from_str(trimmed)
        .map_err(|e| bad(&format!("not a JSON array of strings: {e}")))?;
    match words.split_first() {
        None => Err(bad("must define a healthcheck command")),
        Some((kind, [text])) if kind.eq_ignore_ascii_case("CMD-SHELL") => {
            Ok(HealthTest::Shell(text.clone()))
        }
        Some((kind, _)) if kind.eq_ignore_ascii_case("CMD-SHELL") => {
            Err(bad("CMD-SHELL takes exactly one string"))
        }
        Some((kind, [])) if kind.eq_ignore_ascii_case("CMD") => Err(bad("CMD needs a command")),
        Some((kind, args)) if kind.eq_ignore_ascii_case("CMD") => {
            Ok(HealthTest::Exec(args.to_vec()))
        }
        Some((kind, [])) if kind.eq_ignore_ascii_case("NONE") => {
            Err(bad("use --no-healthcheck to disable the image's check"))
        }
        Some(_) => Ok(HealthTest::Exec(words)),
    }
}

/// `--health-interval`: a duration, or `disable` for no timer (podman's).
pub(super) fn interval(
    flag: &'static str,
    given: Option<&str>,
) -> Result<Option<Duration>, ContainerError> {
    match given {
        Some("disable") => Ok(Some(Duration::ZERO)),
        other => duration(flag, other),
    }
}

/// A Go duration of at least a millisecond (docker's minimum); `0` takes the image's or the
/// default.
pub(super) fn duration(
    flag: &'static str,
    given: Option<&str>,
) -> Result<Option<Duration>, ContainerError> {
    let Some(text) = given else {
        return Ok(None);
    };
    if text == "0" {
        return Ok(None);
    }
    match parse_go_duration(text) {
        Some(d) if d >= Duration::from_millis(1) => Ok(Some(d)),
        Some(_) => Err(ContainerError::invalid(
            flag,
            text,
            "must be at least 1ms (or 0 for the default)",
        )),
        None => Err(ContainerError::invalid(
            flag,
            text,
            "expected a duration such as 30s, 1m30s or 500ms",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(opts: HealthOptions) -> Result<HealthPlan, String> {
        HealthPlan::build(&opts).map_err(|e| e.to_string())
    }

    #[test]
    fn commands_in_every_form() {
        let cases = [
            (
                "curl -f http://x/ || exit 1",
                HealthTest::Shell("curl -f http://x/ || exit 1".into()),
            ),
            (
                r#"["CMD", "ls", "/"]"#,
                HealthTest::Exec(vec!["ls".into(), "/".into()]),
            ),
            (r#"["CMD-SHELL", "true"]"#, HealthTest::Shell("true".into())),
            (
                r#"["ls", "/"]"#,
                HealthTest::Exec(vec!["ls".into(), "/".into()]),
            ),
        ];
        for (cmd, expected) in cases {
            let Ok(HealthPlan::Settings { settings, .. }) = plan(HealthOptions {
                cmd: Some(cmd.into()),
                ..Default::default()
            }) else {
                panic!("{cmd}")
            };
            assert_eq!(settings.test, Some(expected), "{cmd}");
        }
    }

    #[test]
    fn settings_and_their_errors() {
        let Ok(HealthPlan::Settings {
            settings,
            on_failure,
            ..
        }) = plan(HealthOptions {
            cmd: Some("true".into()),
            interval: Some("disable".into()),
            timeout: Some("1500ms".into()),
            retries: Some(2),
            on_failure: Some("restart".into()),
            ..Default::default()
        })
        else {
            panic!("a plan")
        };
        assert_eq!(settings.interval, Some(Duration::ZERO));
        assert_eq!(settings.timeout, Some(Duration::from_millis(1500)));
        assert_eq!(settings.retries, Some(2));
        assert_eq!(on_failure, OnFailure::Restart);
        let none = HealthOptions {
            cmd: Some("none".into()),
            ..Default::default()
        };
        assert_eq!(plan(none), Ok(HealthPlan::Disabled));
        let bad = [
            (
                HealthOptions {
                    no_healthcheck: true,
                    interval: Some("1s".into()),
                    ..Default::default()
                },
                "cannot specify both --no-healthcheck",
            ),
            (
                HealthOptions {
                    timeout: Some("5".into()),
                    ..Default::default()
                },
                "--health-timeout",
            ),
            (
                HealthOptions {
                    on_failure: Some("explode".into()),
                    ..Default::default()
                },
                "none, kill, restart or stop",
            ),
            (
                HealthOptions {
                    cmd: Some("[\"CMD\"]".into()),
                    ..Default::default()
                },
                "CMD needs a command",
            ),
            (
                HealthOptions {
                    cmd: Some("[1]".into()),
                    ..Default::default()
                },
                "JSON array",
            ),
        ];
        for (opts, expected) in bad {
            let e = plan(opts).unwrap_err();
            assert!(e.contains(expected), "{e:?} lacks {expected:?}");
        }
    }
}
