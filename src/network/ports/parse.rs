//! docker's `-p` syntax and `-P`'s EXPOSEd ports, parsed.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{HostPorts, PortError, PortRange, PortRequest, Protocol};

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

fn parse_protocol(text: &str) -> Result<(&str, Protocol), &'static str> {
    match text.rsplit_once('/') {
        None => Ok((text, Protocol::Tcp)),
        Some((rest, "tcp")) => Ok((rest, Protocol::Tcp)),
        Some((rest, "udp")) => Ok((rest, Protocol::Udp)),
        Some((_, "sctp")) => {
            Err("sctp is not supported: the user-mode helpers forward tcp and udp")
        }
        Some(_) => Err("the protocol must be tcp or udp"),
    }
}

impl PortRequest {
    /// `[ip:][hostPort:]containerPort[/tcp|udp]`, ports or ranges (`8000-8010:80-90`), an empty
    /// or `0` host port for a random one (`127.0.0.1::80`), IPv6 addresses in brackets.
    pub fn parse(text: &str) -> Result<PortRequest, PortError> {
        let bad = |reason| PortError::Invalid {
            value: text.to_string(),
            reason,
        };
        let (rest, protocol) = parse_protocol(text).map_err(bad)?;
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
        Ok(PortRequest {
            host_ip,
            host,
            container,
            protocol,
        })
    }
}

/// `-P`: every EXPOSEd port (`80/tcp`, `53/udp`, `8000-8010`) to a random host port.
pub fn publish_all(exposed: &[String]) -> Result<Vec<PortRequest>, PortError> {
    exposed
        .iter()
        .map(|text| {
            let bad = |reason| PortError::Invalid {
                value: text.clone(),
                reason,
            };
            let (port, protocol) = parse_protocol(text).map_err(bad)?;
            let container = parse_range(port).ok_or_else(|| {
                bad("an exposed port must be a port or range between 1 and 65535")
            })?;
            Ok(PortRequest {
                host_ip: None,
                host: HostPorts::Random,
                container,
                protocol,
            })
        })
        .collect()
}
