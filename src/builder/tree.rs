//! A file tree COPY reads from or writes into, seen from inside: the build context (minus what
//! `.dockerignore` excludes) or an image's stacked layers. Paths resolve the way they would in
//! a container whose root the tree is: symlinks are followed, absolute ones from the tree's
//! root, and `..` never climbs above it.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs::{self, Metadata};
use std::io;
use std::path::{Component, Path, PathBuf};

use super::dockerfile::Pattern;
use super::ignore::Ignore;
use crate::storage::union::{Entry, Union};

/// Linux's limit on symlinks followed in one lookup.
const MAX_SYMLINKS: usize = 40;

pub struct Tree {
    union: Union,
    ignore: Ignore,
}

/// What a resolved path names.
pub struct Found {
    /// Relative to the tree's root, symlinks resolved.
    pub rel: PathBuf,
    /// Where the bytes are on disk.
    pub real: PathBuf,
    pub meta: Metadata,
}

fn has_glob(part: &str) -> bool {
    part.contains(['*', '?', '['])
}

impl Tree {
    /// A plain directory (the build context), with `ignore`'s exclusions.
    pub fn context(root: &Path, ignore: Ignore) -> Tree {
        Tree {
            union: Union::new(vec![root.to_path_buf()]),
            ignore,
        }
    }

    /// An image's layers, top first.
    pub fn layers(layers_top_first: Vec<PathBuf>) -> Tree {
        Tree {
            union: Union::new(layers_top_first),
            ignore: Ignore::default(),
        }
    }

    /// Whether `rel` is excluded by `.dockerignore`. An excluded directory stays visible, as
    /// exceptions may name files under it: a copy leaves it out when nothing under it is left.
    pub fn excludes(&self, rel: &Path) -> bool {
        self.ignore.excludes(rel)
    }

    fn visible(&self, rel: &Path, meta: &Metadata) -> bool {
        meta.is_dir() || !self.ignore.excludes(rel)
    }

    /// The entry at `rel` (already resolved), unless absent or an excluded file.
    pub fn lookup(&self, rel: &Path) -> io::Result<Option<(PathBuf, Metadata)>> {
        Ok(self
            .union
            .lookup(rel)?
            .filter(|(_, meta)| self.visible(rel, meta)))
    }

    /// The entries of directory `rel`, sorted by name, without excluded files.
    pub fn read_dir(&self, rel: &Path) -> io::Result<Vec<Entry>> {
        let mut entries = self.union.read_dir(rel)?;
        entries.retain(|e| self.visible(&rel.join(&e.name), &e.meta));
        Ok(entries)
    }

    /// Resolves `path` inside the tree. Every symlink on the way is followed, and the last
    /// component's too when `follow_last`. Components that do not exist are kept as named
    /// (a destination may not exist yet).
    pub fn resolve(&self, path: &Path, follow_last: bool) -> io::Result<PathBuf> {
        let mut pending: VecDeque<OsString> = normal_parts(path).collect();
        let mut resolved = PathBuf::new();
        let mut followed = 0;
        while let Some(part) = pending.pop_front() {
            if part == ".." {
                resolved.pop();
                continue;
            }
            let candidate = resolved.join(&part);
            let is_last = pending.is_empty();
            let link = match self.union.lookup(&candidate)? {
                Some((real, meta))
                    if meta.file_type().is_symlink() && (follow_last || !is_last) =>
                {
                    fs::read_link(real)?
                }
                _ => {
                    resolved = candidate;
                    continue;
                }
            };
            followed += 1;
            if followed > MAX_SYMLINKS {
                return Err(io::Error::from_raw_os_error(libc::ELOOP));
            }
            if link.is_absolute() {
                resolved = PathBuf::new();
            }
            for (i, p) in normal_parts(&link).enumerate() {
                pending.insert(i, p);
            }
        }
        Ok(resolved)
    }

    /// The entry `path` names, following symlinks; None when it does not exist or is excluded.
    pub fn find(&self, path: &Path) -> io::Result<Option<Found>> {
        let rel = self.resolve(path, true)?;
        Ok(self
            .lookup(&rel)?
            .map(|(real, meta)| Found { rel, real, meta }))
    }

