//! The resource-limit flags of `run`, `create` and `update`, as docker and podman name them.

use clap::Args;

use crate::container::plan::resources::{LimitOptions, RateKind};
use crate::container::pod_cgroup::PodCgroupOptions;

#[derive(Debug, Clone, Default, Args)]
pub struct LimitFlags {
    /// Memory limit (e.g. 512m, 2g)
    #[arg(short, long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory plus swap limit (-1: unlimited swap; default: twice --memory)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Memory soft limit, protected from reclaim (memory.low)
    #[arg(long, value_name = "SIZE")]
    pub memory_reservation: Option<String>,
    /// Number of CPUs (e.g. 0.5 for half a CPU)
    #[arg(long, value_name = "NUMBER")]
    pub cpus: Option<String>,
    /// CPU shares, relative weight (default 1024)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPU weight, cgroup v2's relative weight (1-10000, default 100)
    #[arg(long, value_name = "WEIGHT")]
    pub cpu_weight: Option<u64>,
    /// CPUs in which to allow execution (e.g. 0-2 or 0,1)
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// CPU CFS period in microseconds (with --cpu-quota)
    #[arg(long, value_name = "MICROSECONDS")]
    pub cpu_period: Option<u64>,
    /// CPU time in microseconds the container may use per period (-1: no quota)
    #[arg(long, value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<i64>,
    /// Memory nodes in which to allow execution (e.g. 0-1 or 0,1)
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Limit the number of processes (-1 or 0: unlimited)
    #[arg(long, value_name = "NUMBER", allow_hyphen_values = true)]
    pub pids_limit: Option<i64>,
    /// Limit reads from a block device of the host, in bytes per second (e.g. /dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Limit writes to a block device of the host, in bytes per second (e.g. /dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Limit reads from a block device of the host, in operations per second (e.g. /dev/sda:100)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_iops: Vec<String>,
    /// Limit writes to a block device of the host, in operations per second (e.g. /dev/sda:100)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_iops: Vec<String>,
    /// Refused with the reason: rpod sets no I/O weights
    #[arg(long, hide = true, value_name = "WEIGHT")]
    pub blkio_weight: Option<String>,
    /// Refused with the reason: rpod sets no I/O weights
    #[arg(long, hide = true, value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
}

impl LimitFlags {
    pub fn options(&self) -> LimitOptions {
        LimitOptions {
            memory: self.memory.clone(),
            memory_swap: self.memory_swap.clone(),
            memory_reservation: self.memory_reservation.clone(),
            cpus: self.cpus.clone(),
            cpu_shares: self.cpu_shares,
            cpu_weight: self.cpu_weight,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpu_period: self.cpu_period,
            cpu_quota: self.cpu_quota,
            cpuset_mems: self.cpuset_mems.clone(),
            pids_limit: self.pids_limit,
            device_rates: [
                (RateKind::ReadBps, &self.device_read_bps),
                (RateKind::WriteBps, &self.device_write_bps),
                (RateKind::ReadIops, &self.device_read_iops),
                (RateKind::WriteIops, &self.device_write_iops),
            ]
            .into_iter()
            .flat_map(|(kind, values)| values.iter().map(move |v| (kind, v.clone())))
            .collect(),
            io_weights: self
                .blkio_weight
                .iter()
                .map(|w| ("--blkio-weight", w.clone()))
                .chain(
                    (self.blkio_weight_device.iter()).map(|w| ("--blkio-weight-device", w.clone())),
                )
                .collect(),
        }
    }
}

/// `pod create`'s and `pod clone`'s resource flags (podman's set): limits set on the pod's
/// cgroup, which bound its containers together.
#[derive(Debug, Clone, Default, Args)]
pub struct PodCgroupFlags {
    /// Memory limit of the pod's containers together (e.g. 512m, 2g)
    #[arg(short, long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory plus swap limit of the pod (-1: unlimited swap; default: twice --memory)
    #[arg(long, value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Number of CPUs the pod's containers share (e.g. 0.5 for half a CPU)
    #[arg(long, value_name = "NUMBER")]
    pub cpus: Option<String>,
    /// CPU shares of the pod, relative weight (default 1024)
    #[arg(short = 'c', long, value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPUs in which the pod's containers may run (e.g. 0-2 or 0,1)
    #[arg(long, value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes in which the pod's containers may run (e.g. 0-1 or 0,1)
    #[arg(long, value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Limit the pod's reads from a block device of the host, in bytes per second
    /// (e.g. /dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Limit the pod's writes to a block device of the host, in bytes per second
    /// (e.g. /dev/sda:1mb)
    #[arg(long, value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Refused with the reason: rpod sets no I/O weights
    #[arg(long, hide = true, value_name = "WEIGHT")]
    pub blkio_weight: Option<String>,
    /// Refused with the reason: rpod sets no I/O weights
    #[arg(long, hide = true, value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// The cgroup the pod's cgroup is made in: absolute from the cgroup root, or relative
    /// to the caller's cgroup
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Make the pod's cgroup the parent of its containers' cgroups (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub share_parent: Option<bool>,
}

impl PodCgroupFlags {
    pub fn options(&self) -> PodCgroupOptions {
        let limits = LimitFlags {
            memory: self.memory.clone(),
            memory_swap: self.memory_swap.clone(),
            cpus: self.cpus.clone(),
            cpu_shares: self.cpu_shares,
            cpuset_cpus: self.cpuset_cpus.clone(),
            cpuset_mems: self.cpuset_mems.clone(),
            device_read_bps: self.device_read_bps.clone(),
            device_write_bps: self.device_write_bps.clone(),
            blkio_weight: self.blkio_weight.clone(),
            blkio_weight_device: self.blkio_weight_device.clone(),
            ..LimitFlags::default()
        };
        PodCgroupOptions {
            limits: limits.options(),
            parent: self.cgroup_parent.clone(),
            share_parent: self.share_parent,
        }
    }
}
