//! `rpod inspect`: containers and images, docker-shaped; `rpod container inspect` uses it too.

use clap::Args;

use super::context::Context;
use super::{GlobalFlags, each, out, style};
use crate::container::list::{self, Entry};
use crate::container::{ContainerError, inspect as container_inspect};
use crate::error::Error;
use crate::format;
use crate::image::inspect as image_inspect;
use crate::image::{artifact, lists};

use super::artifact::inspect_doc as artifact_doc;

/// Display the configuration of containers or images
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod inspect [options] NAME [NAME...]")]
pub struct InspectArgs {
    /// Format the output using a Go template, or json (the default)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// What to inspect: container, image, volume, artifact, or all
    #[arg(short, long = "type", default_value = "all", value_parser = ["all", "artifact", "container", "image", "volume"], value_name = "TYPE")]
    pub kind: String,
    /// Add the container's sizes: SizeRw (its own files) and SizeRootFs (with its image)
    #[arg(short, long)]
    pub size: bool,
    /// Inspect the container created last
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "NAME", required_unless_present = "latest")]
    pub names: Vec<String>,
}

pub fn run(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let index = store.index()?;
    let mut names = args.names.clone();
    if args.latest {
        let selection = crate::container::select::Selection {
            latest: true,
            ..Default::default()
        };
        names.extend(selection.targets(&engine, &|_| true, &|_| None)?);
    }
    let all = args.kind == "all";
    let mut docs = Vec::new();
    let result = each(&names, |name| {
        if all || args.kind == "container" {
            match engine.find(name) {
                Ok((record, paths)) => {
                    let entry = Entry::new(&engine, record, paths);
                    let mut doc = container_inspect::inspect(&entry, &engine.volumes);
                    if args.size {
                        let (rw, root) = list::sizes(&engine, &entry);
                        doc["SizeRw"] = rw.into();
                        doc["SizeRootFs"] = root.into();
                    }
                    docs.push(doc);
                    return Ok(());
                }
                Err(ContainerError::NotFound(_)) if all => {}
                Err(e) => return Err(e.into()),
            }
        }
        if all || args.kind == "image" {
            match lists::find_image(&store, &index, name, &ctx.config.registries) {
                Ok(image) => {
                    docs.push(image_inspect::inspect(&store, &image)?);
                    return Ok(());
                }
                Err(_) if all => {}
                Err(e) => return Err(e.into()),
            }
        }
        if all || args.kind == "volume" {
            match engine.volumes.get(name) {
                Ok(volume) => {
                    docs.push(engine.volumes.inspect(&volume));
                    return Ok(());
                }
                Err(_) if all => {}
                Err(e) => return Err(e.into()),
            }
        }
        // podman 5 looks for an artifact last, when nothing else has the name.
        match artifact::get(&store, name) {
            Ok(found) => {
                docs.push(artifact_doc(&found));
                Ok(())
            }
            Err(_) if all => Err(Error::NoSuchObject(name.clone())),
            Err(e) => Err(e.into()),
        }
    });
    out(&format::render_documents(args.format.as_deref(), &docs)?)?;
    result.map(|()| 0)
}
