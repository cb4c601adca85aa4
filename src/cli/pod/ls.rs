//! `rpod pod ps` (`pod ls`).

use clap::Args;
use serde_json::{Value, json};

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::ContainerError;
use crate::container::pod::{self, PodEntry};
use crate::error::Error;
use crate::format::{self, Column, units::human_duration};
use crate::pods::PodCgroup;

/// List pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod ps [options]")]
pub struct PsArgs {
    /// Print pod IDs only
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not truncate pod and container IDs
    #[arg(long)]
    pub no_trunc: bool,
    /// Show the names of the pod's containers
    #[arg(long)]
    pub ctr_names: bool,
    /// Show the IDs of the pod's containers
    #[arg(long)]
    pub ctr_ids: bool,
    /// Show the status of the pod's containers
    #[arg(long)]
    pub ctr_status: bool,
    /// Filter output (name=, id=, label=, status=)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print pods using a Go template, or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Show only the pod created last
    #[arg(short, long)]
    pub latest: bool,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Sort by created (newest first, the default), id, name, number (of containers) or status
    #[arg(long, value_name = "FIELD", default_value = "created", value_parser = ["created", "id", "name", "number", "status"])]
    pub sort: String,
    /// Add the namespace columns: the pod's cgroup and the namespaces its containers share
    #[arg(long = "namespace", visible_alias = "ns")]
    pub namespace: bool,
}

/// `--sort`: podman's orders (created is newest first; the rest ascending).
fn sort(shown: &mut [PodEntry], by: &str) {
    match by {
        "id" => shown.sort_by(|a, b| a.pod.id.cmp(&b.pod.id)),
        "name" => shown.sort_by(|a, b| a.pod.name.cmp(&b.pod.name)),
        "number" => shown.sort_by_key(|e| e.members.len()),
        "status" => shown.sort_by(|a, b| a.state().cmp(b.state())),
        _ => shown.sort_by(|a, b| b.pod.created.cmp(&a.pod.created)),
    }
}

enum Filter {
    Name(String),
    Id(String),
    Label(String, Option<String>),
    Status(String),
}

const STATES: [&str; 6] = [
    "created", "running", "degraded", "paused", "exited", "stopped",
];

fn parse_filter(s: &str) -> Result<Filter, ContainerError> {
    let bad = |r: &str| ContainerError::invalid("filter", s, r);
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| bad("expected name=, id=, label= or status="))?;
    Ok(match k {
        "name" => Filter::Name(v.into()),
        "id" => Filter::Id(v.into()),
        "label" => match v.split_once('=') {
            Some((a, b)) => Filter::Label(a.into(), Some(b.into())),
            None => Filter::Label(v.into(), None),
        },
        "status" if STATES.contains(&v) => Filter::Status(v.into()),
        "status" => {
            return Err(bad(&format!(
                "a pod status is one of {}",
                STATES.join(", ")
            )));
        }
        _ => return Err(bad("expected name=, id=, label= or status=")),
    })
}

fn matches(f: &Filter, e: &PodEntry) -> bool {
    match f {
        Filter::Name(n) => e.pod.name.contains(n.as_str()),
        Filter::Id(i) => e.pod.id.starts_with(i.as_str()),
        Filter::Label(k, v) => e
            .pod
            .labels
            .get(k)
            .is_some_and(|have| v.as_ref().is_none_or(|v| v == have)),
        Filter::Status(s) => e.state().eq_ignore_ascii_case(s),
    }
}

fn since(ts: &str) -> String {
    ts.parse::<jiff::Timestamp>().map_or_else(
        |_| ts.to_string(),
        |t| {
            let d = jiff::Timestamp::now().duration_since(t).unsigned_abs();
            format!("{} ago", human_duration(d))
        },
    )
}

/// podman's template fields.
fn row(e: &PodEntry, no_trunc: bool) -> Value {
    let cut = |id: &str| {
        if no_trunc {
            id.to_string()
        } else {
            id[..12].to_string()
        }
    };
    let join = |f: &dyn Fn(&crate::container::list::Entry) -> String| {
        e.members.iter().map(f).collect::<Vec<_>>().join(",")
    };
    json!({
        "ID": cut(&e.pod.id),
        "Id": cut(&e.pod.id),
        "Name": e.pod.name,
        "Status": e.state(),
        "Created": since(&e.pod.created),
        "InfraID": e.pod.infra_id.as_deref().map(cut).unwrap_or_default(),
        "InfraId": e.pod.infra_id.as_deref().map(cut).unwrap_or_default(),
        "NumberOfContainers": e.members.len().to_string(),
        "Labels": e.pod.labels,
        "ContainerNames": join(&|m| m.record.name.clone()),
        "ContainerIds": join(&|m| cut(m.record.id.as_str())),
        "ContainerStatuses": join(&|m| m.status.name().to_string()),
        "Cgroup": match &e.pod.cgroup.parent {
            Some(parent) => format!("{parent}/{}", PodCgroup::name(&e.pod.id)),
            None => PodCgroup::name(&e.pod.id),
        },
        "Namespace": e.pod.share.join(","),
        "Networks": "",
    })
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
    let mut shown: Vec<PodEntry> = pod::entries(&engine)?
        .into_iter()
        .filter(|e| filters.iter().all(|f| matches(f, e)))
        .collect();
    if args.latest {
        shown.sort_by(|a, b| a.pod.created.cmp(&b.pod.created));
        shown.drain(..shown.len().saturating_sub(1));
    }
    sort(&mut shown, &args.sort);
    if args.quiet {
        let ids: String = shown
            .iter()
            .map(|e| {
                row(e, args.no_trunc)["ID"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
                    + "\n"
            })
            .collect();
        return out(&ids).map(|()| 0);
    }
    if args.format.as_deref().map(str::trim) == Some("json") {
        let docs: Vec<Value> = shown.iter().map(PodEntry::listed).collect();
        return out(&format!("{}\n", format::json_pretty(&docs))).map(|()| 0);
    }
    let rows: Vec<Value> = shown.iter().map(|e| row(e, args.no_trunc)).collect();
    let mut columns = vec![
        Column::new("ID", "POD ID"),
        Column::new("Name", "NAME"),
        Column::new("Status", "STATUS"),
        Column::new("Created", "CREATED"),
        Column::new("InfraID", "INFRA ID"),
    ];
    if args.ctr_ids {
        columns.push(Column::new("ContainerIds", "IDS"));
    }
    if args.ctr_names {
        columns.push(Column::new("ContainerNames", "NAMES"));
    }
    if args.ctr_status {
        columns.push(Column::new("ContainerStatuses", "STATUS"));
    }
    if !(args.ctr_ids || args.ctr_names || args.ctr_status) {
        columns.push(Column::new("NumberOfContainers", "# OF CONTAINERS"));
    }
    if args.namespace {
        columns.push(Column::new("Cgroup", "CGROUP"));
        columns.push(Column::new("Namespace", "NAMESPACES"));
    }
    out(&format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)?;
    Ok(0)
}
