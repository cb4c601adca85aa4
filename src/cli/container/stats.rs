//! `rpod stats`.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::list::{self, Entry};
use crate::container::stats::{self, Sample};
use crate::container::{ContainerError, Engine};
use crate::error::Error;
use crate::format::{self, Column};

/// CPU is measured over this long for each reading.
const INTERVAL: Duration = Duration::from_millis(500);
/// Between refreshes of the streamed table.
const REFRESH: Duration = Duration::from_secs(1);

/// Display a live stream of containers' resource usage
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod stats [options] [CONTAINER...]")]
pub struct StatsArgs {
    #[command(flatten)]
    pub stats: StatsFlags,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// The flags `stats` and `pod stats` share.
#[derive(Debug, Args)]
pub struct StatsFlags {
    /// Print one reading instead of streaming
    #[arg(long = "no-stream")]
    pub no_stream: bool,
    /// Show every container (default: running ones)
    #[arg(short, long)]
    pub all: bool,
    /// Go template, table or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

fn selected(engine: &Engine, args: &StatsArgs) -> Result<Vec<Entry>, ContainerError> {
    let ids = args
        .containers
        .iter()
        .map(|name| engine.find(name).map(|(record, _)| record.id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(list::entries(engine)?
        .into_iter()
        .filter(|e| match ids.is_empty() {
            true => args.stats.all || e.status.is_running(),
            false => ids.contains(&e.record.id),
        })
        .collect())
}

fn readings(entries: &[Entry]) -> Vec<Sample> {
    entries.iter().map(stats::sample).collect()
}

pub fn run(args: StatsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let columns = [
        Column::new("ID", "ID"),
        Column::new("Name", "NAME"),
        Column::new("CPUPerc", "CPU %"),
        Column::new("MemUsage", "MEM USAGE / LIMIT"),
        Column::new("MemPerc", "MEM %"),
        Column::new("NetIO", "NET IO"),
        Column::new("BlockIO", "BLOCK IO"),
        Column::new("PIDs", "PIDS"),
    ];
    show(&args.stats, &columns, &|| selected(&engine, &args))
}

/// Prints readings of what `select` picks (again at each refresh), once or streamed.
pub fn show(
    flags: &StatsFlags,
    columns: &[Column],
    select: &dyn Fn() -> Result<Vec<Entry>, ContainerError>,
) -> Result<u8, Error> {
    let (no_stream, template) = (flags.no_stream, flags.format.as_deref());
    let clear = !no_stream && std::io::stdout().is_terminal();
    let mut before = readings(&select()?);
    std::thread::sleep(INTERVAL);
    loop {
        let now = readings(&select()?);
        let rows: Vec<_> = now
            .iter()
            .map(|n| {
                let earlier = before.iter().find(|b| b.id == n.id).unwrap_or(n);
                stats::row(earlier, n)
            })
            .collect();
        let text = if template == Some("json") {
            format!("{}\n", format::json_pretty(&rows))
        } else {
            format::render_rows(template, &rows, columns)?
        };
        out(&format!(
            "{}{text}",
            if clear { "\x1b[2J\x1b[H" } else { "" }
        ))?;
        if no_stream {
            return Ok(0);
        }
        before = now;
        std::thread::sleep(REFRESH);
    }
}
