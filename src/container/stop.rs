//! `stop`, `kill` and `wait`.

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill as send};
use nix::unistd::Pid;

use super::plan::process::parse_signal;
use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine, pause, resources};
use crate::monitor::restart;
use crate::monitor::state::{Exited, Running};
use crate::runtime::signal::SignalNumber;
use crate::state::process::{Liveness, ProcessStamp};

/// Waits poll at 1 ms, doubling up to this: a killed container's monitor records its exit
/// within a few ms, which a fixed 20 ms poll made every `rm -f` and `stop` pay in full.
const POLL: Duration = Duration::from_millis(20);
/// How long a verb that ended a run waits for that run's monitor to finish.
const MONITOR_GRACE: Duration = Duration::from_secs(10);

const NON_FATAL: [Signal; 6] = [
    Signal::SIGCHLD,
    Signal::SIGCONT,
    Signal::SIGURG,
    Signal::SIGWINCH,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
];

/// Sends `signal` to a running container's process.
pub fn kill(
    engine: &Engine,
    name_or_id: &str,
    signal: &str,
) -> Result<ContainerRecord, ContainerError> {
    let signal = parse_signal(signal)?;
    let locked = engine.lock_container(name_or_id)?;
    let (record, paths) = (&locked.record, &locked.paths);
    let status = status::of(paths);
    // docker: a signal a process is expected to handle and live on leaves the restart
    // policy in place; the stop signal never does.
    let fatal = !signal.standard().is_some_and(|s| NON_FATAL.contains(&s))
        || parse_signal(&record.run.stop_signal).is_ok_and(|s| s == signal);
    if status.is_running() && fatal {
        restart::request_stop(&paths.run_dir);
    }
    match status {
        Status::Running(r) if r.restarting.is_some() => {
            if fatal {
                end_backoff(&r);
            }
            engine.event("kill", record);
            Ok(locked.release().0)
        }
        Status::Running(r) => {
            deliver(paths, Pid::from_raw(r.pid), signal);
            engine.event("kill", record);
            Ok(locked.release().0)
        }
        // Stopped processes act on a signal only once they run again.
        Status::Paused(r) => {
            deliver(paths, Pid::from_raw(r.pid), signal);
            pause::resume(paths, r.pid);
            engine.event("kill", record);
            Ok(locked.release().0)
        }
        other => Err(ContainerError::NotRunning {
            action: "kill",
            name: record.name.clone(),
            state: other.name(),
        }),
    }
}

/// SIGKILL reaches every process of the container at once through cgroup.kill where the
/// container has a leaf; other signals go to its init, as docker sends them.
fn deliver(paths: &Paths, pid: Pid, signal: SignalNumber) {
    if signal == SignalNumber::SIGKILL
        && resources::leaf_of(paths).is_some_and(|leaf| leaf.kill().unwrap_or(false))
    {
        return;
    }
    let _ = signal.send(pid);
}

/// A monitor waiting out a restart's back-off has no process to signal: it is told to end.
fn end_backoff(running: &Running) {
    let _ = send(Pid::from_raw(running.monitor.pid), Signal::SIGTERM);
}

/// Waits until the container has exited, up to `timeout`; returns how it ended.
pub fn wait_exited(paths: &Paths, timeout: Option<Duration>) -> Option<Exited> {
    let start = Instant::now();
    let mut pause = Backoff::default();
    loop {
        if let Status::Exited(e) = status::of(paths) {
            return Some(e);
        }
        if timeout.is_some_and(|t| start.elapsed() >= t) {
            return None;
        }
        pause.sleep();
    }
}

/// The pause between two looks at something that usually happens within milliseconds.
struct Backoff(Duration);

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff(Duration::from_millis(1))
    }
}

impl Backoff {
    fn sleep(&mut self) {
        std::thread::sleep(self.0);
        self.0 = (self.0 * 2).min(POLL);
    }
}

/// docker's stop: the stop signal, then SIGKILL after `timeout` seconds. A container that is
/// not running is already stopped.
pub fn stop(
    engine: &Engine,
    name_or_id: &str,
    timeout: Option<u32>,
) -> Result<ContainerRecord, ContainerError> {
    let locked = engine.lock_container(name_or_id)?;
    let monitor = stop_found(&locked.record, &locked.paths, timeout)?;
    engine.event("stop", &locked.record);
    let record = locked.release().0;
    if let Some(monitor) = monitor {
        wait_monitor_gone(monitor);
    }
    Ok(record)
}

/// `stop` of each of `targets`, with each one's outcome in their order, as
/// [`ask_all_then_each`] does it: their times to stop run together.
pub fn stop_each(
    engine: &Engine,
    targets: &[String],
    timeout: Option<u32>,
) -> Vec<Result<ContainerRecord, ContainerError>> {
    ask_all_then_each(
        targets,
        |name| {
            let locked = engine.lock_container(name).ok()?;
            ask_stop(&locked.record, &locked.paths, timeout).ok()?
        },
        |name, asked| {
            let locked = engine.lock_container(name)?;
            let monitor = stop_asked(&locked.record, &locked.paths, timeout, asked)?;
            engine.event("stop", &locked.record);
            Ok((locked.release().0, monitor))
        },
    )
}

