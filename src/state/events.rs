//! The per-user event log every rpod process appends to (`rpod events`): one JSON object a
//! line in the runtime directory. A line is written with one write(2) on a file opened with
//! O_APPEND, so concurrent writers never interleave within a line.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const EVENTS_FILE: &str = "events.log";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// RFC 3339 with nanoseconds.
    pub time: String,
    /// container, image or volume.
    #[serde(rename = "type")]
    pub kind: String,
    pub action: String,
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

impl Event {
    pub fn new(kind: &str, action: &str, id: &str, name: &str) -> Event {
        Event {
            time: jiff::Timestamp::now().to_string(),
            kind: kind.into(),
            action: action.into(),
            id: id.into(),
            name: name.into(),
            attributes: BTreeMap::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Into<String>) -> Event {
        self.attributes.insert(key.into(), value.into());
        self
    }
}

pub fn log_path(runroot: &Path) -> PathBuf {
    runroot.join(EVENTS_FILE)
}

/// Appends `event` to the log under `runroot`. An event that cannot be written is dropped:
/// the operation it reports has happened either way.
pub fn record(runroot: &Path, event: &Event) {
    let Ok(mut line) = serde_json::to_vec(event) else {
        return;
    };
    line.push(b'\n');
    if let Ok(mut file) = OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path(runroot))
    {
        let _ = file.write_all(&line);
    }
}

/// The events in the log from byte `offset` on, and the offset after the last whole line.
pub fn read_from(runroot: &Path, offset: u64) -> io::Result<(Vec<Event>, u64)> {
    let mut file = match fs::File::open(log_path(runroot)) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), offset)),
        Err(e) => return Err(e),
    };
    file.seek(SeekFrom::Start(offset))?;
    let mut text = String::new();
    file.read_to_string(&mut text)?;
    // A line still being written has no newline yet: it is read next time.
    let whole = text.rfind('\n').map_or(0, |i| i + 1);
    let events = text[..whole]
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    Ok((events, offset + whole as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_append_and_read_back_from_an_offset() {
        let dir = tempfile::tempdir().unwrap();
        record(
            dir.path(),
            &Event::new("container", "start", "abc", "web").with("image", "bb"),
        );
        let (first, offset) = read_from(dir.path(), 0).unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].attributes["image"], "bb");
        record(dir.path(), &Event::new("image", "pull", "def", "bb"));
        let (next, _) = read_from(dir.path(), offset).unwrap();
        assert_eq!(next.len(), 1);
        assert_eq!(next[0].action, "pull");
    }
}
