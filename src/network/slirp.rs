//! slirp4netns(1) for a container's network namespace.
//!
//! The command line, for slirp4netns 1.2 as Debian 12 ships it:
//! `slirp4netns --configure --mtu=65520 --enable-sandbox --enable-seccomp
//!  [--disable-host-loopback] --cidr=10.0.2.0/24 --ready-fd=N
//!  [--api-socket DIR/slirp4netns.sock] (PID | --netns-type=path [--userns-path=U] PATH) tap0`
//! - `--configure`: the container gets 10.0.2.100/24 on tap0, default route via 10.0.2.2,
//!   and 10.0.2.3 answers DNS by asking the host's resolver.
//! - no `--disable-host-loopback` by default: 10.0.2.2 then reaches the host's 127.0.0.1,
//!   which is `host.containers.internal` (podman disables it by default; rpod follows pasta,
//!   where the gateway reaches the host's loopback; `allow_host_loopback=false` opts out).
//! - `--enable-sandbox --enable-seccomp`, as podman: slirp4netns parses untrusted packets.
//! - `--ready-fd`: slirp4netns writes to it once tap0 is configured.
//! - no `--exit-fd`: the parent-death signal already takes slirp4netns along when the
//!   monitor dies, however it dies (see [`super::helper`]).
//! - ports are added through the API socket (`add_hostfwd`), only when there are any.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::net::IpAddr;
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::fcntl::OFlag;
use nix::unistd::pipe2;

use super::helper::{self, Helper, HelperError};
use super::mode::{SLIRP4NETNS, SlirpOptions};
use super::ports::PortMapping;
use super::{NetnsTarget, NetworkInfo};

/// The interface slirp4netns creates in the container.
pub const TAP: &str = "tap0";

const API_SOCKET: &str = "slirp4netns.sock";
const LOG_FILE: &str = "slirp4netns.log";
const API_TIMEOUT: Duration = Duration::from_secs(5);

/// The fixed layout of a slirp4netns network: container .100, gateway .2, DNS .3.
const CONTAINER_HOST: u32 = 100;
const GATEWAY_HOST: u32 = 2;
const DNS_HOST: u32 = 3;

/// Starts slirp4netns for `target`, waits until the namespace is configured, then forwards
/// `ports`. `run_dir` is a private directory for the log and the API socket.
pub fn start(
    target: &NetnsTarget,
    ports: &[PortMapping],
    options: &SlirpOptions,
    run_dir: &Path,
) -> Result<(Helper, NetworkInfo), HelperError> {
    if let Some(m) = ports
        .iter()
        .find(|m| matches!(m.host_ip, Some(IpAddr::V6(_))))
    {
        return Err(HelperError::Forward {
            mapping: m.to_string(),
            reason: "slirp4netns forwards IPv4 host addresses only; use pasta for IPv6".into(),
        });
    }
    let log = run_dir.join(LOG_FILE);
    let api = (!ports.is_empty()).then(|| run_dir.join(API_SOCKET));
    if let Some(api) = &api {
        // A socket left by an earlier run of this container would make the bind fail.
        match fs::remove_file(api) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(HelperError::Prepare {
                    helper: SLIRP4NETNS,
                    what: "API socket",
                    path: api.clone(),
                    source: e,
                });
            }
            _ => {}
        }
    }
    let (ready_read, ready_write) = pipe2(OFlag::O_CLOEXEC).map_err(|e| HelperError::Prepare {
        helper: SLIRP4NETNS,
        what: "ready pipe",
        path: run_dir.to_path_buf(),
        source: e.into(),
    })?;
    // A socket path must fit in sun_path (108 bytes), which a run directory under a long
    // $XDG_RUNTIME_DIR does not: both sides name the socket through a descriptor of the
    // directory instead, which slirp4netns inherits under the same number.
    let dir = open_dir(run_dir)?;
    let short_api = api
        .as_ref()
        .map(|_| PathBuf::from(format!("/proc/self/fd/{}/{API_SOCKET}", dir.as_raw_fd())));
    let args = arguments(
        target,
        options,
        ready_write.as_raw_fd(),
        short_api.as_deref(),
    );
    let child = helper::spawn(
        SLIRP4NETNS,
        &args,
        &log,
        &[ready_write.as_fd(), dir.as_fd()],
    )?;
    // Only slirp4netns may hold the write end, or its exit would never show as end of file.
    drop(ready_write);
    let mut helper = Helper::new(SLIRP4NETNS, child, api.iter().cloned().collect());
    helper.wait_ready(ready_read.as_fd(), &log, None)?;
    if let Some(api) = &short_api {
        for mapping in ports {
            add_hostfwd(api, mapping)?;
        }
    }
    Ok((helper, network_info(options)))
}

