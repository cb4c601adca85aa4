//! What a container in systemd mode (`--systemd`, decided at create) gets at each start,
//! podman's list: a tmpfs on each of systemd's runtime directories that the user mounts
//! nothing on, and its own cgroup tree, writable where the container's cgroup is a leaf rpod
//! makes for it. The stop signal and `container_uuid` are the record's, set at create.

use super::plan::systemd::{SystemdMode, TMPFS};
use super::record::ContainerRecord;
use super::{ContainerError, SystemdCgroupFix};
use crate::cgroup::leaf::{LeafSpec, placeable};
use crate::cgroup::probe::CgroupState;
use crate::runtime::spec::{CgroupFs, MountSpec};

/// Puts systemd's tmpfs mounts before `mounts` (a user's mount below /run stays visible on
/// top of them) and says how the container sees its cgroup. systemd 252 as init exits at once
/// when it cannot create `init.scope` in its cgroup, so a systemd command with no cgroup to
/// write is an error; any other command (`--systemd=always`) gets the rest of the mode and
/// a read-only cgroup, with a warning.
pub fn apply(
    record: &ContainerRecord,
    mounts: &mut Vec<MountSpec>,
    leaf: Option<&LeafSpec>,
) -> Result<CgroupFs, ContainerError> {
    let taken = |target: &str| {
        mounts.iter().any(|m| match m {
            MountSpec::Bind { target: t, .. } | MountSpec::Tmpfs { target: t, .. } => t == target,
        })
    };
    let tmpfs: Vec<MountSpec> = TMPFS
        .iter()
        .filter(|target| !taken(target))
        .map(|target| {
            // systemd runs programs from /run (generators' output) and /tmp.
            let mut options = match *target {
                "/run" | "/var/log/journal" => "exec,nosuid,nodev,mode=755",
                _ => "exec,nosuid,nodev,mode=1777",
            }
            .to_string();
            if let Some(size) = record.run.systemd_tmpfs_size {
                options.push_str(&format!(",size={size}"));
            }
            MountSpec::Tmpfs {
                target: target.to_string(),
                options,
            }
        })
        .collect();
    mounts.splice(0..0, tmpfs);
    let state = CgroupState::probe();
    let Some((why, fix)) = cgroup_problem(&state, leaf) else {
        return Ok(CgroupFs::Writable);
    };
    if SystemdMode::True.applies(&record.run.args()) {
        return Err(ContainerError::SystemdCgroup {
            name: record.name.clone(),
            why,
            fix,
        });
    }
    tracing::warn!(
        "systemd mode: {why}: /sys/fs/cgroup is mounted read-only, where systemd as the \
         container's init could not create its control groups"
    );
    Ok(CgroupFs::ReadOnly)
}

/// Why the container would not get a cgroup of its own to write, if it would not.
fn cgroup_problem(
    state: &CgroupState,
    leaf: Option<&LeafSpec>,
) -> Option<(String, SystemdCgroupFix)> {
    let Some(leaf) = leaf else {
        return Some((
            "cgroups are disabled for the container (--cgroups=disabled)".into(),
            SystemdCgroupFix::EnableCgroups,
        ));
    };
    if placeable(state, leaf.parent.as_deref()) {
        return None;
    }
    let uid = nix::unistd::getuid().as_raw();
    let why = match (&state.mount, state.hybrid) {
        (None, _) => "this host has no cgroup v2 hierarchy".into(),
        (Some(_), true) => format!(
            "this host keeps its controllers in cgroup v1 (hybrid hierarchy) and delegates no \
             cgroup v2 tree to user {uid}"
        ),
        (Some(_), false) => format!("no cgroup v2 tree is delegated to user {uid}"),
    };
    Some((
        why,
        SystemdCgroupFix::Delegate {
            hybrid: state.hybrid,
        },
    ))
}
