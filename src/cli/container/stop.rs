//! `rpod stop`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::{ContainerError, stop};
use crate::error::Error;

/// Stop one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod stop [options] CONTAINER [CONTAINER...]")]
pub struct StopArgs {
    /// Seconds to wait for the stop signal before killing the container
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Stop every running container
    #[arg(short, long)]
    pub all: bool,
    /// A container that does not exist (or a missing --cidfile) is no error
    #[arg(short, long)]
    pub ignore: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: StopArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args
        .select
        .selection(&args.containers, args.all, args.ignore);
    let targets = super::targets(&ctx, &engine, &selection, &|s| s.is_running())?;
    let outcomes = stop::stop_each(&engine, &targets, args.time);
    each(
        targets.iter().zip(outcomes),
        |(name, outcome)| match outcome {
            Ok(_) => out(&format!("{name}\n")),
            Err(ContainerError::NotFound(_)) if args.ignore => Ok(()),
            Err(e) => Err(e.into()),
        },
    )?;
    Ok(0)
}
