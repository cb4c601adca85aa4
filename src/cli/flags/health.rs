//! `run`/`create`'s healthcheck flags (docker's and podman's names).

use clap::Args;

use crate::container::plan::health::HealthOptions;

#[derive(Debug, Clone, Args)]
pub struct HealthFlags {
    /// Command to check the container's health: a shell command, or a JSON array (exec
    /// form); "none" disables the image's
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub health_cmd: Option<String>,
    /// Time between checks (default 30s; "disable": only `healthcheck run` checks)
    #[arg(long, value_name = "DURATION")]
    pub health_interval: Option<String>,
    /// Time a check may take before it counts as failed (default 30s)
    #[arg(long, value_name = "DURATION")]
    pub health_timeout: Option<String>,
    /// Consecutive failures that make the container unhealthy (default 3)
    #[arg(long, value_name = "N")]
    pub health_retries: Option<u32>,
    /// Time to start before failures count (default 0s)
    #[arg(long, value_name = "DURATION")]
    pub health_start_period: Option<String>,
    /// Time between checks during the start period (default 5s)
    #[arg(long, value_name = "DURATION")]
    pub health_start_interval: Option<String>,
    /// What to do when the container turns unhealthy: none, kill, restart or stop
    #[arg(long, value_name = "ACTION")]
    pub health_on_failure: Option<String>,
    /// Disable any healthcheck, the image's included
    #[arg(long)]
    pub no_healthcheck: bool,
}

impl HealthFlags {
    pub fn options(&self) -> HealthOptions {
        HealthOptions {
            cmd: self.health_cmd.clone(),
            interval: self.health_interval.clone(),
            timeout: self.health_timeout.clone(),
            start_period: self.health_start_period.clone(),
            start_interval: self.health_start_interval.clone(),
            retries: self.health_retries,
            on_failure: self.health_on_failure.clone(),
            no_healthcheck: self.no_healthcheck,
        }
    }
}
