//! What a container changed in its image's file system: docker's `diff` (A/C/D), and what
//! `commit` turns into a layer. Read from the writable layer (overlay and fuse-overlayfs) or
//! by comparing the vfs copy with the image, against a [`Union`] of the image's layers.

use std::fs::{self, Metadata};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::union::{self, Union};
use super::whiteout::{self, OPAQUE_MARKER};
use crate::ids::FileOwner;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Added,
    Changed,
    Deleted,
}

impl Kind {
    /// docker's letter.
    pub fn letter(self) -> char {
        match self {
            Kind::Added => 'A',
            Kind::Changed => 'C',
            Kind::Deleted => 'D',
        }
    }
}

/// Serialisable: the helper that reads a squashfs image file's tree hands them back (#22).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Relative to the root file system.
    pub path: PathBuf,
    pub kind: Kind,
    /// A directory that replaces the image's one instead of adding to it.
    pub opaque: bool,
}

/// The changes an overlay writable layer `upper` makes to `image` (its layers, top first).
pub fn of_upper(upper: &Path, image: &Union) -> io::Result<Vec<Change>> {
    let mut out = Vec::new();
    walk_upper(upper, Path::new(""), image, true, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk_upper(
    upper: &Path,
    rel: &Path,
    image: &Union,
    below_visible: bool,
    out: &mut Vec<Change>,
) -> io::Result<()> {
    for entry in fs::read_dir(upper.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        if name == OPAQUE_MARKER {
            continue;
        }
        let path = rel.join(&name);
        let meta = fs::symlink_metadata(entry.path())?;
        if whiteout::is_whiteout(&meta) {
            // fuse-overlayfs puts a whiteout of `.wh..opq` in each directory it makes: it hides
            // a marker, a name no file of the container can have, and is no change.
            if !name
                .as_encoded_bytes()
                .starts_with(whiteout::PREFIX.as_bytes())
            {
                out.push(change(path, Kind::Deleted, false));
            }
            continue;
        }
        if let Some(hidden) = union::whiteout_target(&name) {
            out.push(change(rel.join(hidden), Kind::Deleted, false));
            continue;
        }
        let below = if below_visible {
            image.lookup(&path)?
        } else {
            None
        };
        let existed = below.is_some();
        let kind = if existed { Kind::Changed } else { Kind::Added };
        if meta.is_dir() {
            let opaque = union::is_opaque_dir(&entry.path())?;
            let mut inside = Vec::new();
            walk_upper(upper, &path, image, existed && !opaque, &mut inside)?;
            // The image's directory as it was, made in the writable layer before the
            // container ran (storage::lower_dirs): the container changed nothing there.
            let untouched = !opaque
                && inside.is_empty()
                && below.is_some_and(|(image_path, image_meta)| {
                    image_meta.is_dir()
                        && image_meta.mode() == meta.mode()
                        && image_meta.mtime() == meta.mtime()
                        && image_meta.mtime_nsec() == meta.mtime_nsec()
                        && recorded_owner(&image_path) == recorded_owner(&entry.path())
                });
            if !untouched {
                out.push(change(path.clone(), kind, opaque && existed));
            }
            out.append(&mut inside);
        } else {
            out.push(change(path, kind, false));
        }
    }
    Ok(())
}

fn change(path: PathBuf, kind: Kind, opaque: bool) -> Change {
    Change { path, kind, opaque }
}

/// What changed from the merged tree `old` to the merged tree `new`: `image diff` of two
/// images. A file counts as changed when its type, mode, size, time or link target differs.
pub fn between(old: &Union, new: &Union) -> io::Result<Vec<Change>> {
    let mut out = Vec::new();
    walk_between(old, new, Path::new(""), &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk_between(old: &Union, new: &Union, rel: &Path, out: &mut Vec<Change>) -> io::Result<()> {
    let mut before = old.read_dir(rel)?;
    for entry in new.read_dir(rel)? {
        let path = rel.join(&entry.name);
        let prior = before
            .iter()
            .position(|e| e.name == entry.name)
            .map(|i| before.swap_remove(i));
        match prior {
            Some(prior) if prior.meta.is_dir() && entry.meta.is_dir() => {
                if !same_entry(&prior, &entry)? {
                    out.push(change(path.clone(), Kind::Changed, false));
                }
                walk_between(old, new, &path, out)?;
            }
            Some(prior) => {
                if !same_entry(&prior, &entry)? {
                    out.push(change(path.clone(), Kind::Changed, false));
                    if entry.meta.is_dir() {
                        added_in(new, &path, out)?;
                    }
                }
            }
            None => {
                out.push(change(path.clone(), Kind::Added, false));
                if entry.meta.is_dir() {
                    added_in(new, &path, out)?;
                }
            }
        }
    }
    for gone in before {
        out.push(change(rel.join(gone.name), Kind::Deleted, false));
    }
    Ok(())
}

/// Everything under the directory `rel` of `tree`, as added.
fn added_in(tree: &Union, rel: &Path, out: &mut Vec<Change>) -> io::Result<()> {
    for entry in tree.read_dir(rel)? {
        let path = rel.join(&entry.name);
        out.push(change(path.clone(), Kind::Added, false));
        if entry.meta.is_dir() {
            added_in(tree, &path, out)?;
        }
    }
    Ok(())
}

fn same_entry(a: &union::Entry, b: &union::Entry) -> io::Result<bool> {
    let (ma, mb) = (&a.meta, &b.meta);
    if a.path == b.path {
        return Ok(true);
    }
    if ma.file_type() != mb.file_type() || ma.mode() != mb.mode() {
        return Ok(false);
    }
    // A chown under root emulation changes only the recorded owner (copy-up keeps the
    // rest), and `build --squash` must not lose it.
    if recorded_owner(&a.path) != recorded_owner(&b.path) {
        return Ok(false);
    }
    if ma.is_dir() {
        return Ok(true);
    }
    if ma.file_type().is_symlink() {
        return Ok(fs::read_link(&a.path)? == fs::read_link(&b.path)?);
    }
    Ok(ma.len() == mb.len() && ma.mtime() == mb.mtime())
}

/// The owner root emulation recorded on an entry; none (a symbolic link cannot take a user
/// xattr, a store without them keeps none) is root's.
fn recorded_owner(path: &Path) -> FileOwner {
    xattr::get(path, FileOwner::XATTR)
        .ok()
        .flatten()
        .and_then(|value| FileOwner::decode(&value))
        .unwrap_or(FileOwner::ROOT)
}

/// The changes of a vfs copy `rootfs` of `image`, made at `copied_at`: an entry counts as
/// changed when its type, permissions, size or link target differ, or when it was modified
/// after the copy was made.
pub fn of_copy(rootfs: &Path, image: &Union, copied_at: SystemTime) -> io::Result<Vec<Change>> {
    let mut out = Vec::new();
    walk_copy(rootfs, Path::new(""), image, copied_at, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk_copy(
    rootfs: &Path,
    rel: &Path,
    image: &Union,
    copied_at: SystemTime,
    out: &mut Vec<Change>,
) -> io::Result<()> {
    let mut before: Vec<union::Entry> = image.read_dir(rel)?;
    for entry in fs::read_dir(rootfs.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        let path = rel.join(&name);
        let meta = fs::symlink_metadata(entry.path())?;
        let old = before
            .iter()
            .position(|e| e.name == name)
            .map(|i| before.swap_remove(i));
        let kind = match &old {
            None => Kind::Added,
            Some(old) if differs(&entry.path(), &meta, old, copied_at)? => Kind::Changed,
            Some(_) => {
                if meta.is_dir() {
                    walk_copy(rootfs, &path, image, copied_at, out)?;
                }
                continue;
            }
        };
        out.push(change(path.clone(), kind, false));
        if meta.is_dir() {
            match old {
                Some(old) if old.meta.is_dir() => walk_copy(rootfs, &path, image, copied_at, out)?,
                _ => added_tree(rootfs, &path, out)?,
            }
        }
    }
    for gone in before {
        out.push(change(rel.join(gone.name), Kind::Deleted, false));
    }
    Ok(())
}

fn added_tree(rootfs: &Path, rel: &Path, out: &mut Vec<Change>) -> io::Result<()> {
    for entry in fs::read_dir(rootfs.join(rel))? {
        let entry = entry?;
        let path = rel.join(entry.file_name());
        out.push(change(path.clone(), Kind::Added, false));
        if entry.file_type()?.is_dir() {
            added_tree(rootfs, &path, out)?;
        }
    }
    Ok(())
}

fn differs(
    path: &Path,
    now: &Metadata,
    old: &union::Entry,
    copied_at: SystemTime,
) -> io::Result<bool> {
    let was = &old.meta;
    if now.file_type() != was.file_type() || now.mode() != was.mode() {
        return Ok(true);
    }
    // A chown changes no mtime.
    if recorded_owner(path) != recorded_owner(&old.path) {
        return Ok(true);
    }
    if now.is_symlink() {
        return Ok(fs::read_link(path)? != fs::read_link(&old.path)?);
    }
    if now.is_file() && now.len() != was.len() {
        return Ok(true);
    }
    Ok(now.modified()? > copied_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_chown_alone_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let (lower, upper) = (dir.path().join("lower"), dir.path().join("upper"));
        write(&lower, "srv/data", "same");
        write(&upper, "srv/data", "same");
        let times = fs::metadata(lower.join("srv/data"))
            .unwrap()
            .modified()
            .unwrap();
        let file = fs::File::options()
            .write(true)
            .open(upper.join("srv/data"))
            .unwrap();
        file.set_modified(times).unwrap();
        let old = Union::new(vec![lower.clone()]);
        let new = Union::new(vec![upper.clone(), lower]);
        let copied_at = SystemTime::now();
        assert_eq!(listing(&between(&old, &new).unwrap()), [] as [&str; 0]);
        assert_eq!(
            listing(&of_copy(&upper, &old, copied_at).unwrap()),
            [] as [&str; 0]
        );
        let owner = FileOwner { uid: 33, gid: 33 }.encode();
        if xattr::set(upper.join("srv/data"), FileOwner::XATTR, owner.as_bytes()).is_err() {
            eprintln!("skipped: the test directory's file system takes no user xattrs");
            return;
        }
        assert_eq!(listing(&between(&old, &new).unwrap()), ["C /srv/data"]);
        assert_eq!(
            listing(&of_copy(&upper, &old, copied_at).unwrap()),
            ["C /srv/data"],
            "a vfs copy's chown too"
        );
    }

    fn listing(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| format!("{} /{}", c.kind.letter(), c.path.display()))
            .collect()
    }

    #[test]
    fn an_upper_layer_reads_as_added_changed_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let (image, upper) = (dir.path().join("image"), dir.path().join("upper"));
        write(&image, "etc/passwd", "root");
        write(&image, "etc/motd", "hi");
        write(&image, "var/cache/x", "x");
        write(&upper, "etc/passwd", "root\nme");
        write(&upper, "new/file", "n");
        fs::write(upper.join("etc/.wh.motd"), "").unwrap();
        write(&upper, "var/cache/y", "y");
        fs::write(upper.join("var/cache").join(OPAQUE_MARKER), "").unwrap();
        // As fuse-overlayfs leaves in a directory it makes: no change of the container's.
        let new = fs::File::open(upper.join("new")).unwrap();
        whiteout::make_whiteout(&new.into(), std::ffi::OsStr::new(".wh..opq")).unwrap();
        let changes = of_upper(&upper, &Union::new(vec![image])).unwrap();
        assert_eq!(
            listing(&changes),
            [
                "C /etc",
                "D /etc/motd",
                "C /etc/passwd",
                "A /new",
                "A /new/file",
                "C /var",
                "C /var/cache",
                "A /var/cache/y",
            ]
        );
        assert!(
            changes
                .iter()
                .any(|c| c.path == Path::new("var/cache") && c.opaque)
        );
    }

    #[test]
    fn a_copy_reads_against_its_image() {
        let dir = tempfile::tempdir().unwrap();
        let (image, copy) = (dir.path().join("image"), dir.path().join("copy"));
        for root in [&image, &copy] {
            write(root, "etc/passwd", "root");
            write(root, "etc/motd", "hi");
            write(root, "bin/sh", "sh");
        }
        let copied_at = SystemTime::now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(&copy, "etc/passwd", "root\nme");
        fs::remove_file(copy.join("etc/motd")).unwrap();
        write(&copy, "new/file", "n");
        let changes = of_copy(&copy, &Union::new(vec![image]), copied_at).unwrap();
        assert_eq!(
            listing(&changes),
            [
                "C /etc",
                "D /etc/motd",
                "C /etc/passwd",
                "A /new",
                "A /new/file"
            ]
        );
    }
}
