//! `network connect` and `disconnect` of a running container: the veth pair is made or removed
//! at once, by a helper (`rpod __net-link SPEC`) that joins the holder's user and network
//! namespaces as a monitor does at start. The helper is a fresh process because joining a
//! user namespace needs one that never started a thread.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use nix::sched::{CloneFlags, setns};
use serde::{Deserialize, Serialize};

use super::bridge::{self, BridgeLink};

pub const SUBCOMMAND: &str = "__net-link";

/// What the helper does to the network namespace of the init `pid`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum LinkChange {
    /// A new interface on the link's network, with the default route via its gateway when
    /// it is the container's first network.
    Attach {
        link: BridgeLink,
        default_route: bool,
    },
    /// The interface with this MAC address goes; when it was the first network's, the one
    /// now first gives the default route (`route_via`, its gateway).
    Detach {
        mac: [u8; 6],
        route_via: Option<std::net::Ipv4Addr>,
    },
    /// `network reload`: the holder's rules where they are missing, and an interface for each
    /// of the container's networks (in order) that has none with its MAC address; the first
    /// network's gives the default route again.
    Restore { links: Vec<BridgeLink> },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkSpec {
    /// The holder, whose namespaces hold the networks' bridges.
    pub holder: i32,
    /// The container's init.
    pub pid: i32,
    pub change: LinkChange,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot change the running container's network interfaces: {0}")]
pub struct LinkError(String);

/// Runs the helper for `spec` and waits for it; its complaint is the error.
pub fn change(spec: &LinkSpec) -> Result<(), LinkError> {
    let exe = std::env::current_exe().map_err(|e| LinkError(format!("cannot find rpod: {e}")))?;
    let json = serde_json::to_string(spec).map_err(|e| LinkError(e.to_string()))?;
    let output = Command::new(&exe)
        .arg(SUBCOMMAND)
        .arg(json)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| LinkError(format!("cannot run {}: {e}", exe.display())))?;
    if output.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&output.stderr).trim().to_string();
    Err(LinkError(if text.is_empty() {
        output.status.to_string()
    } else {
        text
    }))
}

/// The helper's body: joins the holder's namespaces, then makes the change; the error is
/// for stderr.
pub fn helper_main(spec: &LinkSpec) -> Result<(), String> {
    for (kind, flag) in [
        ("user", CloneFlags::CLONE_NEWUSER),
        ("net", CloneFlags::CLONE_NEWNET),
    ] {
        let path = PathBuf::from(format!("/proc/{}/ns/{kind}", spec.holder));
        let file = File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        setns(&file, flag).map_err(|e| format!("cannot join {}: {e}", path.display()))?;
    }
    match &spec.change {
        LinkChange::Attach {
            link,
            default_route,
        } => bridge::attach_running(spec.pid, link, *default_route).map(drop),
        LinkChange::Detach { mac, route_via } => bridge::detach_running(spec.pid, *mac, *route_via),
        LinkChange::Restore { links } => {
            super::firewall::ensure().map_err(|e| e.to_string())?;
            bridge::restore(spec.pid, links)
        }
    }
    .map_err(|e| e.to_string())
}
