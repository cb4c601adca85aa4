//! `unshare`: a command in a user namespace where the caller is root, with a mount namespace
//! of its own, as podman's `unshare`: for looking at and mending the store's files as their
//! owner, and for `mount`. With `--rootless-netns` the session joins the user and network
//! namespaces of the user-defined networks' holder instead (starting it if none runs) and
//! keeps a share of it, so that containers on those networks are reachable by address.
//! The CLI becomes the helper (`__unshare`, a fresh exec: unsharing a user namespace needs a
//! process that never started a thread), which enters the namespaces and becomes the command.

use std::convert::Infallible;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;

use nix::sched::CloneFlags;
use serde::{Deserialize, Serialize};

use super::{ContainerError, Engine};
use crate::network::holder;
use crate::runtime::{fds, userns};

pub const SUBCOMMAND: &str = "__unshare";

#[derive(Debug, Serialize, Deserialize)]
pub struct UnshareSpec {
    /// The program and its arguments; empty: `$SHELL`, else /bin/sh.
    command: Vec<String>,
    graphroot: PathBuf,
    runroot: PathBuf,
    /// `Some([network] helper-dirs)` to join the rootless network namespace.
    rootless_netns: Option<Vec<PathBuf>>,
}

/// Replaces this process with the helper running `command`; returns only if that fails.
pub fn unshare(
    engine: &Engine,
    command: &[String],
    rootless_netns: bool,
) -> Result<Infallible, ContainerError> {
    let spec = UnshareSpec {
        command: command.to_vec(),
        graphroot: engine.root.clone(),
        runroot: engine.runroot.clone(),
        rootless_netns: rootless_netns.then(|| engine.config.network.helper_dirs.clone()),
    };
    let exe = PathBuf::from("/proc/self/exe");
    let error = Command::new(&exe)
        .arg(SUBCOMMAND)
        .arg(serde_json::to_string(&spec).expect("an unshare spec serialises"))
        .exec();
    Err(ContainerError::io("run", &exe)(error))
}

/// The helper: enters the namespaces and executes the command. Exit codes as podman's: 125
/// for rpod's own failure, 126 for a command that cannot be run, 127 for one not found.
pub fn helper_main(spec: &UnshareSpec) -> u8 {
    if let Err(message) = enter(spec) {
        eprintln!("Error: {message}");
        return 125;
    }
    let mut argv = spec.command.clone();
    if argv.is_empty() {
        argv.push(std::env::var("SHELL").unwrap_or_else(|_| "/bin/sh".into()));
    }
    let error = Command::new(&argv[0])
        .args(&argv[1..])
        .env("CONTAINERS_GRAPHROOT", &spec.graphroot)
        .env("CONTAINERS_RUNROOT", &spec.runroot)
        .exec();
    eprintln!("Error: exec {}: {error}", argv[0]);
    match error.kind() {
        std::io::ErrorKind::NotFound => 127,
        _ => 126,
    }
}

fn enter(spec: &UnshareSpec) -> Result<(), String> {
    let Some(helper_dirs) = &spec.rootless_netns else {
        return userns::enter(userns::IdMap::root(), CloneFlags::CLONE_NEWNS)
            .map_err(|e| e.to_string());
    };
    let share = holder::acquire(&spec.runroot, helper_dirs).map_err(|e| e.to_string())?;
    // The command inherits the share: the holder stays while the session lasts.
    fds::set_inherited(&[share.share_fd()], true)
        .map_err(|e| format!("cannot keep the network namespace's share: {e}"))?;
    userns::join(
        &share.userns(),
        &[(&share.netns(), CloneFlags::CLONE_NEWNET)],
    )
    .map_err(|e| e.to_string())?;
    // The process becomes the command: the share's descriptor must outlive this function.
    std::mem::forget(share);
    Ok(())
}
