//! Host figures `info` reports under podman's and docker's names: CPUs, memory, uptime, the
//! distribution.

use std::fs;

/// `MemTotal`, `MemFree`, `SwapTotal`, `SwapFree` of /proc/meminfo, in bytes.
pub struct Memory {
    pub total: u64,
    pub free: u64,
    pub swap_total: u64,
    pub swap_free: u64,
}

pub fn memory() -> Memory {
    let text = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kib| kib * 1024)
    };
    Memory {
        total: field("MemTotal"),
        free: field("MemAvailable"),
        swap_total: field("SwapTotal"),
        swap_free: field("SwapFree"),
    }
}

pub fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The time since boot as podman prints it: `12h 3m 4.00s (Approximately 0.50 days)`.
pub fn uptime() -> String {
    let secs = fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse::<f64>().ok())
        .unwrap_or(0.0);
    let whole = secs as u64;
    format!(
        "{}h {}m {:.2}s (Approximately {:.2} days)",
        whole / 3600,
        whole % 3600 / 60,
        secs % 60.0,
        secs / 86400.0
    )
}

/// `ID`, `VERSION_ID` and `PRETTY_NAME` of /etc/os-release.
pub struct Distribution {
    pub id: String,
    pub version: String,
    pub pretty: String,
}

pub fn distribution() -> Distribution {
    let text = fs::read_to_string("/etc/os-release").unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
            .map(|v| v.trim_matches('"').to_string())
            .unwrap_or_default()
    };
    Distribution {
        id: field("ID"),
        version: field("VERSION_ID"),
        pretty: field("PRETTY_NAME"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_host_has_memory_cpus_and_an_uptime() {
        assert!(memory().total > 0);
        assert!(cpus() >= 1);
        assert!(uptime().contains("days"));
    }
}
