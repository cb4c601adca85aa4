//! `rpod mount`/`container mount` and `rpod unmount`/`umount`/`container unmount`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::mount;
use crate::container::select::Selection;
use crate::error::Error;

/// Mount containers' root file systems and print where (without arguments: list the mounted
/// ones). Unprivileged, this works inside `rpod unshare`, whose session the mounts last for
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod mount [options] [CONTAINER...]")]
pub struct MountArgs {
    /// Mount every container
    #[arg(short, long)]
    pub all: bool,
    /// Print the mounted containers as json
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    pub format: Option<String>,
    /// Act on the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Print full container ids
    #[arg(long)]
    pub no_trunc: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// Unmount containers' root file systems mounted by `rpod mount`
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod unmount [options] CONTAINER [CONTAINER...]")]
pub struct UnmountArgs {
    /// Unmount every mounted container
    #[arg(short, long)]
    pub all: bool,
    /// Unmount even while a process uses the tree; clear another session's mark
    #[arg(short, long)]
    pub force: bool,
    /// Act on the container created last
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"])]
    pub containers: Vec<String>,
}

pub fn run_mount(args: MountArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if args.containers.is_empty() && !args.all && !args.latest {
        let mounted = mount::mounted(&engine)?;
        let text = match args.format.as_deref() {
            Some(_) => {
                let list: Vec<_> = mounted
                    .iter()
                    .map(|m| {
                        serde_json::json!({
                            "id": m.record.id.as_str(),
                            "Names": [m.record.name],
                            "mountpoint": m.path,
                        })
                    })
                    .collect();
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&list).expect("json values serialise")
                )
            }
            None => mounted
                .iter()
                .map(|m| {
                    let id = match args.no_trunc {
                        true => m.record.id.as_str(),
                        false => m.record.id.short(),
                    };
                    format!("{id} {}\n", m.path.display())
                })
                .collect(),
        };
        return out(&text).map(|()| 0);
    }
    let selection = Selection::named(&args.containers, args.all, args.latest);
    let targets = super::targets(&ctx, &engine, &selection, &|_| true)?;
    each(&targets, |name| {
        let path = mount::mount(&engine, name)?;
        out(&format!("{}\n", path.display()))
    })?;
    Ok(0)
}

pub fn run_unmount(args: UnmountArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let targets: Vec<String> = if args.all {
        mount::mounted(&engine)?
            .into_iter()
            .map(|m| m.record.id.to_string())
            .collect()
    } else {
        let selection = Selection::named(&args.containers, false, args.latest);
        super::targets(&ctx, &engine, &selection, &|_| true)?
    };
    each(&targets, |name| {
        let record = mount::unmount(&engine, name, args.force)?;
        out(&format!("{}\n", record.id))
    })?;
    Ok(0)
}
