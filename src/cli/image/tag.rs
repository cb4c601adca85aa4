//! `rpod tag`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::reference::Reference;

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
    let mut names = Vec::new();
    for target in &args.targets {
        let reference = Reference::parse_local(target)?;
        let name = reference.tagged_name().ok_or_else(|| {
            Error::Usage(format!(
                "{target}: a tag target cannot be a digest reference"
            ))
        })?;
        names.push(name);
    }
    let guard = store.lock()?;
    let mut index = store.index()?;
    let id = crate::image::store::find_in(&index, &args.image, &ctx.config.registries)?
        .id
        .clone();
    for name in &names {
        index.set_name(&id, name);
    }
    store.write_index(&guard, &index)?;
    for name in &names {
        ctx.event("image", "tag", id.as_str(), name);
    }
    Ok(0)
}
