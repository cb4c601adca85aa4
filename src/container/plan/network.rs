//! `--network`, `-p`, `-P`, `--expose`, `--dns*` and `--add-host`. Named networks and pods
//! (issue 17) become more [`NetworkMode`]s here, resolved at create like `container:`.

use super::super::ContainerError;
use super::RunOptions;
use crate::config::Config;
use crate::network::bridge::parse_mac;
use crate::network::etc_files::{EtcError, ExtraHost, HostAddr};
use crate::network::etc_render::{DnsOptions, HostsBase};
use crate::network::{ModeError, NetworkError, NetworkMode, PortRequest, helper, ports};

#[derive(Debug, Clone)]
pub struct NetworkPlan {
    /// `NetworkMode::Container` still holds the name the user gave; create resolves it.
    pub mode: NetworkMode,
    /// `-p`, host ports not chosen yet.
    pub publish: Vec<PortRequest>,
    /// `-p` as given, for messages.
    pub publish_given: Vec<String>,
    /// `-P`: the image's EXPOSEd ports and `--expose`, each to a random host port.
    pub publish_all: bool,
    pub expose: Vec<String>,
    pub dns: DnsOptions,
    /// `--no-hosts`: the image's /etc/hosts stays; rpod binds none over it.
    pub no_hosts: bool,
    /// `--no-hostname`: the image's /etc/hostname stays (the UTS name is still set).
    pub no_hostname: bool,
    /// `--network` was given (a pod's member may not choose its own).
    pub mode_given: bool,
    /// A pod's member with no `--network` where no helper for the default is installed: it
    /// needs none when it takes the pod's network, which only create knows (`mode` is None
    /// meanwhile).
    pub default_unavailable: bool,
}

