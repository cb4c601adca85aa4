//! `build`'s flags for the container of every RUN step, as `run` spells them and parses them
//! (`RunPlan::build`), and podman's edits of the built image's config.

use clap::Args;

use crate::cli::flags::resources::LimitFlags;
use crate::container::plan::RunOptions;
use crate::container::plan::resources::ResourceOptions;

#[derive(Debug, Args)]
pub struct StepFlags {
    /// Add a line to /etc/hosts of RUN steps (NAME:IP or NAME:host-gateway)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Set a DNS server for RUN steps
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set a resolv.conf option for RUN steps (e.g. ndots:2)
    #[arg(long = "dns-option", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Set a DNS search domain for RUN steps ('.' for none)
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Leave the image's /etc/hosts alone in RUN steps (no --add-host entries)
    #[arg(long)]
    pub no_hosts: bool,
    /// Leave the image's /etc/hostname alone in RUN steps
    #[arg(long)]
    pub no_hostname: bool,
    /// Bind mount or volume for RUN steps only (SOURCE:TARGET[:ro]); not part of the image
    #[arg(short, long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Add Linux capabilities to RUN steps
    #[arg(long = "cap-add", value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities from RUN steps
    #[arg(long = "cap-drop", value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Security options of RUN steps, as run's --security-opt
    #[arg(long = "security-opt", value_name = "OPTION")]
    pub security_opt: Vec<String>,
    /// Resource limits of RUN steps (NAME=SOFT[:HARD], e.g. nofile=1024:2048)
    #[arg(long = "ulimit", value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    /// Size of /dev/shm in RUN steps (default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Parent cgroup of RUN steps (absolute from the cgroup2 root, or relative to rpod's own)
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    #[command(flatten)]
    pub limits: LimitFlags,
}

impl StepFlags {
    /// The options every RUN step's container starts from.
    pub fn options(&self) -> RunOptions {
        let mut options = RunOptions {
            add_hosts: self.add_host.clone(),
            dns: self.dns.clone(),
            dns_options: self.dns_option.clone(),
            dns_search: self.dns_search.clone(),
            volumes: self.volume.clone(),
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            security_opt: self.security_opt.clone(),
            ulimits: self.ulimit.clone(),
            resources: ResourceOptions {
                limits: self.limits.options(),
                cgroups: None,
                cgroup_parent: self.cgroup_parent.clone(),
            },
            ..RunOptions::default()
        };
        options.more.no_hosts = self.no_hosts;
        options.more.no_hostname = self.no_hostname;
        options.more.shm_size = self.shm_size.clone();
        options
    }
}
