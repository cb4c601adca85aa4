//! `rpod image exists`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::lists;
use crate::image::store::StoreError;

/// Check if an image exists in local storage (exit 0 if it does, 1 if not); a manifest
/// list exists when its image for this platform does
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image exists IMAGE")]
pub struct ExistsArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn run(args: ExistsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let index = store.index()?;
    match lists::find_image(&store, &index, &args.image, &ctx.config.registries) {
        Ok(_) => Ok(0),
        Err(StoreError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
