//! `exec`: a fresh single-threaded process joins a running container's namespaces (the user
//! namespace first: it grants the rights to join the others), forks into its PID namespace
//! and runs the command there with the container's restrictions.
#![allow(unsafe_code)]

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sched::{CloneFlags, setns};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::termios::{self, SetArg};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork, setsid};
use serde::{Deserialize, Serialize};

use super::exec_process::{self, exec_exit_code, exit_now, find_executable};
use super::spec::{ProcessSpec, Security};
use super::sync::InitFailure;
use super::{detach_keys, tty};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExecSpec {
    /// The container's init, on the host.
    pub pid: i32,
    pub process: ProcessSpec,
    pub security: Security,
    /// Start the command and return at once (`exec -d`).
    pub detach: bool,
    /// The container's cgroup leaf: the command runs under the container's limits.
    #[serde(default)]
    pub cgroup: Option<std::path::PathBuf>,
    /// The runtime directory with the root emulation's socket, when the container is emulated.
    #[serde(default)]
    pub emulation_socket: Option<std::path::PathBuf>,
    /// `exec -it --detach-keys`: the sequence that detaches from the command's terminal
    /// (empty: nothing does).
    #[serde(default)]
    pub detach_keys: Vec<u8>,
}

/// Moves the calling process into the container's leaf or, once the container has made the
/// leaf a parent of cgroups of its own (systemd as init does; a cgroup that hands controllers
/// down may hold no process, EBUSY), into the cgroup of its init, below the leaf.
pub fn join_cgroup(leaf: &std::path::Path, init: i32) -> std::io::Result<()> {
    let err = match std::fs::write(leaf.join("cgroup.procs"), "0") {
        Err(e) if e.raw_os_error() == Some(libc::EBUSY) => e,
        other => return other,
    };
    let own = std::fs::read_to_string(format!("/proc/{init}/cgroup"))?;
    let path = own
        .lines()
        .find_map(|l| l.strip_prefix("0::"))
        .unwrap_or("");
    let name = leaf.file_name().unwrap_or_default();
    let mut components = std::path::Path::new(path).components();
    match components.by_ref().find(|c| c.as_os_str() == name) {
        Some(_) => std::fs::write(leaf.join(components.as_path()).join("cgroup.procs"), "0"),
        None => Err(err),
    }
}

/// Namespaces in the order they are joined; the user namespace must come first.
const NAMESPACES: [(&str, CloneFlags); 7] = [
    ("user", CloneFlags::CLONE_NEWUSER),
    ("ipc", CloneFlags::CLONE_NEWIPC),
    ("uts", CloneFlags::CLONE_NEWUTS),
    ("net", CloneFlags::CLONE_NEWNET),
    ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ("pid", CloneFlags::CLONE_NEWPID),
    ("mnt", CloneFlags::CLONE_NEWNS),
];

fn report(message: &str, code: i32) -> i32 {
    eprintln!("Error: {message}");
    code
}

fn same_namespace(pid: i32, ns: &str) -> bool {
    let ours = std::fs::metadata(format!("/proc/self/ns/{ns}"));
    let theirs = std::fs::metadata(format!("/proc/{pid}/ns/{ns}"));
    matches!((ours, theirs), (Ok(a), Ok(b)) if a.ino() == b.ino() && a.dev() == b.dev())
}

/// The whole helper: returns the process exit code (the command's, or docker's 125/126/127).
pub fn run(spec: &ExecSpec) -> i32 {
    if spec.process.terminal && !spec.detach && !spec.detach_keys.is_empty() {
        return detachable(spec);
    }
    joined(spec, None)
}

