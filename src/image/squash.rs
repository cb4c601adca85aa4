//! `save --format squashfs`: an image as one squashfs file, for HPC sites where one file on a
//! shared file system serves every node without a metadata storm (#22).
//!
//! The file holds the image's flattened root file system (its layers applied in order,
//! whiteouts honoured by `Union`) with the owners root emulation recorded on each file written
//! as the numeric owners of the squashfs inodes: any squashfs reader (squashfuse, unsquashfs,
//! the kernel) then shows them with no rpod-specific xattr. The image config (entrypoint, cmd,
//! env, workdir, user, labels) is stored verbatim at `/.rpod/config.json` inside the file, as
//! apptainer keeps its metadata under `/.singularity.d`: one file carries everything a run
//! needs. squashfs-tools-ng's `tar2sqfs` packs the tar stream `export` writes, so no staging
//! directory and no user namespace are needed to record owners other than the caller's.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::fs_tar::{self, FsTarError, Owner, OwnerXattrs};
use super::store::{ImageRecord, Store, StoreError};
use crate::storage::union::Union;

/// Where the image config lives inside a saved squashfs file: in the record directory that
/// runs hide (`storage::squash::RECORD_DIR`).
pub const CONFIG_PATH: &str = ".rpod/config.json";
/// The squashfs-tools-ng program that packs a tar stream into a squashfs file.
pub const PACKER: &str = "tar2sqfs";

#[derive(Debug, thiserror::Error)]
pub enum SquashError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot run {PACKER}: {0}")]
    Spawn(io::Error),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{PACKER} failed writing {}: {status}: {stderr}", path.display())]
    Packer {
        path: PathBuf,
        status: std::process::ExitStatus,
        stderr: String,
    },
    #[error(transparent)]
    Tree(#[from] FsTarError),
}

impl SquashError {
    pub fn hint(&self) -> Option<String> {
        match self {
            SquashError::Spawn(e) if e.kind() == io::ErrorKind::NotFound => Some(format!(
                "install squashfs-tools-ng ({PACKER}): apt install squashfs-tools-ng"
            )),
            SquashError::Store(e) => e.hint(),
            _ => None,
        }
    }
}

/// Writes `image` as a squashfs file at `path`, packed beside it and renamed into place: a
/// failed save leaves no half file.
pub fn save(store: &Store, image: &ImageRecord, path: &Path) -> Result<(), SquashError> {
    let config = store.read_blob(&image.config_digest())?;
    let layers = image
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_diff(l))
        .collect();
    let partial = partial_path(path);
    let packed = pack(&Union::new(layers), &config, &partial);
    let result = packed.and_then(|()| {
        fs::rename(&partial, path).map_err(|source| SquashError::Write {
            path: path.to_path_buf(),
            source,
        })
    });
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    result
}

fn partial_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{}.rpod-partial", name.unwrap_or_default()))
}

fn pack(view: &Union, config: &[u8], out: &Path) -> Result<(), SquashError> {
    let mut child = Command::new(PACKER)
        .args(["--quiet", "--no-skip", "--force", "--compressor", "zstd"])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(SquashError::Spawn)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let written = write_stream(view, config, &mut stdin);
    drop(stdin);
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    let status = child.wait().map_err(SquashError::Spawn)?;
    // The packer's own complaint says more than the broken pipe it leaves behind.
    if !status.success() {
        return Err(SquashError::Packer {
            path: out.to_path_buf(),
            status,
            stderr: stderr.trim().to_string(),
        });
    }
    written
}

fn write_stream(view: &Union, config: &[u8], out: &mut impl Write) -> Result<(), SquashError> {
    let werr = |source| SquashError::Write {
        path: PathBuf::from(PACKER),
        source,
    };
    let dir = Path::new(CONFIG_PATH)
        .parent()
        .expect("config has a directory");
    raw_entry(out, dir, tar::EntryType::Directory, 0o755, &[]).map_err(werr)?;
    raw_entry(
        out,
        Path::new(CONFIG_PATH),
        tar::EntryType::Regular,
        0o644,
        config,
    )
    .map_err(werr)?;
    fs_tar::write_tree(view, Owner { uid: 0, gid: 0 }, OwnerXattrs::Write, out)?;
    Ok(())
}

/// One tar entry owned by root, written ahead of the tree (whose writer ends the stream).
fn raw_entry(
    out: &mut impl Write,
    path: &Path,
    kind: tar::EntryType,
    mode: u32,
    data: &[u8],
) -> io::Result<()> {
    let mut h = tar::Header::new_gnu();
    h.set_path(path)?;
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_uid(0);
    h.set_gid(0);
    h.set_size(data.len() as u64);
    h.set_cksum();
    out.write_all(h.as_bytes())?;
    out.write_all(data)?;
    let pad = (512 - data.len() % 512) % 512;
    out.write_all(&vec![0; pad])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_is_in_the_directory_runs_hide() {
        assert_eq!(
            Path::new(CONFIG_PATH).parent(),
            Some(Path::new(crate::storage::squash::RECORD_DIR))
        );
    }
}
