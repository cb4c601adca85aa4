//! rpod: a rootless, daemonless container engine. See DESIGN.md (shared) for the layers:
//! a module imports only from layers below its own.
#![deny(unsafe_code)]

// Layer 0: std and crates only.
pub mod config;
pub mod format;
pub mod ids;
pub mod state;

// Layer 4.
pub mod build;

// Layer 5: the command line and the one place errors become messages and exit codes.
pub mod cli;
pub mod error;
