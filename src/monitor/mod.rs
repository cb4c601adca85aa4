//! The per-container monitor: a re-exec of the rpod binary, one per running container, that
//! outlives the CLI. It enters the user namespace, assembles the root file system, starts the
//! container init, owns the container's stdio, log and attach socket, and records its exit.

pub mod attach;
mod autoremove;
pub mod cgroup;
mod checker;
mod deadline;
pub mod error;
pub mod handshake;
pub mod health;
mod hooks;
pub mod log;
mod namespaces;
pub mod network;
pub mod notify;
pub mod pod_exit;
pub mod probe;
mod relaunch;
pub mod restart;
pub mod rootfs;
pub mod spawn;
pub mod spec;
pub mod state;
mod streams;
pub mod supervise;

/// The hidden subcommand the monitor runs as.
pub const SUBCOMMAND: &str = "__monitor";
