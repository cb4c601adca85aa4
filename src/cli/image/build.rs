//! `rpod build` / `rpod image build`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::pull::{ContentTrustFlag, DecryptionFlag, SourceFlags};
use super::{build_cache, build_compat, build_flags, build_more, build_sbom};
use crate::builder::{
    self, BuildOptions, ContextSource, DockerfileSource, MoreBuildOptions, PullPolicy,
};
use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::ids::ImageId;
use crate::image::id_file;
use crate::image::lists::{self, PlatformEdit};
use crate::image::manifest::Platform;
use crate::image::reference::Reference;
use crate::image::store::{Store, StoreError};

/// Build an image from a Containerfile or Dockerfile
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod build [options] [CONTEXT]")]
pub struct BuildArgs {
    /// Name the image (several allowed); a name without registry is local (localhost/NAME)
    #[arg(short, long = "tag", value_name = "NAME")]
    pub tag: Vec<String>,
    /// The Containerfile or Dockerfile to use (default: CONTEXT/Containerfile, then CONTEXT/Dockerfile); - reads it from stdin
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Set a build-time variable (NAME=VALUE, or NAME to take it from the environment)
    #[arg(long = "build-arg", value_name = "NAME[=VALUE]")]
    pub build_arg: Vec<String>,
    /// Build the stage of this name (and the stages it needs), not the last one
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// Run every step again instead of reusing the build cache
    #[arg(long)]
    pub no_cache: bool,
    /// Pull base images: always (the default of a bare --pull), missing (the default) or never
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_missing_value = "always", value_parser = parse_pull)]
    pub pull: Option<PullPolicy>,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    /// Set a label on the image (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// The network RUN steps use: pasta, slirp4netns, host or none
    #[arg(long, value_name = "MODE")]
    pub network: Option<String>,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Add the image to this manifest list, creating the list if it does not exist
    #[arg(long, value_name = "LIST")]
    pub manifest: Option<String>,
    /// Path of the authentication file for the base images' pulls (default:
    /// $REGISTRY_AUTH_FILE, podman's auth.json, then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Pass a secret to `RUN --mount=type=secret,id=ID` steps (mounted at /run/secrets/ID by
    /// default), never stored in the image: its value is the file or environment variable
    /// that src= (or env=, or the id) names
    #[arg(long, value_name = "id=ID[,src=PATH|,env=VAR][,type=file|env]")]
    pub secret: Vec<String>,
    /// Pass an SSH agent's socket to `RUN --mount=type=ssh` steps (SSH_AUTH_SOCK names it
    /// there; no key enters the image): ID=SOCKET, or ID alone for $SSH_AUTH_SOCK
    #[arg(long, value_name = "default|ID[=SOCKET]")]
    pub ssh: Vec<String>,
    #[command(flatten)]
    pub source: SourceFlags,
    #[command(flatten)]
    pub content_trust: ContentTrustFlag,
    #[command(flatten)]
    pub decryption: DecryptionFlag,
    #[command(flatten)]
    pub steps: Box<build_flags::StepFlags>,
    #[command(flatten)]
    pub result: Box<build_flags::ResultFlags>,
    #[command(flatten)]
    pub shape: Box<build_more::ShapeFlags>,
    #[command(flatten)]
    pub cache: build_cache::CacheFlags,
    #[command(flatten)]
    pub compat: Box<build_compat::CompatFlags>,
    #[command(flatten)]
    pub sbom: Box<build_sbom::SbomFlags>,
    /// The build context: a directory, or - for a tar archive (or just a Dockerfile) on stdin
    #[arg(value_name = "CONTEXT", default_value = ".")]
    pub context: PathBuf,
}

fn parse_pull(s: &str) -> Result<PullPolicy, String> {
    match s {
        "always" | "true" => Ok(PullPolicy::Always),
        "missing" | "false" => Ok(PullPolicy::Missing),
        "never" => Ok(PullPolicy::Never),
        _ => Err("expected always, missing or never".into()),
    }
}

/// `NAME=VALUE`, or `NAME` with the value taken from rpod's environment (skipped when unset).
fn build_args(flags: &[String]) -> Result<BTreeMap<String, String>, Error> {
    let mut args = BTreeMap::new();
    for flag in flags {
        let (name, value) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (flag.as_str(), std::env::var(flag).ok()),
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(builder::BuildError::BuildArg(flag.clone()).into());
        }
        if let Some(value) = value {
            args.insert(name.to_string(), value);
        }
    }
    Ok(args)
}

