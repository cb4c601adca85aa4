//! A created container run to its end with its output relayed, without a terminal (and without
//! stdin unless `build --stdin` asks): what a build's RUN step does with the container it makes.

use nix::sys::signal::SigSet;

use super::attach::{Ending, Sinks};
use super::record::ContainerRecord;
use super::{ContainerError, Engine, start, status};

/// Starts `record`'s container, relays its output to `sinks` until it exits, and returns its
/// exit code. SIGINT or SIGTERM meanwhile stop the container, which then ends the wait.
pub fn run_to_end(
    engine: &Engine,
    record: &ContainerRecord,
    sinks: Sinks<'_>,
    stdin: bool,
) -> Result<i32, ContainerError> {
    let attached = start::start_attached(engine, record.id.as_str(), stdin)?;
    let paths = attached.paths.clone();
    // The relay blocks SIGINT and SIGTERM to turn them into a stop of the container; the
    // caller goes on after the step, and must be interruptible again.
    let mask = SigSet::thread_get_mask()
        .map_err(|e| ContainerError::io("read the signal mask of", &paths.run_dir)(e.into()))?;
    let ending = attached.relay(sinks);
    let _ = mask.thread_set_mask();
    let ending = ending?;
    match ending {
        Ending::Exited(code) => Ok(code),
        Ending::Detached | Ending::Lost => match status::of(&paths) {
            status::Status::Exited(exit) => Ok(exit.exit_code),
            _ => Err(ContainerError::MonitorGone(record.id.short().to_string())),
        },
    }
}
