//! `rpod untag`: names off an image, the image stays.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::remove;

/// Remove names from a local image (all of them when none is given)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod untag IMAGE [NAME...]")]
pub struct UntagArgs {
    /// The image, by name or ID
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Names to remove (default: every name of the image)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

pub fn run(args: UntagArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let (id, removed) = remove::untag(&store, &args.image, &args.names, &ctx.config.registries)?;
    for name in &removed {
        ctx.event("image", "untag", id.as_str(), name);
    }
    Ok(0)
}
