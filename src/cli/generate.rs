//! `rpod generate systemd`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::context::Context;
use super::{GlobalFlags, out, style};
use crate::container::ContainerError;
use crate::container::systemd_unit::{self, UnitOptions};
use crate::error::Error;

/// Generate structured data such as systemd units
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod generate COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct GenerateGroup {
    #[command(subcommand)]
    pub command: GenerateCommand,
}

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    Systemd(SystemdArgs),
    /// podman 4's name for `kube generate`
    Kube(super::kube::GenerateArgs),
}

/// Generate systemd units that run a container (Type=notify) or a pod and its containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod generate systemd [options] CONTAINER|POD")]
pub struct SystemdArgs {
    /// Create the container when the unit starts and remove it when it stops
    #[arg(long)]
    pub new: bool,
    /// Use the container's name instead of its id
    #[arg(short, long)]
    pub name: bool,
    /// Write the unit to a file in the current directory and print its path
    #[arg(short, long)]
    pub files: bool,
    /// systemd's Restart= for the unit (default on-failure)
    #[arg(long, value_name = "POLICY")]
    pub restart_policy: Option<String>,
    /// Add After= dependencies
    #[arg(long, value_name = "UNIT")]
    pub after: Vec<String>,
    /// Add Wants= dependencies
    #[arg(long, value_name = "UNIT")]
    pub wants: Vec<String>,
    /// Add Requires= dependencies
    #[arg(long, value_name = "UNIT")]
    pub requires: Vec<String>,
    /// A container, or a pod: its unit and its containers' units
    #[arg(value_name = "CONTAINER|POD")]
    pub container: String,
}

pub fn run(group: GenerateGroup, global: &GlobalFlags) -> Result<u8, Error> {
    let args = match group.command {
        GenerateCommand::Systemd(args) => args,
        GenerateCommand::Kube(args) => return super::kube::generate(args, global),
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let opts = UnitOptions {
        new: args.new,
        use_name: args.name,
        restart_policy: args.restart_policy,
        after: args.after,
        wants: args.wants,
        requires: args.requires,
    };
    let rpod = std::env::current_exe().map_err(ContainerError::io(
        "find the rpod binary",
        std::path::Path::new("/proc/self/exe"),
    ))?;
    let units = systemd_unit::generate(&engine, &args.container, &opts, &rpod, &takes_value)?;
    if !args.files {
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        out(&texts.join("\n"))?;
        return Ok(0);
    }
    for unit in units {
        let path = PathBuf::from(&unit.file_name);
        std::fs::write(&path, &unit.text).map_err(ContainerError::io("write", &path))?;
        let shown = std::env::current_dir().map_or(path.clone(), |d| d.join(&path));
        out(&format!("{}\n", shown.display()))?;
    }
    Ok(0)
}

/// Whether a flag of the verb `path` (`["run"]`), as its own word, takes the next word as
/// its value.
fn takes_value(path: &[&str], flag: &str) -> bool {
    let mut cmd = super::command();
    for name in path {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub.clone(),
            None => return false,
        }
    }
    let long = flag.strip_prefix("--");
    let short = flag
        .strip_prefix('-')
        .filter(|s| s.chars().count() == 1)
        .and_then(|s| s.chars().next());
    cmd.get_arguments()
        .find(|a| {
            long.is_some_and(|l| {
                a.get_long() == Some(l) || a.get_all_aliases().is_some_and(|al| al.contains(&l))
            }) || short.is_some_and(|c| a.get_short() == Some(c))
        })
        .is_some_and(|a| a.get_action().takes_values())
}
