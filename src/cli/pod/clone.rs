//! `rpod pod clone`.

use clap::Args;

use super::options::PodNetworkOptions;
use crate::cli::context::Context;
use crate::cli::flags::resources::PodCgroupFlags;
use crate::cli::{GlobalFlags, name_once, out, style};
use crate::container::pod_clone::{InfraChanges, PodCloneRequest, clone_pod};
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
    /// The new pod's hostname (default: its name, when the original's was the original's name)
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// The new infra container's name (default: the new pod id's first 12 characters, then
    /// -infra)
    #[arg(long, value_name = "NAME")]
    pub infra_name: Option<String>,
    /// Write the process id of the new infra container's monitor to this file
    #[arg(long, value_name = "FILE")]
    pub infra_conmon_pidfile: Option<std::path::PathBuf>,
    /// The program the new infra container runs instead of its image's entrypoint (a
    /// command, or a JSON array); only a pod made with --infra-image runs one
    #[arg(long, value_name = "COMMAND")]
    pub infra_command: Option<String>,
    /// Add a label to the new pod (KEY=VALUE), over the original's
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    #[command(flatten)]
    pub options: super::options::PodOptions,
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
    let mut infra = args.options.shared(&PodNetworkOptions::default());
    infra.more.conmon_pidfile = args.infra_conmon_pidfile.clone();
    let request = PodCloneRequest {
        source: args.pod,
        name,
        destroy: args.destroy,
        start: args.start,
        labels: super::create::labels(&args.options.label_file, &args.label)?,
        members: args.options.members(),
        hostname: args.hostname,
        infra_name: args.infra_name,
        infra: InfraChanges::plan(&infra, args.infra_command.as_deref())?,
        cgroup: args.cgroup.options(),
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let pod = clone_pod(&engine, &request)?;
    out(&format!("{}\n", pod.id))?;
    Ok(0)
}
