//! `rpod manifest <verb>`: manifest lists (OCI image indexes) of images of several platforms,
//! made locally and pushed as one name.

use clap::{Args, Subcommand};

use super::context::{Context, parse_creds};
use super::{GlobalFlags, each, out, style};
use crate::error::Error;
use crate::image::auth::Credentials;
use crate::image::list_remote;
use crate::image::lists::{self, Annotate, ListError, PlatformEdit};
use crate::image::manifest::Platform;
use crate::image::pull::PullOptions;
use crate::image::reference::Reference;
use crate::image::registry::RegistryOptions;

pub mod add;
pub mod push;

/// Manipulate manifest lists and image indexes
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod manifest COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct ManifestGroup {
    #[command(subcommand)]
    pub command: ManifestCommand,
}

#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    Add(add::AddArgs),
    Annotate(AnnotateArgs),
    Create(CreateArgs),
    Exists(ExistsArgs),
    Inspect(InspectArgs),
    Push(push::ManifestPushArgs),
    Remove(RemoveArgs),
    Rm(RmArgs),
}

pub fn run(cmd: ManifestCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        ManifestCommand::Add(a) => add::run(a, global),
        ManifestCommand::Annotate(a) => annotate(a, global),
        ManifestCommand::Create(a) => create(a, global),
        ManifestCommand::Exists(a) => exists(a, global),
        ManifestCommand::Inspect(a) => inspect(a, global),
        ManifestCommand::Push(a) => push::run(a, global),
        ManifestCommand::Remove(a) => remove(a, global),
        ManifestCommand::Rm(a) => rm(a, global),
    }
}

/// How to reach a registry: podman's flags of `manifest add`, `inspect` and `push`.
#[derive(Debug, Clone, Args)]
pub struct RemoteFlags {
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
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
}

impl RemoteFlags {
    /// The first of these flags given, for a command that reaches no registry to refuse.
    pub fn given(&self) -> Option<&'static str> {
        [
            ("--authfile", self.authfile.is_some()),
            ("--cert-dir", self.cert_dir.is_some()),
            ("--creds", self.creds.is_some()),
            ("--tls-verify", self.tls_verify.is_some()),
        ]
        .into_iter()
        .find_map(|(flag, set)| set.then_some(flag))
    }

    pub fn registry(&self, ctx: &Context) -> RegistryOptions {
        ctx.registry_options_with(
            self.tls_verify,
            self.creds.clone(),
            self.authfile.as_deref(),
        )
        .with_cert_dir(self.cert_dir.clone())
    }
}

/// Create a manifest list, optionally with images in it
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest create [options] LIST [IMAGE...]")]
pub struct CreateArgs {
    /// Add every image of an image given that is itself a list in a registry, not only the
    /// host platform's
    #[arg(long)]
    pub all: bool,
    /// Use the list of that name if it exists, instead of failing
    #[arg(short, long)]
    pub amend: bool,
    /// Set an annotation on the list's index (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Name of the list
    #[arg(value_name = "LIST")]
    pub list: String,
    /// Images to add: local images, or registry references (docker://REF)
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
}

fn create(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let name = Reference::parse_local(&args.list)?;
    let annotations = lists::parse_annotations("--annotation", &args.annotation)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let registry = ctx.registry_options_with(args.tls_verify, None, None);
    let sources = add::Sources {
        all: args.all,
        edit: PlatformEdit::default(),
        annotations: Default::default(),
        registry: &registry,
    };
    // Every image is found before the list is made, so a bad one leaves nothing behind.
    let entries = sources.entries(&ctx, &store, &args.images)?;
    let id = lists::create(
        &store,
        &name,
        args.amend,
        annotations,
        &ctx.config.registries,
    )?;
    if !entries.is_empty() {
        lists::add(&store, id.as_str(), entries, &ctx.config.registries)?;
    }
    ctx.event("image", "create", id.as_str(), &args.list);
    out(&format!("{id}\n"))?;
    Ok(0)
}

/// Check if a manifest list exists in local storage (exit 0 if it does, 1 if not)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest exists LIST")]
pub struct ExistsArgs {
    #[arg(value_name = "LIST")]
    pub list: String,
}

fn exists(args: ExistsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let lists = lists::read(&ctx.store()?)?;
    Ok(match lists.find(&args.list, &ctx.config.registries) {
        Some(_) => 0,
        None => 1,
    })
}

/// Display a manifest list or image index, local or in a registry
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest inspect [options] LIST|REFERENCE")]
pub struct InspectArgs {
    #[command(flatten)]
    pub remote: RemoteFlags,
    /// A local list, or else a reference looked up in its registry
    #[arg(value_name = "LIST")]
    pub list: String,
}

