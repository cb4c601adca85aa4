//! `rpod kill`.

use clap::Args;

use crate::cli::context::Context;
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
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn run(args: KillArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    crate::container::plan::process::parse_signal(&args.signal)?;
    let targets = if args.all {
        super::running_ids(&engine)?
    } else {
        args.containers.clone()
    };
    each(&targets, |name| {
        stop::kill(&engine, name, &args.signal)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
