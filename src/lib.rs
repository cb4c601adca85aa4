//! rpod: a rootless, daemonless container engine. See DESIGN.md (shared) for the layers:
//! a module imports only from layers below its own.
#![deny(unsafe_code)]

// Layer 0: std and crates only.
pub mod config;
pub mod format;
pub mod ids;
pub mod state;

// Layer 1: the only modules with unsafe code and raw system calls.
pub mod cgroup;
pub mod network;
pub mod runtime;
pub mod storage;

// Layer 2.
pub mod image;
pub mod monitor;
pub mod networks;
pub mod pods;
pub mod secret;
pub mod volume;

// Layer 3.
pub mod container;

// Layer 4.
pub mod builder;
pub mod kube;
pub mod quadlet;

// Layer 5: the command line and the one place errors become messages and exit codes.
pub mod api;
pub mod cli;
pub mod error;
