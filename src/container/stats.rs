//! `stats`: what a running container uses: from its cgroup leaf's accounting (memory.current,
//! cpu.stat, pids.current, io.stat) where the controllers are delegated, else from /proc (its
//! processes' CPU time and RSS, their I/O); network counters from its namespace either way.

use std::time::Instant;

use serde_json::{Value, json};

use super::list::Entry;
use super::{processes, resources};
use crate::cgroup::stats::read_stats;
use crate::format::units::{binary_size, human_size};

/// One reading of one container.
#[derive(Debug, Clone)]
pub struct Sample {
    pub id: String,
    pub name: String,
    /// The short id of the container's pod, if it is in one.
    pod: Option<String>,
    at: Instant,
    cpu_usec: u64,
    memory: u64,
    /// The memory limit; None for none (the host's memory is the ceiling).
    memory_limit: Option<u64>,
    pids: usize,
    net: (u64, u64),
    block: (u64, u64),
    /// The host's CPU time then (ns) and its online CPUs, for docker's API.
    host_cpu: (u64, usize),
    read: jiff::Timestamp,
}

/// A reading of `entry`; all zeros when it does not run.
pub fn sample(entry: &Entry) -> Sample {
    let init = entry.status.running().map(|r| r.pid);
    let procs = init.map(processes::of).unwrap_or_default();
    let block = procs
        .iter()
        .filter_map(|p| processes::io_bytes(p.pid))
        .fold((0, 0), |(r, w), (a, b)| (r + a, w + b));
    let (_, hz) = processes::clock();
    let ticks: u64 = procs.iter().map(|p| p.cpu_ticks).sum();
    let cg = init
        .and_then(|_| resources::leaf_of(&entry.paths))
        .map(|leaf| read_stats(&leaf))
        .unwrap_or_default();
    Sample {
        id: entry.record.id.short().to_string(),
        name: entry.record.name.clone(),
        pod: entry
            .record
            .run
            .pod
            .as_ref()
            .map(|p| p[..12.min(p.len())].to_string()),
        at: Instant::now(),
        cpu_usec: cg
            .cpu_usec
            .unwrap_or_else(|| (ticks as f64 * 1e6 / hz) as u64),
        memory: cg
            .memory_bytes
            .unwrap_or_else(|| procs.iter().map(|p| p.rss_bytes).sum()),
        memory_limit: cg.memory_limit,
        pids: cg.pids.map_or(procs.len(), |p| p as usize),
        net: init.map_or((0, 0), processes::net_bytes),
        block: cg.io_bytes.unwrap_or(block),
        host_cpu: processes::host_cpu(),
        read: jiff::Timestamp::now(),
    }
}

/// docker's API stats object (`GET /containers/ID/stats`) for `now`, with `before` (an
/// earlier reading of the same container) as `precpu_stats`: the docker CLI's CPU % is the
/// container's CPU time against the host's between the two.
pub fn api_object(before: Option<&Sample>, now: &Sample, full_id: &str) -> Value {
    let cpu = |s: Option<&Sample>| {
        json!({
            "cpu_usage": { "total_usage": s.map_or(0, |s| s.cpu_usec * 1000) },
            "system_cpu_usage": s.map_or(0, |s| s.host_cpu.0),
            "online_cpus": s.map_or(0, |s| s.host_cpu.1),
        })
    };
    let limit = now
        .memory_limit
        .unwrap_or_else(processes::host_memory_bytes);
    json!({
        "id": full_id,
        "name": format!("/{}", now.name),
        "read": now.read.to_string(),
        "preread": before.map_or_else(String::new, |b| b.read.to_string()),
        "pids_stats": { "current": now.pids },
        "cpu_stats": cpu(Some(now)),
        "precpu_stats": cpu(before),
        "memory_stats": { "usage": now.memory, "limit": limit, "stats": {} },
        "blkio_stats": {
            "io_service_bytes_recursive": [
                { "major": 0, "minor": 0, "op": "read", "value": now.block.0 },
                { "major": 0, "minor": 0, "op": "write", "value": now.block.1 },
            ],
        },
        "networks": { "eth0": { "rx_bytes": now.net.0, "tx_bytes": now.net.1 } },
    })
}

/// docker's stats fields for `now`, with CPU use measured since `before` (the same
/// container's earlier reading).
pub fn row(before: &Sample, now: &Sample) -> Value {
    let wall = now.at.duration_since(before.at).as_secs_f64();
    let cpu = now.cpu_usec.saturating_sub(before.cpu_usec) as f64 / 1e6;
    let cpu_percent = if wall > 0.0 { 100.0 * cpu / wall } else { 0.0 };
    let limit = now
        .memory_limit
        .unwrap_or_else(processes::host_memory_bytes);
    let mem_percent = if limit > 0 {
        100.0 * now.memory as f64 / limit as f64
    } else {
        0.0
    };
    let mut row = json!({
        "ID": now.id,
        "Container": now.id,
        "Name": now.name,
        "CPUPerc": format!("{cpu_percent:.2}%"),
        "MemUsage": format!("{} / {}", binary_size(now.memory), binary_size(limit)),
        "MemPerc": format!("{mem_percent:.2}%"),
        "NetIO": format!("{} / {}", human_size(now.net.0), human_size(now.net.1)),
        "BlockIO": format!("{} / {}", human_size(now.block.0), human_size(now.block.1)),
        "PIDs": now.pids,
    });
    if let Some(pod) = &now.pod {
        row["Pod"] = json!(pod);
    }
    row
}
