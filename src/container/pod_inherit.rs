//! What a pod gives the containers that join it (podman's pod-level `-v`, `--volumes-from`,
//! `--device`, `--gpus`, `--restart`, `--security-opt`, `--shm-size`, `--shm-size-systemd`,
//! `--userns`): checked when the pod is made, applied under each member's own options when it
//! joins. A member's own choice wins, as in podman.

use super::ContainerError;
use super::plan::RunPlan;
use super::plan::security::SecurityPlan;
use super::plan::{cdi, extra, systemd};
use crate::config::Config;
use crate::monitor::restart::{BadPolicy, RestartPolicy};
use crate::pods::{MemberDefaults, Pod};

/// Refuses, before the pod exists, what no member could take.
pub fn check(defaults: &MemberDefaults, share: &[String]) -> Result<(), ContainerError> {
    if let Some(given) = &defaults.restart {
        policy(given)?;
    }
    let mut security = SecurityPlan::default();
    security.inherit(&defaults.security_opt)?;
    if let Some(size) = &defaults.shm_size {
        extra::shm_mount(size)?;
        if share.iter().any(|k| k == "ipc") {
            return Err(ContainerError::invalid(
                "--shm-size",
                size,
                "the pod's containers share the infra container's IPC namespace and its \
                 /dev/shm, a directory rootless rpod cannot give a size: drop ipc from --share \
                 to give each container a /dev/shm of this size",
            ));
        }
    }
    systemd::tmpfs_size(defaults.shm_size_systemd.as_deref())?;
    if let Some(given) = &defaults.gpus {
        cdi::gpus(given)?;
    }
    match defaults.userns.as_deref() {
        None | Some("" | "host" | "keep-id") => Ok(()),
        Some(other) => Err(ContainerError::invalid(
            "--userns",
            other,
            "rpod maps one id, so a pod's user namespace is host (the default) or keep-id",
        )),
    }
}

/// Whether a pod's user namespace mode is keep-id (else the default, host).
pub fn keep_id(defaults: &MemberDefaults) -> bool {
    defaults.userns.as_deref() == Some("keep-id")
}

/// podman's error for a member's `--userns` (keep-id or not) unlike its pod's: the members
/// join the infra container's user namespace, which maps the one id one way.
pub fn userns_conflict(own: bool, pod: bool) -> ContainerError {
    let mode = |keep_id: bool| if keep_id { "keep-id" } else { "host" };
    ContainerError::invalid(
        "--userns",
        mode(own),
        format!(
            "cannot set user namespace mode when joining pod with infra container: the pod's \
             is {}",
            mode(pod)
        ),
    )
}

fn policy(given: &str) -> Result<RestartPolicy, ContainerError> {
    given
        .parse()
        .map_err(|e: BadPolicy| ContainerError::invalid("--restart", given, e.to_string()))
}

/// The pod's defaults under the member's plan; `infra` is the pod's infra container, whose
/// mounts (the pod's volumes and devices) the member borrows as `--volumes-from` would, after
/// its own. The pod's `--gpus` is resolved against `config`'s CDI specifications now, as a
/// member's own would be.
pub fn apply(
    plan: &mut RunPlan,
    pod: &Pod,
    infra: Option<&str>,
    config: &Config,
) -> Result<(), ContainerError> {
    let defaults = &pod.members;
    if let Some(infra) = infra {
        plan.volumes_from.push((infra.to_string(), None));
    }
    if plan.restart.is_none()
        && !plan.auto_remove
        && let Some(given) = &defaults.restart
    {
        plan.restart = Some(policy(given)?);
    }
    plan.security.inherit(&defaults.security_opt)?;
    if let Some(size) = &defaults.shm_size
        && !plan.mounts.iter().any(|m| m.target == "/dev/shm")
    {
        plan.mounts.push(extra::shm_mount(size)?);
    }
    let pod_keep_id = keep_id(defaults);
    if plan.ids.own_userns {
        if infra.is_some() && plan.ids.keep_id != pod_keep_id {
            return Err(userns_conflict(plan.ids.keep_id, pod_keep_id));
        }
    } else {
        plan.ids.keep_id = pod_keep_id;
    }
    if plan.process.systemd_tmpfs_size.is_none() {
        plan.process.systemd_tmpfs_size =
            systemd::tmpfs_size(defaults.shm_size_systemd.as_deref())?;
    }
    if let Some(given) = &defaults.gpus {
        let edits = cdi::resolve(&[&cdi::gpus(given)?], config)?;
        plan.add_cdi(edits, "--gpus", given)?;
    }
    Ok(())
}