impl NetworkPlan {
    pub fn build(opts: &RunOptions, config: &Config) -> Result<NetworkPlan, ContainerError> {
        helper::search_only(&config.network.helper_dirs);
        let in_pod = opts.pod.is_some() || opts.pod_id_file.is_some();
        let resolved = NetworkMode::resolve_all(&opts.network, config.network.default.as_deref());
        let (mut mode, default_unavailable) = match resolved {
            Err(ModeError::NoHelper) if in_pod => (NetworkMode::None, true),
            other => (other.map_err(NetworkError::from)?, false),
        };
        apply_network_flags(opts, &mut mode)?;
        let publish = opts
            .publish
            .iter()
            .map(|p| PortRequest::parse(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(NetworkError::from)?;
        // Checked now; `-P` publishes them with the image's at create.
        ports::publish_all(&opts.expose).map_err(NetworkError::from)?;
        if !publish.is_empty() {
            check_publishable(&mode, &opts.publish)?;
        }
        if opts.more.no_hosts && opts.hosts_file.is_some() {
            return Err(ContainerError::invalid(
                "--no-hosts",
                "true",
                "--no-hosts and --hosts-file cannot be set together: rpod writes no /etc/hosts",
            ));
        }
        if opts.more.no_hosts && !opts.add_hosts.is_empty() {
            return Err(ContainerError::invalid(
                "--no-hosts",
                opts.add_hosts.join(" "),
                "--no-hosts and --add-host cannot be set together: rpod writes no /etc/hosts \
                 to add to",
            ));
        }
        let dns = dns_config(opts, &mode)?;
        Ok(NetworkPlan {
            mode,
            publish,
            publish_given: opts.publish.clone(),
            publish_all: opts.publish_all,
            expose: opts.expose.clone(),
            dns,
            no_hosts: opts.more.no_hosts,
            no_hostname: opts.more.no_hostname,
            mode_given: !opts.network.is_empty(),
            default_unavailable,
        })
    }
}

/// `--network-alias`, `--ip`, `--ip6` and `--mac-address` name the container on its user-defined
/// network; with any other mode they would do nothing, so they are refused.
fn apply_network_flags(opts: &RunOptions, mode: &mut NetworkMode) -> Result<(), ContainerError> {
    for ip in &opts.link_local_ip {
        if ip.parse::<std::net::IpAddr>().is_err() {
            return Err(ContainerError::invalid(
                "--link-local-ip",
                ip,
                "not an IP address",
            ));
        }
        // podman documents it as "not implemented" and accepts it for docker's scripts;
        // rpod says so rather than ignore it without a word.
        tracing::warn!(
            "--link-local-ip {ip}: not implemented, as in podman; the container gets only \
             the kernel's own link-local address"
        );
    }
    let given = [
        ("--network-alias", opts.network_alias.join(" ")),
        ("--ip", opts.ip.clone().unwrap_or_default()),
        ("--ip6", opts.ip6.clone().unwrap_or_default()),
        (
            "--mac-address",
            opts.mac_address.clone().unwrap_or_default(),
        ),
    ];
    let Some((flag, value)) = given.iter().find(|(_, v)| !v.is_empty()) else {
        return Ok(());
    };
    let NetworkMode::Bridge(networks) = mode else {
        return Err(ContainerError::invalid(
            flag,
            value,
            format!("it needs a user-defined network (--network NAME), not --network {mode}"),
        ));
    };
    // podman's rules: an alias is the container's on every network it joins; an address
    // belongs to one network, so --ip and --mac-address need exactly one.
    for network in networks.iter_mut() {
        network.aliases.extend(opts.network_alias.iter().cloned());
    }
    if networks.len() > 1
        && let Some((flag, value)) = [
            ("--ip", &opts.ip),
            ("--ip6", &opts.ip6),
            ("--mac-address", &opts.mac_address),
        ]
        .into_iter()
        .find_map(|(flag, v)| v.as_ref().map(|v| (flag, v)))
    {
        return Err(ContainerError::invalid(
            flag,
            value,
            "it needs a single network: give it per network instead (--network NAME:ip=…,ip6=…,mac=…)",
        ));
    }
    let network = networks.first_mut().expect("a bridge mode names a network");
    if let Some(ip) = &opts.ip {
        network.ip = Some(
            ip.parse()
                .map_err(|_| ContainerError::invalid("--ip", ip, "expected an IPv4 address"))?,
        );
    }
    if let Some(ip) = &opts.ip6 {
        network.ip6 = Some(
            ip.parse()
                .map_err(|_| ContainerError::invalid("--ip6", ip, "expected an IPv6 address"))?,
        );
    }
    if let Some(mac) = &opts.mac_address {
        network.mac = Some(parse_mac(mac).ok_or_else(|| {
            ContainerError::invalid(
                "--mac-address",
                mac,
                "expected a unicast MAC address like 02:42:ac:11:00:02",
            )
        })?);
    }
    Ok(())
}

/// Only a helper or the forwarder of user-defined networks can forward ports: `-p` with
/// `host`, `none` or `container:` would do nothing.
pub fn check_publishable(mode: &NetworkMode, given: &[String]) -> Result<(), ContainerError> {
    if mode.helper_binary().is_some() || matches!(mode, NetworkMode::Bridge(_)) {
        return Ok(());
    }
    Err(ContainerError::invalid(
        "--publish",
        given.join(" "),
        format!(
            "ports are published only with pasta, slirp4netns or a user-defined network, not with --network {mode}"
        ),
    ))
}

/// docker refuses what a shared network (`container:`) would silently ignore, and a
/// host-gateway that the mode has no address for.
fn dns_config(opts: &RunOptions, network: &NetworkMode) -> Result<DnsOptions, ContainerError> {
    if let NetworkMode::Container(_) = network {
        let given = [
            ("--dns", opts.dns.is_empty()),
            ("--dns-search", opts.dns_search.is_empty()),
            ("--dns-option", opts.dns_options.is_empty()),
            ("--add-host", opts.add_hosts.is_empty()),
            ("--hosts-file", opts.hosts_file.is_none()),
        ];
        if let Some((flag, _)) = given.iter().find(|(_, empty)| !empty) {
            return Err(ContainerError::invalid(
                "--network",
                network.to_string(),
                format!(
                    "{flag} conflicts with it: the container uses the other container's /etc/hosts and /etc/resolv.conf"
                ),
            ));
        }
    }
    let servers = opts
        .dns
        .iter()
        .map(|d| {
            d.parse()
                .map_err(|_| ContainerError::invalid("--dns", d, "expected an IP address"))
        })
        .collect::<Result<_, _>>()?;
    let add_hosts = opts
        .add_hosts
        .iter()
        .map(|h| ExtraHost::parse(h))
        .collect::<Result<Vec<ExtraHost>, _>>()
        .map_err(NetworkError::from)?;
    let no_host_address = matches!(network, NetworkMode::None);
    if let Some(h) = add_hosts
        .iter()
        .find(|h| no_host_address && h.addr == HostAddr::HostGateway)
    {
        return Err(NetworkError::from(EtcError::NoHostGateway {
            name: h.name.clone(),
        })
        .into());
    }
    Ok(DnsOptions {
        servers,
        search: opts.dns_search.clone(),
        options: opts.dns_options.clone(),
        add_hosts,
        hosts_base: hosts_base(opts.hosts_file.as_deref())?,
    })
}

/// `--hosts-file PATH|none|image`; empty is the default.
fn hosts_base(given: Option<&str>) -> Result<HostsBase, ContainerError> {
    Ok(match given {
        None | Some("") => HostsBase::Default,
        Some("none") => HostsBase::Empty,
        Some("image") => HostsBase::Image,
        Some(path) if !path.starts_with('/') => {
            return Err(ContainerError::invalid(
                "--hosts-file",
                path,
                "expected an absolute path of a file on the host, none or image",
            ));
        }
        Some(path) if !std::path::Path::new(path).is_file() => {
            return Err(ContainerError::invalid(
                "--hosts-file",
                path,
                "no such file",
            ));
        }
        Some(path) => HostsBase::File(path.into()),
    })
}
