//! `--network` values as podman spells them, and the choice of the default mode.

use std::fmt;
use std::net::Ipv4Addr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::helper;

/// The pasta binary, from Debian's `passt` package.
pub const PASTA: &str = "pasta";
/// The slirp4netns binary, from the package of the same name.
pub const SLIRP4NETNS: &str = "slirp4netns";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModeError {
    #[error("invalid --network value {value:?}: unknown network mode")]
    Unknown { value: String },
    #[error("invalid --network value {value:?}: {mode} is not supported by rootless rpod")]
    Unsupported { value: String, mode: &'static str },
    #[error("invalid --network value {value:?}: container: needs a container name or id")]
    NoContainer { value: String },
    #[error("invalid --network value {value:?}: {mode} takes no options")]
    NoOptions { value: String, mode: &'static str },
    #[error("invalid slirp4netns option {option:?}: {reason}")]
    SlirpOption {
        option: String,
        reason: &'static str,
    },
    #[error("invalid [network] default {value:?} in rpod.toml: {source}")]
    ConfiguredDefault {
        value: String,
        source: Box<ModeError>,
    },
    #[error("cannot choose a default network mode: neither pasta nor slirp4netns is installed")]
    NoHelper,
    #[error("cannot use --network {binary}: {binary} is not installed")]
    MissingHelper { binary: &'static str },
    #[error(
        "invalid --network value {value:?}: only named networks join together, and {value} is not one"
    )]
    NotJoinable { value: String },
    #[error("invalid --network value {value:?}: the network is given twice")]
    Twice { value: String },
    #[error("invalid --network value {value:?}: option {option:?}: {reason}")]
    NetworkOption {
        value: String,
        option: String,
        reason: &'static str,
    },
}

impl ModeError {
    pub fn hint(&self) -> Option<String> {
        match self {
            ModeError::NoHelper => Some(
                "install one (`apt install passt` or `apt install slirp4netns`); \
                 --network host and --network none work without one"
                    .into(),
            ),
            ModeError::MissingHelper { binary } => Some(format!(
                "install it (`apt install {}`), or use --network host or --network none",
                package_of(binary)
            )),
            ModeError::Unknown { .. } | ModeError::Unsupported { .. } => Some(
                "use none, host, pasta[:OPTIONS], slirp4netns[:OPTIONS] or container:NAME".into(),
            ),
            _ => None,
        }
    }
}

/// The Debian package that ships a helper binary.
pub fn package_of(binary: &str) -> &'static str {
    if binary == PASTA {
        "passt"
    } else {
        "slirp4netns"
    }
}

/// How a container is connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkMode {
    /// A private network namespace with only `lo`.
    None,
    /// The host's network namespace.
    Host,
    Pasta(PastaOptions),
    Slirp4netns(SlirpOptions),
    /// The network namespace of another container, by the name or id the user gave.
    Container(String),
    /// User-defined networks (`--network NAME[:alias=A,ip=IP,ip6=IP6,mac=MAC]`), each behind a bridge
    /// in the rootless network namespace ([`super::holder`]).
    Bridge(Vec<Attachment>),
}

/// A container on one user-defined network: what the user asked for, and what create chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub network: String,
    pub aliases: Vec<String>,
    pub ip: Option<Ipv4Addr>,
    /// `--ip6`, `ip6=`: an address on a dual-stack network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip6: Option<std::net::Ipv6Addr>,
    pub mac: Option<[u8; 6]>,
    /// The network's id and the container's link on it, chosen at create (None in a plan).
    #[serde(default)]
    pub network_id: Option<String>,
    #[serde(default)]
    pub link: Option<super::bridge::BridgeLink>,
}

