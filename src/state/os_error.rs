//! An operating-system error that crosses a process boundary (a monitor's report to the
//! CLI): its errno and the message std gives it, so that the receiving side prints exactly
//! what the sending side would have.

use std::fmt;
use std::io;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OsError {
    pub errno: Option<i32>,
    message: String,
}

impl From<io::Error> for OsError {
    fn from(e: io::Error) -> OsError {
        OsError {
            errno: e.raw_os_error(),
            message: e.to_string(),
        }
    }
}

impl From<nix::Error> for OsError {
    fn from(e: nix::Error) -> OsError {
        io::Error::from(e).into()
    }
}

impl fmt::Display for OsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_the_io_error_it_was() {
        let e = io::Error::from_raw_os_error(libc::ENOENT);
        let os = OsError::from(io::Error::from_raw_os_error(libc::ENOENT));
        let back: OsError = serde_json::from_str(&serde_json::to_string(&os).unwrap()).unwrap();
        assert_eq!(back.to_string(), e.to_string());
        assert_eq!(back.errno, Some(libc::ENOENT));
        assert_eq!(OsError::from(nix::Error::EACCES).errno, Some(libc::EACCES));
    }
}
