//! `rpod container checkpoint` and `rpod container restore`: podman's options are accepted and
//! checked together (a script gets the real reason, not "unexpected argument"), the containers
//! or archive named are looked up, and then both are refused with the kernel's reason
//! (`container::checkpoint`).

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

use crate::cli::context::Context;
use crate::cli::flags::select::LatestContainer;
use crate::cli::{GlobalFlags, each, style};
use crate::container::select::Selection;
use crate::container::{ContainerError, checkpoint};
use crate::error::Error;

/// Checkpoint one or more running containers (refused: rootless checkpoints need a
/// capability only the host's root has; the error says which and why)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container checkpoint [options] CONTAINER [CONTAINER...]")]
pub struct CheckpointArgs {
    /// Checkpoint every running container
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: LatestContainer,
    #[command(flatten)]
    pub options: CheckpointOptions,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest"], conflicts_with_all = ["all", "latest"])]
    pub containers: Vec<String>,
}

/// Restore one or more containers from a checkpoint (refused, as checkpoint is)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container restore [options] CONTAINER [CONTAINER...]")]
pub struct RestoreArgs {
    /// Restore every checkpointed container
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: LatestContainer,
    /// Restore the container from a checkpoint archive made by podman container checkpoint
    /// --export
    #[arg(short, long, value_name = "FILE", conflicts_with_all = ["all", "latest"])]
    pub import: Option<PathBuf>,
    #[command(flatten)]
    pub options: RestoreOptions,
    #[arg(value_name = "CONTAINER", required_unless_present_any = ["all", "latest", "import"], conflicts_with_all = ["all", "latest"])]
    pub containers: Vec<String>,
}

pub fn run_checkpoint(args: CheckpointArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let selection = Selection::named(&args.containers, args.all, args.latest.latest);
    let targets = super::targets(&ctx, &engine, &selection, &|s| s.is_running())?;
    each(&targets, |name| Ok(checkpoint::checkpoint(&engine, name)?))?;
    Ok(0)
}

pub fn run_restore(args: RestoreArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if let Some(archive) = &args.import {
        // Checked here, not by clap: clap lets an option's `requires = "import"` pass when
        // --import conflicts with an argument given.
        if let Some(name) = args.containers.first() {
            return Err(ContainerError::invalid(
                "container",
                name,
                "--import makes the container from the archive: name no container with it",
            )
            .into());
        }
        checkpoint::restore_import(archive)?;
    }
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    // rpod never made a checkpoint, so `--all` finds none to restore.
    let selection = Selection::named(&args.containers, args.all, args.latest.latest);
    let targets = super::targets(&ctx, &engine, &selection, &|_| false)?;
    each(&targets, |name| Ok(checkpoint::restore(&engine, name)?))?;
    Ok(0)
}

/// podman's checkpoint options. clap checks how they combine; none is kept, since the command
/// is refused whatever they ask.
#[derive(Debug, Clone, Copy)]
pub struct CheckpointOptions;

/// podman's restore options, checked and refused as [`CheckpointOptions`] are.
#[derive(Debug, Clone, Copy)]
pub struct RestoreOptions;

fn flag(name: &'static str, short: Option<char>, help: &'static str) -> Arg {
    Arg::new(name)
        .long(name)
        .short(short)
        .action(ArgAction::SetTrue)
        .help(help)
}

fn value(
    name: &'static str,
    short: Option<char>,
    value_name: &'static str,
    help: &'static str,
) -> Arg {
    Arg::new(name)
        .long(name)
        .short(short)
        .value_name(value_name)
        .num_args(1)
        .help(help)
}

impl Args for CheckpointOptions {
    fn augment_args(cmd: Command) -> Command {
        cmd.args([
            value(
                "compress",
                Some('c'),
                "ALGORITHM",
                "Compression of the --export archive",
            )
            .value_parser(["zstd", "none", "gzip"])
            .requires("export"),
            value(
                "create-image",
                None,
                "IMAGE",
                "Make the checkpoint an image of that name",
            ),
            value(
                "export",
                Some('e'),
                "FILE",
                "Write the checkpoint to an archive",
            ),
            flag("file-locks", None, "Checkpoint file locks too"),
            flag(
                "ignore-rootfs",
                None,
                "Leave the root file system's changes out of the archive",
            )
            .requires("export"),
            flag(
                "ignore-volumes",
                None,
                "Leave the volumes' contents out of the archive",
            )
            .requires("export"),
            flag("keep", Some('k'), "Keep CRIU's log and statistics files"),
            flag(
                "leave-running",
                Some('R'),
                "Leave the container running after the checkpoint",
            ),
            flag(
                "pre-checkpoint",
                Some('P'),
                "Dump only the memory, leaving the container running",
            ),
            flag(
                "print-stats",
                None,
                "Print the checkpoint's statistics as JSON",
            ),
            flag(
                "tcp-established",
                None,
                "Checkpoint established TCP connections",
            ),
            flag("with-previous", None, "Build on the last --pre-checkpoint")
                .conflicts_with("pre-checkpoint"),
        ])
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl Args for RestoreOptions {
    fn augment_args(cmd: Command) -> Command {
        cmd.args([
            flag("file-locks", None, "Restore file locks too"),
            flag(
                "ignore-rootfs",
                None,
                "Leave out the archive's root file system changes",
            )
            .requires("import"),
            flag(
                "ignore-static-ip",
                None,
                "Give the container a new address, not its --ip",
            ),
            flag(
                "ignore-static-mac",
                None,
                "Give the container a new MAC address",
            ),
            flag(
                "ignore-volumes",
                None,
                "Leave out the archive's volume contents",
            )
            .requires("import"),
            value(
                "import-previous",
                None,
                "FILE",
                "A --pre-checkpoint archive to build on",
            )
            .requires("import"),
            flag("keep", Some('k'), "Keep CRIU's log and statistics files"),
            value("name", Some('n'), "NAME", "The restored container's name").requires("import"),
            value("pod", None, "POD", "Restore the container into this pod").requires("import"),
            flag(
                "print-stats",
                None,
                "Print the restore's statistics as JSON",
            ),
            value(
                "publish",
                Some('p'),
                "PORT",
                "Publish these ports instead of the container's",
            )
            .action(ArgAction::Append)
            .requires("import"),
            flag("tcp-close", None, "Close the container's TCP connections"),
            flag(
                "tcp-established",
                None,
                "Restore established TCP connections",
            )
            .conflicts_with_all(["tcp-close", "name"]),
        ])
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for CheckpointOptions {
    fn from_arg_matches(_: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(CheckpointOptions)
    }

    fn update_from_arg_matches(&mut self, _: &ArgMatches) -> Result<(), clap::Error> {
        Ok(())
    }
}

impl FromArgMatches for RestoreOptions {
    fn from_arg_matches(_: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(RestoreOptions)
    }

    fn update_from_arg_matches(&mut self, _: &ArgMatches) -> Result<(), clap::Error> {
        Ok(())
    }
}
