//! `rpod stats`.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::LatestContainer;
use crate::cli::{GlobalFlags, out, style};
use crate::container::list::{self, Entry};
use crate::container::stats::{self, Sample};
use crate::container::{ContainerError, Engine};
use crate::error::Error;
use crate::format::{self, Column};

/// CPU is measured over this long for each reading.
const INTERVAL: Duration = Duration::from_millis(500);

/// Display a live stream of containers' resource usage
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod stats [options] [CONTAINER...]")]
pub struct StatsArgs {
    #[command(flatten)]
    pub stats: StatsFlags,
    #[command(flatten)]
    pub latest: LatestContainer,
    /// Seconds between the refreshes of the streamed table
    #[arg(short, long, value_name = "SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    pub interval: u64,
    /// Show full container IDs
    #[arg(long)]
    pub no_trunc: bool,
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
    /// Do not clear the terminal between refreshes (each table follows the last)
    #[arg(long)]
    pub no_reset: bool,
}

/// How the readings are shown: the refresh period and whether IDs are full.
pub struct Showing {
    pub every: Duration,
    pub full_ids: bool,
}

fn selected(engine: &Engine, named: &[String], all: bool) -> Result<Vec<Entry>, ContainerError> {
    let ids = named
        .iter()
        .map(|name| engine.find_here(name).map(|(record, _)| record.id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(list::entries(engine)?
        .into_iter()
        .filter(|e| match ids.is_empty() {
            true => all || e.status.is_running(),
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
    let named = args.latest.with(&engine, &args.containers)?;
    let showing = Showing {
        every: Duration::from_secs(args.interval),
        full_ids: args.no_trunc,
    };
    show(&args.stats, &showing, &columns, &|| {
        selected(&engine, &named, args.stats.all)
    })
}

/// Prints readings of what `select` picks (again at each refresh), once or streamed.
pub fn show(
    flags: &StatsFlags,
    showing: &Showing,
    columns: &[Column],
    select: &dyn Fn() -> Result<Vec<Entry>, ContainerError>,
) -> Result<u8, Error> {
    let (no_stream, template) = (flags.no_stream, flags.format.as_deref());
    let clear = !no_stream && !flags.no_reset && std::io::stdout().is_terminal();
    let mut before = readings(&select()?);
    std::thread::sleep(INTERVAL);
    loop {
        let entries = select()?;
        let now = readings(&entries);
        let rows: Vec<_> = now
            .iter()
            .zip(&entries)
            .map(|(n, entry)| {
                let earlier = before.iter().find(|b| b.id == n.id).unwrap_or(n);
                let mut row = stats::row(earlier, n);
                if showing.full_ids {
                    row["ID"] = entry.record.id.to_string().into();
                    row["Container"] = row["ID"].clone();
                }
                row
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
        std::thread::sleep(showing.every);
    }
}
