//! `rpod image inspect`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::error::Error;
use crate::format;
use crate::image::{inspect, lists};

/// Display the configuration of an image (of a manifest list: its image for this platform)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image inspect [options] IMAGE [IMAGE...]")]
pub struct InspectArgs {
    /// Format the output using a Go template, or json (the default)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Images to inspect
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
}

pub fn run(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let index = store.index()?;
    let mut docs = Vec::new();
    let result = each(&args.images, |name_or_id| {
        let image = lists::find_image(&store, &index, name_or_id, &ctx.config.registries)?;
        docs.push(inspect::inspect(&store, &image)?);
        Ok(())
    });
    out(&format::render_documents(args.format.as_deref(), &docs)?)?;
    result.map(|()| 0)
}
