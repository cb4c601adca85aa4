//! `rpod attach`.

use std::time::Duration;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::attach::{self, AttachOptions, Ending};
use crate::container::plan::process::parse_signal;
use crate::container::status::Status;
use crate::container::{ContainerError, start};
use crate::error::Error;
use crate::monitor::attach::connect;

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
    let (record, paths, status) = start::status_of(&engine, &args.container)?;
    let Status::Running(running) = status else {
        return Err(ContainerError::NotRunning {
            action: "attach to",
            name: record.name,
            state: status.name(),
        }
        .into());
    };
    let stream = connect(&paths.run_dir).map_err(Error::Attach)?;
    let opts = AttachOptions {
        stdin: !args.no_stdin && record.run.interactive,
        tty: record.run.tty,
        pid: running.pid,
        stop_signal: parse_signal(&record.run.stop_signal)?,
        stop_timeout: Duration::from_secs(record.run.stop_timeout.into()),
    };
    Ok(
        match attach::Sinks::terminal(|sinks| attach::relay(stream, &opts, sinks))
            .map_err(Error::Attach)?
        {
            Ending::Exited(code) => code.clamp(0, 255) as u8,
            Ending::Detached | Ending::Lost => 0,
        },
    )
}
