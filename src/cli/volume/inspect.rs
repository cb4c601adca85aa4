//! `rpod volume inspect` and `rpod volume exists`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::error::Error;
use crate::format;
use crate::volume::VolumeError;

/// Display detailed information on one or more volumes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume inspect [options] VOLUME [VOLUME...]")]
pub struct InspectArgs {
    /// Format the output using a Go template, or json (the default)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Inspect every volume
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
}

pub fn run(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let volumes = ctx.volumes()?;
    let mut docs = Vec::new();
    let result = if args.all {
        docs = volumes.list()?.iter().map(|v| volumes.inspect(v)).collect();
        Ok(())
    } else {
        each(&args.names, |name| {
            docs.push(volumes.inspect(&volumes.get(name)?));
            Ok(())
        })
    };
    out(&format::render_documents(args.format.as_deref(), &docs)?)?;
    result.map(|()| 0)
}

/// Check if a volume exists (exit 0 if it does, 1 if not)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume exists VOLUME")]
pub struct ExistsArgs {
    #[arg(value_name = "VOLUME")]
    pub name: String,
}

pub fn exists(args: ExistsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    match ctx.volumes()?.get(&args.name) {
        Ok(_) => Ok(0),
        Err(VolumeError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
