//! The integration-test harness: an isolated rpod environment run as an unprivileged user,
//! real registries on 127.0.0.1, and test images built locally from busybox-static.

pub mod env;
pub mod fake;
pub mod fixtures;
pub mod http;
pub mod layers;
pub mod registry;

pub use env::Env;
pub use layers::recorded_in_layers;
