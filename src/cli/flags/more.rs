//! `run`/`create` flags of podman's third round (issue 16), and `--arch`/`--os`/`--variant`,
//! which `pull` shares.

use clap::Args;

use crate::container::plan::MoreOptions;

/// The parts of `--platform`, as podman spells them separately.
#[derive(Debug, Clone, Args)]
pub struct PlatformParts {
    /// Use this architecture of a multi-arch image instead of the host's (e.g. arm64)
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Use this operating system of a multi-arch image instead of the host's
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Use this variant of the architecture (e.g. v7 of arm)
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct MoreFlags {
    /// Add an annotation to the container (KEY=VALUE); inspect shows it
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Merge with the image's variable: KEY=VALUE where ${KEY} is the image's value
    /// (e.g. PATH=${PATH}:/opt/bin)
    #[arg(long, value_name = "KEY=VALUE")]
    pub env_merge: Vec<String>,
    /// Size of /dev/shm (default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Add a supplementary group (a gid or a group of the image); keep-groups keeps yours
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Leave the image's /etc/hostname alone (the container's hostname is still set)
    #[arg(long)]
    pub no_hostname: bool,
    /// Leave the image's /etc/hosts alone (no entries for the container and --add-host)
    #[arg(long)]
    pub no_hosts: bool,
    /// File mode creation mask of the container's process, octal (default 0022)
    #[arg(long, value_name = "MASK")]
    pub umask: Option<String>,
    /// Tune the container's OOM score (-1000 to 1000; rootless can only raise it)
    #[arg(long, value_name = "SCORE", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// Execution domain of the container's process: LINUX or LINUX32
    #[arg(long, value_name = "PERSONA")]
    pub personality: Option<String>,
    /// Write the container's process id to this file at each start
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<std::path::PathBuf>,
    /// Write the process id of the container's monitor (podman's conmon) to this file at each start
    #[arg(long, value_name = "FILE")]
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// With --read-only: writable tmpfs mounts on /tmp, /var/tmp and /run (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub read_only_tmpfs: Option<bool>,
    /// What the image's VOLUMEs become: bind (anonymous volumes, the default), tmpfs or ignore
    #[arg(long, value_name = "MODE", value_parser = ["bind", "tmpfs", "ignore"])]
    pub image_volume: Option<String>,
    /// Where the seccomp profile comes from: default (the only policy rpod has; image is
    /// refused)
    #[arg(long, value_name = "POLICY", value_parser = ["default", "image"])]
    pub seccomp_policy: Option<String>,
    /// Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])
    #[arg(long, value_name = "CONTAINER")]
    pub volumes_from: Vec<String>,
    /// Logging driver: k8s-file (the default; json-file is the same) or none
    #[arg(long, value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Logging option: path=FILE (absolute), max-size=SIZE (the log starts over past it)
    #[arg(long, value_name = "OPTION")]
    pub log_opt: Vec<String>,
    /// Pass a host device the user may open (HOST[:CONTAINER][:PERMISSIONS], e.g. /dev/fuse),
    /// or a CDI device (vendor.com/class=NAME|all) from the CDI specifications
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Refused with the reason: device cgroup rules need root on the host
    #[arg(long, hide = true, value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
    /// Refused with the reason: rpod's --init is built in
    #[arg(long, hide = true, value_name = "PATH")]
    pub init_path: Option<String>,
    /// Kill the container (SIGKILL) once it has run this many seconds; 0: no limit
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u32>,
    /// GPUs to add: all, the devices of the nvidia.com/gpu CDI specification
    #[arg(long, value_name = "GPUS")]
    pub gpus: Option<String>,
    /// Set a namespaced kernel parameter in the container (net.*, fs.mqueue.*, kernel.shm*,
    /// kernel.msg*, kernel.sem), e.g. net.ipv4.ip_unprivileged_port_start=0
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Run in systemd mode (tmpfs on /run, /run/lock, /tmp and /var/log/journal, stop signal
    /// SIGRTMIN+3, a writable cgroup): true (when the command is an init or systemd), false
    /// or always
    #[arg(long, value_name = "MODE")]
    pub systemd: Option<String>,
    /// Size of the tmpfs mounts of systemd mode (/run, /run/lock, /tmp, /var/log/journal),
    /// e.g. 64m; 0: half the host's memory, the kernel's default
    #[arg(long, value_name = "SIZE")]
    pub shm_size_systemd: Option<String>,
    /// Refused with the reason: cgroup v2 has no per-group swappiness
    #[arg(long, hide = true, value_name = "VALUE", allow_hyphen_values = true)]
    pub memory_swappiness: Option<String>,
    /// Refused with the reason: cgroup v2 cannot disable the OOM killer
    #[arg(long, hide = true, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub oom_kill_disable: Option<bool>,
}

impl MoreFlags {
    fn refused(&self) -> Vec<(&'static str, String)> {
        [
            ("--init-path", self.init_path.clone()),
            (
                "--device-cgroup-rule",
                self.device_cgroup_rule.first().cloned(),
            ),
            (
                "--seccomp-policy",
                self.seccomp_policy.clone().filter(|p| p != "default"),
            ),
            ("--memory-swappiness", self.memory_swappiness.clone()),
            (
                "--oom-kill-disable",
                self.oom_kill_disable
                    .filter(|disable| *disable)
                    .map(|d| d.to_string()),
            ),
        ]
        .into_iter()
        .filter_map(|(flag, value)| Some((flag, value?)))
        .collect()
    }

    pub fn options(&self, platform: &PlatformParts) -> MoreOptions {
        MoreOptions {
            annotations: self.annotation.clone(),
            env_merge: self.env_merge.clone(),
            shm_size: self.shm_size.clone(),
            group_add: self.group_add.clone(),
            no_hosts: self.no_hosts,
            no_hostname: self.no_hostname,
            umask: self.umask.clone(),
            oom_score_adj: self.oom_score_adj,
            personality: self.personality.clone(),
            arch: platform.arch.clone(),
            os: platform.os.clone(),
            variant: platform.variant.clone(),
            pidfile: self.pidfile.clone(),
            conmon_pidfile: self.conmon_pidfile.clone(),
            rmi: false,
            read_only_tmpfs: self.read_only_tmpfs,
            image_volume: self.image_volume.clone(),
            volumes_from: self.volumes_from.clone(),
            log_driver: self.log_driver.clone(),
            log_opts: self.log_opt.clone(),
            devices: self.device.clone(),
            gpus: self.gpus.clone(),
            timeout: self.timeout.filter(|secs| *secs > 0),
            sysctls: self.sysctl.clone(),
            systemd: self.systemd.clone(),
            shm_size_systemd: self.shm_size_systemd.clone(),
            // `run` options: set by `run`.
            preserve_fds: 0,
            preserve_fd: Vec::new(),
            refused: self.refused(),
            // No flag: a build's RUN steps set it.
            build_step: false,
        }
    }
}
