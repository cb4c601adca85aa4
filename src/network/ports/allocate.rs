//! Host ports chosen and checked free before the container starts.

use std::fs;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};

use super::{HostPorts, PortError, PortMapping, PortRange, PortRequest, Protocol, display_ip};

const UNPRIVILEGED_PORT_START: &str = "/proc/sys/net/ipv4/ip_unprivileged_port_start";

/// The kernel's default for net.ipv4.ip_unprivileged_port_start.
const DEFAULT_UNPRIVILEGED_PORT_START: u16 = 1024;

/// Attempts at drawing a random port that this request has not used already.
const RANDOM_PORT_ATTEMPTS: usize = 64;

/// net.ipv4.ip_unprivileged_port_start: the helpers bind host ports without privilege, even
/// when rpod runs as root, because they run inside the container's user namespace.
pub fn unprivileged_port_start() -> u16 {
    fs::read_to_string(UNPRIVILEGED_PORT_START)
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(DEFAULT_UNPRIVILEGED_PORT_START)
}

/// Chooses the host ports and checks, before the container starts, that each is free and
/// bindable without privilege.
pub fn allocate(requests: &[PortRequest]) -> Result<Vec<PortMapping>, PortError> {
    Allocator {
        unprivileged_start: unprivileged_port_start(),
        taken: Vec::new(),
    }
    .run(requests)
}

pub(super) struct Allocator {
    pub(super) unprivileged_start: u16,
    pub(super) taken: Vec<PortMapping>,
}

impl Allocator {
    pub(super) fn run(mut self, requests: &[PortRequest]) -> Result<Vec<PortMapping>, PortError> {
        for request in requests {
            let mapping = |host_port, container_port| PortMapping {
                host_ip: request.host_ip,
                host_port,
                container_port,
                protocol: request.protocol,
            };
            match request.host {
                HostPorts::Random => {
                    for container_port in request.container.ports() {
                        let host_port = self.random_port(request.host_ip, request.protocol)?;
                        self.taken.push(mapping(host_port, container_port));
                    }
                }
                HostPorts::Range(hosts) if hosts.count() == request.container.count() => {
                    for (host_port, container_port) in hosts.ports().zip(request.container.ports())
                    {
                        let wanted = mapping(host_port, container_port);
                        self.check(&wanted)?;
                        self.taken.push(wanted);
                    }
                }
                HostPorts::Range(hosts) => {
                    let chosen = self.first_free(hosts, mapping(0, request.container.start))?;
                    self.taken.push(chosen);
                }
            }
        }
        Ok(self.taken)
    }

    pub(super) fn check(&self, wanted: &PortMapping) -> Result<(), PortError> {
        if wanted.host_port < self.unprivileged_start {
            return Err(PortError::Privileged {
                port: wanted.host_port,
                protocol: wanted.protocol,
                start: self.unprivileged_start,
            });
        }
        if self.taken.iter().any(|t| overlaps(t, wanted)) {
            return Err(PortError::Duplicate {
                address: SocketAddr::new(display_ip(wanted.host_ip), wanted.host_port),
                protocol: wanted.protocol,
            });
        }
        probe(wanted.host_ip, wanted.host_port, wanted.protocol).map(drop)
    }

    pub(super) fn first_free(
        &self,
        hosts: PortRange,
        template: PortMapping,
    ) -> Result<PortMapping, PortError> {
        for host_port in hosts.ports() {
            let candidate = PortMapping {
                host_port,
                ..template
            };
            match self.check(&candidate) {
                Ok(()) => return Ok(candidate),
                Err(PortError::InUse { .. } | PortError::Duplicate { .. }) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(PortError::RangeExhausted {
            container_port: template.container_port,
            protocol: template.protocol,
            start: hosts.start,
            end: hosts.end,
        })
    }

    pub(super) fn random_port(
        &self,
        ip: Option<IpAddr>,
        protocol: Protocol,
    ) -> Result<u16, PortError> {
        for _ in 0..RANDOM_PORT_ATTEMPTS {
            let port = probe(ip, 0, protocol)?;
            if !self
                .taken
                .iter()
                .any(|t| t.host_port == port && t.protocol == protocol)
            {
                return Ok(port);
            }
        }
        Err(PortError::RangeExhausted {
            container_port: 0,
            protocol,
            start: 1,
            end: u16::MAX,
        })
    }
}

/// Two mappings collide when they bind the same port and protocol on overlapping addresses.
fn overlaps(a: &PortMapping, b: &PortMapping) -> bool {
    let wildcard = |ip: Option<IpAddr>| ip.is_none_or(|ip| ip.is_unspecified());
    a.host_port == b.host_port
        && a.protocol == b.protocol
        && (a.host_ip == b.host_ip || wildcard(a.host_ip) || wildcard(b.host_ip))
}

/// Binds the port as the helper will (SO_REUSEADDR for TCP, like pasta and slirp4netns) and
/// returns the bound port. Without an address the helper binds every address, IPv6 included,
/// so the probe binds `[::]` (dual stack), or `0.0.0.0` on a host without IPv6.
fn probe(ip: Option<IpAddr>, port: u16, protocol: Protocol) -> Result<u16, PortError> {
    let addresses = match ip {
        Some(ip) => vec![SocketAddr::new(ip, port)],
        None => vec![
            SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), port),
            SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port),
        ],
    };
    let shown = SocketAddr::new(display_ip(ip), port);
    let mut last = None;
    for address in addresses {
        let bound = match protocol {
            Protocol::Tcp => TcpListener::bind(address).and_then(|s| s.local_addr()),
            Protocol::Udp => UdpSocket::bind(address).and_then(|s| s.local_addr()),
        };
        match bound {
            Ok(local) => return Ok(local.port()),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                return Err(PortError::InUse {
                    address: shown,
                    protocol,
                });
            }
            Err(e) => last = Some(e),
        }
    }
    Err(PortError::Bind {
        address: shown,
        protocol,
        source: last.expect("at least one address was tried"),
    })
}
