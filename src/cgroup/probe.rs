//! What cgroup v2 offers this user: the mount, the caller's own cgroup, and which controllers
//! are delegated (enabled for the caller's subtree and writable by it).

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CgroupState {
    /// Where cgroup2 is mounted (/sys/fs/cgroup on unified hosts, …/unified on hybrid ones).
    pub mount: Option<PathBuf>,
    /// Whether cgroup v1 hierarchies hold the controllers (a hybrid or legacy host).
    pub hybrid: bool,
    /// The caller's cgroup, relative to the v2 mount.
    pub own: Option<String>,
    /// Controllers the caller's cgroup can hand to children.
    pub available: Vec<String>,
    /// Whether the caller may create child cgroups there.
    pub writable: bool,
}

impl CgroupState {
    pub fn probe() -> CgroupState {
        let mountinfo = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        let mut mount = None;
        let mut hybrid = false;
        for line in mountinfo.lines() {
            let Some((left, right)) = line.split_once(" - ") else {
                continue;
            };
            let fstype = right.split_whitespace().next().unwrap_or("");
            let point = left.split_whitespace().nth(4).map(PathBuf::from);
            match fstype {
                "cgroup2" if mount.is_none() => mount = point,
                "cgroup" => hybrid = true,
                _ => {}
            }
        }
        let own = fs::read_to_string("/proc/self/cgroup")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find_map(|l| l.strip_prefix("0::").map(str::to_string))
            });
        let dir = match (&mount, &own) {
            (Some(m), Some(o)) => Some(m.join(o.trim_start_matches('/'))),
            _ => None,
        };
        let available = dir.as_deref().map(controllers).unwrap_or_default();
        let writable = dir.as_deref().is_some_and(is_writable);
        CgroupState {
            mount,
            hybrid,
            own,
            available,
            writable,
        }
    }

    /// The caller's cgroup directory.
    pub fn own_dir(&self) -> Option<PathBuf> {
        Some(
            self.mount
                .as_ref()?
                .join(self.own.as_ref()?.trim_start_matches('/')),
        )
    }

    /// What `rpod info` calls the cgroup version: v2 only when the controllers are there.
    pub fn version(&self) -> &'static str {
        match (&self.mount, self.hybrid) {
            (Some(_), false) => "v2",
            (Some(_), true) => "v1 (hybrid: v2 mounted without the controllers)",
            (None, true) => "v1",
            (None, false) => "none",
        }
    }

    /// Controllers rpod can hand to a container's leaf: delegated ones only.
    pub fn delegated(&self) -> Vec<String> {
        if self.writable {
            self.available.clone()
        } else {
            Vec::new()
        }
    }

    /// One line for `rpod info`.
    pub fn summary(&self) -> String {
        let Some(mount) = &self.mount else {
            return "no cgroup v2 mount: resource limits are unavailable".into();
        };
        let layout = if self.hybrid {
            "hybrid v1/v2"
        } else {
            "unified v2"
        };
        let controllers = if self.available.is_empty() {
            "none".to_string()
        } else {
            self.available.join(" ")
        };
        let delegated = if self.writable {
            "delegated (writable)"
        } else {
            "not delegated (not writable)"
        };
        format!(
            "{layout}, v2 at {}, own cgroup {}, controllers: {controllers}, {delegated}",
            mount.display(),
            self.own.as_deref().unwrap_or("?")
        )
    }
}

/// The controllers listed in a cgroup's `cgroup.controllers` (or any such list file).
pub fn controllers(dir: &Path) -> Vec<String> {
    read_list(&dir.join("cgroup.controllers"))
}

pub fn read_list(file: &Path) -> Vec<String> {
    fs::read_to_string(file)
        .map(|t| t.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

pub fn is_writable(dir: &Path) -> bool {
    nix::unistd::access(dir, nix::unistd::AccessFlags::W_OK).is_ok()
}
