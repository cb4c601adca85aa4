//! `rpod attach`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::attach::{self, Ending, Sinks};
use crate::error::Error;

/// Attach to a running container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod attach [options] CONTAINER")]
pub struct AttachArgs {
    /// Do not attach STDIN
    #[arg(long)]
    pub no_stdin: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn run(args: AttachArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let attached = attach::attach(&engine, &args.container, !args.no_stdin)?;
    Ok(match Sinks::terminal(|sinks| attached.relay(sinks))? {
        Ending::Exited(code) => code.clamp(0, 255) as u8,
        Ending::Detached | Ending::Lost => 0,
    })
}