/// `exec -it` with detach keys. Whoever holds the terminal's master must outlive a detach
/// (the command gets SIGHUP when it closes) and stay the command's parent (to reap it), while
/// our caller, which waits for this process, must return at the detach. So a child does the
/// whole exec and relays; this process returns the child's exit code, or 0 as soon as the
/// child says (on `detached`) that the user detached.
fn detachable(spec: &ExecSpec) -> i32 {
    let (said_r, said_w) = match nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) {
        Ok(p) => p,
        Err(e) => return report(&format!("cannot create a pipe: {e}"), 125),
    };
    // SAFETY: this helper process is single-threaded (started only for this), so the child may
    // run any code after fork.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            drop(said_r);
            exit_now(joined(spec, Some(said_w)))
        }
        Ok(ForkResult::Parent { child }) => {
            drop(said_w);
            let mut said = [0u8; 1];
            match File::from(said_r).read(&mut said) {
                Ok(1) => 0,
                _ => wait_code(child),
            }
        }
        Err(e) => report(&format!("cannot fork: {e}"), 125),
    }
}

/// Joins the container and runs the command; `detached`, when the terminal may be detached
/// from, is where to say it was.
fn joined(spec: &ExecSpec, detached: Option<OwnedFd>) -> i32 {
    // Opened before joining anything: /proc looks different from inside.
    let mut joins = Vec::new();
    for (name, flag) in NAMESPACES {
        // A namespace the container shares with us (host network) needs no joining, and from
        // inside the container's user namespace it could not be joined.
        if same_namespace(spec.pid, name) {
            continue;
        }
        match File::open(format!("/proc/{}/ns/{name}", spec.pid)) {
            Ok(f) => joins.push((name, flag, f)),
            Err(e) => {
                return report(
                    &format!("cannot open the container's {name} namespace: {e}"),
                    125,
                );
            }
        }
    }
    // Before the namespaces: the socket lies in the runtime directory on the host.
    let to_supervisor = match &spec.emulation_socket {
        Some(path) => match super::emulation::connect(path) {
            Ok(socket) => Some(socket),
            Err(e) => {
                return report(
                    &format!(
                        "cannot reach the container's root emulation in {}: {e}",
                        path.display()
                    ),
                    125,
                );
            }
        },
        None => None,
    };
    // Before the user namespace: the migration is checked against the caller's ids.
    if let Some(leaf) = &spec.cgroup
        && let Err(e) = join_cgroup(leaf, spec.pid)
    {
        return report(
            &format!("cannot join the container's cgroup {}: {e}", leaf.display()),
            125,
        );
    }
    for (name, flag, file) in &joins {
        if let Err(e) = setns(file.as_fd(), *flag) {
            return report(
                &format!("cannot join the container's {name} namespace: {e}"),
                125,
            );
        }
    }
    let terminal = if spec.process.terminal {
        match open_terminal_pair() {
            Ok(pair) => Some(pair),
            Err(f) => return report(&f.stage, 125),
        }
    } else {
        None
    };
    // Non-dumpable before the fork: the child is the rpod binary inside the container's PID
    // namespace until it execs, and the container's processes must never be able to open its
    // /proc/PID/exe (runc's CVE-2019-5736), not even in the moment after its birth. execve
    // makes it dumpable again as the command.
    if let Err(e) = nix::sys::prctl::set_dumpable(false) {
        return report(
            &format!("cannot make the exec helper non-dumpable: {e}"),
            125,
        );
    }
    let (failure_r, failure_w) = match nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC) {
        Ok(p) => p,
        Err(e) => return report(&format!("cannot create a pipe: {e}"), 125),
    };
    // SAFETY: this helper process is single-threaded (started only for this), so the child may
    // run any code after fork.
    match unsafe { fork() } {
        Ok(ForkResult::Child) => {
            drop(failure_r);
            let failure = child(spec, terminal, to_supervisor.as_ref());
            let _ = nix::unistd::write(
                &failure_w,
                &serde_json::to_vec(&failure).unwrap_or_default(),
            );
            exit_now(if failure.exec {
                exec_exit_code(failure.errno)
            } else {
                125
            })
        }
        Ok(ForkResult::Parent { child }) => {
            drop(failure_w);
            let master = terminal.map(|(master, _peer)| master);
            let mut text = Vec::new();
            let _ = File::from(failure_r).read_to_end(&mut text);
            if let Ok(failure) = serde_json::from_slice::<InitFailure>(&text) {
                let _ = waitpid(child, None);
                let code = if failure.exec {
                    exec_exit_code(failure.errno)
                } else {
                    125
                };
                return report(&failure.to_string(), code);
            }
            if spec.detach {
                return 0;
            }
            match master {
                Some(master) => relay(&master, child, &spec.detach_keys, detached),
                None => wait_code(child),
            }
        }
        Err(e) => report(&format!("cannot fork: {e}"), 125),
    }
}

