//! The container init: runs in the process cloned into the new namespaces, sets the container
//! up, tells the monitor it is ready, waits for the go, drops privileges and execs. It never
//! returns: it becomes the container's process or exits, after reporting why, to the monitor.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::sys::signal::{SigHandler, Signal, signal};
use nix::unistd::{Gid, Uid, execve, setresgid, setresuid, setsid};

use super::spec::{InitSpec, NetNamespace};
use super::sync::{self, FromInit, InitFailure, ToInit};
use super::{caps, mounts, netdev, plan, seccomp};

/// The container's standard streams: pipes from the monitor, or a terminal the init makes.
pub enum InitStdio {
    Fds {
        stdin: OwnedFd,
        stdout: OwnedFd,
        stderr: OwnedFd,
    },
    Terminal,
}

fn fail(stage: impl Into<String>, errno: i32) -> InitFailure {
    InitFailure {
        stage: stage.into(),
        errno,
        exec: false,
    }
}

fn nix_fail(stage: impl Into<String>) -> impl FnOnce(nix::Error) -> InitFailure {
    let stage = stage.into();
    move |e| fail(stage, e as i32)
}

/// The init's whole life. `sync` is its end of the channel to the monitor.
pub fn main(spec: &InitSpec, sync: OwnedFd, stdio: InitStdio) -> ! {
    let outcome = prepare(spec, &sync, stdio).and_then(|exe| {
        match sync::recv::<ToInit>(&sync) {
            Ok(Some((ToInit::Go, _))) => {}
            // The monitor went away: nobody wants this container any more.
            _ => exit_now(125),
        }
        if spec.init_reaper {
            become_reaper_parent(&sync);
        }
        launch(spec, &exe)
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

/// docker's codes for a process that could not be started: 127 not found, 126 not runnable.
pub fn exec_exit_code(errno: i32) -> i32 {
    if errno == libc::ENOENT { 127 } else { 126 }
}

fn exit_now(code: i32) -> ! {
    // SAFETY: _exit ends the process without running the parent's atexit handlers or
    // destructors, which belong to the monitor this process was cloned from.
    unsafe { libc::_exit(code) }
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
    if spec.namespaces.net == NetNamespace::Private {
        netdev::loopback_up()
            .map_err(|e| fail("bring up lo", e.raw_os_error().unwrap_or(libc::EIO)))?;
    }
    let steps = plan::steps(spec);
    mounts::apply(&steps, &spec.rootfs).map_err(|e| fail(e.to_string(), e.errno()))?;
    nix::unistd::sethostname(&spec.hostname).map_err(nix_fail("set hostname"))?;
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
    let exe =
        find_executable(&spec.process.args[0], &spec.process.env).map_err(|errno| InitFailure {
            stage: format!("exec {}", spec.process.args[0]),
            errno,
            exec: true,
        })?;
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

fn dup2_stdio(stdin: &OwnedFd, stdout: &OwnedFd, stderr: &OwnedFd) -> nix::Result<()> {
    nix::unistd::dup2_stdin(stdin)?;
    nix::unistd::dup2_stdout(stdout)?;
    nix::unistd::dup2_stderr(stderr)
}

fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

fn io_errno(e: &std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(libc::EIO)
}

/// Opens a terminal from the container's own devpts, makes it the controlling terminal and the
/// standard streams, and returns the master for the monitor.
fn open_terminal() -> Result<OwnedFd, InitFailure> {
    use nix::fcntl::OFlag;
    let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
        .map_err(nix_fail("open /dev/ptmx"))?;
    nix::pty::unlockpt(&master).map_err(nix_fail("unlock the terminal"))?;
    // SAFETY: TIOCGPTPEER opens the peer of the master we own and returns a new descriptor;
    // the flags argument is passed by value.
    let peer = unsafe {
        libc::ioctl(
            master.as_raw_fd(),
            libc::TIOCGPTPEER,
            libc::O_RDWR | libc::O_NOCTTY,
        )
    };
    if peer < 0 {
        return Err(fail("open the terminal", errno()));
    }
    // SAFETY: a descriptor the kernel just returned to us alone.
    let peer = unsafe { OwnedFd::from_raw_fd(peer) };
    // SAFETY: TIOCSCTTY with argument 0 makes the terminal ours; it takes no pointer.
    if unsafe { libc::ioctl(peer.as_raw_fd(), libc::TIOCSCTTY, 0) } < 0 {
        return Err(fail("make the terminal controlling", errno()));
    }
    dup2_stdio(&peer, &peer, &peer).map_err(nix_fail("set up the terminal"))?;
    let raw = master.into_raw_fd();
    // SAFETY: the PtyMaster gave up its descriptor to us.
    Ok(unsafe { OwnedFd::from_raw_fd(raw) })
}

/// The container's PATH lookup, done by the init because only it sees the container's files.
fn find_executable(arg0: &str, env: &[String]) -> Result<PathBuf, i32> {
    if arg0.contains('/') {
        return Ok(PathBuf::from(arg0));
    }
    let path = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    let mut denied = false;
    for dir in path.split(':').filter(|d| !d.is_empty()) {
        let candidate = Path::new(dir).join(arg0);
        match nix::unistd::access(&candidate, nix::unistd::AccessFlags::X_OK) {
            Ok(()) if candidate.is_file() => return Ok(candidate),
            Ok(()) => {}
            Err(nix::Error::EACCES) => denied = true,
            Err(_) => {}
        }
    }
    Err(if denied { libc::EACCES } else { libc::ENOENT })
}

fn cstrings<'a>(items: impl Iterator<Item = &'a [u8]>) -> Vec<CString> {
    items.filter_map(|b| CString::new(b).ok()).collect()
}

/// The unprivileged end: ids, capabilities, no_new_privs, seccomp, execve.
fn launch(spec: &InitSpec, exe: &Path) -> Result<std::convert::Infallible, InitFailure> {
    let sec = &spec.security;
    let (uid, gid) = (spec.process.uid, spec.process.gid);
    // The bounding set must shrink while we still hold CAP_SETPCAP, before the uid changes.
    if Uid::current().as_raw() != uid || Gid::current().as_raw() != gid {
        setresgid(Gid::from_raw(gid), Gid::from_raw(gid), Gid::from_raw(gid))
            .map_err(nix_fail(format!("set gid {gid}")))?;
        nix::sys::prctl::set_keepcaps(true).map_err(nix_fail("keep capabilities"))?;
        setresuid(Uid::from_raw(uid), Uid::from_raw(uid), Uid::from_raw(uid))
            .map_err(nix_fail(format!("set uid {uid}")))?;
    }
    let keep: &[u32] = if uid == 0 { &sec.capabilities } else { &[] };
    let program = match &sec.seccomp {
        Some(bytes) => Some(
            seccomp::Program::from_bytes(bytes)
                .map_err(|_| fail("load the seccomp filter", libc::EINVAL))?,
        ),
        None => None,
    };
    let install = |program: &Option<seccomp::Program>| -> Result<(), InitFailure> {
        match program {
            Some(p) => seccomp::install(p)
                .map_err(|e| fail(format!("install the seccomp filter: {e}"), libc::EINVAL)),
            None => Ok(()),
        }
    };
    // As runc orders it: without no_new_privs the filter needs CAP_SYS_ADMIN, so it goes in
    // before the capabilities are dropped; with it, after.
    if sec.no_new_privileges {
        caps::apply(keep).map_err(|e| fail("drop capabilities", io_errno(&e)))?;
        nix::sys::prctl::set_no_new_privs().map_err(nix_fail("set no_new_privs"))?;
        install(&program)?;
    } else {
        install(&program)?;
        caps::apply(keep).map_err(|e| fail("drop capabilities", io_errno(&e)))?;
    }
    let path = CString::new(exe.as_os_str().as_bytes()).map_err(|_| fail("exec", libc::EINVAL))?;
    let args = cstrings(spec.process.args.iter().map(|a| a.as_bytes()));
    let env = cstrings(spec.process.env.iter().map(|e| e.as_bytes()));
    let errno = match execve(&path, &args, &env) {
        Ok(never) => match never {},
        Err(e) => e as i32,
    };
    Err(InitFailure {
        stage: format!("exec {}", exe.display()),
        errno,
        exec: true,
    })
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
    // SAFETY: the init is single-threaded (a clone of the single-threaded monitor), so the
    // child may run any code after fork.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            let _ = sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&set), None);
        }
        Ok(ForkResult::Parent { child }) => {
            // Only the child reports to the monitor; our copy would hide its exec from it.
            let _ = nix::unistd::close(sync.as_raw_fd());
            // Non-dumpable: the container cannot open /proc/1/exe, the rpod binary.
            let _ = nix::sys::prctl::set_dumpable(false);
            for fd in 0..3 {
                let _ = nix::unistd::close(fd);
            }
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
