//! The monitor's side of starting a container: clone the init into new namespaces, wait until
//! it is set up, then let it exec and learn whether that worked.
#![allow(unsafe_code)]

use std::os::fd::OwnedFd;

use nix::sched::CloneFlags;
use nix::unistd::Pid;

use super::init::{self, InitStdio};
use super::spec::{InitSpec, Shared};
use super::sync::{self, FromInit, InitFailure, ToInit};

#[derive(Debug, thiserror::Error)]
pub enum CloneError {
    #[error("cannot create the container's namespaces: {0}")]
    Clone(nix::Error),
    #[error("cannot talk to the container init: {0}")]
    Channel(nix::Error),
    #[error("the container init exited without saying why")]
    Vanished,
    #[error("{0}")]
    Init(InitFailure),
}

/// A container whose init is set up and waits for [`Created::start`].
pub struct Created {
    pub pid: Pid,
    /// The terminal's master when the container has one.
    pub terminal: Option<OwnedFd>,
    sync: OwnedFd,
}

const STACK_SIZE: usize = 1 << 20;

/// Clones the init. The caller (the monitor) must be single-threaded and already in the
/// container's user namespace with the root file system mounted at `spec.rootfs`.
/// `to_supervisor` is the init's end of the root emulation's channel, when it has one.
pub fn clone_init(
    spec: &InitSpec,
    stdio: InitStdio,
    to_supervisor: Option<OwnedFd>,
) -> Result<Created, CloneError> {
    let (ours, theirs) = sync::pair().map_err(CloneError::Channel)?;
    let mut flags =
        CloneFlags::CLONE_NEWPID | CloneFlags::CLONE_NEWNS | CloneFlags::CLONE_NEWCGROUP;
    for (private, kind) in [
        (spec.namespaces.net.is_new(), CloneFlags::CLONE_NEWNET),
        (
            spec.namespaces.ipc == Shared::Private,
            CloneFlags::CLONE_NEWIPC,
        ),
        (
            spec.namespaces.uts == Shared::Private,
            CloneFlags::CLONE_NEWUTS,
        ),
    ] {
        if private {
            flags |= kind;
        }
    }
    let mut stdio = Some(stdio);
    let mut theirs = Some(theirs);
    let mut to_supervisor = Some(to_supervisor);
    let mut stack = vec![0u8; STACK_SIZE];
    let child = Box::new(|| {
        let stdio = stdio.take().expect("the clone callback runs once");
        let sync = theirs.take().expect("the clone callback runs once");
        let to_supervisor = to_supervisor.take().expect("the clone callback runs once");
        init::main(spec, sync, stdio, to_supervisor)
    });
    // SAFETY: without CLONE_VM the child gets a copy of this address space, like fork; the
    // monitor is single-threaded, so no lock can be held by a thread that does not exist in
    // the child, and the callback never returns (init::main execs or _exits).
    let pid = unsafe { nix::sched::clone(child, &mut stack, flags, Some(libc::SIGCHLD)) }
        .map_err(CloneError::Clone)?;
    drop(theirs);
    drop(stdio);
    drop(to_supervisor);
    match sync::recv::<FromInit>(&ours).map_err(CloneError::Channel)? {
        Some((FromInit::Ready, terminal)) => Ok(Created {
            pid,
            terminal,
            sync: ours,
        }),
        Some((FromInit::Failed(f), _)) => Err(CloneError::Init(f)),
        None => Err(CloneError::Vanished),
    }
}

impl Created {
    /// Lets the init exec; returns once the container's process runs (or why it could not).
    pub fn start(self) -> Result<Pid, CloneError> {
        sync::send(&self.sync, &ToInit::Go, None).map_err(CloneError::Channel)?;
        match sync::recv::<FromInit>(&self.sync).map_err(CloneError::Channel)? {
            None => Ok(self.pid),
            Some((FromInit::Failed(f), _)) => Err(CloneError::Init(f)),
            Some((FromInit::Ready, _)) => Err(CloneError::Channel(nix::Error::EPROTO)),
        }
    }
}
