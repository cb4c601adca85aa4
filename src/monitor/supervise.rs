//! The monitor process: from the handshake to the container's exit record.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, kill, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;

use super::attach::{self, Decoder, Frame};
use super::error::{Cause, MonitorError};
use super::handshake::{self, FromMonitor, ToMonitor};
use super::log::{LogWriter, Stream};
use super::spec::MonitorSpec;
use super::state::{self, EXIT_FILE, Exited, LOG_FILE, RUNNING_FILE, Running};
use super::streams::{self, Streams};
use super::{network, rootfs};
use crate::ids::FileOwner;
use crate::runtime::emulation::{self, SupervisorSpec};
use crate::runtime::hooks::Stage;
use crate::runtime::{clone_init, tty};
use crate::state::atomic;
use crate::state::process::ProcessStamp;

/// After the container's init exits, output still in flight is read for at most this long.
const DRAIN: Duration = Duration::from_millis(500);
/// This long after a start, the monitor drops the pages its set-up used.
const QUIET: Duration = Duration::from_millis(500);
/// A client that falls this far behind is disconnected rather than slowing the container.
const MAX_CLIENT_BACKLOG: usize = 8 << 20;

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// The monitor's whole life; returns its process exit code.
pub fn main() -> u8 {
    let Ok(channel) = io::stdin().as_fd().try_clone_to_owned() else {
        return 125;
    };
    let spec = match handshake::recv::<ToMonitor>(&channel) {
        Ok(Some(ToMonitor::Spec(spec))) => *spec,
        _ => return 125,
    };
    // Children must not inherit the handshake as their stdin.
    if let Ok(null) = File::open("/dev/null") {
        let _ = nix::unistd::dup2_stdin(&null);
    }
    supervise(&spec, channel)
}

/// Tells the CLI why the container could not start, and records it as the container's end.
fn fail(channel: &OwnedFd, spec: &MonitorSpec, error: &MonitorError) {
    // The record first: a CLI that reports the failure and exits leaves it for the next
    // command to read.
    let _ = state::write(
        &spec.container_dir.join(EXIT_FILE),
        &Exited {
            exit_code: error.exit_code(),
            finished_at: now(),
            oom_killed: false,
            error: Some(error.to_string()),
            restart_count: 0,
            stopped_by_user: false,
        },
    );
    state::remove_run_dir(spec);
    let _ = handshake::send(channel, &FromMonitor::Failed(error.clone()));
}

fn nonblocking(fd: &OwnedFd) {
    let _ = fcntl(fd, FcntlArg::F_SETFL(OFlag::O_NONBLOCK));
}

/// What the monitor holds for the container's whole life, across restarts.
pub(super) struct Held {
    signalfd: SignalFd,
    listener: UnixListener,
    placement: super::cgroup::Placement,
    /// The share of the rootless network namespace a bridged container holds.
    holder: Option<super::namespaces::BridgeHeld>,
    relay: Option<super::notify::Relay>,
}

/// One run of the container's process, and what the monitor holds for it.
pub(super) struct Launched {
    pub(super) pid: Pid,
    pub(super) streams: Streams,
    pub(super) run: RunHeld,
    pub(super) running: Running,
}

/// Released when the run's process has exited.
pub(super) struct RunHeld {
    connected: network::Connected,
    /// Root emulation's supervisor: killed and reaped when the run ends.
    emulation: Option<emulation::Supervisor>,
}

impl RunHeld {
    /// The run's processes are gone: nothing is left to answer. Returns the network helper
    /// when it is still dying; dropping it reaps it.
    pub(super) fn release(self) -> Option<crate::network::Helper> {
        drop(self.emulation);
        self.connected.disconnect()
    }
}

