//! `rpod completion`: the shell completion script of rpod's command line, made as the
//! committed copies under completions/ are (cli::docs).

use std::path::PathBuf;

use clap::Args;
use clap_complete::Shell;

use super::{GlobalFlags, out, style};
use crate::container::ContainerError;
use crate::error::Error;

/// Generate a shell completion script
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod completion [options] bash|zsh|fish|powershell")]
pub struct CompletionArgs {
    /// Write the script to this file
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Leave the commands' and options' descriptions out
    #[arg(long)]
    pub no_desc: bool,
    #[arg(value_name = "SHELL", value_parser = ["bash", "zsh", "fish", "powershell"])]
    pub shell: String,
}

pub fn run(args: CompletionArgs, _global: &GlobalFlags) -> Result<u8, Error> {
    let shell = match args.shell.as_str() {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        _ => Shell::PowerShell,
    };
    let mut cmd = super::command();
    if args.no_desc {
        cmd = without_descriptions(cmd);
    }
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "rpod", &mut script);
    match &args.file {
        Some(path) => {
            std::fs::write(path, &script).map_err(ContainerError::io("write", path))?;
        }
        None => out(&String::from_utf8_lossy(&script))?,
    }
    Ok(0)
}

fn without_descriptions(cmd: clap::Command) -> clap::Command {
    let args: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = cmd.about(None::<&str>).long_about(None::<&str>);
    for id in args {
        cmd = cmd.mut_arg(id, |a| a.help(None::<&str>).long_help(None::<&str>));
    }
    for name in subs {
        cmd = cmd.mut_subcommand(name, without_descriptions);
    }
    cmd
}
