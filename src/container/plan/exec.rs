//! `exec`'s flags, parsed and checked before the container is looked at.

use super::super::ContainerError;
use super::attach::parse_detach_keys;
use super::process::{env_from_flag, read_env_file};

/// What `exec` is asked for, as given.
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub command: Vec<String>,
    pub interactive: bool,
    pub tty: bool,
    pub detach: bool,
    pub env: Vec<String>,
    /// `--env-file`: read before `-e`, which wins.
    pub env_files: Vec<std::path::PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub privileged: bool,
    /// `--preserve-fds N`, `--preserve-fd FD1[,FD2,…]`.
    pub preserve_fds: u32,
    pub preserve_fd: Vec<String>,
    /// `--detach-keys`, as given (None: nothing detaches; the CLI passes podman's default for
    /// `-it`).
    pub detach_keys: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ExecPlan {
    pub command: Vec<String>,
    pub interactive: bool,
    pub tty: bool,
    pub detach: bool,
    /// `--env-file` then `-e` entries, each `KEY=VALUE`, in order.
    pub env: Vec<String>,
    pub workdir: Option<String>,
    /// Resolved when exec runs, against the running container's /etc/passwd and /etc/group.
    pub user: Option<String>,
    pub privileged: bool,
    /// Descriptors of this command the process gets at their numbers, each checked open.
    pub preserve_fds: Vec<i32>,
    /// The bytes that detach from the command's terminal (`-it` only); empty: nothing does.
    pub detach_keys: Vec<u8>,
}

impl ExecPlan {
    pub fn build(opts: &ExecOptions) -> Result<ExecPlan, ContainerError> {
        if opts.command.is_empty() {
            return Err(ContainerError::NoCommand);
        }
        let mut env = Vec::new();
        for file in &opts.env_files {
            env.extend(read_env_file(file)?);
        }
        for flag in &opts.env {
            env.extend(env_from_flag(flag)?);
        }
        let detach_keys = match &opts.detach_keys {
            Some(keys) => parse_detach_keys(keys)?,
            None => Vec::new(),
        };
        if !detach_keys.is_empty() && (opts.detach || !opts.tty || !opts.interactive) {
            return Err(ContainerError::invalid(
                "--detach-keys",
                opts.detach_keys.clone().unwrap_or_default(),
                "rpod reads detach keys only from the terminal of an attached exec -it; \
                 --detach-keys \"\" is accepted",
            ));
        }
        Ok(ExecPlan {
            command: opts.command.clone(),
            interactive: opts.interactive,
            tty: opts.tty,
            detach: opts.detach,
            env,
            workdir: opts.workdir.clone(),
            user: opts.user.clone(),
            privileged: opts.privileged,
            preserve_fds: super::extra::preserve_fds(opts.preserve_fds, &opts.preserve_fd)?,
            detach_keys,
        })
    }
}
