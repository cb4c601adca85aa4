//! The integration-test harness: an isolated rpod environment run as an unprivileged user,
//! real registries on 127.0.0.1, and test images built locally from busybox-static.
//!
//! For the root emulation tests (issue 14) also: Debian images and a local apt repository made
//! by contrib/debian-fixtures ([`debian`], [`apt`]), podman with a subuid range for interop
//! ([`podman`]), and the owners and modes image archives record ([`layers`]).

pub mod apt;
pub mod debian;
pub mod env;
pub mod fake;
pub mod fixtures;
pub mod http;
pub mod layers;
pub mod podman;
pub mod registry;

pub use env::Env;
pub use layers::recorded_in_layers;
