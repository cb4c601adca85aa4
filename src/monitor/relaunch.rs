//! The monitor's restart loop: each run of the container's process until one ends that the
//! restart policy does not restart, a stop was asked for, or a restart fails.

use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::Signal;
use nix::sys::signalfd::SignalFd;

use super::cgroup::Placement;
use super::error::MonitorError;
use super::restart::{self, Backoff};
use super::spec::MonitorSpec;
use super::state::{self, LOCK_FILE, LastExit, RUNNING_FILE, Running};
use super::supervise::{EventLoop, Launched, RunHeld, launch};
use crate::network::Helper;
use crate::runtime::hooks::Stage;
use crate::state::events::{self, Event};
use crate::state::lock;

/// While a `stop` holds the container's lock, the monitor looks again this often.
const LOCK_RETRY: Duration = Duration::from_millis(20);

/// How the container's last run ended, for its exit record.
pub(super) struct End {
    pub code: i32,
    pub error: Option<String>,
    pub restart_count: u32,
    pub stopped_by_user: bool,
    /// The last run's network helper, killed and still dying: reaped when dropped, after
    /// the container's end is recorded.
    pub dying_helper: Option<Helper>,
}

enum Outcome {
    Stopped,
    Failed(MonitorError),
    Started(Box<Launched>),
}

/// Runs the container until its policy lets it end; returns how it ended.
pub(super) fn run_until_done(
    spec: &MonitorSpec,
    placement: &Placement,
    events: &mut EventLoop,
    mut run: RunHeld,
    mut running: Running,
) -> End {
    let mut backoff = Backoff::default();
    loop {
        let began = Instant::now();
        let code = events.run(spec, placement);
        // A restart reaps the helper of the run before (long dead by now) here.
        let dying_helper = run.release();
        let _ = super::hooks::run(spec, Stage::Poststop, running.pid);
        record_died(spec, code);
        let count = running.restart_count;
        let stopped = events.asked_to_end || restart::stop_requested(&spec.run_dir);
        let end = |code, error, stopped_by_user| End {
            code,
            error,
            restart_count: count,
            stopped_by_user,
            dying_helper,
        };
        let policy = restart::current(&spec.container_dir, spec.restart);
        if stopped || !(events.health_restart || policy.restarts_after(code, count)) {
            return end(code, None, stopped);
        }
        running.restarting = Some(LastExit {
            exit_code: code,
            finished_at: jiff::Timestamp::now().to_string(),
        });
        let _ = state::write_volatile(&spec.run_dir.join(RUNNING_FILE), &running);
        let delay = backoff.next(began.elapsed());
        match relaunch(spec, placement, &events.signalfd, delay, count + 1) {
            Outcome::Stopped => return end(code, None, true),
            Outcome::Failed(e) => return end(e.exit_code(), Some(e.to_string()), false),
            Outcome::Started(launched) => {
                let Launched {
                    pid,
                    streams,
                    run: next,
                    running: now_running,
                } = *launched;
                events.restarted(spec, pid, streams);
                run = next;
                running = now_running;
                let restarted = Event::new("container", "restart", &spec.container_id, &spec.name)
                    .with("image", spec.image_name.clone());
                events::record(&spec.runroot, &restarted);
            }
        }
    }
}

/// After the back-off, the next run, started under the container's lifecycle lock: a `stop`
/// that holds it has written its request, which is read before anything starts, and a `stop`
/// after it finds the new process recorded.
fn relaunch(
    spec: &MonitorSpec,
    placement: &Placement,
    signalfd: &SignalFd,
    delay: Duration,
    restart_count: u32,
) -> Outcome {
    if !sleep(signalfd, delay) {
        return Outcome::Stopped;
    }
    let lock_path = spec.container_dir.join(LOCK_FILE);
    let _lifecycle = loop {
        if restart::stop_requested(&spec.run_dir) {
            return Outcome::Stopped;
        }
        match lock::try_exclusive(&lock_path) {
            Ok(Some(guard)) => break guard,
            Ok(None) if sleep(signalfd, LOCK_RETRY) => {}
            // Asked to end, or the container is being removed.
            _ => return Outcome::Stopped,
        }
    };
    if restart::stop_requested(&spec.run_dir) {
        return Outcome::Stopped;
    }
    placement.reset();
    match launch(spec, placement, None, restart_count) {
        Ok(launched) => Outcome::Started(Box::new(launched)),
        Err(e) => Outcome::Failed(e),
    }
}

/// Sleeps for `delay` with no process to watch; false when a signal asks the monitor to end
/// (a `stop` during the back-off sends one).
fn sleep(signalfd: &SignalFd, delay: Duration) -> bool {
    let deadline = Instant::now() + delay;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return true;
        }
        let ms = u16::try_from(left.as_millis().max(1)).unwrap_or(u16::MAX);
        let mut fds = [PollFd::new(
            std::os::fd::AsFd::as_fd(signalfd),
            PollFlags::POLLIN,
        )];
        let _ = poll(&mut fds, PollTimeout::from(ms));
        while let Ok(Some(info)) = signalfd.read_signal() {
            // SIGUSR1 asks for a healthcheck: with no process to check there is none to run;
            // SIGUSR2's changed check is read at the restart.
            let sig = info.ssi_signo as i32;
            let quiet = [Signal::SIGCHLD, Signal::SIGUSR1, Signal::SIGUSR2];
            if !quiet.iter().any(|&s| s as i32 == sig) {
                return false;
            }
        }
    }
}

/// Records the `died` event of one run.
fn record_died(spec: &MonitorSpec, code: i32) {
    let died = Event::new("container", "died", &spec.container_id, &spec.name)
        .with("image", spec.image_name.clone())
        .with("exitCode", code.to_string());
    events::record(&spec.runroot, &died);
}
