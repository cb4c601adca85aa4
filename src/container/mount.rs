//! `mount`/`unmount`: a container's root file system where the caller can read and change it,
//! as podman's `mount`. rpod keeps no long-lived namespace to hold such a mount, so it lives
//! in the caller's mount namespace: that of an `rpod unshare` session (the one place an
//! unprivileged user may mount), and ends with it. A mark in the container's directory names
//! that namespace, so that no run assembles a second overlay on the same writable layer while
//! the mount lives (the kernel leaves two overlays on one upper undefined). A running
//! container's tree is already mounted in its monitor's namespace: its path through /proc is
//! given instead, and nothing is mounted.

use std::fs;
use std::path::{Path, PathBuf};

use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine, monitor_spec, processes, status};
use crate::config::StorageDriver;
use crate::monitor::rootfs;

/// The container's mark: the mount namespace (`mnt:[N]`) that holds its mount.
const MARK: &str = "mounted-in";

#[derive(Debug, thiserror::Error)]
pub enum MountError {
    #[error(
        "cannot run command \"rpod {verb}\" in rootless mode, must execute `rpod unshare` first"
    )]
    NeedsUnshare { verb: &'static str },
    #[error(
        "container {name} is mounted by `rpod mount` in an rpod unshare session ({namespace}): unmount it there first, or end that session"
    )]
    ElsewhereMounted { name: String, namespace: String },
    #[error("cannot mount {what} {name}: {reason}")]
    Mount {
        what: &'static str,
        name: String,
        reason: String,
    },
    #[error("cannot unmount {what} {name}: {reason}")]
    Unmount {
        what: &'static str,
        name: String,
        reason: String,
    },
    #[error(
        "image {name} is mounted by `rpod image mount` in an rpod unshare session ({namespace}): unmount it there first, end that session, or use --force"
    )]
    ImageMounted { name: String, namespace: String },
}

/// A container's mounted root file system.
pub struct Mounted {
    pub record: ContainerRecord,
    pub path: PathBuf,
}

/// This process's mount namespace, as /proc names it.
pub(super) fn own_namespace() -> Option<String> {
    fs::read_link("/proc/self/ns/mnt")
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
}

/// Whether some process still lives in `namespace` with `dir` mounted. The mount point
/// matters as much as the namespace: the kernel hands a freed namespace's number to the next
/// namespace made, so a number alone may name an unrelated, newer one.
fn namespace_alive(namespace: &str, dir: &Path) -> bool {
    let Ok(procs) = fs::read_dir("/proc") else {
        return false;
    };
    procs.flatten().any(|entry| {
        fs::read_link(entry.path().join("ns/mnt")).is_ok_and(|ns| ns.to_string_lossy() == namespace)
            && mounted_in(&entry.path().join("mountinfo"), dir)
    })
}

/// Whether `dir` is a mount point in this process's mount namespace.
pub(super) fn is_mount_point(dir: &Path) -> bool {
    mounted_in(Path::new("/proc/self/mountinfo"), dir)
}

/// Whether `dir` is a mount point in the mount table `mountinfo` (a process's, under /proc).
fn mounted_in(mountinfo: &Path, dir: &Path) -> bool {
    let Ok(table) = fs::read_to_string(mountinfo) else {
        return false;
    };
    // mountinfo escapes space, tab, newline and backslash as octal.
    let escaped = dir
        .to_string_lossy()
        .replace('\\', "\\134")
        .replace(' ', "\\040")
        .replace('\t', "\\011")
        .replace('\n', "\\012");
    table
        .lines()
        .any(|line| line.split(' ').nth(4) == Some(escaped.as_str()))
}

/// The live namespace whose mount of the container the mark names, if any.
fn holder(paths: &Paths) -> Option<String> {
    marked_holder(&paths.dir.join(MARK), &paths.merged())
}

/// The live namespace the mark file `mark` names, if `mount_point` is still mounted there; a
/// mark whose session ended is removed.
pub(super) fn marked_holder(mark: &Path, mount_point: &Path) -> Option<String> {
    let namespace = fs::read_to_string(mark).ok()?;
    if namespace_alive(&namespace, mount_point) {
        return Some(namespace);
    }
    let _ = fs::remove_file(mark);
    None
}

/// Refuses to assemble the container's root file system while a session holds it mounted
/// (start, restart, rm).
pub(super) fn check_free(record: &ContainerRecord, paths: &Paths) -> Result<(), ContainerError> {
    match holder(paths) {
        Some(namespace) => Err(MountError::ElsewhereMounted {
            name: record.name.clone(),
            namespace,
        }
        .into()),
        None => Ok(()),
    }
}

