//! `rpod pod inspect` and `rpod pod exists`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::LatestPod;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::{ContainerError, pod};
use crate::error::Error;
use crate::format;
use crate::pods::PodsError;

/// Display detailed information on one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod inspect [options] POD [POD...]")]
pub struct InspectArgs {
    /// Format the output using a Go template, or json (the default)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present = "latest")]
    pub names: Vec<String>,
}

pub fn run(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let mut docs = Vec::new();
    let names = args.latest.resolve(&engine, &args.names)?;
    let result = each(&names, |name| {
        docs.push(pod::entry(&engine, name)?.inspect());
        Ok(())
    });
    out(&format::render_documents(args.format.as_deref(), &docs)?)?;
    result.map(|()| 0)
}

/// Check if a pod exists (exit 0 if it does, 1 if not)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod exists POD")]
pub struct ExistsArgs {
    #[arg(value_name = "POD")]
    pub name: String,
}

pub fn exists(args: ExistsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    match pod::pods(&engine).get(&args.name) {
        Ok(_) => Ok(0),
        Err(PodsError::NotFound(_)) => Ok(1),
        Err(e) => Err(ContainerError::from(e).into()),
    }
}
