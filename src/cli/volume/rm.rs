//! `rpod volume rm` and `rpod volume prune`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::image::prune::confirm;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::prune_filter::PruneFilters;
use crate::container::{ContainerError, volumes};
use crate::error::Error;
use crate::volume::VolumeError;

/// Remove one or more volumes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume rm [options] VOLUME [VOLUME...]")]
pub struct RmArgs {
    /// A missing volume is not an error
    #[arg(short, long)]
    pub force: bool,
    /// Remove every volume that no container uses
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
}

pub fn run(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if args.all {
        let removed = volumes::prune(&engine, true, &Default::default())?;
        return out(&removed
            .iter()
            .map(|v| format!("{}\n", v.name))
            .collect::<String>())
        .map(|()| 0);
    }
    each(&args.names, |name| match volumes::remove(&engine, name) {
        Ok(()) => {
            ctx.event("volume", "remove", name, name);
            out(&format!("{name}\n"))
        }
        Err(ContainerError::Volume(VolumeError::NotFound(_))) if args.force => Ok(()),
        Err(e) => Err(e.into()),
    })?;
    Ok(0)
}

/// Remove volumes no container uses
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume prune [options]")]
pub struct PruneArgs {
    /// Remove unused named volumes too, not only anonymous ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove only the volumes these pick: label=KEY[=VALUE], label!=KEY[=VALUE],
    /// until=TIME (created before)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn prune(args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = PruneFilters::parse(&args.filter)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let what = if args.all {
        "all volumes"
    } else {
        "all anonymous volumes"
    };
    if !args.force
        && !confirm(&format!(
            "WARNING! This will remove {what} not used by at least one container. Are you sure you want to continue?"
        ))?
    {
        return Ok(0);
    }
    let removed = volumes::prune(&engine, args.all, &filters)?;
    out(&removed
        .iter()
        .map(|v| format!("{}\n", v.name))
        .collect::<String>())?;
    Ok(0)
}