/// From the handshake to the container's exit record; returns the monitor's exit code.
fn supervise(spec: &MonitorSpec, channel: OwnedFd) -> u8 {
    let presence = spec.pod_exit.as_ref().and_then(super::pod_exit::join);
    let started = prepare(spec).and_then(|held| {
        let launched = launch(spec, &held.placement, Some(&channel), 0)?;
        Ok((held, launched))
    });
    let (held, launched) = match started {
        Ok(started) => started,
        Err(e) => {
            fail(&channel, spec, &e);
            return 1;
        }
    };
    // Before the CLI hears it and exits: a Type=notify unit then knows its main process.
    if let Some(socket) = spec
        .notify_socket
        .as_ref()
        .filter(|_| !spec.notify_when_healthy && spec.notify_relay.is_none())
    {
        // systemd may not listen (a stale variable): the container runs all the same.
        let _ = super::notify::ready(socket, std::process::id());
    }
    let _ = handshake::send(
        &channel,
        &FromMonitor::Started {
            pid: launched.pid.as_raw(),
        },
    );
    drop(channel);
    watch(spec, held, launched);
    if let Some(pod) = &spec.pod_exit {
        super::pod_exit::leave(pod, presence);
    }
    0
}

/// Blocked before the init is cloned so that its exit is never missed; the init unblocks
/// them for the container's process.
fn block_signals() -> Result<SignalFd, MonitorError> {
    let mut signals = SigSet::empty();
    for s in [
        Signal::SIGCHLD,
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        // `healthcheck run`: a check now; `update`: the check changed.
        Signal::SIGUSR1,
        Signal::SIGUSR2,
    ] {
        signals.add(s);
    }
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&signals), None)
        .map_err(|e| MonitorError::setup("block signals in the monitor")(e.into()))?;
    SignalFd::with_flags(&signals, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .map_err(|e| MonitorError::setup("create the monitor's signalfd")(e.into()))
}

/// What every run of the container shares: namespaces, root file system, cgroup leaf,
/// attach socket.
fn prepare(spec: &MonitorSpec) -> Result<Held, MonitorError> {
    let signalfd = block_signals()?;
    fs::create_dir_all(&spec.run_dir).map_err(|e| MonitorError::Setup {
        action: format!("create {}", spec.run_dir.display()).into(),
        cause: e.into(),
    })?;
    super::rootfs::make_shm_dir(spec)?;
    // A request left by a monitor that died before it removed the directory is not this
    // run's: no stop can be asked for before monitor.json exists.
    let _ = fs::remove_file(spec.run_dir.join(super::restart::STOP_FILE));
    // Before the user namespace: the leaf's cgroup.procs is opened with the caller's ids.
    let placement = super::cgroup::prepare(spec)?;
    let holder = super::namespaces::enter(spec)?;
    rootfs::assemble(&spec.rootfs)?;
    rootfs::fill_volumes(&spec.rootfs.merged, &spec.fill_volumes)?;
    let listener = attach::listen(&spec.run_dir)
        .map_err(|e| MonitorError::setup("create the attach socket")(e.into()))?;
    let relay = match (&spec.notify_relay, &spec.notify_socket) {
        (Some(dir), Some(target)) => Some(
            super::notify::Relay::bind(dir, target.clone()).map_err(|e| {
                MonitorError::setup("create the container's notify socket")(e.into())
            })?,
        ),
        _ => None,
    };
    Ok(Held {
        signalfd,
        listener,
        placement,
        holder,
        relay,
    })
}

