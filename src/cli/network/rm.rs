//! `rpod network rm` and `rpod network prune`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::image::prune::confirm;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::network_use::{check_removable_within, users};
use crate::container::prune_filter::PruneFilters;
use crate::error::Error;
use crate::networks::NetworksError;

/// Remove one or more networks
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network rm [options] NETWORK [NETWORK...]")]
pub struct RmArgs {
    /// Remove the network's containers too; a missing network is not an error
    #[arg(short, long)]
    pub force: bool,
    /// Seconds the containers using the network get to stop before they are killed (with
    /// --force; default: killed at once)
    #[arg(short, long, value_name = "SECONDS", requires = "force")]
    pub time: Option<u32>,
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
}

pub fn run(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let networks = ctx.networks()?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    each(&args.names, |name| {
        if let Ok(n) = networks.get(name) {
            check_removable_within(&engine, &n.name, args.force, args.time)?;
        }
        remove_one(&ctx, &networks, name, args.force)
    })?;
    Ok(0)
}

fn remove_one(
    ctx: &Context,
    networks: &crate::networks::Networks,
    name: &str,
    force: bool,
) -> Result<(), Error> {
    match networks.remove(name) {
        Ok(n) => {
            ctx.event("network", "remove", &n.id, &n.name);
            out(&format!("{name}\n"))
        }
        Err(NetworksError::NotFound(_)) if force => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Remove networks no container uses
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network prune [options]")]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove only the networks these pick: label=KEY[=VALUE], label!=KEY[=VALUE],
    /// until=TIME (created before)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn prune(args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = PruneFilters::parse(&args.filter)?;
    let ctx = Context::load(global)?;
    let networks = ctx.networks()?;
    if !args.force
        && !confirm(
            "WARNING! This will remove all networks not used by at least one container.\nAre you sure you want to continue?",
        )?
    {
        return Ok(0);
    }
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    for n in networks.list()? {
        let picked = filters.matches(Some(&n.created), &n.labels);
        if n.is_default() || !picked || !users(&engine, &n.name)?.is_empty() {
            continue;
        }
        networks.remove(&n.id)?;
        ctx.event("network", "remove", &n.id, &n.name);
        out(&format!("{}\n", n.name))?;
    }
    Ok(0)
}
