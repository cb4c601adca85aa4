//! `--iidfile` and `--digestfile`: an image's id or digest, written where the user asked,
//! whole or not at all.

use std::io;
use std::path::{Path, PathBuf};

use crate::state::atomic::{self, Failed};

#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct IdFileError {
    path: PathBuf,
    source: io::Error,
}

pub fn write(path: &Path, text: &str) -> Result<(), IdFileError> {
    atomic::write_with::<io::Error>(path, |out| {
        out.write_all(text.as_bytes()).map_err(Failed::Io)
    })
    .map_err(|e| IdFileError {
        path: path.to_path_buf(),
        source: match e {
            Failed::Io(e) | Failed::Fill(e) => e,
        },
    })
}
