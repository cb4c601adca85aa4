//! Commands about rpod and the host: version, info.

use clap::Subcommand;

use super::GlobalFlags;
use crate::error::Error;

pub mod info;
pub mod version;

#[derive(Debug, Subcommand)]
pub enum SystemCommand {
    Info(info::InfoArgs),
    Version(version::VersionArgs),
    /// Internal: the storage probe's child process.
    #[command(name = "__probe-overlay", hide = true)]
    ProbeOverlay {
        dir: std::path::PathBuf,
    },
}

pub fn run(cmd: SystemCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        SystemCommand::Info(args) => info::run(args, global),
        SystemCommand::Version(args) => version::run(args, global),
        SystemCommand::ProbeOverlay { dir } => match crate::monitor::probe::overlay_child(&dir) {
            Ok(()) => Ok(0),
            Err(problem) => {
                eprintln!("{problem}");
                Ok(1)
            }
        },
    }
}
