//! A container's resource limits and cgroup: what `run`/`create` record, what the monitor is
//! told, where the running container's leaf is, and `update`.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::plan::resources::{LimitOptions, parse_limits};
use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine};
use crate::cgroup::CgroupError;
use crate::cgroup::conf::{self, ConfSetting};
use crate::cgroup::leaf::{self, Leaf, LeafSpec};
use crate::cgroup::limits::Limits;
use crate::cgroup::probe::CgroupState;
use crate::monitor::state::CGROUP_FILE;
use crate::state::atomic;

/// The container's resources as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resources {
    /// `--cgroups=disabled`: no leaf, no limits.
    #[serde(default)]
    pub cgroups_disabled: bool,
    #[serde(default)]
    pub cgroup_parent: Option<String>,
    #[serde(default)]
    pub limits: Limits,
    /// `--cgroup-conf`: files of the leaf written after the limits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conf: Vec<ConfSetting>,
}

impl Resources {
    /// Whether this host can enforce the limits: an error names the missing controller.
    pub fn check(&self) -> Result<(), CgroupError> {
        self.check_limits(&self.limits)?;
        if !self.conf.is_empty() && self.cgroups_disabled {
            return Err(CgroupError::Disabled { flag: conf::FLAG });
        }
        leaf::check_conf(
            &CgroupState::probe(),
            self.cgroup_parent.as_deref(),
            &self.conf,
        )
    }

    fn check_limits(&self, limits: &Limits) -> Result<(), CgroupError> {
        if self.cgroups_disabled && self.cgroup_parent.is_some() {
            return Err(CgroupError::Disabled {
                flag: "--cgroup-parent",
            });
        }
        if let Some(&(_, flag)) = limits.required().first()
            && self.cgroups_disabled
        {
            return Err(CgroupError::Disabled { flag });
        }
        leaf::check(&CgroupState::probe(), self.cgroup_parent.as_deref(), limits)
    }

    /// What the monitor makes: None with `--cgroups=disabled`. A pod's member is placed in
    /// its pod's cgroup by `pod_cgroup::place`.
    pub fn leaf_spec(&self, record: &ContainerRecord) -> Option<LeafSpec> {
        (!self.cgroups_disabled).then(|| LeafSpec {
            name: format!("rpod-{}", record.id),
            parent: self.cgroup_parent.clone(),
            limits: self.limits.clone(),
            group: None,
            conf: self.conf.clone(),
        })
    }
}

/// The running container's leaf, as its monitor recorded it.
pub fn leaf_of(paths: &Paths) -> Option<Leaf> {
    let text = fs::read_to_string(paths.dir.join(CGROUP_FILE)).ok()?;
    let path = PathBuf::from(text.trim());
    path.is_dir().then(|| Leaf::at(path))
}

/// `rm`: a leaf a crashed monitor left behind goes with the container.
pub fn remove_leftover_leaf(paths: &Paths) {
    if let Some(leaf) = leaf_of(paths) {
        leaf.remove();
    }
}

/// `rpod update`: new limits for the container, written to its cgroup when it runs and
/// recorded for its next start.
pub fn update(
    engine: &Engine,
    name_or_id: &str,
    opts: &LimitOptions,
) -> Result<ContainerRecord, ContainerError> {
    let changes = parse_limits(opts)?;
    let (mut record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    if changes.is_empty() {
        return Err(ContainerError::invalid(
            "update of",
            record.name,
            "give at least one change (--memory, --cpus, --health-cmd, --env, --ulimit, ...)",
        ));
    }
    let resources = &record.run.resources;
    let limits = resources.limits.merged(&changes);
    match status::of(&paths) {
        Status::Running(_) | Status::Paused(_) => match leaf_of(&paths) {
            // The leaf says which controllers it has.
            Some(leaf) => leaf.apply(&changes)?,
            None => {
                resources.check_limits(&changes)?;
                // It started without a leaf, so this host could not enforce limits then.
                let &(controller, flag) = changes
                    .required()
                    .first()
                    .unwrap_or(&("memory", "--memory"));
                return Err(CgroupError::NotDelegated {
                    flag: flag.to_string(),
                    controller,
                    uid: nix::unistd::getuid().as_raw(),
                    hybrid: CgroupState::probe().hybrid,
                }
                .into());
            }
        },
        Status::Created | Status::Exited(_) => resources.check_limits(&changes)?,
    }
    record.run.resources.limits = limits;
    let _guard = engine.lock()?;
    atomic::write_json(&paths.config(), &record)
        .map_err(ContainerError::io("write", &paths.config()))?;
    Ok(record)
}
