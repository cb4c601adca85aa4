//! A container's record (config.json, written once at create) and where its files live.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::StorageDriver;
use crate::ids::{ContainerId, Digest, ImageId};
use crate::monitor::state::{ATTACH_SOCKET, EXIT_FILE, LOG_FILE, RUNNING_FILE};
use crate::network::etc_render::DnsOptions;
use crate::network::{NetworkMode, PortMapping};
use crate::state::atomic;
use crate::state::process::ProcessStamp;

pub const CONFIG_FILE: &str = "config.json";

/// Everything decided when the container was created.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerRecord {
    pub id: ContainerId,
    pub name: String,
    /// RFC 3339.
    pub created: String,
    pub image: ImageId,
    /// The image as the user named it.
    pub image_name: String,
    /// Chain ids of the image's layers, bottom first.
    pub layers: Vec<Digest>,
    pub driver: StorageDriver,
    pub run: RunConfig,
    /// The squashfs image file the container runs from (`run --rootfs FILE.sqfs`, #22), in
    /// place of the store's layers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub squash: Option<PathBuf>,
    /// `run --rootfs DIR[:O]`: the directory the container runs from, in place of the store's
    /// layers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_dir: Option<RootfsDir>,
    /// The node the container was created on (`state::node`), the only one that runs, stops
    /// or removes it: its monitor lives in that node's runtime directory (#22). None for a
    /// record from before nodes were recorded: every node's, as then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
}

/// podman's `--rootfs DIR`: the directory is the container's root file system itself (its
/// writes land there), or with `:O` the one lower of an overlay whose upper is the
/// container's (the directory stays as it is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootfsDir {
    pub path: PathBuf,
    pub overlay: bool,
}

/// How the container runs: the image's config merged with the command line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunConfig {
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub env: Vec<String>,
    pub working_dir: String,
    /// The user as given (`-u` or the image's USER), and what it resolved to.
    pub user: String,
    pub uid: u32,
    pub gid: u32,
    /// `--userns=keep-id`, the container's own or its pod's.
    pub keep_id: bool,
    /// Whether the container gave `--userns` itself, rather than taking its pod's mode: a
    /// member that did keeps its mode, and a clone of its pod into another is refused.
    #[serde(default)]
    pub own_userns: bool,
    pub hostname: String,
    pub labels: std::collections::BTreeMap<String, String>,
    pub stop_signal: String,
    pub stop_timeout: u32,
    /// `--timeout`: seconds each run may last before the monitor kills it.
    #[serde(default)]
    pub timeout: Option<u32>,
    pub tty: bool,
    pub interactive: bool,
    pub auto_remove: bool,
    /// The writable layer is mounted volatile: a build's RUN step (`MoreOptions::build_step`).
    #[serde(default)]
    pub volatile: bool,
    /// The build whose RUN step this container is. Such a container is the build's: `ps`
    /// shows it only with `--external` (as podman shows buildah's), `rm -a`, `--latest` and
    /// the prunes pass it by, and `system prune --build` removes it once its build is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builder: Option<ProcessStamp>,
    pub read_only: bool,
    pub init: bool,
    pub privileged: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub no_new_privileges: bool,
    pub seccomp: SeccompChoice,
    /// Root emulation (`--security-opt root-emulation`): on for containers made since it
    /// exists; a record from before has none and keeps running without it.
    #[serde(default)]
    pub root_emulation: bool,
    /// The user's supplementary groups, from the image's /etc/group.
    #[serde(default)]
    pub groups: Vec<u32>,
    /// `NetworkMode::Container` holds the other container's id.
    pub network: NetworkMode,
    /// `--ipc`, `--uts` and `--pid`; `Sharing::Container` holds the other container's id.
    #[serde(default)]
    pub ipc: super::plan::namespaces::Sharing,
    #[serde(default)]
    pub uts: super::plan::namespaces::Sharing,
    #[serde(default)]
    pub pid: super::plan::namespaces::Sharing,
    /// `--cgroupns` (a pod sharing cgroup: its infra's).
    #[serde(default)]
    pub cgroupns: super::plan::namespaces::Sharing,
    /// Published ports, host ports chosen at create.
    #[serde(default)]
    pub ports: Vec<PortMapping>,
    #[serde(default)]
    pub dns: DnsOptions,
    /// (RLIMIT number, soft, hard).
    pub ulimits: Vec<(i32, u64, u64)>,
    /// Binds, volumes and tmpfs mounts, in order.
    #[serde(default)]
    pub mounts: Vec<super::plan::mounts::MountDef>,
    /// Limits and cgroup options (`--memory`, `--cgroup-parent`, …).
    #[serde(default)]
    pub resources: super::resources::Resources,
    /// `--annotation`.
    #[serde(default)]
    pub annotations: std::collections::BTreeMap<String, String>,
    /// `--no-hosts`: no /etc/hosts of rpod's over the image's.
    #[serde(default)]
    pub no_hosts: bool,
    /// `--no-hostname`: no /etc/hostname of rpod's over the image's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_hostname: bool,
    /// `--log-driver`, `--log-opt`.
    #[serde(default)]
    pub log: crate::monitor::log::LogSpec,
    /// `--pidfile`: absolute; the container's pid is written there at each start.
    #[serde(default)]
    pub pidfile: Option<PathBuf>,
    /// `--conmon-pidfile`: absolute; the monitor's pid is written there at each start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conmon_pidfile: Option<PathBuf>,
    /// `--cidfile`: absolute; removed with the container, as podman does, so that a service
    /// that runs `run --cidfile` again after `rm --cidfile` can.
    #[serde(default)]
    pub cidfile: Option<PathBuf>,
    /// `--sysctl`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sysctls: Vec<crate::runtime::sysctl::Sysctl>,
    /// `--umask`, `--oom-score-adj`, `--personality`.
    #[serde(default)]
    pub attrs: crate::runtime::spec::ProcessAttrs,
    /// `--restart`, carried out by the monitor.
    #[serde(default)]
    pub restart: crate::monitor::restart::RestartPolicy,
    /// `--sdnotify`.
    #[serde(default)]
    pub sdnotify: crate::monitor::notify::SdNotify,
    /// `--health-*` over the image's HEALTHCHECK; None: no check.
    #[serde(default)]
    pub healthcheck: Option<crate::monitor::health::HealthConfig>,
    /// podman's `CreateCommand`: the command line that made the container.
    #[serde(default)]
    pub create_command: Vec<String>,
    /// The id of the pod the container belongs to (`--pod`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    /// The container is its pod's infra container: its init holds the namespaces and pauses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub infra: bool,
    /// `--init-ctr`: an init container of its pod, run by `pod start` before the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_ctr: Option<super::pod_init::InitCtr>,
    /// `create -a`: the streams `start -a` relays (None: every one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<super::plan::attach::Streams>,
    /// `--requires`: ids of the containers started before this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// `--passwd=false`: no lines for the user's ids (inspect's `Passwd`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_passwd: bool,
    /// The lines for the user's ids the init adds to /etc/passwd and /etc/group at each
    /// start, unless the files give those ids by then (`--passwd`, `--passwd-entry`,
    /// `--group-entry`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_entries: Vec<crate::runtime::spec::UserEntry>,
    /// `--chrootdirs`: rpod's /etc files are bound below each too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chroot_dirs: Vec<String>,
    /// `--systemd` as given, and whether it put the container in systemd mode (decided at
    /// create from the command).
    #[serde(default)]
    pub systemd: super::plan::systemd::SystemdMode,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub systemd_on: bool,
    /// `--shm-size-systemd`: the size of systemd mode's tmpfs mounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub systemd_tmpfs_size: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum SeccompChoice {
    Default,
    Unconfined,
    /// A docker-format profile, copied into the container's directory at create.
    Profile(PathBuf),
}

