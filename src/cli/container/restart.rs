//! `rpod restart`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::start;
use crate::error::Error;

/// Restart one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod restart [options] CONTAINER [CONTAINER...]")]
pub struct RestartArgs {
    /// Seconds to wait for the stop signal before killing the container
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Restart every container
    #[arg(short, long)]
    pub all: bool,
    /// With --all (or --filter), only the running containers
    #[arg(long)]
    pub running: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: RestartArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| {
        !args.running || s.is_running()
    })?;
    each(&targets, |name| {
        start::restart(&engine, name, args.time)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