fn inspect(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let registries = &ctx.config.registries;
    let bytes = match lists::index_bytes(&store, &args.list, registries) {
        Ok(bytes) => bytes,
        Err(ListError::NotFound(_)) => {
            let registry = args.remote.registry(&ctx);
            let opts = PullOptions {
                platform: Platform::host(),
                registry: &registry,
                registries,
            };
            let name = args.list.strip_prefix("docker://").unwrap_or(&args.list);
            list_remote::remote_document(name, &opts)
                .map_err(|e| ListError::Nowhere {
                    name: args.list.clone(),
                    remote: e.to_string(),
                })?
                .1
        }
        Err(e) => return Err(e.into()),
    };
    out(&pretty(&bytes)?)?;
    Ok(0)
}

/// podman's rendering of a manifest: indented by four spaces.
fn pretty(bytes: &[u8]) -> Result<String, Error> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| Error::Usage(format!("the manifest is no JSON: {e}")))?;
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    serde::Serialize::serialize(&value, &mut ser).expect("a JSON value serialises");
    Ok(format!("{}\n", String::from_utf8_lossy(&buf)))
}

/// Add or change the platform and annotations of an entry of a manifest list
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest annotate [options] LIST [DIGEST|IMAGE]")]
pub struct AnnotateArgs {
    /// Set an annotation on the entry, or with --index on the list's index (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    #[command(flatten)]
    pub platform: PlatformFlags,
    /// Put the --annotation values on the index itself
    #[arg(long)]
    pub index: bool,
    /// Mark the index as being about this image of the store (OCI 1.1's subject; at most one)
    #[arg(long, value_name = "IMAGE")]
    pub subject: Option<String>,
    #[arg(value_name = "LIST")]
    pub list: String,
    /// The entry's manifest digest, or a local image whose manifest it is
    #[arg(value_name = "DIGEST")]
    pub entry: Option<String>,
}

/// The platform an entry records, as podman's `manifest add` and `annotate` set it.
#[derive(Debug, Clone, Args)]
pub struct PlatformFlags {
    /// Record this architecture for the image (amd64, arm64, …)
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Record this operating system for the image
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Record this variant of the architecture (e.g. v7, v8)
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Record this operating system version for the image
    #[arg(long, value_name = "VERSION")]
    pub os_version: Option<String>,
    /// Record these features the image needs (comma-separated)
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub features: Vec<String>,
    /// Record these operating system features the image needs (comma-separated)
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub os_features: Vec<String>,
}

impl PlatformFlags {
    pub fn edit(&self) -> Result<PlatformEdit, Error> {
        let edit = PlatformEdit {
            arch: self.arch.clone(),
            os: self.os.clone(),
            variant: self.variant.clone(),
            os_version: self.os_version.clone(),
            features: self.features.clone(),
            os_features: self.os_features.clone(),
        };
        edit.check()?;
        Ok(edit)
    }
}

fn annotate(args: AnnotateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if args.entry.is_none() && !args.index && args.subject.is_none() {
        return Err(Error::Usage(
            "manifest annotate needs the entry's DIGEST, or --index or --subject to annotate the list itself"
                .into(),
        ));
    }
    let change = Annotate {
        platform: args.platform.edit()?,
        annotations: lists::parse_annotations("--annotation", &args.annotation)?,
        on_index: args.index,
        subject: args.subject,
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let (id, digest) = lists::annotate(
        &store,
        &args.list,
        args.entry.as_deref(),
        &change,
        &ctx.config.registries,
    )?;
    match digest {
        Some(digest) => out(&format!("{id}: {digest}\n"))?,
        None => out(&format!("{id}\n"))?,
    }
    Ok(0)
}

/// Remove an entry from a manifest list
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest remove LIST DIGEST")]
pub struct RemoveArgs {
    #[arg(value_name = "LIST")]
    pub list: String,
    /// The entry's manifest digest
    #[arg(value_name = "DIGEST")]
    pub digest: String,
}

fn remove(args: RemoveArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let (id, digest) =
        lists::remove_entry(&store, &args.list, &args.digest, &ctx.config.registries)?;
    out(&format!("{id}: {digest}\n"))?;
    Ok(0)
}

/// Remove manifest lists from local storage (their images stay)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest rm [options] LIST [LIST...]")]
pub struct RmArgs {
    /// Do not fail for a list that does not exist
    #[arg(short, long)]
    pub ignore: bool,
    #[arg(value_name = "LIST", required = true)]
    pub lists: Vec<String>,
}

fn rm(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    each(&args.lists, |name| {
        match lists::remove(&store, name, &ctx.config.registries) {
            Ok(list) => {
                ctx.event("image", "remove", list.id.as_str(), name);
                let mut text = String::new();
                for n in &list.names {
                    text.push_str(&format!("Untagged: {n}\n"));
                }
                text.push_str(&format!("Deleted: {}\n", list.id));
                out(&text)
            }
            Err(ListError::NotFound(_)) if args.ignore => Ok(()),
            Err(e) => Err(e.into()),
        }
    })?;
    Ok(0)
}
