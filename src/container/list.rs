//! `ps`: containers with their status, as rows docker's table and templates use.

use serde_json::{Value, json};

use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine};
use crate::format::units::human_duration;
use crate::network::ports;

pub struct Entry {
    pub record: ContainerRecord,
    pub paths: Paths,
    /// As this node sees it: for another node's container, never running (its monitor is
    /// out of sight), so `state` and `ps` say where it is instead.
    pub status: Status,
    /// The node the container belongs to (this one for a record from before nodes were
    /// recorded), and whether that is this node (#22).
    pub node: String,
    pub here: bool,
}

impl Entry {
    pub fn new(engine: &Engine, record: ContainerRecord, paths: Paths) -> Entry {
        let status = status::of(&paths);
        Entry {
            node: record.node.clone().unwrap_or_else(|| engine.node.clone()),
            here: engine.is_here(&record),
            record,
            paths,
            status,
        }
    }

    /// docker's state name, or `unknown` for another node's container.
    pub fn state(&self) -> &'static str {
        match self.here {
            true => self.status.name(),
            false => "unknown",
        }
    }
}

/// This node's containers (each node of a cluster sharing a store is its own host, #22),
/// builds' RUN steps left out: they are the builds' (`RunConfig::builder`).
pub fn entries(engine: &Engine) -> Result<Vec<Entry>, ContainerError> {
    Ok(of(engine, engine.list_here()?, false))
}

/// Every node's containers but builds' RUN steps: `ps --all-nodes`.
pub fn entries_all(engine: &Engine) -> Result<Vec<Entry>, ContainerError> {
    Ok(of(engine, engine.list()?, false))
}

/// This node's builds' RUN step containers: what `ps --external` adds, as podman lists
/// buildah's containers there.
pub fn build_entries(engine: &Engine) -> Result<Vec<Entry>, ContainerError> {
    Ok(of(engine, engine.list_here()?, true))
}

/// The entries of `found` that are (`builds`) or are not builds' RUN steps.
fn of(engine: &Engine, found: Vec<(ContainerRecord, Paths)>, builds: bool) -> Vec<Entry> {
    found
        .into_iter()
        .filter(|(record, _)| record.run.builder.is_some() == builds)
        .map(|(record, paths)| Entry::new(engine, record, paths))
        .collect()
}

fn since(ts: &str) -> Option<std::time::Duration> {
    let t: jiff::Timestamp = ts.parse().ok()?;
    Some(jiff::Timestamp::now().duration_since(t).unsigned_abs())
}

/// The STATUS column: docker's, or for another node's container which node it is on.
fn status_column(entry: &Entry) -> String {
    match entry.here {
        true => status_text(&entry.status) + &super::health::status_suffix(entry),
        false => format!("On node {}", entry.node),
    }
}

/// docker's STATUS column: `Up 3 minutes`, `Exited (0) 2 seconds ago`, `Created`.
pub fn status_text(status: &Status) -> String {
    match status {
        Status::Created => "Created".into(),
        Status::Running(r) if let Some(last) = &r.restarting => format!(
            "Restarting ({}) {} ago",
            last.exit_code,
            since(&last.finished_at)
                .map(human_duration)
                .unwrap_or_default()
        ),
        Status::Running(r) => format!(
            "Up {}",
            since(&r.started_at).map(human_duration).unwrap_or_default()
        ),
        Status::Paused(r) => format!(
            "Up {} (Paused)",
            since(&r.started_at).map(human_duration).unwrap_or_default()
        ),
        Status::Exited(e) => format!(
            "Exited ({}) {} ago",
            e.exit_code,
            since(&e.finished_at)
                .map(human_duration)
                .unwrap_or_default()
        ),
    }
}

/// A shell-ish rendering of the command, quoted and cut to 20 characters like docker's.
pub fn command_text(record: &ContainerRecord, no_trunc: bool) -> String {
    let cmd = record.run.args().join(" ");
    if no_trunc || cmd.chars().count() <= 20 {
        format!("\"{cmd}\"")
    } else {
        format!("\"{}…\"", cmd.chars().take(19).collect::<String>())
    }
}

/// The fields `ps --format` knows, named as docker names them.
pub fn row(entry: &Entry, no_trunc: bool) -> Value {
    let r = &entry.record;
    let id = if no_trunc {
        r.id.to_string()
    } else {
        r.id.short().to_string()
    };
    let labels: Vec<String> = r
        .run
        .labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    json!({
        "ID": id,
        "Image": r.image_name,
        "ImageID": r.image.to_string(),
        "Command": command_text(r, no_trunc),
        "CreatedAt": r.created,
        "RunningFor": format!("{} ago", since(&r.created).map(human_duration).unwrap_or_default()),
        "Status": status_column(entry),
        "State": entry.state(),
        "Ports": ports::ps_column(&r.run.ports),
        "Names": r.name,
        "Labels": labels.join(","),
        "Networks": r.run.network.to_string(),
        "Node": entry.node,
        "Pid": entry.status.running().map_or(0, |r| r.pid),
        "ExitCode": match &entry.status { Status::Exited(e) => e.exit_code, _ => 0 },
    })
}

/// The container's own bytes (its writable layer) and those of its root file system (the
/// image's layers too), as `ps --size` shows them.
pub fn sizes(engine: &Engine, entry: &Entry) -> (u64, u64) {
    let rw = super::system::disk_usage(&entry.paths.upper());
    let image: u64 = entry
        .record
        .layers
        .iter()
        .map(|l| engine.store.layer_info(l).map_or(0, |i| i.size))
        .sum();
    (rw, rw + image)
}

fn unix(ts: &str) -> i64 {
    ts.parse::<jiff::Timestamp>().map_or(0, |t| t.as_second())
}

/// podman's `ps --format json` object: Names a list and Labels a map (podman-compose reads
/// them so), times as Unix seconds.
pub fn podman_json(entry: &Entry, size: Option<(u64, u64)>) -> Value {
    let r = &entry.record;
    let (exited, exited_at, exit_code) = match &entry.status {
        Status::Exited(e) => (true, unix(&e.finished_at), e.exit_code),
        _ => (false, 0, 0),
    };
    let ports: Vec<Value> = r
        .run
        .ports
        .iter()
        .map(|p| {
            json!({
                "host_ip": p.host_ip.map(|ip| ip.to_string()).unwrap_or_default(),
                "container_port": p.container_port,
                "host_port": p.host_port,
                "range": 1,
                "protocol": p.protocol.to_string(),
            })
        })
        .collect();
    json!({
        "AutoRemove": r.run.auto_remove,
        "Command": r.run.args(),
        "Created": unix(&r.created),
        "CreatedAt": format!("{} ago", since(&r.created).map(human_duration).unwrap_or_default()),
        "Exited": exited,
        "ExitedAt": exited_at,
        "ExitCode": exit_code,
        "Id": r.id.to_string(),
        "Image": r.image_name,
        "ImageID": r.image.to_string(),
        "IsInfra": false,
        "Labels": r.run.labels,
        "Mounts": r.run.mounts.iter().map(|m| m.target.clone()).collect::<Vec<_>>(),
        "Names": [r.name],
        "Networks": [],
        "Node": entry.node,
        "Pid": entry.status.running().map_or(0, |x| x.pid),
        "Pod": "",
        "PodName": "",
        "Ports": ports,
        "Size": size.map(|(rw, root)| json!({"rwSize": rw, "rootFsSize": root})),
        "StartedAt": entry.status.running().map_or(0, |x| unix(&x.started_at)),
        "State": entry.state(),
        "Status": status_column(entry),
    })
}
