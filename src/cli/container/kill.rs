//! `rpod kill`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::stop;
use crate::error::Error;

/// Kill one or more running containers with a signal
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod kill [options] CONTAINER [CONTAINER...]")]
pub struct KillArgs {
    /// Signal to send to the container
    #[arg(short, long, default_value = "KILL", value_name = "SIGNAL")]
    pub signal: String,
    /// Signal every running container
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: KillArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    crate::container::plan::process::parse_signal(&args.signal)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| s.is_running())?;
    each(&targets, |name| {
        stop::kill(&engine, name, &args.signal)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
