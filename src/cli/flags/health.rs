//! `run`/`create`'s healthcheck flags (docker's and podman's names).

use clap::Args;

use crate::container::plan::health::HealthOptions;
use crate::container::plan::health_extras::{LogOptions, StartupOptions};

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
    #[command(flatten)]
    pub extras: HealthExtraFlags,
}

/// podman's startup check and log settings (run, create and update).
#[derive(Debug, Clone, Args)]
pub struct HealthExtraFlags {
    /// Command of a startup check that runs first: the regular check starts once it passes
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub health_startup_cmd: Option<String>,
    /// Time between startup checks (default 30s; "disable": only `healthcheck run` checks)
    #[arg(long, value_name = "DURATION")]
    pub health_startup_interval: Option<String>,
    /// Failed startup checks in a row that restart the container (default 0: never)
    #[arg(long, value_name = "N")]
    pub health_startup_retries: Option<u32>,
    /// Passed startup checks in a row before the regular check starts (default 0: one)
    #[arg(long, value_name = "N")]
    pub health_startup_success: Option<u32>,
    /// Time a startup check may take before it counts as failed (default 30s)
    #[arg(long, value_name = "DURATION")]
    pub health_startup_timeout: Option<String>,
    /// Where results are also kept: local, events_logger (an event per check) or a directory
    /// (its <container id>-healthcheck.log)
    #[arg(long, value_name = "DESTINATION")]
    pub health_log_destination: Option<String>,
    /// Results kept in the health log (default 5; 0: all)
    #[arg(long, value_name = "N")]
    pub health_max_log_count: Option<u32>,
    /// Characters kept of each result's output (default 500; 0: all)
    #[arg(long, value_name = "N")]
    pub health_max_log_size: Option<u32>,
}

impl HealthExtraFlags {
    pub fn startup(&self) -> StartupOptions {
        StartupOptions {
            cmd: self.health_startup_cmd.clone(),
            interval: self.health_startup_interval.clone(),
            timeout: self.health_startup_timeout.clone(),
            retries: self.health_startup_retries,
            success: self.health_startup_success,
        }
    }

    pub fn log(&self) -> LogOptions {
        LogOptions {
            destination: self.health_log_destination.clone(),
            max_count: self.health_max_log_count,
            max_size: self.health_max_log_size,
        }
    }
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
            startup: self.extras.startup(),
            log: self.extras.log(),
        }
    }
}
