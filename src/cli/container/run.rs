//! `rpod run`: create, start, and (unless -d) stay attached until the container exits.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::{GlobalFlags, out, style};
use crate::container::attach::Sinks;
use crate::container::plan::RunPlan;
use crate::container::plan::attach::AttachPlan;
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
    /// Attach only these streams: stdin, stdout, stderr (repeatable; default: stdout and
    /// stderr, and stdin with -i)
    #[arg(short, long, value_name = "STREAM")]
    pub attach: Vec<String>,
    /// Whether SIGINT, SIGTERM and SIGHUP sent to rpod stop the container (default true); with
    /// false they end only this command and the container runs on
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub sig_proxy: Option<bool>,
    /// Key sequence that detaches from the container's terminal (default ctrl-p,ctrl-q; "" for
    /// none); only with -t, as rpod keeps no keys for a later attach
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Pass this many more file descriptors to the container's process: 3 to 3+N-1, as they
    /// are open in rpod (the container's monitor keeps them for its restarts)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Pass these file descriptors of rpod to the container's process, at their numbers
    /// (FD1[,FD2,...], repeatable; the monitor keeps them for its restarts)
    #[arg(long, value_name = "FD1[,FD2,...]")]
    pub preserve_fd: Vec<String>,
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
    options.more.preserve_fds = args.preserve_fds;
    options.more.preserve_fd = args.preserve_fd;
    let plan = RunPlan::build(&options, &ctx.config)?;
    let attach = AttachPlan::build(
        &args.attach,
        args.sig_proxy,
        args.detach_keys.as_deref(),
        args.detach,
        args.flags.tty,
    )?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let progress = progress::for_terminal(args.flags.quiet);
    let outcome = Sinks::terminal(|sinks| {
        let io = RunIo {
            progress: progress.as_ref(),
            sinks,
            attach: &attach,
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
