//! Resource limits as docker's flags give them, and the cgroup v2 files that enforce them.

use serde::{Deserialize, Serialize};

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
    /// `--cpu-period`, µs: cpu.max's period (with `--cpu-quota`, or alone: no quota).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_period: Option<u64>,
    /// `--cpu-quota`, µs of CPU time per period; -1 for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_quota: Option<i64>,
    /// `--cpuset-mems`: the memory nodes allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpuset_mems: Option<String>,
    /// -1 or 0: unlimited.
    pub pids_limit: Option<i64>,
    /// `--device-read-bps` and the like: io.max's throttles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub device_rates: Vec<super::io_max::DeviceRate>,
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

impl Limits {
    pub fn is_empty(&self) -> bool {
        self == &Limits::default()
    }

    /// `self` with every limit `newer` sets replacing ours (`rpod update`).
    pub fn merged(&self, newer: &Limits) -> Limits {
        Limits {
            memory: newer.memory.or(self.memory),
            memory_swap: newer.memory_swap.or(self.memory_swap),
            memory_reservation: newer.memory_reservation.or(self.memory_reservation),
            // `--cpus` and `--cpu-quota`/`--cpu-period` are two spellings of cpu.max: the
            // newer one replaces the other.
            nano_cpus: match newer.cpu_quota.is_some() || newer.cpu_period.is_some() {
                true => None,
                false => newer.nano_cpus.or(self.nano_cpus),
            },
            cpu_period: match newer.nano_cpus {
                Some(_) => None,
                None => newer.cpu_period.or(self.cpu_period),
            },
            cpu_quota: match newer.nano_cpus {
                Some(_) => None,
                None => newer.cpu_quota.or(self.cpu_quota),
            },
            cpuset_mems: newer.cpuset_mems.clone().or(self.cpuset_mems.clone()),
            cpu_shares: newer.cpu_shares.or(self.cpu_shares),
            cpu_weight: newer.cpu_weight.or(self.cpu_weight),
            cpuset_cpus: newer.cpuset_cpus.clone().or(self.cpuset_cpus.clone()),
            pids_limit: newer.pids_limit.or(self.pids_limit),
            device_rates: super::io_max::merged(&self.device_rates, &newer.device_rates),
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
        } else if self.cpu_quota.is_some() || self.cpu_period.is_some() {
            let quota = match self.cpu_quota {
                Some(q) if q > 0 => q.to_string(),
                _ => "max".to_string(),
            };
            let period = self.cpu_period.unwrap_or(CPU_PERIOD);
            let flag = match self.cpu_quota {
                Some(_) => "--cpu-quota",
                None => "--cpu-period",
            };
            push(flag, "cpu", "cpu.max", format!("{quota} {period}"), false);
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
        if let Some(m) = &self.cpuset_mems {
            push("--cpuset-mems", "cpuset", "cpuset.mems", m.clone(), false);
        }
        if let Some(p) = self.pids_limit {
            let value = if p <= 0 { "max".into() } else { p.to_string() };
            push("--pids-limit", "pids", "pids.max", value, false);
        }
        for rate in &self.device_rates {
            push(rate.kind.flag(), "io", "io.max", rate.io_max_line(), false);
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

#[cfg(test)]
mod tests {
    use super::*;

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

    fn cpu_max(limits: &Limits) -> Option<(String, &'static str)> {
        let settings = limits.settings();
        let s = settings.iter().find(|s| s.file == "cpu.max")?;
        Some((s.value.clone(), s.flag))
    }

    #[test]
    fn quota_and_period_write_cpu_max_and_replace_cpus() {
        let quota = Limits {
            cpu_quota: Some(25_000),
            cpu_period: Some(50_000),
            cpuset_mems: Some("0".into()),
            ..Default::default()
        };
        assert_eq!(cpu_max(&quota), Some(("25000 50000".into(), "--cpu-quota")));
        assert!(
            quota
                .settings()
                .iter()
                .any(|s| s.file == "cpuset.mems" && s.value == "0")
        );
        let period_only = Limits {
            cpu_period: Some(20_000),
            ..Default::default()
        };
        assert_eq!(
            cpu_max(&period_only),
            Some(("max 20000".into(), "--cpu-period"))
        );
        let unlimited = Limits {
            cpu_quota: Some(-1),
            ..Default::default()
        };
        assert_eq!(
            cpu_max(&unlimited),
            Some(("max 100000".into(), "--cpu-quota"))
        );
        // `update --cpus` over a quota, and `update --cpu-quota` over --cpus.
        let cpus = Limits {
            nano_cpus: Some(500_000_000),
            ..Default::default()
        };
        assert_eq!(
            cpu_max(&quota.merged(&cpus)),
            Some(("50000 100000".into(), "--cpus"))
        );
        assert_eq!(
            cpu_max(&cpus.merged(&quota)),
            Some(("25000 50000".into(), "--cpu-quota"))
        );
    }
}
