//! `rpod generate systemd` and `rpod generate spec` (and `generate kube`, `kube generate`'s
//! older name).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::context::Context;
use super::{GlobalFlags, out, style};
use crate::container::systemd_unit::{self, UnitOptions};
use crate::container::{ContainerError, specgen};
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
    Systemd(Box<SystemdArgs>),
    /// podman 4's name for `kube generate`
    Kube(super::kube::GenerateArgs),
    Spec(SpecArgs),
}

/// Generate podman's SpecGen JSON (the body of its API's create calls) for a container or pod
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod generate spec [options] CONTAINER|POD")]
pub struct SpecArgs {
    /// Print the JSON on one line
    #[arg(short, long)]
    pub compact: bool,
    /// Write the JSON to this file (and print its name) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub filename: Option<PathBuf>,
    /// Give it a new name (NAME-clone, NAME-clone1, …) that no container or pod has
    #[arg(short, long)]
    pub name: bool,
    #[arg(value_name = "CONTAINER|POD")]
    pub target: String,
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
    /// The containers' unit name prefix
    #[arg(long, value_name = "PREFIX", default_value = "container")]
    pub container_prefix: String,
    /// The pods' unit name prefix
    #[arg(long, value_name = "PREFIX", default_value = "pod")]
    pub pod_prefix: String,
    /// What joins the prefix and the name or id in a unit's name
    #[arg(long, value_name = "SEPARATOR", default_value = "-")]
    pub separator: String,
    /// Leave out the header line saying which rpod generated the unit
    #[arg(long)]
    pub no_header: bool,
    /// systemd's RestartSec=: seconds to wait before a restart
    #[arg(long, value_name = "SECONDS")]
    pub restart_sec: Option<u32>,
    /// systemd's TimeoutStartSec=, in seconds
    #[arg(long, value_name = "SECONDS")]
    pub start_timeout: Option<u32>,
    /// Seconds a stop waits before it kills, instead of the container's own
    #[arg(long, value_name = "SECONDS")]
    pub stop_timeout: Option<u32>,
    /// Set an environment variable in the units (KEY=VALUE; KEY alone takes the host's value
    /// if it has one; KEY* takes every host variable starting with KEY)
    #[arg(short, long, value_name = "ENV")]
    pub env: Vec<String>,
    /// Make a template unit (NAME@.service) whose instances run containers NAME-INSTANCE;
    /// implies --new (containers only)
    #[arg(long)]
    pub template: bool,
    /// Print the units (or with --files their paths) as JSON: an object of unit names
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    pub format: Option<String>,
    /// A container, or a pod: its unit and its containers' units
    #[arg(value_name = "CONTAINER|POD")]
    pub container: String,
}

pub fn run(group: GenerateGroup, global: &GlobalFlags) -> Result<u8, Error> {
    let args = match group.command {
        GenerateCommand::Systemd(args) => *args,
        GenerateCommand::Kube(args) => return super::kube::generate(args, global),
        GenerateCommand::Spec(args) => return spec(args, global),
    };
    let opts = UnitOptions {
        new: args.new || args.template,
        use_name: args.name,
        restart_policy: args.restart_policy,
        after: args.after,
        wants: args.wants,
        requires: args.requires,
        container_prefix: args.container_prefix,
        pod_prefix: args.pod_prefix,
        separator: args.separator,
        no_header: args.no_header,
        restart_sec: args.restart_sec,
        start_timeout: args.start_timeout,
        stop_timeout: args.stop_timeout,
        env: unit_env(&args.env, std::env::vars())?,
        template: args.template,
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let rpod = std::env::current_exe().map_err(ContainerError::io(
        "find the rpod binary",
        std::path::Path::new("/proc/self/exe"),
    ))?;
    let units = systemd_unit::generate(&engine, &args.container, &opts, &rpod, &takes_value)?;
    // podman's JSON: unit names to their text, or with --files to their paths.
    let mut shown = serde_json::Map::new();
    for unit in &units {
        let value = if args.files {
            let path = PathBuf::from(unit.file_name());
            std::fs::write(&path, &unit.text).map_err(ContainerError::io("write", &path))?;
            let path = std::env::current_dir().map_or(path.clone(), |d| d.join(&path));
            path.display().to_string()
        } else {
            unit.text.clone()
        };
        shown.insert(unit.name.clone(), value.into());
    }
    if args.format.is_some() {
        let json = serde_json::to_string_pretty(&shown).unwrap_or_default();
        out(&format!("{json}\n"))?;
    } else if args.files {
        let paths: Vec<&str> = shown.values().filter_map(|v| v.as_str()).collect();
        out(&format!("{}\n", paths.join("\n")))?;
    } else {
        let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        out(&texts.join("\n"))?;
    }
    Ok(0)
}

fn spec(args: SpecArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let spec = specgen::generate(&engine, &args.target, args.name)?;
    let mut json = if args.compact {
        serde_json::to_vec(&spec)
    } else {
        // podman indents by one space.
        let mut text = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut writer = serde_json::Serializer::with_formatter(&mut text, formatter);
        serde::Serialize::serialize(&spec, &mut writer).map(|()| text)
    }
    .unwrap_or_default();
    json.push(b'\n');
    match args.filename {
        Some(path) => {
            std::fs::write(&path, &json).map_err(ContainerError::io("write", &path))?;
            out(&format!("{}\n", path.display()))?;
        }
        None => out(&String::from_utf8_lossy(&json))?,
    }
    Ok(0)
}

/// `--env`'s entries as assignments: `KEY=VALUE` as given, `KEY` with the host's value (none
/// when the host has none), `PREFIX*` every host variable starting with PREFIX.
fn unit_env(
    entries: &[String],
    host: impl Iterator<Item = (String, String)>,
) -> Result<Vec<String>, ContainerError> {
    let host: Vec<(String, String)> = host.collect();
    let mut env = Vec::new();
    for entry in entries {
        let key = entry.split_once('=').map_or(entry.as_str(), |(k, _)| k);
        if key.is_empty() || key.chars().any(char::is_whitespace) {
            return Err(ContainerError::invalid(
                "--env",
                entry.clone(),
                "expected KEY=VALUE, KEY or PREFIX*",
            ));
        }
        if entry.contains('=') {
            env.push(entry.clone());
        } else if let Some(prefix) = key.strip_suffix('*') {
            env.extend(
                host.iter()
                    .filter(|(k, _)| k.starts_with(prefix))
                    .map(|(k, v)| format!("{k}={v}")),
            );
        } else if let Some((k, v)) = host.iter().find(|(k, _)| k == key) {
            env.push(format!("{k}={v}"));
        }
    }
    Ok(env)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_entries_take_host_values_by_name_and_prefix() {
        let host = [("HOME", "/home/u"), ("APP_A", "1"), ("APP_B", "2")]
            .map(|(k, v)| (k.to_string(), v.to_string()));
        let entries = ["X=y z", "HOME", "NOPE", "APP_*"].map(String::from);
        assert_eq!(
            unit_env(&entries, host.into_iter()).unwrap(),
            ["X=y z", "HOME=/home/u", "APP_A=1", "APP_B=2"]
        );
        assert!(unit_env(&["=v".into()], std::iter::empty()).is_err());
    }
}
