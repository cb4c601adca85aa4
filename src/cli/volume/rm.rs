//! `rpod volume rm` and `rpod volume prune`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::image::prune::confirm;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::prune_filter::PruneFilters;
use crate::container::{ContainerError, volumes};
use crate::error::Error;
use crate::volume::VolumeError;

/// Remove one or more volumes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume rm [options] VOLUME [VOLUME...]")]
pub struct RmArgs {
    /// Remove the containers using the volume first; a missing volume is not an error
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait for a running container using the volume to stop before it is killed
    /// (with --force; -1 waits without end)
    #[arg(
        short = 't',
        long = "time",
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub time: Option<i64>,
    /// Remove every volume (one in use only with --force, which removes its containers first)
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    pub names: Vec<String>,
}

/// `--time` as a stop timeout: podman's -1 waits without end.
fn stop_timeout(args: &RmArgs) -> Result<Option<u32>, Error> {
    let Some(secs) = args.time else {
        return Ok(None);
    };
    if !args.force {
        return Err(Error::Usage(
            "--force option must be specified to use the --time option".into(),
        ));
    }
    match secs {
        -1 => Ok(Some(u32::MAX)),
        _ => u32::try_from(secs).map(Some).map_err(|_| {
            Error::Usage(format!(
                "invalid --time {secs}: seconds, or -1 to wait without end"
            ))
        }),
    }
}

pub fn run(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let timeout = stop_timeout(&args)?;
    if args.all && !args.names.is_empty() {
        return Err(Error::Usage(
            "choose either one or more volumes or all".into(),
        ));
    }
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    // --all is every volume, each removed as if named: one in use is refused (exit 2) unless
    // --force removes its containers first, as podman's.
    let names = match args.all {
        true => engine.volumes.list()?.into_iter().map(|v| v.name).collect(),
        false => args.names,
    };
    let remove = |name: &str| match args.force {
        true => volumes::remove_forced(&engine, name, timeout).map(drop),
        false => volumes::remove(&engine, name),
    };
    each(&names, |name| match remove(name) {
        Ok(()) => {
            ctx.event("volume", "remove", name, name);
            out(&format!("{name}\n"))
        }
        Err(ContainerError::Volume(VolumeError::NotFound(_))) if args.force => Ok(()),
        Err(e) => Err(e.into()),
    })?;
    Ok(0)
}

/// Remove volumes no container uses
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume prune [options]")]
pub struct PruneArgs {
    /// Remove unused named volumes too, not only anonymous ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove only the volumes these pick: label=KEY[=VALUE], label!=KEY[=VALUE],
    /// until=TIME (created before)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn prune(args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = PruneFilters::parse(&args.filter)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let what = if args.all {
        "all volumes"
    } else {
        "all anonymous volumes"
    };
    if !args.force
        && !confirm(&format!(
            "WARNING! This will remove {what} not used by at least one container. Are you sure you want to continue?"
        ))?
    {
        return Ok(0);
    }
    let removed = volumes::prune(&engine, args.all, &filters)?;
    out(&removed
        .iter()
        .map(|v| format!("{}\n", v.name))
        .collect::<String>())?;
    Ok(0)
}
