//! `network connect` and `network disconnect` (issue 17): the container's record changes under
//! its lock, its address is leased or released under networks/.lock, and a running container
//! gets or loses its interface and its DNS names at once (`network::live`). A stopped one is
//! connected as its record says at its next start.

use std::net::Ipv4Addr;

use super::record::{ContainerRecord, Paths};
use super::status;
use super::{ContainerError, Engine};
use crate::monitor::network::NETWORKS_FILE;
use crate::monitor::state::Running;
use crate::network::dns::{self, DnsEntry};
use crate::network::live::{self, LinkChange, LinkSpec};
use crate::network::mode::Attachment;
use crate::network::{NetworkError, NetworkMode, holder};
use crate::networks::{Network, Networks};
use crate::state::events::{self, Event};

/// What `network connect` asks for.
#[derive(Debug, Clone, Default)]
pub struct ConnectRequest {
    pub aliases: Vec<String>,
    pub ip: Option<Ipv4Addr>,
    pub ip6: Option<std::net::Ipv6Addr>,
    pub mac: Option<[u8; 6]>,
}

/// The attachments of a container that can be connected: one on user-defined networks.
impl ConnectRequest {
    /// `--alias`, `--ip` and `--mac-address` as given on the command line or in an API body.
    pub fn parse(
        aliases: Vec<String>,
        ip: Option<&str>,
        mac: Option<&str>,
    ) -> Result<ConnectRequest, ContainerError> {
        let ip = ip
            .filter(|ip| !ip.is_empty())
            .map(|ip| {
                ip.parse()
                    .map_err(|_| ContainerError::invalid("--ip", ip, "not an IPv4 address"))
            })
            .transpose()?;
        let mac = mac
            .filter(|mac| !mac.is_empty())
            .map(|mac| {
                crate::network::bridge::parse_mac(mac).ok_or_else(|| {
                    ContainerError::invalid(
                        "--mac-address",
                        mac,
                        "not a unicast MAC address (six hexadecimal bytes: 02:42:ac:11:00:02)",
                    )
                })
            })
            .transpose()?;
        Ok(ConnectRequest {
            aliases,
            ip,
            ip6: None,
            mac,
        })
    }

    /// `--ip6`: the container's address on a dual-stack network.
    pub fn with_ip6(self, ip6: Option<&str>) -> Result<ConnectRequest, ContainerError> {
        let ip6 = ip6
            .filter(|ip| !ip.is_empty())
            .map(|ip| {
                ip.parse()
                    .map_err(|_| ContainerError::invalid("--ip6", ip, "not an IPv6 address"))
            })
            .transpose()?;
        Ok(ConnectRequest { ip6, ..self })
    }
}

fn attachments(record: &mut ContainerRecord) -> Result<&mut Vec<Attachment>, ContainerError> {
    let name = record.name.clone();
    match &mut record.run.network {
        NetworkMode::Bridge(attachments) => Ok(attachments),
        other => Err(ContainerError::NetworkModeFixed {
            name,
            mode: other.to_string(),
        }),
    }
}

fn event(engine: &Engine, action: &str, network: &Network, record: &ContainerRecord) {
    let event = Event::new("network", action, &network.id, &network.name)
        .with("container", record.id.to_string());
    events::record(&engine.runroot, &event);
}

