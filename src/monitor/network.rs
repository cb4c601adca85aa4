//! The monitor's part of the container's network: the helper that connects its namespace, and
//! the /etc files that name the container's address, written before the container starts.

use std::fs;
use std::path::{Path, PathBuf};

use nix::unistd::Pid;

use super::error::{Cause, MonitorError};
use super::spec::{EtcSpec, MonitorSpec};
use crate::network::bridge::{self, BridgeLink};
use crate::network::connect::{self, Connection};
use crate::network::dns::{self, DnsEntry};
use crate::network::etc_render::{self, HostFiles};
use crate::network::holder;
use crate::network::mode::Attachment;
use crate::network::{Helper, NetworkInfo, NetworkMode, helper};
use crate::runtime::caps;
use crate::state::process::ProcessStamp;

/// What pasta and slirp4netns need in the container's user namespace: joining its network
/// namespace (SYS_ADMIN), configuring it (NET_ADMIN), and forwarding ports below 1024 to it.
const HELPER_CAPABILITIES: [&str; 3] = ["SYS_ADMIN", "NET_ADMIN", "NET_BIND_SERVICE"];

/// What connecting gave the container; the helper lives until [`Connected::disconnect`].
pub struct Connected {
    helper: Option<Connection>,
    pub info: Option<NetworkInfo>,
    /// The container's DNS entries on its networks, removed when it stops.
    names: Vec<PathBuf>,
}

impl Connected {
    /// Kills the helper as the container ends, leaving nothing in the run directory. A helper
    /// still dying is returned: dropping it reaps it (see [`Connection::end`]).
    pub fn disconnect(self) -> Option<Helper> {
        for path in &self.names {
            let _ = fs::remove_file(path);
        }
        self.helper.and_then(Connection::end)
    }
}

/// The networks of a running container as `network connect`/`disconnect` left them, in its
/// run directory: a restart by the monitor connects these, not those of its spec.
pub const NETWORKS_FILE: &str = "networks.json";

fn failed(message: impl ToString, hint: Option<String>) -> MonitorError {
    MonitorError::Network(Cause::new(message, hint))
}

/// The network helper started for a cloned init, while the init sets itself up.
pub struct Connecting {
    helper: Option<connect::Connecting>,
}

/// Starts the helper for the network namespace of the cloned (not yet set up) init.
pub fn begin(spec: &MonitorSpec, init: Pid) -> Result<Connecting, MonitorError> {
    let network = &spec.network;
    if network.mode.helper_binary().is_none() {
        return Ok(Connecting { helper: None });
    }
    helper::search_only(&network.helper_dirs);
    let set: Vec<u32> = HELPER_CAPABILITIES
        .iter()
        .filter_map(|name| caps::number(name).ok())
        .collect();
    caps::raise_ambient(&set)
        .map_err(|e| MonitorError::setup("keep capabilities for the network helper")(e.into()))?;
    let helper = connect::begin(&network.mode, init.as_raw(), &network.ports, &spec.run_dir)
        .map_err(|e| failed(&e, e.hint()))?;
    Ok(Connecting { helper })
}

impl Connecting {
    /// Waits for the helper, connects the init's namespace to its networks and writes its
    /// /etc files. `init` is set up, not yet started.
    pub fn finish(self, spec: &MonitorSpec, init: Pid) -> Result<Connected, MonitorError> {
        let network = &spec.network;
        if let NetworkMode::Bridge(at_start) = &network.mode {
            return attach_bridges(spec, at_start, init);
        }
        let helper = match self.helper {
            Some(connecting) => Some(connecting.finish().map_err(|e| failed(&e, e.hint()))?),
            None => None,
        };
        let info = helper.as_ref().map(|h| h.info.clone());
        if let Some(etc) = &network.etc {
            write_etc(spec, etc, info.as_ref())?;
        }
        let names = match &network.names_at {
            Some(owner) => register_names_at(spec, owner)?,
            None => Vec::new(),
        };
        Ok(Connected {
            helper,
            info,
            names,
        })
    }
}

fn attach_bridges(
    spec: &MonitorSpec,
    at_start: &[Attachment],
    init: Pid,
) -> Result<Connected, MonitorError> {
    let changed: Option<Vec<Attachment>> = fs::read(spec.run_dir.join(NETWORKS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let networks = changed.as_deref().unwrap_or(at_start);
    let links: Vec<BridgeLink> = networks.iter().filter_map(|n| n.link.clone()).collect();
    if links.len() != networks.len() {
        return Err(failed(
            "the container's networks were not resolved at create",
            None,
        ));
    }
    let info = bridge::attach(init.as_raw(), &links).map_err(|e| failed(e, None))?;
    let names = register_names(spec, networks)?;
    if let Some(etc) = &spec.network.etc {
        write_etc(spec, etc, info.as_ref())?;
    }
    Ok(Connected {
        helper: None,
        info,
        names,
    })
}

/// A pod member's name and short id, published on each network of its infra at the infra's
/// address (the member lives in the infra's network namespace).
fn register_names_at(spec: &MonitorSpec, owner: &str) -> Result<Vec<PathBuf>, MonitorError> {
    let dir = holder::dir(&spec.runroot);
    let mut paths = Vec::new();
    for (network, owners) in dns::entries_of(&dir, owner) {
        let entry = DnsEntry {
            names: own_names(spec).to_vec(),
            monitor: ProcessStamp::current(),
            ..owners
        };
        let path = dns::register(&dir, &network, &spec.container_id, &entry)
            .map_err(|e| failed(format!("cannot publish the container's name: {e}"), None))?;
        paths.push(path);
    }
    Ok(paths)
}

fn own_names(spec: &MonitorSpec) -> [String; 2] {
    [
        spec.name.clone(),
        spec.container_id.chars().take(12).collect(),
    ]
}

/// Publishes the container's name, short id and aliases on each of its networks that
/// answers names.
fn register_names(
    spec: &MonitorSpec,
    networks: &[Attachment],
) -> Result<Vec<PathBuf>, MonitorError> {
    let dir = holder::dir(&spec.runroot);
    let mut paths = Vec::new();
    let [name, short_id] = own_names(spec);
    for network in networks {
        let Some(entry) = DnsEntry::of(&name, &short_id, network, ProcessStamp::current()) else {
            continue;
        };
        let path = dns::register(&dir, &network.network, &spec.container_id, &entry)
            .map_err(|e| failed(format!("cannot publish the container's name: {e}"), None))?;
        paths.push(path);
    }
    Ok(paths)
}

fn write_etc(
    spec: &MonitorSpec,
    etc: &EtcSpec,
    info: Option<&NetworkInfo>,
) -> Result<(), MonitorError> {
    let files = etc_render::render(
        &spec.network.mode,
        info,
        &etc.hostname,
        &etc.name,
        &etc.dns,
        &HostFiles::read(),
    )
    .map_err(|e| failed(e, None))?;
    for (path, text) in [(&etc.hosts, files.hosts), (&etc.resolv, files.resolv)] {
        if let Some(path) = path {
            write_in_place(path, &text)?;
        }
    }
    Ok(())
}

/// The init has already bound the file over /etc/…: only the same inode, rewritten, is seen
/// through that mount (a rename would leave the container the old file).
fn write_in_place(path: &Path, text: &str) -> Result<(), MonitorError> {
    fs::write(path, text).map_err(|e| failed(format!("cannot write {}: {e}", path.display()), None))
}