pub fn run(args: BuildArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let mut tags = Vec::new();
    for tag in &args.tag {
        let reference = Reference::parse_local(tag)?;
        tags.push(reference.tagged_name().ok_or_else(|| {
            Error::Usage(format!("{tag}: a build tag cannot be a digest reference"))
        })?);
    }
    // A bad list name fails before the build, not after it.
    let manifest = args
        .manifest
        .as_deref()
        .map(Reference::parse_local)
        .transpose()?;
    let stdin_context = args.context.as_os_str() == "-";
    let dockerfile = match &args.file {
        Some(f) if f.as_os_str() == "-" && stdin_context => {
            return Err(Error::Usage(
                "the build context and the Dockerfile cannot both come from stdin".into(),
            ));
        }
        Some(f) if f.as_os_str() == "-" => Some(DockerfileSource::Stdin),
        Some(f) => Some(DockerfileSource::Path(f.clone())),
        None => None,
    };
    let platform = (args.source.platform.is_some() || args.shape.any_platform_part())
        .then(|| args.source.platform_with(&args.shape.platform))
        .transpose()?;
    let mut more = MoreBuildOptions {
        secrets: args
            .secret
            .iter()
            .map(|s| builder::secrets::parse(s))
            .collect::<Result<_, _>>()?,
        ssh: args
            .ssh
            .iter()
            .map(|s| builder::ssh::parse(s))
            .collect::<Result<_, _>>()?,
        run: args.steps.options()?,
        ..MoreBuildOptions::default()
    };
    args.result.apply(&mut more)?;
    args.shape.apply(&mut more)?;
    args.compat.apply(&mut more)?;
    args.sbom.apply(&mut more)?;
    let built_for = platform.clone().unwrap_or_else(Platform::host);
    more.log = args.compat.log(&built_for)?;
    let mut log = more
        .log
        .as_ref()
        .map(File::try_clone)
        .transpose()
        .map_err(|e| Error::Usage(format!("cannot use --logfile: {e}")))?;
    let mut arg_flags = args.result.build_arg_lines()?;
    arg_flags.extend(args.build_arg.iter().cloned());
    let mut ctx = Context::load(global)?;
    ctx.config = ctx.config.clone().with_hooks_dirs(&args.steps.hooks_dir);
    let (remote_cache, ttl_zero) = args.cache.remote(&ctx, !more.no_layers)?;
    more.remote_cache = remote_cache;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let opts = BuildOptions {
        context: if stdin_context {
            ContextSource::Stdin
        } else {
            ContextSource::Dir(args.context.clone())
        },
        dockerfile,
        tags,
        build_args: build_args(&arg_flags)?,
        target: args.target.clone(),
        no_cache: args.no_cache || ttl_zero,
        pull: args.pull.unwrap_or(PullPolicy::Missing),
        labels: crate::cli::flags::labels::parse(&args.label)?,
        network: args.network.clone(),
        platform,
        quiet: args.quiet,
        registry: args
            .source
            .registry(&ctx, args.authfile.as_deref())?
            .with_decryption(args.decryption.keys()?),
        more,
    };
    // A tar on stdout is all that goes there: the steps' lines go to stderr.
    let tar_on_stdout = opts.more.output == Some(builder::output::Output::TarStdout);
    let (mut stdout, mut stderr, mut sink) = (io::stdout(), io::stderr(), io::sink());
    // The image id stays on stdout with --logfile: it is the command's result, which scripts
    // read, not part of the build's log.
    let progress: &mut dyn Write = match (args.quiet, tar_on_stdout, &mut log) {
        (true, ..) => &mut sink,
        (false, _, Some(file)) => file,
        (false, true, None) => &mut stderr,
        (false, false, None) => &mut stdout,
    };
    let built = builder::build(&engine, &opts, progress)?;
    let id = built.id.to_string();
    for tag in &opts.tags {
        ctx.event("image", "tag", &id, tag);
    }
    ctx.event(
        "image",
        "build",
        &id,
        opts.tags.first().map_or("", String::as_str),
    );
    if let Some(path) = &args.iidfile {
        id_file::write(path, &format!("sha256:{id}"))?;
    }
    if let Some(list) = &manifest {
        add_to_list(&ctx, &store, list, &built.id)?;
    }
    if !tar_on_stdout {
        out(&format!(
            "{id}
"
        ))?;
    }
    Ok(0)
}

/// `--manifest LIST`: the built image becomes an entry of the list (made if missing), for
/// the platform its config names.
fn add_to_list(ctx: &Context, store: &Store, list: &Reference, id: &ImageId) -> Result<(), Error> {
    let registries = &ctx.config.registries;
    let list_id = lists::create(store, list, true, BTreeMap::new(), registries)?;
    let index = store.index()?;
    let image = index
        .get(id)
        .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    let entry = lists::entry_for(
        store,
        image,
        None,
        &PlatformEdit::default(),
        &BTreeMap::new(),
    )?;
    lists::add(store, list_id.as_str(), vec![entry], registries)?;
    Ok(())
}
