//! `rpod network <verb>`: user-defined networks.

use clap::{Args, Subcommand};

use super::{GlobalFlags, style};
use crate::error::Error;

pub mod connect;
pub mod create;
pub mod inspect;
pub mod ls;
pub mod reload;
pub mod rm;
pub mod update;

/// Manage networks
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod network COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct NetworkGroup {
    #[command(subcommand)]
    pub command: NetworkCommand,
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    Connect(connect::ConnectArgs),
    Create(create::CreateArgs),
    Disconnect(connect::DisconnectArgs),
    Exists(inspect::ExistsArgs),
    Inspect(inspect::InspectArgs),
    #[command(name = "ls", visible_alias = "list")]
    Ls(ls::LsArgs),
    Prune(rm::PruneArgs),
    Reload(reload::ReloadArgs),
    #[command(name = "rm", visible_alias = "remove")]
    Rm(rm::RmArgs),
    Update(update::UpdateArgs),
}

pub fn run(cmd: NetworkCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        NetworkCommand::Connect(a) => connect::connect(a, global),
        NetworkCommand::Create(a) => create::run(a, global),
        NetworkCommand::Disconnect(a) => connect::disconnect(a, global),
        NetworkCommand::Exists(a) => inspect::exists(a, global),
        NetworkCommand::Inspect(a) => inspect::run(a, global),
        NetworkCommand::Ls(a) => ls::run(a, global),
        NetworkCommand::Prune(a) => rm::prune(a, global),
        NetworkCommand::Reload(a) => reload::run(a, global),
        NetworkCommand::Rm(a) => rm::run(a, global),
        NetworkCommand::Update(a) => update::run(a, global),
    }
}
