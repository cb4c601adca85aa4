//! `rpod container init` and `rpod init`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::init;
use crate::error::Error;

/// Prepare containers for their start without starting them: everything a start checks
/// and sets up short of running them (rpod keeps no state between create and start, so
/// they stay Created)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container init [options] CONTAINER [CONTAINER...]")]
pub struct InitArgs {
    /// Prepare every container that is not running
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: InitArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| !s.is_running())?;
    each(&targets, |name| {
        init::init(&engine, name)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
