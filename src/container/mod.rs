//! Containers: records, status (checked, never trusted), and one verb per file. Hands the
//! monitor a serialised MonitorSpec; the monitor never imports this module.

use std::io;
use std::path::{Path, PathBuf};

pub mod attach;
pub mod auto_update;
pub mod base;
pub mod batch;
pub mod checkpoint;
pub mod clone;
pub mod config_update;
pub mod copy;
pub mod copy_rules;
pub mod create;
pub mod doctor;
pub mod engine;
pub mod events;
pub mod exec;
pub mod exec_session;
pub mod external;
pub mod filesystem;
pub mod health;
pub mod healthcheck;
mod helper;
mod hooks;
pub mod host_facts;
pub mod image_mount;
pub mod info;
pub mod infra;
pub mod init;
pub mod inspect;
pub mod install;
pub mod lifecycle;
pub mod list;
pub mod logs;
pub mod lookup;
pub mod monitor_spec;
pub mod mount;
pub mod name_index;
pub mod names;
pub mod network;
pub mod network_connect;
pub mod network_reload;
pub mod network_use;
pub mod node;
pub mod passwd;
pub mod pause;
pub mod plan;
pub mod pod;
pub mod pod_cgroup;
pub mod pod_clone;
pub mod pod_inherit;
pub mod pod_init;
pub mod pod_use;
mod pod_userns;
pub mod port;
pub mod processes;
pub mod prune_filter;
pub mod record;
pub mod remove;
pub mod rename;
pub mod resources;
pub mod restart_policy;
pub mod run;
pub mod secret_use;
pub mod select;
pub mod sharing;
pub mod specgen;
pub mod squash_read;
pub mod start;
pub mod stats;
pub mod status;
pub mod stop;
pub mod system;
pub mod systemd_mode;
pub mod systemd_pod;
pub mod systemd_unit;
pub mod top;
pub mod unshare;
pub mod user;
pub mod volume_archive;
pub mod volumes;
pub mod wait;

pub use engine::Engine;

