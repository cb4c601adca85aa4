//! `rpod network ls`.

use clap::Args;
use serde_json::{Value, json};

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format::{self, Column};
use crate::networks::Network;

/// List networks
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network ls [options]")]
pub struct LsArgs {
    /// Print network names only
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate the network ID
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Filter output (name=, id=, label=, driver=)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print networks using a Go template, or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

enum Filter {
    Name(String),
    Id(String),
    Label(String, Option<String>),
    Driver(String),
}

fn parse_filter(s: &str) -> Result<Filter, Error> {
    let bad = || {
        Error::Usage(format!(
            "invalid filter {s:?}: expected name=, id=, label= or driver="
        ))
    };
    let (k, v) = s.split_once('=').ok_or_else(bad)?;
    Ok(match k {
        "name" => Filter::Name(v.to_string()),
        "id" => Filter::Id(v.to_string()),
        "label" => match v.split_once('=') {
            Some((a, b)) => Filter::Label(a.to_string(), Some(b.to_string())),
            None => Filter::Label(v.to_string(), None),
        },
        "driver" => Filter::Driver(v.to_string()),
        _ => return Err(bad()),
    })
}

fn matches(filter: &Filter, network: &Network) -> bool {
    match filter {
        Filter::Name(n) => network.name.contains(n.as_str()),
        Filter::Id(i) => network.id.starts_with(i.as_str()),
        Filter::Label(k, v) => network
            .labels
            .get(k)
            .is_some_and(|val| v.as_ref().is_none_or(|v| v == val)),
        Filter::Driver(d) => &network.driver == d,
    }
}

/// A row with podman's template fields (`{{.Name}}`, `{{.ID}}`, `{{.Driver}}`, ...).
fn row(n: &Network, no_trunc: bool) -> Value {
    let id = if no_trunc { &n.id[..] } else { &n.id[..12] };
    json!({
        "Name": n.name,
        "ID": id,
        "Driver": n.driver,
        "NetworkInterface": n.network_interface,
        "Created": n.created,
        "Internal": n.internal,
        "DNSEnabled": n.dns_enabled,
        "IPv6Enabled": n.ipv6_enabled,
        "Labels": n.labels,
        "Options": n.options,
        "Subnets": n.subnets,
    })
}

pub fn run(args: LsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = args
        .filter
        .iter()
        .map(|f| parse_filter(f))
        .collect::<Result<Vec<_>, _>>()?;
    let ctx = Context::load(global)?;
    let shown: Vec<Network> = ctx
        .networks()?
        .list()?
        .into_iter()
        .filter(|n| filters.iter().all(|f| matches(f, n)))
        .collect();
    if args.quiet {
        return out(&shown
            .iter()
            .map(|n| format!("{}\n", n.name))
            .collect::<String>())
        .map(|()| 0);
    }
    // podman prints the inspect shape for json, and its Go fields for templates.
    if args.format.as_deref().map(str::trim) == Some("json") {
        return out(&format!("{}\n", format::json_pretty(&shown))).map(|()| 0);
    }
    let rows: Vec<Value> = shown.iter().map(|n| row(n, args.no_trunc)).collect();
    let columns = [
        Column::new("ID", "NETWORK ID"),
        Column::new("Name", "NAME"),
        Column::new("Driver", "DRIVER"),
    ];
    out(&format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)?;
    Ok(0)
}