/// One run of the container's process, up to it running; each step's failure is the error
/// the CLI reports. `channel` is the CLI's on the first run, None on a restart.
pub(super) fn launch(
    spec: &MonitorSpec,
    placement: &super::cgroup::Placement,
    channel: Option<&OwnedFd>,
    restart_count: u32,
) -> Result<Launched, MonitorError> {
    let (init_stdio, mut streams) =
        streams::stdio(spec).map_err(|e| MonitorError::setup("create pipes")(e.into()))?;
    // The init's end of the root emulation's channel is inherited by the clone; the
    // supervisor gets the other end once the init's mounts are done.
    let (to_supervisor, control) = match &spec.init.security.emulation {
        Some(init_emulation) => {
            let (ours, theirs) = emulation::channel().map_err(|e| {
                MonitorError::setup("create the root emulation's channel")(e.into())
            })?;
            (Some(theirs), Some((ours, init_emulation.identity.clone())))
        }
        None => (None, None),
    };
    let cloned =
        placement.inside(|| clone_init::clone_init(&spec.init, init_stdio, to_supervisor))??;
    let pid = cloned.pid;
    // The helper configures the namespace while the init mounts its root: neither waits
    // for the other until the container is about to start.
    let connecting = network::begin(spec, pid);
    // The init's own failure first: an init that failed and exited before the helper could
    // bind its namespace would otherwise be reported as the helper's missing namespace.
    let created = cloned.ready().inspect_err(|_| discard(pid))?;
    let connecting = connecting.inspect_err(|_| discard(pid))?;
    // Killed and reaped on every way out of this function but success, then when the run
    // ends.
    let emulation = match control {
        Some((control, init_identity)) => {
            let supervisor = SupervisorSpec {
                init_pid: pid.as_raw(),
                init_identity,
                run_dir: spec.run_dir.clone(),
                kernel_owner: FileOwner {
                    uid: spec.init.process.uid,
                    gid: spec.init.process.gid,
                },
            };
            let started = emulation::start(&supervisor, control)
                .map_err(|e| MonitorError::Emulation(Cause::new(e, None)));
            Some(started.inspect_err(|_| discard(pid))?)
        }
        None => None,
    };
    if let Some(master) = &created.terminal {
        streams.attach_terminal(master)?;
    }
    let connected = connecting.finish(spec, pid).inspect_err(|_| discard(pid))?;
    // Written by the monitor, not the CLI: a restart gives the container a new pid. Not
    // synced: a pid means nothing after a crash of the machine.
    let own = Some(spec.run_dir.join(super::state::CONMON_PID_FILE));
    let pids = [
        (&spec.pidfile, pid.as_raw() as u32),
        (&spec.conmon_pidfile, std::process::id()),
        (&own, std::process::id()),
    ];
    for (path, pid_written) in pids {
        if let Some(path) = path
            && let Err(e) = atomic::write_as(
                path,
                pid_written.to_string().as_bytes(),
                atomic::Durability::Unsynced,
            )
        {
            discard(pid);
            drop(connected.disconnect());
            return Err(MonitorError::Setup {
                action: format!("write the pid file {}", path.display()).into(),
                cause: e.into(),
            });
        }
    }
    if let Err(e) = super::hooks::before_start(spec, pid.as_raw()) {
        discard(pid);
        drop(connected.disconnect());
        return Err(e);
    }
    if let Some(channel) = channel {
        let _ = handshake::send(channel, &FromMonitor::Created { pid: pid.as_raw() });
        if spec.wait_for_go {
            // A CLI that went away before saying go does not stop the container: docker
            // runs it.
            let _ = handshake::recv::<ToMonitor>(channel);
        }
    }
    let started = super::hooks::run(spec, Stage::StartContainer, pid.as_raw())
        .inspect_err(|_| discard(pid))
        .and_then(|()| created.start().map_err(MonitorError::from));
    if let Err(e) = started {
        let _ = waitpid(pid, None);
        drop(connected.disconnect());
        return Err(e);
    }
    let _ = super::hooks::run(spec, Stage::Poststart, pid.as_raw());
    let running = Running {
        monitor: ProcessStamp::current(),
        pid: pid.as_raw(),
        started_at: now(),
        network: connected.info.clone(),
        restart_count,
        restarting: None,
    };
    let _ = state::write_volatile(&spec.run_dir.join(RUNNING_FILE), &running);
    Ok(Launched {
        pid,
        streams,
        run: RunHeld {
            connected,
            emulation,
        },
        running,
    })
}

