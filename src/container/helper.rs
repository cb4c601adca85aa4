//! Running a helper: rpod re-executed (`/proc/self/exe SUBCOMMAND SPEC`) in a fresh process
//! that never started a thread, as joining or unsharing namespaces needs; its stdin fed, its
//! stdout copied, its stderr kept for the error message.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};

use serde::Serialize;

use super::ContainerError;

/// How a helper's run went.
pub(super) struct Finished {
    pub status: ExitStatus,
    /// What it wrote on stderr.
    pub message: String,
    /// Feeding its stdin and draining its stdout.
    pub streams: io::Result<()>,
}

/// Runs the helper `subcommand` on `spec`, feeding it `input` and sending what it writes to
/// `output`. `what` names it in errors ("the copy helper").
pub(super) fn run(
    subcommand: &str,
    spec: &impl Serialize,
    what: &'static str,
    input: Option<&mut dyn Read>,
    output: Option<&mut dyn Write>,
) -> Result<Finished, ContainerError> {
    let exe = PathBuf::from("/proc/self/exe");
    let piped_if = |wanted: bool| {
        if wanted {
            Stdio::piped()
        } else {
            Stdio::null()
        }
    };
    let mut child = Command::new(&exe)
        .arg(subcommand)
        .arg(serde_json::to_string(spec).expect("a helper's spec serialises"))
        .stdin(piped_if(input.is_some()))
        .stdout(piped_if(output.is_some()))
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ContainerError::Io {
            action: "start",
            path: what.into(),
            source: e,
        })?;
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let fed = match (input, child.stdin.take()) {
        (Some(input), Some(mut stdin)) => io::copy(input, &mut stdin).map(drop),
        _ => Ok(()),
    };
    let drained = match (output, child.stdout.take()) {
        (Some(output), Some(mut stdout)) => io::copy(&mut stdout, output).map(drop),
        _ => Ok(()),
    };
    let status = child.wait().map_err(|e| ContainerError::Io {
        action: "wait for",
        path: what.into(),
        source: e,
    })?;
    Ok(Finished {
        status,
        message: errors.join().unwrap_or_default().trim().to_string(),
        streams: fed.and(drained),
    })
}
