//! Connecting a container's fresh network namespace to the outside: the mode's helper,
//! pointed at a bind mount of the namespace.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use nix::mount::{MntFlags, MsFlags, mount, umount2};

use super::mode::NetworkMode;
use super::ports::PortMapping;
use super::{Helper, HelperError, NetnsTarget, NetworkInfo, pasta, slirp};

/// Where the namespace is bound, in the caller's run directory.
const NETNS_FILE: &str = "netns";

/// Starts the helper `mode` needs for the network namespace of `pid` (the container's init,
/// cloned but not yet started) with `ports` forwarded; None for modes without a helper.
/// [`Connecting::finish`] waits until it has configured the namespace.
///
/// The caller is the monitor: root in the user namespace that owns the container's network
/// namespace. pasta refuses to join a process there by pid (the target holds the same
/// capabilities as pasta), so it gets a bind mount of the namespace in the monitor's own
/// mount namespace, which disappears with the monitor.
pub fn begin(
    mode: &NetworkMode,
    pid: i32,
    ports: &[PortMapping],
    run_dir: &Path,
) -> Result<Option<Connecting>, HelperError> {
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
    // From here on a failure or a drop undoes the bind mount.
    let bind = NetnsBind(run_dir.to_path_buf());
    let target = NetnsTarget::Path {
        netns,
        userns: None,
    };
    let pending = match mode {
        NetworkMode::Pasta(options) => {
            Pending::Pasta(pasta::spawn(&target, ports, options, run_dir)?)
        }
        NetworkMode::Slirp4netns(options) => {
            Pending::Started(slirp::start(&target, ports, options, run_dir)?)
        }
        NetworkMode::None
        | NetworkMode::Host
        | NetworkMode::Container(_)
        | NetworkMode::Bridge(_) => return Ok(None),
    };
    Ok(Some(Connecting {
        pending,
        bind,
        lingers: !holds_host_ports(mode, ports),
    }))
}

/// Whether the helper listens on host ports: then a start that follows the container's end
/// needs it gone, not merely killed.
fn holds_host_ports(mode: &NetworkMode, ports: &[PortMapping]) -> bool {
    !ports.is_empty() || matches!(mode, NetworkMode::Pasta(o) if !o.args.is_empty())
}

/// The namespace's bind mount in the run directory, undone when dropped.
struct NetnsBind(PathBuf);

impl Drop for NetnsBind {
    fn drop(&mut self) {
        disconnect(&self.0);
    }
}

/// A helper on its way to configuring the container's namespace. Dropped unfinished, it is
/// killed (the helper's drop) and then the namespace's bind mount undone.
pub struct Connecting {
    pending: Pending,
    bind: NetnsBind,
    lingers: bool,
}

enum Pending {
    Pasta(pasta::Starting),
    /// slirp4netns is waited for as it starts: its ports are forwarded through its API
    /// once it is ready, which is a conversation, not one wait.
    Started((Helper, NetworkInfo)),
}

impl Connecting {
    /// Waits until the helper has configured the namespace.
    pub fn finish(self) -> Result<Connection, HelperError> {
        let (helper, info) = match self.pending {
            Pending::Pasta(starting) => starting.wait()?,
            Pending::Started(started) => started,
        };
        Ok(Connection {
            helper,
            info,
            bind: self.bind,
            lingers: self.lingers,
        })
    }
}

/// A helper that configured the container's namespace and serves it until [`Connection::end`].
pub struct Connection {
    helper: Helper,
    pub info: NetworkInfo,
    bind: NetnsBind,
    lingers: bool,
}

impl Connection {
    /// Kills the helper as the container ends and undoes the bind mount. A helper that holds
    /// no host port is returned still dying: its exit (the kernel's teardown of its tap device
    /// and sockets takes tens of ms) then overlaps the rest of the container's end, and
    /// dropping it reaps it. One that holds ports is reaped here, so that a start that
    /// follows can bind them.
    pub fn end(self) -> Option<Helper> {
        let Connection {
            mut helper,
            bind,
            lingers,
            ..
        } = self;
        drop(bind);
        if lingers {
            helper.kill();
            Some(helper)
        } else {
            let _ = helper.stop();
            None
        }
    }
}

/// Undoes the bind mount of [`begin`], so that the run directory can be removed (a mount
/// point cannot be unlinked).
fn disconnect(run_dir: &Path) {
    let netns = run_dir.join(NETNS_FILE);
    // Nothing to undo is the common case (modes without a helper).
    if umount2(&netns, MntFlags::MNT_DETACH).is_ok() {
        let _ = fs::remove_file(&netns);
    }
}
