//! The container's /etc/hosts, /etc/resolv.conf and /etc/hostname: pure functions of the
//! network mode, what the helper reported ([`super::NetworkInfo`]) and the user's flags.
//!
//! Every private-namespace mode has a DNS forwarder (pasta's 169.254.1.1, slirp4netns's
//! 10.0.2.3) that sends queries from the host's namespace to the host's resolver, so the
//! host's loopback resolvers (systemd-resolved's 127.0.0.53), unreachable from a namespace,
//! are never written into a container's resolv.conf; `--network host` copies them as they
//! are, since there they work.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};

/// The address the container's own hostname resolves to when it has no address of its own
/// (`--network none`, host), as Debian does for a host without a fixed address.
pub const HOSTNAME_FALLBACK: Ipv4Addr = Ipv4Addr::new(127, 0, 1, 1);

/// The names under which a container finds its host.
pub const HOST_NAMES: [&str; 2] = ["host.containers.internal", "host.docker.internal"];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EtcError {
    #[error("invalid --add-host {value:?}: expected NAME:IP or NAME:host-gateway")]
    AddHost { value: String },
    #[error(
        "cannot resolve host-gateway for --add-host {name}: the network mode gives the container no address for the host"
    )]
    NoHostGateway { name: String },
    #[error("cannot read --hosts-file {}: {cause}", path.display())]
    HostsFile {
        path: std::path::PathBuf,
        cause: String,
    },
}

/// The value of an `--add-host` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostAddr {
    Ip(IpAddr),
    /// docker's `host-gateway`: the address that reaches the host in this network mode.
    HostGateway,
}

/// One `--add-host NAME:IP`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraHost {
    pub name: String,
    pub addr: HostAddr,
}

impl ExtraHost {
    /// `NAME:IP` (docker's form, split at the first colon, so `db:::1` is IPv6), or `NAME=IP`;
    /// IP may be `host-gateway` or a bracketed IPv6 address.
    pub fn parse(value: &str) -> Result<ExtraHost, EtcError> {
        let bad = || EtcError::AddHost {
            value: value.to_string(),
        };
        let (name, addr) = value
            .split_once('=')
            .or_else(|| value.split_once(':'))
            .ok_or_else(bad)?;
        if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c == '#') {
            return Err(bad());
        }
        let addr = match addr {
            "host-gateway" => HostAddr::HostGateway,
            ip => {
                let ip = ip
                    .strip_prefix('[')
                    .and_then(|i| i.strip_suffix(']'))
                    .unwrap_or(ip);
                HostAddr::Ip(ip.parse().map_err(|_| bad())?)
            }
        };
        Ok(ExtraHost {
            name: name.to_string(),
            addr,
        })
    }
}

/// What /etc/hosts is made from.
#[derive(Debug, Clone, Copy)]
pub struct Hosts<'a> {
    /// The host's /etc/hosts, kept at the top for `--network host` as docker does.
    pub base: Option<&'a str>,
    pub hostname: &'a str,
    /// The container's name, when it differs from its hostname.
    pub name: Option<&'a str>,
    /// The container's address; None for modes without one of their own.
    pub address: Option<IpAddr>,
    /// Its IPv6 address on a dual-stack network, beside `address`.
    pub address6: Option<Ipv6Addr>,
    /// The mode's address for the host (`NetworkInfo::host_address`; 127.0.0.1 for host).
    pub host_address: Option<IpAddr>,
    pub extra: &'a [ExtraHost],
}

impl Hosts<'_> {
    pub fn render(&self) -> Result<String, EtcError> {
        let mut out = String::new();
        match self.base {
            Some(base) => {
                out.push_str(base);
                if !base.is_empty() && !base.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => {
                out.push_str("127.0.0.1\tlocalhost localhost.localdomain\n");
                out.push_str("::1\tlocalhost localhost.localdomain ip6-localhost ip6-loopback\n");
            }
        }
        for extra in self.extra {
            let ip = match extra.addr {
                HostAddr::Ip(ip) => ip,
                HostAddr::HostGateway => {
                    self.host_address.ok_or_else(|| EtcError::NoHostGateway {
                        name: extra.name.clone(),
                    })?
                }
            };
            out.push_str(&format!("{ip}\t{}\n", extra.name));
        }
        let own = self.address.unwrap_or(IpAddr::V4(HOSTNAME_FALLBACK));
        let names = match self.name.filter(|n| *n != self.hostname) {
            Some(name) => format!("{} {name}", self.hostname),
            None => self.hostname.to_string(),
        };
        for ip in [Some(own), self.address6.map(IpAddr::V6)]
            .into_iter()
            .flatten()
        {
            out.push_str(&format!("{ip}\t{names}\n"));
        }
        if let Some(host) = self.host_address {
            out.push_str(&format!("{host}\t{}\n", HOST_NAMES.join(" ")));
        }
        Ok(out)
    }
}

