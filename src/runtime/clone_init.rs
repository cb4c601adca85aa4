//! The monitor's side of starting a container: clone the init into new namespaces, wait until
//! it is set up, then let it exec and learn whether that worked.
#![allow(unsafe_code)]

use std::os::fd::OwnedFd;

use nix::sched::{CloneFlags, setns};
use nix::unistd::Pid;

use super::init::{self, InitStdio};
use super::spec::{InitSpec, Shared};
use super::sync::{self, FromInit, InitFailure, ToInit};

#[derive(Debug, thiserror::Error)]
pub enum CloneError {
    #[error("cannot create the container's namespaces: {0}")]
    Clone(nix::Error),
    #[error("cannot open the PID namespace {path}: {source}", path = .0.display(), source = .1)]
    Join(std::path::PathBuf, std::io::Error),
    #[error("cannot talk to the container init: {0}")]
    Channel(nix::Error),
    #[error("the container init exited without saying why")]
    Vanished,
    #[error("{0}")]
    Init(InitFailure),
}

/// A container whose init was cloned and is setting itself up; [`Cloned::ready`] waits for
/// that. Meanwhile its namespaces exist, so the monitor can start what needs them (the
/// network helper) beside the init's own set-up.
pub struct Cloned {
    pub pid: Pid,
    sync: OwnedFd,
}

/// A container whose init is set up and waits for [`Created::start`].
pub struct Created {
    pub pid: Pid,
    /// The terminal's master when the container has one.
    pub terminal: Option<OwnedFd>,
    sync: OwnedFd,
}

const STACK_SIZE: usize = 1 << 20;

/// Clones the init and returns at once. The caller (the monitor) must be single-threaded and
/// already in the container's user namespace with the root file system mounted at
/// `spec.rootfs`. `to_supervisor` is the init's end of the root emulation's channel, when it
/// has one.
pub fn clone_init(
    spec: &InitSpec,
    stdio: InitStdio,
    to_supervisor: Option<OwnedFd>,
) -> Result<Cloned, CloneError> {
    let (ours, theirs) = sync::pair().map_err(CloneError::Channel)?;
    let mut flags = CloneFlags::CLONE_NEWNS;
    for (private, kind) in [
        (
            spec.namespaces.pid == Shared::Private,
            CloneFlags::CLONE_NEWPID,
        ),
        (spec.namespaces.net.is_new(), CloneFlags::CLONE_NEWNET),
        (
            spec.namespaces.ipc == Shared::Private,
            CloneFlags::CLONE_NEWIPC,
        ),
        (
            spec.namespaces.uts == Shared::Private,
            CloneFlags::CLONE_NEWUTS,
        ),
        (
            spec.namespaces.cgroup == Shared::Private,
            CloneFlags::CLONE_NEWCGROUP,
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
    let pid = match &spec.namespaces.pid {
        Shared::Join { ns, .. } => clone_into(ns, child, &mut stack, flags)?,
        // SAFETY: without CLONE_VM the child gets a copy of this address space, like fork;
        // the monitor is single-threaded, so no lock can be held by a thread that does not
        // exist in the child, and the callback never returns (init::main execs or _exits).
        _ => unsafe { nix::sched::clone(child, &mut stack, flags, Some(libc::SIGCHLD)) }
            .map_err(CloneError::Clone)?,
    };
    drop(theirs);
    drop(stdio);
    drop(to_supervisor);
    Ok(Cloned { pid, sync: ours })
}

impl Cloned {
    /// Waits until the init has set itself up (or says why it could not).
    pub fn ready(self) -> Result<Created, CloneError> {
        match sync::recv::<FromInit>(&self.sync).map_err(CloneError::Channel)? {
            Some((FromInit::Ready, terminal)) => Ok(Created {
                pid: self.pid,
                terminal,
                sync: self.sync,
            }),
            Some((FromInit::Failed(f), _)) => Err(CloneError::Init(f)),
            None => Err(CloneError::Vanished),
        }
    }
}

/// Clones the init into another container's PID namespace (`--pid container:`). Joining it
/// would put every later child of the monitor there too (the network helper, which is told
/// host pids), so a short-lived fork joins it and clones the init as the monitor's child
/// (CLONE_PARENT), then reports the init's pid and exits.
fn clone_into(
    ns: &std::path::Path,
    child: nix::sched::CloneCb,
    stack: &mut [u8],
    flags: CloneFlags,
) -> Result<Pid, CloneError> {
    let file = std::fs::File::open(ns).map_err(|e| CloneError::Join(ns.into(), e))?;
    let (read, write) = nix::unistd::pipe().map_err(CloneError::Channel)?;
    // SAFETY: the monitor is single-threaded (see clone_init), so the forked child holds no
    // lock another thread owned; it only joins, clones and writes before it _exits.
    match unsafe { nix::unistd::fork() }.map_err(CloneError::Clone)? {
        nix::unistd::ForkResult::Child => {
            drop(read);
            let cloned = setns(&file, CloneFlags::CLONE_NEWPID).and_then(|()| {
                // SAFETY: as clone_init's own clone; CLONE_PARENT makes the monitor the
                // init's parent, which waits for it as for any init.
                unsafe {
                    nix::sched::clone(
                        child,
                        stack,
                        flags | CloneFlags::CLONE_PARENT,
                        Some(libc::SIGCHLD),
                    )
                }
            });
            let report: i32 = match cloned {
                Ok(pid) => pid.as_raw(),
                Err(e) => -(e as i32),
            };
            let _ = nix::unistd::write(&write, &report.to_ne_bytes());
            // SAFETY: _exit ends this fork at once, running no destructor or atexit handler
            // of the monitor's copied state.
            unsafe { libc::_exit(0) }
        }
        nix::unistd::ForkResult::Parent { child: forked } => {
            drop(write);
            let mut bytes = [0u8; 4];
            let got = nix::unistd::read(&read, &mut bytes);
            let _ = nix::sys::wait::waitpid(forked, None);
            match (got, i32::from_ne_bytes(bytes)) {
                (Ok(4), pid) if pid > 0 => Ok(Pid::from_raw(pid)),
                (Ok(4), errno) => Err(CloneError::Clone(nix::Error::from_raw(-errno))),
                _ => Err(CloneError::Vanished),
            }
        }
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
