//! Resource limits as docker's flags give them, and the cgroup v2 files that enforce them.

use serde::{Deserialize, Serialize};

use super::CgroupError;

/// The limit flags as typed (`--memory 32m`, `--cpus 0.5`, …); parsed by [`Limits::parse`].
#[derive(Debug, Clone, Default)]
pub struct LimitOptions {
    pub memory: Option<String>,
    pub memory_swap: Option<String>,
    pub memory_reservation: Option<String>,
    pub cpus: Option<String>,
    pub cpu_shares: Option<u64>,
    pub cpu_weight: Option<u64>,
    pub cpuset_cpus: Option<String>,
    pub pids_limit: Option<i64>,
}

/// Limits as docker records them (bytes, nano-CPUs, shares); unset fields are not limited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub memory: Option<u64>,
    /// Memory plus swap, in bytes; -1 for unlimited swap.
    pub memory_swap: Option<i64>,
    pub memory_reservation: Option<u64>,
    /// CPUs × 10⁹ (`--cpus 0.5` is 500000000).
    pub nano_cpus: Option<u64>,
    pub cpu_shares: Option<u64>,
    pub cpu_weight: Option<u64>,
    pub cpuset_cpus: Option<String>,
    /// -1 or 0: unlimited.
    pub pids_limit: Option<i64>,
}

/// One value for one cgroup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The flag that asked for it, for messages.
    pub flag: &'static str,
    pub controller: &'static str,
    pub file: &'static str,
    pub value: String,
    /// A default docker applies on its own (swap alongside --memory): skipped where the
    /// kernel lacks the file instead of failing.
    pub implied: bool,
}

/// cpu.max's period, as docker and podman use it.
pub const CPU_PERIOD: u64 = 100_000;

/// docker's size syntax: `512`, `32m`, `1.5g`, `64MiB`, binary units.
pub fn parse_size(flag: &'static str, text: &str) -> Result<u64, CgroupError> {
    let invalid = || CgroupError::invalid(flag, text, "expected a size like 512m or 2g");
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let t = t.strip_suffix('i').unwrap_or(t);
    let (number, shift) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 10),
        Some('m') => (&t[..t.len() - 1], 20),
        Some('g') => (&t[..t.len() - 1], 30),
        Some('t') => (&t[..t.len() - 1], 40),
        Some('p') => (&t[..t.len() - 1], 50),
        _ => (t, 0),
    };
    let value: f64 = number.trim().parse().map_err(|_| invalid())?;
    if !value.is_finite() || value < 0.0 {
        return Err(invalid());
    }
    Ok((value * (1u64 << shift) as f64) as u64)
}

fn online_cpus() -> u64 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as u64)
}

impl Limits {
    pub fn parse(o: &LimitOptions) -> Result<Limits, CgroupError> {
        let memory = o
            .memory
            .as_deref()
            .map(|m| parse_size("--memory", m))
            .transpose()?;
        // docker refuses limits too small for any process to start.
        const MIN_MEMORY: u64 = 6 << 20;
        if let (Some(m), Some(text)) = (memory, &o.memory)
            && m < MIN_MEMORY
        {
            return Err(CgroupError::invalid("--memory", text, "the minimum is 6MB"));
        }
        let memory_swap = match o.memory_swap.as_deref() {
            None => None,
            Some("-1") => Some(-1),
            Some(s) => {
                let swap = parse_size("--memory-swap", s)?;
                match memory {
                    None => {
                        return Err(CgroupError::invalid(
                            "--memory-swap",
                            s,
                            "it needs --memory too (it is memory plus swap)",
                        ));
                    }
                    Some(m) if swap < m => {
                        return Err(CgroupError::invalid(
                            "--memory-swap",
                            s,
                            "it is memory plus swap: it must not be below --memory",
                        ));
                    }
                    Some(_) => Some(swap as i64),
                }
            }
        };
        let memory_reservation = o
            .memory_reservation
            .as_deref()
            .map(|m| parse_size("--memory-reservation", m))
            .transpose()?;
        let nano_cpus = match o.cpus.as_deref() {
            None => None,
            Some(text) => {
                let cpus: f64 = text
                    .trim()
                    .parse()
                    .map_err(|_| CgroupError::invalid("--cpus", text, "expected a number"))?;
                let max = online_cpus();
                if !(0.01..=max as f64).contains(&cpus) {
                    return Err(CgroupError::invalid(
                        "--cpus",
                        text,
                        format!("the range is 0.01 to {max}.00: there are {max} CPUs"),
                    ));
                }
                Some((cpus * 1e9).round() as u64)
            }
        };
        if let Some(w) = o.cpu_weight
            && !(1..=10_000).contains(&w)
        {
            return Err(CgroupError::invalid(
                "--cpu-weight",
                &w.to_string(),
                "the range is 1 to 10000",
            ));
        }
        if let Some(cpus) = &o.cpuset_cpus
            && !valid_cpu_list(cpus)
        {
            return Err(CgroupError::invalid(
                "--cpuset-cpus",
                cpus,
                "expected a list like 0-2,4",
            ));
        }
        Ok(Limits {
            memory,
            memory_swap,
            memory_reservation,
            nano_cpus,
            cpu_shares: o.cpu_shares,
            cpu_weight: o.cpu_weight,
            cpuset_cpus: o.cpuset_cpus.clone(),
            pids_limit: o.pids_limit,
        })
    }

