//! Commands about rpod and the host: version, info, doctor.

use clap::{Args, Subcommand};

use super::{GlobalFlags, style};
use crate::error::Error;

pub mod doctor;
pub mod events;
pub mod info;
pub mod service;
pub mod store;
pub mod version;

/// Manage rpod: disk use, pruning, resetting
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod system COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct SystemGroup {
    #[command(subcommand)]
    pub command: SystemVerb,
}

#[derive(Debug, Subcommand)]
pub enum SystemVerb {
    Check(store::CheckArgs),
    Df(store::DfArgs),
    Doctor(doctor::DoctorArgs),
    Events(events::EventsArgs),
    Info(info::InfoArgs),
    Migrate(store::MigrateArgs),
    Prune(store::PruneArgs),
    Renumber(store::RenumberArgs),
    Reset(store::ResetArgs),
    Service(service::ServiceArgs),
}

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    Events(events::EventsArgs),
    Info(info::InfoArgs),
    System(SystemGroup),
    Version(version::VersionArgs),
}

pub fn run(cmd: SystemCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        SystemCommand::Events(args) => events::run(args, global),
        SystemCommand::Info(args) => info::run(args, global),
        SystemCommand::System(group) => match group.command {
            SystemVerb::Check(args) => store::check(args, global),
            SystemVerb::Df(args) => store::df(args, global),
            SystemVerb::Doctor(args) => doctor::run(args, global),
            SystemVerb::Events(args) => events::run(args, global),
            SystemVerb::Info(args) => info::run(args, global),
            SystemVerb::Migrate(args) => store::migrate(args),
            SystemVerb::Prune(args) => store::prune(args, global),
            SystemVerb::Renumber(_) => store::nothing_to_do(
                "rpod has no lock numbers to reassign: each container's lock is a file of its own",
            ),
            SystemVerb::Reset(args) => store::reset(args, global),
            SystemVerb::Service(args) => service::run(args, global),
        },
        SystemCommand::Version(args) => version::run(args, global),
    }
}
