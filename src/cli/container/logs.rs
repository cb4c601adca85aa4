//! `rpod logs`.

use std::io::Write;
use std::sync::Mutex;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::SelectFlags;
use crate::cli::{GlobalFlags, style};
use crate::container::logs::{self, Entry, LogOptions, Stream};
use crate::container::record::{ContainerRecord, Paths};
use crate::error::Error;
use crate::format::units::parse_time;

/// Fetch the logs of one or more containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod logs [options] CONTAINER [CONTAINER...]")]
pub struct LogsArgs {
    #[command(flatten)]
    pub log: LogFlags,
    #[command(flatten)]
    pub select: SelectFlags,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["latest", "cidfile", "filter"])]
    pub containers: Vec<String>,
}

/// The flags `logs` and `pod logs` share.
#[derive(Debug, Args)]
pub struct LogFlags {
    /// Follow log output
    #[arg(short, long)]
    pub follow: bool,
    /// Output the specified number of lines at the end of logs
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
    /// With several containers, start each line with the container's name instead of its ID
    #[arg(short, long)]
    pub names: bool,
    /// With several containers, give each container's prefix a color of its own
    #[arg(long)]
    pub color: bool,
}

/// What goes before each line: nothing for one container, its ID or name for several.
fn prefix(args: &LogFlags, several: bool, index: usize, id: &str, name: &str) -> Vec<u8> {
    if !several {
        return Vec::new();
    }
    let label = if args.names { name } else { &id[..12] };
    if args.color {
        // The six bright ANSI colors, in turn.
        format!("\x1b[{}m{label}\x1b[0m ", 91 + index % 6).into_bytes()
    } else {
        format!("{label} ").into_bytes()
    }
}

/// Writes one log line; false once a stream is closed.
fn write_line(
    args: &LogFlags,
    prefix: &[u8],
    entry: &Entry,
    failure: &Mutex<Option<std::io::Error>>,
) -> bool {
    let mut line = prefix.to_vec();
    if args.timestamps {
        let time = entry.time.strftime("%Y-%m-%dT%H:%M:%S.%fZ ").to_string();
        line.extend_from_slice(time.as_bytes());
    }
    line.extend_from_slice(&entry.text);
    let result = match entry.stream {
        Stream::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(&line).and_then(|()| out.flush())
        }
        Stream::Stderr => std::io::stderr().lock().write_all(&line),
    };
    match result {
        Ok(()) => true,
        Err(e) => {
            *failure.lock().expect("log output lock") = Some(e);
            false
        }
    }
}

/// `--follow`, `--since`, `--until` and `--tail` as the engine takes them.
pub fn options(flags: &LogFlags) -> Result<LogOptions, Error> {
    let (follow, since, until, tail) = (flags.follow, &flags.since, &flags.until, &flags.tail);
    let now = jiff::Timestamp::now();
    let time = |s: &Option<String>| s.as_deref().map(|t| parse_time(t, now)).transpose();
    let tail = match tail.as_deref() {
        None | Some("all") => None,
        Some(n) => Some(n.parse::<i64>().map_err(|_| {
            Error::Usage(format!("invalid --tail {n:?}: expected a number or all"))
        })?)
        .filter(|n| *n >= 0)
        .map(|n| n as usize),
    };
    Ok(LogOptions {
        follow,
        since: time(since)?,
        until: time(until)?,
        tail,
    })
}

pub fn run(args: LogsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let opts = options(&args.log)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = args.select.selection(&args.containers, false, false);
    let targets = super::targets(&ctx, &engine, &selection, &|_| true)?;
    // Following needs the container's state, which only its own node sees (#22); what the
    // log holds reads from any node.
    let found = targets
        .iter()
        .map(|t| match opts.follow {
            true => engine.find_here(t),
            false => engine.find(t),
        })
        .collect::<Result<Vec<_>, _>>()?;
    show(&args.log, &opts, &found, found.len() > 1)
}

/// Prints the logs of `found`, each container's lines prefixed when `several`.
pub fn show(
    args: &LogFlags,
    opts: &LogOptions,
    found: &[(ContainerRecord, Paths)],
    several: bool,
) -> Result<u8, Error> {
    let failure = Mutex::new(None);
    // One reader per container, so that followed logs interleave as they are written.
    let results: Vec<std::io::Result<()>> = std::thread::scope(|scope| {
        let readers: Vec<_> = found
            .iter()
            .enumerate()
            .map(|(i, (record, paths))| {
                let prefix = prefix(args, several, i, record.id.as_str(), &record.name);
                let failure = &failure;
                scope.spawn(move || {
                    logs::logs(record, paths, opts, &mut |entry| {
                        write_line(args, &prefix, entry, failure)
                    })
                })
            })
            .collect();
        readers
            .into_iter()
            .map(|r| r.join().expect("a log reader does not panic"))
            .collect()
    });
    for ((record, paths), result) in found.iter().zip(results) {
        result.map_err(|source| Error::ReadFile {
            path: record.log_path(paths),
            source,
        })?;
    }
    match failure.into_inner().expect("log output lock") {
        Some(e) => Err(Error::Output(e)),
        None => Ok(0),
    }
}
