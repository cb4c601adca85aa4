//! The command line: clap definitions grouped by object, one file per verb. Each verb builds
//! an options struct, calls one engine function and formats what it returns.

use std::ffi::OsString;
use std::io::Write;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::error::Error;

pub mod artifact;
pub mod auto_update;
pub mod completion;
pub mod compose;
pub mod container;
pub mod context;
pub mod docs;
pub mod examples;
pub mod flags;
pub mod generate;
pub mod healthcheck;
pub mod image;
pub mod inspect;
pub mod kube;
pub mod manifest;
pub mod network;
pub mod pod;
pub mod quadlet;
mod refused_globals;
pub mod secret;
pub mod style;
pub mod system;
pub mod unshare;
pub mod volume;

#[derive(Debug, Parser)]
#[command(
    name = "rpod",
    about = "Manage containers, images and volumes, rootless and without a daemon",
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
    /// Storage driver for container root file systems: overlay, fuse-overlayfs or vfs
    #[arg(long, global = true, value_name = "DRIVER", value_parser = parse_driver)]
    pub storage_driver: Option<crate::config::StorageDriver>,
    /// Directory of named and anonymous volumes (default: ROOT/volumes)
    #[arg(long, global = true, value_name = "PATH")]
    pub volumepath: Option<std::path::PathBuf>,
    /// Directory of the user-defined networks' records (default: ROOT/networks)
    #[arg(long, global = true, value_name = "PATH")]
    pub network_config_dir: Option<std::path::PathBuf>,
    /// Directory of docker's client configuration, whose config.json's credentials are read
    /// (default: $DOCKER_CONFIG, else ~/.docker)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,
    /// A CDI specification directory, instead of rpod.toml's [devices] cdi-spec-dirs
    /// (repeatable; later ones take precedence)
    #[arg(long, global = true, value_name = "PATH")]
    pub cdi_spec_dir: Vec<std::path::PathBuf>,
    /// A directory of OCI hook files (oci-hooks(5)), instead of rpod.toml's [engine]
    /// hooks-dirs (repeatable; later ones take precedence)
    #[arg(long, global = true, value_name = "PATH")]
    pub hooks_dir: Vec<std::path::PathBuf>,
    /// Write rpod's own output to this file (containers' output still goes to stdout)
    #[arg(long, global = true, value_name = "PATH")]
    pub out: Option<std::path::PathBuf>,
    /// Where events are kept: file (the event log `events` reads; the only backend rpod has)
    #[arg(long, global = true, value_name = "TYPE", value_parser = parse_events_backend)]
    pub events_backend: Option<String>,
    #[command(flatten)]
    pub refused: refused_globals::RefusedGlobals,
}

impl GlobalFlags {
    pub fn overrides(&self) -> crate::config::PathOverrides {
        crate::config::PathOverrides {
            root: self.root.clone(),
            runroot: self.runroot.clone(),
            volumes: self.volumepath.clone(),
            networks: self.network_config_dir.clone(),
            docker_config_dir: self.config.clone(),
        }
    }

    /// The store's flags as `--flag=value` words, for another rpod run on the same store
    /// (`container runlabel`, compose's provider).
    pub fn store_words(&self) -> Vec<String> {
        let paths = [
            ("--root", &self.root),
            ("--runroot", &self.runroot),
            ("--volumepath", &self.volumepath),
            ("--network-config-dir", &self.network_config_dir),
        ];
        let mut words: Vec<String> = paths
            .into_iter()
            .filter_map(|(flag, value)| Some(format!("{flag}={}", value.as_ref()?.display())))
            .collect();
        if let Some(driver) = self.storage_driver {
            words.push(format!("--storage-driver={}", driver.name()));
        }
        words
    }
}

/// rpod's events are one log file, read by `events` and written by the command and by each
/// container's monitor, which outlives it: a backend per command cannot be honoured.
fn parse_events_backend(s: &str) -> Result<String, String> {
    match s {
        "file" => Ok(s.to_string()),
        "journald" | "none" => Err(format!(
            "rpod keeps events in its event log file only: {s} is not supported (the \
             monitors of running containers record to that log whatever a command says)"
        )),
        _ => Err("expected file, journald or none".to_string()),
    }
}