    pub fn is_empty(&self) -> bool {
        self == &Limits::default()
    }

    /// `self` with every limit `newer` sets replacing ours (`rpod update`).
    pub fn merged(&self, newer: &Limits) -> Limits {
        Limits {
            memory: newer.memory.or(self.memory),
            memory_swap: newer.memory_swap.or(self.memory_swap),
            memory_reservation: newer.memory_reservation.or(self.memory_reservation),
            nano_cpus: newer.nano_cpus.or(self.nano_cpus),
            cpu_shares: newer.cpu_shares.or(self.cpu_shares),
            cpu_weight: newer.cpu_weight.or(self.cpu_weight),
            cpuset_cpus: newer.cpuset_cpus.clone().or(self.cpuset_cpus.clone()),
            pids_limit: newer.pids_limit.or(self.pids_limit),
        }
    }

    /// The files to write, in an order the kernel accepts.
    pub fn settings(&self) -> Vec<Setting> {
        let mut out = Vec::new();
        let mut push = |flag, controller, file, value: String, implied| {
            out.push(Setting {
                flag,
                controller,
                file,
                value,
                implied,
            })
        };
        if let Some(m) = self.memory {
            push("--memory", "memory", "memory.max", m.to_string(), false);
        }
        match (self.memory_swap, self.memory) {
            (Some(-1), _) => push(
                "--memory-swap",
                "memory",
                "memory.swap.max",
                "max".into(),
                false,
            ),
            (Some(total), Some(m)) => push(
                "--memory-swap",
                "memory",
                "memory.swap.max",
                (total as u64).saturating_sub(m).to_string(),
                false,
            ),
            // docker's default: as much swap as memory.
            (None, Some(m)) => push("--memory", "memory", "memory.swap.max", m.to_string(), true),
            _ => {}
        }
        if let Some(r) = self.memory_reservation {
            push(
                "--memory-reservation",
                "memory",
                "memory.low",
                r.to_string(),
                false,
            );
        }
        if let Some(n) = self.nano_cpus {
            let quota = (n * CPU_PERIOD / 1_000_000_000).max(1000);
            push(
                "--cpus",
                "cpu",
                "cpu.max",
                format!("{quota} {CPU_PERIOD}"),
                false,
            );
        }
        if let Some(s) = self.cpu_shares {
            push(
                "--cpu-shares",
                "cpu",
                "cpu.weight",
                shares_to_weight(s).to_string(),
                false,
            );
        }
        if let Some(w) = self.cpu_weight {
            push("--cpu-weight", "cpu", "cpu.weight", w.to_string(), false);
        }
        if let Some(c) = &self.cpuset_cpus {
            push("--cpuset-cpus", "cpuset", "cpuset.cpus", c.clone(), false);
        }
        if let Some(p) = self.pids_limit {
            let value = if p <= 0 { "max".into() } else { p.to_string() };
            push("--pids-limit", "pids", "pids.max", value, false);
        }
        out
    }

    /// The controllers these limits need, each with the first flag that needs it.
    pub fn required(&self) -> Vec<(&'static str, &'static str)> {
        let mut out: Vec<(&'static str, &'static str)> = Vec::new();
        for s in self.settings().iter().filter(|s| !s.implied) {
            if !out.iter().any(|(c, _)| *c == s.controller) {
                out.push((s.controller, s.flag));
            }
        }
        out
    }
}

/// cgroup v1 shares (2..262144, default 1024) to v2 weight (1..10000, default 100), by the
/// conversion the OCI runtimes agree on.
pub fn shares_to_weight(shares: u64) -> u64 {
    let shares = shares.clamp(2, 262_144);
    1 + ((shares - 2) * 9999) / 262_142
}

