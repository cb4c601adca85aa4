//! The one-id user namespace: the caller becomes root (or keeps its uid with keep-id) inside,
//! mapped to itself outside. No newuidmap, no /etc/subuid: a process may map its own id.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use nix::sched::{CloneFlags, setns, unshare};
use nix::unistd::{getgid, getuid};

#[derive(Debug, thiserror::Error)]
pub enum UsernsError {
    #[error("cannot create a user namespace: {cause}")]
    Unshare {
        cause: nix::Error,
        why: Option<String>,
    },
    #[error("cannot write {path}: {source}")]
    Map {
        path: &'static str,
        source: io::Error,
    },
    #[error("cannot join the namespace {path}: {source}")]
    Join { path: PathBuf, source: io::Error },
    #[error("cannot create a mount namespace: {0}")]
    MountNamespace(nix::Error),
}

impl UsernsError {
    pub fn hint(&self) -> Option<String> {
        match self {
            UsernsError::Unshare { why, .. } => why.clone(),
            UsernsError::Map { .. } | UsernsError::Join { .. } | UsernsError::MountNamespace(_) => {
                None
            }
        }
    }
}

/// How the caller's ids appear inside the container's user namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IdMap {
    pub inside_uid: u32,
    pub inside_gid: u32,
    pub outside_uid: u32,
    pub outside_gid: u32,
}

impl IdMap {
    /// The caller is root inside (the default, as podman's rootless mode).
    pub fn root() -> IdMap {
        IdMap {
            inside_uid: 0,
            inside_gid: 0,
            outside_uid: getuid().as_raw(),
            outside_gid: getgid().as_raw(),
        }
    }

    /// `--userns=keep-id`: the caller keeps its own uid and gid inside.
    pub fn keep_id() -> IdMap {
        let (uid, gid) = (getuid().as_raw(), getgid().as_raw());
        IdMap {
            inside_uid: uid,
            inside_gid: gid,
            outside_uid: uid,
            outside_gid: gid,
        }
    }
}

fn write_proc(path: &'static str, text: &str) -> Result<(), UsernsError> {
    fs::write(path, text).map_err(|source| UsernsError::Map { path, source })
}

/// Moves the calling (single-threaded) process into a new user and mount namespace with `map`.
pub fn enter(map: IdMap, extra: CloneFlags) -> Result<(), UsernsError> {
    unshare(CloneFlags::CLONE_NEWUSER | extra).map_err(|cause| UsernsError::Unshare {
        cause,
        why: Support::probe().problem(),
    })?;
    // setgroups must be denied before an unprivileged process may write its gid map.
    write_proc("/proc/self/setgroups", "deny")?;
    write_proc(
        "/proc/self/uid_map",
        &format!("{} {} 1\n", map.inside_uid, map.outside_uid),
    )?;
    write_proc(
        "/proc/self/gid_map",
        &format!("{} {} 1\n", map.inside_gid, map.outside_gid),
    )?;
    Ok(())
}

/// Moves the calling (single-threaded) process into another container's user namespace, then
/// into `others` (owned by that user namespace, so joinable only from inside it), then into a
/// mount namespace of its own. Its ids inside are that namespace's: the caller's uid and gid
/// must be mapped there, which the container module checks.
pub fn join(userns: &Path, others: &[(&Path, CloneFlags)]) -> Result<(), UsernsError> {
    let all = std::iter::once((userns, CloneFlags::CLONE_NEWUSER)).chain(others.iter().copied());
    for (path, kind) in all {
        let failed = |source: io::Error| UsernsError::Join {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(failed)?;
        setns(&file, kind).map_err(|e| failed(e.into()))?;
    }
    unshare(CloneFlags::CLONE_NEWNS).map_err(UsernsError::MountNamespace)
}

/// Moves the calling (single-threaded) process into a running container's user and mount
/// namespaces (those of its init, `pid`): its root and working directory become the
/// container's root, so paths resolve as they do inside it (`cp`).
pub fn enter_filesystem(pid: i32) -> Result<(), UsernsError> {
    for (name, kind) in [
        ("user", CloneFlags::CLONE_NEWUSER),
        ("mnt", CloneFlags::CLONE_NEWNS),
    ] {
        let path = PathBuf::from(format!("/proc/{pid}/ns/{name}"));
        let failed = |source: io::Error| UsernsError::Join {
            path: path.clone(),
            source,
        };
        let file = File::open(&path).map_err(failed)?;
        setns(&file, kind).map_err(|e| failed(e.into()))?;
    }
    Ok(())
}

/// Makes `dir` the calling process's root and working directory, after [`enter`] mounted a
/// stopped container's root file system there: from then on no path, symlink or `..` can
/// lead outside it.
pub fn change_root(dir: &Path) -> Result<(), UsernsError> {
    let failed = |e: nix::Error| UsernsError::Join {
        path: dir.to_path_buf(),
        source: e.into(),
    };
    nix::unistd::chroot(dir).map_err(failed)?;
    nix::unistd::chdir("/").map_err(failed)
}

/// Whether this host lets unprivileged users create user namespaces, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    pub max_user_namespaces: Option<u64>,
    /// Debian's old switch (kernel.unprivileged_userns_clone), where the kernel has it.
    pub unprivileged_userns_clone: Option<bool>,
    /// Ubuntu 23.10+ (kernel.apparmor_restrict_unprivileged_userns).
    pub apparmor_restricted: Option<bool>,
}

fn read_sysctl(path: &str) -> Option<u64> {
    fs::read_to_string(Path::new(path))
        .ok()?
        .trim()
        .parse()
        .ok()
}

impl Support {
    pub fn probe() -> Support {
        Support {
            max_user_namespaces: read_sysctl("/proc/sys/user/max_user_namespaces"),
            unprivileged_userns_clone: read_sysctl("/proc/sys/kernel/unprivileged_userns_clone")
                .map(|v| v != 0),
            apparmor_restricted: read_sysctl(
                "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
            )
            .map(|v| v != 0),
        }
    }

    /// What stops user namespaces here and the change that fixes it; None when nothing does.
    pub fn problem(&self) -> Option<String> {
        if self.max_user_namespaces == Some(0) {
            return Some("user namespaces are disabled: an administrator sets sysctl user.max_user_namespaces=15000".into());
        }
        if self.unprivileged_userns_clone == Some(false) {
            return Some("unprivileged user namespaces are disabled: an administrator sets sysctl kernel.unprivileged_userns_clone=1".into());
        }
        if self.apparmor_restricted == Some(true) {
            return Some(
                "AppArmor restricts unprivileged user namespaces: an administrator adds an AppArmor profile \
                 allowing userns for rpod, or sets sysctl kernel.apparmor_restrict_unprivileged_userns=0"
                    .into(),
            );
        }
        None
    }
}
