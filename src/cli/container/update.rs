//! `rpod update`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::resources::LimitFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::resources;
use crate::error::Error;

/// Update the resource limits of one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod update [options] CONTAINER [CONTAINER...]")]
pub struct UpdateArgs {
    #[command(flatten)]
    pub limits: LimitFlags,
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn run(args: UpdateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let limits = args.limits.options();
    each(&args.containers, |name| {
        let record = resources::update(&engine, name, &limits)?;
        out(&format!("{}\n", record.id))
    })?;
    Ok(0)
}
