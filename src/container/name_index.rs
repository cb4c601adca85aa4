//! Container names, indexed: `container-names/NAME` → the id of the container holding it
//! (`state::name_claim`), so that create, rename and a lookup by name read one link and one
//! record instead of every record.
//!
//! The records stay the truth. A claim is made before a record takes the name (create,
//! rename) and released after the record lost it (rm, `--rm`, rename), all under the store
//! lock, so every record's name has its claim; a crash between the two steps leaves a stale
//! claim (its container gone, or renamed), which counts as free and is taken over by the
//! next create of the name, or removed by `system check --repair`. The directory exists only
//! once it is complete: a store made before the index gets it from its records, built beside
//! and renamed into place, by the first create or rename.

use std::fs;
use std::path::PathBuf;

use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine};
use crate::ids::ContainerId;
use crate::state::{name_claim, scratch};

pub const DIR: &str = "container-names";

impl Engine<'_> {
    pub fn names_dir(&self) -> PathBuf {
        self.root.join(DIR)
    }
}

/// Who holds a name.
pub enum Lookup {
    /// Boxed: a record is large, and most lookups find none.
    Held(Box<(ContainerRecord, Paths)>),
    Free,
    /// A store none of whose creates has made the index yet: the caller lists the records.
    NoIndex,
}

/// The container holding `name`, by its claim and its record.
pub fn lookup(engine: &Engine, name: &str) -> Result<Lookup, ContainerError> {
    let dir = engine.names_dir();
    let held =
        name_claim::holder(&dir, name).map_err(ContainerError::io("read", &dir.join(name)))?;
    let Some(id) = held.and_then(|id| id.parse::<ContainerId>().ok()) else {
        return Ok(match dir.is_dir() {
            true => Lookup::Free,
            false => Lookup::NoIndex,
        });
    };
    let paths = engine.paths(&id);
    Ok(match ContainerRecord::read(&paths.config()) {
        Ok(record) if record.name == name && record.id == id => {
            Lookup::Held(Box::new((record, paths)))
        }
        _ => Lookup::Free,
    })
}

/// Under the store lock: claims `name` for `id`, taking over a stale claim. `Err(holder)`
/// when a container holds it.
pub fn claim(
    engine: &Engine,
    name: &str,
    id: &ContainerId,
) -> Result<Result<(), ContainerId>, ContainerError> {
    ensure(engine)?;
    let dir = engine.names_dir();
    let io = |e: std::io::Error| ContainerError::io("claim the name", &dir.join(name))(e);
    if name_claim::claim(&dir, name, id.as_str())
        .map_err(io)?
        .is_none()
    {
        return Ok(Ok(()));
    }
    if let Lookup::Held(held) = lookup(engine, name)? {
        return Ok(Err(held.0.id));
    }
    name_claim::replace(&dir, name, id.as_str()).map_err(io)?;
    Ok(Ok(()))
}

/// Under the store lock: gives up `name` if `id` holds it.
pub fn release(engine: &Engine, name: &str, id: &ContainerId) -> Result<(), ContainerError> {
    let dir = engine.names_dir();
    name_claim::release(&dir, name, id.as_str())
        .map_err(ContainerError::io("release the name", &dir.join(name)))
}

/// Under the store lock: gives up every name container `id` holds, for storage removed with
/// no record to name them (a leftover).
pub fn release_all_of(engine: &Engine, id: &str) -> Result<(), ContainerError> {
    let dir = engine.names_dir();
    let io = |e: std::io::Error| ContainerError::io("release the names in", &dir)(e);
    if !dir.is_dir() {
        return Ok(());
    }
    for (name, holder) in name_claim::all(&dir).map_err(io)? {
        if holder == id {
            name_claim::release(&dir, &name, id).map_err(io)?;
        }
    }
    Ok(())
}

/// Under the store lock: makes the index from the records when there is none.
pub fn ensure(engine: &Engine) -> Result<(), ContainerError> {
    let dir = engine.names_dir();
    if dir.is_dir() {
        return Ok(());
    }
    // Built in the containers directory, whose temp names every command sweeps once their
    // maker is gone.
    let records = engine.list()?;
    let containers = engine.containers_dir();
    let tmp = scratch::temp_path(&containers, "names");
    let built = fs::create_dir_all(&containers)
        .and_then(|()| fs::create_dir(&tmp))
        .and_then(|()| {
            for (record, _) in &records {
                name_claim::claim(&tmp, &record.name, record.id.as_str())?;
            }
            fs::rename(&tmp, &dir)
        })
        .map_err(ContainerError::io("make the name index", &dir));
    if built.is_err() {
        let _ = scratch::remove_any(&tmp);
    }
    built
}

/// What `system check` found in the index: records whose name has no claim (another create
/// could take it), and stale claims (harmless: taken over by the next create of the name).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Findings {
    pub unclaimed: Vec<String>,
    pub stale: Vec<String>,
}

/// Under the store lock: compares the index with the records; with `repair`, claims the
/// unclaimed names and removes the stale claims. A store without an index gets one.
pub fn check(engine: &Engine, repair: bool) -> Result<Findings, ContainerError> {
    ensure(engine)?;
    let dir = engine.names_dir();
    let io = |e: std::io::Error| ContainerError::io("read the name index", &dir)(e);
    let records = engine.list()?;
    // What a killed `replace` left.
    scratch::clean(&dir).map_err(io)?;
    let claims = name_claim::all(&dir).map_err(io)?;
    let mut found = Findings::default();
    for (record, _) in &records {
        if name_claim::holder(&dir, &record.name)
            .map_err(io)?
            .as_deref()
            != Some(record.id.as_str())
        {
            found.unclaimed.push(record.name.clone());
            if repair {
                name_claim::replace(&dir, &record.name, record.id.as_str()).map_err(io)?;
            }
        }
    }
    for (name, id) in claims {
        if !records
            .iter()
            .any(|(r, _)| r.name == name && r.id.as_str() == id)
        {
            found.stale.push(name.clone());
            if repair {
                name_claim::release(&dir, &name, &id).map_err(io)?;
            }
        }
    }
    Ok(found)
}
