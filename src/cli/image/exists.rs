//! `rpod image exists`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::store::{StoreError, find_in};

/// Check if an image exists in local storage (exit 0 if it does, 1 if not)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image exists IMAGE")]
pub struct ExistsArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn run(args: ExistsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let index = ctx.store()?.index()?;
    match find_in(&index, &args.image, &ctx.config.registries) {
        Ok(_) => Ok(0),
        Err(StoreError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
