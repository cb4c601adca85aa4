//! `rpod top`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::top;
use crate::error::Error;
use crate::format::table::Table;

/// Display the running processes of a container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod top CONTAINER [DESCRIPTOR...]")]
pub struct TopArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Columns: user, pid, ppid, pcpu, etime, tty, time, args, comm, state, rss
    #[arg(value_name = "DESCRIPTOR")]
    pub descriptors: Vec<String>,
}

pub fn run(args: TopArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let found = top::top(&engine, &args.container, &args.descriptors)?;
    let mut table = Table::new(found.headers);
    for row in found.rows {
        table.row(row);
    }
    out(&table.render())?;
    Ok(0)
}
