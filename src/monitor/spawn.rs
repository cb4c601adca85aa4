//! The CLI's side: start a monitor for a container and follow it until the container runs.

use std::os::fd::OwnedFd;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use nix::sys::socket::{AddressFamily, SockFlag, SockType, socketpair};

use super::SUBCOMMAND;
use super::error::MonitorError;
use super::handshake::{self, FromMonitor, ToMonitor};
use super::spec::MonitorSpec;
use crate::runtime::fds;

#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    #[error("cannot start the container monitor: {0}")]
    Spawn(std::io::Error),
    #[error("lost contact with the container monitor: {0}")]
    Channel(nix::Error),
    #[error("the container monitor exited before the container started")]
    Vanished,
    /// The monitor's own account of the failure.
    #[error(transparent)]
    Monitor(MonitorError),
    #[error("unexpected message from the container monitor: {0}")]
    Unexpected(String),
}

/// A monitor on its way to running the container.
pub struct Monitor {
    channel: OwnedFd,
    pub pid: i32,
}

/// Starts the monitor (a re-exec of this binary in its own process group) and hands it the
/// spec.
/// Returns once the container's init is set up.
pub fn spawn(spec: &MonitorSpec) -> Result<Monitor, SpawnError> {
    let (ours, theirs) = socketpair(
        AddressFamily::Unix,
        SockType::SeqPacket,
        None,
        SockFlag::SOCK_CLOEXEC,
    )
    .map_err(SpawnError::Channel)?;
    // `--preserve-fds`, `--preserve-fd`: the monitor keeps them at their numbers for every run
    // of the container; nothing else this command starts gets them.
    let passed = &spec.init.process.attrs.preserve_fds;
    fds::set_inherited(passed, true).map_err(SpawnError::Channel)?;
    // Its own process group: ^C on the CLI's terminal must not reach the container's monitor.
    let child = Command::new("/proc/self/exe")
        .arg(SUBCOMMAND)
        .process_group(0)
        .stdin(Stdio::from(theirs))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    fds::set_inherited(passed, false).map_err(SpawnError::Channel)?;
    let child = child.map_err(SpawnError::Spawn)?;
    // The monitor outlives us; whoever inherits it reaps it.
    let pid = child.id() as i32;
    drop(child);
    handshake::send(&ours, &ToMonitor::Spec(Box::new(spec.clone())))
        .map_err(SpawnError::Channel)?;
    match next(&ours)? {
        FromMonitor::Created { .. } => Ok(Monitor { channel: ours, pid }),
        other => Err(unexpected(other)),
    }
}

fn next(channel: &OwnedFd) -> Result<FromMonitor, SpawnError> {
    match handshake::recv::<FromMonitor>(channel).map_err(SpawnError::Channel)? {
        Some(FromMonitor::Failed(e)) => Err(SpawnError::Monitor(e)),
        Some(msg) => Ok(msg),
        None => Err(SpawnError::Vanished),
    }
}

fn unexpected(msg: FromMonitor) -> SpawnError {
    SpawnError::Unexpected(format!("{msg:?}"))
}

impl Monitor {
    /// Lets a container that waits for the CLI run, and returns its pid once it does.
    pub fn go(self) -> Result<i32, SpawnError> {
        handshake::send(&self.channel, &ToMonitor::Go).map_err(SpawnError::Channel)?;
        self.started()
    }

    /// Waits until the container's process runs.
    pub fn started(self) -> Result<i32, SpawnError> {
        match next(&self.channel)? {
            FromMonitor::Started { pid } => Ok(pid),
            other => Err(unexpected(other)),
        }
    }
}
