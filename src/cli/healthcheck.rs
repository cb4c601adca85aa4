//! `rpod healthcheck run`.

use clap::{Args, Subcommand};

use super::context::Context;
use super::{GlobalFlags, out, style};
use crate::container::healthcheck;
use crate::error::Error;

/// Manage healthchecks of containers
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod healthcheck COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct HealthcheckGroup {
    #[command(subcommand)]
    pub command: HealthcheckCommand,
}

#[derive(Debug, Subcommand)]
pub enum HealthcheckCommand {
    Run(RunArgs),
}

/// Run a container's healthcheck now: exit 0 when it passes, 1 when it fails
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod healthcheck run CONTAINER")]
pub struct RunArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn run(group: HealthcheckGroup, global: &GlobalFlags) -> Result<u8, Error> {
    let HealthcheckCommand::Run(args) = group.command;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let log = healthcheck::run_now(&engine, &args.container)?;
    if log.exit_code == 0 {
        return Ok(0);
    }
    // podman's answer for a failed check.
    out("unhealthy\n")?;
    Ok(1)
}
