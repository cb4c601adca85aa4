//! `rpod network inspect` and `rpod network exists`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::error::Error;
use crate::format;
use crate::networks::NetworksError;

/// Display detailed information on one or more networks
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network inspect [options] NETWORK [NETWORK...]")]
pub struct InspectArgs {
    /// Format the output using a Go template, or json (the default)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(value_name = "NETWORK", required = true)]
    pub names: Vec<String>,
}

pub fn run(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let networks = ctx.networks()?;
    let mut docs = Vec::new();
    let result = each(&args.names, |name| {
        docs.push(serde_json::to_value(networks.get(name)?).expect("a network serializes"));
        Ok(())
    });
    out(&format::render_documents(args.format.as_deref(), &docs)?)?;
    result.map(|()| 0)
}

/// Check if a network exists (exit 0 if it does, 1 if not)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network exists NETWORK")]
pub struct ExistsArgs {
    #[arg(value_name = "NETWORK")]
    pub name: String,
}

pub fn exists(args: ExistsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    match ctx.networks()?.get(&args.name) {
        Ok(_) => Ok(0),
        Err(NetworksError::NotFound(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
