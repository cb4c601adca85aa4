//! `rpod commit`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::filesystem::{self, Commit};
use crate::error::Error;
use crate::image::reference::Reference;

/// Create a new image from a container's changes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod commit [options] CONTAINER [IMAGE]")]
pub struct CommitArgs {
    /// Apply a Dockerfile instruction to the image's config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Commit message, kept in the image's history
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Author of the image
    #[arg(short, long, value_name = "AUTHOR")]
    pub author: Option<String>,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Name for the new image
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

pub fn run(args: CommitArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let name = args
        .image
        .as_deref()
        .map(Reference::parse_local)
        .transpose()?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let id = filesystem::commit(
        &engine,
        &args.container,
        name.as_ref(),
        Commit {
            changes: args.change,
            message: args.message,
            author: args.author,
        },
    )?;
    out(&format!("sha256:{id}\n"))?;
    Ok(0)
}
