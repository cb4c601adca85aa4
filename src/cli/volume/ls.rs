//! `rpod volume ls`.

use clap::Args;
use serde_json::{Value, json};

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::volumes;
use crate::error::Error;
use crate::format::{self, Column};
use crate::volume::Volume;

/// List volumes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume ls [options]")]
pub struct LsArgs {
    /// Print volume names only
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Filter output (name=, label=, dangling=true|false)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print volumes using a Go template, or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

enum Filter {
    Name(String),
    Label(String, Option<String>),
    Dangling(bool),
}

fn parse_filter(s: &str) -> Result<Filter, Error> {
    let bad = || {
        Error::Usage(format!(
            "invalid filter {s:?}: expected name=, label= or dangling=true|false"
        ))
    };
    let (k, v) = s.split_once('=').ok_or_else(bad)?;
    Ok(match k {
        "name" => Filter::Name(v.to_string()),
        "label" => match v.split_once('=') {
            Some((a, b)) => Filter::Label(a.to_string(), Some(b.to_string())),
            None => Filter::Label(v.to_string(), None),
        },
        "dangling" => match v {
            "true" | "1" => Filter::Dangling(true),
            "false" | "0" => Filter::Dangling(false),
            _ => return Err(bad()),
        },
        _ => return Err(bad()),
    })
}

fn matches(filter: &Filter, volume: &Volume, used: bool) -> bool {
    match filter {
        Filter::Name(n) => volume.name.contains(n.as_str()),
        Filter::Label(k, v) => volume
            .labels
            .get(k)
            .is_some_and(|val| v.as_ref().is_none_or(|v| v == val)),
        Filter::Dangling(d) => *d != used,
    }
}

pub fn run(args: LsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = args
        .filter
        .iter()
        .map(|f| parse_filter(f))
        .collect::<Result<Vec<_>, _>>()?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let used = volumes::users(&engine)?;
    let shown: Vec<Volume> = engine
        .volumes
        .list()?
        .into_iter()
        .filter(|v| {
            filters
                .iter()
                .all(|f| matches(f, v, used.contains_key(&v.name)))
        })
        .collect();
    if args.quiet {
        return out(&shown
            .iter()
            .map(|v| format!("{}\n", v.name))
            .collect::<String>())
        .map(|()| 0);
    }
    let rows: Vec<Value> = shown
        .iter()
        .map(|v| {
            let mut row = engine.volumes.inspect(v);
            row["Links"] = json!(used.get(&v.name).map_or(0, Vec::len));
            row
        })
        .collect();
    let columns = [
        Column::new("Driver", "DRIVER"),
        Column::new("Name", "VOLUME NAME"),
    ];
    out(&format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)?;
    Ok(0)
}
