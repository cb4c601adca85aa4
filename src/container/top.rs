//! `top`: the container's processes with ps(1)-style columns.

use std::collections::HashMap;

use super::processes::{self, Process};
use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine, user};
use crate::runtime::emulation;

/// The descriptors `top` knows, with their headers; podman's default is the first eight.
const DESCRIPTORS: [(&str, &str); 11] = [
    ("user", "USER"),
    ("pid", "PID"),
    ("ppid", "PPID"),
    ("pcpu", "%CPU"),
    ("etime", "ELAPSED"),
    ("tty", "TTY"),
    ("time", "TIME"),
    ("args", "COMMAND"),
    ("comm", "COMMAND"),
    ("state", "STATE"),
    ("rss", "RSS"),
];
const DEFAULT: usize = 8;

pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn duration(secs: f64) -> String {
    let whole = secs as u64;
    match whole {
        0..60 => format!("{secs:.3}s"),
        60..3600 => format!("{}m{}s", whole / 60, whole % 60),
        _ => format!("{}h{}m{}s", whole / 3600, whole / 60 % 60, whole % 60),
    }
}

fn tty(nr: u64) -> String {
    let (major, minor) = ((nr >> 8) & 0xfff, (nr & 0xff) | ((nr >> 12) & 0xfff00));
    match major {
        0 => "?".into(),
        136..=143 => format!("pts/{}", (major - 136) * 256 + minor),
        _ => format!("{major}:{minor}"),
    }
}

fn cell(name: &str, p: &Process, user: &str, (uptime, hz): (f64, f64)) -> String {
    let elapsed = (uptime - p.start_ticks as f64 / hz).max(0.0);
    let cpu = p.cpu_ticks as f64 / hz;
    match name {
        "user" => user.to_string(),
        "pid" => p.ns_pid.to_string(),
        "ppid" => p.ns_ppid.to_string(),
        "pcpu" => format!(
            "{:.3}",
            if elapsed > 0.0 {
                100.0 * cpu / elapsed
            } else {
                0.0
            }
        ),
        "etime" => duration(elapsed),
        "tty" => tty(p.tty_nr),
        "time" => duration(cpu),
        "comm" => p.comm.clone(),
        "state" => p.state.to_string(),
        "rss" => (p.rss_bytes / 1024).to_string(),
        _ => p.args.clone(),
    }
}

/// Each process's user, by name where the container's /etc/passwd has it. Under root
/// emulation that is the emulated effective uid the supervisor published for the process or
/// its nearest ancestor; otherwise the container's one user.
fn users(record: &ContainerRecord, paths: &Paths, init: i32, procs: &[Process]) -> Vec<String> {
    let default = record.run.uid;
    let uids: Vec<u32> = if record.run.root_emulation {
        let published = emulation::published_identities(&paths.run_dir);
        let by_ns_pid: HashMap<i32, &Process> = procs.iter().map(|p| (p.ns_pid, p)).collect();
        procs
            .iter()
            .map(|p| {
                let mut at = Some(p);
                for _ in 0..64 {
                    let Some(q) = at else { break };
                    if let Some(uid) = published.get(&q.pid) {
                        return *uid;
                    }
                    at = by_ns_pid
                        .get(&q.ns_ppid)
                        .copied()
                        .filter(|parent| parent.pid != q.pid);
                }
                default
            })
            .collect()
    } else {
        vec![default; procs.len()]
    };
    let passwd = container_passwd(init);
    uids.iter()
        .map(|uid| {
            passwd
                .iter()
                .find(|(_, id)| id == uid)
                .map_or_else(|| uid.to_string(), |(name, _)| name.clone())
        })
        .collect()
}

/// Names and uids from the running container's own /etc/passwd.
fn container_passwd(init: i32) -> Vec<(String, u32)> {
    user::running_file(init, "etc/passwd")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            Some((f.first()?.to_string(), f.get(2)?.parse().ok()?))
        })
        .collect()
}

pub fn top(engine: &Engine, name_or_id: &str, wanted: &[String]) -> Result<Table, ContainerError> {
    let (record, paths) = engine.find_here(name_or_id)?;
    let status = status::of(&paths);
    let (Status::Running(running) | Status::Paused(running)) = &status else {
        return Err(ContainerError::NotRunning {
            action: "list the processes of",
            name: record.name,
            state: status.name(),
        });
    };
    let names: Vec<&str> = if wanted.is_empty() {
        DESCRIPTORS[..DEFAULT].iter().map(|(n, _)| *n).collect()
    } else {
        wanted
            .iter()
            .flat_map(|w| w.split(','))
            .map(|w| {
                DESCRIPTORS
                    .iter()
                    .find(|(n, _)| *n == w)
                    .map(|(n, _)| *n)
                    .ok_or_else(|| {
                        let known: Vec<&str> = DESCRIPTORS.iter().map(|(n, _)| *n).collect();
                        ContainerError::invalid(
                            "top descriptor",
                            w,
                            format!("known: {}", known.join(", ")),
                        )
                    })
            })
            .collect::<Result<_, _>>()?
    };
    let clock = processes::clock();
    let procs = processes::of(running.pid);
    let users = users(&record, &paths, running.pid, &procs);
    let rows = procs
        .iter()
        .zip(&users)
        .map(|(p, user)| names.iter().map(|n| cell(n, p, user, clock)).collect())
        .collect();
    let headers = names
        .iter()
        .map(|n| {
            DESCRIPTORS
                .iter()
                .find(|(d, _)| d == n)
                .map_or(*n, |(_, h)| *h)
                .to_string()
        })
        .collect();
    Ok(Table { headers, rows })
}
