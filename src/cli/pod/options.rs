//! The options `pod create` shares with `run`: those that hold for the pod's namespaces go to
//! its infra container, and those its containers inherit are kept with the pod.

use std::path::PathBuf;

use clap::Args;

use crate::cli::flags::create::IdMapFlags;
use crate::container::plan::{MoreOptions, RunOptions};
use crate::pods::MemberDefaults;

#[derive(Debug, Clone, Default, Args)]
pub struct PodOptions {
    /// Mount a volume or host directory into every container of the pod (as run's -v)
    #[arg(short, long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Mount the volumes and bind mounts of a container into every container of the pod
    /// (CONTAINER[:ro|rw])
    #[arg(long, value_name = "CONTAINER")]
    pub volumes_from: Vec<String>,
    /// Add a host device to every container of the pod (HOST[:CONTAINER][:PERMISSIONS])
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Security options of the pod's containers, where a container sets none of its own (as
    /// run's --security-opt)
    #[arg(long, value_name = "OPTION")]
    pub security_opt: Vec<String>,
    /// Restart policy of the pod's containers that set none: no, always, on-failure[:N],
    /// unless-stopped
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Size of each container's /dev/shm (e.g. 64m), for a pod that does not share ipc
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Size of the systemd-mode tmpfs mounts of each container of the pod (as run's
    /// --shm-size-systemd)
    #[arg(long, value_name = "SIZE")]
    pub shm_size_systemd: Option<String>,
    /// GPUs for every container of the pod (as run's --gpus: all, from the nvidia.com/gpu CDI
    /// specification)
    #[arg(long, value_name = "GPUS")]
    pub gpus: Option<String>,
    /// A namespaced kernel parameter of the pod (KEY=VALUE), set in the namespaces the infra
    /// container holds
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// The user namespace of the pod's containers: host (the default: your uid is root) or
    /// keep-id
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// The pod's PID namespace (the infra's): private, host or container:NAME
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// The pod's UTS namespace: private (the default) or host
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    #[command(flatten)]
    pub id_maps: IdMapFlags,
    /// Read the pod's labels from a file of KEY=VALUE lines
    #[arg(long, value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
}

/// `pod create`'s network options that `run` has too: the infra container's.
#[derive(Debug, Clone, Default, Args)]
pub struct PodNetworkOptions {
    /// The pod's IPv4 address on its user-defined network
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// The pod's IPv6 address on its dual-stack user-defined network
    #[arg(long, value_name = "IP6")]
    pub ip6: Option<String>,
    /// The pod's MAC address on its user-defined network
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Another name the pod has on its user-defined network
    #[arg(long, value_name = "ALIAS")]
    pub network_alias: Vec<String>,
    /// The file the /etc/hosts of the pod's containers starts from (a host file, none, or
    /// image: the infra image's)
    #[arg(long, value_name = "PATH|none|image")]
    pub hosts_file: Option<String>,
    /// Leave /etc/hosts of the pod's containers alone (no entries for them and --add-host)
    #[arg(long)]
    pub no_hosts: bool,
    /// Do not create /etc/hostname in the pod's containers
    #[arg(long)]
    pub no_hostname: bool,
}

impl PodOptions {
    /// The infra container's part, as `run` would take it.
    pub fn shared(&self, network: &PodNetworkOptions) -> RunOptions {
        RunOptions {
            volumes: self.volume.clone(),
            security_opt: self.security_opt.clone(),
            userns: self.userns.clone(),
            id_maps: self.id_maps.given(),
            pid: self.pid.clone(),
            uts: self.uts.clone(),
            ip: network.ip.clone(),
            ip6: network.ip6.clone(),
            mac_address: network.mac_address.clone(),
            network_alias: network.network_alias.clone(),
            hosts_file: network.hosts_file.clone(),
            more: MoreOptions {
                volumes_from: self.volumes_from.clone(),
                devices: self.device.clone(),
                sysctls: self.sysctl.clone(),
                no_hosts: network.no_hosts,
                no_hostname: network.no_hostname,
                ..MoreOptions::default()
            },
            ..RunOptions::default()
        }
    }

    /// What the pod's containers inherit where they set nothing.
    pub fn members(&self) -> MemberDefaults {
        MemberDefaults {
            restart: self.restart.clone(),
            security_opt: self.security_opt.clone(),
            shm_size: self.shm_size.clone(),
            userns: self.userns.clone(),
            shm_size_systemd: self.shm_size_systemd.clone(),
            gpus: self.gpus.clone(),
        }
    }

    /// The first option given that only the infra container can carry (it holds the pod's
    /// namespaces, and its mounts are what members inherit).
    pub fn infra_only(&self, network: &PodNetworkOptions) -> Option<(&'static str, String)> {
        let first = |v: &[String]| v.first().cloned();
        [
            ("--volume", first(&self.volume)),
            ("--volumes-from", first(&self.volumes_from)),
            ("--device", first(&self.device)),
            ("--sysctl", first(&self.sysctl)),
            ("--pid", self.pid.clone()),
            ("--uts", self.uts.clone()),
            ("--ip", network.ip.clone()),
            ("--ip6", network.ip6.clone()),
            ("--mac-address", network.mac_address.clone()),
            ("--network-alias", first(&network.network_alias)),
            ("--hosts-file", network.hosts_file.clone()),
            ("--no-hosts", network.no_hosts.then(|| "true".into())),
            ("--no-hostname", network.no_hostname.then(|| "true".into())),
        ]
        .into_iter()
        .find_map(|(flag, v)| v.map(|v| (flag, v)))
    }
}
