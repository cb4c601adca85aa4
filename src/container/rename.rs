//! `rename`: a container's name changes, under the store lock so that no other container
//! takes the name meanwhile (the name index, `name_index`).

use super::{ContainerError, Engine, name_index};
use crate::ids::check_name;
use crate::state::events::{self, Event};

pub fn rename(engine: &Engine, name_or_id: &str, new_name: &str) -> Result<(), ContainerError> {
    check_name(new_name).map_err(|e| ContainerError::invalid("name", new_name, e.to_string()))?;
    let (mut record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    let _guard = engine.lock()?;
    if record.name == new_name {
        return Ok(());
    }
    // The new name is claimed before the record takes it and the old one released after,
    // so a crash between the steps leaves a stale claim, never a name two containers hold.
    if let Err(holder) = name_index::claim(engine, new_name, &record.id)? {
        return Err(engine.name_held(new_name, &holder));
    }
    let old = std::mem::replace(&mut record.name, new_name.to_string());
    if let Err(e) = record.write(&paths) {
        let _ = name_index::release(engine, new_name, &record.id);
        return Err(ContainerError::io("write", &paths.config())(e));
    }
    // Stale from now on if it stays (an I/O error): the rename itself is done.
    let _ = name_index::release(engine, &old, &record.id);
    let event = Event::new("container", "rename", record.id.as_str(), new_name)
        .with("oldName", old)
        .with("image", record.image_name.clone());
    events::record(&engine.runroot, &event);
    Ok(())
}
