//! `rpod run`: create, start, and (unless -d) stay attached until the container exits.

use std::time::Duration;

use clap::Args;

use super::image_for;
use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::{GlobalFlags, out, style};
use crate::container::attach::{self, AttachOptions, Ending};
use crate::container::{caveats, create, remove, start, status};
use crate::error::Error;
use crate::monitor::attach::connect;

/// Run a command in a new container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod run [options] IMAGE [COMMAND [ARG...]]", disable_help_flag = true)]
pub struct RunArgs {
    /// Run the container in the background and print its ID
    #[arg(short, long)]
    pub detach: bool,
    #[command(flatten)]
    pub flags: CreateFlags,
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
}

pub fn run(args: RunArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    create::check_flags(&engine, &args.flags.options())?;
    for warning in caveats::of(&args.flags.options()) {
        tracing::warn!("{warning}");
    }
    let image = image_for(&ctx, &store, &args.flags)?;
    let record = create::create(&engine, &image, args.flags.image(), &args.flags.options())?;
    let id = record.id.to_string();
    let cleanup_on_failure = |e: Error| {
        if record.run.auto_remove {
            let _ = remove::remove(&engine, &id, true, true);
        }
        e
    };
    if args.detach {
        start::start(&engine, &id).map_err(|e| cleanup_on_failure(e.into()))?;
        out(&format!("{id}\n"))?;
        return Ok(0);
    }
    let starting = start::launch(&engine, &id, true).map_err(|e| cleanup_on_failure(e.into()))?;
    let stream = connect(&starting.paths.run_dir).map_err(Error::Attach);
    let pid = starting
        .monitor
        .go()
        .map_err(|e| cleanup_on_failure(crate::container::ContainerError::from(e).into()))?;
    let stream = stream?;
    let opts = AttachOptions {
        stdin: record.run.interactive,
        tty: record.run.tty,
        pid,
        stop_signal: create::parse_signal(&record.run.stop_signal)?,
        stop_timeout: Duration::from_secs(record.run.stop_timeout.into()),
    };
    let ending = attach::Sinks::terminal(|sinks| attach::relay(stream, &opts, sinks))
        .map_err(Error::Attach)?;
    Ok(match ending {
        Ending::Exited(code) => code.clamp(0, 255) as u8,
        Ending::Detached => 0,
        Ending::Lost => match status::of(&starting.paths) {
            status::Status::Exited(e) => e.exit_code.clamp(0, 255) as u8,
            _ => 125,
        },
    })
}
