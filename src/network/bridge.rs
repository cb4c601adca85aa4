//! A container on user-defined networks: for each, a veth pair whose one end is on the
//! network's bridge in the holder's namespace and whose other end is the container's `ethN`,
//! with the container's address and, on the first, the default route via the gateway.
//!
//! The caller (the monitor) has joined the holder's user and network namespaces; the
//! container's network namespace is its init's, owned by that user namespace too.

use std::fs::File;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use nix::sched::{CloneFlags, setns};
use serde::{Deserialize, Serialize};

use super::NetworkInfo;
use super::netlink::Netlink;
use super::route::Route;

/// One network as the monitor connects it, every value chosen at create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BridgeLink {
    /// The bridge in the holder's namespace (the network's `network_interface`).
    pub bridge: String,
    /// The container's IPv4 address and the network's gateway; None on a network of
    /// `--ipam-driver none`, whose interfaces get no address.
    #[serde(flatten)]
    pub v4: Option<Link4>,
    pub mac: [u8; 6],
    /// The network answers container names (not `--disable-dns`).
    pub dns: bool,
    /// `--internal`: nothing is forwarded from the bridge.
    #[serde(default)]
    pub internal: bool,
    /// The network's IPv6 side (`network create --ipv6`), beside the IPv4 one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v6: Option<Link6>,
    /// The network's `--route`s, added in the container.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// `-o mtu=N`: the bridge's and both veth ends' MTU (else the kernel's 1500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
    /// `-o metric=N`: the default route's metric; such a network adds its default route
    /// wherever it is in the container's list, so that the lowest metric wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<u32>,
    /// `-o no_default_route=1`: no default route via this network's gateway.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_default_route: bool,
}

impl BridgeLink {
    /// Whether the container gets a default route via this network: `first` says it is the
    /// network that gives the default route when no metric decides.
    fn routes_default(&self, first: bool) -> bool {
        self.v4.is_some() && !self.no_default_route && (first || self.metric.is_some())
    }

    /// The gateway a default route via this network goes to, when it gives one.
    pub fn default_gateway(&self) -> Option<Ipv4Addr> {
        self.v4
            .filter(|_| !self.no_default_route)
            .map(|v4| v4.gateway)
    }
}

/// A container's IPv4 address on a network and the network's gateway (the bridge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link4 {
    pub gateway: Ipv4Addr,
    pub prefix_len: u8,
    pub address: Ipv4Addr,
}

/// A container's IPv6 address on a dual-stack network and the network's gateway (the bridge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link6 {
    pub gateway: Ipv6Addr,
    pub prefix_len: u8,
    pub address: Ipv6Addr,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot {action}: {source}")]
pub struct BridgeError {
    action: String,
    source: io::Error,
}

fn failed(action: impl Into<String>) -> impl FnOnce(io::Error) -> BridgeError {
    let action = action.into();
    move |source| BridgeError { action, source }
}

/// Opens a netlink socket in the network namespace of `pid`, then returns the calling
/// process to the namespace it was in; the socket stays where it was opened.
fn netlink_of(pid: i32) -> io::Result<Netlink> {
    let own = File::open("/proc/self/ns/net")?;
    let theirs = File::open(format!("/proc/{pid}/ns/net"))?;
    setns(&theirs, CloneFlags::CLONE_NEWNET)?;
    let opened = Netlink::open();
    setns(&own, CloneFlags::CLONE_NEWNET)?;
    opened
}

/// Connects the init `pid`'s network namespace to every network of `links`, in order
/// (`eth0`, `eth1`, …), and returns what the first gives the container.
/// None: the container is on no network (`network disconnect` took its last one); it has
/// only `lo` until a `network connect`.
pub fn attach(pid: i32, links: &[BridgeLink]) -> Result<Option<NetworkInfo>, BridgeError> {
    let mut holder = Netlink::open().map_err(failed("open netlink"))?;
    let mut inside = netlink_of(pid).map_err(failed("open netlink in the container"))?;
    // The default route goes via the first network that does not refuse one.
    let first = links.iter().position(|l| l.default_gateway().is_some());
    for (n, link) in links.iter().enumerate() {
        connect_link(&mut holder, &mut inside, pid, n, link, Some(n) == first)?;
    }
    Ok(links.first().and_then(info))
}

