//! `rpod start`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::attach::{Ending, Sinks};
use crate::container::start;
use crate::error::Error;

/// Start one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod start [options] CONTAINER [CONTAINER...]")]
pub struct StartArgs {
    /// Attach the container's output (and with -i its input)
    #[arg(short, long)]
    pub attach: bool,
    /// Attach the container's stdin
    #[arg(short, long)]
    pub interactive: bool,
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn run(args: StartArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if args.attach || args.interactive {
        if args.containers.len() > 1 {
            return Err(Error::Usage(
                "you cannot start and attach multiple containers at once".into(),
            ));
        }
        let attached = start::start_attached(&engine, &args.containers[0], args.interactive)?;
        return Ok(match Sinks::terminal(|sinks| attached.relay(sinks))? {
            Ending::Exited(code) => code.clamp(0, 255) as u8,
            Ending::Detached | Ending::Lost => 0,
        });
    }
    each(&args.containers, |name| {
        start::start(&engine, name)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