/// Runs the helper's work in a child of the calling process, for a check the monitor runs:
/// the monitor is already in the container's user namespace, so the child joins the rest
/// without an exec (an exec would drop the capabilities it needs to). The child's stdout and
/// stderr are `output`, its stdin /dev/null; `prepare` runs in it first (joining the
/// container's cgroup) and false ends it with 125. Returns the child's pid; the command's
/// exit code is the child's.
pub fn spawn(
    spec: &ExecSpec,
    output: &OwnedFd,
    prepare: impl FnOnce() -> bool,
) -> nix::Result<Pid> {
    let null: OwnedFd = File::open("/dev/null")
        .map_err(|e| nix::Error::from_raw(exec_process::io_errno(&e)))?
        .into();
    // SAFETY: the caller (the monitor) is single-threaded, so the child may run any code
    // after fork; it leaves only through exit_now.
    match unsafe { fork() }? {
        ForkResult::Parent { child } => Ok(child),
        ForkResult::Child => {
            // The monitor blocks the signals it reads from its signalfd; the command must not
            // inherit that.
            let _ = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&SigSet::empty()), None);
            let ready = exec_process::dup2_stdio(&null, output, output).is_ok() && prepare();
            exit_now(if ready { run(spec) } else { 125 })
        }
    }
}

/// A terminal from the container's own devpts, sized like ours.
fn open_terminal_pair() -> Result<(OwnedFd, OwnedFd), InitFailure> {
    let (master, peer) = exec_process::open_pty()?;
    if let Some((rows, cols)) = tty::window_size(io::stdin()) {
        let _ = tty::set_window_size(&master, rows, cols);
    }
    Ok((master, peer))
}

/// The command's side: a session of its own, the terminal, the working directory, then the
/// container's restrictions and execve. Returns only on failure.
fn child(
    spec: &ExecSpec,
    terminal: Option<(OwnedFd, OwnedFd)>,
    to_supervisor: Option<&OwnedFd>,
) -> InitFailure {
    let p = &spec.process;
    let setup = || -> Result<std::path::PathBuf, InitFailure> {
        setsid().map_err(exec_process::nix_fail("setsid"))?;
        if let Some((master, peer)) = terminal {
            drop(master);
            exec_process::make_controlling(&peer)?;
        } else if spec.detach {
            // Nobody reads a detached command's output, and our caller must not wait for it.
            let null: OwnedFd = File::options()
                .read(true)
                .write(true)
                .open("/dev/null")
                .map_err(|e| exec_process::fail("open /dev/null", exec_process::io_errno(&e)))?
                .into();
            exec_process::dup2_stdio(&null, &null, &null)
                .map_err(exec_process::nix_fail("detach the standard streams"))?;
        }
        nix::unistd::chdir(Path::new(&p.cwd))
            .map_err(exec_process::nix_fail(format!("chdir to {}", p.cwd)))?;
        find_executable(&p.args[0], &p.env).map_err(|errno| InitFailure {
            stage: format!("exec {}", p.args[0]),
            errno,
            exec: true,
        })
    };
    match setup() {
        Ok(exe) => match exec_process::exec_process(p, &spec.security, &exe, to_supervisor) {
            Ok(never) => match never {},
            Err(f) => f,
        },
        Err(f) => f,
    }
}

