//! `rpod image sign`: simple signatures (GPG) of images in a registry, written to the
//! signature storage registries.d names, or below `--directory`.

use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, style};
use crate::error::Error;
use crate::image::trust::TrustFiles;
use crate::image::trust::sign::{self, Signer};

/// Create a signature for an image
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image sign [options] IMAGE [IMAGE...]")]
pub struct SignArgs {
    /// Sign every manifest of a multi-architecture image
    #[arg(short, long)]
    pub all: bool,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman's auth.json,
    /// then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Store the signatures below this directory instead of the registries.d storage
    #[arg(short, long, value_name = "DIR")]
    pub directory: Option<PathBuf>,
    /// The GPG key (id, fingerprint or user id of your keyring) to sign with
    #[arg(long, value_name = "KEY", required = true)]
    pub sign_by: String,
    /// Trust the CA certificates (*.crt) in DIR for the registry, instead of
    /// certs.d/REGISTRY
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
    /// Images to sign: [docker://]REGISTRY/REPOSITORY[:TAG]
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
}

pub fn run(args: SignArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let targets = args
        .images
        .iter()
        .map(|name| sign::parse_target(name))
        .collect::<Result<Vec<_>, _>>()?;
    let ctx = Context::load(global)?;
    let registry = ctx
        .registry_options_with(None, None, args.authfile.as_deref())
        .with_cert_dir(args.cert_dir.clone());
    let files = TrustFiles::of(&ctx.paths);
    let signer = Signer {
        passphrase_file: None,
        key: args.sign_by.clone(),
        directory: args.directory.clone(),
    };
    each(&targets, |reference| {
        sign::sign_remote(&signer, &files, reference, &registry, args.all)?;
        Ok(())
    })?;
    Ok(0)
}
