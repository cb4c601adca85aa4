//! `rpod push`.

use clap::Args;

use super::pull::SourceFlags;
use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::id_file;
use crate::image::progress;
use crate::image::push;
use crate::image::reference::Reference;
use crate::image::store::find_in;

/// Push an image to a registry
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod push [options] IMAGE [DESTINATION]")]
pub struct PushArgs {
    /// Suppress output information when pushing images
    #[arg(short, long)]
    pub quiet: bool,
    /// Write the manifest digest of the pushed image to this file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<std::path::PathBuf>,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman's auth.json,
    /// then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub source: SourceFlags,
    /// Local image to push
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Where to push it (default: the name IMAGE was given by)
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
}

pub fn run(args: PushArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let index = store.index()?;
    let image = find_in(&index, &args.image, &ctx.config.registries)?;
    let dest_text = args.destination.as_deref().unwrap_or(&args.image);
    let dest = Reference::parse_docker(dest_text)?;
    let registry = args.source.registry(&ctx, args.authfile.as_deref())?;
    let reporter = progress::for_terminal(args.quiet);
    let digest = push::push(&store, image, &dest, &registry, reporter.as_ref())?;
    ctx.event("image", "push", image.id.as_str(), dest_text);
    if let Some(path) = &args.digestfile {
        id_file::write(path, &digest.to_string())?;
    }
    if !args.quiet {
        out("")?;
    }
    Ok(0)
}