impl Attachment {
    fn parse(value: &str, name: &str, options: Option<&str>) -> Result<Attachment, ModeError> {
        let mut attachment = Attachment {
            network: name.to_string(),
            aliases: Vec::new(),
            ip: None,
            ip6: None,
            mac: None,
            network_id: None,
            link: None,
        };
        for option in options.unwrap_or("").split(',').filter(|o| !o.is_empty()) {
            let bad = |reason: &'static str| ModeError::NetworkOption {
                value: value.to_string(),
                option: option.to_string(),
                reason,
            };
            let (key, v) = option
                .split_once('=')
                .ok_or_else(|| bad("expected key=value"))?;
            match key {
                "alias" => attachment.aliases.push(v.to_string()),
                "ip" => {
                    attachment.ip = Some(v.parse().map_err(|_| bad("expected an IPv4 address"))?)
                }
                "ip6" => {
                    attachment.ip6 = Some(v.parse().map_err(|_| bad("expected an IPv6 address"))?)
                }
                "mac" => {
                    attachment.mac = Some(
                        super::bridge::parse_mac(v)
                            .ok_or_else(|| bad("expected a unicast MAC address"))?,
                    )
                }
                _ => return Err(bad("known options are alias, ip, ip6 and mac")),
            }
        }
        Ok(attachment)
    }
}

/// Extra pasta(1) arguments, given as `pasta:ARG,ARG,...`; they are passed after rpod's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastaOptions {
    pub args: Vec<String>,
}

/// slirp4netns settings, given as `slirp4netns:key=value,...` with podman's keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlirpOptions {
    /// Whether the container reaches the host's 127.0.0.1 through the gateway address. On by
    /// default (podman's default is off) so that `host.containers.internal` reaches services
    /// that listen on the host's loopback, as it does with pasta.
    pub allow_host_loopback: bool,
    pub mtu: u32,
    /// The IPv4 network slirp4netns serves; the container is .100, the gateway .2, DNS .3.
    pub cidr: Ipv4Net,
    /// Off by default: slirp4netns's IPv6 is experimental and duplicate address detection
    /// delays the container's start.
    pub enable_ipv6: bool,
    pub outbound_addr: Option<String>,
    pub outbound_addr6: Option<String>,
}

impl Default for SlirpOptions {
    fn default() -> Self {
        SlirpOptions {
            allow_host_loopback: true,
            mtu: 65520,
            cidr: Ipv4Net {
                addr: Ipv4Addr::new(10, 0, 2, 0),
                prefix_len: 24,
            },
            enable_ipv6: false,
            outbound_addr: None,
            outbound_addr6: None,
        }
    }
}

/// An IPv4 network, `10.0.2.0/24`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ipv4Net {
    pub addr: Ipv4Addr,
    pub prefix_len: u8,
}

impl Ipv4Net {
    /// The address `offset` hosts into the network (slirp4netns's fixed layout).
    pub fn host(&self, offset: u32) -> Ipv4Addr {
        Ipv4Addr::from(self.network_u32() + offset)
    }

    fn network_u32(&self) -> u32 {
        let mask = u32::MAX
            .checked_shl(32 - u32::from(self.prefix_len))
            .unwrap_or(0);
        u32::from(self.addr) & mask
    }
}

impl fmt::Display for Ipv4Net {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix_len)
    }
}

