//! The flags of `run` and `create`, as docker and podman name them.

use std::path::PathBuf;

use clap::Args;

use super::super::image::pull::{ContentTrustFlag, DecryptionFlag, SourceFlags};
use crate::container::plan::RunOptions;
use crate::container::plan::resources::ResourceOptions;

#[derive(Debug, Clone, Args)]
pub struct CreateFlags {
    /// Assign a name to the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Write the container's id to this file (which must not exist)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// Keep STDIN open even if not attached
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short, long)]
    pub tty: bool,
    /// Automatically remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Set environment variables (KEY=VALUE, or KEY to pass rpod's own value)
    #[arg(short, long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file of KEY=VALUE lines
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Pass every environment variable of rpod's own to the container (before --env-file and -e)
    #[arg(long)]
    pub env_host: bool,
    /// Pass rpod's proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, either case)
    /// to the container, under the image's and -e's (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub http_proxy: Option<bool>,
    /// Drop a default or image environment variable (-e still sets it)
    #[arg(long, value_name = "KEY")]
    pub unsetenv: Vec<String>,
    /// Drop every default and image environment variable (-e still sets them)
    #[arg(long)]
    pub unsetenv_all: bool,
    /// Time zone of the container: a zone name like Europe/Berlin, or local (the host's)
    #[arg(long, value_name = "TIMEZONE")]
    pub tz: Option<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Username or UID (format: NAME|UID[:GROUP|GID])
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image ("" clears it)
    #[arg(long, value_name = "COMMAND", allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Container host name (default: the short container id)
    #[arg(short = 'h', long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Mount the container's root file system read-only
    #[arg(long)]
    pub read_only: bool,
    /// Run a small init as PID 1 that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Signal to stop the container (default: the image's STOPSIGNAL, else SIGTERM)
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Seconds to wait after the stop signal before killing the container (default 10)
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// Restart policy when the container exits: no, always, on-failure[:N], unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// How to use systemd's NOTIFY_SOCKET: conmon (the monitor sends READY=1 and its pid once the container runs), healthy (at its first healthy check), container (the container sends it, relayed by the monitor) or ignore
    #[arg(long, value_name = "MODE")]
    pub sdnotify: Option<String>,
    /// Set metadata on the container (KEY=VALUE)
    #[arg(short, long = "label", value_name = "LABEL")]
    pub label: Vec<String>,
    /// Read labels from a file of KEY=VALUE lines
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Give extended privileges to the container
    #[arg(long)]
    pub privileged: bool,
    /// Add Linux capabilities
    #[arg(long = "cap-add", value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities
    #[arg(long = "cap-drop", value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Security options: no-new-privileges, seccomp=unconfined|PROFILE.json, label=disable,
    /// apparmor=unconfined, root-emulation=on|off
    #[arg(long = "security-opt", value_name = "OPTION")]
    pub security_opt: Vec<String>,
    /// Pull the image before running: missing (default), always, never, newer (pull when the
    /// registry has another digest; a failed pull falls back to the local image)
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["missing", "always", "never", "newer"])]
    pub pull: String,
    /// Remove a container with the same name first
    #[arg(long)]
    pub replace: bool,
    /// User namespace: host (the default: your uid is root inside) or keep-id (your uid is
    /// itself)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    #[command(flatten)]
    pub id_maps: IdMapFlags,
    /// Network mode: pasta[:OPTIONS] (default), slirp4netns[:OPTIONS], host, none,
    /// container:NAME, or a network NAME[:alias=A,ip=IP,mac=MAC] (repeat for several; bridge
    /// is the default network, podman)
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Vec<String>,
    /// IPC namespace: private (default), shareable, host, container:NAME
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// UTS (hostname) namespace: private (default), host, container:NAME
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// PID namespace: private, host (with the host's /proc) or container:NAME
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// Cgroup namespace: private (the default), host (the caller's) or container:NAME (a
    /// running container's, as --ipc container: joins); ns:PATH is refused with the reason
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// Run the container in this pod (NAME or ID), or in a new one: new:NAME
    #[arg(long, value_name = "POD")]
    pub pod: Option<String>,
    /// Read the pod's id (from `pod create --pod-id-file`) from this file
    #[arg(long, value_name = "PATH")]
    pub pod_id_file: Option<std::path::PathBuf>,
    /// Containers (comma-separated) started before this one whenever it starts
    #[arg(long, value_name = "CONTAINERS")]
    pub requires: Vec<String>,
    /// Add a network-scoped alias for the container (with --network NAME)
    #[arg(long = "network-alias", value_name = "ALIAS")]
    pub network_alias: Vec<String>,
    /// The container's IPv4 address on its network (with --network NAME)
    #[arg(long, value_name = "IPV4")]
    pub ip: Option<String>,
    /// The container's IPv6 address on its dual-stack network (with --network NAME)
    #[arg(long, value_name = "IPV6")]
    pub ip6: Option<String>,
    /// Accepted for docker compatibility; not implemented (as in podman), with a warning
    #[arg(long = "link-local-ip", value_name = "IP")]
    pub link_local_ip: Vec<String>,
    /// The container's MAC address on its network (with --network NAME)
    #[arg(long = "mac-address", value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Publish a container's port to the host ([[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL])
    #[arg(short, long = "publish", value_name = "PORT")]
    pub publish: Vec<String>,
    /// Publish every exposed port to a random host port
    #[arg(short = 'P', long = "publish-all")]
    pub publish_all: bool,
    /// Expose a port (or range) without publishing it; -P publishes it
    #[arg(long, value_name = "PORT")]
    pub expose: Vec<String>,
    /// Set a DNS server for the container
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set a DNS search domain ('.' for none)
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Set a resolv.conf option (e.g. ndots:2)
    #[arg(long = "dns-option", alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Add a line to /etc/hosts (NAME:IP or NAME:host-gateway)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// What /etc/hosts starts with: a file of the host (absolute path), none, or image (the
    /// image's /etc/hosts); rpod's entries follow
    #[arg(long, value_name = "PATH|none|image")]
    pub hosts_file: Option<String>,
    /// Resource limits (NAME=SOFT[:HARD], e.g. nofile=1024:2048)
    #[arg(long = "ulimit", value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    /// Bind mount or volume (SOURCE:TARGET[:ro], NAME:TARGET, or TARGET for an anonymous volume)
    #[arg(short, long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Mount (type=bind|volume|tmpfs,source=...,target=...[,readonly])
    #[arg(long = "mount", value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Mount a tmpfs (TARGET[:OPTIONS], e.g. /run:size=64m,exec)
    #[arg(long = "tmpfs", value_name = "TMPFS")]
    pub tmpfs: Vec<String>,
    /// Give the container a secret (NAME[,type=mount|env][,target=PATH|VAR]): a read-only
    /// file, /run/secrets/NAME by default, or an environment variable
    #[arg(long, value_name = "SECRET")]
    pub secret: Vec<String>,
    #[command(flatten)]
    pub limits: super::resources::LimitFlags,
    /// Parent cgroup (absolute from the cgroup2 root, or relative to rpod's own cgroup)
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Whether the container gets a cgroup: enabled or disabled
    #[arg(long, value_name = "MODE", value_parser = ["enabled", "disabled"])]
    pub cgroups: Option<String>,
    /// Write VALUE to the file KEY of the container's cgroup (cgroup v2), after the limits,
    /// e.g. memory.high=1073741824; repeatable
    #[arg(long, value_name = "KEY=VALUE")]
    pub cgroup_conf: Vec<String>,
    /// Suppress pull progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Path of the authentication file for the pull (default: $REGISTRY_AUTH_FILE, podman's
    /// auth.json, then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub source: SourceFlags,
    #[command(flatten)]
    pub content_trust: ContentTrustFlag,
    #[command(flatten)]
    pub decryption: DecryptionFlag,
    #[command(flatten)]
    pub platform_parts: super::more::PlatformParts,
    #[command(flatten)]
    pub health: super::health::HealthFlags,
    #[command(flatten)]
    pub more: super::more::MoreFlags,
    #[command(flatten)]
    pub etc: super::etc_files::EtcFlags,
    /// The first argument is not an image but a squashfs image file (`save --format
    /// squashfs`, mounted read-only with squashfuse under an overlay that takes the container's
    /// writes) or a directory (the root file system itself; DIR:O keeps it as it is, under an
    /// overlay)
    #[arg(long)]
    pub rootfs: bool,
    /// The image, then the container's command and arguments (default: the image's). Every
    /// word after the image is the container's, as with docker and podman: `run IMG -d` passes
    /// `-d` to the container.
    #[arg(
        value_name = "IMAGE [COMMAND [ARG...]]",
        required = true,
        trailing_var_arg = true
    )]
    pub argv: Vec<String>,
}