/// The container's life: its streams and clients until it exits (and, by its restart
/// policy, runs again), then its exit record and, with `--rm`, its removal.
fn watch(spec: &MonitorSpec, held: Held, launched: Launched) {
    let Launched {
        pid,
        streams,
        run,
        running,
    } = launched;
    let Held {
        signalfd,
        listener,
        mut placement,
        holder,
        relay,
    } = held;
    let log_path = spec
        .log
        .path
        .clone()
        .unwrap_or_else(|| spec.container_dir.join(LOG_FILE));
    let log = (!spec.log.disabled)
        .then(|| LogWriter::open(&log_path, spec.log.max_size).ok())
        .flatten();
    let checker = spec
        .health
        .as_ref()
        .map(|health| super::checker::Checker::new(spec, health, pid));
    let mut events = EventLoop {
        pid,
        asked_to_end: false,
        shrink_at: Some(Instant::now() + QUIET),
        health_restart: false,
        checker,
        deadline: super::deadline::Deadline::start(spec.timeout),
        signalfd,
        listener,
        streams,
        log,
        clients: Vec::new(),
        stdin_backlog: Vec::new(),
        close_stdin: false,
        relay,
    };
    let end = super::relaunch::run_until_done(spec, &placement, &mut events, run, running);
    // Before the exit record: a `start` that follows at once binds the same published ports.
    drop(holder);
    if let Some(checker) = &mut events.checker {
        checker.abandon();
    }
    let oom_killed = placement.oom_killed();
    placement.remove();
    let exited = Exited {
        exit_code: end.code,
        finished_at: now(),
        oom_killed,
        error: end.error,
        restart_count: end.restart_count,
        stopped_by_user: end.stopped_by_user,
    };
    let exit_file = spec.container_dir.join(EXIT_FILE);
    let _ = if spec.auto_remove {
        state::write_volatile(&exit_file, &exited)
    } else {
        state::write(&exit_file, &exited)
    };
    state::remove_run_dir(spec);
    // Left mounted, fuse-overlayfs would outlive the container (and hold a systemd unit's
    // stop); unmounted before a `start` right after mounts it again (`--rm`: `Trash::empty`).
    if !spec.auto_remove {
        rootfs::disassemble(&spec.rootfs);
    }
    let trash = spec
        .auto_remove
        .then(|| super::autoremove::remove_container(spec));
    // An attached `run --rm` returns when it hears this, and the container must be gone (its
    // trees may still be deleted).
    events.finish(end.code);
    if let Some(trash) = trash {
        trash.empty(&spec.rootfs);
    }
    // Reaped after all that: its exit overlapped the container's end.
    drop(end.dying_helper);
}

/// A created init that will never start: it dies with its sync channel, but the monitor makes
/// sure before it reports the failure.
fn discard(pid: Pid) {
    let _ = kill(pid, Signal::SIGKILL);
    let _ = waitpid(pid, None);
}

struct Client {
    stream: UnixStream,
    decoder: Decoder,
    backlog: Vec<u8>,
}

pub(super) struct EventLoop {
    pid: Pid,
    /// A signal asked the monitor itself to end (systemd stopping its unit): the container
    /// is not restarted.
    pub(super) asked_to_end: bool,
    /// `--health-on-failure=restart` ended the run: it runs again whatever the policy.
    pub(super) health_restart: bool,
    /// When to drop what set-up or a healthcheck paged in and the wait does not need
    /// (`memory::shrink_to_working_set`): QUIET after a start, so that a short run never pays
    /// for it, and right after a check; done right before the poll(2), so that what pages back
    /// in before the wait is only the call itself.
    shrink_at: Option<Instant>,
    checker: Option<super::checker::Checker>,
    deadline: super::deadline::Deadline,
    pub(super) signalfd: SignalFd,
    listener: UnixListener,
    streams: Streams,
    log: Option<LogWriter>,
    clients: Vec<Client>,
    stdin_backlog: Vec<u8>,
    close_stdin: bool,
    relay: Option<super::notify::Relay>,
}

/// Adds `fd` to the poll set; its index there.
fn push_readable<'a>(fds: &mut Vec<PollFd<'a>>, fd: Option<BorrowedFd<'a>>) -> Option<usize> {
    fds.push(PollFd::new(fd?, PollFlags::POLLIN));
    Some(fds.len() - 1)
}

