//! Commands about rpod and the host: version, info.

use clap::Subcommand;

use super::GlobalFlags;
use crate::error::Error;

pub mod version;

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    Version(version::VersionArgs),
}

pub fn run(cmd: SystemCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        SystemCommand::Version(args) => version::run(args, global),
    }
}
