//! Plan, then execute: the flags of `run` and `create`, parsed and checked once into typed
//! values before anything is pulled, locked or written.

pub mod mounts;
pub mod process;
pub mod security;
