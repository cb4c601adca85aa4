//! Temporary names that say who made them. Every multi-step write goes through a temp name in
//! the destination's directory and a rename; a command killed half-way leaves only such names,
//! and the next command removes those whose maker is no longer running. A name says on which
//! node it was made too: a process id means nothing on another node of a cluster sharing the
//! store (#22), so a node removes only its own leftovers.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::node;
use super::process::ProcessStamp;

pub const PREFIX: &str = ".tmp-";

/// A fresh temp name in `dir`: `.tmp-<pid>-<start time>-<random>.<node tag>-<hint>`.
pub fn temp_path(dir: &Path, hint: &str) -> PathBuf {
    let me = ProcessStamp::current();
    let mut rand = [0u8; 4];
    getrandom::fill(&mut rand).expect("the kernel's random source is unavailable");
    let hint: String = hint.chars().filter(|c| *c != '/').take(40).collect();
    dir.join(format!(
        "{PREFIX}{}-{}-{}.{}-{hint}",
        me.pid,
        me.start_time,
        hex::encode(rand),
        node::tag(node::name())
    ))
}

/// Whether a temp name was made on another node (names from before node tags are this one's).
fn made_elsewhere(name: &str, here: &str) -> bool {
    let token = name
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.splitn(3, '-').nth(2))
        .and_then(|rest| rest.split('-').next());
    token
        .and_then(|t| t.split_once('.'))
        .is_some_and(|(_, tag)| tag != here)
}

/// A temp name that is removed (with whatever is there) when the guard goes.
pub struct Temp {
    path: PathBuf,
}

impl Temp {
    /// A fresh temp name in `dir`; nothing is created yet.
    pub fn new(dir: &Path, hint: &str) -> Temp {
        Temp {
            path: temp_path(dir, hint),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = remove_any(&self.path);
    }
}

/// The process that made a temp name, if `name` is one.
pub fn maker(name: &str) -> Option<ProcessStamp> {
    let rest = name.strip_prefix(PREFIX)?;
    let mut parts = rest.splitn(3, '-');
    let pid = parts.next()?.parse().ok()?;
    let start_time = parts.next()?.parse().ok()?;
    Some(ProcessStamp { pid, start_time })
}

/// Removes the temp names in `dir` whose maker, on this node, has exited. Returns what was
/// removed.
pub fn clean(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let here = node::tag(node::name());
    let mut removed = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(removed),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some((name, stamp)) = name.to_str().and_then(|n| Some((n, maker(n)?))) else {
            continue;
        };
        if made_elsewhere(name, &here) || stamp.is_alive() {
            continue;
        }
        let path = entry.path();
        remove_any(&path)?;
        removed.push(path);
    }
    Ok(removed)
}

/// Removes a file, symlink or directory tree; a missing path is not an error. Directories a
/// layer made read-only are made writable first so that their entries can go.
pub fn remove_any(path: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return fs::remove_file(path);
    }
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            make_tree_writable(path)?;
            fs::remove_dir_all(path)
        }
        other => other,
    }
}

fn make_tree_writable(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = fs::symlink_metadata(dir)?.permissions();
    perms.set_mode(perms.mode() | 0o700);
    fs::set_permissions(dir, perms)?;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            make_tree_writable(&entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_carry_their_maker() {
        let p = temp_path(Path::new("/x"), "layer/abc");
        let name = p.file_name().unwrap().to_str().unwrap();
        assert!(name.ends_with("-layerabc"), "{name}");
        assert_eq!(maker(name), Some(ProcessStamp::current()));
        assert_eq!(maker("layer"), None);
    }

    #[test]
    fn clean_removes_only_names_of_dead_makers() {
        let dir = std::env::temp_dir().join(format!("rpod-scratch-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let mine = temp_path(&dir, "mine");
        fs::write(&mine, b"x").unwrap();
        let dead = dir.join(format!("{PREFIX}999999999-1-00000000-dead"));
        fs::create_dir_all(dead.join("sub")).unwrap();
        let here = node::tag(node::name());
        let dead_here = dir.join(format!("{PREFIX}999999999-1-00000000.{here}-dead-here"));
        fs::write(&dead_here, b"x").unwrap();
        // A live process on another node of a shared store: its pid says nothing here.
        let elsewhere = node::tag(&format!("{}-other", node::name()));
        let other_node = dir.join(format!("{PREFIX}999999999-1-00000000.{elsewhere}-unpack"));
        fs::write(&other_node, b"x").unwrap();
        let kept = dir.join("ordinary");
        fs::write(&kept, b"x").unwrap();

        let mut removed = clean(&dir).unwrap();
        removed.sort();
        assert_eq!(removed, vec![dead.clone(), dead_here.clone()]);
        assert!(mine.exists() && kept.exists() && other_node.exists());
        assert!(!dead.exists() && !dead_here.exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
