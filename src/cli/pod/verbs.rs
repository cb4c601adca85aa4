//! `rpod pod start|stop|restart|kill|rm|prune`: each acts on every container of the pod.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::select::LatestPod;
use crate::cli::{GlobalFlags, each, out, style};
use crate::container::pod::{self, Outcome};
use crate::container::{ContainerError, Engine};
use crate::error::Error;
use crate::pods::PodsError;

/// Start one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod start [options] POD [POD...]")]
pub struct StartArgs {
    /// Start every pod
    #[arg(short, long)]
    pub all: bool,
    /// Read the pod's id from this file (from pod create --pod-id-file)
    #[arg(long, value_name = "PATH")]
    pub pod_id_file: Vec<PathBuf>,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present_any = ["all", "latest", "pod_id_file"])]
    pub pods: Vec<String>,
}

/// Stop one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod stop [options] POD [POD...]")]
pub struct StopArgs {
    /// Seconds to wait for each container to stop before killing it
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Stop every pod
    #[arg(short, long)]
    pub all: bool,
    /// A pod that does not exist is no error
    #[arg(short, long)]
    pub ignore: bool,
    /// Read the pod's id from this file (from pod create --pod-id-file)
    #[arg(long, value_name = "PATH")]
    pub pod_id_file: Vec<PathBuf>,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present_any = ["all", "latest", "pod_id_file"])]
    pub pods: Vec<String>,
}

/// Restart one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod restart [options] POD [POD...]")]
pub struct RestartArgs {
    /// Restart every pod
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present_any = ["all", "latest"])]
    pub pods: Vec<String>,
}

/// Send a signal to the containers of one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod kill [options] POD [POD...]")]
pub struct KillArgs {
    /// The signal to send (name or number)
    #[arg(short, long, value_name = "SIGNAL", default_value = "KILL")]
    pub signal: String,
    /// Kill every pod
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present_any = ["all", "latest"])]
    pub pods: Vec<String>,
}

/// Pause the running containers of one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod pause [options] POD [POD...]")]
pub struct PauseArgs {
    /// Pause every pod
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present_any = ["all", "latest"])]
    pub pods: Vec<String>,
}

/// Unpause the paused containers of one or more pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod unpause [options] POD [POD...]")]
pub struct UnpauseArgs {
    /// Unpause every pod
    #[arg(short, long)]
    pub all: bool,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present_any = ["all", "latest"])]
    pub pods: Vec<String>,
}

/// Remove one or more pods and their containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod rm [options] POD [POD...]")]
pub struct RmArgs {
    /// Stop and remove running containers too
    #[arg(short, long)]
    pub force: bool,
    /// Seconds to wait for each container to stop before killing it (with --force)
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u32>,
    /// A pod that does not exist is no error
    #[arg(short, long)]
    pub ignore: bool,
    /// Remove every pod
    #[arg(short, long)]
    pub all: bool,
    /// Read the pod's id from this file (from pod create --pod-id-file)
    #[arg(long, value_name = "PATH")]
    pub pod_id_file: Vec<PathBuf>,
    #[command(flatten)]
    pub latest: LatestPod,
    #[arg(value_name = "POD", required_unless_present_any = ["all", "latest", "pod_id_file"])]
    pub pods: Vec<String>,
}

/// Remove every pod none of whose containers runs
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod prune [options]")]
pub struct PruneArgs {
    /// Do not ask for confirmation (rpod never asks)
    #[arg(short, long)]
    pub force: bool,
}

