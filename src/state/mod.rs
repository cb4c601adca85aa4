//! Crash-safe files and cross-process coordination for the store: atomic writes, flock guards,
//! temp names that the next command can clean, and pid-reuse-proof process stamps.

pub mod atomic;
pub mod events;
pub mod lock;
pub mod name_claim;
pub mod node;
pub mod os_error;
pub mod process;
pub mod scratch;
