//! `rpod start`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
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
    /// Start every container that is not running
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: StartArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, args.all, false);
    let targets = super::targets(&ctx, &engine, &selection, &|s| !s.is_running())?;
    if args.attach || args.interactive {
        if targets.len() != 1 {
            return Err(Error::Usage(
                "you cannot start and attach multiple containers at once".into(),
            ));
        }
        let attached = start::start_attached(&engine, &targets[0], args.interactive)?;
        return Ok(match Sinks::terminal(|sinks| attached.relay(sinks))? {
            Ending::Exited(code) => code.clamp(0, 255) as u8,
            Ending::Detached | Ending::Lost => 0,
        });
    }
    each(&targets, |name| {
        start::start(&engine, name)?;
        out(&format!("{name}\n"))
    })?;
    Ok(0)
}
