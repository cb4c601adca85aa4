//! Image commands: `rpod image <verb>` and their top-level aliases (`pull`, `images`, `rmi`, …).

use clap::{Args, Subcommand};

use super::{GlobalFlags, style};
use crate::error::Error;

pub mod build;
mod build_cache;
mod build_compat;
mod build_flags;
mod build_more;
mod build_sbom;
pub mod exists;
pub mod history;
pub mod images;
pub mod import;
pub mod inspect;
pub mod layers;
pub mod load;
pub mod login;
pub mod mount;
pub mod prune;
pub mod pull;
pub mod push;
pub mod rmi;
pub mod save;
pub mod search;
pub mod sign;
pub mod sign_flags;
pub mod tag;
pub mod trust;
pub mod untag;

/// Manage images
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod image COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct ImageGroup {
    #[command(subcommand)]
    pub command: ImageCommand,
}

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    Build(build::BuildArgs),
    Diff(layers::DiffArgs),
    Exists(exists::ExistsArgs),
    History(history::HistoryArgs),
    Import(import::ImportArgs),
    Inspect(inspect::InspectArgs),
    Load(load::LoadArgs),
    #[command(name = "ls", visible_alias = "list")]
    Ls(images::ImagesArgs),
    Mount(mount::MountArgs),
    Prune(prune::PruneArgs),
    Pull(pull::PullArgs),
    Push(push::PushArgs),
    #[command(name = "rm")]
    Rm(rmi::RmiArgs),
    Save(save::SaveArgs),
    Search(search::SearchArgs),
    Sign(sign::SignArgs),
    Tag(tag::TagArgs),
    Tree(layers::TreeArgs),
    Trust(trust::TrustGroup),
    #[command(visible_alias = "umount")]
    Unmount(mount::UnmountArgs),
    Untag(untag::UntagArgs),
}

pub fn run(cmd: ImageCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        ImageCommand::Build(a) => build::run(a, global),
        ImageCommand::Diff(a) => layers::diff(a, global),
        ImageCommand::Exists(a) => exists::run(a, global),
        ImageCommand::History(a) => history::run(a, global),
        ImageCommand::Import(a) => import::run(a, global),
        ImageCommand::Inspect(a) => inspect::run(a, global),
        ImageCommand::Load(a) => load::run(a, global),
        ImageCommand::Ls(a) => images::run(a, global),
        ImageCommand::Mount(a) => mount::mount(a, global),
        ImageCommand::Prune(a) => prune::run(a, global),
        ImageCommand::Pull(a) => pull::run(a, global),
        ImageCommand::Push(a) => push::run(a, global),
        ImageCommand::Rm(a) => rmi::run(a, global),
        ImageCommand::Save(a) => save::run(a, global),
        ImageCommand::Search(a) => search::run(a, global),
        ImageCommand::Sign(a) => sign::run(a, global),
        ImageCommand::Tag(a) => tag::run(a, global),
        ImageCommand::Trust(a) => trust::run(a, global),
        ImageCommand::Tree(a) => layers::tree(a, global),
        ImageCommand::Unmount(a) => mount::unmount(a, global),
        ImageCommand::Untag(a) => untag::run(a, global),
    }
}
