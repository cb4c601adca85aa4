//! Reading a squashfs image file that `save --format squashfs` wrote (#22), before a container
//! is created from it: its image config and the user database `--user` resolves against. The
//! file is checked here, so a missing, truncated or foreign file fails with its name before
//! anything is written; squashfs-tools-ng's `rdsquashfs` reads it (no squashfs parser in rpod).

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::squash::CONFIG_PATH;
use crate::ids::{Digest, ImageId};

/// The squashfs-tools-ng program that reads files out of a squashfs file.
pub const READER: &str = "rdsquashfs";
/// Every squashfs file starts with it (little-endian "hsqs").
const MAGIC: &[u8; 4] = b"hsqs";

#[derive(Debug, thiserror::Error)]
pub enum SquashFileError {
    #[error("cannot open squashfs image {}: {source}", path.display())]
    Open { path: PathBuf, source: io::Error },
    #[error("{} is not a squashfs file", .0.display())]
    NotSquashfs(PathBuf),
    #[error("{} is not an image file rpod saved: it has no /{CONFIG_PATH}", .0.display())]
    NoConfig(PathBuf),
    #[error("cannot read squashfs image {}: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error("cannot run {READER}: {0}")]
    Spawn(io::Error),
}

impl SquashFileError {
    pub fn hint(&self) -> Option<String> {
        match self {
            SquashFileError::Spawn(e) if e.kind() == io::ErrorKind::NotFound => Some(format!(
                "install squashfs-tools-ng ({READER}): apt install squashfs-tools-ng"
            )),
            SquashFileError::NoConfig(_) => {
                Some("make one with: rpod save --format squashfs -o FILE.sqfs IMAGE".into())
            }
            SquashFileError::Corrupt { .. } => {
                Some("the file is damaged or truncated: save it again".into())
            }
            _ => None,
        }
    }
}

/// What a container needs of the file before it runs: read once, at create.
#[derive(Debug, Clone)]
pub struct SquashImage {
    /// Absolute.
    pub file: PathBuf,
    /// The digest of the config, as an image id is.
    pub id: ImageId,
    pub config: Vec<u8>,
    pub passwd: Option<String>,
    pub group: Option<String>,
}

impl SquashImage {
    pub fn config_digest(&self) -> Digest {
        self.id.digest()
    }
}

/// Opens `path` (made absolute: the monitor runs elsewhere) and reads what `create` needs.
pub fn open(path: &Path) -> Result<SquashImage, SquashFileError> {
    let open_err = |source| SquashFileError::Open {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::canonicalize(path).map_err(open_err)?;
    let mut magic = [0u8; 4];
    let mut handle = fs::File::open(&file).map_err(open_err)?;
    if !handle.metadata().map_err(open_err)?.is_file() {
        return Err(SquashFileError::NotSquashfs(file));
    }
    if handle.read_exact(&mut magic).is_err() || &magic != MAGIC {
        return Err(SquashFileError::NotSquashfs(file));
    }
    let config =
        read(&file, CONFIG_PATH)?.ok_or_else(|| SquashFileError::NoConfig(file.clone()))?;
    let id = ImageId::from_config_digest(&Digest::of(&config));
    Ok(SquashImage {
        passwd: read_text(&file, "etc/passwd")?,
        group: read_text(&file, "etc/group")?,
        file,
        id,
        config,
    })
}

fn read_text(file: &Path, inner: &str) -> Result<Option<String>, SquashFileError> {
    Ok(read(file, inner)?.map(|b| String::from_utf8_lossy(&b).into_owned()))
}

/// One file out of the squashfs file; `None` when it has no such file.
fn read(file: &Path, inner: &str) -> Result<Option<Vec<u8>>, SquashFileError> {
    let out = Command::new(READER)
        .arg("--cat")
        .arg(format!("/{inner}"))
        .arg(file)
        .output()
        .map_err(SquashFileError::Spawn)?;
    if out.status.success() {
        return Ok(Some(out.stdout));
    }
    let said = String::from_utf8_lossy(&out.stderr);
    // rdsquashfs names the file first: "FILE: reading filesystem tree: CAUSE."
    let cause = said
        .trim()
        .rsplit(": ")
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    if cause == "no such file or directory" {
        return Ok(None);
    }
    let message = said
        .trim()
        .strip_prefix(&format!("{}: ", file.display()))
        .unwrap_or(said.trim())
        .to_string();
    Err(SquashFileError::Corrupt {
        path: file.to_path_buf(),
        message,
    })
}
