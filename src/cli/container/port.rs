//! `rpod port`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::LatestContainer;
use crate::cli::{GlobalFlags, out, style};
use crate::container::{list, port};
use crate::error::Error;

/// List a container's published ports, or the host address of one of them
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod port [options] CONTAINER [PORT[/PROTOCOL]]")]
pub struct PortArgs {
    /// Every published port of every running container, each line after the container's
    /// short ID
    #[arg(short, long, conflicts_with = "latest")]
    pub all: bool,
    #[command(flatten)]
    pub latest: LatestContainer,
    /// The container (with --latest, the port)
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub container: Option<String>,
    /// A container port, as 80 or 80/udp
    #[arg(value_name = "PORT")]
    pub port: Option<String>,
}

pub fn run(args: PortArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if args.all {
        if args.container.is_some() {
            return Err(Error::Usage(
                "--all lists every running container's ports: it takes no container or port".into(),
            ));
        }
        let mut lines = String::new();
        for entry in list::entries(&engine)? {
            if !entry.status.is_running() {
                continue;
            }
            let id = entry.record.id.to_string();
            for line in port::published(&engine, &id, None)? {
                lines += &format!("{}\t{line}\n", &id[..12]);
            }
        }
        out(&lines)?;
        return Ok(0);
    }
    // podman's: with --latest the one argument is the port.
    let (named, wanted) = match args.latest.latest {
        true if args.port.is_some() => {
            return Err(Error::Usage(
                "--latest takes no container: give only the port".into(),
            ));
        }
        true => (None, args.container.as_deref()),
        false => (args.container.as_deref(), args.port.as_deref()),
    };
    let container = args.latest.resolve(&engine, named)?;
    let lines = port::published(&engine, &container, wanted)?;
    out(&lines.into_iter().map(|l| l + "\n").collect::<String>())?;
    Ok(0)
}
