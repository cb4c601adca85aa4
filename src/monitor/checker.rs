//! The monitor's healthchecks: one check at a time, started on the monitor's own clock (the
//! event loop's poll timeout: no thread, no wake-up between checks), run with exec's
//! machinery, cut off at its timeout; each result moves the container's health, which is
//! written to its run directory and announced as a `health_status` event.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::time::{Duration, Instant};

use nix::fcntl::OFlag;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{Id, WaitPidFlag, WaitStatus, waitid, waitpid};
use nix::unistd::Pid;

use super::cgroup::Placement;
use super::health::{
    HEALTH_FILE, Health, HealthLog, HealthStatus, LogDestination, OnFailure, output_text,
};
use super::spec::{HealthSpec, MonitorSpec};
use super::state;
use crate::state::events::{self, Event};

/// A check under way.
struct Probe {
    pid: Pid,
    output: OwnedFd,
    bytes: Vec<u8>,
    start: String,
    deadline: Instant,
    timed_out: bool,
}

pub(super) struct Checker {
    spec: HealthSpec,
    /// This run's init.
    init: Pid,
    /// This run's start: the start period counts from it.
    started: Instant,
    /// When the next check starts (while none runs); None: only `healthcheck run` checks.
    next: Option<Instant>,
    probe: Option<Probe>,
    pub(super) health: Health,
    /// `healthcheck run` asked for a check now.
    requested: bool,
    /// `--sdnotify=healthy` has told systemd: once, across restarts.
    notified: bool,
    /// `--health-on-failure=stop`: when the container, sent its stop signal, is killed.
    kill_at: Option<Instant>,
    startup: Startup,
    /// A check ended since the event loop last asked: what it paged in can go before the wait.
    finished: bool,
}

/// The startup check's progress in this run.
#[derive(Debug, Default)]
struct Startup {
    passed: bool,
    successes: u32,
    failures: u32,
    /// Its retries ran out: the container restarts.
    failed: bool,
}

/// What `--health-on-failure` did to the container's process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// kill or stop: the container ends and its restart policy does not apply.
    Stopped,
    /// restart: it runs again whatever its restart policy.
    Restart,
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

impl Checker {
    pub(super) fn new(spec: &MonitorSpec, health: &HealthSpec, init: Pid) -> Checker {
        let mut checker = Checker {
            spec: health.clone(),
            init,
            started: Instant::now(),
            next: None,
            probe: None,
            health: Health::default(),
            kill_at: None,
            requested: false,
            notified: false,
            startup: Startup::default(),
            finished: false,
        };
        checker.restarted(spec, init);
        checker
    }

    /// A new run of the container: health starts afresh, as docker's does at each start.
    pub(super) fn restarted(&mut self, spec: &MonitorSpec, init: Pid) {
        self.abandon();
        self.init = init;
        self.started = Instant::now();
        self.health = Health::default();
        self.kill_at = None;
        self.startup = Startup::default();
        self.next = self.interval().map(|i| self.started + i);
        self.save(spec);
    }

    /// `update` changed the check: the new settings from now on, the timer reset (podman's),
    /// the health and the startup check's progress kept.
    /// A changed check starts its timer again; the same check with another environment
    /// keeps its schedule.
    pub(super) fn reconfigure(&mut self, spec: &MonitorSpec, health: &HealthSpec) {
        let pid = self.spec.exec.pid;
        let same_check = self.spec.config == health.config;
        self.spec = health.clone();
        self.spec.exec.pid = pid;
        if !same_check {
            self.next = self.interval().map(|i| Instant::now() + i);
        }
        self.save(spec);
    }

    /// Whether a check ended since the last call.
    pub(super) fn take_finished(&mut self) -> bool {
        std::mem::take(&mut self.finished)
    }

    /// The startup check while it has not passed.
    fn startup_check(&self) -> Option<&super::health::StartupCheck> {
        self.spec
            .config
            .startup
            .as_ref()
            .filter(|_| !self.startup.passed)
    }

    fn in_start_period(&self) -> bool {
        self.health.status == HealthStatus::Starting
            && self.started.elapsed() < self.spec.config.start_period
    }

