//! `rpod events`: the user's event log, filtered, then (unless told otherwise) followed.

use std::time::Duration;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::events::{self, Event, Filter};
use crate::error::Error;
use crate::format::units::parse_time;
use crate::format::{self};

/// How often a followed log is read again.
const POLL: Duration = Duration::from_millis(100);

/// Show events: containers created, started, died, removed; images pulled, tagged, removed; volumes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod events [options]")]
pub struct EventsArgs {
    /// Show events since TIMESTAMP or relative duration (e.g. 10m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Stop at TIMESTAMP or relative duration
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Filter: type=, event=, container=, image=, volume= (name or id)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Go template (fields: Time, Type, Action, Status, ID, Name, Attributes), or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Follow new events (the default); --stream=false prints what is logged and exits
    #[arg(long, value_name = "BOOL", default_value = "true", action = clap::ArgAction::Set)]
    pub stream: bool,
    /// Show full IDs (the default); with false, 12 characters of each
    #[arg(long, value_name = "BOOL", default_value = "true", action = clap::ArgAction::Set)]
    pub no_trunc: bool,
}

/// `--no-trunc=false`: a 64-character id shortened to 12, as podman shortens them.
fn shortened(mut event: Event) -> Event {
    if event.id.len() == 64 && event.id.bytes().all(|b| b.is_ascii_hexdigit()) {
        event.id.truncate(12);
    }
    event
}

fn document(e: &Event) -> serde_json::Value {
    serde_json::json!({
        "Time": e.time,
        "Type": e.kind,
        "Action": e.action,
        "Status": e.action,
        "ID": e.id,
        "Name": e.name,
        "Attributes": e.attributes,
    })
}

/// docker's line: `TIME TYPE ACTION ID (key=value, ...)`.
fn line(e: &Event) -> String {
    let mut attrs: Vec<String> = e
        .attributes
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !e.name.is_empty() {
        attrs.push(format!("name={}", e.name));
    }
    format!(
        "{} {} {} {} ({})\n",
        e.time,
        e.kind,
        e.action,
        e.id,
        attrs.join(", ")
    )
}

pub fn run(args: EventsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let filters = args
        .filter
        .iter()
        .map(|f| Filter::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    let now = jiff::Timestamp::now();
    let since = args
        .since
        .as_deref()
        .map(|t| parse_time(t, now))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|t| parse_time(t, now))
        .transpose()?;
    // docker: without --since only what happens from now on, unless not following.
    let since = since.or_else(|| args.stream.then_some(now));
    let runroot = &ctx.paths.runroot;
    let mut offset = 0;
    loop {
        let (found, next) = events::read_from(runroot, offset)?;
        offset = next;
        let mut text = String::new();
        for event in found {
            let event = &match args.no_trunc {
                true => event,
                false => shortened(event),
            };
            let Ok(at) = event.time.parse::<jiff::Timestamp>() else {
                continue;
            };
            if since.is_some_and(|s| at < s) || until.is_some_and(|u| at > u) {
                continue;
            }
            if !events::matches(event, &filters) {
                continue;
            }
            text.push_str(&match args.format.as_deref() {
                None => line(event),
                Some("json") => format!("{}\n", document(event)),
                Some(template) => format::render_documents(Some(template), &[document(event)])?,
            });
        }
        out(&text)?;
        let past_until = until.is_some_and(|u| jiff::Timestamp::now() > u);
        if !args.stream || past_until {
            return Ok(0);
        }
        std::thread::sleep(POLL);
    }
}
