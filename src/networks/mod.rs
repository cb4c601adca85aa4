//! User-defined networks: their records in the store and the choice of their subnets.
//!
//! ```text
//! networks/<name>.json   one network (podman 5's fields), written atomically
//! networks/.lock         held while a network is created or removed, so that two racing
//!                        creates neither take one name nor one subnet twice
//! ```

mod lease;
pub mod options;
pub mod subnet;
pub mod subnet6;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ids::check_name;
pub use crate::network::route::Route;
use crate::state::{atomic, lock};
pub use subnet::{LeaseRange, Subnet};
pub use subnet6::{LeaseRange6, Subnet6};

/// Names that are `--network` modes: a network called so could never be chosen by name.
/// (`podman`, the default network's name, exists already, so a create of it is refused so.)
const RESERVED: &[&str] = &[
    "bridge",
    "container",
    "default",
    "host",
    "none",
    "ns",
    "pasta",
    "private",
    "slirp4netns",
];

#[derive(Debug, thiserror::Error)]
pub enum NetworksError {
    #[error("unable to find network with name or ID {0}: network not found")]
    NotFound(String),
    #[error("network name {0} already used: network already exists")]
    Exists(String),
    #[error("invalid network name {name:?}: {reason}")]
    Name { name: String, reason: String },
    #[error("cannot create network with name {0:?} because it conflicts with a valid network mode")]
    Reserved(String),
    #[error("invalid {flag} {value:?}: {reason}")]
    Invalid {
        flag: &'static str,
        value: String,
        reason: String,
    },
    #[error("bridge name {interface} already in use by network {network}")]
    InterfaceInUse { interface: String, network: String },
    #[error("subnet {subnet} is already used by network {network}")]
    SubnetInUse { subnet: String, network: String },
    #[error("IP address {address} is already allocated on network {network}")]
    AddressInUse { address: IpAddr, network: String },
    #[error("requested static ip {address} not in any subnet on network {network}")]
    NotInSubnet { address: IpAddr, network: String },
    #[error("no free IP address left on network {0}")]
    NoFreeAddress(String),
    #[error("network {network} is used by {count} container(s): {names}")]
    InUse {
        network: String,
        count: usize,
        names: String,
    },
    #[error("default network {0} cannot be removed")]
    Default(String),
    #[error("default network {0} cannot be updated: it is podman's default, built into rpod")]
    DefaultFixed(String),
    #[error("could not find a free subnet from 10.89.0.0/24 to 10.255.255.0/24")]
    NoFreeSubnet,
    #[error("could not find a free IPv6 unique local /64 subnet")]
    NoFreeSubnet6,
    #[error("network {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl NetworksError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> NetworksError {
        let path = path.to_path_buf();
        move |source| NetworksError::Io {
            action,
            path,
            source,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            NetworksError::SubnetInUse { .. }
            | NetworksError::NoFreeSubnet
            | NetworksError::NoFreeSubnet6 => {
                Some("choose another range with --subnet, or remove unused networks".into())
            }
            NetworksError::InUse { .. } => Some(
                "remove those containers first, or use network rm -f to remove them too".into(),
            ),
            NetworksError::Name { .. } => {
                Some("names start with a letter or digit, then letters, digits, _ . or -".into())
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetConfig {
    pub subnet: Subnet,
    pub gateway: Ipv4Addr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_range: Option<LeaseRange>,
}

/// The IPv6 subnet of a dual-stack network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetConfig6 {
    pub subnet: Subnet6,
    pub gateway: Ipv6Addr,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_range: Option<LeaseRange6>,
}

/// One entry of podman's `subnets` list, which holds both families; the address tells which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnySubnet {
    V4(SubnetConfig),
    V6(SubnetConfig6),
}

impl AnySubnet {
    pub fn subnet(&self) -> String {
        match self {
            AnySubnet::V4(c) => c.subnet.to_string(),
            AnySubnet::V6(c) => c.subnet.to_string(),
        }
    }

    pub fn gateway(&self) -> IpAddr {
        match self {
            AnySubnet::V4(c) => IpAddr::V4(c.gateway),
            AnySubnet::V6(c) => IpAddr::V6(c.gateway),
        }
    }

