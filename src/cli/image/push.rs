//! `rpod push`.

use clap::Args;

use super::pull::{ContentTrustFlag, SourceFlags};
use crate::cli::context::Context;
use crate::cli::manifest::push::push_list;
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
use crate::image::trust::TrustFiles;
use crate::image::trust::sign::{self, Signer, SigstoreSigner};

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
    /// Sign the pushed image with this GPG key (simple signing); the signature goes to the
    /// destination's signature storage (registries.d lookaside-staging or lookaside)
    #[arg(long, value_name = "KEY")]
    pub sign_by: Option<String>,
    /// Sign the pushed image with this sigstore private key (cosign's encrypted PEM); the
    /// signature is attached to the image in the registry, which registries.d must allow
    /// (use-sigstore-attachments: true)
    #[arg(long, value_name = "PATH")]
    pub sign_by_sigstore_private_key: Option<std::path::PathBuf>,
    /// Read the signing key's passphrase from this file (for --sign-by and
    /// --sign-by-sigstore-private-key) instead of asking for it
    #[arg(long, value_name = "PATH")]
    pub sign_passphrase_file: Option<std::path::PathBuf>,
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
            if args.sign_by.is_some() || args.sign_by_sigstore_private_key.is_some() {
                return Err(Error::Usage(
                    "--sign-by, --sign-by-sigstore-private-key: a manifest list is not signed \
                     on push; push it with `rpod manifest push`, or push it and sign it with \
                     `rpod image sign --all`"
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
                args.quiet,
                args.digestfile.as_deref(),
            )?;
            return Ok(0);
        }
        found => found?,
    };
    let dest_text = args.destination.as_deref().unwrap_or(&args.image);
    let dest = Reference::parse_docker(dest_text)?;
    let signer = args.sign_by.as_ref().map(|key| Signer {
        key: key.clone(),
        directory: None,
        passphrase_file: args.sign_passphrase_file.clone(),
    });
    let files = TrustFiles::of(&ctx.paths);
    let sign_base = match &signer {
        Some(s) => Some(s.prepare(&files, &dest)?),
        None => None,
    };
    let sigstore_signer = match &args.sign_by_sigstore_private_key {
        Some(path) => {
            let passphrase = match &args.sign_passphrase_file {
                Some(file) => sign::read_passphrase(file)?,
                None => ask_passphrase(path)?,
            };
            Some(SigstoreSigner::prepare(&files, &dest, path, &passphrase)?)
        }
        None => None,
    };
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
    if let (Some(signer), Some(base)) = (&signer, &sign_base) {
        signer.sign_into(base, &dest, &digest)?;
    }
    if let Some(signer) = &sigstore_signer {
        signer.sign(&dest, &digest, &registry)?;
    }
    ctx.event("image", "push", image.id.as_str(), dest_text);
    if let Some(path) = &args.digestfile {
        id_file::write(path, &digest.to_string())?;
    }
    if !args.quiet {
        out("")?;
    }
    Ok(0)
}

/// The sigstore key's passphrase, asked on the terminal as podman asks it; without a terminal
/// there is no one to ask.
fn ask_passphrase(key: &std::path::Path) -> Result<Vec<u8>, Error> {
    use std::io::IsTerminal as _;
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(format!(
            "--sign-by-sigstore-private-key {}: its passphrase is needed and stdin is not a \
             terminal; give it with --sign-passphrase-file",
            key.display()
        )));
    }
    let answer = crate::cli::image::login::prompt_hidden(&format!(
        "Passphrase for key {}: ",
        key.display()
    ))?;
    Ok(answer.into_bytes())
}
