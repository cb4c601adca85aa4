//! Published ports: docker's `-p` syntax, `-P` for EXPOSEd ports, random host ports, and the
//! checks that turn a helper's late, vague failure into an early error naming the port.

mod allocate;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use serde::{Deserialize, Serialize};

pub use allocate::{allocate, unprivileged_port_start};
pub use parse::publish_all;

#[derive(Debug, thiserror::Error)]
pub enum PortError {
    #[error("invalid port specification {value:?}: {reason}")]
    Invalid { value: String, reason: &'static str },
    #[error(
        "cannot publish port {port}/{protocol}: ports below {start} are privileged (sysctl net.ipv4.ip_unprivileged_port_start = {start})"
    )]
    Privileged {
        port: u16,
        protocol: Protocol,
        start: u16,
    },
    #[error("cannot publish port {address}/{protocol}: address already in use")]
    InUse {
        address: SocketAddr,
        protocol: Protocol,
    },
    #[error("cannot publish port {address}/{protocol}: it is published twice")]
    Duplicate {
        address: SocketAddr,
        protocol: Protocol,
    },
    #[error("cannot publish port {address}/{protocol}: {source}")]
    Bind {
        address: SocketAddr,
        protocol: Protocol,
        source: io::Error,
    },
    #[error(
        "cannot publish container port {container_port}/{protocol}: no free host port in {start}-{end}"
    )]
    RangeExhausted {
        container_port: u16,
        protocol: Protocol,
        start: u16,
        end: u16,
    },
}

impl PortError {
    pub fn hint(&self) -> Option<String> {
        match self {
            PortError::Privileged { port, start, .. } => Some(format!(
                "publish a host port of {start} or above, or let unprivileged users bind port {port}: `sysctl -w net.ipv4.ip_unprivileged_port_start={port}` as root"
            )),
            PortError::InUse { address, .. } => Some(format!(
                "choose another host port; `ss -ltunp 'sport = :{}'` shows who holds this one",
                address.port()
            )),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        })
    }
}

/// Ports `start` to `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortRange {
    pub start: u16,
    pub end: u16,
}

impl PortRange {
    /// How many ports the range holds.
    pub fn count(&self) -> u16 {
        self.end - self.start + 1
    }

    pub fn is_single(&self) -> bool {
        self.start == self.end
    }

    fn ports(&self) -> impl Iterator<Item = u16> {
        self.start..=self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostPorts {
    /// Any free port, drawn by the kernel.
    Random,
    /// As many ports as the container range, one to one; or, for a single container port,
    /// the first free port of the range (docker's `-p 8000-8010:80`).
    Range(PortRange),
}

/// One `-p` argument, before host ports are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortRequest {
    /// None: every address (pasta binds both IPv4 and IPv6).
    pub host_ip: Option<IpAddr>,
    pub host: HostPorts,
    pub container: PortRange,
    pub protocol: Protocol,
}

/// One host port forwarded to one container port: what the container record keeps and what
/// `port`, `ps` and `inspect` show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PortMapping {
    pub host_ip: Option<IpAddr>,
    pub host_port: u16,
    pub container_port: u16,
    pub protocol: Protocol,
}

fn display_ip(ip: Option<IpAddr>) -> IpAddr {
    ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

fn fmt_host(f: &mut fmt::Formatter<'_>, ip: Option<IpAddr>, port: u16) -> fmt::Result {
    match display_ip(ip) {
        IpAddr::V4(ip) => write!(f, "{ip}:{port}"),
        IpAddr::V6(ip) => write!(f, "[{ip}]:{port}"),
    }
}

/// docker's `ps` form: `0.0.0.0:8080->80/tcp`.
impl fmt::Display for PortMapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_host(f, self.host_ip, self.host_port)?;
        write!(f, "->{}/{}", self.container_port, self.protocol)
    }
}

impl PortMapping {
    /// docker's `port` form: `80/tcp -> 0.0.0.0:8080`.
    pub fn port_line(&self) -> String {
        struct Host(Option<IpAddr>, u16);
        impl fmt::Display for Host {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt_host(f, self.0, self.1)
            }
        }
        format!(
            "{}/{} -> {}",
            self.container_port,
            self.protocol,
            Host(self.host_ip, self.host_port)
        )
    }
}

/// The PORTS column of `ps`: consecutive mappings folded into ranges as docker does
/// (`0.0.0.0:8000-8002->80-82/tcp`), joined by `, `.
pub fn ps_column(mappings: &[PortMapping]) -> String {
    let mut runs: Vec<(PortMapping, u16)> = Vec::new();
    for m in mappings {
        if let Some((first, len)) = runs.last_mut()
            && first.host_ip == m.host_ip
            && first.protocol == m.protocol
            && u32::from(first.host_port) + u32::from(*len) == u32::from(m.host_port)
            && u32::from(first.container_port) + u32::from(*len) == u32::from(m.container_port)
        {
            *len += 1;
            continue;
        }
        runs.push((*m, 1));
    }
    runs.iter()
        .map(|(first, len)| {
            if *len == 1 {
                return first.to_string();
            }
            let last = len - 1;
            let host = match display_ip(first.host_ip) {
                IpAddr::V4(ip) => ip.to_string(),
                IpAddr::V6(ip) => format!("[{ip}]"),
            };
            format!(
                "{host}:{}-{}->{}-{}/{}",
                first.host_port,
                first.host_port + last,
                first.container_port,
                first.container_port + last,
                first.protocol
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
