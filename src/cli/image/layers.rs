//! `rpod image tree` and `rpod image diff`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::layers;
use crate::image::store::find_in;

/// Show an image's layers as a tree
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image tree [options] IMAGE")]
pub struct TreeArgs {
    /// Show the images built on this one instead of its own layers
    #[arg(long)]
    pub whatrequires: bool,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn tree(args: TreeArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let index = store.index()?;
    let image = find_in(&index, &args.image, &ctx.config.registries)?;
    out(&layers::tree(&store, &index, image, args.whatrequires)?)?;
    Ok(0)
}

/// Show what an image changes in the file system (A added, C changed, D deleted): against its
/// parent, or against another image
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image diff [options] IMAGE [IMAGE]")]
pub struct DiffArgs {
    /// Output format: json, or the A/C/D lines by default
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    pub format: Option<String>,
    /// The image to show the changes of
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The image to compare with (default: the image's parent, its layers but the top one)
    #[arg(value_name = "OTHER")]
    pub other: Option<String>,
}

pub fn diff(args: DiffArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let index = store.index()?;
    let first = find_in(&index, &args.image, &ctx.config.registries)?;
    // podman compares the second image's file system to the first's.
    let changes = match &args.other {
        Some(other) => {
            let second = find_in(&index, other, &ctx.config.registries)?;
            layers::diff(&store, second, Some(first))
        }
        None => layers::diff(&store, first, None),
    }
    .map_err(|source| Error::ReadFile {
        path: store.dir().to_path_buf(),
        source,
    })?;
    out(&crate::cli::container::diff::render(
        &changes,
        args.format.is_some(),
    ))?;
    Ok(0)
}
