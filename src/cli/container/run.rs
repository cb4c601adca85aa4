//! `rpod run`: create, start, and (unless -d) stay attached until the container exits.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::{GlobalFlags, out, style};
use crate::container::attach::Sinks;
use crate::container::caveats;
use crate::container::plan::RunPlan;
use crate::container::run::{self, RunIo, RunOutcome};
use crate::error::Error;
use crate::image::progress;

/// Run a command in a new container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod run [options] IMAGE [COMMAND [ARG...]]", disable_help_flag = true)]
pub struct RunArgs {
    /// Run the container in the background and print its ID
    #[arg(short, long)]
    pub detach: bool,
    /// Remove the image once the container has exited, unless another container uses it
    /// (implies --rm)
    #[arg(long)]
    pub rmi: bool,
    #[command(flatten)]
    pub flags: CreateFlags,
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
}

pub fn run(args: RunArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let mut options = args.flags.options();
    options.more.rmi = args.rmi;
    let plan = RunPlan::build(&options, &ctx.config)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    for warning in caveats::of(&args.flags.options()) {
        tracing::warn!("{warning}");
    }
    let progress = progress::for_terminal(args.flags.quiet);
    let outcome = Sinks::terminal(|sinks| {
        let io = RunIo {
            progress: progress.as_ref(),
            sinks,
        };
        run::run(&engine, &plan, args.detach, io)
    })?;
    match outcome {
        RunOutcome::Detached(id) => {
            out(&format!("{id}\n"))?;
            Ok(0)
        }
        RunOutcome::Exited(code) => Ok(code.clamp(0, 255) as u8),
    }
}
