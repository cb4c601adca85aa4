//! Integration tests: the real rpod binary, run as an unprivileged user (see DESIGN.md).

mod common;

mod arch;
mod bad_input;
mod build;
mod cli;
mod confinement;
mod containers;
mod emulated_ids;
mod emulation;
mod fsops;
mod harness;
mod hostile_layers;
mod hostile_registry;
mod images;
mod lifecycle;
mod monitor_errors;
mod network;
mod operations;
mod process_ops;
mod registries;
mod reliability;
mod resources;
mod system;
mod volumes;