/// What the container's /etc files say of its first network: its address, the DNS responder
/// on the network's gateway, and the host. None when the network gives no address (the
/// files then list no address of the container's and no nameserver of rpod's).
pub fn info(first: &BridgeLink) -> Option<NetworkInfo> {
    let v4 = first.v4?;
    // pasta maps its gateway (the host's, copied into the holder's namespace) to the host's
    // loopback, as for a container on pasta; an internal network does not reach it.
    let host_address = match first.internal {
        true => None,
        false => super::host_route::default_route()
            .ok()
            .map(|r| IpAddr::V4(r.gateway)),
    };
    Some(NetworkInfo {
        interface: "eth0".into(),
        address: v4.address,
        prefix_len: v4.prefix_len,
        gateway: v4.gateway,
        address6: first.v6.map(|v6| v6.address),
        dns: IpAddr::V4(v4.gateway),
        host_address,
    })
}

/// Connects one network as the container's `eth{n}`: a veth pair from the network's bridge.
fn connect_link(
    holder: &mut Netlink,
    inside: &mut Netlink,
    pid: i32,
    n: usize,
    link: &BridgeLink,
    default_route: bool,
) -> Result<(), BridgeError> {
    let bridge = ensure_bridge(holder, link)?;
    let host_end = format!("rv{pid}n{n}");
    let peer = format!("eth{n}");
    holder
        .add_veth(&host_end, &peer, link.mac, pid as u32, link.mtu)
        .map_err(failed(format!("create the veth pair {host_end}")))?;
    let index = holder
        .link_index(&host_end)
        .map_err(failed(format!("find {host_end}")))?
        .ok_or_else(|| failed(format!("find {host_end}"))(io::ErrorKind::NotFound.into()))?;
    holder
        .link_up(index, Some(bridge))
        .map_err(failed(format!("add {host_end} to {}", link.bridge)))?;
    configure_peer(inside, &peer, link, default_route)
}

/// `network connect` of a running container: its first free `ethN` on the network of `link`,
/// with the default route when the caller says it is the container's first network.
pub fn attach_running(
    pid: i32,
    link: &BridgeLink,
    default_route: bool,
) -> Result<String, BridgeError> {
    let mut holder = Netlink::open().map_err(failed("open netlink"))?;
    let mut inside = netlink_of(pid).map_err(failed("open netlink in the container"))?;
    let mut n = 0;
    while inside
        .link_index(&format!("eth{n}"))
        .map_err(failed("list the container's interfaces"))?
        .is_some()
    {
        n += 1;
    }
    connect_link(&mut holder, &mut inside, pid, n, link, default_route)?;
    Ok(format!("eth{n}"))
}

/// `network reload` of a running container: each of `links` (its networks, in order) whose
/// interface is gone is attached again, with the default route when it is the first.
pub fn restore(pid: i32, links: &[BridgeLink]) -> Result<(), BridgeError> {
    let mut inside = netlink_of(pid).map_err(failed("open netlink in the container"))?;
    for (n, link) in links.iter().enumerate() {
        let present = inside
            .link_with_mac(link.mac)
            .map_err(failed("list the container's interfaces"))?;
        if present.is_none() {
            attach_running(pid, link, n == 0)?;
        }
    }
    Ok(())
}

/// `network disconnect` of a running container: the interface with the link's MAC address
/// goes, and the other end of its veth pair with it (one already gone is not an error); the
/// default route, which went with it if it was the first network's, then goes via
/// `route_via`.
pub fn detach_running(
    pid: i32,
    mac: [u8; 6],
    route_via: Option<Ipv4Addr>,
) -> Result<(), BridgeError> {
    let mut inside = netlink_of(pid).map_err(failed("open netlink in the container"))?;
    let found = inside
        .link_with_mac(mac)
        .map_err(failed("list the container's interfaces"))?;
    if let Some(index) = found {
        inside
            .delete_link(index)
            .map_err(failed(format!("remove the interface {}", format_mac(mac))))?;
    }
    match route_via {
        Some(gateway) => inside
            .add_default_route(IpAddr::V4(gateway))
            .map_err(failed(format!("route via {gateway}"))),
        None => Ok(()),
    }
}

