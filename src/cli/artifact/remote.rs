//! `rpod artifact push` and `rpod artifact pull`.

use clap::Args;

use crate::cli::context::{Context, parse_creds};
use crate::cli::image::pull::{DecryptionFlag, SourceFlags};
use crate::cli::image::sign_flags::SignFlags;
use crate::cli::{GlobalFlags, style};
use crate::error::Error;
use crate::image::artifact_remote;
use crate::image::auth::Credentials;
use crate::image::id_file;
use crate::image::progress;
use crate::image::registry::RegistryOptions;

/// How to reach the registry: podman's flags of `artifact push` and `pull`.
#[derive(Debug, Clone, Args)]
pub struct RegistryFlags {
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman's auth.json,
    /// then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<std::path::PathBuf>,
    /// Trust the CA certificates (*.crt) in DIR for the registry, instead of
    /// certs.d/REGISTRY
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// Credentials (USERNAME:PASSWORD) for the registry
    #[arg(long, value_name = "USERNAME:PASSWORD", value_parser = parse_creds)]
    pub creds: Option<Credentials>,
    /// Suppress progress output
    #[arg(short, long)]
    pub quiet: bool,
    /// Times to retry a registry request that failed for a passing reason [default: 2]
    #[arg(long, value_name = "N")]
    pub retry: Option<u32>,
    /// Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
}

impl RegistryFlags {
    fn registry(&self, ctx: &Context) -> Result<RegistryOptions, Error> {
        let source = SourceFlags {
            platform: None,
            tls_verify: self.tls_verify,
            creds: self.creds.clone(),
            cert_dir: self.cert_dir.clone(),
            retry: self.retry,
            retry_delay: self.retry_delay.clone(),
        };
        source.registry(ctx, self.authfile.as_deref())
    }
}

/// Push an OCI artifact to the registry its name names
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod artifact push [options] ARTIFACT")]
pub struct PushArgs {
    #[command(flatten)]
    pub registry: RegistryFlags,
    /// Write the digest of the pushed manifest to this file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub sign: SignFlags,
    #[arg(value_name = "ARTIFACT")]
    pub artifact: String,
}

pub fn push(args: PushArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let registry = args.registry.registry(&ctx)?;
    let store = ctx.store()?;
    let dest = artifact_remote::destination(&store, &args.artifact)?;
    let signers = args.sign.prepare(&ctx, &dest)?;
    let reporter = progress::for_terminal(args.registry.quiet);
    let pushed = artifact_remote::push(&store, &args.artifact, &registry, reporter.as_ref())?;
    signers.sign(&dest, std::slice::from_ref(&pushed.digest), &registry)?;
    ctx.event("artifact", "push", pushed.digest.hex(), &pushed.name);
    if let Some(path) = &args.digestfile {
        id_file::write(path, &pushed.digest.to_string())?;
    }
    Ok(0)
}

/// Pull an OCI artifact from a registry into the local store
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod artifact pull [options] ARTIFACT")]
pub struct PullArgs {
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub decryption: DecryptionFlag,
    /// REGISTRY/REPOSITORY[:TAG|@DIGEST]
    #[arg(value_name = "ARTIFACT")]
    pub artifact: String,
}

pub fn pull(args: PullArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let keys = args.decryption.keys()?;
    let ctx = Context::load(global)?;
    let registry = args.registry.registry(&ctx)?;
    let store = ctx.store()?;
    let reporter = progress::for_terminal(args.registry.quiet);
    let digest =
        artifact_remote::pull(&store, &args.artifact, &registry, &keys, reporter.as_ref())?;
    ctx.event("artifact", "pull", digest.hex(), &args.artifact);
    Ok(0)
}