/// The pods named (with `--latest`'s), or every pod with `all`.
fn targets(
    engine: &Engine,
    named: &[String],
    all: bool,
    latest: &LatestPod,
) -> Result<Vec<String>, Error> {
    if !all {
        return Ok(latest.resolve(engine, named)?);
    }
    Ok(pod::pods(engine)
        .list()
        .map_err(ContainerError::from)?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// Runs a group verb on each pod: prints the pod's id when every container did its part,
/// else reports each container's failure.
fn group(
    global: &GlobalFlags,
    (named, id_files, latest): (&[String], &[PathBuf], &LatestPod),
    all: bool,
    ignore: bool,
    act: impl Fn(&Engine, &str) -> Result<(crate::pods::Pod, Outcome), ContainerError>,
) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let mut pods = targets(&engine, named, all, latest)?;
    pods.extend(read_id_files(id_files, ignore)?);
    each(&pods, |name| {
        let (found, outcome) = match act(&engine, name) {
            Err(ContainerError::Pods(PodsError::NotFound(_))) if ignore => return Ok(()),
            other => other?,
        };
        let mut failed = None;
        for (ctr, result) in outcome {
            if let Err(e) = result {
                if let Some(earlier) = failed.replace(e) {
                    crate::error::report(&Error::from(earlier));
                }
                tracing::debug!("pod {}: container {ctr} failed", found.name);
            }
        }
        match failed {
            Some(e) => Err(e.into()),
            None => out(&format!("{}\n", found.id)),
        }
    })?;
    Ok(0)
}

/// The pods named by `--pod-id-file`s; with `--ignore` a missing file names none (a unit's
/// ExecStop after a failed ExecStartPre).
fn read_id_files(paths: &[PathBuf], ignore: bool) -> Result<Vec<String>, ContainerError> {
    let mut ids = Vec::new();
    for path in paths {
        match std::fs::read_to_string(path) {
            Ok(id) => ids.push(id.trim().to_string()),
            Err(e) if ignore && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(ContainerError::io("read pod id file", path)(e)),
        }
    }
    Ok(ids)
}

pub fn start(args: StartArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let named = (&args.pods[..], &args.pod_id_file[..], &args.latest);
    group(global, named, args.all, false, pod::start_pod)
}

pub fn stop(args: StopArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let named = (&args.pods[..], &args.pod_id_file[..], &args.latest);
    group(global, named, args.all, args.ignore, |e, p| {
        pod::stop_pod(e, p, args.time)
    })
}

pub fn restart(args: RestartArgs, global: &GlobalFlags) -> Result<u8, Error> {
    group(
        global,
        (&args.pods, &[], &args.latest),
        args.all,
        false,
        pod::restart_pod,
    )
}

pub fn kill(args: KillArgs, global: &GlobalFlags) -> Result<u8, Error> {
    group(
        global,
        (&args.pods, &[], &args.latest),
        args.all,
        false,
        |e, p| pod::kill_pod(e, p, &args.signal),
    )
}

pub fn pause(args: PauseArgs, global: &GlobalFlags) -> Result<u8, Error> {
    group(
        global,
        (&args.pods, &[], &args.latest),
        args.all,
        false,
        pod::pause_pod,
    )
}

pub fn unpause(args: UnpauseArgs, global: &GlobalFlags) -> Result<u8, Error> {
    group(
        global,
        (&args.pods, &[], &args.latest),
        args.all,
        false,
        pod::unpause_pod,
    )
}

pub fn rm(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let named = targets(&engine, &args.pods, args.all, &args.latest)?;
    let mut pods: Vec<(String, Option<&Path>)> = named.into_iter().map(|p| (p, None)).collect();
    for path in &args.pod_id_file {
        let ids = read_id_files(std::slice::from_ref(path), args.ignore)?;
        pods.extend(ids.into_iter().map(|id| (id, Some(path.as_path()))));
    }
    each(&pods, |(name, id_file)| {
        match pod::remove(&engine, name, args.force, args.time, *id_file) {
            Ok(id) => out(&format!("{id}\n")),
            Err(ContainerError::Pods(PodsError::NotFound(_))) if args.ignore => Ok(()),
            Err(e) => Err(e.into()),
        }
    })?;
    Ok(0)
}

pub fn prune(_args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let removed = pod::prune(&engine)?;
    out(&removed
        .iter()
        .map(|id| format!("{id}\n"))
        .collect::<String>())?;
    Ok(0)
}
