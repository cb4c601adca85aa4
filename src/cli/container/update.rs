//! `rpod update`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::health::HealthFlags;
use crate::cli::flags::resources::LimitFlags;
use crate::cli::flags::select::LatestContainer;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::config_update::{self, ConfigChanges, ConfigOptions};
use crate::container::{resources, restart_policy};
use crate::error::Error;

/// Update the resource limits, restart policy, healthcheck, environment or ulimits of one or
/// more containers (a running container's healthcheck changes at once, its timer reset)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod update [options] CONTAINER [CONTAINER...]")]
pub struct UpdateArgs {
    #[command(flatten)]
    pub limits: LimitFlags,
    /// Restart policy: no, always, on-failure[:N], unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    #[command(flatten)]
    pub health: HealthFlags,
    /// Set an environment variable (KEY=VALUE, or KEY for rpod's own value): new execs see
    /// it at once, the container's process at its next start
    #[arg(short, long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Remove an environment variable: new execs at once, the container's process at its
    /// next start
    #[arg(long, value_name = "KEY")]
    pub unsetenv: Vec<String>,
    /// Set a resource limit (TYPE=SOFT[:HARD]), applied at the container's next start
    #[arg(long = "ulimit", value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    #[command(flatten)]
    pub latest: LatestContainer,
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub containers: Vec<String>,
}

pub fn run(args: UpdateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let limits = args.limits.options();
    let restart = args
        .restart
        .as_deref()
        .map(restart_policy::parse)
        .transpose()?;
    let changes = ConfigChanges::build(&ConfigOptions {
        health: args.health.options(),
        env: args.env.clone(),
        unsetenv: args.unsetenv.clone(),
        ulimits: args.ulimit.clone(),
    })?;
    // Limits are required unless something else changes.
    let limits_too =
        (restart.is_none() && changes.is_empty()) || restart_policy::limits_given(&limits)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let containers = args.latest.with(&engine, &args.containers)?;
    each(&containers, |name| {
        let mut record = None;
        if let Some(policy) = restart {
            record = Some(restart_policy::update(&engine, name, policy)?);
        }
        if !changes.is_empty() {
            record = Some(config_update::update(&engine, name, &changes)?);
        }
        if limits_too {
            record = Some(resources::update(&engine, name, &limits)?);
        }
        match record {
            Some(record) => out(&format!("{}\n", record.id)),
            None => Ok(()),
        }
    })?;
    Ok(0)
}
