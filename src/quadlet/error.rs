//! Why a quadlet file made no unit; each names the file and, where one is to blame, its key.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum QuadletError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: line {line} is neither a [Section] nor Key=Value: {text}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        text: String,
    },
    #[error("{}: {why}", path.display())]
    NotYet { path: PathBuf, why: &'static str },
    #[error("{}: unsupported key '{key}' in group '{group}'", path.display())]
    UnsupportedKey {
        path: PathBuf,
        group: String,
        key: String,
    },
    #[error("{}: no [{group}] section", path.display())]
    NoSection { path: PathBuf, group: &'static str },
    #[error("{}: {key}= is required", path.display())]
    Missing { path: PathBuf, key: &'static str },
    #[error("{}: {key}={value}: {why}", path.display())]
    Invalid {
        path: PathBuf,
        key: String,
        value: String,
        why: String,
    },
    #[error("{}: {key}= needs `rpod {verb} {flag}`, which rpod does not have yet", path.display())]
    NoFlag {
        path: PathBuf,
        key: String,
        verb: String,
        flag: String,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot install {}: {why}", path.display())]
    Install { path: PathBuf, why: String },
    #[error("{0}: no such quadlet")]
    NotInstalled(String),
    #[error("quadlet {name} is running ({unit}): stop it first or use --force")]
    Running { name: String, unit: String },
    #[error("systemctl --user {action}: {why}")]
    Systemd { action: String, why: String },
}

impl QuadletError {
    pub fn invalid(path: &Path, key: &str, value: &str, why: impl ToString) -> QuadletError {
        QuadletError::Invalid {
            path: path.to_path_buf(),
            key: key.to_string(),
            value: value.to_string(),
            why: why.to_string(),
        }
    }
}
