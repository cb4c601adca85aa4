//! Finding containers by name, id or id prefix.

use std::fs;

use super::name_index::{self, Lookup};
use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine};
use crate::ids::ContainerId;
use crate::state::scratch;

impl Engine<'_> {
    /// Every container, oldest first. Directories that are not (yet) containers are skipped.
    pub fn list(&self) -> Result<Vec<(ContainerRecord, Paths)>, ContainerError> {
        let dir = self.containers_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(ContainerError::io("list containers", &dir)(e)),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(id) = name.to_str().and_then(|n| n.parse::<ContainerId>().ok()) else {
                continue;
            };
            let paths = self.paths(&id);
            if let Ok(record) = ContainerRecord::read(&paths.config()) {
                out.push((record, paths));
            }
        }
        out.sort_by(|a, b| a.0.created.cmp(&b.0.created));
        Ok(out)
    }

    /// A container by full id, exact name, or unique id prefix.
    pub fn find(&self, name_or_id: &str) -> Result<(ContainerRecord, Paths), ContainerError> {
        // A full id is the directory's name: one record read, not every one (what `run`
        // and `start` after `create` look up, and each of 50 detached starts).
        if let Some(id) = (!name_or_id.starts_with("sha256:"))
            .then(|| name_or_id.parse::<ContainerId>().ok())
            .flatten()
        {
            let paths = self.paths(&id);
            if let Ok(record) = ContainerRecord::read(&paths.config())
                && record.id == id
            {
                return Ok((record, paths));
            }
        }
        // A name: its claim in the name index and that one record.
        if crate::ids::check_name(name_or_id).is_ok() {
            match name_index::lookup(self, name_or_id)? {
                Lookup::Held(held) => return Ok(*held),
                Lookup::Free => return self.find_by_prefix(name_or_id),
                Lookup::NoIndex => {}
            }
        }
        let all = self.list()?;
        if let Some(i) = all
            .iter()
            .position(|(r, _)| r.name == name_or_id || r.id.as_str() == name_or_id)
        {
            return Ok(all.into_iter().nth(i).expect("index found above"));
        }
        if crate::ids::is_id_prefix(name_or_id) {
            let mut matches: Vec<_> = all
                .into_iter()
                .filter(|(r, _)| r.id.as_str().starts_with(name_or_id))
                .collect();
            match matches.len() {
                1 => return Ok(matches.remove(0)),
                0 => {}
                count => {
                    return Err(ContainerError::Ambiguous {
                        name_or_id: name_or_id.to_string(),
                        count,
                    });
                }
            }
        }
        Err(ContainerError::NotFound(name_or_id.to_string()))
    }

    /// A container by unique id prefix, reading only the records whose id matches.
    fn find_by_prefix(&self, prefix: &str) -> Result<(ContainerRecord, Paths), ContainerError> {
        if !crate::ids::is_id_prefix(prefix) {
            return Err(ContainerError::NotFound(prefix.to_string()));
        }
        let dir = self.containers_dir();
        let mut matches = Vec::new();
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let Some(id) = name
                .to_str()
                .filter(|n| n.starts_with(prefix))
                .and_then(|n| n.parse::<ContainerId>().ok())
            else {
                continue;
            };
            let paths = self.paths(&id);
            if let Ok(record) = ContainerRecord::read(&paths.config()) {
                matches.push((record, paths));
            }
        }
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(ContainerError::NotFound(prefix.to_string())),
            count => Err(ContainerError::Ambiguous {
                name_or_id: prefix.to_string(),
                count,
            }),
        }
    }

    /// Removes what killed commands left in the containers directory.
    pub fn clean_leftovers(&self) {
        let _ = scratch::clean(&self.containers_dir());
    }
}
