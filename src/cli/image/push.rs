//! `rpod push`.

use clap::Args;

use super::pull::{ContentTrustFlag, SourceFlags};
use super::sign_flags::SignFlags;
use crate::cli::context::Context;
use crate::cli::manifest::push::{ListPushExtras, push_list};
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::crypt::{Encryption, EncryptionKeys};
use crate::image::id_file;
use crate::image::list_remote::ListPush;
use crate::image::lists;
use crate::image::progress;
use crate::image::push;
use crate::image::push::{CompressionChoice, LayerCompression, ManifestFormat, PushError, PushHow};
use crate::image::reference::Reference;
use crate::image::store::{StoreError, find_in};

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
    pub sign: SignFlags,
    /// Do not copy the image's signatures: always so, as rpod's store keeps none to copy
    /// (--sign-by and the other signing options make new ones)
    #[arg(long)]
    pub remove_signatures: bool,
    /// Manifest type to push: oci, or v2s2 (Docker's) [default: the type the image has]
    #[arg(short, long, value_name = "FORMAT", value_parser = ["oci", "v2s2"])]
    pub format: Option<String>,
    /// Encrypt the layers for this recipient: jwe:PUBLIC-KEY.pem (an RSA public key; the
    /// layers are AES-256-CTR encrypted as ocicrypt does, their key wrapped with RSA-OAEP);
    /// repeat it for several recipients
    #[arg(long, value_name = "jwe:KEY")]
    pub encryption_key: Vec<String>,
    /// Encrypt only these layers (0 is the first, -1 the last; repeatable) [default: every
    /// layer, with --encryption-key]
    #[arg(
        long,
        value_name = "INDEX",
        allow_negative_numbers = true,
        requires = "encryption_key"
    )]
    pub encrypt_layer: Vec<i64>,
    #[command(flatten)]
    pub compression: CompressionFlags,
    #[command(flatten)]
    pub source: SourceFlags,
    #[command(flatten)]
    pub content_trust: ContentTrustFlag,
    /// Local image to push
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Where to push it (default: the name IMAGE was given by)
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
}

/// The layer compression of `push` and `manifest push`.
#[derive(Debug, Clone, Args)]
pub struct CompressionFlags {
    /// Compress the layers push rebuilds with gzip or zstd (zstd:chunked is refused: rpod
    /// does not write its table of contents) [default: rpod.toml's [push]
    /// compression-format, else gzip]
    #[arg(long, value_name = "FORMAT")]
    pub compression_format: Option<String>,
    /// Compression level: gzip 1-9 (default 6), zstd 1-20 (default 3)
    #[arg(long, value_name = "LEVEL")]
    pub compression_level: Option<i32>,
    /// Recompress a layer whose blob the registry holds in another compression instead of
    /// reusing it [default: true with --compression-format, else false]
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub force_compression: Option<bool>,
}

impl CompressionFlags {
    /// The compression of a push with manifests of type `format`, validated before any I/O.
    pub fn choose(
        &self,
        ctx: &Context,
        format: ManifestFormat,
    ) -> Result<LayerCompression, PushError> {
        let choice = CompressionChoice {
            format: self.compression_format.as_deref(),
            level: self.compression_level,
            force: self.force_compression,
            ..CompressionChoice::configured(&ctx.config.push)
        };
        Ok(LayerCompression::new(choice, format)?)
    }
}

pub fn run(args: PushArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let format = match args.format.as_deref() {
        Some("v2s2") => ManifestFormat::Docker,
        Some(_) => ManifestFormat::Oci,
        None => ManifestFormat::Keep,
    };
    let encryption = match args.encryption_key.is_empty() {
        true => None,
        false => Some(Encryption {
            keys: EncryptionKeys::load(&args.encryption_key)?,
            layers: args.encrypt_layer.clone(),
        }),
    };
    let ctx = Context::load(global)?;
    let compression = args.compression.choose(&ctx, format)?;
    let store = ctx.store()?;
    let index = store.index()?;
    let registry = args.source.registry(&ctx, args.authfile.as_deref())?;
    let image = match find_in(&index, &args.image, &ctx.config.registries) {
        Err(StoreError::NotFound(_))
            if lists::read(&store)?
                .find(&args.image, &ctx.config.registries)
                .is_some() =>
        {
            if encryption.is_some() {
                return Err(Error::Usage(
                    "--encryption-key: a manifest list is not encrypted on push; push its \
                     images one by one"
                        .into(),
                ));
            }
            // A manifest list is pushed as `manifest push` pushes it, with its images.
            let how = ListPush {
                all: true,
                format: match format {
                    ManifestFormat::Docker => ManifestFormat::Docker,
                    _ => ManifestFormat::Oci,
                },
                compression,
                add_compression: Vec::new(),
            };
            push_list(
                &ctx,
                &args.image,
                args.destination.as_deref(),
                how,
                &registry,
                ListPushExtras {
                    quiet: args.quiet,
                    digestfile: args.digestfile.as_deref(),
                    sign: &args.sign,
                },
            )?;
            return Ok(0);
        }
        found => found?,
    };
    let dest_text = args.destination.as_deref().unwrap_or(&args.image);
    let dest = Reference::parse_docker(dest_text)?;
    let signers = args.sign.prepare(&ctx, &dest)?;
    let reporter = progress::for_terminal(args.quiet);
    let how = PushHow {
        format,
        compression,
    };
    let digest = push::push(
        &store,
        image,
        &dest,
        how,
        encryption.as_ref(),
        &registry,
        reporter.as_ref(),
    )?;
    signers.sign(&dest, std::slice::from_ref(&digest), &registry)?;
    ctx.event("image", "push", image.id.as_str(), dest_text);
    if let Some(path) = &args.digestfile {
        id_file::write(path, &digest.to_string())?;
    }
    if !args.quiet {
        out("")?;
    }
    Ok(0)
}
