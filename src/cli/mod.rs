//! The command line: clap definitions grouped by object, one file per verb. Each verb builds
//! an options struct, calls one engine function and formats what it returns.

use std::ffi::OsString;
use std::io::Write;

use clap::{Parser, Subcommand};

use crate::error::Error;

pub mod style;
pub mod system;

#[derive(Debug, Parser)]
#[command(
    name = "rpod",
    about = "Manage pods, containers and images, rootless and without a daemon",
    version,
    disable_help_subcommand = true,
    help_template = style::ROOT_TEMPLATE,
    subcommand_help_heading = "Available Commands",
    next_line_help = false
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalFlags,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts, as podman names them.
#[derive(Debug, clap::Args)]
pub struct GlobalFlags {
    /// Path to the persistent storage (images, containers, volumes)
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<std::path::PathBuf>,
    /// Path to the runtime state (sockets, pids, locks)
    #[arg(long, global = true, value_name = "PATH")]
    pub runroot: Option<std::path::PathBuf>,
    /// Log messages at this level and above
    #[arg(long, global = true, value_name = "LEVEL", default_value = "warn",
          value_parser = ["error", "warn", "info", "debug", "trace"])]
    pub log_level: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(flatten)]
    System(system::SystemCommand),
}

/// Parses argv, runs the command, and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<u8, Error> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return style::usage_error(e),
    };
    init_logging(&cli.global.log_level);
    match cli.command {
        Command::System(cmd) => system::run(cmd, &cli.global),
    }
}

fn init_logging(level: &str) {
    let level: tracing::Level = level.parse().unwrap_or(tracing::Level::WARN);
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
}

/// Writes command output to stdout; a failure (a closed pipe) ends the command.
pub fn out(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Error::Output)
}
