//! A container's /etc/hosts and /etc/resolv.conf for its network mode: the user's flags, the
//! host's files and what the helper reported, put together.

use std::fs;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::NetworkInfo;
use super::etc_files::{EtcError, ExtraHost, Hosts, Nameservers, Resolv};
use super::mode::NetworkMode;

/// `--dns`, `--dns-search`, `--dns-option`, `--add-host` and `--hosts-file`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsOptions {
    pub servers: Vec<IpAddr>,
    pub search: Vec<String>,
    pub options: Vec<String>,
    pub add_hosts: Vec<ExtraHost>,
    #[serde(default, skip_serializing_if = "HostsBase::is_default")]
    pub hosts_base: HostsBase,
}

/// `--hosts-file` (podman's): what the container's /etc/hosts starts with, before rpod's own
/// entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostsBase {
    /// localhost's lines; the host's /etc/hosts with `--network host`.
    #[default]
    Default,
    /// `none`: nothing.
    Empty,
    /// `image`, as planned: [`HostsBase::Text`] once create has read the image's file.
    Image,
    /// The image's /etc/hosts, read at create.
    Text(String),
    /// A file of the host, read at each start.
    File(PathBuf),
}

impl HostsBase {
    fn is_default(&self) -> bool {
        *self == HostsBase::Default
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtcFiles {
    pub hosts: String,
    pub resolv: String,
}

/// The host's own files, read where the container's are rendered.
#[derive(Debug, Clone, Default)]
pub struct HostFiles {
    pub hosts: String,
    pub resolv: String,
}

impl HostFiles {
    /// A missing file is an empty one: a host without /etc/hosts still runs containers.
    pub fn read() -> HostFiles {
        HostFiles {
            hosts: fs::read_to_string("/etc/hosts").unwrap_or_default(),
            resolv: fs::read_to_string("/etc/resolv.conf").unwrap_or_default(),
        }
    }
}

/// The files for a container named `name` in `mode`; `info` is what the mode's helper
/// reported (None for modes without one). `--network container:` containers share the
/// other container's files and never get here.
pub fn render(
    mode: &NetworkMode,
    info: Option<&NetworkInfo>,
    hostname: &str,
    name: &str,
    dns: &DnsOptions,
    host: &HostFiles,
) -> Result<EtcFiles, EtcError> {
    let (base, address, host_address, nameservers) = match (mode, info) {
        (NetworkMode::Host, _) => (
            Some(host.hosts.as_str()),
            None,
            Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            Nameservers::Host,
        ),
        (_, Some(info)) => (
            None,
            Some(IpAddr::V4(info.address)),
            info.host_address,
            Nameservers::Forwarder(info.dns),
        ),
        (_, None) => (None, None, None, Nameservers::Empty),
    };
    let address6 = info.and_then(|i| i.address6);
    let file;
    let base = match &dns.hosts_base {
        HostsBase::Default => base,
        HostsBase::Empty | HostsBase::Image => Some(""),
        HostsBase::Text(text) => Some(text.as_str()),
        HostsBase::File(path) => {
            file = fs::read_to_string(path).map_err(|e| EtcError::HostsFile {
                path: path.clone(),
                cause: e.to_string(),
            })?;
            Some(file.as_str())
        }
    };
    let hosts = Hosts {
        base,
        hostname,
        name: Some(name),
        address,
        address6,
        host_address,
        extra: &dns.add_hosts,
    }
    .render()?;
    let resolv = Resolv {
        host: &host.resolv,
        nameservers,
        dns: &dns.servers,
        search: &dns.search,
        options: &dns.options,
    }
    .render();
    Ok(EtcFiles { hosts, resolv })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::PastaOptions;

    fn host() -> HostFiles {
        HostFiles {
            hosts: "127.0.0.1 localhost\n10.9.9.9 nas\n".into(),
            resolv: "nameserver 127.0.0.53\nsearch lab.example\n".into(),
        }
    }

    fn info() -> NetworkInfo {
        NetworkInfo {
            interface: "eth0".into(),
            address: Ipv4Addr::new(192, 0, 2, 2),
            prefix_len: 24,
            gateway: Ipv4Addr::new(192, 0, 2, 1),
            address6: None,
            dns: IpAddr::V4(Ipv4Addr::new(169, 254, 1, 1)),
            host_address: Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))),
        }
    }

    #[test]
    fn a_helper_network_uses_the_reported_address_and_forwarder() {
        let dns = DnsOptions {
            add_hosts: vec![ExtraHost::parse("gw:host-gateway").unwrap()],
            ..DnsOptions::default()
        };
        let mode = NetworkMode::Pasta(PastaOptions::default());
        let files = render(&mode, Some(&info()), "abc", "web", &dns, &host()).unwrap();
        assert!(
            files.hosts.contains("192.0.2.2\tabc web\n"),
            "{}",
            files.hosts
        );
        assert!(files.hosts.contains("192.0.2.1\tgw\n"), "{}", files.hosts);
        assert!(files.hosts.contains("192.0.2.1\thost.containers.internal"));
        assert!(!files.hosts.contains("nas"));
        assert_eq!(files.resolv, "search lab.example\nnameserver 169.254.1.1\n");
    }

    #[test]
    fn the_host_network_keeps_the_hosts_files_and_resolvers() {
        let files = render(
            &NetworkMode::Host,
            None,
            "abc",
            "abc",
            &DnsOptions::default(),
            &host(),
        )
        .unwrap();
        assert!(
            files
                .hosts
                .starts_with("127.0.0.1 localhost\n10.9.9.9 nas\n")
        );
        assert!(files.hosts.contains("127.0.0.1\thost.containers.internal"));
        assert!(files.resolv.contains("nameserver 127.0.0.53\n"));
    }

    #[test]
    fn no_network_has_no_nameserver_and_no_host_gateway() {
        let dns = DnsOptions {
            servers: vec!["10.0.0.53".parse().unwrap()],
            ..DnsOptions::default()
        };
        let files = render(&NetworkMode::None, None, "abc", "abc", &dns, &host()).unwrap();
        assert!(files.hosts.contains("127.0.1.1\tabc\n"));
        assert!(!files.hosts.contains("host.containers.internal"));
        assert_eq!(files.resolv, "search lab.example\nnameserver 10.0.0.53\n");
        let gw = DnsOptions {
            add_hosts: vec![ExtraHost::parse("gw:host-gateway").unwrap()],
            ..DnsOptions::default()
        };
        assert!(render(&NetworkMode::None, None, "abc", "abc", &gw, &host()).is_err());
    }
}
