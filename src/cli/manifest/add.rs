//! `rpod manifest add`, and the images `manifest create` is given; `add --artifact` makes an
//! artifact manifest of files instead (`image::list_artifact`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use super::{PlatformFlags, RemoteFlags};
use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::list_artifact::{self, ArtifactSpec};
use crate::image::list_remote;
use crate::image::lists::{self, EntrySource, ListError, PlatformEdit};
use crate::image::manifest::{Descriptor, Platform};
use crate::image::progress;
use crate::image::pull::PullOptions;
use crate::image::registry::RegistryOptions;
use crate::image::store::{Store, StoreError, find_in};

/// Add images or artifacts to a manifest list
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest add [options] LIST IMAGE|FILE [IMAGE|FILE...]")]
pub struct AddArgs {
    /// When an image is a list in a registry, add every image of it, not only the host
    /// platform's (or the one --arch, --os, --variant name)
    #[arg(long)]
    pub all: bool,
    /// Set an annotation on the entry (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Make an artifact manifest of the files given (one layer each) and add it, instead of
    /// images
    #[arg(long)]
    pub artifact: bool,
    #[command(flatten)]
    pub artifact_flags: ArtifactFlags,
    #[command(flatten)]
    pub platform: PlatformFlags,
    #[command(flatten)]
    pub remote: RemoteFlags,
    #[arg(value_name = "LIST")]
    pub list: String,
    /// A local image, or a registry reference (docker://REF; a name no local image has is
    /// looked up in its registry). A registry's image is pulled into the store, so that the
    /// list's push has it. With --artifact, a file.
    #[arg(value_name = "IMAGE|FILE", required = true)]
    pub images: Vec<String>,
}

/// How `--artifact` makes its manifest: podman's `--artifact-*` flags.
#[derive(Debug, Clone, Args)]
pub struct ArtifactFlags {
    /// Use this file's content as the artifact's config (an OCI image config unless
    /// --artifact-config-type), instead of the empty config
    #[arg(long, value_name = "PATH")]
    pub artifact_config: Option<PathBuf>,
    /// Media type of the artifact's config
    #[arg(long, value_name = "TYPE")]
    pub artifact_config_type: Option<String>,
    /// Do not set org.opencontainers.image.title to each file's name
    #[arg(long)]
    pub artifact_exclude_titles: bool,
    /// Media type of every file, instead of one guessed from its extension or content
    #[arg(long, value_name = "TYPE")]
    pub artifact_layer_type: Option<String>,
    /// Mark the artifact as being about this image: an entry of the list (its digest) or an
    /// image of the store
    #[arg(long, value_name = "IMAGE|DIGEST")]
    pub artifact_subject: Option<String>,
    /// The artifact manifest's artifactType (default application/vnd.unknown.artifact.v1;
    /// empty for none)
    #[arg(long, value_name = "TYPE")]
    pub artifact_type: Option<String>,
}

impl ArtifactFlags {
    /// The flags given, in podman's order, to name them when --artifact is missing.
    fn given(&self) -> Vec<&'static str> {
        [
            ("--artifact-type", self.artifact_type.is_some()),
            ("--artifact-config", self.artifact_config.is_some()),
            (
                "--artifact-config-type",
                self.artifact_config_type.is_some(),
            ),
            ("--artifact-layer-type", self.artifact_layer_type.is_some()),
            ("--artifact-subject", self.artifact_subject.is_some()),
            ("--artifact-exclude-titles", self.artifact_exclude_titles),
        ]
        .into_iter()
        .filter_map(|(flag, set)| set.then_some(flag))
        .collect()
    }

    fn spec(self, files: Vec<String>) -> Result<ArtifactSpec, Error> {
        let spec = ArtifactSpec {
            files: files.into_iter().map(PathBuf::from).collect(),
            artifact_type: self.artifact_type,
            config: self.artifact_config,
            config_type: self.artifact_config_type,
            layer_type: self.artifact_layer_type,
            exclude_titles: self.artifact_exclude_titles,
            subject: self.artifact_subject,
        };
        spec.check()?;
        Ok(spec)
    }
}

pub fn run(args: AddArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let edit = args.platform.edit()?;
    let annotations = lists::parse_annotations("--annotation", &args.annotation)?;
    if args.artifact {
        return add_artifact(args, edit, annotations, global);
    }
    // podman's words: these only shape the manifest --artifact makes.
    match args.artifact_flags.given().as_slice() {
        [] => {}
        [one] => return Err(Error::Usage(format!("{one} requires --artifact"))),
        several => {
            return Err(Error::Usage(format!(
                "{} require --artifact",
                several.join("/")
            )));
        }
    }
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    // The list must exist before anything is pulled for it.
    lists::get(&store, &args.list, &ctx.config.registries)?;
    let registry = args.remote.registry(&ctx);
    let sources = Sources {
        all: args.all,
        edit,
        annotations,
        registry: &registry,
    };
    let entries = sources.entries(&ctx, &store, &args.images)?;
    let id = lists::add(&store, &args.list, entries, &ctx.config.registries)?;
    out(&format!("{id}\n"))?;
    Ok(0)
}

