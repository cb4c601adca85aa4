//! The monitor's part in the container's cgroup: it makes the leaf, clones the init inside it
//! (so that the container's cgroup namespace is rooted there), records where the leaf is for
//! other commands, reads the OOM count when the container has exited, and removes the leaf.

use std::fs;
use std::path::PathBuf;

use super::error::{Cause, MonitorError};
use super::spec::MonitorSpec;
use super::state::CGROUP_FILE;
use crate::cgroup::CgroupError;
use crate::cgroup::leaf::{Leaf, Mover};
use crate::state::atomic::Durability;

/// The container's leaf, if it has one; removed when dropped.
pub struct Placement {
    leaf: Option<(Leaf, Mover)>,
    record: PathBuf,
}

fn failed(e: CgroupError) -> MonitorError {
    MonitorError::Cgroup(Cause::new(&e, e.hint()))
}

/// Makes the leaf with its limits (a limit that cannot be enforced is the error); without
/// limits and without a delegated cgroup the container runs without a leaf.
pub fn prepare(spec: &MonitorSpec) -> Result<Placement, MonitorError> {
    let record = spec.container_dir.join(CGROUP_FILE);
    let Some(leaf_spec) = &spec.cgroup else {
        return Ok(Placement { leaf: None, record });
    };
    let Some(leaf) = Leaf::create(leaf_spec).map_err(failed)? else {
        return Ok(Placement { leaf: None, record });
    };
    let path = leaf.path().to_string_lossy().into_owned();
    let ready = leaf.mover().map_err(failed).and_then(|mover| {
        // Not synced: a crash of the machine takes the cgroup with it.
        crate::state::atomic::write_as(&record, path.as_bytes(), Durability::Unsynced)
            .map(|()| mover)
            .map_err(|e| MonitorError::setup("record the container's cgroup")(e.into()))
    });
    match ready {
        Ok(mover) => Ok(Placement {
            leaf: Some((leaf, mover)),
            record,
        }),
        Err(e) => {
            leaf.remove();
            Err(e)
        }
    }
}

impl Placement {
    /// Runs `clone_init` with the monitor inside the leaf, then moves the monitor back out.
    pub fn inside<T>(&self, clone_init: impl FnOnce() -> T) -> Result<T, MonitorError> {
        let Some((_, mover)) = &self.leaf else {
            return Ok(clone_init());
        };
        mover.enter().map_err(failed)?;
        let out = clone_init();
        // A monitor left in the leaf would be killed with the container and count against
        // its limits.
        mover.leave().map_err(failed)?;
        Ok(out)
    }

    /// Moves the calling process (a check's helper, just forked) into the container's leaf,
    /// or, once the container made the leaf a parent (systemd as init), into the cgroup of
    /// its init `init`; false when it cannot.
    pub fn join(&self, init: i32) -> bool {
        self.leaf.as_ref().is_none_or(|(leaf, mover)| {
            mover.enter().is_ok() || crate::runtime::join::join_cgroup(leaf.path(), init).is_ok()
        })
    }

    /// Before a restart: the leaf as it was made, without what the last run made below it.
    pub fn reset(&self) {
        if let Some((leaf, _)) = &self.leaf {
            leaf.reset();
        }
    }

    /// Whether the kernel's OOM killer killed a process of the container.
    pub fn oom_killed(&self) -> bool {
        self.leaf.as_ref().is_some_and(|(l, _)| l.oom_kills() > 0)
    }

    pub fn remove(&mut self) {
        if let Some((leaf, _)) = self.leaf.take() {
            leaf.remove();
            let _ = fs::remove_file(&self.record);
        }
    }
}

impl Drop for Placement {
    fn drop(&mut self) {
        self.remove();
    }
}
