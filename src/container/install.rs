//! The last step of `create`: the record written into place under the store lock, where the
//! name is checked and taken and the container's volumes are made.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::plan::mounts::{MountDef, MountKind};
use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine, name_index, names, remove, secret_use};
use crate::state::scratch;

/// Writes the record and the files it names (a seccomp profile, secrets) into a temporary
/// directory, then renames it into place under the lock, as `name` (else a generated one).
/// With `replace` (`--replace`) a container holding the name is removed first.
pub fn install(
    engine: &Engine,
    record: ContainerRecord,
    name: Option<&str>,
    replace: bool,
    files: &[secret_use::File],
) -> Result<ContainerRecord, ContainerError> {
    let containers = engine.containers_dir();
    fs::create_dir_all(&containers).map_err(ContainerError::io("create", &containers))?;
    let tmp = scratch::temp_path(&containers, "create");
    fs::create_dir(&tmp).map_err(ContainerError::io("create", &tmp))?;
    let result =
        write_files(&tmp, files).and_then(|()| take_name(engine, record, name, replace, &tmp));
    if result.is_err() {
        let _ = scratch::remove_any(&tmp);
    }
    result
}

/// The container's own files, readable by everyone inside it (0444: rpod maps one id, so a
/// `--user` other than root must still read its secrets).
fn write_files(dir: &Path, files: &[secret_use::File]) -> Result<(), ContainerError> {
    for (rel, contents) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(ContainerError::io("create", parent))?;
        }
        fs::write(&path, contents).map_err(ContainerError::io("write", &path))?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444))
            .map_err(ContainerError::io("protect", &path))?;
    }
    Ok(())
}

/// Under the lock: the name (given, or a fresh one) claimed in the name index, the volumes,
/// and the rename into place. A failure after the claim gives the name back; a crash leaves
/// a stale claim, which the next create of the name takes over.
fn take_name(
    engine: &Engine,
    mut record: ContainerRecord,
    name: Option<&str>,
    replace: bool,
    tmp: &std::path::Path,
) -> Result<ContainerRecord, ContainerError> {
    let mut replaced = false;
    loop {
        let guard = engine.lock()?;
        record.name = match name {
            Some(name) => name.to_string(),
            None => generated(engine)?,
        };
        match name_index::claim(engine, &record.name, &record.id)? {
            Err(holder) if replace && !replaced => {
                drop(guard);
                // Another node's holder is refused there, by its node.
                remove::remove(engine, holder.as_str(), true, false)?;
                replaced = true;
            }
            // A generated name taken since it was picked cannot be: the lock is held.
            Err(holder) => return Err(engine.name_held(&record.name, &holder)),
            Ok(()) => {
                let made = create_volumes(engine, std::mem::take(&mut record.run.mounts)).and_then(
                    |(mounts, made)| {
                        record.run.mounts = mounts;
                        write(engine, &record, tmp, &made)
                    },
                );
                if let Err(e) = made {
                    let _ = name_index::release(engine, &record.name, &record.id);
                    return Err(e);
                }
                return Ok(record);
            }
        }
    }
}

/// A random name no container holds. The caller holds the store lock.
fn generated(engine: &Engine) -> Result<String, ContainerError> {
    name_index::ensure(engine)?;
    let failed = std::cell::RefCell::new(None);
    let name = names::generate(&|n| match name_index::lookup(engine, n) {
        Ok(name_index::Lookup::Free) => false,
        Ok(_) => true,
        Err(e) => {
            failed.borrow_mut().get_or_insert(e);
            false
        }
    });
    failed.into_inner().map_or(Ok(name), Err)
}

/// The record into the temporary directory, and the directory into place; on failure the
/// anonymous volumes made for it (`made`) go.
fn write(
    engine: &Engine,
    record: &ContainerRecord,
    tmp: &std::path::Path,
    made: &[String],
) -> Result<(), ContainerError> {
    let paths = engine.paths(&record.id);
    let tmp_paths = Paths {
        dir: tmp.to_path_buf(),
        ..paths.clone()
    };
    let written = record
        .write_new(&tmp_paths)
        .map_err(ContainerError::io("write", tmp))
        .and_then(|()| {
            fs::rename(tmp, &paths.dir).map_err(ContainerError::io("create", &paths.dir))
        });
    if written.is_err() {
        remove_volumes(engine, made);
    }
    written
}

/// Named volumes are created when missing (docker's `-v name:/path`), anonymous ones get a
/// fresh random name, except one that has a name already: a clone taking over its original's
/// (`container clone --destroy`), which must exist. The record keeps the names; the second
/// list holds the volumes made here.
fn create_volumes(
    engine: &Engine,
    planned: Vec<MountDef>,
) -> Result<(Vec<MountDef>, Vec<String>), ContainerError> {
    let mut out = Vec::with_capacity(planned.len());
    let mut made = Vec::new();
    for mut m in planned {
        let got = match &mut m.kind {
            MountKind::Volume {
                name,
                anonymous: true,
            } if name.is_empty() => engine.volumes.create(None, BTreeMap::new()).map(|v| {
                made.push(v.name.clone());
                *name = v.name;
            }),
            MountKind::Volume {
                name,
                anonymous: true,
            } => engine.volumes.get(name).map(drop),
            MountKind::Volume { name, .. } => engine.volumes.get_or_create(name).map(drop),
            _ => Ok(()),
        };
        if let Err(e) = got {
            remove_volumes(engine, &made);
            return Err(e.into());
        }
        out.push(m);
    }
    Ok((out, made))
}

fn remove_volumes(engine: &Engine, names: &[String]) {
    for name in names {
        let _ = engine.volumes.remove(name);
    }
}
