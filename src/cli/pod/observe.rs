//! `rpod pod top`, `pod logs` and `pod stats`: what the pod's containers run, write and use.

use clap::Args;

use crate::cli::container::logs::{self as ctr_logs, Shape};
use crate::cli::container::stats as ctr_stats;
use crate::cli::context::Context;
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
    #[arg(value_name = "POD")]
    pub pod: String,
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
    /// Follow log output
    #[arg(short, long)]
    pub follow: bool,
    /// Output the specified number of lines at the end of each container's log
    #[arg(long, value_name = "N")]
    pub tail: Option<String>,
    /// Show logs since TIMESTAMP or relative duration (e.g. 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Show logs until TIMESTAMP or relative duration
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Show timestamps
    #[arg(short, long)]
    pub timestamps: bool,
    /// Start each line with the container's name instead of its ID
    #[arg(short, long)]
    pub names: bool,
    /// Give each container's prefix a color of its own
    #[arg(long)]
    pub color: bool,
    #[arg(value_name = "POD")]
    pub pod: String,
}

/// Display the resource usage of the containers of one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod stats [options] [POD...]")]
pub struct StatsArgs {
    /// Print one reading instead of streaming
    #[arg(long = "no-stream")]
    pub no_stream: bool,
    /// Show every container of the pods (default: running ones)
    #[arg(short, long)]
    pub all: bool,
    /// Go template, table or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The pods (default: every pod)
    #[arg(value_name = "POD")]
    pub pods: Vec<String>,
}

pub fn top(args: TopArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let found = pod::top_pod(&engine, &args.pod, &args.descriptors)?;
    let mut table = Table::new(found.headers);
    for row in found.rows {
        table.row(row);
    }
    out(&table.render())?;
    Ok(0)
}

pub fn logs(args: LogsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let opts = ctr_logs::options(args.follow, &args.since, &args.until, &args.tail)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let found = pod::log_members(&engine, &args.pod, args.container.as_deref())?;
    let shape = Shape {
        timestamps: args.timestamps,
        names: args.names,
        color: args.color,
    };
    // podman tells the pod's containers apart always, even with one.
    ctr_logs::show(&shape, &opts, &found, true)
}

pub fn stats(args: StatsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    // Named pods that do not exist fail now, not at the first refresh.
    let ids = args
        .pods
        .iter()
        .map(|name| pod::entry(&engine, name).map(|e| e.pod.id))
        .collect::<Result<Vec<_>, _>>()?;
    let select = || -> Result<Vec<Entry>, ContainerError> {
        Ok(pod::entries(&engine)?
            .into_iter()
            .filter(|p| ids.is_empty() || ids.contains(&p.pod.id))
            .flat_map(|p| p.members)
            .filter(|m| args.all || m.status.is_running())
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
    ctr_stats::show(args.no_stream, args.format.as_deref(), &columns, &select)
}
