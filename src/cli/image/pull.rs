//! `rpod pull`.

use clap::Args;

use crate::cli::context::{Context, parse_creds};
use crate::cli::{GlobalFlags, each, out, style};
use crate::error::Error;
use crate::image::auth::Credentials;
use crate::image::crypt::DecryptionKeys;
use crate::image::manifest::Platform;
use crate::image::progress;
use crate::image::pull::{self, PullOptions};
use crate::image::pull_policy::{self, PullPolicy};
use crate::image::reference::Parsed;
use crate::image::registry::{RegistryOptions, Retry};

/// Pull an image from a registry
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pull [options] IMAGE")]
pub struct PullArgs {
    /// Suppress output information when pulling images
    #[arg(short, long)]
    pub quiet: bool,
    /// Pull every tagged image of the repository
    #[arg(short, long)]
    pub all_tags: bool,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman's auth.json,
    /// then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<std::path::PathBuf>,
    /// When to pull: always (the default), missing (only when the store lacks it), never
    /// (use the local image or fail), newer (when the registry's digest differs; the local
    /// image is kept when the registry cannot be reached)
    #[arg(long, value_name = "POLICY", default_value = "always", value_parser = PullPolicy::parse)]
    pub policy: PullPolicy,
    #[command(flatten)]
    pub content_trust: ContentTrustFlag,
    #[command(flatten)]
    pub decryption: DecryptionFlag,
    #[command(flatten)]
    pub source: SourceFlags,
    #[command(flatten)]
    pub platform_parts: crate::cli::flags::more::PlatformParts,
    /// Image to pull: NAME[:TAG|@DIGEST]
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

/// docker's `--disable-content-trust` (pull, push, build, run, create), which scripts pass.
#[derive(Debug, Clone, Args)]
pub struct ContentTrustFlag {
    /// Accepted for docker's scripts and ignored, as podman does: rpod checks images by its
    /// trust policy (policy.json, `rpod image trust`), never by Docker Content Trust
    #[arg(long)]
    pub disable_content_trust: bool,
}

/// podman's `--decryption-key` (pull, and the pulls of run, create, build, artifact pull).
#[derive(Debug, Clone, Args)]
pub struct DecryptionFlag {
    /// Decrypt the encrypted layers with this private key (PEM, RSA; with
    /// :PASSPHRASE when the key is encrypted); repeatable, each is tried
    #[arg(long, value_name = "KEY[:PASSPHRASE]")]
    pub decryption_key: Vec<String>,
}

impl DecryptionFlag {
    /// The keys, read before any registry I/O.
    pub fn keys(&self) -> Result<DecryptionKeys, Error> {
        Ok(DecryptionKeys::load(&self.decryption_key)?)
    }
}

/// Where and how to fetch, shared by pull, push and the --pull of run/create.
#[derive(Debug, Clone, Args)]
pub struct SourceFlags {
    /// Pull the image for this platform (os/arch[/variant]) instead of the host's
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials (USERNAME:PASSWORD) for the registry
    #[arg(long, value_name = "USERNAME:PASSWORD", value_parser = parse_creds)]
    pub creds: Option<Credentials>,
    /// Trust the CA certificates (*.crt) in DIR for the registry, instead of
    /// certs.d/REGISTRY
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// Times to retry a registry request that failed for a passing reason (a refused
    /// connection, a timeout, a 5xx, a broken download) [default: 2]
    #[arg(long, value_name = "N")]
    pub retry: Option<u32>,
    /// Time to wait between retries, e.g. 2s or 500ms (default: 0.3 s, tripled each time)
    #[arg(long, value_name = "DURATION")]
    pub retry_delay: Option<String>,
}

impl SourceFlags {
    /// The registry options these flags and `--authfile` ask for.
    pub fn registry(
        &self,
        ctx: &Context,
        authfile: Option<&std::path::Path>,
    ) -> Result<RegistryOptions, Error> {
        Ok(ctx
            .registry_options_with(self.tls_verify, self.creds.clone(), authfile)
            .with_cert_dir(self.cert_dir.clone())
            .with_retry(self.retry()?))
    }

    /// `--retry` and `--retry-delay`.
    pub fn retry(&self) -> Result<Retry, Error> {
        let delay = self
            .retry_delay
            .as_deref()
            .map(|d| {
                crate::format::units::parse_go_duration(d).ok_or_else(|| {
                    Error::Usage(format!(
                        "invalid value {d:?} for --retry-delay: expected a duration like 2s or 500ms"
                    ))
                })
            })
            .transpose()?;
        let default = Retry::default();
        Ok(Retry {
            retries: self.retry.unwrap_or(default.retries),
            delay: delay.or(default.delay),
        })
    }

    pub fn platform(&self) -> Result<Platform, Error> {
        match &self.platform {
            Some(p) => Platform::parse(p).map_err(|e| Error::Usage(e.to_string())),
            None => Ok(Platform::host()),
        }
    }

    /// `--platform`, or the host's with `--os`, `--arch`, `--variant` put in.
    pub fn platform_with(
        &self,
        parts: &crate::cli::flags::more::PlatformParts,
    ) -> Result<Platform, Error> {
        Platform::from_flags(
            self.platform.as_deref(),
            parts.os.as_deref(),
            parts.arch.as_deref(),
            parts.variant.as_deref(),
        )
        .map_err(|e| Error::Usage(e.to_string()))
    }
}

pub fn run(args: PullArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let platform = args.source.platform_with(&args.platform_parts)?;
    if args.all_tags {
        let parsed = Parsed::parse(&args.image)?;
        if parsed.tag.is_some() || parsed.digest.is_some() {
            return Err(Error::Usage(format!(
                "{}: a tag or digest cannot be used with --all-tags",
                args.image
            )));
        }
    }
    let decryption = args.decryption.keys()?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let registry = args
        .source
        .registry(&ctx, args.authfile.as_deref())?
        .with_decryption(decryption);
    let opts = PullOptions {
        platform,
        registry: &registry,
        registries: &ctx.config.registries,
    };
    let names = match args.all_tags {
        true => pull::all_tags(&args.image, &opts)?
            .iter()
            .map(|r| r.to_string())
            .collect(),
        false => vec![args.image.clone()],
    };
    let reporter = progress::for_terminal(args.quiet);
    each(&names, |name| {
        let image = pull_policy::fetch(&store, name, args.policy, &opts, reporter.as_ref())?;
        ctx.event("image", "pull", image.id.as_str(), name);
        out(&format!("{}\n", image.id))
    })?;
    Ok(0)
}
