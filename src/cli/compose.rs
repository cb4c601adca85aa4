//! `rpod compose ARGS…`: runs a compose provider with rpod as its podman, as `podman compose`
//! does: `PODMAN_COMPOSE_PROVIDER`, else podman-compose on PATH.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{GlobalFlags, style};
use crate::error::Error;

/// Run a compose provider (podman-compose) with rpod as its podman
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod compose [options] [ARGS...]", disable_help_flag = true)]
pub struct ComposeArgs {
    /// The provider's arguments (`up -d`, `down`, `--help`, …)
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    pub args: Vec<OsString>,
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// The provider: `PODMAN_COMPOSE_PROVIDER` (a path or a name on PATH), else podman-compose.
fn provider() -> Result<PathBuf, Error> {
    match std::env::var_os("PODMAN_COMPOSE_PROVIDER").filter(|v| !v.is_empty()) {
        Some(given) if Path::new(&given).components().count() > 1 => Ok(given.into()),
        Some(given) => on_path(&given.to_string_lossy()).ok_or(Error::NoComposeProvider),
        None => on_path("podman-compose").ok_or(Error::NoComposeProvider),
    }
}

/// podman-compose's own options: rpod as its podman, with this command's store flags
/// (`--root`, `--runroot`, …) passed on to every rpod it runs.
fn provider_args(global: &GlobalFlags, rpod: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["--podman-path".into(), rpod.into()];
    let podman_args = global.store_words();
    if !podman_args.is_empty() {
        args.push(format!("--podman-args={}", podman_args.join(" ")).into());
    }
    args
}

/// `rpod compose --help` shows rpod's own help, then the provider's (as podman does), so that
/// both what rpod adds and the provider's commands are in one place.
fn is_help(args: &[OsString]) -> bool {
    args.first()
        .is_some_and(|first| first == "--help" || first == "-h")
}

pub fn run(args: ComposeArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if is_help(&args.args) {
        let mut command = super::command();
        let ours = command
            .find_subcommand_mut("compose")
            .map(|c| c.render_help().to_string())
            .unwrap_or_default();
        super::out(&ours)?;
        if provider().is_err() {
            return Ok(0);
        }
        super::out("\nThe compose provider's own help:\n\n")?;
    }
    let program = provider()?;
    let rpod = std::env::current_exe().map_err(|source| Error::Invoke {
        program: "rpod".into(),
        source,
    })?;
    let source = std::process::Command::new(&program)
        .args(provider_args(global, &rpod))
        .args(&args.args)
        .exec();
    Err(Error::Invoke {
        program: program.display().to_string(),
        source,
    })
}
