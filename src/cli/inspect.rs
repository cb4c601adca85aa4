//! `rpod inspect`: containers and images, docker-shaped; `rpod container inspect` uses it too.

use clap::Args;

use super::context::Context;
use super::{GlobalFlags, each, out, style};
use crate::container::list::Entry;
use crate::container::{ContainerError, inspect as container_inspect, status};
use crate::error::Error;
use crate::format;
use crate::image::inspect as image_inspect;
use crate::image::store::find_in;

/// Display the configuration of containers or images
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod inspect [options] NAME [NAME...]")]
pub struct InspectArgs {
    /// Format the output using a Go template, or json (the default)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// What to inspect: container, image, or all
    #[arg(short, long = "type", default_value = "all", value_parser = ["all", "container", "image"], value_name = "TYPE")]
    pub kind: String,
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
}

pub fn run(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let index = store.index()?;
    let mut docs = Vec::new();
    let result = each(&args.names, |name| {
        if args.kind != "image" {
            match engine.find(name) {
                Ok((record, paths)) => {
                    let status = status::of(&paths);
                    docs.push(container_inspect::inspect(
                        &Entry {
                            record,
                            paths,
                            status,
                        },
                        &engine.volumes,
                    ));
                    return Ok(());
                }
                Err(ContainerError::NotFound(_)) if args.kind == "all" => {}
                Err(e) => return Err(e.into()),
            }
        }
        match find_in(&index, name, &ctx.config.registries) {
            Ok(image) => {
                docs.push(image_inspect::inspect(&store, image)?);
                Ok(())
            }
            Err(_) if args.kind == "all" => Err(Error::NoSuchObject(name.clone())),
            Err(e) => Err(e.into()),
        }
    });
    out(&format::render_documents(args.format.as_deref(), &docs)?)?;
    result.map(|()| 0)
}