fn parse_slirp_options(list: &str) -> Result<SlirpOptions, ModeError> {
    let mut opts = SlirpOptions::default();
    for option in list.split(',').filter(|o| !o.is_empty()) {
        let bad = |reason| ModeError::SlirpOption {
            option: option.to_string(),
            reason,
        };
        let (key, value) = option
            .split_once('=')
            .ok_or_else(|| bad("expected key=value"))?;
        let boolean = || match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(bad("expected true or false")),
        };
        match key {
            "allow_host_loopback" => opts.allow_host_loopback = boolean()?,
            "enable_ipv6" => opts.enable_ipv6 = boolean()?,
            "mtu" => {
                opts.mtu = value
                    .parse()
                    .ok()
                    .filter(|m| (68..=65521).contains(m))
                    .ok_or_else(|| bad("expected an MTU between 68 and 65521"))?
            }
            "cidr" => {
                opts.cidr = parse_cidr(value).ok_or_else(|| {
                    bad("expected an IPv4 network with a prefix of at most /25, like 10.0.2.0/24")
                })?
            }
            "outbound_addr" => opts.outbound_addr = Some(value.to_string()),
            "outbound_addr6" => opts.outbound_addr6 = Some(value.to_string()),
            "port_handler" if value == "slirp4netns" => {}
            "port_handler" => {
                return Err(bad(
                    "only port_handler=slirp4netns is supported: rpod forwards ports through slirp4netns's API",
                ));
            }
            _ => return Err(bad("unknown option")),
        }
    }
    Ok(opts)
}

/// The container takes host .100 of the network, so the network must have room for it.
fn parse_cidr(value: &str) -> Option<Ipv4Net> {
    let (addr, prefix) = value.split_once('/')?;
    let net = Ipv4Net {
        addr: addr.parse().ok()?,
        prefix_len: prefix.parse().ok().filter(|p| *p <= 25)?,
    };
    Some(net)
}

/// What a `--network` value asks for, before the default is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Requested {
    Default,
    Mode(NetworkMode),
}

/// podman's default network, which every store has without a `network create`: the bridge
/// that `--network bridge` (and `--network podman`) joins. As podman's, it resolves no names:
/// its containers reach each other by address.
pub const DEFAULT_NETWORK: &str = "podman";

fn parse_value(value: &str) -> Result<Requested, ModeError> {
    let (name, options) = match value.split_once(':') {
        Some((name, options)) => (name, Some(options)),
        None => (value, None),
    };
    let no_options = |mode: &'static str, requested: Requested| match options {
        None => Ok(requested),
        Some(_) => Err(ModeError::NoOptions {
            value: value.to_string(),
            mode,
        }),
    };
    match name {
        "none" => no_options("none", Requested::Mode(NetworkMode::None)),
        "host" => no_options("host", Requested::Mode(NetworkMode::Host)),
        // podman's names for "the usual private network"; rootless, that is a user-mode helper.
        "private" => no_options("private", Requested::Default),
        "default" => no_options("default", Requested::Default),
        "bridge" => Ok(Requested::Mode(NetworkMode::Bridge(vec![
            Attachment::parse(value, DEFAULT_NETWORK, options)?,
        ]))),
        "pasta" => Ok(Requested::Mode(NetworkMode::Pasta(PastaOptions {
            args: options
                .unwrap_or("")
                .split(',')
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
        }))),
        "slirp4netns" => Ok(Requested::Mode(NetworkMode::Slirp4netns(
            parse_slirp_options(options.unwrap_or(""))?,
        ))),
        "container" => match options {
            Some(target) if !target.is_empty() => {
                Ok(Requested::Mode(NetworkMode::Container(target.to_string())))
            }
            _ => Err(ModeError::NoContainer {
                value: value.to_string(),
            }),
        },
        "ns" => Err(ModeError::Unsupported {
            value: value.to_string(),
            mode: "ns:PATH",
        }),
        _ if crate::ids::check_name(name).is_ok() => {
            Ok(Requested::Mode(NetworkMode::Bridge(vec![
                Attachment::parse(value, name, options)?,
            ])))
        }
        _ => Err(ModeError::Unknown {
            value: value.to_string(),
        }),
    }
}

impl NetworkMode {
    /// The mode for a container: the `--network` value if given, else the configured default
    /// (`[network] default` in rpod.toml), else pasta or slirp4netns, whichever is installed.
    pub fn resolve(
        flag: Option<&str>,
        configured_default: Option<&str>,
    ) -> Result<NetworkMode, ModeError> {
        resolve_with(flag, configured_default, &|name: &str| helper::find(name))
    }

