//! `rpod system service`: the Docker-compatible API socket.

use clap::Args;

use crate::api::{ServicePlan, Setup};
use crate::cli::{GlobalFlags, style};
use crate::error::Error;

/// Run an API service (Docker-compatible endpoints on a unix socket)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system service [options] [URI]")]
pub struct ServiceArgs {
    /// Seconds without a connection before the service exits (0: never)
    #[arg(short, long, value_name = "SECONDS", default_value_t = 5)]
    pub time: u64,
    /// Where to listen: unix:///PATH (default $XDG_RUNTIME_DIR/rpod/rpod.sock)
    pub uri: Option<String>,
}

pub fn run(args: ServiceArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let setup = Setup {
        overrides: global.overrides(),
        storage_driver: global.storage_driver,
        cdi_spec_dirs: global.cdi_spec_dir.clone(),
        hooks_dirs: global.hooks_dir.clone(),
    };
    let plan = ServicePlan::new(args.uri.as_deref(), args.time, setup)?;
    crate::api::serve(plan)?;
    Ok(0)
}
