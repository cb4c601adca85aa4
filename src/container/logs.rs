//! `logs`: the container's log, filtered, optionally followed while the container runs.

use std::time::Duration;

use super::record::{ContainerRecord, Paths};
use super::status;
use crate::monitor::log;
pub use crate::monitor::log::{Entry, Stream};

#[derive(Debug, Clone, Default)]
pub struct LogOptions {
    pub follow: bool,
    pub since: Option<jiff::Timestamp>,
    pub until: Option<jiff::Timestamp>,
    pub tail: Option<usize>,
}

fn keep(entry: &Entry, opts: &LogOptions) -> bool {
    opts.since.is_none_or(|s| entry.time >= s) && opts.until.is_none_or(|u| entry.time <= u)
}

/// Hands every log line to `emit` (which returns false to stop early, e.g. on a closed pipe).
pub fn logs(
    record: &ContainerRecord,
    paths: &Paths,
    opts: &LogOptions,
    emit: &mut dyn FnMut(&Entry) -> bool,
) -> std::io::Result<()> {
    if record.run.log.disabled {
        return Err(std::io::Error::other(
            "this container is using the 'none' log driver, cannot read logs",
        ));
    }
    let path = record.log_path(paths);
    let (entries, mut offset) = log::read_from(&path, 0)?;
    let lines = log::join_lines(entries);
    let lines: Vec<Entry> = lines.into_iter().filter(|e| keep(e, opts)).collect();
    let start = match opts.tail {
        Some(n) => log::tail(&lines, n),
        None => &lines[..],
    };
    for e in start {
        if !emit(e) {
            return Ok(());
        }
    }
    if !opts.follow {
        return Ok(());
    }
    loop {
        let running = status::of(paths).is_running();
        let (more, next) = log::read_from(&path, offset)?;
        offset = next;
        for e in more.iter().filter(|e| keep(e, opts)) {
            if !emit(e) {
                return Ok(());
            }
        }
        if !running {
            return Ok(());
        }
        if opts.until.is_some_and(|u| jiff::Timestamp::now() > u) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
