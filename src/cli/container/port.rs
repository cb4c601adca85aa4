//! `rpod port`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::port;
use crate::error::Error;

/// List a container's published ports, or the host address of one of them
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod port [options] CONTAINER [PORT[/PROTOCOL]]")]
pub struct PortArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// A container port, as 80 or 80/udp
    #[arg(value_name = "PORT")]
    pub port: Option<String>,
}

pub fn run(args: PortArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let lines = port::published(&engine, &args.container, args.port.as_deref())?;
    out(&lines.into_iter().map(|l| l + "\n").collect::<String>())?;
    Ok(0)
}
