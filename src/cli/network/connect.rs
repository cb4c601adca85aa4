//! `rpod network connect` and `rpod network disconnect`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, style};
use crate::container::network_connect::{self, ConnectRequest};
use crate::error::Error;

/// Connect a container to a network
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network connect [options] NETWORK CONTAINER")]
pub struct ConnectArgs {
    /// A name the container also answers to on this network
    #[arg(long, value_name = "NAME")]
    pub alias: Vec<String>,
    /// The container's IPv4 address on this network
    #[arg(long, value_name = "ADDRESS")]
    pub ip: Option<String>,
    /// The container's IPv6 address on this dual-stack network
    #[arg(long, value_name = "ADDRESS")]
    pub ip6: Option<String>,
    /// The container's MAC address on this network
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    #[arg(value_name = "NETWORK")]
    pub network: String,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn connect(args: ConnectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let request =
        ConnectRequest::parse(args.alias, args.ip.as_deref(), args.mac_address.as_deref())?
            .with_ip6(args.ip6.as_deref())?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    network_connect::connect(&engine, &args.network, &args.container, &request)?;
    Ok(0)
}

/// Disconnect a container from a network
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network disconnect [options] NETWORK CONTAINER")]
pub struct DisconnectArgs {
    /// Disconnect even when the running container's interface cannot be removed
    #[arg(short, long)]
    pub force: bool,
    #[arg(value_name = "NETWORK")]
    pub network: String,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn disconnect(args: DisconnectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    network_connect::disconnect(&engine, &args.network, &args.container, args.force)?;
    Ok(0)
}
