//! Container networking (layer 1): the `--network` mode, published ports, the user-mode helpers
//! that connect a private network namespace (pasta, slirp4netns), the container's
//! /etc/{hosts,resolv.conf,hostname} (`lo` is brought up by runtime::netdev).
//!
//! The monitor runs a helper as its child for the container's network namespace and stops it
//! when the container ends ([`helper::Helper`]). How the container reaches the host:
//! - pasta: the gateway address (the host's own default gateway, copied by pasta) is mapped to
//!   the host's loopback, so `host.containers.internal` is the gateway; DNS goes to
//!   [`pasta::DNS_FORWARD`], which pasta forwards to the host's first resolver.
//! - slirp4netns: 10.0.2.2 (the gateway) is the host's loopback unless
//!   `allow_host_loopback=false`; DNS is 10.0.2.3.
#![allow(unsafe_code)]

pub mod activation;
pub mod bridge;
mod configured;
pub mod connect;
pub mod dns;
pub mod etc_files;
pub mod etc_render;
pub mod firewall;
pub mod forward;
pub mod helper;
pub mod holder;
mod host_route;
pub mod live;
pub mod mode;
pub mod netlink;
pub mod pasta;
pub mod ports;
pub mod route;
pub mod slirp;
#[cfg(test)]
mod testutil;
pub mod vrf;

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use helper::{Helper, HelperError};
pub use mode::{ModeError, NetworkMode, PastaOptions, SlirpOptions};
pub use ports::{PortError, PortMapping, PortRequest, Protocol};

/// The network namespace a helper connects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetnsTarget {
    /// The namespaces of a running process: the helper joins its user namespace, then its
    /// network namespace. This needs the helper to be more privileged than the process in
    /// that user namespace — true for a helper started in the parent user namespace by its
    /// owner. A helper that runs as root *inside* the same user namespace as a target that
    /// still holds all its capabilities (the monitor and a fresh container init) is refused
    /// by pasta: use a `Path` to a bind mount of the namespace there.
    Pid(i32),
    /// A network namespace file: /proc/PID/ns/net or a bind mount of it. `userns` is the user
    /// namespace that owns it, or None when the helper already runs inside that one.
    Path {
        netns: PathBuf,
        userns: Option<PathBuf>,
    },
}

/// What a started helper gives the container, for its /etc files and for `inspect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkInfo {
    /// The interface in the container's namespace.
    pub interface: String,
    pub address: Ipv4Addr,
    pub prefix_len: u8,
    pub gateway: Ipv4Addr,
    /// Its address on a dual-stack user-defined network, listed in /etc/hosts too.
    pub address6: Option<std::net::Ipv6Addr>,
    /// The nameserver for the container's resolv.conf.
    pub dns: IpAddr,
    /// Where `host.containers.internal` points: an address the helper maps to the host's
    /// loopback; None when the container is kept off the host's loopback.
    pub host_address: Option<IpAddr>,
}

/// Every error of this module, for the error aggregator.
#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error(transparent)]
    Mode(#[from] ModeError),
    #[error(transparent)]
    Port(#[from] PortError),
    #[error(transparent)]
    Helper(#[from] HelperError),
    #[error(transparent)]
    EtcFiles(#[from] etc_files::EtcError),
    #[error(transparent)]
    Holder(#[from] holder::HolderError),
    #[error(transparent)]
    Bridge(#[from] bridge::BridgeError),
    #[error(transparent)]
    Link(#[from] live::LinkError),
}

impl NetworkError {
    pub fn hint(&self) -> Option<String> {
        match self {
            NetworkError::Mode(e) => e.hint(),
            NetworkError::Port(e) => e.hint(),
            NetworkError::Helper(e) => e.hint(),
            NetworkError::Holder(e) => e.hint(),
            NetworkError::EtcFiles(_) | NetworkError::Bridge(_) | NetworkError::Link(_) => None,
        }
    }
}