#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    #[error("no container with name or ID {0:?} found: no such container")]
    NotFound(String),
    /// `--latest` with no container at all (podman's words).
    #[error("no such container")]
    NoLatest,
    #[error("{name_or_id}: container id prefix is ambiguous: it matches {count} containers")]
    Ambiguous { name_or_id: String, count: usize },
    #[error(
        "the container name {name:?} is already in use by {holder}{}: that name is already in use",
        node.as_ref().map(|n| format!(" on node {n}")).unwrap_or_default()
    )]
    NameInUse {
        name: String,
        holder: String,
        /// The holder's node when it is another one: names are unique across a shared store.
        node: Option<String>,
    },
    #[error("container {name} belongs to node {node}: run rpod there (this is node {here})")]
    OtherNode {
        name: String,
        node: String,
        here: String,
    },
    #[error(
        "cannot reset the store: it holds container {container} of node {node}, which this node can \
         neither stop nor remove"
    )]
    ResetShared { node: String, container: String },
    #[error(
        "cannot remove container {name} as it is {state}: running or paused containers cannot be removed without force"
    )]
    Running { name: String, state: &'static str },
    #[error("healthcheck of {name}: {reason}")]
    Healthcheck { name: String, reason: String },
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
    /// An OCI hook file that cannot be used (podman's wording).
    #[error("parsing hook {path:?}: {reason}")]
    Hook { path: PathBuf, reason: String },
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
    #[error(transparent)]
    Monitor(#[from] crate::monitor::error::MonitorError),
    #[error(transparent)]
    Spawn(crate::monitor::spawn::SpawnError),
    #[error(transparent)]
    ExecSession(#[from] exec_session::ExecSessionError),
    #[error("cannot start the exec helper: {0}")]
    ExecHelper(io::Error),
    #[error("the monitor of container {0} went away before the container ended")]
    MonitorGone(String),
    #[error(transparent)]
    Volume(#[from] crate::volume::VolumeError),
    #[error(transparent)]
    Secret(#[from] crate::secret::SecretError),
    #[error(transparent)]
    Network(#[from] crate::network::NetworkError),
    #[error(transparent)]
    Networks(#[from] crate::networks::NetworksError),
    #[error(transparent)]
    Pods(#[from] crate::pods::PodsError),
    #[error(
        "pod {pod} has running container {container}: cannot remove a pod with running containers"
    )]
    PodRunning { pod: String, container: String },
    #[error(
        "container {id} is the infra container of pod {pod} and cannot be removed without removing the pod"
    )]
    InfraInUse { id: String, pod: String },
    #[error(
        "container {name} is already connected to network {network}: network is already connected"
    )]
    AlreadyConnected { name: String, network: String },
    #[error("container {name} is not connected to network {network}")]
    NotConnected { name: String, network: String },
    #[error(
        "container {name} has network mode {mode:?}, which cannot be connected to networks: only a container on user-defined networks can"
    )]
    NetworkModeFixed { name: String, mode: String },
    #[error("cannot make the pod's infra image: {0}")]
    InfraImage(crate::image::import::ImportError),
    #[error(transparent)]
    Commit(#[from] crate::image::commit::CommitError),
    #[error(transparent)]
    FsTar(#[from] crate::image::fs_tar::FsTarError),
    #[error(transparent)]
    ImageRemove(#[from] crate::image::remove::RemoveError),
    #[error(transparent)]
    Store(#[from] crate::image::store::StoreError),
    #[error("init container {container} exited with code {code}")]
    InitContainerFailed { container: String, code: i32 },
    #[error("volume {volume} is being used by container {container}: volume is being used")]
    VolumeInUse { volume: String, container: String },
    #[error("timed out after {secs} s waiting for container {name} to stop")]
    StopTimeout { name: String, secs: u64 },
    #[error(transparent)]
    Cgroup(#[from] crate::cgroup::CgroupError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
    #[error(transparent)]
    Pull(#[from] crate::image::pull::PullError),
    #[error(transparent)]
    Manifest(#[from] crate::image::manifest::ManifestError),
    #[error("cannot attach to the container: {0}")]
    Attach(io::Error),
    #[error("auto-updating container {container}: {reason}")]
    AutoUpdate { container: String, reason: String },
    #[error(transparent)]
    Mount(#[from] mount::MountError),
    #[error(transparent)]
    SquashFile(#[from] crate::image::squash_file::SquashFileError),
    #[error("cannot {0}: {reason}", reason = checkpoint::REASON)]
    Checkpoint(checkpoint::Refused),
    #[error(
        "cannot start container {name} in systemd mode: {why}, and systemd as the container's \
         init exits when it cannot create its control groups"
    )]
    SystemdCgroup {
        name: String,
        why: String,
        fix: SystemdCgroupFix,
    },
}

/// What would give a systemd container a cgroup of its own to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemdCgroupFix {
    /// The container was made with `--cgroups=disabled`.
    EnableCgroups,
    /// The host delegates no cgroup v2 tree to the user (`hybrid`: it keeps its controllers
    /// in cgroup v1).
    Delegate { hybrid: bool },
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
            ContainerError::Monitor(e) => e.exit_code().clamp(0, 255) as u8,
            // podman: 1 for a container that does not exist, 2 for one in the wrong state.
            ContainerError::NotFound(_) | ContainerError::NoLatest => 1,
            ContainerError::Pods(
                crate::pods::PodsError::NotFound(_) | crate::pods::PodsError::NoLatest,
            ) => 1,
            ContainerError::Running { .. } => 2,
            ContainerError::Volume(crate::volume::VolumeError::NotFound(_)) => 1,
            ContainerError::VolumeInUse { .. } => 2,
            _ => 125,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            ContainerError::OtherNode { .. } => Some(format!(
                "its processes and state live on that node; `rpod ps --all-nodes` lists every \
                 node's containers, and ${} names a node when its host name does not",
                crate::state::node::VARIABLE
            )),
            ContainerError::ResetShared { node, .. } => Some(format!("remove every container of node {node} there first (`rpod ps -a --all-nodes` lists them)")),
            ContainerError::NameInUse { holder, node: Some(node), .. } => Some(format!("remove it on node {node} first (rpod rm {holder}) or choose another name")),
            ContainerError::NameInUse { holder, .. } => Some(format!("remove it first (rpod rm {holder}) or use --replace")),
            ContainerError::Running { name, .. } => Some(format!("stop it first, or: rpod rm -f {name}")),
            ContainerError::Network(e) => e.hint(),
            ContainerError::Networks(e) => e.hint(),
            ContainerError::Pods(e) => e.hint(),
            ContainerError::PodRunning { pod, .. } => Some(format!("stop the pod first, or: rpod pod rm -f {pod}")),
            ContainerError::VolumeInUse { container, .. } => Some(format!("remove the container first: rpod rm {container}")),
            ContainerError::NetworkModeFixed { mode, .. } if mode.starts_with("container:") => Some("it shares another container's network namespace (a pod's containers share their infra container's): connect that container".into()),
            ContainerError::NetworkModeFixed { .. } => Some("create the container with --network NAME to put it on user-defined networks".into()),
            ContainerError::Cgroup(e) => e.hint(),
            ContainerError::SystemdCgroup { fix, .. } => Some(format!(
                "{}; an init that is not systemd runs with --systemd=false",
                match fix {
                    SystemdCgroupFix::EnableCgroups =>
                        "create the container without --cgroups=disabled".to_string(),
                    SystemdCgroupFix::Delegate { hybrid } =>
                        crate::cgroup::delegation_hint(*hybrid),
                }
            )),
            ContainerError::Checkpoint(refused) => Some(refused.hint()),
            ContainerError::ExecSession(e) => e.hint(),
            ContainerError::Monitor(e) => e.hint(),
            ContainerError::Config(e) => e.hint(),
            ContainerError::Store(e) => e.hint(),
            ContainerError::Pull(e) => e.hint(),
            ContainerError::SquashFile(e) => e.hint(),
            ContainerError::Storage(e) => e.hint(),
            ContainerError::User { .. } => Some(
                "-u takes a user or group of the image's /etc/passwd and /etc/group, or numeric ids \
                 (any id runs, by root emulation)"
                    .into(),
            ),
            _ => None,
        }
    }
}
