//! `rpod network reload`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::network_reload;
use crate::container::select::Selection;
use crate::error::Error;

/// Restore the network connectivity of running containers
///
/// For containers on user-defined networks: a rootless network namespace holder that was
/// killed is started again in the namespaces the containers are still in, its firewall rules
/// are loaded where they are missing, an interface removed under a container is made again,
/// and its names answer again. Prints the id of each container reloaded.
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network reload [options] [CONTAINER...]")]
pub struct ReloadArgs {
    /// Reload every running container
    #[arg(short, long)]
    pub all: bool,
    /// Reload the container created last
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub containers: Vec<String>,
}

pub fn run(args: ReloadArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = Selection {
        names: args.containers,
        all: args.all,
        latest: args.latest,
        ..Selection::default()
    };
    let targets = selection.targets(&engine, &|s| s.is_running(), &|_| None)?;
    each(&targets, |name| {
        let id = network_reload::reload(&engine, name)?;
        out(&format!("{id}\n"))
    })?;
    Ok(0)
}
