//! `lo` in a fresh network namespace starts down: nothing in the container could reach
//! 127.0.0.1. The container init brings it up before exec, in every private namespace.

use std::os::fd::{AsRawFd, OwnedFd};

use nix::errno::Errno;
use nix::sys::socket::{AddressFamily, SockFlag, SockType, socket};

#[derive(Debug, thiserror::Error)]
#[error("cannot bring up the loopback interface: {op}: {source}")]
pub struct LoopbackError {
    op: &'static str,
    source: Errno,
}

const LOOPBACK: &[u8] = b"lo";

/// Sets IFF_UP on `lo` in the calling thread's network namespace.
pub fn bring_up() -> Result<(), LoopbackError> {
    let sock = socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|source| LoopbackError {
        op: "socket",
        source,
    })?;
    let mut request = loopback_request();
    interface_ioctl(&sock, libc::SIOCGIFFLAGS, &mut request).map_err(|source| LoopbackError {
        op: "SIOCGIFFLAGS",
        source,
    })?;
    // SAFETY: SIOCGIFFLAGS filled ifr_flags, the union member read and written here.
    unsafe {
        request.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
    }
    interface_ioctl(&sock, libc::SIOCSIFFLAGS, &mut request).map_err(|source| LoopbackError {
        op: "SIOCSIFFLAGS",
        source,
    })
}

fn loopback_request() -> libc::ifreq {
    // SAFETY: ifreq is a plain C struct of integers and unions of them: all zeroes is a valid
    // value (an empty name, zero flags).
    let mut request: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in request.ifr_name.iter_mut().zip(LOOPBACK) {
        *dst = *src as libc::c_char;
    }
    request
}

fn interface_ioctl(
    sock: &OwnedFd,
    op: libc::Ioctl,
    request: &mut libc::ifreq,
) -> Result<(), Errno> {
    // SAFETY: `op` is SIOCGIFFLAGS or SIOCSIFFLAGS, which read and write one ifreq, and
    // `request` is an exclusively borrowed, initialized ifreq with a NUL-terminated name.
    let rc = unsafe { libc::ioctl(sock.as_raw_fd(), op, request as *mut libc::ifreq) };
    Errno::result(rc).map(drop)
}

#[cfg(test)]
mod tests {
    use std::net::{TcpListener, TcpStream};

    use nix::sched::{CloneFlags, unshare};

    use super::*;

    #[test]
    fn brings_up_lo_in_a_fresh_namespace() {
        if !nix::unistd::geteuid().is_root() {
            println!("skipped: needs root for a network namespace in a threaded test process");
            return;
        }
        // unshare(CLONE_NEWNET) moves only the calling thread: a thread of its own keeps the
        // test harness's other threads in the host's namespace.
        std::thread::spawn(|| {
            unshare(CloneFlags::CLONE_NEWNET).unwrap();
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            assert!(
                TcpStream::connect(addr).is_err(),
                "lo is already up in a new namespace"
            );
            bring_up().unwrap();
            TcpStream::connect(addr).unwrap();
            bring_up().unwrap();
        })
        .join()
        .unwrap();
    }
}
