//! The user's event log as the engine offers it (`rpod events`): filtered by object and
//! action, read from an offset so that it can be followed, and appended to by image and
//! volume commands as by container verbs.

use std::path::Path;

use super::ContainerError;
use crate::state::events;
pub use crate::state::events::Event;

/// `--filter type=|event=|container=|image=|volume=`.
#[derive(Debug, Clone)]
pub struct Filter {
    key: String,
    value: String,
}

impl Filter {
    pub fn parse(raw: &str) -> Result<Filter, ContainerError> {
        match raw.split_once('=') {
            Some((key @ ("type" | "event" | "container" | "image" | "volume"), value)) => {
                Ok(Filter {
                    key: key.to_string(),
                    value: value.to_string(),
                })
            }
            _ => Err(ContainerError::invalid(
                "filter",
                raw,
                "expected type=, event=, container=, image= or volume=",
            )),
        }
    }
}

/// Filters of one key must match one of their values; every key must match.
pub fn matches(event: &Event, filters: &[Filter]) -> bool {
    let object = |kind: &str, value: &str| {
        event.kind == kind && (event.name == value || event.id.starts_with(value))
    };
    let mut keys: Vec<&str> = filters.iter().map(|f| f.key.as_str()).collect();
    keys.dedup();
    keys.iter().all(|key| {
        filters.iter().filter(|f| f.key == *key).any(|f| match key {
            &"type" => event.kind == f.value,
            &"event" => event.action == f.value,
            kind => object(kind, &f.value),
        })
    })
}

/// The events logged from byte `offset` on, and the offset after the last whole one.
pub fn read_from(runroot: &Path, offset: u64) -> Result<(Vec<Event>, u64), ContainerError> {
    events::read_from(runroot, offset)
        .map_err(ContainerError::io("read", &events::log_path(runroot)))
}

/// Records an image or volume event (containers record theirs through the engine).
pub fn record(runroot: &Path, kind: &str, action: &str, id: &str, name: &str) {
    events::record(runroot, &Event::new(kind, action, id, name));
}
