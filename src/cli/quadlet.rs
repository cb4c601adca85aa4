//! `rpod quadlet generate`: podman's quadlet files turned into systemd units. systemd runs it
//! as a generator (the rpod binary linked as `rpod-user-generator` or `rpod-system-generator`,
//! see main.rs) with the directory to write into. `install`, `list`, `print` and `rm` manage
//! the user's quadlet files.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{GlobalFlags, out, style};
use crate::config::{PathOverrides, Paths};
use crate::error::Error;
use crate::quadlet::{self, Request};

mod manage;

/// Manage quadlet files (systemd units that run containers)
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod quadlet COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct QuadletGroup {
    #[command(subcommand)]
    pub command: QuadletCommand,
}

#[derive(Debug, Subcommand)]
pub enum QuadletCommand {
    Generate(GenerateArgs),
    Install(InstallArgs),
    #[command(visible_alias = "ls")]
    List(ListArgs),
    Print(PrintArgs),
    #[command(visible_alias = "remove")]
    Rm(RmArgs),
}

/// Install quadlet files (a file and its own files, a directory, or a .quadlets file) for the
/// current user
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod quadlet install [options] PATH [FILE...]")]
pub struct InstallArgs {
    /// Overwrite quadlets of the same name
    #[arg(short, long)]
    pub replace: bool,
    /// Reload the user's systemd manager afterwards
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true")]
    pub reload_systemd: bool,
    /// A quadlet file (then files of its own), a directory of them, or a .quadlets file
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
}

/// List the quadlet files of the current user
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod quadlet list [options]")]
pub struct ListArgs {
    /// Keep those matching: name=GLOB, status=STATUS (Not loaded, active/running, …),
    /// app=NAME (repeatable: all must match)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Output: table (default), json, or a Go template over .Name .UnitName .Path .Status .App
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print the header line
    #[arg(long, short = 'n')]
    pub noheading: bool,
}

/// Print a quadlet file
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod quadlet print NAME")]
pub struct PrintArgs {
    /// The quadlet's file name (web.container)
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// Remove installed quadlet files (a file of an application removes the application)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod quadlet rm [options] NAME...")]
pub struct RmArgs {
    /// Remove every quadlet the current user installed
    #[arg(short, long)]
    pub all: bool,
    /// Stop the units of running quadlets first
    #[arg(short, long)]
    pub force: bool,
    /// No error for a quadlet that is not installed
    #[arg(short, long)]
    pub ignore: bool,
    /// Reload the user's systemd manager afterwards
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true", default_value = "true")]
    pub reload_systemd: bool,
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

/// Turn .container, .volume, .network, .image and .build files into systemd units
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod quadlet generate [options] [OUTPUT_DIR [EARLY_DIR LATE_DIR]]")]
pub struct GenerateArgs {
    /// Print the units instead of writing them
    #[arg(long)]
    pub dryrun: bool,
    /// Read the system's quadlet directories (/etc/containers/systemd …) instead of the user's
    #[arg(long)]
    pub system: bool,
    /// Where to write the units (systemd gives a generator three directories; the first is
    /// used)
    #[arg(value_name = "OUTPUT_DIR")]
    pub dirs: Vec<PathBuf>,
}

pub fn run(group: QuadletGroup, _global: &GlobalFlags) -> Result<u8, Error> {
    match group.command {
        QuadletCommand::Generate(args) => generate(args),
        QuadletCommand::Install(args) => manage::install(args),
        QuadletCommand::List(args) => manage::list(args),
        QuadletCommand::Print(args) => manage::print(args),
        QuadletCommand::Rm(args) => manage::rm(args),
    }
}

fn generate(args: GenerateArgs) -> Result<u8, Error> {
    let output = match (args.dryrun, args.dirs.first()) {
        (true, _) => None,
        (false, Some(dir)) => Some(dir.clone()),
        (false, None) => {
            return Err(Error::Usage(
                "rpod quadlet generate needs an OUTPUT_DIR, or --dryrun to print the units".into(),
            ));
        }
    };
    let paths = Paths::resolve(&PathOverrides::default())?;
    let rpod = std::env::current_exe().map_err(|source| Error::ReadFile {
        path: "/proc/self/exe".into(),
        source,
    })?;
    let request = Request {
        dirs: quadlet::search_dirs(
            !args.system,
            &paths.config_home,
            nix::unistd::getuid().as_raw(),
        ),
        rpod,
        knows: &knows_flag,
    };
    let outcome = quadlet::generate(&request);
    match output {
        Some(dir) => quadlet::write(&dir, &outcome.units)?,
        None => {
            for unit in &outcome.units {
                out(&format!("---{}---\n{}\n", unit.name, unit.text))?;
            }
        }
    }
    // Every file that made no unit is reported; the others were still generated.
    for failure in &outcome.failures {
        eprintln!("Error: {failure}");
    }
    Ok(u8::from(!outcome.failures.is_empty()))
}

/// Whether `rpod VERB…` has the flag `flag` (`--name`, `-p`).
fn knows_flag(verb: &[&str], flag: &str) -> bool {
    let mut cmd = super::command();
    for word in verb {
        match cmd.find_subcommand(word) {
            Some(sub) => cmd = sub.clone(),
            None => return false,
        }
    }
    let long = flag.strip_prefix("--");
    let short = flag
        .strip_prefix('-')
        .filter(|s| s.chars().count() == 1)
        .and_then(|s| s.chars().next());
    cmd.get_arguments().any(|a| {
        long.is_some_and(|l| {
            a.get_long() == Some(l) || a.get_all_aliases().is_some_and(|al| al.contains(&l))
        }) || short.is_some_and(|c| a.get_short() == Some(c))
    })
}

/// The names systemd finds the generator by (links to the rpod binary in
/// `/etc/systemd/user-generators/` or `/etc/systemd/system-generators/`).
const USER_GENERATOR: &str = "rpod-user-generator";
const SYSTEM_GENERATOR: &str = "rpod-system-generator";

/// Invoked as a generator, `rpod-user-generator NORMAL EARLY LATE` means `rpod quadlet
/// generate NORMAL EARLY LATE`; any other name leaves the arguments as they are.
pub fn as_generator(args: Vec<OsString>) -> Vec<OsString> {
    let name = args
        .first()
        .and_then(|a| Path::new(a).file_name())
        .and_then(|n| n.to_str());
    let system = match name {
        Some(USER_GENERATOR) => false,
        Some(SYSTEM_GENERATOR) => true,
        _ => return args,
    };
    let mut rewritten: Vec<OsString> = vec!["rpod".into(), "quadlet".into(), "generate".into()];
    if system {
        rewritten.push("--system".into());
    }
    rewritten.extend(args.into_iter().skip(1));
    rewritten
}
