//! `rpod stop`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::stop;
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
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn run(args: StopArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let targets = if args.all {
        super::running_ids(&engine)?
    } else {
        args.containers.clone()
    };
    each(&targets, |name| {
        stop::stop(&engine, name, args.time)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
