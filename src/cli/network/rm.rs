//! `rpod network rm` and `rpod network prune`.
//!
//! No container can be attached to a user-defined network yet (#17), so none is ever in use.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::image::prune::confirm;
use crate::cli::{GlobalFlags, each, out, style};
use crate::error::Error;
use crate::networks::NetworksError;

/// Remove one or more networks
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network rm [options] NETWORK [NETWORK...]")]
pub struct RmArgs {
    /// A missing network is not an error (no container can join one yet, #17)
    #[arg(short, long)]
    pub force: bool,
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
}

pub fn run(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let networks = ctx.networks()?;
    each(&args.names, |name| match networks.remove(name) {
        Ok(n) => {
            ctx.event("network", "remove", &n.id, &n.name);
            out(&format!("{name}\n"))
        }
        Err(NetworksError::NotFound(_)) if args.force => Ok(()),
        Err(e) => Err(e.into()),
    })?;
    Ok(0)
}

/// Remove networks no container uses
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network prune [options]")]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn prune(args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let networks = ctx.networks()?;
    if !args.force
        && !confirm(
            "WARNING! This will remove all networks not used by at least one container.\nAre you sure you want to continue?",
        )?
    {
        return Ok(0);
    }
    for n in networks.list()? {
        networks.remove(&n.id)?;
        ctx.event("network", "remove", &n.id, &n.name);
        out(&format!("{}\n", n.name))?;
    }
    Ok(0)
}
