//! podman's external containers as rpod has them: storage under the containers directory
//! that no record describes (left by a crash or a damaged record). `ps --external` lists
//! them with podman's `storage` status, `container exists --external` finds them, and
//! `image prune --external` or `system check --repair` removes them.

use std::fs;

use serde_json::{Value, json};

use super::select::Filter;
use super::{ContainerError, Engine};
use crate::format::units::human_duration;
use crate::state::name_claim;

/// One container's storage without a record.
pub struct External {
    pub id: String,
    /// When its directory was made: the only date left of it.
    pub created: Option<jiff::Timestamp>,
    /// Names the index still gives it (a crash between the record's removal and the
    /// release of its name leaves them).
    pub names: Vec<String>,
}

/// Every such container, oldest first.
pub fn list(engine: &Engine) -> Result<Vec<External>, ContainerError> {
    let claims = name_claim::all(&engine.names_dir()).unwrap_or_default();
    let mut found: Vec<External> = super::system::leftovers(engine)?
        .into_iter()
        .map(|id| External {
            created: fs::metadata(engine.containers_dir().join(&id))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| jiff::Timestamp::try_from(t).ok()),
            names: claims
                .iter()
                .filter(|(_, holder)| *holder == id)
                .map(|(name, _)| name.clone())
                .collect(),
            id,
        })
        .collect();
    found.sort_by_key(|e| e.created);
    Ok(found)
}

/// Whether `name` is such a container's id (or a unique prefix of it) or one of its names.
pub fn exists(engine: &Engine, name: &str) -> Result<bool, ContainerError> {
    let all = list(engine)?;
    let by_id = all.iter().filter(|e| e.id.starts_with(name)).count();
    Ok(by_id == 1 || all.iter().any(|e| e.names.iter().any(|n| n == name)))
}

impl External {
    /// `ps --filter`: such storage has only an id and names; a filter on anything else (a
    /// status, a label, an image) leaves it out.
    pub fn matches(&self, filters: &[Filter]) -> bool {
        filters.iter().all(|f| match f {
            Filter::Id(prefix) => self.id.starts_with(prefix.as_str()),
            Filter::Name(part) => self.names.iter().any(|n| n.contains(part.as_str())),
            _ => false,
        })
    }

    fn ago(&self) -> String {
        let age = self
            .created
            .map(|t| jiff::Timestamp::now().duration_since(t).unsigned_abs());
        format!("{} ago", age.map(human_duration).unwrap_or_default())
    }

    /// The fields `ps --format` knows, with podman's `storage` for the command and status.
    pub fn row(&self, no_trunc: bool) -> Value {
        let id = match no_trunc {
            true => &self.id[..],
            false => &self.id[..self.id.len().min(12)],
        };
        json!({
            "ID": id,
            "Image": "",
            "ImageID": "",
            "Command": "storage",
            "CreatedAt": self.created.map(|t| t.to_string()).unwrap_or_default(),
            "RunningFor": self.ago(),
            "Status": "Storage",
            "State": "storage",
            "Ports": "",
            "Names": self.names.join(","),
            "Labels": "",
            "Networks": "",
            "Pid": 0,
            "ExitCode": 0,
        })
    }

    /// podman's `ps --format json` object for external storage.
    pub fn podman_json(&self) -> Value {
        json!({
            "Command": ["storage"],
            "Created": self.created.map_or(0, |t| t.as_second()),
            "CreatedAt": self.ago(),
            "Exited": false,
            "Id": self.id,
            "Image": "",
            "IsInfra": false,
            "Labels": {},
            "Names": self.names,
            "Pid": 0,
            "Pod": "",
            "PodName": "",
            "State": "storage",
            "Status": "Storage",
        })
    }
}
