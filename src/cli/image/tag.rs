//! `rpod tag`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::tag::{self, TagError};

/// Add an additional name to a local image
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod tag IMAGE TARGET_NAME [TARGET_NAME...]")]
pub struct TagArgs {
    /// The image to name
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// New names; a name without registry is local (localhost/NAME)
    #[arg(value_name = "TARGET_NAME", required = true)]
    pub targets: Vec<String>,
}

pub fn run(args: TagArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let names = tag::names(&args.targets).map_err(cli_error)?;
    let id = tag::tag(&store, &args.image, &names, &ctx.config.registries).map_err(cli_error)?;
    for name in &names {
        ctx.event("image", "tag", id.as_str(), name);
    }
    Ok(0)
}

/// The CLI's own kinds of error, so its exit codes and hints stay as they were.
fn cli_error(e: TagError) -> Error {
    match e {
        TagError::Store(e) => e.into(),
        TagError::Reference(e) => e.into(),
        TagError::Digest(_) => Error::Usage(e.to_string()),
    }
}