    /// docker's: the start interval while starting within the start period, else the interval.
    fn interval(&self) -> Option<Duration> {
        let config = &self.spec.config;
        if let Some(startup) = self.startup_check() {
            return Some(startup.interval).filter(|i| !i.is_zero());
        }
        if config.interval.is_zero() {
            return None;
        }
        Some(if self.in_start_period() {
            config.start_interval
        } else {
            config.interval
        })
    }

    /// How long the event loop may sleep before the checker has something to do.
    pub(super) fn timeout(&self) -> Option<Duration> {
        let check = match &self.probe {
            Some(p) if !p.timed_out => Some(p.deadline),
            Some(_) => None,
            None if self.requested => Some(Instant::now()),
            None => self.next,
        };
        let at = match (check, self.kill_at) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some(at.saturating_duration_since(Instant::now()))
    }

    /// The running check's output, to poll.
    pub(super) fn output(&self) -> Option<BorrowedFd<'_>> {
        self.probe.as_ref().map(|p| p.output.as_fd())
    }

    pub(super) fn read_output(&mut self) {
        let Some(p) = &mut self.probe else { return };
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = nix::unistd::read(&p.output, &mut buf) {
            // Past the kept size (a character is at most 4 bytes) the output is read only to
            // keep the check from blocking.
            let room = match self.spec.config.log.max_size {
                0 => n,
                chars => (chars as usize * 4).saturating_sub(p.bytes.len()),
            };
            p.bytes.extend_from_slice(&buf[..n.min(room)]);
        }
    }

    /// Starts a check when one is due, or cuts off one past its timeout; returns the new
    /// status when a check that could not start changed it.
    pub(super) fn tick(
        &mut self,
        spec: &MonitorSpec,
        placement: &Placement,
    ) -> Option<HealthStatus> {
        let now = Instant::now();
        if self.kill_at.is_some_and(|at| now >= at) {
            self.kill_at = None;
            let _ = kill(self.init(), Signal::SIGKILL);
        }
        match &mut self.probe {
            Some(p) if !p.timed_out && now >= p.deadline => {
                p.timed_out = true;
                kill_check(p.pid);
                None
            }
            None if self.requested || self.next.is_some_and(|at| now >= at) => {
                self.start(spec, placement)
            }
            _ => None,
        }
    }

    /// `healthcheck run`: a check as soon as none is under way.
    pub(super) fn request(&mut self) {
        self.requested = true;
    }

    fn start(&mut self, spec: &MonitorSpec, placement: &Placement) -> Option<HealthStatus> {
        self.next = None;
        self.requested = false;
        self.spec.exec.pid = namespace_holder(self.init);
        let (argv, timeout) = match self.startup_check() {
            Some(s) => (s.test.argv(), s.timeout),
            None => (self.spec.config.test.argv(), self.spec.config.timeout),
        };
        self.spec.exec.process.args = argv;
        let start = now();
        let spawned =
            nix::unistd::pipe2(OFlag::O_CLOEXEC | OFlag::O_NONBLOCK).and_then(|(r, w)| {
                let init = self.spec.exec.pid;
                let pid =
                    crate::runtime::join::spawn(&self.spec.exec, &w, || placement.join(init))?;
                Ok((pid, r))
            });
        match spawned {
            Ok((pid, output)) => {
                self.probe = Some(Probe {
                    pid,
                    output,
                    bytes: Vec::new(),
                    start,
                    deadline: Instant::now() + timeout,
                    timed_out: false,
                });
                None
            }
            Err(e) => self.finish(
                spec,
                HealthLog {
                    start,
                    end: now(),
                    exit_code: 125,
                    output: format!("cannot start the healthcheck: {e}"),
                },
            ),
        }
    }

    /// Once the check's helper has exited: its result; returns the new status if it changed.
    pub(super) fn reap(&mut self, spec: &MonitorSpec) -> Option<HealthStatus> {
        let pid = self.probe.as_ref()?.pid;
        let code = match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::Exited(_, code)) => code,
            Ok(WaitStatus::Signaled(_, sig, _)) => 128 + sig as i32,
            Ok(_) => return None,
            Err(_) => 125,
        };
        self.read_output();
        let probe = self.probe.take()?;
        let (exit_code, output) = if probe.timed_out {
            let timeout = self
                .startup_check()
                .map_or(self.spec.config.timeout, |s| s.timeout);
            let limit = crate::format::units::human_duration(timeout);
            (-1, format!("Health check exceeded timeout ({limit})"))
        } else {
            (
                code,
                output_text(&probe.bytes, self.spec.config.log.max_size),
            )
        };
        let log = HealthLog {
            start: probe.start,
            end: now(),
            exit_code,
            output,
        };
        self.finish(spec, log)
    }

    /// A result: the health moves, is written and, when its status changed, announced.
    fn finish(&mut self, spec: &MonitorSpec, log: HealthLog) -> Option<HealthStatus> {
        let config = &self.spec.config;
        let passed = log.exit_code == 0;
        let changed = match config.startup.clone().filter(|_| !self.startup.passed) {
            Some(startup) => {
                self.health.keep(log, config.log.max_count);
                self.startup_result(&startup, passed);
                None
            }
            None => {
                let in_start_period = self.in_start_period();
                let limits = (config.retries, config.log.max_count);
                self.health.record(log, limits, in_start_period)
            }
        };
        self.save(spec);
        if changed == Some(HealthStatus::Healthy) {
            self.notify_ready(spec);
        }
        // events_logger: every result, as podman's; else the changes.
        let logged = self.spec.config.log.destination == LogDestination::EventsLogger;
        if changed.is_some() || logged {
            let mut event =
                Event::new("container", "health_status", &spec.container_id, &spec.name)
                    .with("image", spec.image_name.clone())
                    .with("health_status", self.health.status.name().to_string());
            if let (true, Some(last)) = (logged, self.health.log.last()) {
                let text = serde_json::to_string(last).unwrap_or_default();
                event = event.with("health_log", text);
            }
            events::record(&spec.runroot, &event);
        }
        self.next = self.interval().map(|i| Instant::now() + i);
        // What the check paged in is not needed until the next one.
        self.finished = true;
        changed
    }

    /// `--sdnotify=healthy`: READY=1 and the monitor as main process, at the first healthy
    /// check.
    fn notify_ready(&mut self, spec: &MonitorSpec) {
        if let (Some(socket), true, false) =
            (&spec.notify_socket, spec.notify_when_healthy, self.notified)
        {
            self.notified = true;
            // systemd may not listen (a stale variable): the container runs all the same.
            let _ = super::notify::ready(socket, std::process::id());
        }
    }

    /// podman's startup rules: enough successes in a row pass it (the regular check takes
    /// over), its retries' worth of failures in a row restart the container.
    fn startup_result(&mut self, startup: &super::health::StartupCheck, passed: bool) {
        let progress = &mut self.startup;
        if passed {
            progress.failures = 0;
            progress.successes += 1;
            progress.passed = progress.successes >= startup.successes.max(1);
        } else {
            progress.successes = 0;
            progress.failures += 1;
            progress.failed = startup.retries > 0 && progress.failures >= startup.retries;
        }
    }

    /// What the last turn's results do to the container: a failed startup check restarts
    /// it, an unhealthy status runs `--health-on-failure`.
    pub(super) fn ending(&mut self, changed: [Option<HealthStatus>; 2]) -> Option<Ending> {
        if let Some(ending) = self.startup_failed() {
            return Some(ending);
        }
        if changed.contains(&Some(HealthStatus::Unhealthy)) {
            return self.act();
        }
        None
    }

    /// The startup check ran out of retries: the container is stopped (its stop signal, then
    /// SIGKILL past its stop timeout) to run again whatever its restart policy.
    fn startup_failed(&mut self) -> Option<Ending> {
        if !std::mem::take(&mut self.startup.failed) {
            return None;
        }
        let _ = self.spec.stop_signal.send(self.init);
        self.kill_at = Some(Instant::now() + self.spec.stop_timeout);
        self.next = None;
        Some(Ending::Restart)
    }

    pub(super) fn save(&self, spec: &MonitorSpec) {
        let _ = state::write_volatile(&spec.run_dir.join(HEALTH_FILE), &self.health);
        if let LogDestination::Directory(dir) = &self.spec.config.log.destination {
            let file = dir.join(format!("{}-healthcheck.log", spec.container_id));
            let _ = state::write(&file, &self.health);
        }
    }

    fn init(&self) -> Pid {
        self.init
    }

    /// `--health-on-failure`, once the container has turned unhealthy.
    fn act(&mut self) -> Option<Ending> {
        let init = self.init();
        match self.spec.config.on_failure {
            OnFailure::None => None,
            OnFailure::Kill => {
                let _ = kill(init, Signal::SIGKILL);
                Some(Ending::Stopped)
            }
            OnFailure::Restart => {
                let _ = kill(init, Signal::SIGKILL);
                Some(Ending::Restart)
            }
            OnFailure::Stop => {
                let _ = self.spec.stop_signal.send(init);
                self.kill_at = Some(Instant::now() + self.spec.stop_timeout);
                Some(Ending::Stopped)
            }
        }
    }

    /// A check still running when its run ends, or at a restart: killed and reaped.
    pub(super) fn abandon(&mut self) {
        if let Some(p) = self.probe.take() {
            kill_check(p.pid);
            let _ = waitpid(p.pid, None);
        }
    }
}

