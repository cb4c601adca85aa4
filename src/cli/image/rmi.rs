//! `rpod rmi` / `rpod image rm`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::remove as container_remove;
use crate::error::Error;
use crate::image::lists;
use crate::image::remove::{self, Removal, RemoveError};
use crate::image::store::StoreError;

/// Remove one or more images from local storage
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod rmi [options] IMAGE [IMAGE...]")]
pub struct RmiArgs {
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    /// Remove images with several names, and the containers made from an image
    #[arg(short, long)]
    pub force: bool,
    /// An image that does not exist is no error
    #[arg(short, long)]
    pub ignore: bool,
    /// Keep the unnamed build steps below the image (by default those nothing else uses go
    /// with it)
    #[arg(long)]
    pub no_prune: bool,
    /// Images to remove (name or id)
    #[arg(value_name = "IMAGE", required_unless_present = "all")]
    pub images: Vec<String>,
}

pub fn run(args: RmiArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let mut targets = args.images.clone();
    if args.all {
        if !targets.is_empty() {
            return Err(Error::Usage(
                "when using the --all switch, you may not pass any images names or IDs".into(),
            ));
        }
        targets = store
            .index()?
            .images
            .iter()
            .map(|i| i.id.to_string())
            .chain(lists::read(&store)?.lists.iter().map(|l| l.id.to_string()))
            .collect();
    }
    // docker refuses to remove an image a container (in any state) was made from, unless -f.
    let engine = ctx.engine(&store)?;
    let users = crate::container::system::image_users(&engine)?;
    let no_users = |id: &crate::ids::ImageId| users.get(id).cloned();
    each(&targets, |name_or_id| {
        if !args.force {
            crate::container::image_mount::check_removable(&engine, name_or_id)?;
        }
        let attempt = || {
            remove::remove_pruning(
                &store,
                name_or_id,
                (args.force || args.all, !args.no_prune),
                &ctx.config.registries,
                &no_users,
            )
        };
        let removals = match attempt() {
            // podman's -f: the containers made from the image go with it.
            Err(RemoveError::InUse { .. }) if args.force => {
                let image = store.find(name_or_id, &ctx.config.registries)?;
                for (record, _) in engine.list()? {
                    if record.image == image.id {
                        container_remove::remove(&engine, record.id.as_str(), true, false)?;
                    }
                }
                let both = (true, !args.no_prune);
                remove::remove_pruning(&store, name_or_id, both, &ctx.config.registries, &|_| None)?
            }
            Err(RemoveError::Store(StoreError::NotFound(_)))
                if lists::read(&store)?
                    .find(name_or_id, &ctx.config.registries)
                    .is_some() =>
            {
                // A manifest list is an image to podman's rmi too; its images stay.
                let list = lists::remove(&store, name_or_id, &ctx.config.registries)?;
                list.names
                    .into_iter()
                    .map(Removal::Untagged)
                    .chain([Removal::Deleted(list.id)])
                    .collect()
            }
            Err(RemoveError::Store(StoreError::NotFound(_))) if args.ignore => return Ok(()),
            other => other?,
        };
        let text: String = removals
            .iter()
            .map(|r| match r {
                Removal::Untagged(name) => {
                    ctx.event("image", "untag", name_or_id, name);
                    format!("Untagged: {name}\n")
                }
                Removal::Deleted(id) => {
                    ctx.event("image", "remove", id.as_str(), name_or_id);
                    format!("Deleted: {id}\n")
                }
            })
            .collect();
        out(&text)
    })?;
    Ok(0)
}
