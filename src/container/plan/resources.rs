//! `--memory`, `--cpus`, `--pids-limit` and the other limits, `--cgroups` and
//! `--cgroup-parent`, as docker spells them, parsed into the limits the cgroup module writes.

use super::super::ContainerError;
pub use super::super::resources::Resources;
use std::os::unix::fs::{FileTypeExt, MetadataExt};

use crate::cgroup::conf::ConfSetting;
use crate::cgroup::io_max::DeviceRate;
pub use crate::cgroup::io_max::RateKind;
use crate::cgroup::limits::Limits;

/// What the command line asked for, as typed.
#[derive(Debug, Clone, Default)]
pub struct ResourceOptions {
    pub limits: LimitOptions,
    /// `--cgroups=enabled|disabled`.
    pub cgroups: Option<String>,
    pub cgroup_parent: Option<String>,
    /// `--cgroup-conf KEY=VALUE`, as typed.
    pub cgroup_conf: Vec<String>,
}

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
    pub cpu_period: Option<u64>,
    pub cpu_quota: Option<i64>,
    pub cpuset_mems: Option<String>,
    pub pids_limit: Option<i64>,
    /// `--device-read-bps`, `--device-write-bps`, `--device-read-iops`,
    /// `--device-write-iops`: DEVICE:RATE each.
    pub device_rates: Vec<(RateKind, String)>,
    /// `--blkio-weight` and `--blkio-weight-device` (refused).
    pub io_weights: Vec<(&'static str, String)>,
}

/// Why `--blkio-weight` and `--blkio-weight-device` are refused.
const NO_IO_WEIGHT: &str = "rpod sets no I/O weights: cgroup v2's io.weight acts only under \
     the io cost model or the BFQ scheduler, which rpod cannot set up rootless; limit the rate \
     with --device-read-bps or --device-write-bps";

impl Resources {
    /// The limits and cgroup choice; whether this host can enforce them is checked before
    /// the container is created (see [`Resources::check`]).
    pub fn build(opts: &ResourceOptions) -> Result<Resources, ContainerError> {
        let cgroups_disabled = match opts.cgroups.as_deref() {
            None | Some("enabled") => false,
            Some("disabled") => true,
            Some(other) => {
                return Err(ContainerError::invalid(
                    "--cgroups",
                    other,
                    "expected enabled or disabled",
                ));
            }
        };
        Ok(Resources {
            cgroups_disabled,
            cgroup_parent: opts.cgroup_parent.clone().filter(|p| !p.is_empty()),
            limits: parse_limits(&opts.limits)?,
            conf: ConfSetting::parse_all(&opts.cgroup_conf).map_err(|(text, e)| {
                ContainerError::invalid(crate::cgroup::conf::FLAG, text, e.to_string())
            })?,
        })
    }
}

