//! The few rtnetlink requests a bridged container needs (a bridge, a veth pair, addresses, a
//! default route), sent synchronously on a NETLINK_ROUTE socket: netlink-packet-route builds
//! and parses the messages, netlink-sys is the socket. No tokio: the monitor is single-threaded
//! and each request is answered at once.

use std::io;
use std::net::IpAddr;

use netlink_packet_core::{
    NLM_F_ACK, NLM_F_CREATE, NLM_F_DUMP, NLM_F_EXCL, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage,
    NetlinkPayload,
};
use netlink_packet_route::address::{AddressAttribute, AddressFlags, AddressMessage};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVeth, LinkAttribute, LinkFlags, LinkInfo, LinkMessage,
};
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteProtocol, RouteScope, RouteType,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{Socket, SocketAddr, protocols::NETLINK_ROUTE};

/// A NETLINK_ROUTE socket of the network namespace it was opened in.
pub struct Netlink {
    socket: Socket,
    seq: u32,
}

impl Netlink {
    /// Opens a socket in the calling thread's network namespace, which it keeps.
    pub fn open() -> io::Result<Netlink> {
        let mut socket = Socket::new(NETLINK_ROUTE)?;
        socket.bind_auto()?;
        socket.connect(&SocketAddr::new(0, 0))?;
        Ok(Netlink { socket, seq: 0 })
    }

    /// Sends one request and returns the kernel's answers up to its acknowledgement.
    fn request(
        &mut self,
        message: RouteNetlinkMessage,
        flags: u16,
    ) -> io::Result<Vec<RouteNetlinkMessage>> {
        self.seq += 1;
        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST | NLM_F_ACK | flags;
        header.sequence_number = self.seq;
        let mut packet = NetlinkMessage::new(header, NetlinkPayload::from(message));
        packet.finalize();
        let mut out = vec![0; packet.buffer_len()];
        packet.serialize(&mut out);
        self.socket.send(&out, 0)?;
        let mut answers = Vec::new();
        loop {
            let mut buf = Vec::with_capacity(32 * 1024);
            self.socket.recv(&mut buf, 0)?;
            let mut at = 0;
            while at < buf.len() {
                let reply = NetlinkMessage::<RouteNetlinkMessage>::deserialize(&buf[at..])
                    .map_err(io::Error::other)?;
                let len = reply.header.length as usize;
                match reply.payload {
                    NetlinkPayload::Error(e) if e.code.is_some() => return Err(e.to_io()),
                    NetlinkPayload::Error(_) | NetlinkPayload::Done(_) => return Ok(answers),
                    NetlinkPayload::InnerMessage(m) => answers.push(m),
                    _ => {}
                }
                if len == 0 {
                    break;
                }
                at += len.next_multiple_of(4);
            }
        }
    }