    /// `--network` given any number of times: none is the default, one any mode, several
    /// the named networks to join together (podman's repeated `--network`).
    pub fn resolve_all(
        flags: &[String],
        configured_default: Option<&str>,
    ) -> Result<NetworkMode, ModeError> {
        let [first, rest @ ..] = flags else {
            return NetworkMode::resolve(None, configured_default);
        };
        let mut mode = NetworkMode::resolve(Some(first), configured_default)?;
        for value in rest {
            let (NetworkMode::Bridge(joined), NetworkMode::Bridge(more)) = (
                &mut mode,
                NetworkMode::resolve(Some(value), configured_default)?,
            ) else {
                let value = [first, value]
                    .into_iter()
                    .find(|v| {
                        !matches!(parse_value(v), Ok(Requested::Mode(NetworkMode::Bridge(_))))
                    })
                    .unwrap_or(value);
                return Err(ModeError::NotJoinable {
                    value: value.clone(),
                });
            };
            for attachment in more {
                if joined.iter().any(|a| a.network == attachment.network) {
                    return Err(ModeError::Twice {
                        value: value.clone(),
                    });
                }
                joined.push(attachment);
            }
        }
        Ok(mode)
    }

    /// The helper binary this mode runs, if any.
    pub fn helper_binary(&self) -> Option<&'static str> {
        match self {
            NetworkMode::Pasta(_) => Some(PASTA),
            NetworkMode::Slirp4netns(_) => Some(SLIRP4NETNS),
            _ => None,
        }
    }
}

fn resolve_with(
    flag: Option<&str>,
    configured_default: Option<&str>,
    find: &dyn Fn(&str) -> Option<PathBuf>,
) -> Result<NetworkMode, ModeError> {
    let requested = match flag {
        Some(value) => parse_value(value)?,
        None => Requested::Default,
    };
    let mode = match requested {
        Requested::Mode(mode) => mode,
        Requested::Default => default_mode(configured_default, find)?,
    };
    if let Some(binary) = mode.helper_binary()
        && find(binary).is_none()
    {
        return Err(ModeError::MissingHelper { binary });
    }
    Ok(mode)
}

fn default_mode(
    configured: Option<&str>,
    find: &dyn Fn(&str) -> Option<PathBuf>,
) -> Result<NetworkMode, ModeError> {
    if let Some(value) = configured {
        let bad = |source| ModeError::ConfiguredDefault {
            value: value.to_string(),
            source: Box::new(source),
        };
        match parse_value(value).map_err(bad)? {
            Requested::Mode(NetworkMode::Container(_)) => {
                return Err(bad(ModeError::Unsupported {
                    value: value.to_string(),
                    mode: "container: as a default",
                }));
            }
            Requested::Mode(NetworkMode::Bridge(_)) => {
                return Err(bad(ModeError::Unsupported {
                    value: value.to_string(),
                    mode: "a user-defined network as a default",
                }));
            }
            Requested::Mode(mode) => return Ok(mode),
            Requested::Default => {}
        }
    }
    if find(PASTA).is_some() {
        Ok(NetworkMode::Pasta(PastaOptions::default()))
    } else if find(SLIRP4NETNS).is_some() {
        Ok(NetworkMode::Slirp4netns(SlirpOptions::default()))
    } else {
        Err(ModeError::NoHelper)
    }
}

