//! `rpod pause` and `rpod unpause`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::pause;
use crate::error::Error;

/// Pause all processes in one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pause [options] CONTAINER [CONTAINER...]")]
pub struct PauseArgs {
    /// Pause every running container
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

/// Unpause the processes in one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod unpause [options] CONTAINER [CONTAINER...]")]
pub struct UnpauseArgs {
    /// Unpause every paused container
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run_pause(args: PauseArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| s.name() == "running")?;
    each(&targets, |name| {
        pause::pause(&engine, name)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}

pub fn run_unpause(args: UnpauseArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| s.name() == "paused")?;
    each(&targets, |name| {
        pause::unpause(&engine, name)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
