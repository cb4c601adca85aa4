//! `pause` through the cgroup v2 freezer: every process of the leaf stops at once, forks
//! included, and `cgroup.events` says when the whole leaf is frozen.

use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use super::CgroupError;
use super::leaf::Leaf;

/// How long a freeze may take before rpod gives up (a process in an uninterruptible sleep
/// delays it).
const FREEZE_WAIT: Duration = Duration::from_secs(5);

/// Whether the leaf has a freezer (cgroup.freeze exists in every non-root cgroup since 5.2).
pub fn available(leaf: &Leaf) -> bool {
    leaf.path().join("cgroup.freeze").exists()
}

/// The leaf's `frozen` state as the kernel reports it.
pub fn is_frozen(leaf: &Leaf) -> bool {
    events_frozen(leaf.path()).unwrap_or(false)
}

fn events_frozen(dir: &Path) -> Option<bool> {
    let text = fs::read_to_string(dir.join("cgroup.events")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("frozen "))
        .map(|v| v.trim() == "1")
}

/// Freezes (`true`) or thaws the leaf and waits until the kernel says it is done.
pub fn set(leaf: &Leaf, frozen: bool) -> Result<(), CgroupError> {
    let file = leaf.path().join("cgroup.freeze");
    fs::write(&file, if frozen { "1" } else { "0" }).map_err(CgroupError::io("write", &file))?;
    let deadline = Instant::now() + FREEZE_WAIT;
    loop {
        match events_frozen(leaf.path()) {
            Some(state) if state == frozen => return Ok(()),
            None => {
                return Err(CgroupError::io("read", &leaf.path().join("cgroup.events"))(
                    io::Error::from(io::ErrorKind::NotFound),
                ));
            }
            Some(_) if Instant::now() >= deadline => {
                let _ = fs::write(&file, "0");
                return Err(CgroupError::FreezeTimeout {
                    path: leaf.path().to_path_buf(),
                    secs: FREEZE_WAIT.as_secs(),
                });
            }
            Some(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_state_comes_from_cgroup_events() {
        let dir = tempfile::tempdir().unwrap();
        let leaf = Leaf::at(dir.path().to_path_buf());
        assert!(!available(&leaf));
        assert!(!is_frozen(&leaf));
        fs::write(dir.path().join("cgroup.events"), "populated 1\nfrozen 1\n").unwrap();
        assert!(is_frozen(&leaf));
        fs::write(dir.path().join("cgroup.events"), "populated 1\nfrozen 0\n").unwrap();
        assert!(!is_frozen(&leaf));
    }
}