impl CreateFlags {
    /// The image to run (clap requires the first word).
    pub fn image(&self) -> &str {
        &self.argv[0]
    }

    pub fn options(&self) -> RunOptions {
        RunOptions {
            image: self.image().to_string(),
            rootfs: self.rootfs,
            pull: Some(self.pull.clone()),
            platform: self.source.platform.clone(),
            tls_verify: self.source.tls_verify,
            creds: self.source.creds.clone(),
            cert_dir: self.source.cert_dir.clone(),
            authfile: self.authfile.clone(),
            retry: self.source.retry,
            retry_delay: self.source.retry_delay.clone(),
            decryption_keys: self.decryption.decryption_key.clone(),
            name: self.name.clone(),
            cidfile: self.cidfile.clone(),
            command: self.argv[1..].to_vec(),
            entrypoint: self.entrypoint.clone(),
            env: self.env.clone(),
            env_files: self.env_file.clone(),
            env_host: self.env_host,
            http_proxy: self.http_proxy != Some(false),
            unsetenv: self.unsetenv.clone(),
            unsetenv_all: self.unsetenv_all,
            tz: self.tz.clone(),
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            hostname: self.hostname.clone(),
            tty: self.tty,
            interactive: self.interactive,
            auto_remove: self.rm,
            restart: self.restart.clone(),
            sdnotify: self.sdnotify.clone(),
            create_command: std::env::args().collect(),
            read_only: self.read_only,
            init: self.init,
            stop_signal: self.stop_signal.clone(),
            stop_timeout: self.stop_timeout,
            labels: with_systemd_unit(&self.label),
            label_files: self.label_file.clone(),
            privileged: self.privileged,
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            security_opt: self.security_opt.clone(),
            network: self.network.clone(),
            ipc: self.ipc.clone(),
            uts: self.uts.clone(),
            pid: self.pid.clone(),
            cgroupns: self.cgroupns.clone(),
            network_alias: self.network_alias.clone(),
            pod: self.pod.clone(),
            pod_id_file: self.pod_id_file.clone(),
            requires: self.requires.clone(),
            // `create`'s own: set by `create`.
            init_ctr: None,
            attach: Vec::new(),
            ip: self.ip.clone(),
            ip6: self.ip6.clone(),
            link_local_ip: self.link_local_ip.clone(),
            mac_address: self.mac_address.clone(),
            publish: self.publish.clone(),
            publish_all: self.publish_all,
            expose: self.expose.clone(),
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            dns_options: self.dns_option.clone(),
            add_hosts: self.add_host.clone(),
            hosts_file: self.hosts_file.clone(),
            userns: self.userns.clone(),
            id_maps: self.id_maps.given(),
            replace: self.replace,
            ulimits: self.ulimit.clone(),
            volumes: self.volume.clone(),
            mounts: self.mount.clone(),
            tmpfs: self.tmpfs.clone(),
            secrets: self.secret.clone(),
            resources: ResourceOptions {
                limits: self.limits.options(),
                cgroups: self.cgroups.clone(),
                cgroup_parent: self.cgroup_parent.clone(),
                cgroup_conf: self.cgroup_conf.clone(),
            },
            health: self.health.options(),
            more: self.more.options(&self.platform_parts),
            etc: self.etc.options(),
        }
    }
}