/// A verb that ends many containers' runs: every running one is asked to stop first (`ask`,
/// whose failure is `each`'s to report, as it meets it again), so that their times to stop
/// run together instead of one after another; then `each` finishes each one in turn under its
/// lock, and the monitors of the runs ended are waited for together at the end.
pub(super) fn ask_all_then_each<T>(
    targets: &[String],
    ask: impl Fn(&str) -> Option<Asked>,
    mut each: impl FnMut(&str, Option<Asked>) -> Result<(T, Option<ProcessStamp>), ContainerError>,
) -> Vec<Result<T, ContainerError>> {
    let many = targets.len() > 1;
    let asked: Vec<Option<Asked>> = targets
        .iter()
        .map(|name| if many { ask(name) } else { None })
        .collect();
    let mut monitors = Vec::new();
    let outcomes = targets
        .iter()
        .zip(asked)
        .map(|(name, asked)| {
            let (outcome, monitor) = each(name, asked)?;
            monitors.extend(monitor);
            Ok(outcome)
        })
        .collect();
    for monitor in monitors {
        wait_monitor_gone(monitor);
    }
    outcomes
}

/// A stop asked of one run of a container ([`ask_stop`]), not yet waited for.
#[derive(Debug, Clone, Copy)]
pub struct Asked {
    monitor: ProcessStamp,
    at: Instant,
    /// SIGKILL was sent too.
    killed: bool,
}

/// The first half of a stop, for a verb stopping many containers: each is asked before any
/// is waited for, so that their ends overlap instead of adding up. With no time to stop
/// (`timeout` 0) SIGKILL follows at once. None when the container does not run.
pub fn ask_stop(
    record: &ContainerRecord,
    paths: &Paths,
    timeout: Option<u32>,
) -> Result<Option<Asked>, ContainerError> {
    let secs = timeout.unwrap_or(record.run.stop_timeout);
    let status = status::of(paths);
    status
        .running()
        .map(|running| ask(record, paths, &status, running, secs))
        .transpose()
}

/// Signals `running`, the run `status` describes.
fn ask(
    record: &ContainerRecord,
    paths: &Paths,
    status: &Status,
    running: &Running,
    secs: u32,
) -> Result<Asked, ContainerError> {
    let pid = Pid::from_raw(running.pid);
    let signal = parse_signal(&record.run.stop_signal)?;
    // Before the signal: the monitor must know that this exit is not one to restart.
    restart::request_stop(&paths.run_dir);
    let at = Instant::now();
    if running.restarting.is_some() {
        end_backoff(running);
    } else {
        let _ = signal.send(pid);
    }
    if let Status::Paused(_) = status {
        pause::resume(paths, running.pid);
    }
    let killed = secs == 0 && running.restarting.is_none();
    if killed {
        deliver(paths, pid, SignalNumber::SIGKILL);
    }
    Ok(Asked {
        monitor: running.monitor,
        at,
        killed,
    })
}

/// Stops the container if it runs; returns the monitor of the run it ended, for
/// [`wait_monitor_gone`] once the caller has let go of the container's lock.
pub fn stop_found(
    record: &ContainerRecord,
    paths: &Paths,
    timeout: Option<u32>,
) -> Result<Option<ProcessStamp>, ContainerError> {
    stop_asked(record, paths, timeout, None)
}

/// [`stop_found`] of a container whose stop [`ask_stop`] may have asked already: that run is
/// not signalled again, and its time to stop counts from that signal. A run that is not the
/// one asked (another command restarted the container since) is stopped from the start.
pub fn stop_asked(
    record: &ContainerRecord,
    paths: &Paths,
    timeout: Option<u32>,
    asked: Option<Asked>,
) -> Result<Option<ProcessStamp>, ContainerError> {
    let status = status::of(paths);
    let Some(running) = status.running() else {
        return Ok(None);
    };
    let monitor = running.monitor;
    let pid = Pid::from_raw(running.pid);
    let secs = timeout.unwrap_or(record.run.stop_timeout);
    let asked = match asked.filter(|a| a.monitor == monitor) {
        Some(asked) => asked,
        None => ask(record, paths, &status, running, secs)?,
    };
    let grace = Duration::from_secs(secs.into()).saturating_sub(asked.at.elapsed());
    if !asked.killed {
        if wait_exited(paths, Some(grace)).is_some() {
            return Ok(Some(monitor));
        }
        deliver(paths, pid, SignalNumber::SIGKILL);
    }
    match wait_exited(paths, Some(Duration::from_secs(10))) {
        Some(_) => Ok(Some(monitor)),
        None => Err(ContainerError::StopTimeout {
            name: record.name.clone(),
            secs: u64::from(secs) + 10,
        }),
    }
}

/// Waits, for at most [`MONITOR_GRACE`], until the monitor of a run that ended has exited.
/// Its last steps follow the exit record (unmounting the root filesystem, `--rm`, a pod's
/// exit policy). A systemd unit runs `rpod rm`/`stop` as ExecStop= and, as the monitor is not
/// its child, cannot wait for it: it SIGKILLs whatever is left the moment ExecStop= returns,
/// and a verb that returned before the monitor did would cut those steps short and fail the
/// unit. Called without the container's lock when the monitor may be `--rm`'s, which takes it.
pub(super) fn wait_monitor_gone(monitor: ProcessStamp) {
    let start = Instant::now();
    let mut pause = Backoff::default();
    while monitor.liveness() == Liveness::Alive && start.elapsed() < MONITOR_GRACE {
        pause.sleep();
    }
}