impl RunConfig {
    /// The process's argv: entrypoint then command, as docker joins them.
    pub fn args(&self) -> Vec<String> {
        self.entrypoint.iter().chain(&self.cmd).cloned().collect()
    }
}

/// Where one container's files are.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Persistent: record, log, exit record, and usually the writable layer.
    pub dir: PathBuf,
    /// Per boot: monitor record, attach socket.
    pub run_dir: PathBuf,
    /// The writable layer (upper, work, merged): `dir`, or a local directory.
    pub layers: PathBuf,
}

impl Paths {
    pub fn new(root: &Path, runroot: &Path, layers_dir: Option<&Path>, id: &ContainerId) -> Paths {
        let dir = root.join("containers").join(id.as_str());
        Paths {
            layers: layers_dir
                .map_or_else(|| dir.clone(), |l| l.join("containers").join(id.as_str())),
            dir,
            run_dir: runroot.join("containers").join(id.as_str()),
        }
    }

    pub fn config(&self) -> PathBuf {
        self.dir.join(CONFIG_FILE)
    }

    pub fn log(&self) -> PathBuf {
        self.dir.join(LOG_FILE)
    }

    pub fn exit(&self) -> PathBuf {
        self.dir.join(EXIT_FILE)
    }

    pub fn running(&self) -> PathBuf {
        self.run_dir.join(RUNNING_FILE)
    }

    pub fn attach_socket(&self) -> PathBuf {
        self.run_dir.join(ATTACH_SOCKET)
    }

    pub fn upper(&self) -> PathBuf {
        self.layers.join("upper")
    }

    pub fn work(&self) -> PathBuf {
        self.layers.join("work")
    }

    pub fn merged(&self) -> PathBuf {
        self.layers.join("merged")
    }

    /// Where squashfuse mounts a container's squashfs image file, in the monitor's mount
    /// namespace only.
    pub fn squash_mount(&self) -> PathBuf {
        self.layers.join("squashfs")
    }

    /// The layer that hides a squashfs file's own record (`storage::squash::make_record_hider`).
    pub fn squash_hider(&self) -> PathBuf {
        self.layers.join("squashfs-record-hidden")
    }
}

impl ContainerRecord {
    /// Where the container's log is: `--log-opt path=`, else its directory's.
    pub fn log_path(&self, paths: &Paths) -> PathBuf {
        self.run.log.path.clone().unwrap_or_else(|| paths.log())
    }

    pub fn write(&self, paths: &Paths) -> io::Result<()> {
        atomic::write_json(&paths.config(), self)
    }

    /// The first record, in the new directory that `create` renames into place next.
    pub fn write_new(&self, paths: &Paths) -> io::Result<()> {
        atomic::write_json_as(&paths.config(), self, atomic::Durability::FileOnly)
    }

    pub fn read(path: &Path) -> io::Result<ContainerRecord> {
        let bytes = fs::read(path)?;
        serde_json::from_slice(&bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}