/// `add --artifact`: the files become an artifact manifest, an entry of the list.
fn add_artifact(
    args: AddArgs,
    edit: PlatformEdit,
    annotations: BTreeMap<String, String>,
    global: &GlobalFlags,
) -> Result<u8, Error> {
    if args.all {
        return Err(Error::Usage(
            "--all adds every image of a list; with --artifact the arguments are files".into(),
        ));
    }
    // Nothing is fetched: the files are local, and so is the subject.
    if let Some(flag) = args.remote.given() {
        return Err(Error::Usage(format!(
            "{flag} is for reaching a registry, which manifest add --artifact does not"
        )));
    }
    let spec = args.artifact_flags.spec(args.images)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let (id, _) = list_artifact::add(
        &store,
        &args.list,
        &spec,
        &edit,
        &annotations,
        &ctx.config.registries,
    )?;
    out(&format!("{id}\n"))?;
    Ok(0)
}

/// How the images given to `create` and `add` become a list's entries.
pub struct Sources<'a> {
    pub all: bool,
    pub edit: PlatformEdit,
    pub annotations: BTreeMap<String, String>,
    pub registry: &'a RegistryOptions,
}

impl Sources<'_> {
    /// The entry of each image: `containers-storage:NAME` or a name of a local image is that
    /// image, a local list gives its entries; `docker://REF`, or a name nothing local has, is
    /// pulled from its registry.
    pub fn entries(
        &self,
        ctx: &Context,
        store: &Store,
        specs: &[String],
    ) -> Result<Vec<Descriptor>, Error> {
        let registries = &ctx.config.registries;
        let mut entries = Vec::new();
        for spec in specs {
            if let Some(remote) = spec.strip_prefix("docker://") {
                entries.extend(self.pulled(ctx, store, remote)?);
                continue;
            }
            let local_only = spec.strip_prefix("containers-storage:");
            let name = local_only.unwrap_or(spec);
            if let Some(list) = lists::read(store)?.find(name, registries) {
                entries.extend(self.list_entries(ctx, store, list.id.as_str())?);
                continue;
            }
            match find_in(&store.index()?, name, registries) {
                Ok(image) => {
                    entries.push(lists::entry_for(
                        store,
                        image,
                        None,
                        &self.edit,
                        &self.annotations,
                    )?);
                }
                Err(StoreError::NotFound(_)) if local_only.is_none() => {
                    entries.extend(self.pulled(ctx, store, name)?);
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(entries)
    }

    /// The entries of another local list: every one with `all`, else the platform's that
    /// --arch, --os, --variant (or the host) name, with the edits and annotations given.
    fn list_entries(
        &self,
        ctx: &Context,
        store: &Store,
        list: &str,
    ) -> Result<Vec<Descriptor>, Error> {
        let (record, index) = lists::get(store, list, &ctx.config.registries)?;
        let chosen: Vec<&Descriptor> = match self.all {
            true => index.manifests.iter().collect(),
            false => vec![
                index
                    .select(&self.platform()?, &record.index)
                    .map_err(ListError::from)?,
            ],
        };
        let sources = lists::entry_sources(store, &record, &index)?;
        chosen
            .into_iter()
            .map(|source| {
                let at = index
                    .manifests
                    .iter()
                    .position(|m| m.digest == source.digest)
                    .expect("chosen among the index's entries");
                let EntrySource::Image(image) = &sources[at] else {
                    return Err(ListError::ArtifactEntry {
                        list: lists::list_name(&record),
                        digest: source.digest.clone(),
                    }
                    .into());
                };
                Ok(lists::entry_for(
                    store,
                    image,
                    Some(source),
                    &self.edit,
                    &self.annotations,
                )?)
            })
            .collect()
    }

    /// The platform to choose from a list: --arch, --os, --variant put in the host's.
    fn platform(&self) -> Result<Platform, Error> {
        Platform::from_flags(
            None,
            self.edit.os.as_deref(),
            self.edit.arch.as_deref(),
            self.edit.variant.as_deref(),
        )
        .map_err(|e| Error::Usage(e.to_string()))
    }

    fn pulled(&self, ctx: &Context, store: &Store, name: &str) -> Result<Vec<Descriptor>, Error> {
        let opts = PullOptions {
            platform: self.platform()?,
            registry: self.registry,
            registries: &ctx.config.registries,
        };
        let reporter = progress::for_terminal(false);
        let pulled = list_remote::pull_entries(store, name, self.all, &opts, reporter.as_ref())?;
        let index = store.index()?;
        pulled
            .into_iter()
            .map(|(digest, source)| {
                let image = index
                    .images
                    .iter()
                    .find(|i| i.manifest == digest)
                    .ok_or_else(|| StoreError::NotFound(format!("{name}@{digest}")))?;
                Ok(lists::entry_for(
                    store,
                    image,
                    source.as_ref(),
                    &self.edit,
                    &self.annotations,
                )?)
            })
            .collect()
    }
}
