//! `rpod wait`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::stop;
use crate::error::Error;

/// Block until one or more containers stop, then print their exit codes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod wait [options] CONTAINER [CONTAINER...]")]
pub struct WaitArgs {
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn run(args: WaitArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    each(&args.containers, |name| {
        let (_, paths) = engine.find(name)?;
        let code = stop::wait_exited(&paths, None).map_or(-1, |e| e.exit_code);
        out(&format!("{code}\n"))
    })?;
    Ok(0)
}
