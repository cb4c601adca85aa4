//! Container commands: `rpod container <verb>` and their top-level aliases (`run`, `ps`, …).

use clap::{Args, Subcommand};

use super::context::Context;
use super::{GlobalFlags, style};
use crate::container::Engine;
use crate::container::select::Selection;
use crate::container::status::Status;
use crate::error::Error;

pub mod attach;
pub mod checkpoint;
pub mod cleanup;
pub mod clone;
pub mod commit;
pub mod cp;
pub mod create;
pub mod diff;
pub mod exec;
pub mod exists;
pub mod export;
pub mod init;
pub mod kill;
pub mod logs;
pub mod mount;
pub mod pause;
pub mod port;
pub mod prune;
pub mod ps;
pub mod rename;
pub mod restart;
pub mod rm;
pub mod run;
pub mod runlabel;
pub mod start;
pub mod stats;
pub mod stop;
pub mod top;
pub mod update;
pub mod wait;

/// Manage containers
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod container COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct ContainerGroup {
    #[command(subcommand)]
    pub command: ContainerCommand,
}

#[derive(Debug, Subcommand)]
pub enum ContainerCommand {
    Attach(attach::AttachArgs),
    Checkpoint(checkpoint::CheckpointArgs),
    Cleanup(cleanup::CleanupArgs),
    Clone(clone::CloneArgs),
    Commit(commit::CommitArgs),
    Cp(cp::CpArgs),
    Create(create::CreateArgs),
    Diff(diff::DiffArgs),
    Exec(exec::ExecArgs),
    Exists(exists::ExistsArgs),
    Export(export::ExportArgs),
    Init(init::InitArgs),
    Inspect(super::inspect::InspectArgs),
    Kill(kill::KillArgs),
    Logs(logs::LogsArgs),
    Mount(mount::MountArgs),
    Pause(pause::PauseArgs),
    Port(port::PortArgs),
    #[command(name = "ls", visible_alias = "list", alias = "ps")]
    Ls(ps::PsArgs),
    Prune(prune::PruneArgs),
    Rename(rename::RenameArgs),
    Restore(checkpoint::RestoreArgs),
    Restart(restart::RestartArgs),
    Rm(rm::RmArgs),
    Run(run::RunArgs),
    Runlabel(runlabel::RunlabelArgs),
    Start(start::StartArgs),
    Stats(stats::StatsArgs),
    Stop(stop::StopArgs),
    Top(top::TopArgs),
    Unpause(pause::UnpauseArgs),
    #[command(visible_alias = "umount")]
    Unmount(mount::UnmountArgs),
    Update(update::UpdateArgs),
    Wait(wait::WaitArgs),
}

pub fn run(cmd: ContainerCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        ContainerCommand::Attach(a) => attach::run(a, global),
        ContainerCommand::Checkpoint(a) => checkpoint::run_checkpoint(a, global),
        ContainerCommand::Cleanup(a) => cleanup::run(a, global),
        ContainerCommand::Clone(a) => clone::run(a, global),
        ContainerCommand::Commit(a) => commit::run(a, global),
        ContainerCommand::Cp(a) => cp::run(a, global),
        ContainerCommand::Create(a) => create::run(a, global),
        ContainerCommand::Diff(a) => diff::run(a, global),
        ContainerCommand::Exec(a) => exec::run(a, global),
        ContainerCommand::Exists(a) => exists::run(a, global),
        ContainerCommand::Export(a) => export::run(a, global),
        ContainerCommand::Init(a) => init::run(a, global),
        ContainerCommand::Inspect(a) => super::inspect::run(a, global),
        ContainerCommand::Kill(a) => kill::run(a, global),
        ContainerCommand::Logs(a) => logs::run(a, global),
        ContainerCommand::Mount(a) => mount::run_mount(a, global),
        ContainerCommand::Pause(a) => pause::run_pause(a, global),
        ContainerCommand::Port(a) => port::run(a, global),
        ContainerCommand::Ls(a) => ps::run(a, global),
        ContainerCommand::Prune(a) => prune::run(a, global),
        ContainerCommand::Rename(a) => rename::run(a, global),
        ContainerCommand::Restore(a) => checkpoint::run_restore(a, global),
        ContainerCommand::Restart(a) => restart::run(a, global),
        ContainerCommand::Rm(a) => rm::run(a, global),
        ContainerCommand::Run(a) => run::run(a, global),
        ContainerCommand::Runlabel(a) => runlabel::run(a, global),
        ContainerCommand::Start(a) => start::run(a, global),
        ContainerCommand::Stats(a) => stats::run(a, global),
        ContainerCommand::Stop(a) => stop::run(a, global),
        ContainerCommand::Top(a) => top::run(a, global),
        ContainerCommand::Unpause(a) => pause::run_unpause(a, global),
        ContainerCommand::Unmount(a) => mount::run_unmount(a, global),
        ContainerCommand::Update(a) => update::run(a, global),
        ContainerCommand::Wait(a) => wait::run(a, global),
    }
}

/// The containers a verb acts on: those named and those the selection flags pick among the
/// containers in a state `wanted` accepts. Filters are checked before anything is looked up.
fn targets(
    ctx: &Context,
    engine: &Engine,
    selection: &Selection,
    wanted: &dyn Fn(&Status) -> bool,
) -> Result<Vec<String>, Error> {
    selection.parsed_filters()?;
    let index = engine.store.index()?;
    let image_id = |name: &str| {
        crate::image::store::find_in(&index, name, &ctx.config.registries)
            .ok()
            .map(|i| i.id.to_string())
    };
    Ok(selection.targets(engine, wanted, &image_id)?)
}