/// podman's label naming the systemd unit a container runs in, taken from the variable the
/// unit sets for its `ExecStart=` (quadlet's and `generate systemd`'s units do): `auto-update`
/// restarts that unit. A label given on the command line wins.
fn with_systemd_unit(given: &[String]) -> Vec<String> {
    let key = crate::container::auto_update::UNIT_LABEL;
    let mut labels = given.to_vec();
    let named = given.iter().any(|l| l.split('=').next() == Some(key));
    if let Ok(unit) = std::env::var(key)
        && !unit.is_empty()
        && !named
    {
        labels.insert(0, format!("{key}={unit}"));
    }
    labels
}

/// podman's id range options, hidden: each is refused with the reason (one id is mapped).
#[derive(Debug, Clone, Default, Args)]
pub struct IdMapFlags {
    #[arg(long, hide = true, value_name = "MAP")]
    pub uidmap: Vec<String>,
    #[arg(long, hide = true, value_name = "MAP")]
    pub gidmap: Vec<String>,
    #[arg(long, hide = true, value_name = "NAME")]
    pub subuidname: Option<String>,
    #[arg(long, hide = true, value_name = "NAME")]
    pub subgidname: Option<String>,
}

impl IdMapFlags {
    /// Each given, as (flag, value).
    pub fn given(&self) -> Vec<(&'static str, String)> {
        let maps = [("--uidmap", &self.uidmap), ("--gidmap", &self.gidmap)];
        let names = [
            ("--subuidname", &self.subuidname),
            ("--subgidname", &self.subgidname),
        ];
        maps.into_iter()
            .flat_map(|(flag, values)| values.iter().map(move |v| (flag, v.clone())))
            .chain(
                names
                    .into_iter()
                    .filter_map(|(flag, v)| Some((flag, v.clone()?))),
            )
            .collect()
    }
}