/// SIGUSR1: `healthcheck run` asks for a check now; SIGUSR2: see [`reload`].
pub(super) fn signalled(checker: &mut Option<Checker>, sig: i32, spec: &MonitorSpec, init: Pid) {
    match checker {
        Some(c) if sig == Signal::SIGUSR1 as i32 => c.request(),
        _ if sig == Signal::SIGUSR2 as i32 => reload(checker, spec, init),
        _ => {}
    }
}

/// `update` changed the healthcheck (SIGUSR2, or read again at a restart): the new check
/// replaces the old, or none is left.
pub(super) fn reload(checker: &mut Option<Checker>, spec: &MonitorSpec, init: Pid) {
    let file = spec.run_dir.join(super::health::HEALTH_UPDATE_FILE);
    let Ok(Some(update)) = state::read::<super::health::HealthUpdate<HealthSpec>>(&file) else {
        return;
    };
    match (checker.as_mut(), update.health) {
        (Some(c), Some(health)) => c.reconfigure(spec, &health),
        (None, Some(health)) => *checker = Some(Checker::new(spec, &health, init)),
        (Some(c), None) => {
            c.abandon();
            let _ = std::fs::remove_file(spec.run_dir.join(HEALTH_FILE));
            *checker = None;
        }
        (None, None) => {}
    }
}

