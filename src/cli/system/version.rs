//! `rpod version`.

use clap::Args;

use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;

/// Display the rpod version information
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod version [options]")]
pub struct VersionArgs {}

pub fn run(_args: VersionArgs, _global: &GlobalFlags) -> Result<u8, Error> {
    out(&format!(
        "Version:      {}\nOS/Arch:      linux/{}\n",
        env!("CARGO_PKG_VERSION"),
        crate::image::manifest::host_arch()
    ))?;
    Ok(0)
}
