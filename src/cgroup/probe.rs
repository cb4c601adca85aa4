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
        let available = dir
            .as_deref()
            .and_then(|d| fs::read_to_string(d.join("cgroup.controllers")).ok())
            .map(|t| t.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        let writable = dir.as_deref().is_some_and(is_writable);
        CgroupState {
            mount,
            hybrid,
            own,
            available,
            writable,
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

fn is_writable(dir: &Path) -> bool {
    nix::unistd::access(dir, nix::unistd::AccessFlags::W_OK).is_ok()
}
