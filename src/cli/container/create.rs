//! `rpod create`.

use clap::Args;

use super::image_for;
use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::{GlobalFlags, out, style};
use crate::container::{caveats, create};
use crate::error::Error;

/// Create but do not start a container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod create [options] IMAGE [COMMAND [ARG...]]", disable_help_flag = true)]
pub struct CreateArgs {
    #[command(flatten)]
    pub flags: CreateFlags,
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
}

pub fn run(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    create::check_flags(&engine, &args.flags.options())?;
    for warning in caveats::of(&args.flags.options()) {
        tracing::warn!("{warning}");
    }
    let image = image_for(&ctx, &store, &args.flags)?;
    let record = create::create(&engine, &image, args.flags.image(), &args.flags.options())?;
    out(&format!("{}\n", record.id))?;
    Ok(0)
}
