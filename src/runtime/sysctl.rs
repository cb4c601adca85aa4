//! `--sysctl`: the container init writes each setting to /proc/sys once it is in its new
//! namespaces. The files under /proc/sys/net and the IPC ones act on the namespaces of the
//! process that writes, and the init is root in the user namespace that owns them.

use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// One sysctl, checked by the container module: `key` in dotted form (`net.ipv4.ip_forward`),
/// `value` as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sysctl {
    pub key: String,
    pub value: String,
}

impl Sysctl {
    pub fn path(&self) -> PathBuf {
        PathBuf::from("/proc/sys").join(self.key.replace('.', "/"))
    }
}

/// Writes each sysctl in order; the first failure names the setting.
pub fn apply(all: &[Sysctl]) -> Result<(), (String, io::Error)> {
    for sysctl in all {
        std::fs::write(sysctl.path(), &sysctl.value)
            .map_err(|e| (format!("set sysctl {}={}", sysctl.key, sysctl.value), e))?;
    }
    Ok(())
}
