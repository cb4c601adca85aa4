//! The container's side of running a container: the user namespace, the init cloned into new
//! namespaces, its mounts, identity, capabilities and seccomp filter, and the exec.
//!
//! InitSpec → InitPlan (plan.rs, pure) → init.rs applies it and execs.

pub mod caps;
pub mod clone_init;
pub mod detach_keys;
pub mod emulation;
pub mod exec_process;
pub mod fds;
pub mod hooks;
pub mod init;
pub mod join;
pub mod memory;
pub mod mounts;
pub mod netdev;
pub mod plan;
pub mod process_attrs;
pub mod safe_path;
pub mod seccomp;
pub mod signal;
pub mod spec;
pub mod sync;
pub mod sysctl;
pub mod tty;
pub mod user_entries;
pub mod userns;
