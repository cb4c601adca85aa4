//! Per-node views of a store shared by the nodes of a cluster (#22). A container's monitor,
//! sockets and pause mark live in the runtime directory of the node that started it, out of
//! every other node's sight, so another node cannot tell whether it runs: it may read the
//! record and the log, never start, stop, remove or sweep it. Records from before nodes were
//! recorded belong to every node, as they did.

use super::record::{ContainerRecord, Paths};
use super::{ContainerError, Engine};

impl Engine<'_> {
    /// The node a new record is given: this one where nodes can share the store (a network or
    /// FUSE file system under it), or where `$RPOD_NODE` names the node; else none, so a
    /// machine whose host name changes keeps every container as its own.
    pub fn recorded_node(&self) -> Option<String> {
        let named = std::env::var_os(crate::state::node::VARIABLE).is_some_and(|v| !v.is_empty());
        (named || crate::storage::fstype::is_remote(self.store.dir())).then(|| self.node.clone())
    }

    /// Whether `record` is this node's.
    pub fn is_here(&self, record: &ContainerRecord) -> bool {
        record.node.as_deref().is_none_or(|n| n == self.node)
    }

    /// The node `record` belongs to when that is another one.
    pub fn elsewhere<'r>(&self, record: &'r ContainerRecord) -> Option<&'r str> {
        record.node.as_deref().filter(|n| *n != self.node)
    }

    /// Refuses a container of another node, naming the node.
    pub fn check_here(&self, record: &ContainerRecord) -> Result<(), ContainerError> {
        match self.elsewhere(record) {
            Some(node) => Err(ContainerError::OtherNode {
                name: record.name.clone(),
                node: node.to_string(),
                here: self.node.clone(),
            }),
            None => Ok(()),
        }
    }

    /// `name` is taken by `holder`, whichever node it is on.
    pub fn name_in_use(&self, name: &str, holder: &ContainerRecord) -> ContainerError {
        ContainerError::NameInUse {
            name: name.to_string(),
            holder: holder.id.short().to_string(),
            node: self.elsewhere(holder).map(str::to_string),
        }
    }

    /// [`Self::name_in_use`] for the holder the name index gave, read by its id.
    pub fn name_held(&self, name: &str, holder: &crate::ids::ContainerId) -> ContainerError {
        match self.find(holder.as_str()) {
            Ok((record, _)) => self.name_in_use(name, &record),
            Err(_) => ContainerError::NameInUse {
                name: name.to_string(),
                holder: holder.short().to_string(),
                node: None,
            },
        }
    }

    /// [`Engine::find`] for a verb that acts on the container: one of another node is refused.
    pub fn find_here(&self, name_or_id: &str) -> Result<(ContainerRecord, Paths), ContainerError> {
        let found = self.find(name_or_id)?;
        self.check_here(&found.0)?;
        Ok(found)
    }

    /// This node's containers, oldest first: what sweeps, `--all` and `--latest` act on.
    pub fn list_here(&self) -> Result<Vec<(ContainerRecord, Paths)>, ContainerError> {
        let mut all = self.list()?;
        all.retain(|(record, _)| self.is_here(record));
        Ok(all)
    }
}
