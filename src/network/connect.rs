//! Connecting a container's fresh network namespace to the outside: the mode's helper,
//! pointed at a bind mount of the namespace.

use std::fs::{self, File};
use std::io;
use std::path::Path;

use nix::mount::{MntFlags, MsFlags, mount, umount2};

use super::mode::NetworkMode;
use super::ports::PortMapping;
use super::{Helper, HelperError, NetnsTarget, NetworkInfo, pasta, slirp};

/// Where the namespace is bound, in the caller's run directory.
const NETNS_FILE: &str = "netns";

/// Starts the helper `mode` needs for the network namespace of `pid` (the container's init,
/// created but not yet started) with `ports` forwarded, and returns it with what it
/// configured; None for modes without a helper.
///
/// The caller is the monitor: root in the user namespace that owns the container's network
/// namespace. pasta refuses to join a process there by pid (the target holds the same
/// capabilities as pasta), so it gets a bind mount of the namespace in the monitor's own
/// mount namespace, which disappears with the monitor.
pub fn connect(
    mode: &NetworkMode,
    pid: i32,
    ports: &[PortMapping],
    run_dir: &Path,
) -> Result<Option<(Helper, NetworkInfo)>, HelperError> {
    let Some(helper) = mode.helper_binary() else {
        return Ok(None);
    };
    let netns = run_dir.join(NETNS_FILE);
    let prepare = |source: io::Error| HelperError::Prepare {
        helper,
        what: "the network namespace",
        path: netns.clone(),
        source,
    };
    File::create(&netns).map_err(prepare)?;
    let source = format!("/proc/{pid}/ns/net");
    mount(
        Some(source.as_str()),
        &netns,
        None::<&str>,
        MsFlags::MS_BIND,
        None::<&str>,
    )
    .map_err(|e| prepare(e.into()))?;
    let target = NetnsTarget::Path {
        netns,
        userns: None,
    };
    let started = match mode {
        NetworkMode::Pasta(options) => pasta::start(&target, ports, options, run_dir),
        NetworkMode::Slirp4netns(options) => slirp::start(&target, ports, options, run_dir),
        NetworkMode::None
        | NetworkMode::Host
        | NetworkMode::Container(_)
        | NetworkMode::Bridge(_) => return Ok(None),
    };
    match started {
        Ok(started) => Ok(Some(started)),
        Err(e) => {
            disconnect(run_dir);
            Err(e)
        }
    }
}

/// Undoes the bind mount of [`connect`] once the helper is stopped, so that the run
/// directory can be removed (a mount point cannot be unlinked).
pub fn disconnect(run_dir: &Path) {
    let netns = run_dir.join(NETNS_FILE);
    // Nothing to undo is the common case (modes without a helper).
    if umount2(&netns, MntFlags::MNT_DETACH).is_ok() {
        let _ = fs::remove_file(&netns);
    }
}
