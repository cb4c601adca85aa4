//! `rpod rm`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::ContainerError;
use crate::container::remove::{self, Removal};
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
    /// Seconds to wait for a running container to stop before it is killed (with --force)
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u32>,
    /// A container that does not exist (or a missing --cidfile) is no error
    #[arg(short, long)]
    pub ignore: bool,
    /// First remove the containers that depend on it (those sharing its network, IPC or UTS namespace)
    #[arg(long)]
    pub depend: bool,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

pub fn run(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args
        .select
        .selection(&args.containers, args.all, args.ignore);
    let mut targets = Vec::new();
    for name in super::targets(&ctx, &engine, &selection, &|_| true)? {
        if args.depend
            && let Ok((record, _)) = engine.find(&name)
        {
            targets.extend(remove::dependents(&engine, record.id.as_str())?);
        }
        targets.push(name);
    }
    if args.all {
        // podman's: a pod's infra container goes with its pod only.
        targets.retain(|name| !remove::holds_pod(&engine, name));
    }
    let removal = Removal {
        force: args.force || args.all,
        volumes: args.volumes,
        stop_timeout: args.time,
    };
    let outcomes = remove::remove_each(&engine, &targets, removal);
    each(
        targets.iter().zip(outcomes),
        |(name, outcome)| match outcome {
            Ok(_) => out(&format!("{name}\n")),
            Err(ContainerError::NotFound(_)) if args.force || args.ignore => Ok(()),
            Err(e) => Err(e.into()),
        },
    )?;
    Ok(0)
}
