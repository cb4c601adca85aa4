//! Whole-file writes that are never seen half-done: temp file in the same directory, fsync,
//! rename over the target, fsync the directory. The one way rpod writes a file in place: its
//! records, and what a command writes where the user asked (`save -o`, `export -o`,
//! `--iidfile`, `--digestfile`). The fsyncs are for a crash of the machine only (a killed
//! process leaves the page cache whole): [`Durability`] says which a file needs.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use super::scratch;

/// Removes the id file `path` if it still holds `id` (another container's is left alone).
pub fn remove_id_file(path: &Path, id: &str) {
    if fs::read_to_string(path).is_ok_and(|text| text.trim() == id) {
        let _ = fs::remove_file(path);
    }
}

/// What of a whole-file write must survive a crash of the machine. Every kind is still
/// renamed into place, so that a reader never sees half a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// The file and its directory entry are synced before the write returns: records.
    Synced,
    /// The file is synced, its directory is not: the directory is new and renamed into place
    /// next, and a journaling file system commits the entry before that rename.
    FileOnly,
    /// Nothing is synced: a file of the per-boot runtime directory, or one that every start
    /// writes again before anything reads it, which a crash of the machine leaves no reader
    /// for. Readers take an empty or unreadable file as absent.
    Unsynced,
}

pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_as(path, bytes, Durability::Synced)
}

pub fn write_as(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
    write_with_as::<std::convert::Infallible>(
        path,
        |f| f.write_all(bytes).map_err(Failed::Io),
        durability,
    )
    .map_err(|e| match e {
        Failed::Io(e) => e,
        Failed::Fill(never) => match never {},
    })
}

/// Why [`write_with`] failed: the file system, or what filled the file.
#[derive(Debug)]
pub enum Failed<E> {
    Io(io::Error),
    Fill(E),
}

/// Writes the file that `fill` produces (buffered); the target changes only once the whole
/// file is written and synced. Nothing is left behind when either fails.
pub fn write_with<E>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), Failed<E>>,
) -> Result<(), Failed<E>> {
    write_with_as(path, fill, Durability::Synced)
}

fn write_with_as<E>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), Failed<E>>,
    durability: Durability,
) -> Result<(), Failed<E>> {
    let dir = parent(path);
    let tmp = scratch::temp_path(dir, &file_name(path));
    let result = (|| {
        let mut out = BufWriter::new(File::create(&tmp).map_err(Failed::Io)?);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| Failed::Io(e.into_error()))?;
        if durability != Durability::Unsynced {
            file.sync_all().map_err(Failed::Io)?;
        }
        fs::rename(&tmp, path).map_err(Failed::Io)?;
        match durability {
            Durability::Synced => sync_dir(dir).map_err(Failed::Io),
            Durability::FileOnly | Durability::Unsynced => Ok(()),
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

pub fn write_json<T: Serialize + ?Sized>(path: &Path, value: &T) -> io::Result<()> {
    write_json_as(path, value, Durability::Synced)
}

pub fn write_json_as<T: Serialize + ?Sized>(
    path: &Path,
    value: &T,
    durability: Durability,
) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    bytes.push(b'\n');
    write_as(path, &bytes, durability)
}

/// Makes a rename or a new directory entry in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// The directory a file is in; a bare name is in the current one.
fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("rpod-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("state.json");
        write(&target, b"one").unwrap();
        write_json(&target, &serde_json::json!({"a": 1})).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "{\n  \"a\": 1\n}\n");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["state.json"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
