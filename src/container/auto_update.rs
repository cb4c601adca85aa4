//! `auto-update`: containers labelled `io.containers.autoupdate=registry|local` get the newer
//! image and are restarted through the systemd unit they run in (podman's rule: an update is a
//! restart of that unit, which runs `rpod run` again with the image's new content), with the
//! old image named again and the unit restarted once more when the new one fails to start.

use std::process::Command;

use super::status::{self, Status};
use super::{ContainerError, Engine};
use crate::ids::ImageId;
use crate::image::pull::{self, PullOptions};
use crate::image::reference::{Parsed, Reference};
use crate::image::registry::RegistryOptions;
use crate::image::{manifest::Platform, progress::Progress};

pub const POLICY_LABEL: &str = "io.containers.autoupdate";
/// Set by `run`/`create` from the variable of the same name, which units put in the
/// environment of their `ExecStart=` (quadlet and `generate systemd` do).
pub const UNIT_LABEL: &str = "PODMAN_SYSTEMD_UNIT";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The registry's digest for the image's name differs from the container's image.
    Registry,
    /// The local image of the name is not the container's any more.
    Local,
}

impl Policy {
    /// The label's value; None for a container auto-update leaves alone.
    fn of(value: &str) -> Result<Option<Policy>, String> {
        match value {
            "registry" | "image" => Ok(Some(Policy::Registry)),
            "local" => Ok(Some(Policy::Local)),
            "" | "disabled" => Ok(None),
            other => Err(format!(
                "invalid auto-update policy {other:?}: registry, local or disabled"
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Policy::Registry => "registry",
            Policy::Local => "local",
        }
    }
}

pub struct Options {
    pub dry_run: bool,
    pub rollback: bool,
    pub registry: RegistryOptions,
}

/// One container's row: podman's columns.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report {
    #[serde(rename = "ContainerID")]
    pub container_id: String,
    pub container_name: String,
    pub image: String,
    pub policy: &'static str,
    pub unit: String,
    /// true, false, pending (a dry run found a newer image), failed, rolled back.
    pub updated: &'static str,
}

/// Every running container with a policy, in name order; the errors of those that could not
/// be checked or updated come apart, each naming its container.
pub fn auto_update(
    engine: &Engine,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<(Vec<Report>, Vec<ContainerError>), ContainerError> {
    let mut candidates = Vec::new();
    for (record, paths) in engine.list_here()? {
        let Some(value) = record.run.labels.get(POLICY_LABEL).cloned() else {
            continue;
        };
        if !matches!(status::of(&paths), Status::Running(_)) {
            continue;
        }
        candidates.push((record, value));
    }
    candidates.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let (mut reports, mut errors) = (Vec::new(), Vec::new());
    for (record, value) in candidates {
        let failed = |reason: String| ContainerError::AutoUpdate {
            container: record.name.clone(),
            reason,
        };
        let policy = match Policy::of(&value) {
            Ok(Some(policy)) => policy,
            Ok(None) => continue,
            Err(reason) => {
                errors.push(failed(reason));
                continue;
            }
        };
        let Some(unit) = record.run.labels.get(UNIT_LABEL).cloned() else {
            errors.push(failed(format!(
                "no {UNIT_LABEL} label found: auto-update restarts containers through the \
                 systemd unit they run in"
            )));
            continue;
        };
        let mut report = Report {
            container_id: record.id.to_string(),
            container_name: record.name.clone(),
            image: record.image_name.clone(),
            policy: policy.name(),
            unit,
            updated: "false",
        };
        let newer = match policy {
            Policy::Registry => newer_in_registry(engine, opts, &record.image_name, &record.image),
            Policy::Local => newer_locally(engine, &record.image_name, &record.image),
        };
        match newer {
            Ok(false) => {}
            Ok(true) if opts.dry_run => report.updated = "pending",
            Ok(true) => {
                let (updated, error) =
                    update(engine, opts, policy, &report, &record.image, progress);
                report.updated = updated;
                errors.extend(error.map(failed));
            }
            Err(reason) => {
                report.updated = "failed";
                errors.push(failed(reason));
            }
        }
        reports.push(report);
    }
    Ok((reports, errors))
}

/// Whether a pull of `name` would now store another image than `image`.
fn newer_in_registry(
    engine: &Engine,
    opts: &Options,
    name: &str,
    image: &ImageId,
) -> Result<bool, String> {
    if Parsed::parse(name)
        .map_err(|e| e.to_string())?
        .registry
        .is_none()
    {
        return Err(format!(
            "image {name:?} is not fully qualified: the registry policy needs the \
             registry/repository:tag it checks"
        ));
    }
    let reference = Reference::parse_local(name).map_err(|e| e.to_string())?;
    let remote =
        pull::remote_id(&reference, &pull_options(engine, opts)).map_err(|e| e.to_string())?;
    Ok(remote != *image)
}

fn pull_options<'a>(engine: &'a Engine, opts: &'a Options) -> PullOptions<'a> {
    PullOptions {
        platform: Platform::host(),
        registry: &opts.registry,
        registries: &engine.config.registries,
    }
}

/// Whether the local image named `name` is another than `image`.
fn newer_locally(engine: &Engine, name: &str, image: &ImageId) -> Result<bool, String> {
    let current = engine
        .store
        .find(name, &engine.config.registries)
        .map_err(|e| e.to_string())?;
    Ok(current.id != *image)
}

/// Pulls (registry) and restarts the unit; on a failed restart, names the old image again
/// and restarts once more. The status and the error, if any.
fn update(
    engine: &Engine,
    opts: &Options,
    policy: Policy,
    report: &Report,
    old: &ImageId,
    progress: &dyn Progress,
) -> (&'static str, Option<String>) {
    if policy == Policy::Registry {
        if let Err(e) = pull::pull(
            engine.store,
            &report.image,
            &pull_options(engine, opts),
            progress,
        ) {
            return ("failed", Some(format!("pulling {}: {e}", report.image)));
        }
    }
    let Err(why) = restart(&report.unit) else {
        return ("true", None);
    };
    if !opts.rollback {
        return ("failed", Some(why));
    }
    let renamed = match Reference::parse_local(&report.image).map(|r| r.tagged_name()) {
        Ok(Some(name)) => engine
            .store
            .name_image(old, &[name])
            .map_err(|e| e.to_string()),
        Ok(None) => Err(format!("{} names no tag to give back", report.image)),
        Err(e) => Err(e.to_string()),
    };
    if let Err(e) = renamed {
        return ("failed", Some(format!("{why}; rolling back: {e}")));
    }
    match restart(&report.unit) {
        Ok(()) => (
            "rolled back",
            Some(format!("{why}; rolled back to the previous image")),
        ),
        Err(again) => ("failed", Some(format!("{why}; rolling back: {again}"))),
    }
}

/// `systemctl --user restart UNIT`: waits for the unit's start (for a Type=notify unit, the
/// container's readiness) and fails when it does.
fn restart(unit: &str) -> Result<(), String> {
    let out = Command::new("systemctl")
        .args(["--user", "restart", unit])
        .output()
        .map_err(|e| format!("cannot run systemctl to restart {unit}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    // systemctl's first line says what failed; the rest points at its status and journal.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap_or("").trim();
    Err(format!("restarting unit {unit}: {first}"))
}