    /// Expands a COPY source: `*`, `?` and `[...]` in any component match names in that
    /// directory (not across `/`). Returns the matches sorted, unresolved; a pattern
    /// without wildcards comes back as it is, whether or not it exists.
    pub fn glob(&self, pattern: &Path) -> io::Result<Vec<PathBuf>> {
        let mut found = vec![PathBuf::new()];
        for part in normal_parts(pattern) {
            let text = part.to_string_lossy();
            if !has_glob(&text) {
                found.iter_mut().for_each(|f| f.push(&part));
                continue;
            }
            let glob = Pattern::new(&text, '\\');
            let mut next = Vec::new();
            for dir in &found {
                let resolved = self.resolve(dir, true)?;
                for entry in self.read_dir(&resolved)? {
                    let name: Vec<char> = entry.name.to_string_lossy().chars().collect();
                    if glob.matches(&name) {
                        next.push(dir.join(&entry.name));
                    }
                }
            }
            found = next;
        }
        found.sort();
        Ok(found)
    }
}

/// The components of `path` that name something: `.` and the root are dropped, `..` is kept.
fn normal_parts(path: &Path) -> impl Iterator<Item = OsString> + '_ {
    path.components().filter_map(|c| match c {
        Component::Normal(name) => Some(name.to_os_string()),
        Component::ParentDir => Some(OsString::from("..")),
        Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree_with(files: &[&str]) -> (tempfile::TempDir, Tree) {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, f).unwrap();
        }
        let tree = Tree::context(dir.path(), Ignore::default());
        (dir, tree)
    }

    #[test]
    fn symlinks_resolve_inside_the_root() {
        let (dir, tree) = tree_with(&["usr/bin/sh", "etc/x"]);
        let root = dir.path();
        symlink("usr/bin", root.join("bin")).unwrap();
        symlink("/", root.join("up")).unwrap();
        symlink("../../../../etc", root.join("usr/escape")).unwrap();
        symlink("loop2", root.join("loop1")).unwrap();
        symlink("loop1", root.join("loop2")).unwrap();
        let r = |p: &str, follow| tree.resolve(Path::new(p), follow).unwrap();
        assert_eq!(r("/bin/sh", true), Path::new("usr/bin/sh"));
        assert_eq!(r("bin", false), Path::new("bin"));
        assert_eq!(r("bin", true), Path::new("usr/bin"));
        assert_eq!(r("up/up/etc/x", true), Path::new("etc/x"));
        assert_eq!(r("usr/escape/x", true), Path::new("etc/x"));
        assert_eq!(r("../../etc/../usr", true), Path::new("usr"));
        assert_eq!(r("bin/new/file", true), Path::new("usr/bin/new/file"));
        let err = tree.resolve(Path::new("loop1/x"), true).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ELOOP));
    }

    #[test]
    fn globs_match_one_component_each() {
        let (_dir, tree) = tree_with(&["a.txt", "b.txt", "c.md", "sub/d.txt", "sub2/e.txt"]);
        let g = |p: &str| tree.glob(Path::new(p)).unwrap();
        assert_eq!(g("*.txt"), [Path::new("a.txt"), Path::new("b.txt")]);
        assert_eq!(
            g("sub*/*.txt"),
            [Path::new("sub/d.txt"), Path::new("sub2/e.txt")]
        );
        assert_eq!(g("[ab].txt").len(), 2);
        assert!(g("*.none").is_empty());
        assert_eq!(g("literal/missing"), [Path::new("literal/missing")]);
    }

    #[test]
    fn excluded_paths_are_invisible() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["keep.txt", "secret.key", "data/a", "data/b"] {
            let p = dir.path().join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, f).unwrap();
        }
        let tree = Tree::context(dir.path(), Ignore::parse("*.key\ndata\n!data/b"));
        assert!(tree.find(Path::new("secret.key")).unwrap().is_none());
        assert!(tree.find(Path::new("keep.txt")).unwrap().is_some());
        let names: Vec<_> = tree
            .read_dir(Path::new("data"))
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["b"]);
        assert!(tree.excludes(Path::new("data")));
        assert!(!tree.excludes(Path::new("data/b")));
        assert_eq!(
            tree.glob(Path::new("*")).unwrap(),
            [Path::new("data"), Path::new("keep.txt")]
        );
    }
}
