//! Everything a monitor needs, built by the container module and sent over the handshake.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::cgroup::leaf::LeafSpec;
use crate::config::StorageDriver;
use crate::network::etc_render::DnsOptions;
use crate::network::{NetworkMode, PortMapping};
use crate::runtime::spec::InitSpec;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MonitorSpec {
    pub container_id: String,
    /// For the `died` event: the container's name and image, and the runtime directory
    /// whose event log gets it.
    pub name: String,
    pub image_name: String,
    pub runroot: PathBuf,
    /// Persistent per-container directory: writable layer, log, exit record.
    pub container_dir: PathBuf,
    /// Per-boot directory: attach socket, monitor record.
    pub run_dir: PathBuf,
    pub rootfs: RootfsSpec,
    pub init: InitSpec,
    /// `-i`: keep the container's stdin open for attach clients.
    pub stdin: bool,
    /// Hold the container until the CLI says go, so that an attached CLI misses no output.
    pub wait_for_go: bool,
    /// `--rm`: remove `container_dir` once the container has exited.
    pub auto_remove: bool,
    /// The store-wide lock file, taken while removing the container.
    pub lock_file: PathBuf,
    /// The container name index (`container::name_index`), whose claim `--rm` releases.
    pub names_dir: PathBuf,
    /// `--log-driver`, `--log-opt`.
    #[serde(default)]
    pub log: super::log::LogSpec,
    /// Volumes that get the image's content at their mount point while they are empty.
    #[serde(default)]
    pub fill_volumes: Vec<VolumeFill>,
    /// Directories of the container's anonymous volumes, removed with it by `--rm`.
    #[serde(default)]
    pub anonymous_volumes: Vec<PathBuf>,
    /// The container's address leases on user-defined networks, released by `--rm`.
    #[serde(default)]
    pub leases: Vec<PathBuf>,
    pub network: NetworkSpec,
    /// `--restart`: what the monitor does when the container exits by itself.
    #[serde(default)]
    pub restart: super::restart::RestartPolicy,
    /// `--sdnotify=conmon`: the NOTIFY_SOCKET that hears READY=1 once the container runs.
    #[serde(default)]
    pub notify_socket: Option<String>,
    /// `--sdnotify=healthy`: READY=1 waits for the first healthy check.
    #[serde(default)]
    pub notify_when_healthy: bool,
    /// `--sdnotify=container`: the directory of the socket the container notifies (mounted
    /// at /run/notify), relayed to `notify_socket`.
    #[serde(default)]
    pub notify_relay: Option<PathBuf>,
    /// `--pidfile`: the container's pid is written there at each run's start.
    #[serde(default)]
    pub pidfile: Option<PathBuf>,
    /// `--conmon-pidfile`: the monitor's own pid, written once the container runs (a
    /// Type=forking unit reads it as its main process).
    #[serde(default)]
    pub conmon_pidfile: Option<PathBuf>,
    /// A member of a pod with `--exit-policy stop`.
    #[serde(default)]
    pub pod_exit: Option<super::pod_exit::PodExit>,
    /// `--cidfile`: `--rm`'s removal takes it too.
    #[serde(default)]
    pub cidfile: Option<PathBuf>,
    /// `--timeout`: seconds each run may last before the monitor kills it.
    #[serde(default)]
    pub timeout: Option<u32>,
    /// The container's cgroup leaf; None with `--cgroups=disabled`.
    #[serde(default)]
    pub cgroup: Option<LeafSpec>,
    /// `--health-*` or the image's HEALTHCHECK: run by the monitor on its timer.
    #[serde(default)]
    pub health: Option<HealthSpec>,
    /// The OCI hooks the container's hook files select, and what their state reports.
    #[serde(default)]
    pub hooks: crate::runtime::hooks::Hooks,
    #[serde(default)]
    pub annotations: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HealthSpec {
    pub config: super::health::HealthConfig,
    /// exec's spec for the check; its pid is set to each run's init.
    pub exec: crate::runtime::join::ExecSpec,
    /// How `--health-on-failure=stop` stops the container.
    pub stop_signal: crate::runtime::signal::SignalNumber,
    pub stop_timeout: std::time::Duration,
}

/// The container's network as its monitor sets it up.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NetworkSpec {
    pub mode: NetworkMode,
    pub ports: Vec<PortMapping>,
    /// `[network] helper-dirs`: where the helper is looked up.
    pub helper_dirs: Vec<PathBuf>,
    /// The /etc files the monitor writes once the container's address is known; None when
    /// they are another container's (`--network container:`).
    pub etc: Option<EtcSpec>,
    /// A pod member's names go on the networks of this container (its pod's infra), at the
    /// infra's address.
    #[serde(default)]
    pub names_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EtcSpec {
    /// The files the init binds over /etc/hosts and /etc/resolv.conf; None where the user
    /// mounts their own.
    pub hosts: Option<PathBuf>,
    pub resolv: Option<PathBuf>,
    pub hostname: String,
    pub name: String,
    pub dns: DnsOptions,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolumeFill {
    /// Absolute path inside the container.
    pub target: String,
    /// The volume's data directory.
    pub data: PathBuf,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RootfsSpec {
    pub driver: StorageDriver,
    /// Extracted image layers, bottom first.
    pub lowers: Vec<PathBuf>,
    pub upper: PathBuf,
    pub work: PathBuf,
    /// Where the assembled root file system is mounted (or, with vfs, copied).
    pub merged: PathBuf,
    /// A squashfs image file to mount first, as the one lower (#22).
    #[serde(default)]
    pub squash: Option<SquashSpec>,
    /// `--rootfs DIR` without `:O`: the directory itself, bound on `merged`, takes the writes.
    #[serde(default)]
    pub bind: Option<PathBuf>,
    /// Kernel overlay skips every sync of the writable layer (a build's RUN step).
    #[serde(default)]
    pub volatile: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SquashSpec {
    pub file: PathBuf,
    /// Where squashfuse mounts it: `lowers` names this directory.
    pub mountpoint: PathBuf,
    /// squashfuse's messages.
    pub log: PathBuf,
    /// A layer holding only the whiteout that hides the file's own record directory, stacked
    /// right above `mountpoint`.
    pub hider: PathBuf,
}