fn open_dir(dir: &Path) -> Result<OwnedFd, HelperError> {
    nix::fcntl::open(
        dir,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )
    .map_err(|e| HelperError::Prepare {
        helper: SLIRP4NETNS,
        what: "run directory",
        path: dir.to_path_buf(),
        source: e.into(),
    })
}

fn arguments(
    target: &NetnsTarget,
    options: &SlirpOptions,
    ready_fd: RawFd,
    api: Option<&Path>,
) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![
        "--configure".into(),
        format!("--mtu={}", options.mtu).into(),
        "--enable-sandbox".into(),
        "--enable-seccomp".into(),
        format!("--cidr={}", options.cidr).into(),
    ];
    if !options.allow_host_loopback {
        args.push("--disable-host-loopback".into());
    }
    if options.enable_ipv6 {
        args.push("--enable-ipv6".into());
    }
    if let Some(addr) = &options.outbound_addr {
        args.push(format!("--outbound-addr={addr}").into());
    }
    if let Some(addr) = &options.outbound_addr6 {
        args.push(format!("--outbound-addr6={addr}").into());
    }
    args.push(format!("--ready-fd={ready_fd}").into());
    if let Some(api) = api {
        args.extend(["--api-socket".into(), api.into()]);
    }
    match target {
        NetnsTarget::Pid(pid) => args.push(pid.to_string().into()),
        NetnsTarget::Path { netns, userns } => {
            args.push("--netns-type=path".into());
            if let Some(userns) = userns {
                let mut flag = OsString::from("--userns-path=");
                flag.push(userns);
                args.push(flag);
            }
            args.push(netns.into());
        }
    }
    args.push(TAP.into());
    args
}

fn network_info(options: &SlirpOptions) -> NetworkInfo {
    let gateway = options.cidr.host(GATEWAY_HOST);
    NetworkInfo {
        interface: TAP.to_string(),
        address: options.cidr.host(CONTAINER_HOST),
        prefix_len: options.cidr.prefix_len,
        gateway,
        address6: None,
        dns: IpAddr::V4(options.cidr.host(DNS_HOST)),
        host_address: options.allow_host_loopback.then_some(IpAddr::V4(gateway)),
    }
}

/// One request per connection: slirp4netns answers `{"return": ...}` or `{"error": {"desc"}}`
/// and closes.
fn add_hostfwd(api: &Path, mapping: &PortMapping) -> Result<(), HelperError> {
    let request = serde_json::json!({
        "execute": "add_hostfwd",
        "arguments": {
            "proto": mapping.protocol.to_string(),
            "host_addr": mapping.host_ip.map_or_else(|| "0.0.0.0".to_string(), |ip| ip.to_string()),
            "host_port": mapping.host_port,
            "guest_port": mapping.container_port,
        }
    });
    let api_err = |source| HelperError::Api {
        path: api.to_path_buf(),
        source,
    };
    let mut stream = UnixStream::connect(api).map_err(api_err)?;
    stream
        .set_read_timeout(Some(API_TIMEOUT))
        .map_err(api_err)?;
    stream
        .write_all(request.to_string().as_bytes())
        .map_err(api_err)?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).map_err(api_err)?;
    let forward_err = |reason: String| HelperError::Forward {
        mapping: mapping.to_string(),
        reason,
    };
    let value: serde_json::Value = serde_json::from_str(&reply)
        .map_err(|_| forward_err(format!("unexpected answer {reply:?}")))?;
    if let Some(desc) = value.pointer("/error/desc").and_then(|d| d.as_str()) {
        return Err(forward_err(desc.to_string()));
    }
    if value.get("return").is_none() {
        return Err(forward_err(format!("unexpected answer {reply:?}")));
    }
    Ok(())
}

#[cfg(test)]
#[path = "slirp_tests.rs"]
mod tests;
