//! `rpod create`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::create::CreateFlags;
use crate::cli::{GlobalFlags, out, style};
use crate::container::plan::RunPlan;
use crate::container::run::create_container;
use crate::error::Error;
use crate::image::progress;

/// Create but do not start a container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod create [options] IMAGE [COMMAND [ARG...]]", disable_help_flag = true)]
pub struct CreateArgs {
    /// Make an init container of the pod (with --pod): always (runs at every `pod start`,
    /// before the pod's other containers) or once (runs at the first, then is removed)
    #[arg(long, value_name = "TYPE")]
    pub init_ctr: Option<String>,
    /// The streams a later `start -a` attaches: stdin, stdout, stderr (repeatable; default:
    /// stdout and stderr, and stdin with -i)
    #[arg(short, long, value_name = "STREAM")]
    pub attach: Vec<String>,
    #[command(flatten)]
    pub flags: CreateFlags,
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
}

pub fn run(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let mut options = args.flags.options();
    options.init_ctr = args.init_ctr;
    options.attach = args.attach;
    let plan = RunPlan::build(&options, &ctx.config)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let progress = progress::for_terminal(args.flags.quiet);
    let record = create_container(&engine, &plan, progress.as_ref())?;
    out(&format!("{}\n", record.id))?;
    Ok(0)
}
