//! Containers: records, status (checked, never trusted), and one verb per file. Hands the
//! monitor a serialised MonitorSpec; the monitor never imports this module.

use std::io;
use std::path::{Path, PathBuf};

use crate::config::{Config, StorageDriver};
use crate::image::store::Store;
use crate::state::events;
use crate::volume::Volumes;

pub mod attach;
pub mod batch;
pub mod caveats;
pub mod copy;
pub mod copy_rules;
pub mod create;
pub mod exec;
pub mod filesystem;
pub mod inspect;
pub mod list;
pub mod logs;
pub mod lookup;
pub mod mounts;
pub mod names;
pub mod network;
pub mod pause;
pub mod processes;
pub mod record;
pub mod remove;
pub mod rename;
pub mod resources;
pub mod select;
pub mod spec;
pub mod start;
pub mod stats;
pub mod status;
pub mod stop;
pub mod system;
pub mod top;
pub mod user;
pub mod volume_archive;
pub mod volumes;
pub mod wait;

#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    #[error("{spec}: container id prefix is ambiguous: it matches {count} containers")]
    Ambiguous { spec: String, count: usize },
    #[error(
        "the container name {name:?} is already in use by {holder}: that name is already in use"
    )]
    NameInUse { name: String, holder: String },
    #[error(
        "cannot remove container {name} as it is {state}: running or paused containers cannot be removed without force"
    )]
    Running { name: String, state: &'static str },
    #[error(
        "can only {action} running containers: {name} is in state {state}: container state improper"
    )]
    NotRunning {
        action: &'static str,
        name: String,
        state: &'static str,
    },
    #[error(
        "can only unpause paused containers: {name} is in state {state}: container state improper"
    )]
    NotPaused { name: String, state: &'static str },
    #[error("cannot copy in {container}: {message}")]
    Copy { container: String, message: String },
    #[error("{path:?} could not be found on {place}: no such file or directory")]
    CopyNotFound { path: String, place: String },
    #[error("container {name} is already running")]
    AlreadyRunning { name: String },
    #[error("no command specified: the image has no CMD or ENTRYPOINT and none was given")]
    NoCommand,
    #[error("invalid user {user:?}: {reason}")]
    User { user: String, reason: String },
    #[error("invalid {what} {value:?}: {reason}")]
    Invalid {
        what: &'static str,
        value: String,
        reason: String,
    },
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("{message}")]
    Start { message: String, exit_code: i32 },
    #[error(transparent)]
    Volume(#[from] crate::volume::VolumeError),
    #[error(transparent)]
    Network(#[from] crate::network::NetworkError),
    #[error(transparent)]
    Commit(#[from] crate::image::commit::CommitError),
    #[error(transparent)]
    FsTar(#[from] crate::image::fs_tar::FsTarError),
    #[error(transparent)]
    ImageRemove(#[from] crate::image::remove::RemoveError),
    #[error("volume {volume} is being used by container {container}: volume is being used")]
    VolumeInUse { volume: String, container: String },
    #[error("timed out after {secs} s waiting for container {name} to stop")]
    StopTimeout { name: String, secs: u64 },
    #[error(transparent)]
    Cgroup(#[from] crate::cgroup::CgroupError),
}

impl ContainerError {
    pub fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> ContainerError {
        let path = path.to_path_buf();
        move |source| ContainerError::Io {
            action,
            path,
            source,
        }
    }

    pub fn invalid(
        what: &'static str,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> ContainerError {
        ContainerError::Invalid {
            what,
            value: value.into(),
            reason: reason.into(),
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            ContainerError::Start { exit_code, .. } => (*exit_code).clamp(0, 255) as u8,
            // podman: 1 for a container that does not exist, 2 for one in the wrong state.
            ContainerError::NotFound(_) => 1,
            ContainerError::Running { .. } => 2,
            ContainerError::Volume(crate::volume::VolumeError::NotFound(_)) => 1,
            ContainerError::VolumeInUse { .. } => 2,
            _ => 125,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            ContainerError::NameInUse { holder, .. } => Some(format!("remove it first (rpod rm {holder}) or use --replace")),
            ContainerError::Running { name, .. } => Some(format!("stop it first, or: rpod rm -f {name}")),
            ContainerError::Network(e) => e.hint(),
            ContainerError::VolumeInUse { container, .. } => Some(format!("remove the container first: rpod rm {container}")),
            ContainerError::Cgroup(e) => e.hint(),
            ContainerError::User { .. } => Some(
                "without /etc/subuid rpod maps one id: the container runs as one user, root by default; \
                 -u takes that user's name or uid"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// What container verbs work with: the store, configuration and directories.
pub struct Engine<'a> {
    pub root: PathBuf,
    pub runroot: PathBuf,
    pub store: &'a Store,
    pub config: &'a Config,
    /// The store's storage driver (probed once, recorded).
    pub driver: StorageDriver,
    /// Where writable layers go when not next to the records (a local disk for a data
    /// directory on NFS).
    pub layers_dir: Option<PathBuf>,
    pub volumes: Volumes,
}

impl Engine<'_> {
    /// Records a container event in the user's event log (`rpod events`).
    pub fn event(&self, action: &str, record: &record::ContainerRecord) {
        let event = events::Event::new("container", action, record.id.as_str(), &record.name)
            .with("image", record.image_name.clone());
        events::record(&self.runroot, &event);
    }

    pub fn containers_dir(&self) -> PathBuf {
        self.root.join("containers")
    }

    pub fn paths(&self, id: &crate::ids::ContainerId) -> record::Paths {
        record::Paths::new(&self.root, &self.runroot, self.layers_dir.as_deref(), id)
    }

    /// The lock guarding names and the set of containers (the store's lock).
    pub fn lock(&self) -> Result<crate::state::lock::Guard, ContainerError> {
        let path = self.store.dir().join("lock");
        crate::state::lock::exclusive(&path).map_err(ContainerError::io("lock", &path))
    }
}
