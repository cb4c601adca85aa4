//! The namespaces the monitor enters before it assembles the container's root: its own user
//! namespace, another container's, or the rootless network namespace holder's.

use nix::sched::CloneFlags;

use super::error::{Cause, MonitorError};
use super::spec::MonitorSpec;
use crate::network::NetworkMode;
use crate::network::forward::{self, Forwarder};
use crate::network::holder::{self, HolderRef};
use crate::runtime::spec::NetNamespace;
use crate::runtime::userns;

/// The container's user and mount namespaces (another container's, with
/// `--network`, `--ipc` or `--uts container:`).
/// A container on user-defined networks joins the rootless network namespace's user
/// namespace (and, for the netlink work of connecting it, its network namespace), holding a
/// share of it for the monitor's life, across restarts, and the forwarder of its published
/// ports.
pub(super) fn enter(spec: &MonitorSpec) -> Result<Option<BridgeHeld>, MonitorError> {
    let userns_failed =
        |e: userns::UsernsError| MonitorError::UserNamespace(Cause::new(&e, e.hint()));
    let namespaces = &spec.init.namespaces;
    if namespaces.net == NetNamespace::Bridge {
        let network_failed =
            |e: crate::network::NetworkError| MonitorError::Network(Cause::new(&e, e.hint()));
        // In the host's network namespace still: that is where the host ports are.
        let listeners = forward::bind(&spec.network.ports).map_err(|e| network_failed(e.into()))?;
        let holder = holder::acquire(&spec.runroot, &spec.network.helper_dirs)
            .map_err(|e| network_failed(e.into()))?;
        let netns = holder.netns();
        userns::join(&holder.userns(), &[(&netns, CloneFlags::CLONE_NEWNET)])
            .map_err(userns_failed)?;
        let forwarder = match first_address(&spec.network.mode) {
            Some(address) => forward::start(listeners, address, crate::runtime::fds::close_all_but)
                .map_err(|e| MonitorError::setup("start the port forwarder")(e.into()))?,
            None => None,
        };
        return Ok(Some(BridgeHeld {
            _holder: holder,
            _forwarder: forwarder,
        }));
    }
    match namespaces.joined_userns() {
        Some(userns) => userns::join(userns, &namespaces.joined()),
        None => userns::enter(namespaces.id_map, CloneFlags::CLONE_NEWNS),
    }
    .map_err(userns_failed)?;
    Ok(None)
}

/// What a container on user-defined networks holds for the monitor's life. The forwarder is
/// dropped (killed) before the share of the holder.
pub(super) struct BridgeHeld {
    _forwarder: Option<Forwarder>,
    _holder: HolderRef,
}

/// The container's address on its first network, where its published ports lead.
fn first_address(mode: &NetworkMode) -> Option<std::net::Ipv4Addr> {
    match mode {
        NetworkMode::Bridge(networks) => Some(networks.first()?.link.as_ref()?.v4?.address),
        _ => None,
    }
}
