//! Seccomp filters for containers, compiled to classic BPF by our own code (no libseccomp).
//!
//! Flow: a [`Profile`] ([`default_profile`] or a docker JSON file read by
//! [`load_docker_profile`]) is compiled by [`compile`] for the capabilities the container gets and
//! the host [`Target`]; the resulting [`Program`] can be cached on disk ([`Program::to_bytes`],
//! [`cache_key`]) and is loaded by [`install`] in the container init right before execve.
//!
//! Differences from docker: only the native ABI passes the filter. Docker's profile also admits
//! the i386 and x32 ABIs on x86_64 (and arm on aarch64); here those syscalls kill the process,
//! so 32-bit binaries do not run in a container that has a seccomp filter.

mod arch;
mod compile;
mod default_profile;
mod docker_json;
mod install;
mod profile;
mod program;
mod syscall_table;

#[cfg(test)]
pub(crate) mod bpf_interpreter;
#[cfg(test)]
mod compile_tests;

use std::path::PathBuf;

pub use arch::{Arch, KernelVersion, Target};
pub use compile::compile;
pub use default_profile::default_profile;
pub use docker_json::{ProfileError, load_docker_profile, parse_docker_profile};
pub use install::{install, install_listening};
pub use profile::{Action, ArgCondition, CapSet, CmpOp, Profile, Rule, Selector};
pub use program::{DecodeError, Insn, MAX_INSNS, Program, cache_key};

#[derive(Debug, thiserror::Error)]
pub enum SeccompError {
    #[error("cannot read seccomp profile: {path}: {source}")]
    ReadProfile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid seccomp profile: {path}: {source}")]
    InvalidProfile {
        path: PathBuf,
        #[source]
        source: ProfileError,
    },
    #[error(
        "cannot compile seccomp profile: syscalls {syscalls}: argument index {index} is not 0-5"
    )]
    ArgIndex { syscalls: String, index: u8 },
    #[error(
        "cannot compile seccomp profile: {len} instructions, the kernel accepts at most {MAX_INSNS}"
    )]
    TooLong { len: usize },
    #[error("cannot use seccomp: architecture {arch} is not supported (x86_64 and aarch64 are)")]
    UnsupportedArch { arch: &'static str },
    #[error("cannot read the kernel version: uname: {0}")]
    Uname(#[source] nix::errno::Errno),
    #[error("cannot read the kernel version: release {release:?} is not MAJOR.MINOR")]
    KernelRelease { release: String },
    #[error("cannot decode cached seccomp program: {0}")]
    Decode(#[from] DecodeError),
    #[error("cannot install seccomp filter: compiled for {program}, this is {host}")]
    ArchMismatch { program: Arch, host: &'static str },
    #[error("cannot install seccomp filter: {0}")]
    Install(#[source] nix::errno::Errno),
}
