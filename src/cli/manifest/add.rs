//! `rpod manifest add`, and the images `manifest create` is given.

use std::collections::BTreeMap;

use clap::Args;

use super::{PlatformFlags, RemoteFlags};
use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::list_remote;
use crate::image::lists::{self, ListError, PlatformEdit};
use crate::image::manifest::{Descriptor, Platform};
use crate::image::progress;
use crate::image::pull::PullOptions;
use crate::image::registry::RegistryOptions;
use crate::image::store::{Store, StoreError, find_in};

/// Add images to a manifest list
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod manifest add [options] LIST IMAGE [IMAGE...]")]
pub struct AddArgs {
    /// When an image is a list in a registry, add every image of it, not only the host
    /// platform's (or the one --arch, --os, --variant name)
    #[arg(long)]
    pub all: bool,
    /// Set an annotation on the entry (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    #[command(flatten)]
    pub platform: PlatformFlags,
    #[command(flatten)]
    pub remote: RemoteFlags,
    #[arg(value_name = "LIST")]
    pub list: String,
    /// A local image, or a registry reference (docker://REF; a name no local image has is
    /// looked up in its registry). A registry's image is pulled into the store, so that the
    /// list's push has it.
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
}

pub fn run(args: AddArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let edit = args.platform.edit()?;
    let annotations = lists::parse_annotations("--annotation", &args.annotation)?;
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
        let images = lists::entry_images(store, &record, &index)?;
        chosen
            .into_iter()
            .map(|source| {
                let image = images
                    .iter()
                    .find(|i| i.manifest == source.digest)
                    .expect("entry_images found every entry's image");
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