/// Rounded up: a wake-up before the deadline would only poll again.
fn poll_timeout(d: Duration) -> PollTimeout {
    let ms = d.as_micros().div_ceil(1000);
    PollTimeout::try_from(i32::try_from(ms).unwrap_or(i32::MAX)).unwrap_or(PollTimeout::MAX)
}

fn fd_of(fd: &impl AsFd) -> BorrowedFd<'_> {
    fd.as_fd()
}

impl EventLoop {
    /// The next run's process and streams; clients stay attached across a restart.
    pub(super) fn restarted(&mut self, spec: &MonitorSpec, pid: Pid, streams: Streams) {
        self.pid = pid;
        self.health_restart = false;
        self.shrink_at = Some(Instant::now() + QUIET);
        self.deadline = super::deadline::Deadline::start(spec.timeout);
        if let Some(checker) = &mut self.checker {
            checker.restarted(spec, pid);
        }
        super::checker::reload(&mut self.checker, spec, pid);
        self.streams = streams;
        self.stdin_backlog.clear();
        self.close_stdin = false;
    }

    /// Runs until the container's init has exited and its output is drained; returns its code.
    pub(super) fn run(&mut self, spec: &MonitorSpec, placement: &super::cgroup::Placement) -> i32 {
        self.listener.set_nonblocking(true).ok();
        for (fd, _) in &self.streams.outputs {
            nonblocking(fd);
        }
        let mut exit: Option<(i32, Instant)> = None;
        loop {
            if let Some((code, at)) = exit
                && (self.streams.outputs.is_empty() || at.elapsed() > DRAIN)
            {
                // What is in the pipes already is kept, however long this process was kept
                // off the CPU after the exit; then what clients sent in the meantime and what
                // is still queued for them.
                self.read_buffered();
                self.serve_clients();
                return code;
            }
            // Decided before the timeout: a shrink still pending there would make this poll
            // return at once, and the loop's next round would page back in what it dropped.
            let shrink = exit.is_none() && self.shrink_at.is_some_and(|at| at <= Instant::now());
            if shrink {
                self.shrink_at = None;
            }
            let timeout = match exit {
                Some(_) => PollTimeout::from(50u16),
                None => {
                    let check = self.checker.as_ref().and_then(|c| c.timeout());
                    let shrink = self
                        .shrink_at
                        .map(|at| at.saturating_duration_since(Instant::now()));
                    [check, self.deadline.remaining(), shrink]
                        .into_iter()
                        .flatten()
                        .min()
                        .map_or(PollTimeout::NONE, poll_timeout)
                }
            };
            let (ready, check_output, notified) = self.poll(timeout, shrink);
            if notified && let Some(relay) = &self.relay {
                relay.forward();
            }
            if ready[0] {
                if let Some(code) = self.handle_signals(spec) {
                    exit.get_or_insert((code, Instant::now()));
                    // Now the terminal ends when the container's last user of it closes it.
                    self.streams.terminal_peer = None;
                }
            }
            if exit.is_none() {
                self.check_health(spec, placement, check_output);
                // Past `--timeout` the run is over for good: no restart brings it back.
                if self.deadline.expired() {
                    self.asked_to_end = true;
                    let _ = kill(self.pid, Signal::SIGKILL);
                }
            }
            // Clients first: an attached CLI connected before the go must see the first output.
            self.accept();
            self.handle_outputs(&ready[1..1 + self.streams.outputs.len()]);
            self.serve_clients();
            self.flush_stdin();
        }
    }

