//! `rpod update`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::resources::LimitFlags;
use crate::cli::flags::select::LatestContainer;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::{resources, restart_policy};
use crate::error::Error;

/// Update the resource limits or restart policy of one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod update [options] CONTAINER [CONTAINER...]")]
pub struct UpdateArgs {
    #[command(flatten)]
    pub limits: LimitFlags,
    /// Restart policy: no, always, on-failure[:N], unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    #[command(flatten)]
    pub latest: LatestContainer,
    #[arg(value_name = "CONTAINER", required_unless_present = "latest")]
    pub containers: Vec<String>,
}

pub fn run(args: UpdateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let limits = args.limits.options();
    let restart = args
        .restart
        .as_deref()
        .map(restart_policy::parse)
        .transpose()?;
    // Limits are required unless only the restart policy changes.
    let limits_too = restart.is_none() || restart_policy::limits_given(&limits)?;
    let containers = args.latest.with(&engine, &args.containers)?;
    each(&containers, |name| {
        let mut record = None;
        if let Some(policy) = restart {
            record = Some(restart_policy::update(&engine, name, policy)?);
        }
        if limits_too {
            record = Some(resources::update(&engine, name, &limits)?);
        }
        match record {
            Some(record) => out(&format!("{}\n", record.id)),
            None => Ok(()),
        }
    })?;
    Ok(0)
}