    /// `--ip-range` as `START-END`.
    pub fn lease_range(&self) -> Option<String> {
        match self {
            AnySubnet::V4(c) => c
                .lease_range
                .map(|r| format!("{}-{}", r.start_ip, r.end_ip)),
            AnySubnet::V6(c) => c
                .lease_range
                .map(|r| format!("{}-{}", r.start_ip, r.end_ip)),
        }
    }
}

/// One network, stored and shown by `network inspect` in podman 5's shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    pub name: String,
    pub id: String,
    pub driver: String,
    /// The bridge's name in the rootless network namespace.
    pub network_interface: String,
    /// RFC 3339.
    pub created: String,
    pub subnets: Vec<AnySubnet>,
    pub ipv6_enabled: bool,
    pub internal: bool,
    pub dns_enabled: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_dns_servers: Vec<Ipv4Addr>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    pub ipam_options: BTreeMap<String, String>,
    /// `--route`: added in every container on the network.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
}

/// What `network create` asks for, validated before anything is written.
#[derive(Debug, Clone, Default)]
pub struct NetworkRequest {
    pub name: Option<String>,
    pub subnet: Option<Subnet>,
    pub gateway: Option<Ipv4Addr>,
    pub ip_range: Option<LeaseRange>,
    /// `--ipv6`, or a v6 `--subnet`: the network gets an IPv6 subnet beside its IPv4 one.
    pub ipv6: bool,
    pub subnet6: Option<Subnet6>,
    pub gateway6: Option<Ipv6Addr>,
    pub ip_range6: Option<LeaseRange6>,
    /// `--interface-name`: the bridge's name instead of the next free `rpodN`.
    pub interface: Option<String>,
    pub internal: bool,
    pub disable_dns: bool,
    pub dns: Vec<Ipv4Addr>,
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
    pub routes: Vec<Route>,
    /// `--ipam-driver none`: no subnet, and no address on the containers' interfaces.
    pub no_ipam: bool,
}

impl NetworkRequest {
    /// Checks what can be checked without the store: the name, and that the gateway and the
    /// range lie in the subnet.
    pub fn validate(&self) -> Result<(), NetworksError> {
        if let Some(name) = &self.name {
            check_network_name(name)?;
        }
        if let Some(interface) = &self.interface {
            check_interface_name(interface)?;
        }
        options::check(&self.options)?;
        self.check_no_ipam()?;
        if let Some(bridge) = self.options.get(options::DOCKER_BRIDGE_NAME) {
            check_interface_name(bridge)?;
            if self.interface.as_ref().is_some_and(|i| i != bridge) {
                return Err(NetworksError::Invalid {
                    flag: "--opt",
                    value: format!("{}={bridge}", options::DOCKER_BRIDGE_NAME),
                    reason: "--interface-name names another bridge".into(),
                });
            }
        }
        let invalid = |flag, value: String, reason: &str| NetworksError::Invalid {
            flag,
            value,
            reason: reason.into(),
        };
        match (self.subnet, self.gateway, self.ip_range) {
            (None, Some(g), _) => Err(invalid("--gateway", g.to_string(), "needs --subnet")),
            (None, _, Some(r)) => Err(invalid("--ip-range", fmt_range(r), "needs --subnet")),
            (Some(s), Some(g), _) if !s.is_host(g) => Err(invalid(
                "--gateway",
                g.to_string(),
                &format!("not a host address of subnet {s}"),
            )),
            (Some(s), _, Some(r)) if !s.is_host(r.start_ip) || !s.is_host(r.end_ip) => {
                Err(invalid(
                    "--ip-range",
                    fmt_range(r),
                    &format!("not inside subnet {s}"),
                ))
            }
            _ => Ok(()),
        }?;
        match (self.subnet6, self.gateway6, self.ip_range6) {
            (None, Some(g), _) => Err(invalid("--gateway", g.to_string(), "needs --subnet")),
            (None, _, Some(r)) => Err(invalid(
                "--ip-range",
                format!("{}-{}", r.start_ip, r.end_ip),
                "needs --subnet",
            )),
            (Some(s), Some(g), _) if !s.is_host(g) => Err(invalid(
                "--gateway",
                g.to_string(),
                &format!("not a host address of subnet {s}"),
            )),
            (Some(s), _, Some(r)) if !s.is_host(r.start_ip) || !s.contains(r.end_ip) => {
                Err(invalid(
                    "--ip-range",
                    format!("{}-{}", r.start_ip, r.end_ip),
                    &format!("not inside subnet {s}"),
                ))
            }
            _ => Ok(()),
        }
    }
}

