//! `rpod wait`.

use std::time::Duration;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::ContainerError;
use crate::container::wait::{self, Condition};
use crate::error::Error;
use crate::format::units::parse_go_duration;

/// Block until one or more containers stop, then print their exit codes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod wait [options] CONTAINER [CONTAINER...]")]
pub struct WaitArgs {
    /// The state to wait for: created, running, paused, exited or stopped (the default),
    /// removing, healthy, unhealthy; several wait for the first
    #[arg(long, value_name = "STATE")]
    pub condition: Vec<String>,
    /// A container that does not exist is no error: its code prints as -1
    #[arg(long)]
    pub ignore: bool,
    /// How often to look (a duration such as 250ms or 1s; a bare number is milliseconds)
    #[arg(short = 'i', long, value_name = "INTERVAL", default_value = "250ms")]
    pub interval: String,
    /// Wait only for the first of the containers to meet the condition, and print its code
    #[arg(long)]
    pub exit_first_match: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

fn interval(text: &str) -> Result<Duration, Error> {
    text.parse::<u64>()
        .ok()
        .map(Duration::from_millis)
        .or_else(|| parse_go_duration(text))
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::Usage(format!(
                "invalid --interval {text:?}: expected a duration such as 250ms or 1s"
            ))
        })
}

pub fn run(args: WaitArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let mut conditions = args
        .condition
        .iter()
        .map(|c| Condition::parse(c))
        .collect::<Result<Vec<_>, _>>()?;
    if conditions.is_empty() {
        conditions.push(Condition::Exited);
    }
    let every = interval(&args.interval)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, false, args.ignore);
    let targets = super::targets(&ctx, &engine, &selection, &|_| true)?;
    if args.exit_first_match {
        let specs: Vec<&str> = targets.iter().map(String::as_str).collect();
        let code = wait::first_match(&engine, &specs, &conditions, every)?;
        out(&format!("{code}\n"))?;
        return Ok(0);
    }
    each(&targets, |name| {
        match wait::wait(&engine, name, &conditions, every) {
            Ok(code) => out(&format!("{code}\n")),
            Err(ContainerError::NotFound(_)) if args.ignore => out("-1\n"),
            Err(e) => Err(e.into()),
        }
    })?;
    Ok(0)
}
