//! Every module's typed error, gathered into one type that knows its exit code and hint.
//!
//! Shape, printed once by main.rs: `Error: <what failed>: <on what>: <cause>`, then optionally
//! `hint: <what to do>`. Exit codes follow docker and podman: 125 when rpod itself failed.

use std::io;

use crate::config::ConfigError;

/// rpod itself failed (also bad usage).
pub const EXIT_RPOD: u8 = 125;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Writing to stdout failed; a closed pipe (`rpod images | head -1`) is a clean exit.
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        EXIT_RPOD
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Config(e) => e.hint(),
            Error::Usage(_) | Error::Output(_) => None,
        }
    }

    /// A closed stdout is how `| head` says "enough", not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Prints the error the one way rpod prints errors and returns the exit code.
pub fn report(err: &Error) -> u8 {
    if err.is_broken_pipe() {
        return 0;
    }
    eprintln!("Error: {err}");
    if let Some(hint) = err.hint() {
        eprintln!("hint: {hint}");
    }
    err.exit_code()
}