impl NetworkRequest {
    /// A network without IPAM has no subnet, so nothing that lives on one.
    fn check_no_ipam(&self) -> Result<(), NetworksError> {
        if !self.no_ipam {
            return Ok(());
        }
        let given = [
            (self.subnet.is_some() || self.subnet6.is_some(), "--subnet"),
            (
                self.gateway.is_some() || self.gateway6.is_some(),
                "--gateway",
            ),
            (
                self.ip_range.is_some() || self.ip_range6.is_some(),
                "--ip-range",
            ),
            (self.ipv6, "--ipv6"),
            (!self.routes.is_empty(), "--route"),
            (!self.dns.is_empty(), "--dns"),
        ];
        match given.iter().find(|(set, _)| *set) {
            Some((_, flag)) => Err(NetworksError::Invalid {
                flag: "--ipam-driver",
                value: "none".into(),
                reason: format!(
                    "a network without IPAM has no subnet and assigns no addresses, so {flag} \
                     has no meaning on it"
                ),
            }),
            None => Ok(()),
        }
    }
}

/// A route's gateway must be on one of the network's subnets: the kernel adds a route only via
/// a neighbour it can reach on a link.
fn check_reachable(route: &Route, subnets: &[AnySubnet]) -> Result<(), NetworksError> {
    let on_link = subnets.iter().any(|s| match (s, route.gateway) {
        (AnySubnet::V4(c), IpAddr::V4(g)) => c.subnet.is_host(g),
        (AnySubnet::V6(c), IpAddr::V6(g)) => c.subnet.is_host(g),
        _ => false,
    });
    match on_link {
        true => Ok(()),
        false => Err(NetworksError::Invalid {
            flag: "--route",
            value: format!("{},{}", route.destination, route.gateway),
            reason: format!(
                "gateway {} is in none of the network's subnets ({})",
                route.gateway,
                subnets
                    .iter()
                    .map(AnySubnet::subnet)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

fn fmt_range(r: LeaseRange) -> String {
    format!("{}-{}", r.start_ip, r.end_ip)
}

/// A Linux interface name: 1 to 15 bytes, none of them `/`, `:` or white space.
fn check_interface_name(name: &str) -> Result<(), NetworksError> {
    let bad = name.is_empty()
        || name.len() > 15
        || name == "."
        || name == ".."
        || name.contains(['/', ':'])
        || name.chars().any(char::is_whitespace);
    match bad {
        true => Err(NetworksError::Invalid {
            flag: "--interface-name",
            value: name.to_string(),
            reason: "an interface name has 1 to 15 characters, no '/', ':' or spaces".into(),
        }),
        false => Ok(()),
    }
}

pub fn check_network_name(name: &str) -> Result<(), NetworksError> {
    let bad = |reason: &str| NetworksError::Name {
        name: name.to_string(),
        reason: reason.into(),
    };
    check_name(name).map_err(|_| bad("names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*"))?;
    if RESERVED.contains(&name) {
        return Err(NetworksError::Reserved(name.to_string()));
    }
    Ok(())
}

pub use crate::network::mode::DEFAULT_NETWORK;

/// The default network as podman defines it (its id, interface, subnet and gateway are
/// podman's, so tools that know podman's find the same values).
fn default_network() -> Network {
    let subnet = Subnet {
        addr: Ipv4Addr::new(10, 88, 0, 0),
        prefix_len: 16,
    };
    Network {
        name: DEFAULT_NETWORK.into(),
        id: "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9".into(),
        driver: "bridge".into(),
        network_interface: "podman0".into(),
        created: jiff::Timestamp::now().to_string(),
        subnets: vec![AnySubnet::V4(SubnetConfig {
            subnet,
            gateway: subnet.first_host(),
            lease_range: None,
        })],
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        network_dns_servers: Vec::new(),
        labels: BTreeMap::new(),
        options: BTreeMap::new(),
        ipam_options: BTreeMap::from([("driver".into(), "host-local".into())]),
        routes: Vec::new(),
    }
}

impl Network {
    /// Whether this is the default network, which `network rm` and `prune` leave.
    pub fn is_default(&self) -> bool {
        self.name == DEFAULT_NETWORK
    }

    /// What the network's `-o` options ask of its containers' interfaces and routes; a record
    /// written by hand with an option rpod does not take fails here rather than being ignored.
    pub fn link_options(&self) -> Result<options::LinkOptions, NetworksError> {
        options::check(&self.options)
    }

    /// The IPv4 subnet, which every rpod network has.
    pub fn v4(&self) -> Option<&SubnetConfig> {
        self.subnets.iter().find_map(|s| match s {
            AnySubnet::V4(c) => Some(c),
            AnySubnet::V6(_) => None,
        })
    }

    /// The IPv6 subnet of a dual-stack network.
    pub fn v6(&self) -> Option<&SubnetConfig6> {
        self.subnets.iter().find_map(|s| match s {
            AnySubnet::V6(c) => Some(c),
            AnySubnet::V4(_) => None,
        })
    }
}

pub struct Networks {
    dir: PathBuf,
}

impl Networks {
    /// The networks recorded in `dir`: `ROOT/networks`, or `--network-config-dir`.
    pub fn open(dir: &Path) -> Networks {
        Networks {
            dir: dir.to_path_buf(),
        }
    }

    fn record(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    fn lock(&self) -> Result<lock::Guard, NetworksError> {
        fs::create_dir_all(&self.dir).map_err(NetworksError::io("create", &self.dir))?;
        let path = self.dir.join(".lock");
        lock::exclusive(&path).map_err(NetworksError::io("lock", &path))
    }

    /// Creates a network; without a name it is called `rpodN`, without a subnet it gets the
    /// first free /24 from 10.89.0.0.
    pub fn create(&self, request: NetworkRequest) -> Result<Network, NetworksError> {
        request.validate()?;
        let _guard = self.lock()?;
        let existing = self.list()?;
        let name = match request.name.clone() {
            Some(n) if existing.iter().any(|e| e.name == n) => {
                return Err(NetworksError::Exists(n));
            }
            Some(n) => n,
            None => free_interface(&existing, |n| format!("rpod{n}")),
        };
        let wanted = request
            .interface
            .clone()
            .or_else(|| request.options.get(options::DOCKER_BRIDGE_NAME).cloned());
        let interface = match wanted {
            Some(wanted) => match existing.iter().find(|e| e.network_interface == wanted) {
                Some(user) => {
                    return Err(NetworksError::InterfaceInUse {
                        interface: wanted,
                        network: user.name.clone(),
                    });
                }
                None => wanted,
            },
            None => free_interface(&existing, |n| format!("rpod{n}")),
        };
        let subnets = match request.no_ipam {
            true => Vec::new(),
            false => subnets(&existing, &request)?,
        };
        let ipv6 = subnets.iter().any(|s| matches!(s, AnySubnet::V6(_)));
        let network = Network {
            name,
            id: crate::ids::ContainerId::random().to_string(),
            driver: "bridge".into(),
            network_interface: interface,
            created: jiff::Timestamp::now().to_string(),
            subnets,
            ipv6_enabled: ipv6,
            internal: request.internal,
            // Names resolve to addresses: a network without them answers none.
            dns_enabled: !request.disable_dns && !request.no_ipam,
            network_dns_servers: request.dns,
            labels: request.labels,
            options: request.options,
            ipam_options: BTreeMap::from([(
                "driver".into(),
                match request.no_ipam {
                    true => "none",
                    false => "host-local",
                }
                .into(),
            )]),
            routes: request.routes,
        };
        let path = self.record(&network.name);
        atomic::write_json(&path, &network).map_err(NetworksError::io("write", &path))?;
        Ok(network)
    }

    /// A network by its full name, or by its id or an unambiguous prefix of it.
    pub fn get(&self, name_or_id: &str) -> Result<Network, NetworksError> {
        if check_name(name_or_id).is_ok()
            && let Some(n) = self.read(&self.record(name_or_id))?
        {
            return Ok(n);
        }
        if name_or_id == DEFAULT_NETWORK {
            return Ok(default_network());
        }
        let mut by_id = self
            .list()?
            .into_iter()
            .filter(|n| n.id.starts_with(name_or_id));
        match (by_id.next(), by_id.next()) {
            (Some(n), None) => Ok(n),
            _ => Err(NetworksError::NotFound(name_or_id.to_string())),
        }
    }

    fn read(&self, path: &Path) -> Result<Option<Network>, NetworksError> {
        match fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| NetworksError::io("read", path)(io::Error::other(e))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(NetworksError::io("read", path)(e)),
        }
    }

    pub fn list(&self) -> Result<Vec<Network>, NetworksError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => Some(e),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(NetworksError::io("list", &self.dir)(e)),
        };
        let mut out = Vec::new();
        for entry in entries.into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json")
                && let Some(n) = self.read(&path)?
            {
                out.push(n);
            }
        }
        // A store made before rpod had the default network may hold one of that name.
        if !out.iter().any(Network::is_default) {
            out.push(default_network());
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Removes a network's record. The caller has dealt with the containers on it.
    pub fn remove(&self, name_or_id: &str) -> Result<Network, NetworksError> {
        let _guard = self.lock()?;
        let network = self.get(name_or_id)?;
        if network.is_default() {
            return Err(NetworksError::Default(network.name));
        }
        let path = self.record(&network.name);
        fs::remove_file(&path).map_err(NetworksError::io("remove", &path))?;
        atomic::sync_dir(&self.dir).map_err(NetworksError::io("remove", &self.dir))?;
        self.drop_leases(&network.name);
        Ok(network)
    }
}

impl Networks {
    /// `network update`: `add` joins the network's DNS servers (once each), then `drop`
    /// leaves them; returns the network as written.
    pub fn update_dns(
        &self,
        name_or_id: &str,
        add: &[Ipv4Addr],
        drop: &[Ipv4Addr],
    ) -> Result<Network, NetworksError> {
        let _guard = self.lock()?;
        let mut network = self.get(name_or_id)?;
        if network.is_default() {
            return Err(NetworksError::DefaultFixed(network.name));
        }
        for server in add {
            if !network.network_dns_servers.contains(server) {
                network.network_dns_servers.push(*server);
            }
        }
        network.network_dns_servers.retain(|s| !drop.contains(s));
        let path = self.record(&network.name);
        atomic::write_json(&path, &network).map_err(NetworksError::io("write", &path))?;
        Ok(network)
    }
}

/// A new network's subnets: its IPv4 one, and with `--ipv6` (or a v6 `--subnet`) its IPv6
/// one; its `--route`s must lead through them.
fn subnets(
    existing: &[Network],
    request: &NetworkRequest,
) -> Result<Vec<AnySubnet>, NetworksError> {
    let subnet = pick_subnet(existing, request.subnet)?;
    let mut subnets = vec![AnySubnet::V4(SubnetConfig {
        subnet,
        gateway: request.gateway.unwrap_or_else(|| subnet.first_host()),
        lease_range: request.ip_range,
    })];
    if request.ipv6 || request.subnet6.is_some() {
        let subnet = pick_subnet6(existing, request.subnet6)?;
        subnets.push(AnySubnet::V6(SubnetConfig6 {
            subnet,
            gateway: request.gateway6.unwrap_or_else(|| subnet.first_host()),
            lease_range: request.ip_range6,
        }));
    }
    for route in &request.routes {
        check_reachable(route, &subnets)?;
    }
    Ok(subnets)
}

/// The requested IPv4 subnet when no other network overlaps it, else the first free /24.
fn pick_subnet(existing: &[Network], requested: Option<Subnet>) -> Result<Subnet, NetworksError> {
    let used = existing
        .iter()
        .filter_map(|n| Some((n.v4()?.subnet, n.name.as_str())));
    pick(
        used.collect(),
        requested,
        Subnet::overlaps,
        Subnet::allocate,
    )
    .ok_or(NetworksError::NoFreeSubnet)?
}

/// [`pick_subnet`] for the IPv6 side: a random unique local /64 unless one is asked for.
fn pick_subnet6(
    existing: &[Network],
    requested: Option<Subnet6>,
) -> Result<Subnet6, NetworksError> {
    let used = existing
        .iter()
        .filter_map(|n| Some((n.v6()?.subnet, n.name.as_str())));
    pick(
        used.collect(),
        requested,
        Subnet6::overlaps,
        Subnet6::allocate,
    )
    .ok_or(NetworksError::NoFreeSubnet6)?
}

/// `requested` unless a network of `used` overlaps it; without one, what `allocate` finds
/// (None: nothing free).
fn pick<S: Copy + std::fmt::Display>(
    used: Vec<(S, &str)>,
    requested: Option<S>,
    overlaps: fn(S, S) -> bool,
    allocate: fn(&[S]) -> Option<S>,
) -> Option<Result<S, NetworksError>> {
    match requested {
        Some(want) => Some(match used.iter().find(|(s, _)| overlaps(*s, want)) {
            Some((_, network)) => Err(NetworksError::SubnetInUse {
                subnet: want.to_string(),
                network: network.to_string(),
            }),
            None => Ok(want),
        }),
        None => {
            let subnets: Vec<S> = used.iter().map(|(s, _)| *s).collect();
            allocate(&subnets).map(Ok)
        }
    }
}

/// The first `rpodN` (N from 1) that no existing network uses as its name or bridge.
fn free_interface(existing: &[Network], name: impl Fn(u32) -> String) -> String {
    (1..)
        .map(name)
        .find(|n| {
            existing
                .iter()
                .all(|e| &e.network_interface != n && &e.name != n)
        })
        .expect("an unused number")
}

#[cfg(test)]
mod tests;
