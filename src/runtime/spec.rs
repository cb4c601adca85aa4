//! What the container init needs to know, handed over by the monitor: a plain, serialisable
//! description with every decision already taken (user resolved, paths chosen, seccomp
//! compiled). [`super::plan`] turns it into steps; [`super::init`] carries them out.

use std::path::{Path, PathBuf};

use nix::sched::CloneFlags;

use serde::{Deserialize, Serialize};

use super::userns::IdMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InitSpec {
    /// The assembled root file system, already mounted in the monitor's mount namespace.
    pub rootfs: PathBuf,
    pub process: ProcessSpec,
    pub hostname: String,
    pub namespaces: Namespaces,
    /// Binds and tmpfs mounts on top of the root file system (volumes, /etc files), in order.
    pub mounts: Vec<MountSpec>,
    pub readonly_rootfs: bool,
    /// Paths made unreadable (a file gets /dev/null bound over it, a directory an empty
    /// read-only tmpfs); empty with --privileged.
    pub masked_paths: Vec<String>,
    pub readonly_paths: Vec<String>,
    pub security: Security,
    /// Run a small reaper as PID 1 that forwards signals and reaps orphans (`--init`).
    pub init_reaper: bool,
    /// `--sysctl`, written once the init is in its namespaces.
    #[serde(default)]
    pub sysctls: Vec<super::sysctl::Sysctl>,
    /// A pod's infra container: the init holds the namespaces and pauses instead of exec'ing
    /// (nothing of the root file system runs).
    #[serde(default)]
    pub pause: bool,
    /// A directory bound as /dev/shm instead of a tmpfs: a pod's infra container's, which
    /// the members that share its IPC namespace bind too, so that they meet in one /dev/shm
    /// (a tmpfs of the infra's mount namespace could not be bound from another).
    #[serde(default)]
    pub shm_dir: Option<PathBuf>,
    /// Lines for `--user`'s ids that the image's /etc/passwd or /etc/group lacks (`--passwd`),
    /// appended before anything is mounted (`super::user_entries`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_entries: Vec<UserEntry>,
    /// Whether the container sees cgroup2 at /sys/fs/cgroup (rooted at its own cgroup by its
    /// cgroup namespace): systemd mode's.
    #[serde(default)]
    pub cgroup_fs: CgroupFs,
}

