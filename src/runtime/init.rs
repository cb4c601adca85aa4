//! The container init: runs in the process cloned into the new namespaces, sets the container
//! up, tells the monitor it is ready, waits for the go, drops privileges and execs. It never
//! returns: it becomes the container's process or exits, after reporting why, to the monitor.
#![allow(unsafe_code)]

use std::os::fd::{AsRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::sys::signal::{SigHandler, Signal, signal};
use nix::unistd::setsid;

use super::exec_process::{
    self, dup2_stdio, errno, exec_exit_code, exit_now, fail, find_executable, io_errno, nix_fail,
    open_terminal,
};
use super::spec::{InitSpec, Shared};
use super::sync::{self, FromInit, InitFailure, ToInit};
use super::{mounts, netdev, plan};

/// The container's standard streams: pipes from the monitor, or a terminal the init makes.
pub enum InitStdio {
    Fds {
        stdin: OwnedFd,
        stdout: OwnedFd,
        stderr: OwnedFd,
    },
    Terminal,
}

/// The init's whole life. `sync` is its end of the channel to the monitor; `to_supervisor`
/// its end of the root emulation's channel, when the container is emulated.
pub fn main(spec: &InitSpec, sync: OwnedFd, stdio: InitStdio, to_supervisor: Option<OwnedFd>) -> ! {
    let outcome = prepare(spec, &sync, stdio).and_then(|exe| {
        match sync::recv::<ToInit>(&sync) {
            Ok(Some((ToInit::Go, _))) => {}
            // The monitor went away: nobody wants this container any more.
            _ => exit_now(125),
        }
        if spec.pause {
            pause_forever();
        }
        if spec.init_reaper {
            become_reaper_parent(&sync);
        }
        exec_process::exec_process(&spec.process, &spec.security, &exe, to_supervisor.as_ref())
    });
    let failure = match outcome {
        Ok(never) => match never {},
        Err(f) => f,
    };
    let _ = sync::send(&sync, &FromInit::Failed(failure.clone()), None);
    exit_now(if failure.exec {
        exec_exit_code(failure.errno)
    } else {
        125
    })
}

/// Everything that needs privilege; returns the program to exec.
fn prepare(spec: &InitSpec, sync: &OwnedFd, stdio: InitStdio) -> Result<PathBuf, InitFailure> {
    // The monitor blocks the signals it reads from a signalfd and runs with SIGPIPE ignored
    // (Rust's default); a container's process starts with every signal unblocked and default.
    nix::sys::signal::sigprocmask(
        nix::sys::signal::SigmaskHow::SIG_SETMASK,
        Some(&nix::sys::signal::SigSet::empty()),
        None,
    )
    .map_err(nix_fail("reset the signal mask"))?;
    // SAFETY: setting a signal to its default disposition installs no handler code.
    unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) }.map_err(nix_fail("reset SIGPIPE"))?;
    // The container lives only as long as its monitor: a killed monitor must not leave an
    // unsupervised container behind (PID 1 dying takes the whole PID namespace with it).
    nix::sys::prctl::set_pdeathsig(Signal::SIGKILL)
        .map_err(nix_fail("set the parent-death signal"))?;
    setsid().map_err(nix_fail("setsid"))?;
    if let InitStdio::Fds {
        stdin,
        stdout,
        stderr,
    } = &stdio
    {
        dup2_stdio(stdin, stdout, stderr).map_err(nix_fail("set up standard streams"))?;
    }
    drop(stdio_owned(stdio));
    if spec.namespaces.net.is_new() {
        netdev::loopback_up()
            .map_err(|e| fail("bring up lo", e.raw_os_error().unwrap_or(libc::EIO)))?;
    }
    // Before the container's /proc is mounted (and /proc/sys made read-only): the files act
    // on the writer's namespaces whichever procfs they are opened through.
    super::sysctl::apply(&spec.sysctls).map_err(|(what, e)| fail(what, io_errno(&e)))?;
    // On the image's own files, before a bind (of /etc, say) could cover them.
    super::user_entries::append(&spec.rootfs, &spec.user_entries).map_err(|e| {
        fail(
            "add --user's entry to /etc/passwd or /etc/group",
            io_errno(&e),
        )
    })?;
    let steps = plan::steps(spec);
    // The cause goes separately: the monitor's report adds it once.
    mounts::apply(&steps, &spec.rootfs).map_err(|e| fail(e.what.clone(), e.errno()))?;
    // A shared UTS namespace keeps its owner's name.
    if spec.namespaces.uts == Shared::Private {
        nix::unistd::sethostname(&spec.hostname).map_err(nix_fail("set hostname"))?;
    }
    for limit in &spec.process.rlimits {
        let rl = libc::rlimit {
            rlim_cur: limit.soft,
            rlim_max: limit.hard,
        };
        // SAFETY: setrlimit reads the rlimit struct we own.
        if unsafe { libc::setrlimit(limit.resource as _, &rl) } != 0 {
            return Err(fail(format!("set rlimit {}", limit.resource), errno()));
        }
    }
    let master = if spec.process.terminal {
        Some(open_terminal()?)
    } else {
        None
    };
    let cwd = Path::new(&spec.process.cwd);
    std::fs::create_dir_all(cwd).map_err(|e| {
        fail(
            format!("create working directory {}", cwd.display()),
            io_errno(&e),
        )
    })?;
    nix::unistd::chdir(cwd).map_err(nix_fail(format!("chdir {}", cwd.display())))?;
    // An infra container runs nothing of its root file system.
    let exe = if spec.pause {
        PathBuf::new()
    } else {
        find_executable(&spec.process.args[0], &spec.process.env).map_err(|errno| InitFailure {
            stage: format!("exec {}", spec.process.args[0]),
            errno,
            exec: true,
        })?
    };
    sync::send(
        sync,
        &FromInit::Ready,
        master.as_ref().map(|m| m.as_raw_fd()),
    )
    .map_err(nix_fail("report ready to the monitor"))?;
    Ok(exe)
}

