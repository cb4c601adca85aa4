//! `network reload` (issue 17): what a running container on user-defined networks lost is
//! given back — the holder (started again in the namespaces it left, which the containers are
//! still in), the holder's rules, an interface removed under the container, its DNS names.
//! A container on pasta, slirp4netns, host or none has nothing of rpod's to restore.

use super::status;
use super::{ContainerError, Engine};
use crate::ids::ContainerId;
use crate::network::dns::{self, DnsEntry};
use crate::network::live::{self, LinkChange, LinkSpec};
use crate::network::{NetworkError, NetworkMode, holder};

/// Restores the running container `name_or_id`'s networks; returns its id.
pub fn reload(engine: &Engine, name_or_id: &str) -> Result<ContainerId, ContainerError> {
    let locked = engine.lock_container(name_or_id)?;
    let (record, paths) = (&locked.record, &locked.paths);
    let Some(running) = status::of(paths).running().cloned() else {
        return Err(ContainerError::invalid(
            "container",
            record.name.clone(),
            "it is not running: container state improper",
        ));
    };
    let NetworkMode::Bridge(attachments) = &record.run.network else {
        return Ok(record.id.clone());
    };
    let links: Vec<_> = attachments.iter().filter_map(|a| a.link.clone()).collect();
    // A share for the time of the repair: a holder that was killed is started again, in
    // the namespaces its containers are still in.
    let share = holder::acquire(&engine.runroot, &engine.config.network.helper_dirs)
        .map_err(NetworkError::from)?;
    live::change(&LinkSpec {
        holder: share.pid(),
        pid: running.pid,
        change: LinkChange::Restore { links },
    })
    .map_err(NetworkError::from)?;
    let dir = holder::dir(&engine.runroot);
    for attachment in attachments {
        let Some(entry) =
            DnsEntry::of(&record.name, record.id.short(), attachment, running.monitor)
        else {
            continue;
        };
        if !dns::entry_path(&dir, &attachment.network, record.id.as_str()).exists() {
            dns::register(&dir, &attachment.network, record.id.as_str(), &entry)
                .map_err(ContainerError::io("publish the container's name in", &dir))?;
        }
    }
    Ok(record.id.clone())
}
