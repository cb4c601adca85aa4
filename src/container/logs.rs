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
    open(record, paths)?.read(opts, emit)
}

/// A container's log, opened: what was written to it stays readable after the container is
/// removed, as `docker run` through the API does (it follows the log, waits for the exit,
/// removes the container and only then reads what it followed).
pub struct OpenLog {
    /// None while the container has not written a log yet.
    file: Option<std::fs::File>,
    path: std::path::PathBuf,
    paths: Paths,
}

pub fn open(record: &ContainerRecord, paths: &Paths) -> std::io::Result<OpenLog> {
    if record.run.log.disabled {
        return Err(std::io::Error::other(
            "this container is using the 'none' log driver, cannot read logs",
        ));
    }
    let path = record.log_path(paths);
    let file = match std::fs::File::open(&path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    Ok(OpenLog {
        file,
        path,
        paths: paths.clone(),
    })
}

impl OpenLog {
    fn read_from(&mut self, offset: u64) -> std::io::Result<(Vec<Entry>, u64)> {
        if self.file.is_none() {
            self.file = match std::fs::File::open(&self.path) {
                Ok(f) => Some(f),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            };
        }
        match &mut self.file {
            Some(file) => log::read_open(file, offset),
            None => Ok((Vec::new(), offset)),
        }
    }

    /// Hands every log line to `emit` (which returns false to stop early, e.g. on a closed
    /// pipe); with `follow`, what is written next too, until the container has stopped.
    pub fn read(
        mut self,
        opts: &LogOptions,
        emit: &mut dyn FnMut(&Entry) -> bool,
    ) -> std::io::Result<()> {
        let (entries, mut offset) = self.read_from(0)?;
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
            // Asked before reading: the monitor has written all the output before its exit
            // record, so the read after a stop is the last one needed.
            let running = status::of(&self.paths).is_running();
            let (more, next) = self.read_from(offset)?;
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
}

/// The output a container writes from now on, until it exits: what an attached client of the
/// API service sees. Opened before the client is answered: it starts the container when it
/// hears back, and the output must not be missed however soon the container exits.
pub struct Following {
    id: String,
    path: std::path::PathBuf,
    file: std::fs::File,
    /// Where the output to hand on begins: all of it for a container not started yet.
    offset: u64,
}

pub fn follow(
    engine: &super::Engine,
    name_or_id: &str,
) -> Result<Following, super::ContainerError> {
    let (record, paths) = engine.find_here(name_or_id)?;
    if record.run.log.disabled {
        return Err(super::ContainerError::invalid(
            "log driver",
            "none",
            "the output of this container is not kept, so it cannot be followed",
        ));
    }
    let path = record.log_path(&paths);
    // Made, as the monitor would, before the container starts: the output of a short-lived
    // `--rm` container is read from this descriptor after its files are gone.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(&path)
        .map_err(super::ContainerError::io("open the log", &path))?;
    let offset = match status::of(&paths) {
        status::Status::Created => 0,
        _ => file.metadata().map_or(0, |m| m.len()),
    };
    Ok(Following {
        id: record.id.to_string(),
        path,
        file,
        offset,
    })
}

impl Following {
    /// Hands the output to `emit` (false stops) once the container has started (a created
    /// one is awaited), until it exits or is removed.
    pub fn read(
        mut self,
        engine: &super::Engine,
        emit: &mut dyn FnMut(&Entry) -> bool,
    ) -> Result<(), super::ContainerError> {
        loop {
            let now = match engine.find(&self.id) {
                Err(super::ContainerError::NotFound(_)) => None,
                Err(e) => return Err(e),
                Ok((_, paths)) => Some(status::of(&paths)),
            };
            if matches!(now, Some(status::Status::Created)) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            // Asked before reading: the monitor writes all the output before its exit record.
            let running = now.is_some_and(|s| s.is_running());
            let (more, next) = log::read_open(&mut self.file, self.offset)
                .map_err(super::ContainerError::io("read the log", &self.path))?;
            self.offset = next;
            if more.iter().any(|e| !emit(e)) || !running {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
