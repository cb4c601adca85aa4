//! `rpod rm`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::{ContainerError, remove};
use crate::error::Error;

/// Remove one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod rm [options] CONTAINER [CONTAINER...]")]
pub struct RmArgs {
    /// Force removal of a running container; a missing one is not an error
    #[arg(short, long)]
    pub force: bool,
    /// Remove every container
    #[arg(short, long)]
    pub all: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short, long)]
    pub volumes: bool,
    #[arg(value_name = "CONTAINER", required_unless_present = "all")]
    pub containers: Vec<String>,
}

pub fn run(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let targets: Vec<String> = if args.all {
        engine
            .list()?
            .into_iter()
            .map(|(r, _)| r.id.to_string())
            .collect()
    } else {
        args.containers.clone()
    };
    each(&targets, |name| {
        match remove::remove(&engine, name, args.force || args.all, args.volumes) {
            Ok(_) => out(&format!("{name}\n")),
            Err(ContainerError::NotFound(_)) if args.force => Ok(()),
            Err(e) => Err(e.into()),
        }
    })?;
    Ok(0)
}
