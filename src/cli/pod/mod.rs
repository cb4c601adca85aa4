//! `rpod pod <verb>`: pods, groups of containers.

use clap::{Args, Subcommand};

use super::{GlobalFlags, style};
use crate::error::Error;

pub mod clone;
pub mod create;
pub mod inspect;
pub mod ls;
pub mod observe;
pub mod options;
pub mod verbs;

/// Manage pods
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod pod COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct PodGroup {
    #[command(subcommand)]
    pub command: PodCommand,
}

#[derive(Debug, Subcommand)]
pub enum PodCommand {
    Clone(Box<clone::CloneArgs>),
    Create(Box<create::CreateArgs>),
    Exists(inspect::ExistsArgs),
    Inspect(inspect::InspectArgs),
    Kill(verbs::KillArgs),
    Logs(observe::LogsArgs),
    Pause(verbs::PauseArgs),
    #[command(name = "ps", visible_alias = "ls", alias = "list")]
    Ps(ls::PsArgs),
    Prune(verbs::PruneArgs),
    Restart(verbs::RestartArgs),
    #[command(name = "rm", visible_alias = "remove")]
    Rm(verbs::RmArgs),
    Start(verbs::StartArgs),
    Stats(observe::StatsArgs),
    Stop(verbs::StopArgs),
    Top(observe::TopArgs),
    Unpause(verbs::UnpauseArgs),
}

pub fn run(cmd: PodCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        PodCommand::Clone(a) => clone::run(*a, global),
        PodCommand::Create(a) => create::run(*a, global),
        PodCommand::Exists(a) => inspect::exists(a, global),
        PodCommand::Inspect(a) => inspect::run(a, global),
        PodCommand::Kill(a) => verbs::kill(a, global),
        PodCommand::Logs(a) => observe::logs(a, global),
        PodCommand::Pause(a) => verbs::pause(a, global),
        PodCommand::Ps(a) => ls::run(a, global),
        PodCommand::Prune(a) => verbs::prune(a, global),
        PodCommand::Restart(a) => verbs::restart(a, global),
        PodCommand::Rm(a) => verbs::rm(a, global),
        PodCommand::Start(a) => verbs::start(a, global),
        PodCommand::Stop(a) => verbs::stop(a, global),
        PodCommand::Stats(a) => observe::stats(a, global),
        PodCommand::Top(a) => observe::top(a, global),
        PodCommand::Unpause(a) => verbs::unpause(a, global),
    }
}