/// Whether this process may mount: it is root in the user namespace owning its mount
/// namespace (`rpod unshare`, or rpod run by root).
pub(super) fn may_mount(verb: &'static str) -> Result<(), MountError> {
    if nix::unistd::geteuid().is_root() {
        Ok(())
    } else {
        Err(MountError::NeedsUnshare { verb })
    }
}

/// `rpod mount CONTAINER`: where its root file system can be read.
pub fn mount(engine: &Engine, name_or_id: &str) -> Result<PathBuf, ContainerError> {
    let locked = engine.lock_container(name_or_id)?;
    let (record, paths) = (&locked.record, &locked.paths);
    if let Some(running) = status::of(paths).running() {
        return Ok(format!("/proc/{}/root", processes::namespace_holder(running.pid)).into());
    }
    let spec = monitor_spec::rootfs_spec(engine, record, paths);
    // vfs keeps the tree as a plain directory: nothing to mount, as podman's rootless vfs.
    if record.driver == StorageDriver::Vfs && spec.squash.is_none() && spec.bind.is_none() {
        let tree = spec.upper.join("rootfs");
        crate::storage::vfs::materialize(&spec.lowers, &tree).map_err(|e| MountError::Mount {
            what: "container",
            name: record.name.clone(),
            reason: e.to_string(),
        })?;
        return Ok(tree);
    }
    may_mount("mount")?;
    let ours = own_namespace().unwrap_or_default();
    match holder(paths) {
        Some(namespace) if namespace == ours && is_mount_point(&spec.merged) => {
            return Ok(spec.merged);
        }
        Some(namespace) if namespace != ours => {
            return Err(MountError::ElsewhereMounted {
                name: record.name.clone(),
                namespace,
            }
            .into());
        }
        _ => {}
    }
    rootfs::assemble(&spec).map_err(|e| MountError::Mount {
        what: "container",
        name: record.name.clone(),
        reason: e.to_string(),
    })?;
    let mark = paths.dir.join(MARK);
    crate::state::atomic::write(&mark, ours.as_bytes()).map_err(|e| {
        rootfs::disassemble(&spec);
        ContainerError::io("write", &mark)(e)
    })?;
    Ok(spec.merged)
}

/// `rpod unmount CONTAINER`: takes down this session's mount of it. A running container, or
/// one not mounted, is left as it is (podman's unmount of an unmounted container is no error
/// either). `force` detaches a mount still in use, and clears the mark of another session's
/// mount (whose tree that session keeps: only its protection goes).
pub fn unmount(
    engine: &Engine,
    name_or_id: &str,
    force: bool,
) -> Result<ContainerRecord, ContainerError> {
    let locked = engine.lock_container(name_or_id)?;
    let (record, paths) = (&locked.record, &locked.paths);
    let Some(namespace) = holder(paths) else {
        return Ok(record.clone());
    };
    let ours = own_namespace().unwrap_or_default();
    if namespace != ours && !force {
        return Err(MountError::ElsewhereMounted {
            name: record.name.clone(),
            namespace,
        }
        .into());
    }
    if namespace == ours {
        let spec = monitor_spec::rootfs_spec(engine, record, paths);
        crate::storage::unmount(&spec.merged, force).map_err(|e| MountError::Unmount {
            what: "container",
            name: record.name.clone(),
            reason: e.to_string(),
        })?;
        if let Some(sq) = &spec.squash {
            let _ = crate::storage::unmount(&sq.mountpoint, true);
        }
    }
    let mark = paths.dir.join(MARK);
    fs::remove_file(&mark).map_err(ContainerError::io("remove", &mark))?;
    Ok(record.clone())
}

/// The containers mounted in this mount namespace, and running ones (whose trees are
/// mounted in their monitors' namespaces).
pub fn mounted(engine: &Engine) -> Result<Vec<Mounted>, ContainerError> {
    let ours = own_namespace().unwrap_or_default();
    let mut out = Vec::new();
    for (record, paths) in engine.list_here()? {
        if let Some(running) = status::of(&paths).running() {
            let path = format!("/proc/{}/root", processes::namespace_holder(running.pid));
            out.push(Mounted {
                record,
                path: path.into(),
            });
        } else if holder(&paths).is_some_and(|ns| ns == ours) && is_mount_point(&paths.merged()) {
            out.push(Mounted {
                path: paths.merged(),
                record,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_namespace_holds_a_mark_only_while_the_mount_point_is_mounted_there() {
        let ours = own_namespace().expect("this process's mount namespace");
        // /proc is mounted in every namespace a test runs in; a plain directory is not: a
        // newer namespace that took a freed number does not hold the mark.
        assert!(namespace_alive(&ours, Path::new("/proc")));
        let dir = std::env::temp_dir();
        assert!(!namespace_alive(&ours, &dir.join("rpod-never-mounted")));
        assert!(!namespace_alive("mnt:[1]", Path::new("/proc")));
    }
}
