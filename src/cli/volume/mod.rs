//! `rpod volume <verb>`: named volumes.

use clap::{Args, Subcommand};

use super::{GlobalFlags, style};
use crate::error::Error;

pub mod archive;
pub mod create;
pub mod inspect;
pub mod ls;
pub mod mount;
pub mod rm;

/// Manage volumes
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod volume COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct VolumeGroup {
    #[command(subcommand)]
    pub command: VolumeCommand,
}

#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    Create(create::CreateArgs),
    Exists(inspect::ExistsArgs),
    Export(archive::ExportArgs),
    Import(archive::ImportArgs),
    Inspect(inspect::InspectArgs),
    #[command(name = "ls", visible_alias = "list")]
    Ls(ls::LsArgs),
    Mount(mount::MountArgs),
    Prune(rm::PruneArgs),
    Reload(ReloadArgs),
    #[command(name = "rm", visible_alias = "remove")]
    Rm(rm::RmArgs),
    #[command(visible_alias = "umount")]
    Unmount(mount::UnmountArgs),
}

pub fn run(cmd: VolumeCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        VolumeCommand::Create(a) => create::run(a, global),
        VolumeCommand::Exists(a) => inspect::exists(a, global),
        VolumeCommand::Export(a) => archive::export(a, global),
        VolumeCommand::Import(a) => archive::import(a, global),
        VolumeCommand::Inspect(a) => inspect::run(a, global),
        VolumeCommand::Ls(a) => ls::run(a, global),
        VolumeCommand::Mount(a) => mount::mount(a, global),
        VolumeCommand::Prune(a) => rm::prune(a, global),
        VolumeCommand::Reload(_) => crate::cli::system::store::nothing_to_do(
            "rpod's volumes are all local (it has no volume plugins to reload from)",
        ),
        VolumeCommand::Rm(a) => rm::run(a, global),
        VolumeCommand::Unmount(a) => mount::unmount(a, global),
    }
}

/// Reload volumes from volume plugins (rpod has none)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod volume reload")]
pub struct ReloadArgs {}
