//! cgroup v2: where it is, what the caller may control, and a leaf per container with its
//! limits, figures, freezer and kill switch. rpod manages the delegated subtree itself
//! (the "cgroupfs" manager): no systemd bus is needed.

use std::io;
use std::path::{Path, PathBuf};

pub mod conf;
pub mod freeze;
pub mod io_max;
pub mod leaf;
pub mod limits;
pub mod probe;
pub mod stats;

#[derive(Debug, thiserror::Error)]
pub enum CgroupError {
    #[error(
        "cannot set {flag}: cgroup v2 controller {controller:?} is not delegated to user {uid}"
    )]
    NotDelegated {
        /// The flag, with the key for `--cgroup-conf`.
        flag: String,
        controller: &'static str,
        uid: u32,
        /// The controllers live in cgroup v1 hierarchies (a hybrid or legacy host).
        hybrid: bool,
    },
    #[error(
        "cannot use --cgroup-parent {parent}: no cgroup on the way to it is writable by user {uid}"
    )]
    ParentNotWritable {
        parent: String,
        uid: u32,
        hybrid: bool,
    },
    #[error("cannot set {flag}: cgroups are disabled for this container (--cgroups=disabled)")]
    Disabled { flag: &'static str },
    #[error("cannot set {flag}: {file} does not exist in {}", dir.display())]
    MissingFile {
        flag: &'static str,
        file: String,
        dir: PathBuf,
    },
    #[error(
        "cannot set {} {key}: user {uid} has no cgroup v2 of its own to write it in",
        conf::FLAG
    )]
    NoCgroup { key: String, uid: u32, hybrid: bool },
    #[error("cannot set {} {key}={value}: write {}: {source}", conf::FLAG, path.display())]
    ConfWrite {
        key: String,
        value: String,
        path: PathBuf,
        source: io::Error,
    },
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("cgroup {} did not freeze within {secs} s", path.display())]
    FreezeTimeout { path: PathBuf, secs: u64 },
}

/// What an administrator does so that users get a cgroup v2 tree of their own.
pub fn delegation_hint(hybrid: bool) -> String {
    match hybrid {
        true => {
            "this host keeps its controllers in cgroup v1 (hybrid hierarchy); an administrator \
                 boots it with systemd.unified_cgroup_hierarchy=1 on the kernel command line and \
                 delegates the controllers to users (Delegate= in a user@.service drop-in)"
                .into()
        }
        false => "an administrator delegates controllers with a drop-in \
                  /etc/systemd/system/user@.service.d/delegate.conf containing \"[Service]\" and \
                  \"Delegate=cpu cpuset io memory pids\", then runs systemctl daemon-reload; start \
                  rpod inside a delegated cgroup (systemd-run --user -p Delegate=yes ...)"
            .into(),
    }
}

impl CgroupError {
    pub fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> CgroupError {
        let path = path.to_path_buf();
        move |source| CgroupError::Io {
            action,
            path,
            source,
        }
    }

    /// The change an administrator makes so that the limit can be enforced.
    pub fn hint(&self) -> Option<String> {
        match self {
            CgroupError::NotDelegated { hybrid, .. }
            | CgroupError::NoCgroup { hybrid, .. }
            | CgroupError::ParentNotWritable { hybrid, .. } => Some(delegation_hint(*hybrid)),
            CgroupError::Disabled { .. } => {
                Some("drop --cgroups=disabled to set limits or a parent cgroup".into())
            }
            _ => None,
        }
    }
}
