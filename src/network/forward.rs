//! Published ports of a container on user-defined networks. The host ports are bound by the
//! monitor while it is still in the host's network namespace; a forwarder it forks once it
//! has joined the rootless network namespace accepts on them and connects to the container's
//! address on its bridge, copying bytes both ways (podman's rootlessport works the same way).
//! pasta cannot help here: the holder's pasta is started before any container exists, and
//! this pasta (Debian 12's) cannot add forwards at run time.
//!
//! The listeners live as long as the monitor, so a restart keeps them; they are released when
//! the container stops, and a second container cannot bind the same host port (the kernel
//! refuses two listeners on one port).

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, RawFd};
use std::thread;

use nix::sys::signal::{Signal, kill};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid};

use super::ports::{PortError, PortMapping, Protocol};

/// One host port, bound, and the container port it leads to.
pub struct Listener {
    socket: TcpListener,
    container_port: u16,
}

/// What the forwarder cannot do, refused at create rather than when the container starts.
pub fn check(ports: &[PortMapping]) -> Result<(), PortError> {
    match ports.iter().find(|m| m.protocol == Protocol::Udp) {
        Some(udp) => Err(udp_refused(udp)),
        None => Ok(()),
    }
}

fn udp_refused(mapping: &PortMapping) -> PortError {
    PortError::Bind {
        address: SocketAddr::new(
            mapping.host_ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
            mapping.host_port,
        ),
        protocol: mapping.protocol,
        source: io::Error::new(
            io::ErrorKind::Unsupported,
            "UDP ports are not published to containers on user-defined networks yet",
        ),
    }
}

/// Binds every mapping's host port, as pasta would: every address (IPv6 dual stack, or IPv4
/// on a host without IPv6) unless the mapping names one.
pub fn bind(ports: &[PortMapping]) -> Result<Vec<Listener>, PortError> {
    ports.iter().map(bind_one).collect()
}

fn bind_one(mapping: &PortMapping) -> Result<Listener, PortError> {
    let shown = SocketAddr::new(
        mapping.host_ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        mapping.host_port,
    );
    if mapping.protocol == Protocol::Udp {
        return Err(udp_refused(mapping));
    }
    let addresses = match mapping.host_ip {
        Some(ip) => vec![SocketAddr::new(ip, mapping.host_port)],
        None => vec![
            SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), mapping.host_port),
            SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), mapping.host_port),
        ],
    };
    let mut last = None;
    for address in addresses {
        match TcpListener::bind(address) {
            Ok(socket) => {
                return Ok(Listener {
                    socket,
                    container_port: mapping.container_port,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                return Err(PortError::InUse {
                    address: shown,
                    protocol: mapping.protocol,
                });
            }
            Err(e) => last = Some(e),
        }
    }
    Err(PortError::Bind {
        address: shown,
        protocol: mapping.protocol,
        source: last.expect("at least one address was tried"),
    })
}

/// The forwarding process; killed when dropped.
pub struct Forwarder {
    pid: Pid,
}

impl Drop for Forwarder {
    fn drop(&mut self) {
        let _ = kill(self.pid, Signal::SIGKILL);
        let _ = waitpid(self.pid, None);
    }
}

/// Forks the forwarder for `listeners` to `target`. The caller is single-threaded (the
/// monitor) and in the namespace where `target` is reachable; the forwarder keeps only the
/// listeners (`close_others` closes every other descriptor from 3 up) and dies with the
/// caller.
pub fn start(
    listeners: Vec<Listener>,
    target: Ipv4Addr,
    close_others: fn(&[RawFd]) -> nix::Result<()>,
) -> io::Result<Option<Forwarder>> {
    if listeners.is_empty() {
        return Ok(None);
    }
    match fork()? {
        ForkResult::Parent { child } => Ok(Some(Forwarder { pid: child })),
        ForkResult::Child => {
            let _ = nix::sys::prctl::set_pdeathsig(Signal::SIGKILL);
            let keep: Vec<_> = listeners.iter().map(|l| l.socket.as_raw_fd()).collect();
            // The monitor's descriptors (the CLI's channel, the holder's lock) are not ours.
            if close_others(&keep).is_ok() {
                serve(listeners, target);
            }
            exit_now()
        }
    }
}

fn fork() -> io::Result<ForkResult> {
    // SAFETY: the caller is single-threaded, so the child may run any code after the fork.
    unsafe { nix::unistd::fork() }.map_err(io::Error::from)
}

fn exit_now() -> ! {
    // SAFETY: _exit ends the forked child without running the monitor's atexit handlers or
    // destructors, which are not the child's to run.
    unsafe { libc::_exit(0) }
}

/// Accepts on every listener, each on its own thread; never returns while one accepts.
fn serve(listeners: Vec<Listener>, target: Ipv4Addr) {
    let threads: Vec<_> = listeners
        .into_iter()
        .map(|listener| thread::spawn(move || accept_loop(listener, target)))
        .collect();
    for thread in threads {
        let _ = thread.join();
    }
}

fn accept_loop(listener: Listener, target: Ipv4Addr) {
    let to = SocketAddr::new(IpAddr::V4(target), listener.container_port);
    loop {
        let Ok((client, _)) = listener.socket.accept() else {
            continue;
        };
        thread::spawn(move || {
            // A container not listening (yet) refuses: the client sees its connection closed.
            if let Ok(server) = TcpStream::connect(to) {
                relay(client, server);
            }
        });
    }
}

/// Copies both ways until each side has said all it had to, passing on half-closes.
fn relay(client: TcpStream, server: TcpStream) {
    let (Ok(client2), Ok(server2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let upstream = thread::spawn(move || copy_then_close(client2, server2));
    copy_then_close(server, client);
    let _ = upstream.join();
}

fn copy_then_close(mut from: TcpStream, mut to: TcpStream) {
    let _ = io::copy(&mut from, &mut to);
    let _ = to.shutdown(Shutdown::Write);
}
