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

/// The output a container writes from now on, until it exits: what an attached client of the
/// API service sees. A created container is awaited until it starts; the log stays open, so
/// output written just before a `--rm` container is removed is not lost.
pub fn follow_output(
    engine: &super::Engine,
    name_or_id: &str,
    emit: &mut dyn FnMut(&Entry) -> bool,
) -> Result<(), super::ContainerError> {
    let (record, paths) = engine.find(name_or_id)?;
    if record.run.log.disabled {
        return Err(super::ContainerError::invalid(
            "log driver",
            "none",
            "the output of this container is not kept, so it cannot be followed",
        ));
    }
    let id = record.id.to_string();
    let path = record.log_path(&paths);
    let from_start = matches!(status::of(&paths), status::Status::Created);
    // Opened (made, as the monitor would) before the container starts: the output of a
    // short-lived `--rm` container is read from this descriptor after its files are gone.
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(&path)
        .map_err(super::ContainerError::io("open the log", &path))?;
    loop {
        match engine.find(&id) {
            Err(super::ContainerError::NotFound(_)) => break,
            Err(e) => return Err(e),
            Ok((_, paths)) if !matches!(status::of(&paths), status::Status::Created) => break,
            Ok(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let read = |file: &mut std::fs::File, offset| {
        log::read_open(file, offset).map_err(super::ContainerError::io("read the log", &path))
    };
    let mut offset = match from_start {
        true => 0,
        false => file.metadata().map_or(0, |m| m.len()),
    };
    loop {
        let running = status::of(&paths).is_running() && engine.find(&id).is_ok();
        let (more, next) = read(&mut file, offset)?;
        offset = next;
        if more.iter().any(|e| !emit(e)) {
            return Ok(());
        }
        if !running {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
