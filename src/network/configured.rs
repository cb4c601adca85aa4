//! Noticing, over netlink, that pasta has configured a container's network namespace.
//!
//! pasta writes its pid file only once its whole start is done, and most of that start
//! comes after the namespace is configured: touching its packet buffers and pre-opening
//! sockets and pipes (Debian 12's pasta on a loaded host: configured 7-22 ms after its
//! exec, pid file 45-50 ms). A container started in between loses nothing: what it sends
//! waits in the tap device's queue, which pasta opened before configuring, until pasta
//! reads it. So when pasta has nothing to bind on the host (no published port, no option
//! of the user's), the container may start as soon as its default routes are there: pasta
//! adds each family's default route after the link is up and the address added, IPv6 last.

use std::fs::{self, File};
use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::path::Path;
use std::thread;

use netlink_packet_core::{
    NLM_F_DUMP, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage, NetlinkPayload,
};
use netlink_packet_route::route::{RouteHeader, RouteMessage};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{Socket, SocketAddr, protocols::NETLINK_ROUTE};
use nix::sched::{CloneFlags, setns};

use super::helper::EarlyReady;

const PROC_NET_IPV6_ROUTE: &str = "/proc/net/ipv6_route";

/// RTF_UP | RTF_GATEWAY, and RTF_REJECT (an unreachable route), from <linux/route.h>.
const RTF_UP_GATEWAY: u32 = 0x0003;
const RTF_REJECT: u32 = 0x0200;

/// A netlink socket in the container's network namespace that hears its routes being added.
pub struct RouteWatch {
    socket: Socket,
    /// The host has an IPv6 default route, which pasta copies: wait for it too.
    want_v6: bool,
    v4: bool,
    v6: bool,
}

impl RouteWatch {
    /// Subscribes to the route changes of the namespace bound at `netns` (the caller is
    /// root in the user namespace that owns it), then asks for its routes, so that a route
    /// added before the subscription is not missed. `want_v6`: an IPv6 default route is
    /// awaited too ([`host_has_v6_default`] says whether pasta adds one).
    pub fn open(netns: &Path, want_v6: bool) -> io::Result<RouteWatch> {
        let socket = socket_in(netns)?;
        socket.set_non_blocking(true)?;
        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST | NLM_F_DUMP;
        let mut request = RouteMessage::default();
        request.header.address_family = AddressFamily::Unspec;
        let mut packet = NetlinkMessage::new(
            header,
            NetlinkPayload::from(RouteNetlinkMessage::GetRoute(request)),
        );
        packet.finalize();
        let mut out = vec![0; packet.buffer_len()];
        packet.serialize(&mut out);
        socket.send(&out, 0)?;
        Ok(RouteWatch {
            socket,
            want_v6,
            v4: false,
            v6: false,
        })
    }
}

impl EarlyReady for RouteWatch {
    /// Reads what the kernel has queued; true once every default route pasta adds is there.
    fn ready(&mut self) -> io::Result<bool> {
        loop {
            let mut buf = Vec::with_capacity(32 * 1024);
            match self.socket.recv(&mut buf, 0) {
                Ok(_) => self.note(&buf),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(self.v4 && (self.v6 || !self.want_v6))
    }
}

impl RouteWatch {
    fn note(&mut self, buf: &[u8]) {
        let mut at = 0;
        while at < buf.len() {
            let Ok(message) = NetlinkMessage::<RouteNetlinkMessage>::deserialize(&buf[at..]) else {
                return;
            };
            if let NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewRoute(route)) =
                &message.payload
            {
                let default = route.header.destination_prefix_length == 0
                    && route.header.table == RouteHeader::RT_TABLE_MAIN;
                match route.header.address_family {
                    AddressFamily::Inet if default => self.v4 = true,
                    AddressFamily::Inet6 if default => self.v6 = true,
                    _ => {}
                }
            }
            let len = message.header.length as usize;
            if len == 0 {
                return;
            }
            at += len.next_multiple_of(4);
        }
    }
}

impl AsFd for RouteWatch {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.socket.as_fd()
    }
}

/// A NETLINK_ROUTE socket bound to the route groups of the namespace at `netns`, opened by
/// a thread that joins it and ends: the caller could not join its own network namespace
/// again (the host's, owned by a user namespace where it holds no capability).
fn socket_in(netns: &Path) -> io::Result<Socket> {
    let theirs = File::open(netns)?;
    thread::spawn(move || {
        setns(&theirs, CloneFlags::CLONE_NEWNET)?;
        let mut socket = Socket::new(NETLINK_ROUTE)?;
        let groups = (libc::RTMGRP_IPV4_ROUTE | libc::RTMGRP_IPV6_ROUTE) as u32;
        socket.bind(&SocketAddr::new(0, groups))?;
        Ok(socket)
    })
    .join()
    .map_err(|_| io::Error::other("the thread that opens the netlink socket panicked"))?
}

/// Whether the host has an IPv6 default route: pasta then gives the namespace one.
pub fn host_has_v6_default() -> bool {
    fs::read_to_string(PROC_NET_IPV6_ROUTE).is_ok_and(|table| has_v6_default(&table))
}

/// /proc/net/ipv6_route: destination, its prefix length, source, its prefix length, next
/// hop, metric, reference count, use count, flags, interface.
fn has_v6_default(table: &str) -> bool {
    table.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [
            _dest,
            dest_len,
            _src,
            _src_len,
            _next_hop,
            _metric,
            _refs,
            _use,
            flags,
            iface,
        ] = fields[..]
        else {
            return false;
        };
        let flags = u32::from_str_radix(flags, 16).unwrap_or(0);
        dest_len == "00"
            && iface != "lo"
            && flags & RTF_UP_GATEWAY == RTF_UP_GATEWAY
            && flags & RTF_REJECT == 0
    })
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{BoundNetns, Netns, TempDir, in_user_namespace, wait_for};
    use super::*;

    const HEARS: &str = "network::configured::tests::hears_both_default_routes_added";

    /// As the monitor watches: root in the user namespace that owns the container's network
    /// namespace, through a bind mount of it.
    #[test]
    fn hears_both_default_routes_added() {
        in_user_namespace(HEARS, || {
            let netns = Netns::sharing_userns();
            let dir = TempDir::new("configured");
            let bound = BoundNetns::new(&netns, dir.path());
            let ip = |args: &str| {
                let args: Vec<&str> = args.split(' ').collect();
                let out = netns.run(&args, "");
                assert!(out.status.success(), "{args:?}: {out:?}");
            };
            // No module to load for a device of its own: `lo` carries both routes.
            ip("ip link set lo up");
            // Before the watch: its first answer must hold it.
            ip("ip route add default dev lo");
            let mut watch = RouteWatch::open(bound.path(), true).unwrap();
            let mut v4_only = RouteWatch::open(bound.path(), false).unwrap();
            wait_for("the IPv4 default route", || v4_only.ready().unwrap());
            assert!(!watch.ready().unwrap(), "no IPv6 default route yet");
            ip("ip -6 route add default dev lo");
            wait_for("the IPv6 default route", || watch.ready().unwrap());
        });
    }

    #[test]
    fn an_ipv6_default_route_is_one_via_a_gateway_on_an_interface() {
        let via_gateway = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n";
        let on_link = "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n";
        let unreachable = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";
        assert!(has_v6_default(&format!("{on_link}{via_gateway}")));
        assert!(!has_v6_default(&format!("{on_link}{unreachable}")));
        assert!(!has_v6_default(""));
    }
}
