//! `rpod attach`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::OneContainer;
use crate::cli::{GlobalFlags, style};
use crate::container::attach::{self, Ending, Sinks};
use crate::container::plan::attach::{AttachPlan, parse_detach_keys};
use crate::error::Error;

/// Attach to a running container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod attach [options] CONTAINER")]
pub struct AttachArgs {
    /// Do not attach STDIN
    #[arg(long)]
    pub no_stdin: bool,
    /// Key sequence that detaches (default ctrl-p,ctrl-q; "" for none); the container needs
    /// a terminal (-t)
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with
    /// false they end only this command
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: Option<bool>,
    #[command(flatten)]
    pub target: OneContainer,
}

pub fn run(args: AttachArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let mut plan = AttachPlan {
        sig_proxy: args.sig_proxy.unwrap_or(true),
        ..AttachPlan::default()
    };
    if let Some(keys) = &args.detach_keys {
        plan.detach_keys = parse_detach_keys(keys)?;
    }
    let container = args.target.resolve(&engine)?;
    let attached = attach::attach(&engine, &container, !args.no_stdin)?.with(&plan)?;
    Ok(match Sinks::terminal(|sinks| attached.relay(sinks))? {
        Ending::Exited(code) => code.clamp(0, 255) as u8,
        Ending::Detached | Ending::Lost => 0,
    })
}
