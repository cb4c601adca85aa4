//! `rpod container prune`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::image::prune::confirm;
use crate::cli::{GlobalFlags, out, style};
use crate::container::prune_filter::PruneFilters;
use crate::container::remove;
use crate::error::Error;

/// Remove all stopped containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container prune [options]")]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove only the containers these pick: label=KEY[=VALUE], label!=KEY[=VALUE],
    /// until=TIME (created before)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn run(args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = PruneFilters::parse(&args.filter)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if !args.force
        && !confirm(
            "WARNING! This will remove all non running containers. Are you sure you want to continue?",
        )?
    {
        return Ok(0);
    }
    let removed = remove::prune(&engine, &filters)?;
    out(&removed
        .iter()
        .map(|id| format!("{id}\n"))
        .collect::<String>())?;
    Ok(0)
}