fn valid_cpu_list(list: &str) -> bool {
    !list.is_empty()
        && list.split(',').all(|part| {
            let mut ends = part.splitn(2, '-');
            let lo = ends.next().and_then(|n| n.parse::<u32>().ok());
            match (lo, ends.next()) {
                (Some(_), None) => true,
                (Some(lo), Some(hi)) => hi.parse::<u32>().is_ok_and(|hi| hi >= lo),
                _ => false,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(limits: &Limits, name: &str) -> Option<String> {
        limits
            .settings()
            .into_iter()
            .find(|s| s.file == name)
            .map(|s| s.value)
    }

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(parse_size("--memory", "32m").unwrap(), 32 << 20);
        assert_eq!(parse_size("--memory", "32MiB").unwrap(), 32 << 20);
        assert_eq!(parse_size("--memory", "1.5g").unwrap(), 3 << 29);
        assert_eq!(parse_size("--memory", "4096").unwrap(), 4096);
        assert_eq!(parse_size("--memory", "2kb").unwrap(), 2048);
        assert!(parse_size("--memory", "lots").is_err());
        assert!(parse_size("--memory", "-1m").is_err());
    }

    #[test]
    fn cpus_half_is_half_the_period() {
        let l = Limits::parse(&LimitOptions {
            cpus: Some("0.5".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(l.nano_cpus, Some(500_000_000));
        assert_eq!(file(&l, "cpu.max").as_deref(), Some("50000 100000"));
        assert!(
            Limits::parse(&LimitOptions {
                cpus: Some("100000".into()),
                ..Default::default()
            })
            .is_err()
        );
    }

    #[test]
    fn memory_brings_swap_of_the_same_size_unless_told() {
        let l = Limits::parse(&LimitOptions {
            memory: Some("32m".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(file(&l, "memory.max").as_deref(), Some("33554432"));
        let swap = l
            .settings()
            .into_iter()
            .find(|s| s.file == "memory.swap.max")
            .unwrap();
        assert!(swap.implied);
        assert_eq!(swap.value, "33554432");
        let l = Limits::parse(&LimitOptions {
            memory: Some("32m".into()),
            memory_swap: Some("48m".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(file(&l, "memory.swap.max").as_deref(), Some("16777216"));
        assert!(
            Limits::parse(&LimitOptions {
                memory_swap: Some("48m".into()),
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            Limits::parse(&LimitOptions {
                memory: Some("1m".into()),
                ..Default::default()
            })
            .is_err()
        );
    }

    #[test]
    fn pids_and_weights() {
        let l = Limits::parse(&LimitOptions {
            pids_limit: Some(10),
            cpu_shares: Some(1024),
            cpuset_cpus: Some("0".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(file(&l, "pids.max").as_deref(), Some("10"));
        assert_eq!(file(&l, "cpu.weight").as_deref(), Some("39"));
        assert_eq!(file(&l, "cpuset.cpus").as_deref(), Some("0"));
        let unlimited = Limits {
            pids_limit: Some(-1),
            ..Default::default()
        };
        assert_eq!(file(&unlimited, "pids.max").as_deref(), Some("max"));
        assert_eq!(shares_to_weight(2), 1);
        assert_eq!(shares_to_weight(262_144), 10_000);
        assert!(
            Limits::parse(&LimitOptions {
                cpuset_cpus: Some("3-1".into()),
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            Limits::parse(&LimitOptions {
                cpu_weight: Some(0),
                ..Default::default()
            })
            .is_err()
        );
    }

    #[test]
    fn required_controllers_name_the_first_flag() {
        let l = Limits {
            memory: Some(32 << 20),
            memory_reservation: Some(16 << 20),
            pids_limit: Some(5),
            ..Default::default()
        };
        assert_eq!(
            l.required(),
            vec![("memory", "--memory"), ("pids", "--pids-limit")]
        );
        assert!(Limits::default().required().is_empty());
    }

    #[test]
    fn update_merges_over_the_old_limits() {
        let old = Limits {
            memory: Some(1 << 30),
            pids_limit: Some(5),
            ..Default::default()
        };
        let new = Limits {
            memory: Some(1 << 29),
            ..Default::default()
        };
        let m = old.merged(&new);
        assert_eq!(m.memory, Some(1 << 29));
        assert_eq!(m.pids_limit, Some(5));
    }
}
