//! Stacked layer directories read as overlay merges them, without mounting anything: a
//! whiteout (a 0:0 character device, or a `.wh.NAME` file as fuse-overlayfs may leave) hides
//! the name below it, an opaque directory hides everything below it. `diff`, `commit` and
//! `export` read containers this way, running or not.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};

use super::whiteout::{self, OPAQUE_MARKER, PREFIX};

/// One name of a merged directory: where it really is, and what it is.
#[derive(Debug)]
pub struct Entry {
    pub name: OsString,
    pub path: PathBuf,
    pub meta: Metadata,
}

pub struct Union {
    /// Top first.
    layers: Vec<PathBuf>,
}

fn missing(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR))
}

/// The name a `.wh.NAME` file hides, if it is one (not the opaque marker).
pub fn whiteout_target(name: &OsStr) -> Option<&OsStr> {
    let text = name.to_str()?;
    (text != OPAQUE_MARKER)
        .then(|| text.strip_prefix(PREFIX))
        .flatten()
        .map(OsStr::new)
}

/// Whether directory `dir` of a layer hides what lower layers have under it.
pub fn is_opaque_dir(dir: &Path) -> io::Result<bool> {
    Ok(whiteout::is_opaque(dir)? || dir.join(OPAQUE_MARKER).exists())
}

impl Union {
    pub fn new(layers_top_first: Vec<PathBuf>) -> Union {
        Union {
            layers: layers_top_first,
        }
    }

    /// Whether the layer hides `rel` of the layers below it: a whiteout or a non-directory
    /// at `rel` or at one of its parents, or an opaque parent.
    fn hides(layer: &Path, rel: &Path) -> io::Result<bool> {
        let mut at = layer.to_path_buf();
        let components: Vec<_> = rel.components().collect();
        for (i, part) in components.iter().enumerate() {
            let mut marker = OsString::from(PREFIX);
            marker.push(part.as_os_str());
            if fs::symlink_metadata(at.join(&marker)).is_ok() {
                return Ok(true);
            }
            at.push(part);
            let last = i + 1 == components.len();
            match fs::symlink_metadata(&at) {
                Ok(meta) if whiteout::is_whiteout(&meta) => return Ok(true),
                Ok(meta) if !last && !meta.is_dir() => return Ok(true),
                Ok(meta) if !last && meta.is_dir() && is_opaque_dir(&at)? => return Ok(true),
                Ok(_) => {}
                Err(e) if missing(&e) => return Ok(false),
                Err(e) => return Err(e),
            }
        }
        Ok(false)
    }

    /// What the merged tree has at `rel` (relative to its root), if anything.
    pub fn lookup(&self, rel: &Path) -> io::Result<Option<(PathBuf, Metadata)>> {
        for layer in &self.layers {
            let path = layer.join(rel);
            match fs::symlink_metadata(&path) {
                Ok(meta) if whiteout::is_whiteout(&meta) => return Ok(None),
                Ok(meta) => return Ok(Some((path, meta))),
                Err(e) if !missing(&e) => return Err(e),
                Err(_) => {}
            }
            if Self::hides(layer, rel)? {
                return Ok(None);
            }
        }
        Ok(None)
    }

    /// The merged directory `rel`, sorted by name; empty when it is not a directory.
    pub fn read_dir(&self, rel: &Path) -> io::Result<Vec<Entry>> {
        let mut seen: BTreeMap<OsString, Option<Entry>> = BTreeMap::new();
        for layer in &self.layers {
            let dir = layer.join(rel);
            match fs::symlink_metadata(&dir) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => break,
                Err(e) if missing(&e) => {
                    if Self::hides(layer, rel)? {
                        break;
                    }
                    continue;
                }
                Err(e) => return Err(e),
            }
            for entry in fs::read_dir(&dir)? {
                let entry = entry?;
                let name = entry.file_name();
                if name == OPAQUE_MARKER {
                    continue;
                }
                if let Some(hidden) = whiteout_target(&name) {
                    seen.entry(hidden.to_os_string()).or_insert(None);
                    continue;
                }
                let meta = fs::symlink_metadata(entry.path())?;
                let value = (!whiteout::is_whiteout(&meta)).then(|| Entry {
                    name: name.clone(),
                    path: entry.path(),
                    meta,
                });
                seen.entry(name).or_insert(value);
            }
            if is_opaque_dir(&dir)? {
                break;
            }
        }
        Ok(seen.into_values().flatten().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree(root: &Path, files: &[&str]) {
        for f in files {
            let path = root.join(f.trim_end_matches('/'));
            if f.ends_with('/') {
                fs::create_dir_all(&path).unwrap();
            } else {
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, f).unwrap();
            }
        }
    }

    fn names(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| e.name.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn upper_layers_hide_and_replace_lower_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (low, high) = (dir.path().join("low"), dir.path().join("high"));
        tree(&low, &["a", "b", "d/x", "d/y", "o/old", "gone/z"]);
        tree(&high, &["a", "c", "d/y", "o/new"]);
        fs::write(high.join(".wh.b"), "").unwrap();
        whiteout::make_whiteout_at(&high, "gone").unwrap_or_else(|_| {
            fs::write(high.join(".wh.gone"), "").unwrap();
        });
        fs::write(high.join("o").join(OPAQUE_MARKER), "").unwrap();
        symlink("a", high.join("link")).unwrap();
        let union = Union::new(vec![high.clone(), low.clone()]);
        assert_eq!(
            names(&union.read_dir(Path::new("")).unwrap()),
            ["a", "c", "d", "link", "o"]
        );
        assert_eq!(names(&union.read_dir(Path::new("d")).unwrap()), ["x", "y"]);
        assert_eq!(names(&union.read_dir(Path::new("o")).unwrap()), ["new"]);
        assert!(union.read_dir(Path::new("gone")).unwrap().is_empty());
        let (path, _) = union.lookup(Path::new("d/x")).unwrap().unwrap();
        assert_eq!(path, low.join("d/x"));
        let (path, _) = union.lookup(Path::new("a")).unwrap().unwrap();
        assert_eq!(path, high.join("a"));
        assert!(union.lookup(Path::new("b")).unwrap().is_none());
        assert!(union.lookup(Path::new("gone/z")).unwrap().is_none());
        assert!(union.lookup(Path::new("o/old")).unwrap().is_none());
        assert!(union.lookup(Path::new("nothing")).unwrap().is_none());
    }
}
