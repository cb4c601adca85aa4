//! `run --secret` at create: each secret's value copied into the container's directory and
//! bound read-only at its target, or set in its environment. The copy is the container's own,
//! as podman's: removing or replacing the secret later leaves the container as created.

use std::path::PathBuf;

use super::plan::RunPlan;
use super::plan::mounts::{MountDef, MountKind};
use super::plan::process::set_env;
use super::plan::secrets::SecretTarget;
use super::record::RunConfig;
use super::{ContainerError, Engine};
use crate::ids::ContainerId;
use crate::secret::Secrets;

/// A secret's directory inside the container's record directory.
pub const DIR: &str = "secrets";

/// A file `install` writes into the container's directory: relative path, contents.
pub type File = (PathBuf, Vec<u8>);

/// Every `--secret` names a secret that exists (checked before any pull).
pub fn check(engine: &Engine, plan: &RunPlan) -> Result<(), ContainerError> {
    let secrets = Secrets::open(&engine.root);
    for used in &plan.secrets {
        secrets.get(&used.secret)?;
    }
    Ok(())
}

/// Adds the plan's secrets to `run`; returns the files to write beside the record.
pub fn apply(
    engine: &Engine,
    plan: &RunPlan,
    id: &ContainerId,
    run: &mut RunConfig,
) -> Result<Vec<File>, ContainerError> {
    let secrets = Secrets::open(&engine.root);
    let mut files = Vec::new();
    for used in &plan.secrets {
        let secret = secrets.get(&used.secret)?;
        let value = secrets.value(&secret)?;
        match &used.target {
            SecretTarget::Env(var) => {
                let text = String::from_utf8(value).map_err(|_| {
                    ContainerError::invalid(
                        "--secret",
                        &used.secret,
                        "type=env needs a UTF-8 value",
                    )
                })?;
                set_env(&mut run.env, format!("{var}={text}"));
            }
            SecretTarget::File(target) => {
                let rel = PathBuf::from(DIR).join(&secret.id);
                run.mounts.push(MountDef {
                    kind: MountKind::Bind {
                        source: engine.paths(id).dir.join(&rel),
                    },
                    target: target.clone(),
                    readonly: true,
                });
                files.push((rel, value));
            }
        }
    }
    Ok(files)
}
