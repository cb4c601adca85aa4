//! `rename`: a container's name changes, under the store lock so that no other container
//! takes the name meanwhile.

use super::{ContainerError, Engine};
use crate::ids::check_name;
use crate::state::events::{self, Event};

pub fn rename(engine: &Engine, name_or_id: &str, new_name: &str) -> Result<(), ContainerError> {
    check_name(new_name).map_err(|e| ContainerError::invalid("name", new_name, e.to_string()))?;
    let (mut record, paths, _lock) = engine.lock_container(name_or_id)?.into_parts();
    let _guard = engine.lock()?;
    if record.name == new_name {
        return Ok(());
    }
    if let Some((holder, _)) = engine.list()?.iter().find(|(r, _)| r.name == new_name) {
        return Err(engine.name_in_use(new_name, holder));
    }
    let old = std::mem::replace(&mut record.name, new_name.to_string());
    record
        .write(&paths)
        .map_err(ContainerError::io("write", &paths.config()))?;
    let event = Event::new("container", "rename", record.id.as_str(), new_name)
        .with("oldName", old)
        .with("image", record.image_name.clone());
    events::record(&engine.runroot, &event);
    Ok(())
}
