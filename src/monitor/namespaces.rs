//! The namespaces the monitor enters before it assembles the container's root: its own user
//! namespace, another container's, or the rootless network namespace holder's.

use nix::sched::CloneFlags;

use super::error::{Cause, MonitorError};
use super::spec::MonitorSpec;
use crate::network::holder::{self, HolderRef};
use crate::runtime::spec::NetNamespace;
use crate::runtime::userns;

/// The container's user and mount namespaces (another container's, with
/// `--network`, `--ipc` or `--uts container:`).
/// A container on user-defined networks joins the rootless network namespace's user
/// namespace (and, for the netlink work of connecting it, its network namespace), holding a
/// share of it for the monitor's life, across restarts.
pub(super) fn enter(spec: &MonitorSpec) -> Result<Option<HolderRef>, MonitorError> {
    let userns_failed =
        |e: userns::UsernsError| MonitorError::UserNamespace(Cause::new(&e, e.hint()));
    let namespaces = &spec.init.namespaces;
    if namespaces.net == NetNamespace::Bridge {
        let holder = holder::acquire(&spec.runroot, &spec.network.helper_dirs)
            .map_err(|e| MonitorError::Network(Cause::new(&e, e.hint())))?;
        let netns = holder.netns();
        userns::join(&holder.userns(), &[(&netns, CloneFlags::CLONE_NEWNET)])
            .map_err(userns_failed)?;
        return Ok(Some(holder));
    }
    match namespaces.joined_userns() {
        Some(userns) => userns::join(userns, &namespaces.joined()),
        None => userns::enter(namespaces.id_map, CloneFlags::CLONE_NEWNS),
    }
    .map_err(userns_failed)?;
    Ok(None)
}
