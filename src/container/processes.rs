//! A running container's processes, found in /proc: every process in its init's PID
//! namespace, or below its init when it shares the namespace. What `top`, `stats` and `pause` (without a cgroup freezer) work from.

use std::fs;

/// One process, as /proc shows it from the host.
#[derive(Debug, Clone)]
pub struct Process {
    /// On the host.
    pub pid: i32,
    /// In the container's PID namespace.
    pub ns_pid: i32,
    pub ns_ppid: i32,
    /// The process state letter (R, S, T, Z…).
    pub state: char,
    /// utime + stime, in clock ticks.
    pub cpu_ticks: u64,
    /// Since boot, in clock ticks.
    pub start_ticks: u64,
    pub tty_nr: u64,
    pub rss_bytes: u64,
    pub comm: String,
    /// The command line; the comm in brackets for a process without one.
    pub args: String,
}

fn ns_of(pid: i32) -> Option<std::path::PathBuf> {
    fs::read_link(format!("/proc/{pid}/ns/pid")).ok()
}

/// `ps --namespace`'s columns: the inode number of each namespace of the container whose
/// init is `init` (podman's field names), empty where /proc does not say.
pub fn namespaces(init: i32) -> Vec<(&'static str, String)> {
    let holder = namespace_holder(init);
    [
        ("Cgroup", "cgroup"),
        ("IPC", "ipc"),
        ("MNT", "mnt"),
        ("NET", "net"),
        ("PIDNS", "pid"),
        ("User", "user"),
        ("UTS", "uts"),
    ]
    .into_iter()
    .map(|(field, ns)| {
        let link = fs::read_link(format!("/proc/{holder}/ns/{ns}")).unwrap_or_default();
        let text = link.to_string_lossy();
        let inode = text
            .split_once('[')
            .and_then(|(_, rest)| rest.strip_suffix(']'))
            .unwrap_or("");
        (field, inode.to_string())
    })
    .collect()
}

/// A process whose namespaces are the container's and may be opened: the init, or, when the
/// init is `--init`'s reaper (non-dumpable, so that the container cannot reach the rpod
/// binary through it), the reaper's child, the container's command.
pub fn namespace_holder(init: i32) -> i32 {
    if ns_of(init).is_some() {
        return init;
    }
    let Ok(entries) = fs::read_dir("/proc") else {
        return init;
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .find(|pid| parent_of(*pid) == Some(init))
        .unwrap_or(init)
}

fn parent_of(pid: i32) -> Option<i32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// The processes of the container whose init is `init` (a host pid), init first.
pub fn of(init: i32) -> Vec<Process> {
    let Some(ns) = ns_of(namespace_holder(init)) else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let pids: Vec<i32> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .collect();
    let members = match read_ns_pid(init) {
        Some(1) => pids
            .into_iter()
            .filter(|pid| *pid == init || ns_of(*pid).as_ref() == Some(&ns))
            .collect(),
        // A container in a PID namespace it shares (`--pid host`, `--pid container:`): what
        // its init started, not every process of the namespace (`pause` signals them all).
        _ => descendants(init, &pids),
    };
    let mut found: Vec<Process> = members.into_iter().filter_map(read).collect();
    found.sort_by_key(|p| (p.pid != init, p.ns_pid));
    found
}

/// `root` and the processes below it, among `pids`.
fn descendants(root: i32, pids: &[i32]) -> Vec<i32> {
    let parents: Vec<(i32, i32)> = pids
        .iter()
        .filter_map(|pid| Some((*pid, parent_of(*pid)?)))
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while let Some(&parent) = found.get(i) {
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        i += 1;
    }
    found
}

fn read(pid: i32) -> Option<Process> {
    let dir = format!("/proc/{pid}");
    let stat = fs::read_to_string(format!("{dir}/stat")).ok()?;
    // comm is in parentheses and may itself contain spaces and parentheses.
    let (head, rest) = stat.rsplit_once(')')?;
    let comm = head.split_once('(')?.1.to_string();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    let status = fs::read_to_string(format!("{dir}/status")).ok()?;
    let ns_line = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().last()?.parse::<i32>().ok())
    };
    let rss_kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0);
    let args = fs::read(format!("{dir}/cmdline"))
        .ok()
        .map(|raw| {
            raw.split(|b| *b == 0)
                .filter(|a| !a.is_empty())
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| format!("[{comm}]"));
    let ns_pid = ns_line("NSpid:").unwrap_or(pid);
    // The parent's pid in the namespace: the init's parent (the monitor) is outside it.
    let host_ppid = field(1)? as i32;
    let ns_ppid = if ns_pid == 1 {
        0
    } else {
        read_ns_pid(host_ppid).unwrap_or(0)
    };
    Some(Process {
        pid,
        ns_pid,
        ns_ppid,
        state: fields.first()?.chars().next()?,
        cpu_ticks: field(11)? + field(12)?,
        start_ticks: field(19)?,
        tty_nr: field(4)?,
        rss_bytes: rss_kb * 1024,
        comm,
        args,
    })
}

fn read_ns_pid(pid: i32) -> Option<i32> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("NSpid:"))
        .and_then(|v| v.split_whitespace().last()?.parse().ok())
}

/// Bytes read from and written to storage by the process (/proc/PID/io), when readable.
pub fn io_bytes(pid: i32) -> Option<(u64, u64)> {
    let text = fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    Some((value("read_bytes:")?, value("write_bytes:")?))
}

/// Bytes received and sent on the container's interfaces other than `lo`, read through its
/// init's view of /proc/net/dev.
pub fn net_bytes(init: i32) -> (u64, u64) {
    let Ok(text) = fs::read_to_string(format!("/proc/{init}/net/dev")) else {
        return (0, 0);
    };
    text.lines()
        .skip(2)
        .filter_map(|line| {
            let (name, counters) = line.split_once(':')?;
            if name.trim() == "lo" {
                return None;
            }
            let c: Vec<u64> = counters
                .split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect();
            Some((*c.first()?, *c.get(8)?))
        })
        .fold((0, 0), |(r, t), (a, b)| (r + a, t + b))
}

/// Seconds since boot, and the clock tick rate, to turn tick counts into times.
pub fn clock() -> (f64, f64) {
    let uptime = fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|u| u.split_whitespace().next()?.parse::<f64>().ok())
        .unwrap_or(0.0);
    let hz = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .unwrap_or(100) as f64;
    (uptime, hz)
}

/// The host's memory, the ceiling a container without a memory limit has.
pub fn host_memory_bytes() -> u64 {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// The host's CPU time in nanoseconds (every CPU, every state, from /proc/stat's `cpu` line),
/// and how many CPUs are online: docker's `system_cpu_usage` and `online_cpus`.
pub fn host_cpu() -> (u64, usize) {
    let stat = fs::read_to_string("/proc/stat").unwrap_or_default();
    let (_, hz) = clock();
    let ticks: u64 = stat
        .lines()
        .find(|l| l.starts_with("cpu "))
        .map(|l| {
            l.split_whitespace()
                .skip(1)
                .filter_map(|v| v.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    let online = stat
        .lines()
        .filter(|l| l.starts_with("cpu") && !l.starts_with("cpu "))
        .count();
    ((ticks as f64 * 1e9 / hz) as u64, online)
}