/// Where the container's nameservers come from when the user gives no `--dns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nameservers {
    /// The host's own, loopback ones included: `--network host`.
    Host,
    /// The helper's DNS forwarder (`NetworkInfo::dns`).
    Forwarder(IpAddr),
    /// None at all: `--network none`.
    Empty,
}

/// What /etc/resolv.conf is made from.
#[derive(Debug, Clone, Copy)]
pub struct Resolv<'a> {
    /// The host's /etc/resolv.conf: its search domains and options are kept.
    pub host: &'a str,
    pub nameservers: Nameservers,
    /// `--dns`: replaces the nameservers.
    pub dns: &'a [IpAddr],
    /// `--dns-search`: replaces the search list; `.` alone means none.
    pub search: &'a [String],
    /// `--dns-option`: replaces the options.
    pub options: &'a [String],
}

/// The words after each `keyword` line of a resolv.conf, one list per line.
fn lines_of<'a>(text: &'a str, keyword: &'a str) -> impl Iterator<Item = Vec<&'a str>> + 'a {
    text.lines().filter_map(move |line| {
        let mut words = line.split_whitespace();
        (words.next() == Some(keyword))
            .then(|| words.take_while(|w| !w.starts_with(['#', ';'])).collect())
    })
}

impl Resolv<'_> {
    pub fn render(&self) -> String {
        let search: Vec<String> = if self.search.is_empty() {
            // resolv.conf(5): the last "search" or "domain" line wins.
            self.host
                .lines()
                .filter_map(|line| {
                    let mut words = line.split_whitespace();
                    match words.next() {
                        Some("search" | "domain") => Some(words.map(str::to_string).collect()),
                        _ => None,
                    }
                })
                .next_back()
                .unwrap_or_default()
        } else if self.search == ["."] {
            Vec::new()
        } else {
            self.search.to_vec()
        };
        let nameservers: Vec<String> = if !self.dns.is_empty() {
            self.dns.iter().map(IpAddr::to_string).collect()
        } else {
            match self.nameservers {
                Nameservers::Host => lines_of(self.host, "nameserver")
                    .filter_map(|words| words.first().map(|w| w.to_string()))
                    .collect(),
                Nameservers::Forwarder(ip) => vec![ip.to_string()],
                Nameservers::Empty => Vec::new(),
            }
        };
        let options: Vec<String> = if self.options.is_empty() {
            lines_of(self.host, "options")
                .flatten()
                .map(str::to_string)
                .collect()
        } else {
            self.options.to_vec()
        };
        let mut out = String::new();
        if !search.is_empty() {
            out.push_str(&format!("search {}\n", search.join(" ")));
        }
        for ns in nameservers {
            out.push_str(&format!("nameserver {ns}\n"));
        }
        if !options.is_empty() {
            out.push_str(&format!("options {}\n", options.join(" ")));
        }
        out
    }
}