/// The network's bridge with its gateway address, up; created by the first container.
fn ensure_bridge(holder: &mut Netlink, link: &BridgeLink) -> Result<u32, BridgeError> {
    let name = &link.bridge;
    if link.internal {
        super::firewall::mark_internal(name)
            .map_err(|e| failed(format!("keep {name} internal"))(io::Error::other(e)))?;
    }
    // A bridge given no address takes the lowest of its ports' and changes it as ports come
    // and go (a container restored or reconnected): its containers would then send to a
    // gateway address that is no longer the bridge's until their neighbour entry expires. An
    // address set at creation stays.
    holder
        .add_bridge(name, random_mac(), link.mtu)
        .map_err(failed(format!("create the bridge {name}")))?;
    let index = holder
        .link_index(name)
        .map_err(failed(format!("find the bridge {name}")))?
        .ok_or_else(|| failed(format!("find the bridge {name}"))(io::ErrorKind::NotFound.into()))?;
    if let Some(v4) = link.v4 {
        holder
            .add_address(index, IpAddr::V4(v4.gateway), v4.prefix_len)
            .map_err(failed(format!("give {name} the address {}", v4.gateway)))?;
    }
    if let Some(v6) = link.v6 {
        holder
            .add_address(index, IpAddr::V6(v6.gateway), v6.prefix_len)
            .map_err(failed(format!("give {name} the address {}", v6.gateway)))?;
    }
    holder
        .link_up(index, None)
        .map_err(failed(format!("bring {name} up")))?;
    Ok(index)
}

fn configure_peer(
    inside: &mut Netlink,
    name: &str,
    link: &BridgeLink,
    default_route: bool,
) -> Result<(), BridgeError> {
    let index = inside
        .link_index(name)
        .map_err(failed(format!("find {name} in the container")))?
        .ok_or_else(|| failed(format!("find {name}"))(io::ErrorKind::NotFound.into()))?;
    if let Some(v4) = link.v4 {
        inside
            .add_address(index, IpAddr::V4(v4.address), v4.prefix_len)
            .map_err(failed(format!("give {name} the address {}", v4.address)))?;
    }
    if let Some(v6) = link.v6 {
        inside
            .add_address(index, IpAddr::V6(v6.address), v6.prefix_len)
            .map_err(failed(format!("give {name} the address {}", v6.address)))?;
    }
    inside
        .link_up(index, None)
        .map_err(failed(format!("bring {name} up")))?;
    if let Some(v4) = link.v4.filter(|_| link.routes_default(default_route)) {
        inside
            .add_route(None, IpAddr::V4(v4.gateway), link.metric)
            .map_err(failed(format!("route via {}", v4.gateway)))?;
        if let Some(v6) = link.v6 {
            inside
                .add_route(None, IpAddr::V6(v6.gateway), link.metric)
                .map_err(failed(format!("route via {}", v6.gateway)))?;
        }
    }
    for route in &link.routes {
        let destination = route.destination;
        inside
            .add_route(
                Some((destination.addr(), destination.prefix_len())),
                route.gateway,
                route.metric,
            )
            .map_err(failed(format!("route {destination} via {}", route.gateway)))?;
    }
    Ok(())
}

/// A random, locally administered unicast MAC address, as the kernel gives a veth.
pub fn random_mac() -> [u8; 6] {
    let mut mac = [0u8; 6];
    let _ = getrandom::fill(&mut mac);
    mac[0] = (mac[0] & 0xfe) | 0x02;
    mac
}

/// `--mac-address`: six hexadecimal bytes separated by colons.
pub fn parse_mac(text: &str) -> Option<[u8; 6]> {
    let bytes: Vec<u8> = text
        .split(':')
        .map(|b| {
            (b.len() == 2)
                .then(|| u8::from_str_radix(b, 16).ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    let mac: [u8; 6] = bytes.try_into().ok()?;
    (mac[0] & 1 == 0).then_some(mac)
}

pub fn format_mac(mac: [u8; 6]) -> String {
    mac.map(|b| format!("{b:02x}")).join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macs() {
        assert_eq!(
            parse_mac("02:42:ac:11:00:02"),
            Some([2, 0x42, 0xac, 0x11, 0, 2])
        );
        assert_eq!(parse_mac("03:42:ac:11:00:02"), None, "multicast");
        assert_eq!(parse_mac("02:42:ac:11:00"), None);
        assert_eq!(parse_mac("02:42:ac:11:00:2"), None);
        let mac = random_mac();
        assert_eq!(mac[0] & 3, 2);
        assert_eq!(parse_mac(&format_mac(mac)), Some(mac));
    }
}
