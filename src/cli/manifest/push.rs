//! `rpod manifest push`, and `rpod push` of a manifest list.

use clap::Args;

use super::RemoteFlags;
use crate::cli::context::Context;
use crate::cli::image::push::CompressionFlags;
use crate::cli::image::sign_flags::SignFlags;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::id_file;
use crate::image::list_remote::{self, ListPush};
use crate::image::lists;
use crate::image::progress;
use crate::image::push::{CompressionChoice, LayerCompression, ManifestFormat, PushError};
use crate::image::reference::Reference;
use crate::image::registry::RegistryOptions;

/// Push a manifest list and its images to a registry
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest push [options] LIST [DESTINATION]")]
pub struct ManifestPushArgs {
    /// Push the list's images too, not only the list
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true", action = clap::ArgAction::Set)]
    pub all: bool,
    /// Manifest list type to push: oci (an OCI index) or v2s2 (a Docker manifest list, its
    /// images as Docker manifests)
    #[arg(short, long, value_name = "FORMAT", value_parser = ["oci", "v2s2"], default_value = "oci")]
    pub format: String,
    /// Remove the list from local storage once it is pushed
    #[arg(long)]
    pub rm: bool,
    /// Write the digest of the pushed list to this file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<std::path::PathBuf>,
    /// Suppress progress output
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub sign: SignFlags,
    /// Do not copy the image's signatures: always so, as rpod's store keeps none to copy
    /// (--sign-by and the other signing options make new ones)
    #[arg(long)]
    pub remove_signatures: bool,
    #[command(flatten)]
    pub compression: CompressionFlags,
    /// Push each image once more with this compression (gzip or zstd) and list that instance
    /// too, after the originals; repeatable
    #[arg(long, value_name = "COMPRESSION")]
    pub add_compression: Vec<String>,
    #[command(flatten)]
    pub remote: RemoteFlags,
    #[arg(value_name = "LIST")]
    pub list: String,
    /// Where to push it (default: the list's name)
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
}

pub fn run(args: ManifestPushArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let format = match args.format.as_str() {
        "v2s2" => ManifestFormat::Docker,
        _ => ManifestFormat::Oci,
    };
    let ctx = Context::load(global)?;
    if !args.all && !args.add_compression.is_empty() {
        return Err(Error::Usage(
            "--add-compression adds instances of the list's images: it needs them pushed \
             (--all, the default)"
                .into(),
        ));
    }
    let added = args
        .add_compression
        .iter()
        .map(|name| {
            let choice = CompressionChoice {
                format: Some(name.as_str()),
                force: Some(true),
                ..CompressionChoice::default()
            };
            LayerCompression::new(choice, format)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(PushError::from)?;
    let how = ListPush {
        all: args.all,
        format,
        compression: args.compression.choose(&ctx, format)?,
        add_compression: added,
    };
    let registry = args.remote.registry(&ctx);
    let extras = ListPushExtras {
        quiet: args.quiet,
        digestfile: args.digestfile.as_deref(),
        sign: &args.sign,
    };
    push_list(
        &ctx,
        &args.list,
        args.destination.as_deref(),
        how,
        &registry,
        extras,
    )?;
    let store = ctx.store()?;
    if args.rm {
        lists::remove(&store, &args.list, &ctx.config.registries)?;
    }
    Ok(0)
}

/// What a list push does besides pushing.
pub struct ListPushExtras<'a> {
    pub quiet: bool,
    /// Where the pushed index's digest is written.
    pub digestfile: Option<&'a std::path::Path>,
    /// What the index and each image pushed are signed with.
    pub sign: &'a SignFlags,
}

/// Pushes the list `name` to `destination` (default: its name) as `extras` says. `rpod push`
/// of a list comes here too.
pub fn push_list(
    ctx: &Context,
    name: &str,
    destination: Option<&str>,
    how: ListPush,
    registry: &RegistryOptions,
    extras: ListPushExtras,
) -> Result<(), Error> {
    let dest = Reference::parse_docker(destination.unwrap_or(name))?;
    let signers = extras.sign.prepare(ctx, &dest)?;
    let store = ctx.store()?;
    let reporter = progress::for_terminal(extras.quiet);
    let (list, digest, mut signed) = list_remote::push(
        &store,
        name,
        &dest,
        how,
        registry,
        &ctx.config.registries,
        reporter.as_ref(),
    )?;
    // containers/image signs each image of a list and the list itself, all as `dest`.
    signed.push(digest.clone());
    signers.sign(&dest, &signed, registry)?;
    ctx.event("image", "push", list.id.as_str(), &dest.to_string());
    if let Some(path) = extras.digestfile {
        id_file::write(path, &digest.to_string())?;
    }
    Ok(())
}
