//! `rpod pod top`, `pod logs` and `pod stats`: what the pod's containers run, write and use.

use clap::Args;

use crate::cli::container::logs::{self as ctr_logs, LogFlags};
use crate::cli::container::stats::{self as ctr_stats, StatsFlags};
use crate::cli::container::top::split_latest;
use crate::cli::context::Context;
use crate::cli::flags::select::{LatestPod, OnePod};
use crate::cli::{GlobalFlags, out, style};
use crate::container::list::Entry;
use crate::container::{ContainerError, pod};
use crate::error::Error;
use crate::format::Column;
use crate::format::table::Table;

/// Display the running processes of the containers of a pod
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod top POD [DESCRIPTOR...]")]
pub struct TopArgs {
    #[command(flatten)]
    pub latest: LatestPod,
    /// The pod (with --latest, the first descriptor)
    #[arg(value_name = "POD", required_unless_present = "latest")]
    pub pod: Option<String>,
    /// Columns: user, pid, ppid, pcpu, etime, tty, time, args, comm, state, rss
    #[arg(value_name = "DESCRIPTOR")]
    pub descriptors: Vec<String>,
}

/// Fetch the logs of the containers of a pod
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod logs [options] POD")]
pub struct LogsArgs {
    /// Only this container of the pod
    #[arg(short, long, value_name = "CONTAINER")]
    pub container: Option<String>,
    #[command(flatten)]
    pub log: LogFlags,
    #[command(flatten)]
    pub target: OnePod,
}

/// Display the resource usage of the containers of one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod stats [options] [POD...]")]
pub struct StatsArgs {
    #[command(flatten)]
    pub stats: StatsFlags,
    #[command(flatten)]
    pub latest: LatestPod,
    /// The pods (default: every pod)
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
}

pub fn top(args: TopArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let (pod, descriptors) = split_latest(args.latest.latest, args.pod, args.descriptors);
    let named = args.latest.resolve(&engine, pod.as_slice())?;
    let found = pod::top_pod(&engine, &named[0], &descriptors)?;
    let mut table = Table::new(found.headers);
    for row in found.rows {
        table.row(row);
    }
    out(&table.render())?;
    Ok(0)
}

pub fn logs(args: LogsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let opts = ctr_logs::options(&args.log)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let pod = args.target.resolve(&engine)?;
    let found = pod::log_members(&engine, &pod, args.container.as_deref())?;
    // podman tells the pod's containers apart always, even with one.
    ctr_logs::show(&args.log, &opts, &found, true)
}

pub fn stats(args: StatsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    // Named pods that do not exist fail now, not at the first refresh.
    let ids = args
        .latest
        .resolve(&engine, &args.pods)?
        .iter()
        .map(|name| pod::entry(&engine, name).map(|e| e.pod.id))
        .collect::<Result<Vec<_>, _>>()?;
    let select = || -> Result<Vec<Entry>, ContainerError> {
        Ok(pod::entries(&engine)?
            .into_iter()
            .filter(|p| ids.is_empty() || ids.contains(&p.pod.id))
            .flat_map(|p| p.members)
            .filter(|m| args.stats.all || m.status.is_running())
            .collect())
    };
    let columns = [
        Column::new("Pod", "POD"),
        Column::new("ID", "CID"),
        Column::new("Name", "NAME"),
        Column::new("CPUPerc", "CPU %"),
        Column::new("MemUsage", "MEM USAGE / LIMIT"),
        Column::new("MemPerc", "MEM %"),
        Column::new("NetIO", "NET IO"),
        Column::new("BlockIO", "BLOCK IO"),
        Column::new("PIDs", "PIDS"),
    ];
    // podman's pod stats refreshes every second and shows short IDs.
    let showing = ctr_stats::Showing {
        every: std::time::Duration::from_secs(1),
        full_ids: false,
    };
    ctr_stats::show(&args.stats, &showing, &columns, &select)
}