/// A line for one uid or gid, appended to a file of the root file system unless the file
/// gives that id already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEntry {
    /// `/etc/passwd` or `/etc/group`.
    pub file: String,
    pub id: u32,
    pub line: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CgroupFs {
    /// /sys/fs/cgroup stays sysfs's empty directory.
    #[default]
    Hidden,
    ReadOnly,
    /// The container's cgroup is its own (a leaf rpod made for it): its init may make
    /// cgroups below it, as systemd does.
    Writable,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProcessSpec {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub cwd: String,
    /// The ids inside the user namespace; they are the ones mapped by `id_map`.
    pub uid: u32,
    pub gid: u32,
    pub terminal: bool,
    pub rlimits: Vec<Rlimit>,
    #[serde(default)]
    pub attrs: ProcessAttrs,
}

/// What a process is given besides its command and ids: file mode mask, OOM score,
/// execution domain, descriptors (`--umask`, `--oom-score-adj`, `--personality`,
/// `--preserve-fds`, `--preserve-fd`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessAttrs {
    /// podman's default 0022 when None.
    pub umask: Option<u32>,
    /// -1000..=1000.
    pub oom_score_adj: Option<i32>,
    /// A personality(2) value (PER_LINUX, PER_LINUX32).
    pub personality: Option<u64>,
    /// `--preserve-fds N` (3..3+N) and `--preserve-fd FD,…`: descriptors of the command that
    /// started the container (or the exec) that are the process's too, at their numbers. Set
    /// for one start, never kept in the container's record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preserve_fds: Vec<i32>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Rlimit {
    /// RLIMIT_* number.
    pub resource: i32,
    pub soft: u64,
    pub hard: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum NetNamespace {
    /// A new namespace with only loopback (up); a network helper may attach to it.
    Private,
    /// The monitor's (the caller's) network: no new namespace, /sys bound from the host.
    Host,
    /// Another container's (`--network container:`): the monitor joins that container's user
    /// namespace, which owns it, then the network namespace, and the init stays in both.
    Join { userns: PathBuf, netns: PathBuf },
    /// A new namespace with only loopback, created inside the rootless network namespace's
    /// user namespace, which the monitor joins first; the monitor then connects it to the
    /// bridges of user-defined networks.
    Bridge,
}

impl NetNamespace {
    /// Whether the init gets a network namespace of its own.
    pub fn is_new(&self) -> bool {
        matches!(self, NetNamespace::Private | NetNamespace::Bridge)
    }
}

/// An IPC or UTS namespace (`--ipc`, `--uts`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum Shared {
    /// A new one, the init's own.
    #[default]
    Private,
    /// The monitor's (the caller's): no new namespace.
    Host,
    /// Another container's: the monitor joins that container's user namespace, which owns
    /// it, then `ns`, and the init stays in both.
    Join { userns: PathBuf, ns: PathBuf },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Namespaces {
    pub id_map: IdMap,
    pub net: NetNamespace,
    #[serde(default)]
    pub ipc: Shared,
    #[serde(default)]
    pub uts: Shared,
    #[serde(default)]
    pub pid: Shared,
    #[serde(default)]
    pub cgroup: Shared,
}

impl Namespaces {
    /// The user namespace owning every namespace joined, when one is: the container module
    /// lets a container join namespaces of one other container only.
    pub fn joined_userns(&self) -> Option<&Path> {
        let net = match &self.net {
            NetNamespace::Join { userns, .. } => Some(userns.as_path()),
            _ => None,
        };
        let shared = [&self.ipc, &self.uts, &self.pid, &self.cgroup]
            .into_iter()
            .find_map(|s| match s {
                Shared::Join { userns, .. } => Some(userns.as_path()),
                _ => None,
            });
        net.or(shared)
    }

    /// The namespaces the monitor joins after the user namespace, with their kinds (a PID
    /// namespace is joined for the init alone, see `clone_init`).
    pub fn joined(&self) -> Vec<(&Path, CloneFlags)> {
        let mut all = Vec::new();
        if let NetNamespace::Join { netns, .. } = &self.net {
            all.push((netns.as_path(), CloneFlags::CLONE_NEWNET));
        }
        for (shared, kind) in [
            (&self.ipc, CloneFlags::CLONE_NEWIPC),
            (&self.uts, CloneFlags::CLONE_NEWUTS),
            (&self.cgroup, CloneFlags::CLONE_NEWCGROUP),
        ] {
            if let Shared::Join { ns, .. } = shared {
                all.push((ns.as_path(), kind));
            }
        }
        all
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum MountSpec {
    Bind {
        source: PathBuf,
        /// Absolute path inside the container.
        target: String,
        readonly: bool,
        /// The source was canonical when the container was created (a `-v HOST:…` path): a
        /// symlink in it now means something changed it since — a container writing into
        /// the bind of a parent directory, say, to point this one elsewhere on the host — and
        /// the mount is refused rather than followed.
        #[serde(default)]
        no_symlinks: bool,
    },
    Tmpfs {
        target: String,
        /// Options as mount(8) takes them (`size=64m,mode=1777`).
        options: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Security {
    /// Capability numbers the process keeps (bounding, permitted, effective, inheritable).
    pub capabilities: Vec<u32>,
    pub no_new_privileges: bool,
    /// A compiled seccomp program (see runtime::seccomp), or none for unconfined.
    pub seccomp: Option<Vec<u8>>,
    /// Root emulation (see runtime::emulation), or none when it is off.
    #[serde(default)]
    pub emulation: Option<super::emulation::Emulation>,
}
