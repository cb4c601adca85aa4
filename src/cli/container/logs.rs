//! `rpod logs`.

use std::io::Write;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::logs::{self, LogOptions, Stream};
use crate::error::Error;
use crate::format::units::parse_time;

/// Fetch the logs of a container
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod logs [options] CONTAINER")]
pub struct LogsArgs {
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
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn run(args: LogsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let now = jiff::Timestamp::now();
    let time = |s: &Option<String>| s.as_deref().map(|t| parse_time(t, now)).transpose();
    let tail = match args.tail.as_deref() {
        None | Some("all") => None,
        Some(n) => Some(n.parse::<i64>().map_err(|_| {
            Error::Usage(format!("invalid --tail {n:?}: expected a number or all"))
        })?)
        .filter(|n| *n >= 0)
        .map(|n| n as usize),
    };
    let opts = LogOptions {
        follow: args.follow,
        since: time(&args.since)?,
        until: time(&args.until)?,
        tail,
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let (_, paths) = engine.find(&args.container)?;
    let mut failure = None;
    logs::logs(&paths, &opts, &mut |entry| {
        let mut line = Vec::new();
        if args.timestamps {
            line.extend_from_slice(
                entry
                    .time
                    .strftime("%Y-%m-%dT%H:%M:%S.%fZ ")
                    .to_string()
                    .as_bytes(),
            );
        }
        line.extend_from_slice(&entry.text);
        let result = match entry.stream {
            Stream::Stdout => std::io::stdout()
                .lock()
                .write_all(&line)
                .and_then(|()| std::io::stdout().flush()),
            Stream::Stderr => std::io::stderr().lock().write_all(&line),
        };
        match result {
            Ok(()) => true,
            Err(e) => {
                failure = Some(e);
                false
            }
        }
    })
    .map_err(|source| Error::ReadFile {
        path: paths.log(),
        source,
    })?;
    match failure {
        Some(e) => Err(Error::Output(e)),
        None => Ok(0),
    }
}
