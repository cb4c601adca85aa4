//! `rpod network update`.

use std::net::Ipv4Addr;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::network_use;
use crate::error::Error;

/// Update a network's DNS servers
///
/// The servers the network's DNS responder forwards to for every name that is not a
/// container's, as `network create --dns` set them. Running containers use the new list at
/// once.
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod network update [options] NETWORK")]
pub struct UpdateArgs {
    /// Add DNS servers to the network's list
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub dns_add: Vec<Ipv4Addr>,
    /// Remove DNS servers from the network's list
    #[arg(long, value_name = "IP", value_delimiter = ',')]
    pub dns_drop: Vec<Ipv4Addr>,
    #[arg(value_name = "NETWORK")]
    pub network: String,
}

pub fn run(args: UpdateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    network_use::update_dns(&engine, &args.network, &args.dns_add, &args.dns_drop)?;
    out(&format!("{}\n", args.network))?;
    Ok(0)
}
