//! The lifecycle lock: every verb that changes a container's state (start, stop, kill, rm,
//! restart, pause, unpause, update, rename, commit, the set-up of exec, an exec session's
//! changes (`exec_session`), and a `--rm` monitor removing its container) holds the
//! container's own lock while it looks at the state and acts on it, so that each sees a whole
//! state and one verb's steps never interleave with another's. It is held for a step, never
//! across the container's lifetime or a download.
//!
//! Order: a container's lock before the store's lock, never the other way round.
//!
//! Every verb that takes this lock acts on this node's containers only (#22).

use std::io;

use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine};
use crate::monitor::state::LOCK_FILE;
use crate::state::lock::{self, Guard};

/// A container whose lifecycle lock this process holds, with its record as it is now.
pub struct Locked {
    pub record: ContainerRecord,
    pub paths: Paths,
    guard: Guard,
}

impl Locked {
    /// The record, its paths, and the guard that holds the lock until it is dropped.
    pub fn into_parts(self) -> (ContainerRecord, Paths, Guard) {
        (self.record, self.paths, self.guard)
    }

    /// Ends the step: another verb may change the container from here on.
    pub fn release(self) -> (ContainerRecord, Paths) {
        drop(self.guard);
        (self.record, self.paths)
    }
}

impl Engine<'_> {
    /// Finds the container and waits for its lifecycle lock. The record is read again once
    /// the lock is held: the verb before may have renamed, updated or removed it. A container
    /// of another node is refused before its lock is taken (`node.rs`).
    pub fn lock_container(&self, name_or_id: &str) -> Result<Locked, ContainerError> {
        let (_, paths) = self.find_here(name_or_id)?;
        let gone = || ContainerError::NotFound(name_or_id.to_string());
        let lock_path = paths.dir.join(LOCK_FILE);
        let guard = match lock::exclusive(&lock_path) {
            Ok(guard) => guard,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(gone()),
            Err(e) => return Err(ContainerError::io("lock", &lock_path)(e)),
        };
        let record = match ContainerRecord::read(&paths.config()) {
            Ok(record) => record,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(gone()),
            Err(e) => return Err(ContainerError::io("read", &paths.config())(e)),
        };
        Ok(Locked {
            record,
            paths,
            guard,
        })
    }
}
