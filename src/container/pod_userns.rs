//! `pod clone --userns`: the clone's infra container and members re-planned for the pod's
//! new user namespace mode. rpod maps one id, and the mode decides which id inside stands for
//! the caller (root by default, the caller's own with keep-id), so a copied record's user, its
//! /etc/passwd lines for the caller and its network must follow. The rest (the id map, root
//! emulation's kernel ids, whose files the root file system shows) is derived from those at
//! every start.

use super::base::Base;
use super::record::{ContainerRecord, RunConfig};
use super::{ContainerError, Engine, network, pod_inherit, user};
use crate::image::squash_file;
use crate::network::NetworkMode;

/// How one copied record moves into the new mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdsMove {
    keep_id: bool,
    uid: u32,
    gid: u32,
}

impl IdsMove {
    /// `record`'s move into a pod of mode `keep_id` (with an infra container when `infra`);
    /// None when it runs in that mode already. A member that chose its own mode with `--userns`
    /// keeps it: unlike the new pod's, it gets podman's refusal.
    pub fn plan(
        engine: &Engine,
        record: &ContainerRecord,
        keep_id: bool,
        infra: bool,
    ) -> Result<Option<IdsMove>, ContainerError> {
        let run = &record.run;
        if run.keep_id == keep_id {
            return Ok(None);
        }
        if run.own_userns && !run.infra {
            if infra {
                return Err(ContainerError::invalid(
                    "pod clone",
                    &record.name,
                    pod_inherit::userns_conflict(run.keep_id, keep_id).to_string(),
                ));
            }
            return Ok(None);
        }
        if keep_id && matches!(run.network, NetworkMode::Bridge(_)) {
            return Err(network::keep_id_on_bridge());
        }
        let (image_user, passwd, group) = image_users(engine, record)?;
        let (uid, gid) = if keep_id {
            let caller = (
                nix::unistd::getuid().as_raw(),
                nix::unistd::getgid().as_raw(),
            );
            // `create`'s rule: keep-id runs as the caller, over the image's USER; a user
            // given with `-u` must be the caller.
            if !run.user.is_empty() && run.user != image_user {
                let resolved = user::resolve_with(passwd, group, &run.user)?;
                if resolved.uid != caller.0 {
                    return Err(ContainerError::User {
                        user: run.user.clone(),
                        reason: format!(
                            "container {} runs as uid {}, and --userns=keep-id maps only your \
                             own uid {}",
                            record.name, resolved.uid, caller.0
                        ),
                    });
                }
            }
            caller
        } else {
            // The user's account may be one of the lines the record adds (`--hostuser`),
            // less keep-id's own for the caller, which goes.
            let keep_id_lines = super::passwd::caller_entries(run, run.uid, run.gid);
            let added = run
                .user_entries
                .iter()
                .filter(|e| e.file == "/etc/passwd" && !keep_id_lines.contains(e))
                .fold(passwd.unwrap_or_default(), |mut text, e| {
                    text.push('\n');
                    text.push_str(&e.line);
                    text
                });
            let resolved = user::resolve_with(Some(added), group, &run.user)?;
            (resolved.uid, resolved.gid)
        };
        Ok(Some(IdsMove { keep_id, uid, gid }))
    }

    /// The copied configuration in the new mode.
    pub fn apply(&self, run: &mut RunConfig) {
        let caller = if self.keep_id {
            super::passwd::caller_entries(run, self.uid, self.gid)
        } else {
            super::passwd::caller_entries(run, run.uid, run.gid)
        };
        if self.keep_id {
            let mounted = |file: &str| run.mounts.iter().any(|m| m.target == file);
            for entry in caller {
                let taken = run
                    .user_entries
                    .iter()
                    .any(|e| e.file == entry.file && e.id == entry.id);
                if !run.no_passwd && !taken && !mounted(&entry.file) {
                    run.user_entries.push(entry);
                }
            }
        } else {
            run.user_entries.retain(|e| !caller.contains(e));
        }
        (run.keep_id, run.uid, run.gid) = (self.keep_id, self.uid, self.gid);
    }
}

/// The USER of the image `record` was made from, and its /etc/passwd and /etc/group.
fn image_users(
    engine: &Engine,
    record: &ContainerRecord,
) -> Result<(String, Option<String>, Option<String>), ContainerError> {
    let gone = |what: String| ContainerError::invalid("pod clone", &record.name, what);
    let squash;
    let index;
    let base = if let Some(dir) = &record.root_dir {
        Base::Dir(dir)
    } else if let Some(file) = &record.squash {
        squash = squash_file::open(file).map_err(|e| gone(e.to_string()))?;
        Base::Squash(&squash)
    } else {
        index = engine.store.index()?;
        Base::Stored(index.get(&record.image).ok_or_else(|| {
            gone(format!(
                "its image {} is no longer in the store, and its user must be resolved in it again",
                record.image.short()
            ))
        })?)
    };
    let config = base.config(engine, &record.image_name)?;
    let files = base.user_files(engine)?;
    Ok((
        config.config.user.unwrap_or_default(),
        files.passwd,
        files.group,
    ))
}