/// podman's spelling, as `inspect` shows `HostConfig.NetworkMode`.
impl fmt::Display for NetworkMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetworkMode::None => f.write_str("none"),
            NetworkMode::Host => f.write_str("host"),
            NetworkMode::Pasta(_) => f.write_str(PASTA),
            NetworkMode::Slirp4netns(_) => f.write_str(SLIRP4NETNS),
            NetworkMode::Container(target) => write!(f, "container:{target}"),
            NetworkMode::Bridge(networks) => {
                let names: Vec<&str> = networks.iter().map(|a| a.network.as_str()).collect();
                f.write_str(&names.join(","))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_networks_join_and_nothing_else_combines() {
        let all = |flags: &[&str]| {
            let flags: Vec<String> = flags.iter().map(|f| f.to_string()).collect();
            NetworkMode::resolve_all(&flags, None)
        };
        let Ok(NetworkMode::Bridge(joined)) = all(&["front", "back:alias=db"]) else {
            panic!("two networks join");
        };
        let names: Vec<&str> = joined.iter().map(|a| a.network.as_str()).collect();
        assert_eq!(names, ["front", "back"]);
        assert_eq!(joined[1].aliases, ["db"]);
        assert!(matches!(
            all(&["front", "host"]),
            Err(ModeError::NotJoinable { value }) if value == "host"
        ));
        assert!(matches!(
            all(&["none", "front"]),
            Err(ModeError::NotJoinable { value }) if value == "none"
        ));
        assert!(matches!(
            all(&["front", "front:alias=x"]),
            Err(ModeError::Twice { .. })
        ));
        assert!(matches!(all(&["host"]), Ok(NetworkMode::Host)));
    }

    fn installed(names: &'static [&'static str]) -> impl Fn(&str) -> Option<PathBuf> {
        move |name: &str| {
            names
                .contains(&name)
                .then(|| PathBuf::from("/usr/bin").join(name))
        }
    }

    fn resolve(
        flag: Option<&str>,
        names: &'static [&'static str],
    ) -> Result<NetworkMode, ModeError> {
        resolve_with(flag, None, &installed(names))
    }

    #[test]
    fn parses_the_podman_spellings() {
        let both = &[PASTA, SLIRP4NETNS];
        assert_eq!(resolve(Some("none"), both), Ok(NetworkMode::None));
        assert_eq!(resolve(Some("host"), both), Ok(NetworkMode::Host));
        assert_eq!(
            resolve(Some("container:web"), both),
            Ok(NetworkMode::Container("web".into()))
        );
        assert_eq!(
            resolve(Some("pasta:-t,8080,--no-map-gw"), both),
            Ok(NetworkMode::Pasta(PastaOptions {
                args: vec!["-t".into(), "8080".into(), "--no-map-gw".into()]
            }))
        );
        let NetworkMode::Slirp4netns(opts) = resolve(
            Some("slirp4netns:allow_host_loopback=false,mtu=1500,cidr=10.9.0.0/16,port_handler=slirp4netns"),
            both,
        )
        .unwrap() else {
            panic!("not slirp4netns")
        };
        assert!(!opts.allow_host_loopback);
        assert_eq!(opts.mtu, 1500);
        assert_eq!(opts.cidr.to_string(), "10.9.0.0/16");
        assert_eq!(opts.cidr.host(100), Ipv4Addr::new(10, 9, 0, 100));
    }

    #[test]
    fn refuses_what_rootless_rpod_cannot_do() {
        let both = &[PASTA, SLIRP4NETNS];
        assert!(matches!(
            resolve(Some("my/net"), both),
            Err(ModeError::Unknown { .. })
        ));
        assert!(matches!(
            resolve(Some("mynet:alias"), both),
            Err(ModeError::NetworkOption { .. })
        ));
        assert!(matches!(
            resolve(Some("mynet:ip=10.89.0.300"), both),
            Err(ModeError::NetworkOption { .. })
        ));
        assert!(matches!(
            resolve(Some("ns:/run/netns/x"), both),
            Err(ModeError::Unsupported { .. })
        ));
        assert!(matches!(
            resolve(Some("container:"), both),
            Err(ModeError::NoContainer { .. })
        ));
        assert!(matches!(
            resolve(Some("host:x"), both),
            Err(ModeError::NoOptions { .. })
        ));
        for bad in [
            "mtu=10",
            "cidr=10.0.0.0/28",
            "port_handler=rootlesskit",
            "speed=9",
            "enable_ipv6",
        ] {
            let value = format!("slirp4netns:{bad}");
            assert!(
                matches!(
                    resolve(Some(&value), both),
                    Err(ModeError::SlirpOption { .. })
                ),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn default_prefers_pasta_then_slirp4netns() {
        for flag in [None, Some("private"), Some("default")] {
            assert!(matches!(
                resolve(flag, &[PASTA, SLIRP4NETNS]),
                Ok(NetworkMode::Pasta(_))
            ));
            assert!(matches!(
                resolve(flag, &[SLIRP4NETNS]),
                Ok(NetworkMode::Slirp4netns(_))
            ));
        }
        let err = resolve(None, &[]).unwrap_err();
        assert_eq!(err, ModeError::NoHelper);
        let hint = err.hint().unwrap();
        assert!(hint.contains("apt install passt") && hint.contains("apt install slirp4netns"));
        assert!(hint.contains("--network host") && hint.contains("--network none"));
    }

    #[test]
    fn configured_default_wins_over_detection() {
        let find = installed(&[PASTA, SLIRP4NETNS]);
        assert!(matches!(
            resolve_with(None, Some("slirp4netns:mtu=1500"), &find),
            Ok(NetworkMode::Slirp4netns(SlirpOptions { mtu: 1500, .. }))
        ));
        assert_eq!(
            resolve_with(Some("default"), Some("none"), &find),
            Ok(NetworkMode::None)
        );
        // `bridge` is podman's default network, whatever the configured default mode.
        let Ok(NetworkMode::Bridge(joined)) =
            resolve_with(Some("bridge:alias=web"), Some("none"), &find)
        else {
            panic!("bridge joins the default network");
        };
        assert_eq!(joined[0].network, DEFAULT_NETWORK);
        assert_eq!(joined[0].aliases, ["web"]);
        assert!(matches!(
            resolve_with(None, Some("private"), &find),
            Ok(NetworkMode::Pasta(_))
        ));
        assert!(matches!(
            resolve_with(None, Some("container:x"), &find),
            Err(ModeError::ConfiguredDefault { .. })
        ));
        assert!(matches!(
            resolve_with(None, Some("wifi"), &find),
            Err(ModeError::ConfiguredDefault { .. })
        ));
    }

    #[test]
    fn an_explicit_helper_must_be_installed() {
        let err = resolve(Some("pasta"), &[SLIRP4NETNS]).unwrap_err();
        assert_eq!(err, ModeError::MissingHelper { binary: PASTA });
        assert!(err.hint().unwrap().contains("apt install passt"));
        let err = resolve_with(None, Some("slirp4netns"), &installed(&[PASTA])).unwrap_err();
        assert!(err.hint().unwrap().contains("apt install slirp4netns"));
    }

    #[test]
    fn a_network_name_with_compose_options() {
        let Ok(NetworkMode::Bridge(networks)) = resolve(
            Some("web:alias=a,alias=b,ip=10.89.0.7,mac=02:00:00:00:00:07"),
            &[],
        ) else {
            panic!("not a bridge mode");
        };
        assert_eq!(networks.len(), 1);
        assert_eq!(networks[0].network, "web");
        assert_eq!(networks[0].aliases, ["a", "b"]);
        assert_eq!(networks[0].ip, Some(Ipv4Addr::new(10, 89, 0, 7)));
        assert_eq!(networks[0].mac, Some([2, 0, 0, 0, 0, 7]));
    }

    #[test]
    fn mode_round_trips_through_the_container_record() {
        let mode = NetworkMode::Slirp4netns(SlirpOptions::default());
        let json = serde_json::to_string(&mode).unwrap();
        assert_eq!(serde_json::from_str::<NetworkMode>(&json).unwrap(), mode);
        assert_eq!(mode.to_string(), "slirp4netns");
        assert_eq!(
            NetworkMode::Container("db".into()).to_string(),
            "container:db"
        );
    }
}
