//! The monitor's side of OCI hooks: each stage's hooks at its moment of a run, with the
//! container's state. A failure before the container's process runs ends the start; a later
//! one is a warning, written to the container's `hooks.log` (the monitor has no terminal).

use std::io::Write;

use super::error::MonitorError;
use super::spec::MonitorSpec;
use crate::runtime::hooks::{self, Stage, State};

/// The runtime specification version of the state the hooks read.
const OCI_VERSION: &str = "1.0.2";
/// In the container's directory: the warnings of poststart and poststop hooks.
const WARNINGS_FILE: &str = "hooks.log";

/// The stages of the runtime's `create`: the init is set up and waits, its network is ready.
pub(super) fn before_start(spec: &MonitorSpec, pid: i32) -> Result<(), MonitorError> {
    [
        Stage::Prestart,
        Stage::CreateRuntime,
        Stage::CreateContainer,
    ]
    .into_iter()
    .try_for_each(|stage| run(spec, stage, pid))
}

/// Runs the stage's hooks in their order: the first failure of a fatal stage is returned, the
/// others' failures are warnings and every hook runs.
pub(super) fn run(spec: &MonitorSpec, stage: Stage, pid: i32) -> Result<(), MonitorError> {
    let state = State {
        oci_version: OCI_VERSION,
        id: &spec.container_id,
        status: stage.status(),
        pid,
        bundle: &spec.container_dir,
        annotations: &spec.annotations,
    };
    for hook in spec.hooks.of(stage) {
        match hooks::run(stage, hook, &state, pid) {
            Ok(()) => {}
            Err(e) if stage.is_fatal() => return Err(MonitorError::Hook(e)),
            Err(e) => warn(spec, &e.to_string()),
        }
    }
    Ok(())
}

fn warn(spec: &MonitorSpec, message: &str) {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(spec.container_dir.join(WARNINGS_FILE));
    if let Ok(mut file) = file {
        let _ = writeln!(file, "{} {message}", jiff::Timestamp::now());
    }
}
