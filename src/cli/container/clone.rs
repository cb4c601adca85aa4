//! `rpod container clone`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::resources::LimitFlags;
use crate::cli::{GlobalFlags, name_once, out, style};
use crate::container::clone::{CloneRequest, clone};
use crate::container::plan::image::ImagePlan;
use crate::error::Error;
use crate::image::progress;

/// Create a copy of an existing container, with other limits, name, image or pod
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container clone [options] CONTAINER [NAME] [IMAGE]")]
pub struct CloneArgs {
    #[command(flatten)]
    pub limits: LimitFlags,
    /// The clone's name (default: the original's with -clone)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Remove the original container once the clone exists; the clone keeps its anonymous volumes and its --cidfile and --pidfile
    #[arg(long)]
    pub destroy: bool,
    /// With --destroy: remove the original even if it runs
    #[arg(short, long)]
    pub force: bool,
    /// Make the clone a member of this pod, sharing its namespaces, instead of the original's pod
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Start the clone, detached
    #[arg(long)]
    pub run: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// The clone's name, as --name
    #[arg(value_name = "NAME")]
    pub new_name: Option<String>,
    /// Another image for the clone (pulled if missing)
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

pub fn run(args: CloneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let name = name_once(args.name, args.new_name)?;
    let request = CloneRequest {
        source: args.container,
        name,
        image: args.image.as_deref().map(ImagePlan::named).transpose()?,
        limits: args.limits.options(),
        pod: args.pod,
        destroy: args.destroy,
        force: args.force,
        run: args.run,
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let progress = progress::for_terminal(false);
    let record = clone(&engine, &request, progress.as_ref())?;
    out(&format!("{}\n", record.id))?;
    Ok(0)
}
