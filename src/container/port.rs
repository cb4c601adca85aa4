//! `port`: a container's published ports, as docker prints them.

use super::{ContainerError, Engine};
use crate::network::{PortMapping, Protocol};

fn parse_port(text: &str) -> Result<(u16, Protocol), ContainerError> {
    let bad = || ContainerError::invalid("port", text, "expected PORT or PORT/tcp or PORT/udp");
    let (port, protocol) = match text.split_once('/') {
        None => (text, Protocol::Tcp),
        Some((port, "tcp")) => (port, Protocol::Tcp),
        Some((port, "udp")) => (port, Protocol::Udp),
        Some(_) => return Err(bad()),
    };
    Ok((port.parse().map_err(|_| bad())?, protocol))
}

/// docker's `0.0.0.0:8080`, the host side of `port_line`.
fn host_side(m: &PortMapping) -> String {
    m.port_line()
        .split_once(" -> ")
        .map(|(_, host)| host.to_string())
        .unwrap_or_default()
}

/// Every mapping as `80/tcp -> 0.0.0.0:8080`, or with `wanted` (`80`, `80/udp`) the host
/// addresses that container port is published on.
pub fn published(
    engine: &Engine,
    name_or_id: &str,
    wanted: Option<&str>,
) -> Result<Vec<String>, ContainerError> {
    let (record, _) = engine.find(name_or_id)?;
    let ports = &record.run.ports;
    let Some(wanted) = wanted else {
        return Ok(ports.iter().map(PortMapping::port_line).collect());
    };
    let (port, protocol) = parse_port(wanted)?;
    let found: Vec<String> = ports
        .iter()
        .filter(|m| m.container_port == port && m.protocol == protocol)
        .map(host_side)
        .collect();
    if found.is_empty() {
        return Err(ContainerError::invalid(
            "port",
            wanted,
            format!(
                "no public port {port}/{protocol} published for {}",
                record.name
            ),
        ));
    }
    Ok(found)
}
