//! Containers on user-defined networks (issue 17): at create, each `--network NAME` becomes
//! the network's id and bridge and an address leased for the container; at rm the leases go.

use std::net::IpAddr;

use super::record::ContainerRecord;
use super::{ContainerError, Engine};
use crate::ids::ContainerId;
use crate::network::bridge::{self, BridgeLink, Link4, Link6};
use crate::network::dns::{self, Upstream};
use crate::network::mode::Attachment;
use crate::network::{NetworkMode, holder};
use crate::networks::{Network, Networks, NetworksError};

fn networks(engine: &Engine) -> Networks {
    Networks::open(&engine.networks_dir)
}

/// The network a `--network NAME` names; a missing one is a bad flag (exit 125), in podman's
/// words.
fn network(store: &Networks, name: &str) -> Result<Network, ContainerError> {
    store.get(name).map_err(|e| match e {
        NetworksError::NotFound(_) => ContainerError::invalid("--network", name, e.to_string()),
        other => other.into(),
    })
}

/// The networks of `attachments` must exist (checked before an image is pulled).
pub fn check(engine: &Engine, attachments: &[Attachment]) -> Result<(), ContainerError> {
    let store = networks(engine);
    for a in attachments {
        network(&store, &a.network)?;
    }
    Ok(())
}

/// Resolves every attachment for the container `id`: the network's id and bridge, an address
/// (the one asked for, or the next free one) and a MAC address.
pub fn resolve(
    engine: &Engine,
    id: &ContainerId,
    attachments: &[Attachment],
) -> Result<NetworkMode, ContainerError> {
    let store = networks(engine);
    let mut resolved = Vec::new();
    for a in attachments {
        let network = network(&store, &a.network)?;
        match lease(engine, &store, id, &network, a) {
            Ok(attachment) => resolved.push(attachment),
            Err(e) => {
                release_all(&store, id, &resolved);
                return Err(e);
            }
        }
    }
    Ok(NetworkMode::Bridge(resolved))
}

/// Leases an address on `network` for the container `id`: the one `a` asks for, or the next
/// free one; the attachment comes back with the network's id and the container's link.
pub fn lease(
    engine: &Engine,
    store: &Networks,
    id: &ContainerId,
    network: &Network,
    a: &Attachment,
) -> Result<Attachment, ContainerError> {
    let containers = engine.containers_dir();
    let is_live = |owner: &str| owner == id.as_str() || containers.join(owner).is_dir();
    // A network of `--ipam-driver none` leases nothing: its interfaces get no address.
    let v4 = match (network.v4(), a.ip) {
        (Some(config), want) => Some(Link4 {
            gateway: config.gateway,
            prefix_len: config.subnet.prefix_len,
            address: store.lease(network, id.as_str(), want, is_live)?,
        }),
        (None, Some(address)) => {
            return Err(NetworksError::NotInSubnet {
                address: address.into(),
                network: network.name.clone(),
            }
            .into());
        }
        (None, None) => None,
    };
    let v6 = match (network.v6(), a.ip6) {
        (None, None) => None,
        (config, want) => {
            let leased = store
                .lease6(network, id.as_str(), want, is_live)
                .inspect_err(|_| {
                    let _ = store.release(&network.name, id.as_str());
                })?;
            config.map(|c| Link6 {
                gateway: c.gateway,
                prefix_len: c.subnet.prefix_len,
                address: leased,
            })
        }
    };
    Ok(Attachment {
        network: network.name.clone(),
        network_id: Some(network.id.clone()),
        link: Some(link(network, v4, v6, a.mac)?),
        ..a.clone()
    })
}

fn link(
    network: &Network,
    v4: Option<Link4>,
    v6: Option<Link6>,
    mac: Option<[u8; 6]>,
) -> Result<BridgeLink, ContainerError> {
    let options = network.link_options()?;
    Ok(BridgeLink {
        bridge: network.network_interface.clone(),
        v4,
        mac: mac.unwrap_or_else(bridge::random_mac),
        dns: network.dns_enabled,
        internal: network.internal,
        v6,
        routes: network.routes.clone(),
        mtu: options.mtu,
        metric: options.metric,
        no_default_route: options.no_default_route,
    })
}

