//! The channel between the monitor and the container init: a SOCK_SEQPACKET pair carrying one
//! JSON message per packet, and the terminal's master descriptor when there is one.
//!
//! The init's end is close-on-exec: when execve succeeds the monitor reads end-of-file, which
//! is how it learns that the container's process is running.
#![allow(unsafe_code)]

use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use nix::sys::socket::{
    AddressFamily, ControlMessage, ControlMessageOwned, MsgFlags, SockFlag, SockType, recvmsg,
    sendmsg, socketpair,
};
use serde::{Deserialize, Serialize};

/// Why the init could not start the container's process.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct InitFailure {
    /// What was being done ("exec /bin/foo", "mount proc on /proc", …).
    pub stage: String,
    pub errno: i32,
    /// True when execve itself failed: the errno then decides between 126 and 127.
    pub exec: bool,
}

/// docker's and podman's wording where scripts look for it.
impl std::fmt::Display for InitFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cause = nix::Error::from_raw(self.errno).desc().to_lowercase();
        match self.stage.strip_prefix("exec ") {
            Some(program) if self.exec && self.errno == libc::ENOENT && !program.contains('/') => {
                write!(f, "executable file `{program}` not found in $PATH: {cause}")
            }
            Some(program) if self.exec => write!(f, "cannot execute `{program}`: {cause}"),
            _ => write!(f, "{}: {cause}", self.stage),
        }
    }
}

impl InitFailure {
    /// docker's exit code: 127 for a command not found, 126 for one that cannot run, else 125.
    pub fn exit_code(&self) -> i32 {
        match self.exec {
            true => super::exec_process::exec_exit_code(self.errno),
            false => 125,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum FromInit {
    /// Set up and waiting for [`ToInit::Go`]; a terminal master may come with it.
    Ready,
    Failed(InitFailure),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ToInit {
    Go,
}

/// A path for a socket named `name` in `dir` that fits sockaddr_un's 108 bytes however long
/// `dir` is (the tests' and some users' runtime directories are longer): the directory through
/// a descriptor of it, which must stay open while the path is used.
pub struct ShortPath {
    _dir: OwnedFd,
    pub path: std::path::PathBuf,
}

impl ShortPath {
    pub fn new(dir: &std::path::Path, name: &str) -> std::io::Result<ShortPath> {
        use nix::fcntl::OFlag;
        let fd = nix::fcntl::open(
            dir,
            OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )?;
        let path = format!("/proc/self/fd/{}/{name}", fd.as_raw_fd()).into();
        Ok(ShortPath { _dir: fd, path })
    }
}

pub fn pair() -> nix::Result<(OwnedFd, OwnedFd)> {
    socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
}

pub fn send<T: Serialize>(fd: &OwnedFd, msg: &T, pass: Option<RawFd>) -> nix::Result<()> {
    let bytes = serde_json::to_vec(msg).expect("sync messages serialise");
    let iov = [IoSlice::new(&bytes)];
    let fds;
    let cmsgs: &[ControlMessage] = match pass {
        Some(fd) => {
            fds = [fd];
            &[ControlMessage::ScmRights(&fds)]
        }
        None => &[],
    };
    sendmsg::<()>(fd.as_raw_fd(), &iov, cmsgs, MsgFlags::empty(), None).map(drop)
}

/// Receives one message (and a passed descriptor); `None` at end-of-file.
pub fn recv<T: for<'de> Deserialize<'de>>(
    fd: &OwnedFd,
) -> nix::Result<Option<(T, Option<OwnedFd>)>> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut cmsg = nix::cmsg_space!([RawFd; 1]);
    let (n, passed) = {
        let mut iov = [IoSliceMut::new(&mut buf)];
        let msg = recvmsg::<()>(
            fd.as_raw_fd(),
            &mut iov,
            Some(&mut cmsg),
            MsgFlags::MSG_CMSG_CLOEXEC,
        )?;
        let mut passed = None;
        for c in msg.cmsgs()? {
            if let ControlMessageOwned::ScmRights(fds) = c {
                passed = fds.first().copied();
            }
        }
        (msg.bytes, passed)
    };
    // SAFETY: SCM_RIGHTS installed this descriptor in our table for us alone.
    let passed = passed.map(|raw| unsafe { OwnedFd::from_raw_fd(raw) });
    if n == 0 {
        return Ok(None);
    }
    let msg = serde_json::from_slice(&buf[..n]).map_err(|_| nix::Error::EBADMSG)?;
    Ok(Some((msg, passed)))
}