/// The check's helper and the command it started: the command, in the container's PID
/// namespace, would otherwise outlive its helper.
fn kill_check(helper: Pid) {
    // Stopped first, so that it cannot fork the command after its children were read (a
    // loaded machine can put the fork past the timeout); WNOWAIT leaves its exit to reap().
    let _ = kill(helper, Signal::SIGSTOP);
    let _ = waitid(
        Id::Pid(helper),
        WaitPidFlag::WSTOPPED | WaitPidFlag::WEXITED | WaitPidFlag::WNOWAIT,
    );
    for child in children(helper) {
        // The command runs in a session of its own: its process group goes with it.
        let _ = kill(Pid::from_raw(-child), Signal::SIGKILL);
        let _ = kill(Pid::from_raw(child), Signal::SIGKILL);
    }
    let _ = kill(helper, Signal::SIGKILL);
}

fn children(pid: Pid) -> Vec<i32> {
    std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", pid.as_raw()))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|c| c.parse().ok())
        .collect()
}

/// With `--init` the init is a non-dumpable reaper whose namespaces cannot be opened; its
/// child, the container's command, is in the same ones.
fn namespace_holder(init: Pid) -> i32 {
    if std::fs::File::open(format!("/proc/{}/ns/user", init.as_raw())).is_ok() {
        return init.as_raw();
    }
    children(init).first().copied().unwrap_or(init.as_raw())
}