/// Tells the holder's DNS responder where `network`'s containers' other questions go.
pub(super) fn publish_upstream(engine: &Engine, network: &Network) -> Result<(), ContainerError> {
    let Some(config) = network.v4() else {
        return Ok(());
    };
    let upstream = Upstream {
        gateway: config.gateway,
        prefix_len: config.subnet.prefix_len,
        servers: network.network_dns_servers.clone(),
    };
    let dir = holder::dir(&engine.runroot);
    dns::set_upstream(&dir, &network.name, &upstream).map_err(ContainerError::io(
        "publish the network's DNS servers in",
        &dir,
    ))
}

/// At each start: the DNS servers of the container's networks as their records say now (the
/// run directory does not outlive a reboot; `network update` may have changed them). A network
/// removed since is left out: the container fails to connect to it anyway.
pub fn publish_upstreams(
    engine: &Engine,
    attachments: &[Attachment],
) -> Result<(), ContainerError> {
    let store = networks(engine);
    for a in attachments {
        if let Ok(network) = store.get(&a.network) {
            publish_upstream(engine, &network)?;
        }
    }
    Ok(())
}

/// `network update --dns-add/--dns-drop`: the record, then the responder, which running
/// containers use at once.
pub fn update_dns(
    engine: &Engine,
    name: &str,
    add: &[std::net::Ipv4Addr],
    drop: &[std::net::Ipv4Addr],
) -> Result<Network, ContainerError> {
    let network = networks(engine).update_dns(name, add, drop)?;
    publish_upstream(engine, &network)?;
    Ok(network)
}

fn release_all(store: &Networks, id: &ContainerId, attachments: &[Attachment]) {
    for a in attachments {
        let _ = store.release(&a.network, id.as_str());
    }
}

/// Gives back the addresses of a removed container.
pub fn release(engine: &Engine, record: &ContainerRecord) -> Result<(), ContainerError> {
    if let NetworkMode::Bridge(attachments) = &record.run.network {
        for a in attachments {
            match networks(engine).release(&a.network, record.id.as_str()) {
                Err(NetworksError::NotFound(_)) | Ok(()) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// The files of the container's leases, for a `--rm` monitor to remove with it.
pub fn lease_files(engine: &Engine, record: &ContainerRecord) -> Vec<std::path::PathBuf> {
    let NetworkMode::Bridge(attachments) = &record.run.network else {
        return Vec::new();
    };
    let store = networks(engine);
    attachments
        .iter()
        .filter_map(|a| Some((&a.network, a.link.as_ref()?)))
        .flat_map(|(network, link)| {
            let v6 = link.v6.map(|v6| IpAddr::V6(v6.address));
            [link.v4.map(|v4| IpAddr::V4(v4.address)), v6]
                .into_iter()
                .flatten()
                .map(|ip| store.lease_file(network, ip))
        })
        .collect()
}

/// The containers on the network `name`.
pub fn users(engine: &Engine, name: &str) -> Result<Vec<ContainerRecord>, ContainerError> {
    Ok(engine
        .list()?
        .into_iter()
        .map(|(record, _)| record)
        .filter(|r| match &r.run.network {
            NetworkMode::Bridge(attachments) => attachments.iter().any(|a| a.network == name),
            _ => false,
        })
        .collect())
}

/// `network rm`: a network in use is refused, unless `force`, which removes its containers
/// first (as podman does).
pub fn check_removable(engine: &Engine, name: &str, force: bool) -> Result<(), ContainerError> {
    check_removable_within(engine, name, force, None)
}

/// [`check_removable`], with `--time`: with `force`, the containers using the network are
/// given that many seconds to stop before they are killed (none: killed at once).
pub fn check_removable_within(
    engine: &Engine,
    name: &str,
    force: bool,
    time: Option<u32>,
) -> Result<(), ContainerError> {
    let users = users(engine, name)?;
    if users.is_empty() {
        return Ok(());
    }
    if !force {
        let names: Vec<&str> = users.iter().map(|r| r.name.as_str()).collect();
        return Err(NetworksError::InUse {
            network: name.to_string(),
            count: users.len(),
            names: names.join(", "),
        }
        .into());
    }
    for record in users {
        // A pod's infra container goes with its pod, as podman's `network rm -f` does.
        match record.run.pod.as_ref().filter(|_| record.run.infra) {
            Some(pod) => match super::pod::remove(engine, pod, true, time.or(Some(0)), None) {
                Ok(_) | Err(ContainerError::Pods(crate::pods::PodsError::NotFound(_))) => {}
                Err(e) => return Err(e),
            },
            None => {
                if let Some(secs) = time {
                    super::stop::stop(engine, record.id.as_str(), Some(secs))?;
                }
                super::remove::remove(engine, record.id.as_str(), true, false)?;
            }
        }
    }
    Ok(())
}
