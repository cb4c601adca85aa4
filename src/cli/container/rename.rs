//! `rpod rename`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::rename;
use crate::error::Error;

/// Rename a container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod rename CONTAINER NAME")]
pub struct RenameArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// The new name
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub fn run(args: RenameArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    rename::rename(&engine, &args.container, &args.name)?;
    Ok(0)
}
