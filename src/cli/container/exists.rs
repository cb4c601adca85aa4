//! `rpod container exists`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::{ContainerError, external};
use crate::error::Error;

/// Check if a container exists (exit 0 if it does, 1 if not)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container exists [options] CONTAINER")]
pub struct ExistsArgs {
    /// Also look at external containers: storage in the store that no record describes
    /// (left by a crash; `ps --external` lists them)
    #[arg(long)]
    pub external: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn run(args: ExistsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    match engine.find(&args.container) {
        Ok(_) => Ok(0),
        Err(ContainerError::NotFound(_))
            if args.external && external::exists(&engine, &args.container)? =>
        {
            Ok(0)
        }
        Err(ContainerError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
