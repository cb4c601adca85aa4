//! Restart policies (`--restart`), carried out by the container's own monitor: no daemon
//! watches containers, so the process that sees the exit decides, with docker's rules.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Written in the run directory by `stop`, `kill` and `rm` before they signal the container,
/// under its lifecycle lock: an exit that follows is never restarted.
pub const STOP_FILE: &str = "stop-requested";

/// `update --restart` on a running container: the policy its monitor reads at the next exit.
pub const POLICY_FILE: &str = "restart-policy.json";

/// docker's first back-off, doubled at each restart up to [`MAX_DELAY`].
const FIRST_DELAY: Duration = Duration::from_millis(100);
const MAX_DELAY: Duration = Duration::from_secs(60);
/// A container that ran this long before it exited starts its back-off afresh.
const RESET_AFTER: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestartPolicy {
    #[default]
    No,
    Always,
    /// `on-failure[:N]`: 0 means no limit.
    OnFailure {
        max_retries: u32,
    },
    UnlessStopped,
}

#[derive(Debug, thiserror::Error)]
#[error("expected no, always, on-failure[:N] or unless-stopped")]
pub struct BadPolicy;

impl FromStr for RestartPolicy {
    type Err = BadPolicy;

    fn from_str(s: &str) -> Result<Self, BadPolicy> {
        match s.split_once(':') {
            None => match s {
                "" | "no" => Ok(RestartPolicy::No),
                "always" => Ok(RestartPolicy::Always),
                "on-failure" => Ok(RestartPolicy::OnFailure { max_retries: 0 }),
                "unless-stopped" => Ok(RestartPolicy::UnlessStopped),
                _ => Err(BadPolicy),
            },
            Some(("on-failure", n)) => n
                .parse()
                .map(|max_retries| RestartPolicy::OnFailure { max_retries })
                .map_err(|_| BadPolicy),
            Some(_) => Err(BadPolicy),
        }
    }
}

impl RestartPolicy {
    /// docker's `HostConfig.RestartPolicy.Name`.
    pub fn name(&self) -> &'static str {
        match self {
            RestartPolicy::No => "no",
            RestartPolicy::Always => "always",
            RestartPolicy::OnFailure { .. } => "on-failure",
            RestartPolicy::UnlessStopped => "unless-stopped",
        }
    }

    pub fn max_retries(&self) -> u32 {
        match self {
            RestartPolicy::OnFailure { max_retries } => *max_retries,
            _ => 0,
        }
    }

    /// Whether a container that exited with `code` by itself (no stop was asked for), after
    /// `restarts` restarts, runs again.
    pub fn restarts_after(&self, code: i32, restarts: u32) -> bool {
        match self {
            RestartPolicy::No => false,
            RestartPolicy::Always | RestartPolicy::UnlessStopped => true,
            RestartPolicy::OnFailure { max_retries } => {
                code != 0 && (*max_retries == 0 || restarts < *max_retries)
            }
        }
    }
}

impl fmt::Display for RestartPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestartPolicy::OnFailure { max_retries } if *max_retries > 0 => {
                write!(f, "on-failure:{max_retries}")
            }
            other => f.write_str(other.name()),
        }
    }
}

/// The delay before the next restart: doubling from 100 ms, capped at a minute, and back to
/// 100 ms after a run of 10 s or more.
#[derive(Debug, Default)]
pub struct Backoff {
    last: Option<Duration>,
}

impl Backoff {
    pub fn next(&mut self, ran: Duration) -> Duration {
        let delay = match self.last {
            Some(last) if ran < RESET_AFTER => (last * 2).min(MAX_DELAY),
            _ => FIRST_DELAY,
        };
        self.last = Some(delay);
        delay
    }
}

pub fn save(container_dir: &Path, policy: RestartPolicy) -> std::io::Result<()> {
    crate::state::atomic::write_json(&container_dir.join(POLICY_FILE), &policy)
}

/// The policy as last updated, or as the container started with.
pub fn current(container_dir: &Path, started_with: RestartPolicy) -> RestartPolicy {
    std::fs::read(container_dir.join(POLICY_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(started_with)
}

/// Records that a stop was asked for; the monitor reads it when the container exits.
pub fn request_stop(run_dir: &Path) {
    if run_dir.is_dir() {
        let _ = std::fs::write(run_dir.join(STOP_FILE), b"");
    }
}

pub fn stop_requested(run_dir: &Path) -> bool {
    run_dir.join(STOP_FILE).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_docker_policies() {
        assert_eq!("no".parse::<RestartPolicy>().unwrap(), RestartPolicy::No);
        assert_eq!(
            "on-failure:3".parse::<RestartPolicy>().unwrap(),
            RestartPolicy::OnFailure { max_retries: 3 }
        );
        assert_eq!(
            "unless-stopped".parse::<RestartPolicy>().unwrap(),
            RestartPolicy::UnlessStopped
        );
        for bad in ["sometimes", "on-failure:x", "always:2", "on-failure:-1"] {
            assert!(bad.parse::<RestartPolicy>().is_err(), "{bad}");
        }
        assert_eq!(
            RestartPolicy::OnFailure { max_retries: 2 }.to_string(),
            "on-failure:2"
        );
    }

    #[test]
    fn on_failure_counts_and_ignores_success() {
        let p = RestartPolicy::OnFailure { max_retries: 2 };
        assert!(p.restarts_after(1, 0));
        assert!(p.restarts_after(1, 1));
        assert!(!p.restarts_after(1, 2));
        assert!(!p.restarts_after(0, 0));
        assert!(RestartPolicy::Always.restarts_after(0, 100));
        assert!(!RestartPolicy::No.restarts_after(1, 0));
    }

    #[test]
    fn backoff_doubles_caps_and_resets() {
        let mut b = Backoff::default();
        let quick = Duration::from_millis(5);
        let delays: Vec<_> = (0..4).map(|_| b.next(quick).as_millis()).collect();
        assert_eq!(delays, [100, 200, 400, 800]);
        for _ in 0..20 {
            b.next(quick);
        }
        assert_eq!(b.next(quick), MAX_DELAY);
        assert_eq!(b.next(Duration::from_secs(11)), FIRST_DELAY);
    }
}
