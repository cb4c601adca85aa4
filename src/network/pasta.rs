//! pasta(1) (Debian package passt) for a container's network namespace.
//!
//! pasta copies the host's address, default gateway and routes into the namespace
//! (`--config-net`). Choices, for pasta 2023_03_09 as Debian 12 ships it and later:
//! - `--foreground`: pasta stays our child, so stop() can kill and reap it and the kernel
//!   kills it if the monitor dies (see [`super::helper`]); it does not daemonize.
//! - `--pid FIFO`: pasta writes its pid once its start is done; a FIFO makes that write wake
//!   us at once instead of polling a file. With no published port and no option of the
//!   user's, the container need not wait that long: it starts once its namespace is
//!   configured ([`super::configured`]).
//! - `-t none -u none -T none -U none` unless ports or the user ask otherwise: pasta's default
//!   (`auto`) forwards every port the container listens on to the host, and every host port to
//!   the container's loopback.
//! - no `--no-map-gw`: connections to the gateway address reach the host's loopback, which is
//!   how a container reaches a server on the host's 127.0.0.1 (`host.containers.internal`).
//!   This pasta has no `--map-host-loopback`; the gateway mapping is its way. Users who want
//!   the container kept off the host's loopback pass `--network pasta:--no-map-gw`.
//! - `--dns-forward 169.254.1.1`: DNS sent there goes to the host's first resolver, even one on
//!   the host's loopback (systemd-resolved's 127.0.0.53), and answers come back from
//!   169.254.1.1. (`-D`, to name the resolver, is broken in this pasta: it is not used.)
//! - `--quiet`, output to a log file in the run directory: only warnings and errors, shown
//!   in the error when pasta fails to start.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::fcntl::{OFlag, open};
use nix::sys::stat::Mode;
use nix::unistd::mkfifo;

use super::configured::{self, RouteWatch};
use super::helper::{self, EarlyReady, Helper, HelperError};
use super::host_route::{self, HostRoute};
use super::mode::{PASTA, PastaOptions};
use super::ports::{PortMapping, Protocol};
use super::{NetnsTarget, NetworkInfo};

/// The nameserver the container uses; pasta forwards it to the host's resolver.
pub const DNS_FORWARD: Ipv4Addr = Ipv4Addr::new(169, 254, 1, 1);

const READY_FILE: &str = "pasta.ready";
const LOG_FILE: &str = "pasta.log";

/// Starts pasta for `target` with `ports` forwarded from the host, and waits until the
/// namespace is configured. `run_dir` is a private directory for pasta's log and ready FIFO.
pub fn start(
    target: &NetnsTarget,
    ports: &[PortMapping],
    options: &PastaOptions,
    run_dir: &Path,
) -> Result<(Helper, NetworkInfo), HelperError> {
    spawn(target, ports, options, run_dir)?.wait()
}

/// pasta started, not yet known to have configured the namespace.
pub struct Starting {
    helper: Helper,
    info: NetworkInfo,
    ready: OwnedFd,
    log: PathBuf,
    /// Tells when the namespace is configured, if that is all the container waits for.
    configured: Option<RouteWatch>,
}

/// Starts pasta as [`start`] does and returns without waiting: what it does until it is
/// ready (tens of ms: it configures the namespace over netlink) can overlap the caller's work.
pub fn spawn(
    target: &NetnsTarget,
    ports: &[PortMapping],
    options: &PastaOptions,
    run_dir: &Path,
) -> Result<Starting, HelperError> {
    let info = network_info(&host_route::default_route()?, &options.args);
    let ready_path = run_dir.join(READY_FILE);
    let log = run_dir.join(LOG_FILE);
    let ready = ready_fifo(&ready_path)?;
    let args = arguments(target, ports, options, &ready_path);
    let child = helper::spawn(PASTA, &args, &log, &[])?;
    // Made once pasta runs, which it does meanwhile; the routes it adds before are in the
    // watch's first answer.
    let configured = match target {
        NetnsTarget::Path { netns, .. } if ports.is_empty() && options.args.is_empty() => {
            RouteWatch::open(netns, configured::host_has_v6_default())
                .inspect_err(|e| tracing::debug!("waiting for pasta's pid file: {e}"))
                .ok()
        }
        _ => None,
    };
    Ok(Starting {
        helper: Helper::new(PASTA, child, vec![ready_path]),
        info,
        ready,
        log,
        configured,
    })
}

impl Starting {
    /// Waits until pasta is ready, or only until the namespace is configured when that is
    /// all the container needs; on failure the dropped helper is killed.
    pub fn wait(mut self) -> Result<(Helper, NetworkInfo), HelperError> {
        let early = self
            .configured
            .as_mut()
            .map(|watch| watch as &mut dyn EarlyReady);
        self.helper
            .wait_ready(self.ready.as_fd(), &self.log, early)?;
        // pasta may not have written yet: its FIFO keeps a reader until it is stopped.
        self.helper.hold(self.ready);
        Ok((self.helper, self.info))
    }
}

