//! The host's default IPv4 route and the address of its interface: what pasta copies into the
//! container's namespace, so rpod can tell the container its address before it starts.

use std::fs;
use std::net::{Ipv4Addr, SocketAddrV4};

use nix::ifaddrs::getifaddrs;

use super::helper::HelperError;

const PROC_NET_ROUTE: &str = "/proc/net/route";

/// RTF_UP | RTF_GATEWAY from <linux/route.h>.
const RTF_UP_GATEWAY: u32 = 0x0003;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRoute {
    pub interface: String,
    pub gateway: Ipv4Addr,
    pub address: Ipv4Addr,
    pub prefix_len: u8,
}

/// The route pasta picks: the default route with the lowest metric, first listed on a tie.
pub fn default_route() -> Result<HostRoute, HelperError> {
    let table = fs::read_to_string(PROC_NET_ROUTE).map_err(|source| HelperError::HostNetwork {
        what: PROC_NET_ROUTE,
        source,
    })?;
    let (interface, gateway) = parse_default_route(&table).ok_or(HelperError::NoDefaultRoute)?;
    let (address, prefix_len) = interface_address(&interface)?;
    Ok(HostRoute {
        interface,
        gateway,
        address,
        prefix_len,
    })
}

/// /proc/net/route prints each address as the hex of its in-memory (network order) u32.
fn proc_hex_addr(hex: &str) -> Option<Ipv4Addr> {
    u32::from_str_radix(hex, 16)
        .ok()
        .map(|raw| Ipv4Addr::from(raw.to_ne_bytes()))
}

fn parse_default_route(table: &str) -> Option<(String, Ipv4Addr)> {
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [iface, dest, gateway, flags, _refcnt, _use, metric, mask, ..] = fields[..] else {
                return None;
            };
            let flags = u32::from_str_radix(flags, 16).ok()?;
            let is_default = dest == "00000000" && mask == "00000000";
            (is_default && flags & RTF_UP_GATEWAY == RTF_UP_GATEWAY).then_some(())?;
            let metric: u32 = metric.parse().ok()?;
            Some((metric, iface.to_string(), proc_hex_addr(gateway)?))
        })
        .min_by_key(|(metric, _, _)| *metric)
        .map(|(_, iface, gateway)| (iface, gateway))
}

fn interface_address(interface: &str) -> Result<(Ipv4Addr, u8), HelperError> {
    let addrs = getifaddrs().map_err(|e| HelperError::HostNetwork {
        what: "the host's interface addresses",
        source: e.into(),
    })?;
    addrs
        .filter(|a| a.interface_name == interface)
        .find_map(|a| {
            let address = a
                .address?
                .as_sockaddr_in()
                .map(|s| SocketAddrV4::from(*s))?;
            let mask = a
                .netmask?
                .as_sockaddr_in()
                .map(|s| SocketAddrV4::from(*s))?;
            let prefix_len = u32::from(*mask.ip()).leading_ones() as u8;
            Some((*address.ip(), prefix_len))
        })
        .ok_or_else(|| HelperError::NoInterfaceAddress {
            interface: interface.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
";

    #[test]
    fn picks_the_default_route_with_the_lowest_metric() {
        assert_eq!(
            parse_default_route(TABLE),
            Some(("eth0".to_string(), Ipv4Addr::new(192, 0, 2, 1)))
        );
        let only_link_routes = "Iface\tDestination\tGateway\n\
                                eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
        assert_eq!(parse_default_route(only_link_routes), None);
    }

    #[test]
    fn reads_this_hosts_route_when_it_has_one() {
        let table = fs::read_to_string(PROC_NET_ROUTE).unwrap();
        match parse_default_route(&table) {
            Some((iface, gateway)) => {
                let route = default_route().unwrap();
                assert_eq!((route.interface, route.gateway), (iface, gateway));
                assert!(route.prefix_len > 0 && route.prefix_len <= 32);
                assert!(!route.address.is_unspecified());
            }
            None => assert!(matches!(default_route(), Err(HelperError::NoDefaultRoute))),
        }
    }
}