    /// A healthcheck's turn: its output, its end, the next one; `--health-on-failure` when
    /// the container turns unhealthy.
    fn check_health(
        &mut self,
        spec: &MonitorSpec,
        placement: &super::cgroup::Placement,
        output_ready: bool,
    ) {
        let Some(checker) = &mut self.checker else {
            return;
        };
        if output_ready {
            checker.read_output();
        }
        let changed = [checker.reap(spec), checker.tick(spec, placement)];
        if checker.take_finished() {
            self.shrink_at = Some(Instant::now());
        }
        match checker.ending(changed) {
            Some(super::checker::Ending::Restart) => self.health_restart = true,
            Some(super::checker::Ending::Stopped) => self.asked_to_end = true,
            None => {}
        }
    }

    /// Polls every descriptor; returns readiness in the order signalfd, outputs, and whether
    /// a healthcheck's output and the container's notify socket are ready.
    fn poll(&self, timeout: PollTimeout, shrink: bool) -> (Vec<bool>, bool, bool) {
        let mut fds = vec![PollFd::new(fd_of(&self.signalfd), PollFlags::POLLIN)];
        for (fd, _) in &self.streams.outputs {
            fds.push(PollFd::new(fd.as_fd(), PollFlags::POLLIN));
        }
        fds.push(PollFd::new(self.listener.as_fd(), PollFlags::POLLIN));
        for c in &self.clients {
            let mut flags = PollFlags::POLLIN;
            if !c.backlog.is_empty() {
                flags |= PollFlags::POLLOUT;
            }
            fds.push(PollFd::new(c.stream.as_fd(), flags));
        }
        if let (Some(input), false) = (&self.streams.input, self.stdin_backlog.is_empty()) {
            fds.push(PollFd::new(input.as_fd(), PollFlags::POLLOUT));
        }
        let check = push_readable(&mut fds, self.checker.as_ref().and_then(|c| c.output()));
        let relay = push_readable(&mut fds, self.relay.as_ref().map(|r| r.fd()));
        if shrink {
            crate::runtime::memory::shrink_to_working_set(None);
        }
        let _ = poll(&mut fds, timeout);
        let ready: Vec<bool> = fds
            .iter()
            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
            .collect();
        let (check, relay) = (
            check.is_some_and(|i| ready[i]),
            relay.is_some_and(|i| ready[i]),
        );
        (ready, check, relay)
    }