    /// The index of the interface `name`, or None when there is none.
    pub fn link_index(&mut self, name: &str) -> io::Result<Option<u32>> {
        let mut message = LinkMessage::default();
        message.attributes.push(LinkAttribute::IfName(name.into()));
        match self.request(RouteNetlinkMessage::GetLink(message), 0) {
            Ok(answers) => Ok(answers.into_iter().find_map(|m| match m {
                RouteNetlinkMessage::NewLink(l) => Some(l.header.index),
                _ => None,
            })),
            Err(e) if e.raw_os_error() == Some(libc::ENODEV) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn new_link(&mut self, message: LinkMessage) -> io::Result<()> {
        self.request(
            RouteNetlinkMessage::NewLink(message),
            NLM_F_CREATE | NLM_F_EXCL,
        )
        .map(drop)
    }

    /// Creates the bridge `name`, with `mtu` when given; an existing one is kept.
    pub fn add_bridge(&mut self, name: &str, mac: [u8; 6], mtu: Option<u32>) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.attributes = vec![
            LinkAttribute::IfName(name.into()),
            LinkAttribute::Address(mac.to_vec()),
            LinkAttribute::LinkInfo(vec![LinkInfo::Kind(InfoKind::Bridge)]),
        ];
        message.attributes.extend(mtu.map(LinkAttribute::Mtu));
        match self.new_link(message) {
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => Ok(()),
            other => other,
        }
    }

    /// Creates a veth pair: `name` here, `peer` with `peer_mac` in the network namespace of
    /// the process `peer_pid`; both ends with `mtu` when given.
    pub fn add_veth(
        &mut self,
        name: &str,
        peer: &str,
        peer_mac: [u8; 6],
        peer_pid: u32,
        mtu: Option<u32>,
    ) -> io::Result<()> {
        let mut peer_message = LinkMessage::default();
        peer_message.attributes = vec![
            LinkAttribute::IfName(peer.into()),
            LinkAttribute::Address(peer_mac.to_vec()),
            LinkAttribute::NetNsPid(peer_pid),
        ];
        peer_message.attributes.extend(mtu.map(LinkAttribute::Mtu));
        let mut message = LinkMessage::default();
        message.attributes = vec![
            LinkAttribute::IfName(name.into()),
            LinkAttribute::LinkInfo(vec![
                LinkInfo::Kind(InfoKind::Veth),
                LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(peer_message))),
            ]),
        ];
        message.attributes.extend(mtu.map(LinkAttribute::Mtu));
        self.new_link(message)
    }

    /// Brings the link up, enslaved to `master` when one is given.
    pub fn link_up(&mut self, index: u32, master: Option<u32>) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.header.index = index;
        message.header.flags = LinkFlags::Up;
        message.header.change_mask = LinkFlags::Up;
        if let Some(master) = master {
            message.attributes.push(LinkAttribute::Controller(master));
        }
        self.request(RouteNetlinkMessage::SetLink(message), 0)
            .map(drop)
    }

    /// Adds `address/prefix_len`; the same address already there is kept. An IPv6 address
    /// skips duplicate address detection: rpod leased it, and a tentative address would leave
    /// the container unreachable over IPv6 for its first second or two.
    pub fn add_address(&mut self, index: u32, address: IpAddr, prefix_len: u8) -> io::Result<()> {
        let mut message = AddressMessage::default();
        message.header.prefix_len = prefix_len;
        message.header.index = index;
        message.attributes = vec![AddressAttribute::Address(address)];
        match address {
            IpAddr::V4(_) => {
                message.header.family = AddressFamily::Inet;
                message.attributes.push(AddressAttribute::Local(address));
            }
            IpAddr::V6(_) => {
                message.header.family = AddressFamily::Inet6;
                message
                    .attributes
                    .push(AddressAttribute::Flags(AddressFlags::Nodad));
            }
        }
        match self.request(
            RouteNetlinkMessage::NewAddress(message),
            NLM_F_CREATE | NLM_F_EXCL,
        ) {
            Err(e) if e.raw_os_error() == Some(libc::EEXIST) => Ok(()),
            other => other.map(drop),
        }
    }

    /// The default route of `gateway`'s family via `gateway`.
    pub fn add_default_route(&mut self, gateway: IpAddr) -> io::Result<()> {
        self.add_route(None, gateway, None)
    }

    /// A route to `destination` (address and prefix length; None: the default route) via
    /// `gateway`, with `metric` as its priority.
    pub fn add_route(
        &mut self,
        destination: Option<(IpAddr, u8)>,
        gateway: IpAddr,
        metric: Option<u32>,
    ) -> io::Result<()> {
        let mut message = RouteMessage::default();
        message.header.address_family = match gateway {
            IpAddr::V4(_) => AddressFamily::Inet,
            IpAddr::V6(_) => AddressFamily::Inet6,
        };
        message.header.table = RouteHeader::RT_TABLE_MAIN;
        message.header.protocol = RouteProtocol::Static;
        message.header.scope = RouteScope::Universe;
        message.header.kind = RouteType::Unicast;
        message.attributes = vec![RouteAttribute::Gateway(RouteAddress::from(gateway))];
        if let Some((address, prefix_len)) = destination {
            message.header.destination_prefix_length = prefix_len;
            message
                .attributes
                .push(RouteAttribute::Destination(RouteAddress::from(address)));
        }
        if let Some(metric) = metric {
            message.attributes.push(RouteAttribute::Priority(metric));
        }
        self.request(
            RouteNetlinkMessage::NewRoute(message),
            NLM_F_CREATE | NLM_F_EXCL,
        )
        .map(drop)
    }

    /// The index of the interface whose hardware address is `mac`, or None.
    pub fn link_with_mac(&mut self, mac: [u8; 6]) -> io::Result<Option<u32>> {
        let answers = self.request(
            RouteNetlinkMessage::GetLink(LinkMessage::default()),
            NLM_F_DUMP,
        )?;
        Ok(answers.into_iter().find_map(|m| match m {
            RouteNetlinkMessage::NewLink(l) => l
                .attributes
                .iter()
                .any(|a| matches!(a, LinkAttribute::Address(a) if a.as_slice() == mac))
                .then_some(l.header.index),
            _ => None,
        }))
    }

    /// Deletes the interface `index` (both ends of a veth pair go).
    pub fn delete_link(&mut self, index: u32) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.header.index = index;
        self.request(RouteNetlinkMessage::DelLink(message), 0)
            .map(drop)
    }
}
