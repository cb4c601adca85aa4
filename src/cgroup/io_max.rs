//! `--device-read-bps`, `--device-write-bps`, `--device-read-iops`, `--device-write-iops`:
//! per-device throttles, cgroup v2's io.max (one line per device and key).

use serde::{Deserialize, Serialize};

/// Which of io.max's keys a throttle sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RateKind {
    ReadBps,
    WriteBps,
    ReadIops,
    WriteIops,
}

impl RateKind {
    pub const ALL: [RateKind; 4] = [
        RateKind::ReadBps,
        RateKind::WriteBps,
        RateKind::ReadIops,
        RateKind::WriteIops,
    ];

    pub fn flag(self) -> &'static str {
        match self {
            RateKind::ReadBps => "--device-read-bps",
            RateKind::WriteBps => "--device-write-bps",
            RateKind::ReadIops => "--device-read-iops",
            RateKind::WriteIops => "--device-write-iops",
        }
    }

    /// io.max's key.
    fn key(self) -> &'static str {
        match self {
            RateKind::ReadBps => "rbps",
            RateKind::WriteBps => "wbps",
            RateKind::ReadIops => "riops",
            RateKind::WriteIops => "wiops",
        }
    }

    /// docker's inspect field (HostConfig.BlkioDevice…).
    pub fn inspect_field(self) -> &'static str {
        match self {
            RateKind::ReadBps => "BlkioDeviceReadBps",
            RateKind::WriteBps => "BlkioDeviceWriteBps",
            RateKind::ReadIops => "BlkioDeviceReadIOps",
            RateKind::WriteIops => "BlkioDeviceWriteIOps",
        }
    }
}

/// One throttle: at most `rate` bytes or operations per second on the block device `path`
/// (`major:minor`, found when the flag was read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRate {
    pub kind: RateKind,
    pub path: String,
    pub major: u64,
    pub minor: u64,
    pub rate: u64,
}

impl DeviceRate {
    /// The line written to io.max.
    pub fn io_max_line(&self) -> String {
        format!(
            "{}:{} {}={}",
            self.major,
            self.minor,
            self.kind.key(),
            self.rate
        )
    }

    fn same_target(&self, other: &DeviceRate) -> bool {
        self.kind == other.kind && (self.major, self.minor) == (other.major, other.minor)
    }
}

/// `update`: the newer throttles replace the older ones of the same device and kind.
pub fn merged(old: &[DeviceRate], newer: &[DeviceRate]) -> Vec<DeviceRate> {
    old.iter()
        .filter(|o| !newer.iter().any(|n| n.same_target(o)))
        .chain(newer)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(kind: RateKind, minor: u64, rate: u64) -> DeviceRate {
        DeviceRate {
            kind,
            path: format!("/dev/vd{minor}"),
            major: 253,
            minor,
            rate,
        }
    }

    #[test]
    fn io_max_lines_and_updates() {
        assert_eq!(
            rate(RateKind::ReadBps, 0, 1 << 20).io_max_line(),
            "253:0 rbps=1048576"
        );
        assert_eq!(
            rate(RateKind::WriteIops, 16, 100).io_max_line(),
            "253:16 wiops=100"
        );
        let old = [
            rate(RateKind::ReadBps, 0, 1),
            rate(RateKind::WriteBps, 0, 2),
        ];
        let new = [
            rate(RateKind::ReadBps, 0, 3),
            rate(RateKind::ReadBps, 16, 4),
        ];
        let m = merged(&old, &new);
        assert_eq!(
            m.iter()
                .map(|r| (r.kind, r.minor, r.rate))
                .collect::<Vec<_>>(),
            [
                (RateKind::WriteBps, 0, 2),
                (RateKind::ReadBps, 0, 3),
                (RateKind::ReadBps, 16, 4)
            ]
        );
    }
}
