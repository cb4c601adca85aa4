//! `stats`: what a running container uses, from /proc (its processes' CPU time and RSS, its
//! network namespace's counters, its processes' I/O). With a delegated cgroup (issue 6) the
//! cgroup's own files will be the source.

use std::time::Instant;

use serde_json::{Value, json};

use super::list::Entry;
use super::processes;
use crate::format::units::{binary_size, human_size};

/// One reading of one container.
#[derive(Debug, Clone)]
pub struct Sample {
    pub id: String,
    pub name: String,
    at: Instant,
    cpu_ticks: u64,
    memory: u64,
    pids: usize,
    net: (u64, u64),
    block: (u64, u64),
}

/// A reading of `entry`; all zeros when it does not run.
pub fn sample(entry: &Entry) -> Sample {
    let init = entry.status.running().map(|r| r.pid);
    let procs = init.map(processes::of).unwrap_or_default();
    let block = procs
        .iter()
        .filter_map(|p| processes::io_bytes(p.pid))
        .fold((0, 0), |(r, w), (a, b)| (r + a, w + b));
    Sample {
        id: entry.record.id.short().to_string(),
        name: entry.record.name.clone(),
        at: Instant::now(),
        cpu_ticks: procs.iter().map(|p| p.cpu_ticks).sum(),
        memory: procs.iter().map(|p| p.rss_bytes).sum(),
        pids: procs.len(),
        net: init.map_or((0, 0), processes::net_bytes),
        block,
    }
}

/// docker's stats fields for `now`, with CPU use measured since `before` (the same
/// container's earlier reading).
pub fn row(before: &Sample, now: &Sample) -> Value {
    let (_, hz) = processes::clock();
    let wall = now.at.duration_since(before.at).as_secs_f64();
    let cpu = now.cpu_ticks.saturating_sub(before.cpu_ticks) as f64 / hz;
    let cpu_percent = if wall > 0.0 { 100.0 * cpu / wall } else { 0.0 };
    let limit = processes::host_memory_bytes();
    let mem_percent = if limit > 0 {
        100.0 * now.memory as f64 / limit as f64
    } else {
        0.0
    };
    json!({
        "ID": now.id,
        "Container": now.id,
        "Name": now.name,
        "CPUPerc": format!("{cpu_percent:.2}%"),
        "MemUsage": format!("{} / {}", binary_size(now.memory), binary_size(limit)),
        "MemPerc": format!("{mem_percent:.2}%"),
        "NetIO": format!("{} / {}", human_size(now.net.0), human_size(now.net.1)),
        "BlockIO": format!("{} / {}", human_size(now.block.0), human_size(now.block.1)),
        "PIDs": now.pids,
    })
}
