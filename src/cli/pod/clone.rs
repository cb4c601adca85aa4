//! `rpod pod clone`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::resources::PodCgroupFlags;
use crate::cli::{GlobalFlags, name_once, out, style};
use crate::container::pod_clone::{PodCloneRequest, clone_pod};
use crate::error::Error;

/// Create a copy of an existing pod: its settings, infra container and containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod clone [options] POD [NAME]")]
pub struct CloneArgs {
    /// The new pod's name (default: the original's with -clone)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Remove the original pod (stopping its containers) once the clone exists
    #[arg(long)]
    pub destroy: bool,
    /// Start the new pod
    #[arg(long)]
    pub start: bool,
    #[command(flatten)]
    pub cgroup: PodCgroupFlags,
    #[arg(value_name = "POD")]
    pub pod: String,
    /// The new pod's name, as --name
    #[arg(value_name = "NAME")]
    pub new_name: Option<String>,
}

pub fn run(args: CloneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let name = name_once(args.name, args.new_name)?;
    let request = PodCloneRequest {
        source: args.pod,
        name,
        destroy: args.destroy,
        start: args.start,
        cgroup: args.cgroup.options(),
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let pod = clone_pod(&engine, &request)?;
    out(&format!("{}\n", pod.id))?;
    Ok(0)
}
