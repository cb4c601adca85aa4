//! `rpod unshare`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::unshare;
use crate::error::Error;

/// Run a command (default: $SHELL) in a user namespace where you are root, with a mount
/// namespace of its own: the store's files as their owner, and `rpod mount`
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod unshare [options] [COMMAND [ARG...]]")]
pub struct UnshareArgs {
    /// Join the network namespace of user-defined networks (starting it if needed), where
    /// their containers are reachable by address
    #[arg(long)]
    pub rootless_netns: bool,
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

pub fn run(args: UnshareArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    match unshare::unshare(&engine, &args.command, args.rootless_netns)? {}
}
