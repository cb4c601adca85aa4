//! `container checkpoint` and `container restore`: refused, with the kernel's reason, once the
//! container (or the archive) named is known to exist. CRIU needs CAP_SYS_ADMIN in the host's
//! initial user namespace to suspend and read the seccomp filters every process of an rpod
//! container runs under; a user's capabilities in its own user namespace do not count
//! (ARCHITECTURE.md, "Checkpoint and restore", has what was tried).

use std::path::Path;

use super::status::{self, Status};
use super::{ContainerError, Engine};

/// What a refusal is about: the verb and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Checkpoint { container: String },
    Restore { container: String },
    Import { archive: String },
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Checkpoint { container } => write!(f, "checkpoint container {container}"),
            Refused::Restore { container } => write!(f, "restore container {container}"),
            Refused::Import { archive } => write!(f, "restore a container from {archive}"),
        }
    }
}

/// Checks that the container exists and runs (podman checkpoints only running containers),
/// then refuses: nothing is read from or done to its processes.
pub fn checkpoint(engine: &Engine, name_or_id: &str) -> Result<(), ContainerError> {
    let (record, paths) = engine.find_here(name_or_id)?;
    match status::of(&paths) {
        Status::Running(_) | Status::Paused(_) => {
            Err(ContainerError::Checkpoint(Refused::Checkpoint {
                container: record.name,
            }))
        }
        other => Err(ContainerError::NotRunning {
            action: "checkpoint",
            name: record.name,
            state: other.name(),
        }),
    }
}

/// Checks that the container exists, then refuses: rpod never made a checkpoint of it.
pub fn restore(engine: &Engine, name_or_id: &str) -> Result<(), ContainerError> {
    let (record, _) = engine.find_here(name_or_id)?;
    Err(ContainerError::Checkpoint(Refused::Restore {
        container: record.name,
    }))
}

/// Checks that the archive can be read, then refuses.
pub fn restore_import(archive: &Path) -> Result<(), ContainerError> {
    std::fs::File::open(archive)
        .map_err(ContainerError::io("open the checkpoint archive", archive))?;
    Err(ContainerError::Checkpoint(Refused::Import {
        archive: archive.display().to_string(),
    }))
}

/// The reason, as the kernel gives it; the same for both verbs.
pub const REASON: &str = "it needs CAP_SYS_ADMIN in the host's initial user namespace, which a \
    rootless engine does not have: every process of an rpod container runs under seccomp filters \
    (its profile and root emulation's), and the kernel lets only that capability suspend or read \
    them (PTRACE_O_SUSPEND_SECCOMP, PTRACE_SECCOMP_GET_FILTER), which CRIU must do to dump or \
    restore a process; the capabilities rpod holds in the container's user namespace do not count";

impl Refused {
    /// What an administrator or the user could do instead, and what became of the container.
    pub fn hint(&self) -> String {
        let left = match self {
            Refused::Checkpoint { container } => format!("; {container} keeps running, untouched"),
            Refused::Restore { container } => format!("; {container} is left as it was"),
            Refused::Import { .. } => String::new(),
        };
        format!(
            "rootless podman refuses too. A CRIU given those capabilities by an administrator \
             (setcap cap_sys_admin,cap_checkpoint_restore,cap_sys_ptrace+eip) would be root for \
             every user who may run it: checkpoint with a rootful engine (sudo podman container \
             checkpoint), or have the application save and reload its own state{left}"
        )
    }
}
