//! `rpod network create`.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::networks::{LeaseRange, LeaseRange6, NetworkRequest, Route, Subnet, check_network_name};

/// Create a network
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network create [options] [NAME]")]
pub struct CreateArgs {
    /// Network driver (only bridge)
    #[arg(short, long, default_value = "bridge", value_name = "DRIVER")]
    pub driver: String,
    /// Subnet in CIDR form, one IPv4 and one IPv6 at most (default: the first free /24 from
    /// 10.89.0.0, and with --ipv6 a random fd00::/8 /64)
    #[arg(long, value_name = "SUBNET")]
    pub subnet: Vec<String>,
    /// Gateway of the subnet given in the same position (default: its first address)
    #[arg(long, value_name = "IP")]
    pub gateway: Vec<String>,
    /// Addresses containers get from the subnet in the same position: a CIDR inside it, or
    /// START-END
    #[arg(long, value_name = "RANGE")]
    pub ip_range: Vec<String>,
    /// The bridge's name (default: the next free rpodN)
    #[arg(long, value_name = "NAME")]
    pub interface_name: Option<String>,
    /// How containers get their addresses: host-local (rpod leases them), or none (the
    /// network has no subnet and its containers' interfaces no address)
    #[arg(long, value_name = "DRIVER")]
    pub ipam_driver: Option<String>,
    /// Enable IPv6 (dual stack): the network gets an IPv6 subnet beside its IPv4 one
    #[arg(long)]
    pub ipv6: bool,
    /// Keep the network off the outside world
    #[arg(long)]
    pub internal: bool,
    /// Do not resolve container names on this network
    #[arg(long)]
    pub disable_dns: bool,
    /// DNS servers containers on this network use
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub dns: Vec<String>,
    /// Set metadata on the network (KEY=VALUE)
    #[arg(long = "label", value_name = "LABEL")]
    pub label: Vec<String>,
    /// A static route every container on the network gets: DESTINATION,GATEWAY[,METRIC]
    /// (the gateway on one of the network's subnets)
    #[arg(long, value_name = "ROUTE")]
    pub route: Vec<String>,
    /// Driver options: mtu=N, metric=N (the default route's), no_default_route=1,
    /// isolate=true|strict (always so), com.docker.network.bridge.name=NAME
    #[arg(short, long = "opt", value_name = "OPTION")]
    pub opt: Vec<String>,
    /// Succeed quietly when the network exists
    #[arg(long)]
    pub ignore: bool,
    /// Name of the network (default: rpodN)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

fn invalid(flag: &str, value: &str, reason: impl std::fmt::Display) -> Error {
    Error::Usage(format!("invalid {flag} {value:?}: {reason}"))
}

fn ipv4(flag: &str, value: &str) -> Result<Ipv4Addr, Error> {
    value
        .parse()
        .map_err(|_| invalid(flag, value, "not an IPv4 address"))
}

/// `--opt KEY=VALUE`; which keys and values the bridge driver takes is the request's check.
fn options(opts: &[String]) -> Result<BTreeMap<String, String>, Error> {
    opts.iter()
        .map(|o| match o.split_once('=') {
            Some((k, v)) => Ok((k.to_string(), v.to_string())),
            None => Err(invalid("--opt", o, "expected KEY=VALUE")),
        })
        .collect()
}

fn request(args: &CreateArgs) -> Result<NetworkRequest, Error> {
    if args.driver != "bridge" {
        return Err(invalid(
            "--driver",
            &args.driver,
            "rpod has the bridge driver only",
        ));
    }
    if let Some(name) = &args.name {
        check_network_name(name)?;
    }
    match args.ipam_driver.as_deref() {
        None | Some("host-local" | "none") => {}
        Some(driver @ "dhcp") => {
            return Err(invalid(
                "--ipam-driver",
                driver,
                "rpod's bridges live in its rootless network namespace, where no DHCP server or \
                 proxy reaches them; rpod leases the addresses itself (host-local)",
            ));
        }
        Some(driver) => {
            return Err(invalid(
                "--ipam-driver",
                driver,
                "known drivers are host-local, dhcp and none",
            ));
        }
    }
    let mut request = NetworkRequest {
        name: args.name.clone(),
        ipv6: args.ipv6,
        interface: args.interface_name.clone(),
        internal: args.internal,
        disable_dns: args.disable_dns,
        dns: args
            .dns
            .iter()
            .map(|d| ipv4("--dns", d))
            .collect::<Result<_, _>>()?,
        labels: crate::cli::flags::labels::parse(&args.label)?,
        options: options(&args.opt)?,
        no_ipam: args.ipam_driver.as_deref() == Some("none"),
        routes: args
            .route
            .iter()
            .map(|r| Route::parse(r).map_err(|reason| invalid("--route", r, reason)))
            .collect::<Result<_, _>>()?,
        ..NetworkRequest::default()
    };
    subnets(args, &mut request)?;
    Ok(request)
}

/// `--subnet`, `--gateway` and `--ip-range`, matched by position as podman matches them; the
/// subnet's family says which side of the network each belongs to.
fn subnets(args: &CreateArgs, request: &mut NetworkRequest) -> Result<(), Error> {
    for (flag, extra) in [("--gateway", &args.gateway), ("--ip-range", &args.ip_range)] {
        if let Some(value) = extra.get(args.subnet.len()) {
            return Err(invalid(
                flag,
                value,
                "needs --subnet, given in the same position",
            ));
        }
    }
    for (n, subnet) in args.subnet.iter().enumerate() {
        let gateway = args.gateway.get(n).map(String::as_str);
        let range = args.ip_range.get(n).map(String::as_str);
        let twice = || {
            invalid(
                "--subnet",
                subnet,
                "only one subnet of each family is supported",
            )
        };
        if subnet.contains(':') {
            if request.subnet6.is_some() {
                return Err(twice());
            }
            request.subnet6 = Some(subnet.parse().map_err(|e| invalid("--subnet", subnet, e))?);
            request.gateway6 = gateway
                .map(|g| {
                    g.parse()
                        .map_err(|_| invalid("--gateway", g, "not an IPv6 address"))
                })
                .transpose()?;
            request.ip_range6 = range
                .map(|r| LeaseRange6::parse(r).map_err(|e| invalid("--ip-range", r, e)))
                .transpose()?;
        } else {
            if request.subnet.is_some() {
                return Err(twice());
            }
            request.subnet = Some(
                subnet
                    .parse::<Subnet>()
                    .map_err(|e| invalid("--subnet", subnet, e))?,
            );
            request.gateway = gateway.map(|g| ipv4("--gateway", g)).transpose()?;
            request.ip_range = range
                .map(|r| LeaseRange::parse(r).map_err(|e| invalid("--ip-range", r, e)))
                .transpose()?;
        }
    }
    Ok(())
}

pub fn run(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let request = request(&args)?;
    request.validate()?;
    // podman would make an IPv6-only network; rpod's containers always take an IPv4 address
    // (their /etc files and the DNS responder are reached over it), so it adds one.
    let v6_only = request.subnet6.is_some() && request.subnet.is_none();
    let ctx = Context::load(global)?;
    let networks = ctx.networks()?;
    let network = match networks.create(request) {
        Err(crate::networks::NetworksError::Exists(name)) if args.ignore => networks.get(&name)?,
        other => {
            let created = other?;
            if let (true, Some(v4)) = (v6_only, created.v4()) {
                tracing::warn!(
                    "network {}: rpod's networks are dual stack, IPv4 subnet {} added beside the IPv6 one",
                    created.name,
                    v4.subnet
                );
            }
            ctx.event("network", "create", &created.id, &created.name);
            created
        }
    };
    out(&format!("{}\n", network.name))?;
    Ok(0)
}
