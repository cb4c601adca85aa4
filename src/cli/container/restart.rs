//! `rpod restart`.

use clap::Args;

use crate::cli::context::Context;
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
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn run(args: RestartArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    each(&args.containers, |name| {
        start::restart(&engine, name, args.time)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
