//! `rpod volume mount` and `rpod volume unmount`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::error::Error;

/// Print where volumes' files are on the host. rpod's volumes are directories, so nothing
/// needs mounting: the path works inside and outside `rpod unshare`
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume mount VOLUME [VOLUME...]")]
pub struct MountArgs {
    #[arg(value_name = "VOLUME", required = true)]
    pub names: Vec<String>,
}

/// Check that volumes exist; rpod's volumes are directories that `volume mount` did not
/// mount, so there is nothing to take down
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume unmount VOLUME [VOLUME...]")]
pub struct UnmountArgs {
    #[arg(value_name = "VOLUME", required = true)]
    pub names: Vec<String>,
}

pub fn mount(args: MountArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let volumes = ctx.volumes()?;
    each(&args.names, |name| {
        let volume = volumes.get(name)?;
        out(&format!("{}\n", volumes.data_path(&volume.name).display()))
    })?;
    Ok(0)
}

pub fn unmount(args: UnmountArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let volumes = ctx.volumes()?;
    each(&args.names, |name| {
        volumes.get(name).map(drop).map_err(Error::from)
    })?;
    Ok(0)
}
