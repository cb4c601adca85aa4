//! `rpod top`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::LatestContainer;
use crate::cli::{GlobalFlags, out, style};
use crate::container::top;
use crate::error::Error;
use crate::format::table::Table;

/// Display the running processes of a container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod top CONTAINER [DESCRIPTOR...]")]
pub struct TopArgs {
    #[command(flatten)]
    pub latest: LatestContainer,
    /// The container (with --latest, the first descriptor)
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub container: Option<String>,
    /// Columns: user, pid, ppid, pcpu, etime, tty, time, args, comm, state, rss
    #[arg(value_name = "DESCRIPTOR")]
    pub descriptors: Vec<String>,
}

/// With `--latest` no container is named: the first word is a descriptor (podman's).
pub fn split_latest(
    latest: bool,
    first: Option<String>,
    mut rest: Vec<String>,
) -> (Option<String>, Vec<String>) {
    match latest {
        true => {
            rest.splice(0..0, first);
            (None, rest)
        }
        false => (first, rest),
    }
}

pub fn run(args: TopArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let (named, descriptors) = split_latest(args.latest.latest, args.container, args.descriptors);
    let container = args.latest.resolve(&engine, named.as_deref())?;
    let found = top::top(&engine, &container, &descriptors)?;
    let mut table = Table::new(found.headers);
    for row in found.rows {
        table.row(row);
    }
    out(&table.render())?;
    Ok(0)
}
