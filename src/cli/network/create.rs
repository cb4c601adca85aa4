//! `rpod network create`.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::networks::{LeaseRange, NetworkRequest, Subnet, check_network_name};

/// Create a network
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network create [options] [NAME]")]
pub struct CreateArgs {
    /// Network driver (only bridge)
    #[arg(short, long, default_value = "bridge", value_name = "DRIVER")]
    pub driver: String,
    /// Subnet in CIDR form (default: the first free /24 from 10.89.0.0)
    #[arg(long, value_name = "SUBNET")]
    pub subnet: Option<String>,
    /// Gateway of the subnet (default: its first address)
    #[arg(long, value_name = "IP")]
    pub gateway: Option<String>,
    /// Addresses containers get: a CIDR inside the subnet, or START-END
    #[arg(long, value_name = "RANGE")]
    pub ip_range: Option<String>,
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
    /// Driver options (bridge: mtu=N)
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

/// `--opt`: only what the bridge driver honours.
fn options(opts: &[String]) -> Result<BTreeMap<String, String>, Error> {
    opts.iter()
        .map(|o| match o.split_once('=') {
            Some(("mtu", v)) if v.parse::<u16>().is_ok_and(|m| m >= 576) => {
                Ok(("mtu".to_string(), v.to_string()))
            }
            Some(("mtu", _)) => Err(invalid(
                "--opt",
                o,
                "mtu must be a number from 576 to 65535",
            )),
            _ => Err(invalid("--opt", o, "rpod's bridge driver takes only mtu=N")),
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
    let subnet = args
        .subnet
        .as_deref()
        .map(|s| s.parse::<Subnet>().map_err(|e| invalid("--subnet", s, e)))
        .transpose()?;
    let ip_range = args
        .ip_range
        .as_deref()
        .map(|r| LeaseRange::parse(r).map_err(|e| invalid("--ip-range", r, e)))
        .transpose()?;
    Ok(NetworkRequest {
        name: args.name.clone(),
        subnet,
        gateway: args
            .gateway
            .as_deref()
            .map(|g| ipv4("--gateway", g))
            .transpose()?,
        ip_range,
        internal: args.internal,
        disable_dns: args.disable_dns,
        dns: args
            .dns
            .iter()
            .map(|d| ipv4("--dns", d))
            .collect::<Result<_, _>>()?,
        labels: crate::cli::flags::labels::parse(&args.label)?,
        options: options(&args.opt)?,
    })
}

pub fn run(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let request = request(&args)?;
    request.validate()?;
    let ctx = Context::load(global)?;
    let networks = ctx.networks()?;
    let network = match networks.create(request) {
        Err(crate::networks::NetworksError::Exists(name)) if args.ignore => networks.get(&name)?,
        other => {
            let created = other?;
            ctx.event("network", "create", &created.id, &created.name);
            created
        }
    };
    out(&format!("{}\n", network.name))?;
    Ok(0)
}