/// /etc/hostname.
pub fn hostname(name: &str) -> String {
    format!("{name}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST_RESOLV: &str = "# generated\nnameserver 127.0.0.53\nnameserver 10.0.0.1 # office\n\
                               search example.com\noptions edns0 trust-ad\n";

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn hosts_for_a_private_network() {
        let extra = [
            ExtraHost::parse("db:10.1.2.3").unwrap(),
            ExtraHost::parse("gw=host-gateway").unwrap(),
            ExtraHost::parse("v6:::1").unwrap(),
        ];
        let hosts = Hosts {
            base: None,
            hostname: "c0ffee123456",
            name: Some("web"),
            address: Some(ip("10.0.2.100")),
            address6: None,
            host_address: Some(ip("10.0.2.2")),
            extra: &extra,
        };
        assert_eq!(
            hosts.render().unwrap(),
            "127.0.0.1\tlocalhost localhost.localdomain\n\
             ::1\tlocalhost localhost.localdomain ip6-localhost ip6-loopback\n\
             10.1.2.3\tdb\n\
             10.0.2.2\tgw\n\
             ::1\tv6\n\
             10.0.2.100\tc0ffee123456 web\n\
             10.0.2.2\thost.containers.internal host.docker.internal\n"
        );
    }

    #[test]
    fn hosts_without_an_address_or_a_host() {
        let hosts = Hosts {
            base: None,
            hostname: "box",
            name: Some("box"),
            address: None,
            address6: None,
            host_address: None,
            extra: &[],
        };
        let text = hosts.render().unwrap();
        assert!(text.ends_with("127.0.1.1\tbox\n"), "{text}");
        assert!(!text.contains("host.containers.internal"));
        let extra = [ExtraHost::parse("h:host-gateway").unwrap()];
        let err = Hosts {
            extra: &extra,
            ..hosts
        }
        .render()
        .unwrap_err();
        assert_eq!(err, EtcError::NoHostGateway { name: "h".into() });
    }

    #[test]
    fn hosts_for_the_host_network_keeps_the_hosts_file() {
        let hosts = Hosts {
            base: Some("127.0.0.1 localhost\n192.168.1.5 nas"),
            hostname: "myhost",
            name: None,
            address: None,
            address6: None,
            host_address: Some(ip("127.0.0.1")),
            extra: &[ExtraHost::parse("x:[fd00::9]").unwrap()],
        };
        assert_eq!(
            hosts.render().unwrap(),
            "127.0.0.1 localhost\n192.168.1.5 nas\n\
             fd00::9\tx\n\
             127.0.1.1\tmyhost\n\
             127.0.0.1\thost.containers.internal host.docker.internal\n"
        );
    }

    #[test]
    fn add_host_parsing() {
        for bad in ["nocolon", ":1.2.3.4", "a:notanip", "a b:1.2.3.4", "a:"] {
            assert!(ExtraHost::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            ExtraHost::parse("a:1.2.3.4").unwrap().addr,
            HostAddr::Ip(ip("1.2.3.4"))
        );
    }

    #[test]
    fn resolv_for_a_forwarder_keeps_search_and_options() {
        let resolv = Resolv {
            host: HOST_RESOLV,
            nameservers: Nameservers::Forwarder(ip("169.254.1.1")),
            dns: &[],
            search: &[],
            options: &[],
        };
        assert_eq!(
            resolv.render(),
            "search example.com\nnameserver 169.254.1.1\noptions edns0 trust-ad\n"
        );
    }

    #[test]
    fn resolv_for_the_host_network_copies_loopback_nameservers() {
        let resolv = Resolv {
            host: HOST_RESOLV,
            nameservers: Nameservers::Host,
            dns: &[],
            search: &[],
            options: &[],
        };
        assert_eq!(
            resolv.render(),
            "search example.com\nnameserver 127.0.0.53\nnameserver 10.0.0.1\noptions edns0 trust-ad\n"
        );
    }

    #[test]
    fn resolv_flags_replace_what_they_name() {
        let dns = [ip("1.1.1.1"), ip("2606:4700:4700::1111")];
        let search = ["corp.test".to_string(), "lab.test".to_string()];
        let options = ["ndots:2".to_string()];
        let resolv = Resolv {
            host: HOST_RESOLV,
            nameservers: Nameservers::Forwarder(ip("10.0.2.3")),
            dns: &dns,
            search: &search,
            options: &options,
        };
        assert_eq!(
            resolv.render(),
            "search corp.test lab.test\nnameserver 1.1.1.1\nnameserver 2606:4700:4700::1111\noptions ndots:2\n"
        );
        let no_search = [".".to_string()];
        let none = Resolv {
            nameservers: Nameservers::Empty,
            dns: &[],
            search: &no_search,
            options: &[],
            host: HOST_RESOLV,
        };
        assert_eq!(none.render(), "options edns0 trust-ad\n");
    }

    #[test]
    fn hostname_file() {
        assert_eq!(hostname("abc"), "abc\n");
    }
}
