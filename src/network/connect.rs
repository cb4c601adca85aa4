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
    let mut connecting = Connecting {
        run_dir: run_dir.to_path_buf(),
        state: None,
        lingers: !holds_host_ports(mode, ports),
    };
    let target = NetnsTarget::Path {
        netns,
        userns: None,
    };
    connecting.state = Some(match mode {
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
    });
    Ok(Some(connecting))
}

/// Whether the helper listens on host ports: then a start that follows the container's end
/// needs it gone, not merely killed.
fn holds_host_ports(mode: &NetworkMode, ports: &[PortMapping]) -> bool {
    !ports.is_empty() || matches!(mode, NetworkMode::Pasta(o) if !o.args.is_empty())
}

/// A helper on its way to configuring the container's namespace. Dropped unfinished, it is
/// killed and the namespace's bind mount undone.
pub struct Connecting {
    run_dir: PathBuf,
    state: Option<Pending>,
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
    pub fn finish(mut self) -> Result<Connection, HelperError> {
        let (helper, info) = match self.state.take() {
            Some(Pending::Pasta(starting)) => starting.wait()?,
            Some(Pending::Started(started)) => started,
            None => unreachable!("a Connecting is made with its state"),
        };
        // The mount stays for the helper's life: Connection's end undoes it.
        let run_dir = std::mem::take(&mut self.run_dir);
        Ok(Connection {
            helper,
            info,
            run_dir,
            lingers: self.lingers,
        })
    }
}

impl Drop for Connecting {
    fn drop(&mut self) {
        // Finished: the Connection owns the mount now.
        if self.run_dir.as_os_str().is_empty() {
            return;
        }
        drop(self.state.take());
        disconnect(&self.run_dir);
    }
}

/// A helper that configured the container's namespace and serves it until [`Connection::end`].
pub struct Connection {
    helper: Helper,
    pub info: NetworkInfo,
    run_dir: PathBuf,
    lingers: bool,
}

impl Connection {
    /// Kills the helper as the container ends and undoes the bind mount. A helper that holds
    /// no host port is returned still dying: its exit (the kernel's teardown of its tap device
    /// and sockets takes tens of ms) then overlaps the rest of the container's end, and
    /// dropping it reaps it. One that holds ports is reaped here, so that a start that
    /// follows can bind them.
    pub fn end(mut self) -> Option<Helper> {
        disconnect(&self.run_dir);
        if self.lingers {
            self.helper.kill();
            Some(self.helper)
        } else {
            let _ = self.helper.stop();
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
