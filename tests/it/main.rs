//! Integration tests: the real rpod binary, run as an unprivileged user (see DESIGN.md).

mod common;

mod arch;
mod argv;
mod bad_input;
mod build;
mod cli;
mod confinement;
mod containers;
mod coverage;
mod descriptors;
mod emulated_ids;
mod emulation;
mod fsops;
mod harness;
mod health;
mod hostile_layers;
mod hostile_registry;
mod hpc;
mod images;
mod lifecycle;
mod monitor_errors;
mod network;
mod networks;
mod operations;
mod parity;
mod process_ops;
mod progress;
mod registries;
mod reliability;
mod resources;
mod run_flags;
mod services;
mod sharing;
mod system;
mod volumes;