/// Connects the container `name_or_id` to the network `network`.
pub fn connect(
    engine: &Engine,
    network: &str,
    name_or_id: &str,
    request: &ConnectRequest,
) -> Result<(), ContainerError> {
    let store = Networks::open(&engine.networks_dir);
    let network = store.get(network)?;
    let (mut record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    let id = record.id.clone();
    let container = record.name.clone();
    if attachments(&mut record)?
        .iter()
        .any(|a| a.network == network.name)
    {
        return Err(ContainerError::AlreadyConnected {
            name: container,
            network: network.name,
        });
    }
    let attachment = Attachment {
        network: network.name.clone(),
        aliases: request.aliases.clone(),
        ip: request.ip,
        ip6: request.ip6,
        mac: request.mac,
        network_id: None,
        link: None,
    };
    let resolved = super::network_use::lease(engine, &store, &id, &network, &attachment)?;
    let first = attachments(&mut record)?.is_empty();
    let status = status::of(&paths);
    if let Some(running) = status.running() {
        if let Err(e) = super::network_use::publish_upstream(engine, &network)
            .and_then(|()| connect_running(engine, &record, running, &resolved, first))
        {
            let _ = store.release(&network.name, id.as_str());
            return Err(e);
        }
    }
    let list = attachments(&mut record)?;
    list.push(resolved.clone());
    write(&record, &paths)?;
    if status.is_running() {
        tell_monitor(&record, &paths)?;
        // Its first network since it lost its last: its address and DNS are on this one.
        if first {
            super::network::rewrite_etc(&record, &paths, resolved.link.as_ref())?;
        }
    }
    event(engine, "connect", &network, &record);
    Ok(())
}

/// The running container's monitor connects the networks of the record, not those it started
/// with, if it restarts the container.
fn tell_monitor(record: &ContainerRecord, paths: &Paths) -> Result<(), ContainerError> {
    let NetworkMode::Bridge(networks) = &record.run.network else {
        return Ok(());
    };
    let path = paths.run_dir.join(NETWORKS_FILE);
    crate::state::atomic::write_json(&path, networks).map_err(ContainerError::io("write", &path))
}

fn write(record: &ContainerRecord, paths: &Paths) -> Result<(), ContainerError> {
    record
        .write(paths)
        .map_err(ContainerError::io("write", &paths.config()))
}

/// The new interface, then the container's names on the network, counted while its monitor
/// lives (as those the monitor publishes at start).
fn connect_running(
    engine: &Engine,
    record: &ContainerRecord,
    running: &Running,
    attachment: &Attachment,
    first: bool,
) -> Result<(), ContainerError> {
    let link = attachment
        .link
        .clone()
        .expect("resolved attachments have a link");
    let holder = holder_of(engine, record)?;
    live::change(&LinkSpec {
        holder,
        pid: running.pid,
        change: LinkChange::Attach {
            link: link.clone(),
            default_route: first,
        },
    })
    .map_err(NetworkError::from)?;
    let Some(entry) = DnsEntry::of(&record.name, record.id.short(), attachment, running.monitor)
    else {
        return Ok(());
    };
    let dir = holder::dir(&engine.runroot);
    dns::register(&dir, &attachment.network, record.id.as_str(), &entry)
        .map_err(ContainerError::io("publish the container's name in", &dir))?;
    Ok(())
}

/// The running holder of a running container on user-defined networks: its monitor keeps it.
fn holder_of(engine: &Engine, record: &ContainerRecord) -> Result<i32, ContainerError> {
    holder::running(&engine.runroot).ok_or_else(|| ContainerError::MonitorGone(record.name.clone()))
}

/// Disconnects the container `name_or_id` from the network `network`. With `force` the record
/// and the lease change even when a running container's interface cannot be removed.
pub fn disconnect(
    engine: &Engine,
    network: &str,
    name_or_id: &str,
    force: bool,
) -> Result<(), ContainerError> {
    let store = Networks::open(&engine.networks_dir);
    let network = store.get(network)?;
    let (mut record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    let container = record.name.clone();
    let list = attachments(&mut record)?;
    let Some(at) = list.iter().position(|a| a.network == network.name) else {
        return Err(ContainerError::NotConnected {
            name: container,
            network: network.name,
        });
    };
    let removed = list.remove(at);
    let new_first = (at == 0).then(|| list.first().and_then(|a| a.link.clone()));
    if let Some(running) = status::of(&paths).running() {
        let detached = match &removed.link {
            Some(link) => holder_of(engine, &record).and_then(|holder| {
                live::change(&LinkSpec {
                    holder,
                    pid: running.pid,
                    change: LinkChange::Detach {
                        mac: link.mac,
                        // A network with a metric has its default route already.
                        route_via: new_first
                            .clone()
                            .flatten()
                            .filter(|l| l.metric.is_none())
                            .and_then(|l| l.default_gateway()),
                    },
                })
                .map_err(|e| NetworkError::from(e).into())
            }),
            None => Ok(()),
        };
        match detached {
            Err(e) if !force => return Err(e),
            Err(e) => tracing::warn!("{e}"),
            Ok(()) => {}
        }
        let dir = holder::dir(&engine.runroot);
        let _ = std::fs::remove_file(dns::entry_path(&dir, &network.name, record.id.as_str()));
    }
    write(&record, &paths)?;
    if status::of(&paths).is_running() {
        tell_monitor(&record, &paths)?;
        // The /etc files named its address and DNS on the network that went.
        if let Some(first) = new_first {
            super::network::rewrite_etc(&record, &paths, first.as_ref())?;
        }
    }
    store.release(&network.name, record.id.as_str())?;
    event(engine, "disconnect", &network, &record);
    Ok(())
}
