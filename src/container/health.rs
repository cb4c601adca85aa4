//! A container's health as its monitor last wrote it, for inspect, ps and wait.

use super::list::Entry;
use super::status::Status;
use crate::monitor::health::{HEALTH_FILE, Health};
use crate::monitor::state;

/// None for a container without a healthcheck or not running (docker resets health at each
/// start); a running one whose monitor has not written it yet is starting.
pub fn of(entry: &Entry) -> Option<Health> {
    entry.record.run.healthcheck.as_ref()?;
    if !matches!(entry.status, Status::Running(_) | Status::Paused(_)) {
        return None;
    }
    let file = entry.paths.run_dir.join(HEALTH_FILE);
    Some(state::read(&file).ok().flatten().unwrap_or_default())
}

/// docker's suffix of the STATUS column: ` (healthy)`, ` (health: starting)`.
pub fn status_suffix(entry: &Entry) -> String {
    use crate::monitor::health::HealthStatus::*;
    match of(entry).map(|h| h.status) {
        None => String::new(),
        Some(Starting) => " (health: starting)".into(),
        Some(status) => format!(" ({})", status.name()),
    }
}
