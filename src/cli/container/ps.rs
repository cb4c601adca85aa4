//! `rpod ps`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::list::{self, Entry};
use crate::error::Error;
use crate::format::{self, Column};

/// List containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod ps [options]")]
pub struct PsArgs {
    /// Show all the containers, default is only running containers
    #[arg(short, long)]
    pub all: bool,
    /// Print the numeric IDs of the containers only
    #[arg(short, long)]
    pub quiet: bool,
    /// Show the latest container created (all states)
    #[arg(short, long)]
    pub latest: bool,
    /// Show the n last created containers (all states)
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
    /// Display the extended information
    #[arg(long)]
    pub no_trunc: bool,
    /// Filter output based on conditions given (status, name, id, ancestor, label)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print containers using a Go template, or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

enum Filter {
    Status(String),
    Name(String),
    Id(String),
    Ancestor(String),
    Label(String, Option<String>),
}

fn parse_filter(s: &str) -> Result<Filter, Error> {
    let bad = || {
        Error::Usage(format!(
            "invalid filter {s:?}: expected status=, name=, id=, ancestor= or label="
        ))
    };
    let (k, v) = s.split_once('=').ok_or_else(bad)?;
    Ok(match k {
        "status" => {
            if ![
                "created",
                "running",
                "exited",
                "paused",
                "restarting",
                "removing",
                "dead",
            ]
            .contains(&v)
            {
                return Err(Error::Usage(format!(
                    "invalid status filter {v:?}: expected created, running or exited"
                )));
            }
            Filter::Status(v.to_string())
        }
        "name" => Filter::Name(v.to_string()),
        "id" => Filter::Id(v.to_string()),
        "ancestor" => Filter::Ancestor(v.to_string()),
        "label" => match v.split_once('=') {
            Some((a, b)) => Filter::Label(a.to_string(), Some(b.to_string())),
            None => Filter::Label(v.to_string(), None),
        },
        _ => return Err(bad()),
    })
}

fn matches(f: &Filter, e: &Entry, ancestor_ids: &[String]) -> bool {
    let r = &e.record;
    match f {
        Filter::Status(s) => e.status.name() == s,
        Filter::Name(n) => r.name.contains(n.as_str()),
        Filter::Id(p) => r.id.as_str().starts_with(p.as_str()),
        Filter::Ancestor(a) => r.image_name == *a || ancestor_ids.contains(&r.image.to_string()),
        Filter::Label(k, v) => r
            .run
            .labels
            .get(k)
            .is_some_and(|have| v.as_ref().is_none_or(|want| want == have)),
    }
}

pub fn run(args: PsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = args
        .filter
        .iter()
        .map(|f| parse_filter(f))
        .collect::<Result<Vec<_>, _>>()?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let index = store.index()?;
    let ancestor_ids: Vec<String> = filters
        .iter()
        .filter_map(|f| match f {
            Filter::Ancestor(a) => crate::image::store::find_in(&index, a, &ctx.config.registries)
                .ok()
                .map(|i| i.id.to_string()),
            _ => None,
        })
        .collect();
    let mut entries = list::entries(&engine)?;
    let all = args.all
        || args.latest
        || args.last.is_some()
        || filters.iter().any(|f| matches!(f, Filter::Status(_)));
    entries.retain(|e| {
        (all || e.status.is_running()) && filters.iter().all(|f| matches(f, e, &ancestor_ids))
    });
    entries.reverse();
    if args.latest {
        entries.truncate(1);
    }
    if let Some(n) = args.last {
        entries.truncate(n);
    }
    if args.quiet {
        let text: String = entries
            .iter()
            .map(|e| {
                format!(
                    "{}\n",
                    if args.no_trunc {
                        e.record.id.as_str()
                    } else {
                        e.record.id.short()
                    }
                )
            })
            .collect();
        return out(&text).map(|()| 0);
    }
    let rows: Vec<_> = entries
        .iter()
        .map(|e| list::row(e, args.no_trunc))
        .collect();
    let columns = [
        Column::new("ID", "CONTAINER ID"),
        Column::new("Image", "IMAGE"),
        Column::new("Command", "COMMAND"),
        Column::new("RunningFor", "CREATED"),
        Column::new("Status", "STATUS"),
        Column::new("Ports", "PORTS"),
        Column::new("Names", "NAMES"),
    ];
    if args.format.as_deref() == Some("json") {
        return out(&format!("{}\n", format::json_pretty(&rows))).map(|()| 0);
    }
    out(&format::render_rows(
        args.format.as_deref(),
        &rows,
        &columns,
    )?)?;
    Ok(0)
}