fn wait_code(child: Pid) -> i32 {
    loop {
        match waitpid(child, None) {
            Ok(WaitStatus::Exited(_, code)) => return code,
            Ok(WaitStatus::Signaled(_, sig, _)) => return 128 + sig as i32,
            Ok(_) | Err(nix::Error::EINTR) => {}
            Err(_) => return 125,
        }
    }
}

/// Copies between our terminal and the command's until the command exits; follows the window
/// size; restores our terminal on the way out, or when the user types `keys` (then says so on
/// `detached`, leaves our caller's terminal and drains the command's output until it exits).
fn relay(master: &OwnedFd, child: Pid, keys: &[u8], mut detached: Option<OwnedFd>) -> i32 {
    let stdin = io::stdin();
    let mut saved = if stdin.is_terminal() {
        termios::tcgetattr(&stdin).ok().inspect(|saved| {
            let mut raw = saved.clone();
            termios::cfmakeraw(&mut raw);
            let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, &raw);
        })
    } else {
        None
    };
    // Keys are read from a terminal only, as attach reads them.
    let mut watch = detach_keys::Watch::new(match (&detached, &saved) {
        (Some(_), Some(_)) => keys,
        _ => &[],
    });
    let mut signals = SigSet::empty();
    signals.add(Signal::SIGWINCH);
    let _ = sigprocmask(SigmaskHow::SIG_BLOCK, Some(&signals), None);
    let winch = SignalFd::with_flags(&signals, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC).ok();
    let mut buf = vec![0u8; 64 * 1024];
    let mut stdin_open = true;
    let mut stdout = io::stdout();
    loop {
        let mut fds = vec![PollFd::new(master.as_fd(), PollFlags::POLLIN)];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        if let Some(w) = &winch {
            fds.push(PollFd::new(w.as_fd(), PollFlags::POLLIN));
        }
        if poll(&mut fds, PollTimeout::NONE).is_err() {
            continue;
        }
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        let winch_ready = winch.is_some() && ready.last().copied().unwrap_or(false);
        drop(fds);
        if ready[0] {
            match nix::unistd::read(master, &mut buf) {
                Ok(n) if n > 0 => {
                    let _ = stdout.write_all(&buf[..n]);
                    let _ = stdout.flush();
                }
                // EIO: the command and everything it started closed the terminal.
                _ => break,
            }
        }
        if stdin_open && ready.get(1).copied().unwrap_or(false) {
            match stdin.lock().read(&mut buf) {
                Ok(n) if n > 0 => match watch.feed(&buf[..n]) {
                    detach_keys::Input::Forward(data) => {
                        let _ = nix::unistd::write(master, &data);
                    }
                    detach_keys::Input::Detach(before) => {
                        let _ = nix::unistd::write(master, &before);
                        if let Some(saved) = saved.take() {
                            let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, &saved);
                        }
                        leave_caller(detached.take());
                        stdin_open = false;
                    }
                },
                _ => stdin_open = false,
            }
        }
        if let Some(w) = &winch
            && winch_ready
        {
            while let Ok(Some(_)) = w.read_signal() {}
            if let Some((rows, cols)) = tty::window_size(io::stdin()) {
                let _ = tty::set_window_size(master, rows, cols);
            }
        }
    }
    if let Some(saved) = saved {
        let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, &saved);
    }
    wait_code(child)
}

/// After a detach: our standard streams become /dev/null and we leave the caller's session
/// (its terminal's hangup must not end the command), then tell the waiting parent, which
/// returns to the caller.
fn leave_caller(detached: Option<OwnedFd>) {
    if let Ok(null) = File::options().read(true).write(true).open("/dev/null") {
        let null = OwnedFd::from(null);
        let _ = exec_process::dup2_stdio(&null, &null, &null);
    }
    let _ = setsid();
    if let Some(said) = detached {
        let _ = nix::unistd::write(&said, b"d");
    }
}