fn parse_driver(s: &str) -> Result<crate::config::StorageDriver, String> {
    crate::config::StorageDriver::parse(s)
        .ok_or_else(|| "expected overlay, fuse-overlayfs or vfs".to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Artifact(artifact::ArtifactGroup),
    Attach(container::attach::AttachArgs),
    AutoUpdate(auto_update::AutoUpdateArgs),
    Build(image::build::BuildArgs),
    Commit(container::commit::CommitArgs),
    Completion(completion::CompletionArgs),
    Compose(compose::ComposeArgs),
    Container(container::ContainerGroup),
    Cp(container::cp::CpArgs),
    Create(container::create::CreateArgs),
    Diff(container::diff::DiffArgs),
    Exec(container::exec::ExecArgs),
    Export(container::export::ExportArgs),
    History(image::history::HistoryArgs),
    Image(image::ImageGroup),
    Images(image::images::ImagesArgs),
    Import(image::import::ImportArgs),
    Init(container::init::InitArgs),
    Inspect(inspect::InspectArgs),
    Kill(container::kill::KillArgs),
    Kube(kube::KubeGroup),
    Play(kube::PlayGroup),
    Load(image::load::LoadArgs),
    Search(image::search::SearchArgs),
    Login(image::login::LoginArgs),
    Logout(image::login::LogoutArgs),
    Generate(generate::GenerateGroup),
    Healthcheck(healthcheck::HealthcheckGroup),
    Logs(container::logs::LogsArgs),
    Manifest(manifest::ManifestGroup),
    Mount(container::mount::MountArgs),
    Network(network::NetworkGroup),
    Pause(container::pause::PauseArgs),
    Pod(pod::PodGroup),
    Port(container::port::PortArgs),
    Ps(container::ps::PsArgs),
    Pull(image::pull::PullArgs),
    Quadlet(quadlet::QuadletGroup),
    Push(image::push::PushArgs),
    Rename(container::rename::RenameArgs),
    Restart(container::restart::RestartArgs),
    Rm(container::rm::RmArgs),
    Rmi(image::rmi::RmiArgs),
    Run(container::run::RunArgs),
    Save(image::save::SaveArgs),
    Secret(secret::SecretGroup),
    Start(container::start::StartArgs),
    Stats(container::stats::StatsArgs),
    Stop(container::stop::StopArgs),
    Tag(image::tag::TagArgs),
    Top(container::top::TopArgs),
    Unpause(container::pause::UnpauseArgs),
    #[command(visible_alias = "umount")]
    Unmount(container::mount::UnmountArgs),
    Unshare(unshare::UnshareArgs),
    Untag(image::untag::UntagArgs),
    Update(container::update::UpdateArgs),
    Volume(volume::VolumeGroup),
    Wait(container::wait::WaitArgs),
    #[command(flatten)]
    System(system::SystemCommand),
}

/// The whole command line, with each command's examples in its help.
pub fn command() -> clap::Command {
    examples::attach(Cli::command())
}

/// Parses argv, runs the command, and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<u8, Error> {
    let args = quadlet::as_generator(args.into_iter().collect());
    // Parsed without a copy of the command tree and without the examples, which only help
    // text shows (building them and the copy were most of a short command's CPU): an error or
    // a help request is parsed again with them, to render it (#21).
    let parsed = Cli::command()
        .try_get_matches_from_mut(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let mut cmd = command();
            let e = cmd.try_get_matches_from_mut(&args).err().unwrap_or(e);
            return style::usage_error(e, &cmd, &args);
        }
    };
    init_logging(&cli.global.log_level);
    let global = &cli.global;
    global.refused.check()?;
    if let Some(file) = &global.out {
        crate::container::attach::send_own_output_to(file)?;
    }
    match cli.command {
        Command::Artifact(g) => artifact::run(g.command, global),
        Command::Attach(a) => container::attach::run(a, global),
        Command::AutoUpdate(a) => auto_update::run(a, global),
        Command::Build(a) => image::build::run(a, global),
        Command::Commit(a) => container::commit::run(a, global),
        Command::Completion(a) => completion::run(a, global),
        Command::Compose(a) => compose::run(a, global),
        Command::Container(g) => container::run(g.command, global),
        Command::Cp(a) => container::cp::run(a, global),
        Command::Create(a) => container::create::run(a, global),
        Command::Diff(a) => container::diff::run(a, global),
        Command::Exec(a) => container::exec::run(a, global),
        Command::Export(a) => container::export::run(a, global),
        Command::History(a) => image::history::run(a, global),
        Command::Image(g) => image::run(g.command, global),
        Command::Images(a) => image::images::run(a, global),
        Command::Import(a) => image::import::run(a, global),
        Command::Inspect(a) => inspect::run(a, global),
        Command::Kill(a) => container::kill::run(a, global),
        Command::Kube(g) => kube::run(g, global),
        Command::Play(g) => kube::run_play(g, global),
        Command::Load(a) => image::load::run(a, global),
        Command::Search(a) => image::search::run(a, global),
        Command::Login(a) => image::login::login(a, global),
        Command::Logout(a) => image::login::logout(a, global),
        Command::Logs(a) => container::logs::run(a, global),
        Command::Manifest(g) => manifest::run(g.command, global),
        Command::Mount(a) => container::mount::run_mount(a, global),
        Command::Network(g) => network::run(g.command, global),
        Command::Pause(a) => container::pause::run_pause(a, global),
        Command::Pod(g) => pod::run(g.command, global),
        Command::Port(a) => container::port::run(a, global),
        Command::Ps(a) => container::ps::run(a, global),
        Command::Pull(a) => image::pull::run(a, global),
        Command::Push(a) => image::push::run(a, global),
        Command::Quadlet(g) => quadlet::run(g, global),
        Command::Rename(a) => container::rename::run(a, global),
        Command::Restart(a) => container::restart::run(a, global),
        Command::Rm(a) => container::rm::run(a, global),
        Command::Rmi(a) => image::rmi::run(a, global),
        Command::Run(a) => container::run::run(a, global),
        Command::Save(a) => image::save::run(a, global),
        Command::Secret(g) => secret::run(g.command, global),
        Command::Generate(g) => generate::run(g, global),
        Command::Healthcheck(g) => healthcheck::run(g, global),
        Command::Start(a) => container::start::run(a, global),
        Command::Init(a) => container::init::run(a, global),
        Command::Stats(a) => container::stats::run(a, global),
        Command::Stop(a) => container::stop::run(a, global),
        Command::Tag(a) => image::tag::run(a, global),
        Command::Top(a) => container::top::run(a, global),
        Command::Unpause(a) => container::pause::run_unpause(a, global),
        Command::Unmount(a) => container::mount::run_unmount(a, global),
        Command::Unshare(a) => unshare::run(a, global),
        Command::Untag(a) => image::untag::run(a, global),
        Command::Update(a) => container::update::run(a, global),
        Command::Volume(g) => volume::run(g.command, global),
        Command::Wait(a) => container::wait::run(a, global),
        Command::System(cmd) => system::run(cmd, global),
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

/// Acts on each argument, reporting every failure but the last on the spot; the last is
/// returned for main to print, so the exit code is the last failure's (as podman does).
pub fn each<T>(
    items: impl IntoIterator<Item = T>,
    mut act: impl FnMut(T) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut last = None;
    for item in items {
        if let Err(e) = act(item) {
            if let Some(earlier) = last.replace(e) {
                crate::error::report(&earlier);
            }
        }
    }
    last.map_or(Ok(()), Err)
}

/// A name given by `--name`, as a positional NAME, or both if they agree (`clone`).
pub fn name_once(
    flag: Option<String>,
    positional: Option<String>,
) -> Result<Option<String>, Error> {
    match (flag, positional) {
        (Some(a), Some(b)) if a != b => Err(crate::container::ContainerError::invalid(
            "--name",
            a,
            format!("the NAME argument says {b}: give the name once"),
        )
        .into()),
        (a, b) => Ok(a.or(b)),
    }
}

/// Writes command output to stdout; a failure (a closed pipe) ends the command.
pub fn out(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(Error::Output)
}