    /// Reaps children; returns the container's exit code once its init has exited.
    fn handle_signals(&mut self, spec: &MonitorSpec) -> Option<i32> {
        let mut code = None;
        while let Ok(Some(info)) = self.signalfd.read_signal() {
            let sig = info.ssi_signo as i32;
            if sig == Signal::SIGCHLD as i32 {
                continue;
            }
            if sig == Signal::SIGUSR1 as i32 || sig == Signal::SIGUSR2 as i32 {
                super::checker::signalled(&mut self.checker, sig, spec, self.pid);
                continue;
            }
            // Someone asked the monitor to end: pass it on to the container.
            self.asked_to_end = true;
            if let Ok(s) = Signal::try_from(sig) {
                let _ = kill(self.pid, s);
            }
        }
        loop {
            // The init only: the network helper is a child too, and its Child reaps it.
            match waitpid(self.pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(p, c)) if p == self.pid => code = Some(c),
                Ok(WaitStatus::Signaled(p, s, _)) if p == self.pid => code = Some(128 + s as i32),
                Ok(WaitStatus::StillAlive) | Err(_) => break,
                Ok(_) => {}
            }
        }
        code
    }

    /// Reads what the output pipes hold now, up to a bound: a process left behind that keeps
    /// writing must not keep the monitor.
    fn read_buffered(&mut self) {
        for _ in 0..64 {
            let ready = vec![true; self.streams.outputs.len()];
            if ready.is_empty() || !self.handle_outputs(&ready) {
                return;
            }
        }
    }

    /// Reads once from each ready output; returns whether anything was read or closed.
    fn handle_outputs(&mut self, ready: &[bool]) -> bool {
        let mut progressed = false;
        let mut closed = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        for (i, (fd, stream)) in self.streams.outputs.iter().enumerate() {
            if !ready.get(i).copied().unwrap_or(false) {
                continue;
            }
            match nix::unistd::read(fd, &mut buf) {
                Ok(0) => closed.push(i),
                Ok(n) => {
                    progressed = true;
                    let data = &buf[..n];
                    if let Some(log) = &mut self.log {
                        let _ = log.write(*stream, data);
                    }
                    let frame = match stream {
                        Stream::Stdout => Frame::Stdout(data.to_vec()),
                        Stream::Stderr => Frame::Stderr(data.to_vec()),
                    }
                    .encode();
                    for c in &mut self.clients {
                        c.backlog.extend_from_slice(&frame);
                    }
                }
                Err(nix::Error::EAGAIN) | Err(nix::Error::EINTR) => {}
                // EIO: the terminal's last user closed it.
                Err(_) => closed.push(i),
            }
        }
        progressed |= !closed.is_empty();
        for i in closed.into_iter().rev() {
            self.streams.outputs.remove(i);
        }
        progressed
    }

    fn accept(&mut self) {
        while let Ok((stream, _)) = self.listener.accept() {
            stream.set_nonblocking(true).ok();
            self.clients.push(Client {
                stream,
                decoder: Decoder::default(),
                backlog: Vec::new(),
            });
        }
    }

    fn serve_clients(&mut self) {
        let mut buf = [0u8; 64 * 1024];
        let mut gone = Vec::new();
        let mut input = Vec::new();
        for (i, c) in self.clients.iter_mut().enumerate() {
            loop {
                match c.stream.read(&mut buf) {
                    Ok(0) => {
                        gone.push(i);
                        break;
                    }
                    Ok(n) => c.decoder.push(&buf[..n]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => {
                        gone.push(i);
                        break;
                    }
                }
            }
            while let Ok(Some(frame)) = c.decoder.next_frame() {
                input.push(frame);
            }
            if !c.backlog.is_empty() {
                match c.stream.write(&c.backlog) {
                    Ok(n) => {
                        c.backlog.drain(..n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(_) => gone.push(i),
                }
            }
            if c.backlog.len() > MAX_CLIENT_BACKLOG {
                gone.push(i);
            }
        }
        gone.sort_unstable();
        gone.dedup();
        for i in gone.into_iter().rev() {
            self.clients.remove(i);
        }
        for frame in input {
            match frame {
                Frame::Stdin(data) => self.stdin_backlog.extend_from_slice(&data),
                Frame::Resize { rows, cols } if self.streams.terminal => {
                    if let Some(input) = &self.streams.input {
                        let _ = tty::set_window_size(input, rows, cols);
                    }
                }
                Frame::CloseStdin if !self.streams.terminal => self.close_stdin = true,
                _ => {}
            }
        }
    }

    fn flush_stdin(&mut self) {
        let Some(input) = &self.streams.input else {
            self.stdin_backlog.clear();
            return;
        };
        if !self.stdin_backlog.is_empty() {
            nonblocking(input);
            match nix::unistd::write(input, &self.stdin_backlog) {
                Ok(n) => {
                    self.stdin_backlog.drain(..n);
                }
                Err(nix::Error::EAGAIN) => {}
                Err(_) => {
                    self.stdin_backlog.clear();
                    self.streams.input = None;
                    return;
                }
            }
        }
        // The container sees end-of-file once everything sent before it was written; checked
        // right after the last write too, since nothing may wake the loop again.
        if self.stdin_backlog.is_empty() && self.close_stdin {
            self.streams.input = None;
        }
    }

    /// Tells every client how the container ended, giving each a moment to take it in.
    fn finish(&mut self, code: i32) {
        let exit = Frame::Exit(code).encode();
        let deadline = Instant::now() + Duration::from_secs(2);
        for c in &mut self.clients {
            c.backlog.extend_from_slice(&exit);
            c.stream.set_nonblocking(false).ok();
            c.stream
                .set_write_timeout(Some(
                    deadline
                        .saturating_duration_since(Instant::now())
                        .max(Duration::from_millis(10)),
                ))
                .ok();
            let _ = c.stream.write_all(&c.backlog);
        }
    }
}