/// docker's size syntax: `512`, `32m`, `1.5g`, `64MiB`, binary units.
pub fn parse_size(flag: &'static str, text: &str) -> Result<u64, ContainerError> {
    let invalid = || ContainerError::invalid(flag, text, "expected a size like 512m or 2g");
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

pub fn parse_limits(o: &LimitOptions) -> Result<Limits, ContainerError> {
    if let Some((flag, value)) = o.io_weights.first() {
        return Err(ContainerError::invalid(flag, value, NO_IO_WEIGHT));
    }
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
        return Err(ContainerError::invalid(
            "--memory",
            text,
            "the minimum is 6MB",
        ));
    }
    let memory_swap = match o.memory_swap.as_deref() {
        None => None,
        Some("-1") => Some(-1),
        Some(s) => {
            let swap = parse_size("--memory-swap", s)?;
            match memory {
                None => {
                    return Err(ContainerError::invalid(
                        "--memory-swap",
                        s,
                        "it needs --memory too (it is memory plus swap)",
                    ));
                }
                Some(m) if swap < m => {
                    return Err(ContainerError::invalid(
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
                .map_err(|_| ContainerError::invalid("--cpus", text, "expected a number"))?;
            let max = online_cpus();
            if !(0.01..=max as f64).contains(&cpus) {
                return Err(ContainerError::invalid(
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
        return Err(ContainerError::invalid(
            "--cpu-weight",
            w.to_string(),
            "the range is 1 to 10000",
        ));
    }
    if let Some(cpus) = &o.cpuset_cpus
        && !valid_cpu_list(cpus)
    {
        return Err(ContainerError::invalid(
            "--cpuset-cpus",
            cpus,
            "expected a list like 0-2,4",
        ));
    }
    if let Some(mems) = &o.cpuset_mems
        && !valid_cpu_list(mems)
    {
        return Err(ContainerError::invalid(
            "--cpuset-mems",
            mems,
            "expected a list of memory nodes like 0-1,3",
        ));
    }
    check_cpu_max(o)?;
    Ok(Limits {
        memory,
        memory_swap,
        memory_reservation,
        nano_cpus,
        cpu_shares: o.cpu_shares,
        cpu_weight: o.cpu_weight,
        cpuset_cpus: o.cpuset_cpus.clone(),
        cpu_period: o.cpu_period,
        cpu_quota: o.cpu_quota,
        cpuset_mems: o.cpuset_mems.clone(),
        pids_limit: o.pids_limit,
        device_rates: o
            .device_rates
            .iter()
            .map(|(kind, value)| device_rate(*kind, value))
            .collect::<Result<_, _>>()?,
    })
}

/// `DEVICE:RATE`: a block device of the host (its numbers are what io.max takes) and a rate,
/// bytes per second (docker's sizes: `1mb`) or operations per second.
fn device_rate(kind: RateKind, value: &str) -> Result<DeviceRate, ContainerError> {
    let flag = kind.flag();
    let bad = |reason: String| ContainerError::invalid(flag, value, reason);
    let (path, rate) = value
        .rsplit_once(':')
        .ok_or_else(|| bad("expected DEVICE:RATE, e.g. /dev/sda:1mb".into()))?;
    let rate = match kind {
        RateKind::ReadBps | RateKind::WriteBps => parse_size(flag, rate)?,
        RateKind::ReadIops | RateKind::WriteIops => rate
            .parse()
            .map_err(|_| bad("the rate is a number of operations per second".into()))?,
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(format!("cannot read {path}: {e}")))?;
    if !meta.file_type().is_block_device() {
        return Err(bad(format!("{path} is not a block device")));
    }
    let rdev = meta.rdev();
    Ok(DeviceRate {
        kind,
        path: path.to_string(),
        major: nix::sys::stat::major(rdev),
        minor: nix::sys::stat::minor(rdev),
        rate,
    })
}

/// `--cpu-period` and `--cpu-quota` within the kernel's bounds (docker's), and not with
/// `--cpus`, which sets the same cpu.max.
fn check_cpu_max(o: &LimitOptions) -> Result<(), ContainerError> {
    if let Some(p) = o.cpu_period
        && !(1000..=1_000_000).contains(&p)
    {
        return Err(ContainerError::invalid(
            "--cpu-period",
            p.to_string(),
            "the range is 1000 to 1000000 (microseconds)",
        ));
    }
    if let Some(q) = o.cpu_quota
        && q != -1
        && q < 1000
    {
        return Err(ContainerError::invalid(
            "--cpu-quota",
            q.to_string(),
            "the minimum is 1000 (microseconds), or -1 for no quota",
        ));
    }
    if let Some(cpus) = &o.cpus
        && (o.cpu_period.is_some() || o.cpu_quota.is_some())
    {
        let flag = if o.cpu_quota.is_some() {
            "--cpu-quota"
        } else {
            "--cpu-period"
        };
        return Err(ContainerError::invalid(
            "--cpus",
            cpus,
            format!("it cannot go with {flag}: both set the CPU quota"),
        ));
    }
    Ok(())
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
    use crate::cgroup::limits::shares_to_weight;

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
        let l = parse_limits(&LimitOptions {
            cpus: Some("0.5".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(l.nano_cpus, Some(500_000_000));
        assert_eq!(file(&l, "cpu.max").as_deref(), Some("50000 100000"));
        assert!(
            parse_limits(&LimitOptions {
                cpus: Some("100000".into()),
                ..Default::default()
            })
            .is_err()
        );
    }

    #[test]
    fn memory_brings_swap_of_the_same_size_unless_told() {
        let l = parse_limits(&LimitOptions {
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
        let l = parse_limits(&LimitOptions {
            memory: Some("32m".into()),
            memory_swap: Some("48m".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(file(&l, "memory.swap.max").as_deref(), Some("16777216"));
        assert!(
            parse_limits(&LimitOptions {
                memory_swap: Some("48m".into()),
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            parse_limits(&LimitOptions {
                memory: Some("1m".into()),
                ..Default::default()
            })
            .is_err()
        );
    }

    #[test]
    fn pids_and_weights() {
        let l = parse_limits(&LimitOptions {
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
            parse_limits(&LimitOptions {
                cpuset_cpus: Some("3-1".into()),
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            parse_limits(&LimitOptions {
                cpu_weight: Some(0),
                ..Default::default()
            })
            .is_err()
        );
    }
}
