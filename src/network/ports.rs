//! Published ports: docker's `-p` syntax, `-P` for EXPOSEd ports, random host ports, and the
//! checks that turn a helper's late, vague failure into an early error naming the port.

use std::fmt;
use std::fs;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};

use serde::{Deserialize, Serialize};

const UNPRIVILEGED_PORT_START: &str = "/proc/sys/net/ipv4/ip_unprivileged_port_start";

/// The kernel's default for net.ipv4.ip_unprivileged_port_start.
const DEFAULT_UNPRIVILEGED_PORT_START: u16 = 1024;

/// Attempts at drawing a random port that this request has not used already.
const RANDOM_PORT_ATTEMPTS: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum PortError {
    #[error("invalid port specification {spec:?}: {reason}")]
    Spec { spec: String, reason: &'static str },
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
pub struct PortSpec {
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

fn parse_range(text: &str) -> Option<PortRange> {
    let port = |s: &str| s.parse::<u16>().ok().filter(|p| *p != 0);
    let range = match text.split_once('-') {
        Some((start, end)) => PortRange {
            start: port(start)?,
            end: port(end)?,
        },
        None => PortRange {
            start: port(text)?,
            end: port(text)?,
        },
    };
    (range.start <= range.end).then_some(range)
}

fn parse_protocol(spec: &str) -> Result<(&str, Protocol), &'static str> {
    match spec.rsplit_once('/') {
        None => Ok((spec, Protocol::Tcp)),
        Some((rest, "tcp")) => Ok((rest, Protocol::Tcp)),
        Some((rest, "udp")) => Ok((rest, Protocol::Udp)),
        Some((_, "sctp")) => {
            Err("sctp is not supported: the user-mode helpers forward tcp and udp")
        }
        Some(_) => Err("the protocol must be tcp or udp"),
    }
}

impl PortSpec {
    /// `[ip:][hostPort:]containerPort[/tcp|udp]`, ports or ranges (`8000-8010:80-90`), an empty
    /// or `0` host port for a random one (`127.0.0.1::80`), IPv6 addresses in brackets.
    pub fn parse(spec: &str) -> Result<PortSpec, PortError> {
        let bad = |reason| PortError::Spec {
            spec: spec.to_string(),
            reason,
        };
        let (rest, protocol) = parse_protocol(spec).map_err(bad)?;
        let (host_ip, host, container) = if let Some(bracketed) = rest.strip_prefix('[') {
            let (ip, after) = bracketed
                .split_once(']')
                .ok_or_else(|| bad("missing ] after the IPv6 address"))?;
            let ip: Ipv6Addr = ip.parse().map_err(|_| bad("invalid IPv6 address"))?;
            let ports = after
                .strip_prefix(':')
                .ok_or_else(|| bad("expected [IPv6]:hostPort:containerPort"))?;
            let (host, container) = ports
                .split_once(':')
                .ok_or_else(|| bad("expected [IPv6]:hostPort:containerPort"))?;
            (Some(IpAddr::V6(ip)), host, container)
        } else {
            match rest.split(':').collect::<Vec<_>>()[..] {
                [container] => (None, "", container),
                [host, container] => (None, host, container),
                [ip, host, container] => {
                    let ip: Ipv4Addr = ip.parse().map_err(|_| {
                        bad("invalid host IP address (IPv6 addresses go in brackets: [::1]:8080:80)")
                    })?;
                    (Some(IpAddr::V4(ip)), host, container)
                }
                _ => {
                    return Err(bad(
                        "too many colons (IPv6 addresses go in brackets: [::1]:8080:80)",
                    ));
                }
            }
        };
        let container = parse_range(container)
            .ok_or_else(|| bad("the container port must be a port or range between 1 and 65535"))?;
        let host = match host {
            "" | "0" => HostPorts::Random,
            range => {
                let range = parse_range(range).ok_or_else(|| {
                    bad("the host port must be a port or range between 1 and 65535")
                })?;
                if range.count() != container.count() && !container.is_single() {
                    return Err(bad("the host and container port ranges differ in length"));
                }
                HostPorts::Range(range)
            }
        };
        Ok(PortSpec {
            host_ip,
            host,
            container,
            protocol,
        })
    }
}

/// `-P`: every EXPOSEd port (`80/tcp`, `53/udp`, `8000-8010`) to a random host port.
pub fn publish_all(exposed: &[String]) -> Result<Vec<PortSpec>, PortError> {
    exposed
        .iter()
        .map(|spec| {
            let bad = |reason| PortError::Spec {
                spec: spec.clone(),
                reason,
            };
            let (port, protocol) = parse_protocol(spec).map_err(bad)?;
            let container = parse_range(port).ok_or_else(|| {
                bad("an exposed port must be a port or range between 1 and 65535")
            })?;
            Ok(PortSpec {
                host_ip: None,
                host: HostPorts::Random,
                container,
                protocol,
            })
        })
        .collect()
}

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
pub fn allocate(specs: &[PortSpec]) -> Result<Vec<PortMapping>, PortError> {
    Allocator {
        unprivileged_start: unprivileged_port_start(),
        taken: Vec::new(),
    }
    .run(specs)
}

struct Allocator {
    unprivileged_start: u16,
    taken: Vec<PortMapping>,
}

impl Allocator {
    fn run(mut self, specs: &[PortSpec]) -> Result<Vec<PortMapping>, PortError> {
        for spec in specs {
            let mapping = |host_port, container_port| PortMapping {
                host_ip: spec.host_ip,
                host_port,
                container_port,
                protocol: spec.protocol,
            };
            match spec.host {
                HostPorts::Random => {
                    for container_port in spec.container.ports() {
                        let host_port = self.random_port(spec.host_ip, spec.protocol)?;
                        self.taken.push(mapping(host_port, container_port));
                    }
                }
                HostPorts::Range(hosts) if hosts.count() == spec.container.count() => {
                    for (host_port, container_port) in hosts.ports().zip(spec.container.ports()) {
                        let wanted = mapping(host_port, container_port);
                        self.check(&wanted)?;
                        self.taken.push(wanted);
                    }
                }
                HostPorts::Range(hosts) => {
                    let chosen = self.first_free(hosts, mapping(0, spec.container.start))?;
                    self.taken.push(chosen);
                }
            }
        }
        Ok(self.taken)
    }

    fn check(&self, wanted: &PortMapping) -> Result<(), PortError> {
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

    fn first_free(
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

    fn random_port(&self, ip: Option<IpAddr>, protocol: Protocol) -> Result<u16, PortError> {
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

fn display_ip(ip: Option<IpAddr>) -> IpAddr {
    ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn spec(s: &str) -> PortSpec {
        PortSpec::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn range(start: u16, end: u16) -> PortRange {
        PortRange { start, end }
    }

    fn allocator(start: u16) -> Allocator {
        Allocator {
            unprivileged_start: start,
            taken: Vec::new(),
        }
    }

    #[test]
    fn parses_docker_port_specs() {
        let s = spec("8080:80");
        assert_eq!(
            (s.host_ip, s.host, s.container, s.protocol),
            (
                None,
                HostPorts::Range(range(8080, 8080)),
                range(80, 80),
                Protocol::Tcp
            )
        );
        let s = spec("127.0.0.1:8080:80/udp");
        assert_eq!(s.host_ip, Some("127.0.0.1".parse().unwrap()));
        assert_eq!(s.protocol, Protocol::Udp);
        for random in ["80", ":80", "127.0.0.1::80", "0:80", "[::1]::80"] {
            assert_eq!(spec(random).host, HostPorts::Random, "{random}");
        }
        assert_eq!(spec("[::1]::80").host_ip, Some("::1".parse().unwrap()));
        let s = spec("[fe80::1]:9000:90/tcp");
        assert_eq!(
            (s.host_ip, s.host),
            (
                Some("fe80::1".parse().unwrap()),
                HostPorts::Range(range(9000, 9000))
            )
        );
        let s = spec("8000-8010:80-90");
        assert_eq!(
            (s.host, s.container),
            (HostPorts::Range(range(8000, 8010)), range(80, 90))
        );
        assert_eq!(spec("8000-8010:80").container, range(80, 80));
        assert_eq!(spec("80-90").container.count(), 11);
    }

    #[test]
    fn refuses_malformed_specs() {
        for bad in [
            "",
            "http",
            "0",
            "70000",
            "8080:",
            "90-80",
            "8000-8002:80-81",
            "::1:8080:80",
            "[::1]8080:80",
            "[::1:8080:80",
            "1.2.3:8080:80",
            "80/sctp",
            "80/icmp",
            "a:b:c:d",
        ] {
            assert!(
                matches!(PortSpec::parse(bad), Err(PortError::Spec { .. })),
                "{bad:?} was accepted"
            );
        }
        let err = PortSpec::parse("80/sctp").unwrap_err().to_string();
        assert!(err.contains("\"80/sctp\"") && err.contains("sctp"), "{err}");
    }

    #[test]
    fn publish_all_maps_exposed_ports_to_random_host_ports() {
        let specs = publish_all(&["80/tcp".into(), "53/udp".into(), "9000".into()]).unwrap();
        let mappings = allocator(1024).run(&specs).unwrap();
        assert_eq!(mappings.len(), 3);
        assert_eq!(
            mappings
                .iter()
                .map(|m| (m.container_port, m.protocol))
                .collect::<Vec<_>>(),
            [
                (80, Protocol::Tcp),
                (53, Protocol::Udp),
                (9000, Protocol::Tcp)
            ]
        );
        assert!(
            mappings
                .iter()
                .all(|m| m.host_port >= 1024 && m.host_ip.is_none())
        );
        let distinct: HashSet<_> = mappings.iter().map(|m| (m.host_port, m.protocol)).collect();
        assert_eq!(distinct.len(), 3);
        assert!(publish_all(&["eighty/tcp".into()]).is_err());
    }

    #[test]
    fn a_port_in_use_is_named() {
        let held = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = held.local_addr().unwrap().port();
        let err = allocator(1024)
            .run(&[spec(&format!("127.0.0.1:{port}:80"))])
            .unwrap_err();
        assert!(matches!(err, PortError::InUse { .. }), "{err}");
        assert!(
            err.to_string().contains(&format!("127.0.0.1:{port}/tcp")),
            "{err}"
        );
        assert!(err.hint().unwrap().contains(&port.to_string()));
        // A listener on 127.0.0.1 also blocks the all-addresses binding the helper would make.
        let err = allocator(1024)
            .run(&[spec(&format!("{port}:80"))])
            .unwrap_err();
        assert!(matches!(err, PortError::InUse { .. }), "{err}");
        // The same number over UDP is another port.
        let udp = allocator(1024).run(&[spec(&format!("127.0.0.1:{port}:80/udp"))]);
        if let Err(e) = udp {
            assert!(
                matches!(e, PortError::InUse { .. }),
                "udp port {port} taken by chance: {e}"
            );
        }
    }

    #[test]
    fn a_busy_udp_port_is_named() {
        let held = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = held.local_addr().unwrap().port();
        let err = allocator(1024)
            .run(&[spec(&format!("127.0.0.1:{port}:53/udp"))])
            .unwrap_err();
        assert!(err.to_string().contains(&format!("{port}/udp")), "{err}");
    }

    #[test]
    fn a_privileged_port_names_the_sysctl() {
        let err = allocator(1024).run(&[spec("80:80")]).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("port 80/tcp") && text.contains("net.ipv4.ip_unprivileged_port_start"),
            "{text}"
        );
        assert!(
            err.hint()
                .unwrap()
                .contains("sysctl -w net.ipv4.ip_unprivileged_port_start=80")
        );
        assert!(unprivileged_port_start() > 0);
    }

    #[test]
    fn the_same_host_port_twice_is_refused() {
        let free = allocator(1024).random_port(None, Protocol::Tcp).unwrap();
        let err = allocator(1024)
            .run(&[
                spec(&format!("{free}:80")),
                spec(&format!("127.0.0.1:{free}:81")),
            ])
            .unwrap_err();
        assert!(matches!(err, PortError::Duplicate { .. }), "{err}");
        let both = allocator(1024)
            .run(&[spec(&format!("{free}:80")), spec(&format!("{free}:80/udp"))])
            .unwrap();
        assert_eq!(both.len(), 2);
    }

    #[test]
    fn a_host_range_for_one_container_port_takes_the_first_free_port() {
        let held = TcpListener::bind("0.0.0.0:0").unwrap();
        let busy = held.local_addr().unwrap().port();
        if busy == u16::MAX {
            return;
        }
        let mappings = allocator(1024)
            .run(&[spec(&format!("{busy}-{}:80", busy + 1))])
            .unwrap_or_else(|e| panic!("port {} taken by chance: {e}", busy + 1));
        assert_eq!(mappings.len(), 1);
        assert_eq!(
            (mappings[0].host_port, mappings[0].container_port),
            (busy + 1, 80)
        );
        let err = allocator(1024)
            .run(&[spec(&format!("{busy}-{busy}:80"))])
            .unwrap_err();
        assert!(matches!(err, PortError::InUse { .. }), "{err}");
    }

    #[test]
    fn ranges_map_one_to_one() {
        let free = allocator(1024).random_port(None, Protocol::Udp).unwrap();
        if free > u16::MAX - 3 {
            return;
        }
        let mappings = allocator(1024)
            .run(&[spec(&format!("{free}-{}:50-52/udp", free + 2))])
            .unwrap_or_else(|e| panic!("ports after {free} taken by chance: {e}"));
        assert_eq!(
            mappings
                .iter()
                .map(|m| (m.host_port, m.container_port))
                .collect::<Vec<_>>(),
            [(free, 50), (free + 1, 51), (free + 2, 52)]
        );
    }

    #[test]
    fn formats_like_docker() {
        let m = |ip: Option<&str>, host, container, protocol| PortMapping {
            host_ip: ip.map(|i| i.parse().unwrap()),
            host_port: host,
            container_port: container,
            protocol,
        };
        assert_eq!(
            m(None, 8080, 80, Protocol::Tcp).to_string(),
            "0.0.0.0:8080->80/tcp"
        );
        assert_eq!(
            m(Some("::1"), 8080, 80, Protocol::Udp).to_string(),
            "[::1]:8080->80/udp"
        );
        assert_eq!(
            m(Some("127.0.0.1"), 8080, 80, Protocol::Tcp).port_line(),
            "80/tcp -> 127.0.0.1:8080"
        );
        let ps = ps_column(&[
            m(None, 8000, 80, Protocol::Tcp),
            m(None, 8001, 81, Protocol::Tcp),
            m(None, 8002, 82, Protocol::Tcp),
            m(None, 8003, 83, Protocol::Udp),
            m(Some("::1"), 9000, 90, Protocol::Tcp),
            m(Some("::1"), 9001, 91, Protocol::Tcp),
        ]);
        assert_eq!(
            ps,
            "0.0.0.0:8000-8002->80-82/tcp, 0.0.0.0:8003->83/udp, [::1]:9000-9001->90-91/tcp"
        );
        let json = serde_json::to_string(&m(Some("127.0.0.1"), 8080, 80, Protocol::Tcp)).unwrap();
        assert_eq!(
            json,
            r#"{"host_ip":"127.0.0.1","host_port":8080,"container_port":80,"protocol":"tcp"}"#
        );
        assert_eq!(
            serde_json::from_str::<PortMapping>(&json).unwrap(),
            m(Some("127.0.0.1"), 8080, 80, Protocol::Tcp)
        );
    }
}
