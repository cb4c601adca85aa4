//! Typed messages between the CLI and its monitor over a SOCK_SEQPACKET pair that is the
//! monitor's stdin: the spec goes in, and the CLI learns that the container was created and
//! started — or exactly why not, with the exit code docker would give.

use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, OwnedFd};

use nix::sys::socket::{MsgFlags, recvmsg, sendmsg};
use serde::{Deserialize, Serialize};

use super::error::MonitorError;
use super::spec::MonitorSpec;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ToMonitor {
    Spec(Box<MonitorSpec>),
    /// The attached CLI is listening: let the container run.
    Go,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum FromMonitor {
    /// The init is set up; `pid` is its pid on the host.
    Created {
        pid: i32,
    },
    Started {
        pid: i32,
    },
    /// The container could not be created or started.
    Failed(MonitorError),
}

/// Packets are at most this big; a spec with a compiled seccomp filter is far smaller.
const MAX_MESSAGE: usize = 1 << 20;

pub fn send<T: Serialize>(fd: &OwnedFd, msg: &T) -> nix::Result<()> {
    let bytes = serde_json::to_vec(msg).expect("handshake messages serialise");
    sendmsg::<()>(
        fd.as_raw_fd(),
        &[IoSlice::new(&bytes)],
        &[],
        MsgFlags::empty(),
        None,
    )
    .map(drop)
}

/// One message, or None when the other side closed the channel.
pub fn recv<T: for<'de> Deserialize<'de>>(fd: &OwnedFd) -> nix::Result<Option<T>> {
    let mut buf = vec![0u8; MAX_MESSAGE];
    let n = {
        let mut iov = [IoSliceMut::new(&mut buf)];
        recvmsg::<()>(fd.as_raw_fd(), &mut iov, None, MsgFlags::empty())?.bytes
    };
    if n == 0 {
        return Ok(None);
    }
    serde_json::from_slice(&buf[..n])
        .map(Some)
        .map_err(|_| nix::Error::EBADMSG)
}