/// Opened for reading before pasta starts, so pasta's open for writing does not block, and
/// non-blocking so that we wait in poll, where we also notice pasta exiting.
fn ready_fifo(path: &Path) -> Result<OwnedFd, HelperError> {
    let prepare = |source: io::Error| HelperError::Prepare {
        helper: PASTA,
        what: "ready FIFO",
        path: path.to_path_buf(),
        source,
    };
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(prepare(e)),
        _ => {}
    }
    mkfifo(path, Mode::S_IRUSR | Mode::S_IWUSR).map_err(|e| prepare(e.into()))?;
    open(
        path,
        OFlag::O_RDONLY | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| prepare(e.into()))
}

/// pasta's forward syntax: `[address/]hostPort:containerPort`.
fn forward_spec(m: &PortMapping) -> String {
    match m.host_ip {
        Some(ip) => format!("{ip}/{}:{}", m.host_port, m.container_port),
        None => format!("{}:{}", m.host_port, m.container_port),
    }
}

/// Whether the user's pasta arguments set an option, in any of getopt's spellings.
fn has_option(args: &[String], short: &str, long: &str) -> bool {
    option_value(args, short, long).is_some()
        || args
            .iter()
            .any(|a| (!short.is_empty() && a == short) || a == long)
}

/// The value of the first occurrence of an option: `-a X`, `-aX`, `--address X`, `--address=X`.
fn option_value<'a>(args: &'a [String], short: &str, long: &str) -> Option<&'a str> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if (!short.is_empty() && arg == short) || arg == long {
            return iter.next().map(String::as_str);
        }
        if let Some(value) = arg.strip_prefix(long).and_then(|v| v.strip_prefix('=')) {
            return Some(value);
        }
        if !short.is_empty() && !arg.starts_with("--") && arg.len() > short.len() {
            if let Some(value) = arg.strip_prefix(short) {
                return Some(value);
            }
        }
    }
    None
}

fn arguments(
    target: &NetnsTarget,
    ports: &[PortMapping],
    options: &PastaOptions,
    ready: &Path,
) -> Vec<OsString> {
    let user = &options.args;
    let mut args: Vec<OsString> = ["--config-net", "--foreground", "--quiet", "--pid"]
        .map(OsString::from)
        .to_vec();
    args.push(ready.into());
    if !has_option(user, "", "--dns-forward") {
        args.extend(["--dns-forward".into(), DNS_FORWARD.to_string().into()]);
    }
    for m in ports {
        let flag = match m.protocol {
            Protocol::Tcp => "-t",
            Protocol::Udp => "-u",
        };
        args.extend([flag.into(), forward_spec(m).into()]);
    }
    args.extend(user.iter().map(OsString::from));
    let forwards = |protocol| ports.iter().any(|m| m.protocol == protocol);
    let defaults = [
        ("-t", "--tcp-ports", forwards(Protocol::Tcp)),
        ("-u", "--udp-ports", forwards(Protocol::Udp)),
        ("-T", "--tcp-ns", false),
        ("-U", "--udp-ns", false),
    ];
    for (short, long, given) in defaults {
        if !given && !has_option(user, short, long) {
            args.extend([short.into(), "none".into()]);
        }
    }
    match target {
        NetnsTarget::Pid(pid) => args.push(pid.to_string().into()),
        NetnsTarget::Path { netns, userns } => {
            if let Some(userns) = userns {
                args.extend(["--userns".into(), userns.into()]);
            }
            args.extend(["--netns".into(), netns.into()]);
        }
    }
    args
}

/// What the container will see, from the host's route and the user's overrides of it.
fn network_info(route: &HostRoute, user: &[String]) -> NetworkInfo {
    let v4 = |short, long| option_value(user, short, long).and_then(|v| v.parse::<Ipv4Addr>().ok());
    let prefix_len = option_value(user, "-n", "--netmask")
        .and_then(|v| {
            v.parse::<u8>().ok().filter(|bits| *bits <= 32).or_else(|| {
                v.parse::<Ipv4Addr>()
                    .ok()
                    .map(|m| u32::from(m).leading_ones() as u8)
            })
        })
        .unwrap_or(route.prefix_len);
    let gateway = v4("-g", "--gateway").unwrap_or(route.gateway);
    NetworkInfo {
        interface: option_value(user, "-I", "--ns-ifname")
            .unwrap_or(&route.interface)
            .to_string(),
        address: v4("-a", "--address").unwrap_or(route.address),
        prefix_len,
        gateway,
        address6: None,
        dns: IpAddr::V4(v4("", "--dns-forward").unwrap_or(DNS_FORWARD)),
        host_address: (!has_option(user, "", "--no-map-gw")).then_some(IpAddr::V4(gateway)),
    }
}

#[cfg(test)]
#[path = "pasta_tests.rs"]
mod tests;
