//! A created container run to its end with its output relayed, without a terminal or stdin:
//! what a build's RUN step does with the container it makes.

use std::time::Duration;

use nix::sys::signal::SigSet;

use super::attach::{self, AttachOptions, Ending, Sinks};
use super::plan::process::parse_signal;
use super::record::ContainerRecord;
use super::{ContainerError, Engine, start, status};
use crate::monitor::attach::connect;

/// Starts `record`'s container, relays its output to `sinks` until it exits, and returns its
/// exit code. SIGINT or SIGTERM meanwhile stop the container, which then ends the wait.
pub fn run_to_end(
    engine: &Engine,
    record: &ContainerRecord,
    sinks: Sinks<'_>,
) -> Result<i32, ContainerError> {
    let starting = start::spawn_monitor(engine, record.id.as_str(), true)?;
    let run_dir = starting.paths.run_dir.clone();
    let stream = connect(&run_dir);
    let pid = starting.monitor.go()?;
    let stream = stream.map_err(ContainerError::io("attach to", &run_dir))?;
    let opts = AttachOptions {
        stdin: false,
        tty: false,
        pid,
        stop_signal: parse_signal(&record.run.stop_signal)?,
        stop_timeout: Duration::from_secs(record.run.stop_timeout.into()),
    };
    // The relay blocks SIGINT and SIGTERM to turn them into a stop of the container; the
    // caller goes on after the step, and must be interruptible again.
    let mask = SigSet::thread_get_mask()
        .map_err(|e| ContainerError::io("read the signal mask of", &run_dir)(e.into()))?;
    let ending = attach::relay(stream, &opts, sinks);
    let _ = mask.thread_set_mask();
    let ending = ending.map_err(ContainerError::io("attach to", &run_dir))?;
    match ending {
        Ending::Exited(code) => Ok(code),
        Ending::Detached | Ending::Lost => match status::of(&starting.paths) {
            status::Status::Exited(exit) => Ok(exit.exit_code),
            _ => Err(ContainerError::Start {
                message: format!(
                    "the monitor of container {} went away before the container ended",
                    record.id.short()
                ),
                exit_code: 125,
            }),
        },
    }
}