fn stdio_owned(stdio: InitStdio) -> Vec<OwnedFd> {
    match stdio {
        InitStdio::Fds {
            stdin,
            stdout,
            stderr,
        } => vec![stdin, stdout, stderr],
        InitStdio::Terminal => Vec::new(),
    }
}

/// An infra container's PID 1 (podman's `catatonit -P`): it holds the namespaces until it is
/// told to stop, reaping whatever a `container:` join leaves to it. Nothing of ours stays open,
/// so the monitor sees the channel close as it sees an exec.
fn pause_forever() -> ! {
    use nix::sys::signal::{SigSet, SigmaskHow, sigprocmask};
    use nix::sys::wait::{WaitPidFlag, waitpid};

    let mut set = SigSet::empty();
    for s in [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGCHLD,
    ] {
        set.add(s);
    }
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), None);
    let _ = exec_process::close_fds_from(0, 0);
    loop {
        match set.wait() {
            Ok(Signal::SIGCHLD) => {
                while let Ok(status) = waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                    if status == nix::sys::wait::WaitStatus::StillAlive {
                        break;
                    }
                }
            }
            Ok(_) => exit_now(0),
            Err(_) => {}
        }
    }
}

/// `--init`: PID 1 stays our small reaper; a child goes on to exec the container's process.
/// The reaper forwards signals to it, reaps every orphan, and exits with the child's status.
fn become_reaper_parent(sync: &OwnedFd) {
    use nix::sys::signal::{SigSet, SigmaskHow, kill, sigprocmask};
    use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
    use nix::unistd::{ForkResult, Pid, fork};

    let forwarded = [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGQUIT,
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGWINCH,
        Signal::SIGCHLD,
    ];
    let mut set = SigSet::empty();
    for s in forwarded {
        set.add(s);
    }
    // Blocked before the fork so that no signal is lost; the child unblocks them.
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&set), None);
    // Non-dumpable before the fork, not after: the container cannot open /proc/1/exe, the
    // rpod binary, and the child, which may exec the container's command before the parent
    // runs again, would otherwise give that command a moment in which it could. The child's
    // execve makes it dumpable again as that command.
    let _ = nix::sys::prctl::set_dumpable(false);
    // SAFETY: the init is single-threaded (a clone of the single-threaded monitor), so the
    // child may run any code after fork.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            let _ = sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&set), None);
        }
        Ok(ForkResult::Parent { child }) => {
            // Nothing of ours stays open in PID 1: the standard streams, the channel to the
            // monitor (only the child reports; our copy would hide its exec) and whatever
            // the caller of rpod left open.
            let _ = exec_process::close_fds_from(0, 0);
            loop {
                let Ok(sig) = set.wait() else { continue };
                if sig != Signal::SIGCHLD {
                    let _ = kill(child, sig);
                    continue;
                }
                loop {
                    match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
                        Ok(WaitStatus::Exited(pid, code)) if pid == child => exit_now(code),
                        Ok(WaitStatus::Signaled(pid, sig, _)) if pid == child => {
                            exit_now(128 + sig as i32)
                        }
                        Ok(WaitStatus::StillAlive) | Err(_) => break,
                        Ok(_) => {}
                    }
                }
            }
        }
        Err(e) => {
            let _ = sync::send(
                sync,
                &FromInit::Failed(fail("fork the init's child", e as i32)),
                None,
            );
            exit_now(125);
        }
    }
}
