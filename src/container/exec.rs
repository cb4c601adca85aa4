//! `exec`: run a command in a running container, through the `__exec` helper process that
//! joins its namespaces (see runtime::join).

use std::process::{Command, Stdio};

use super::record::SeccompChoice;
use super::status::{self, Status};
use super::{ContainerError, Engine, create, processes, spec, user};
use crate::runtime::caps;
use crate::runtime::emulation::Identity;
use crate::runtime::join::ExecSpec;
use crate::runtime::spec::{ProcessSpec, Security};

/// The hidden subcommand the helper runs as.
pub const SUBCOMMAND: &str = "__exec";

#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub command: Vec<String>,
    pub interactive: bool,
    pub tty: bool,
    pub detach: bool,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub privileged: bool,
}

/// Runs the command and returns its exit code (docker's 126/127 when it cannot run).
pub fn exec(engine: &Engine, name: &str, opts: &ExecOptions) -> Result<i32, ContainerError> {
    let (record, paths) = engine.find(name)?;
    let Status::Running(running) = status::of(&paths) else {
        return Err(ContainerError::NotRunning {
            action: "exec into",
            name: record.name,
            state: status::of(&paths).name(),
        });
    };
    let run = &record.run;
    let (uid, gid, groups) = match &opts.user {
        None => (run.uid, run.gid, run.groups.clone()),
        Some(u) => {
            // The container's users as they are now: a `useradd` inside counts, as in docker.
            let resolved = user::resolve_running(running.pid, u)?;
            // Without emulation only the container's one id exists in its user namespace.
            if !run.root_emulation && resolved.uid != run.uid {
                return Err(ContainerError::User {
                    user: u.clone(),
                    reason: format!(
                        "uid {} is not mapped in this container, only {} is (root emulation is off)",
                        resolved.uid, run.uid
                    ),
                });
            }
            (resolved.uid, resolved.gid, resolved.groups)
        }
    };
    let mut env = run.env.clone();
    for e in &opts.env {
        if let Some(entry) = create::env_from_flag(e)? {
            create::set_env(&mut env, entry);
        }
    }
    if opts.tty {
        create::set_env(&mut env, "TERM=xterm".into());
    }
    let privileged = opts.privileged || run.privileged;
    let capabilities = caps::resolve(privileged, &run.cap_add, &run.cap_drop)
        .map_err(|e| ContainerError::invalid("capability", e.to_string(), "see capabilities(7)"))?;
    let seccomp = match &run.seccomp {
        _ if privileged => None,
        SeccompChoice::Unconfined => None,
        _ => spec::seccomp_program(engine, &record, &capabilities)?,
    };
    let emulation = spec::emulation_for(
        run,
        Identity {
            uid,
            gid,
            groups,
            capabilities: capabilities.clone(),
        },
    )?;
    let (kernel_uid, kernel_gid) = match emulation {
        Some(_) => spec::kernel_ids(run),
        None => (uid, gid),
    };
    if opts.command.is_empty() {
        return Err(ContainerError::NoCommand);
    }
    let exec_spec = ExecSpec {
        pid: processes::namespace_holder(running.pid),
        process: ProcessSpec {
            args: opts.command.clone(),
            env,
            cwd: opts
                .workdir
                .clone()
                .unwrap_or_else(|| run.working_dir.clone()),
            uid: kernel_uid,
            gid: kernel_gid,
            terminal: opts.tty,
            rlimits: Vec::new(),
        },
        emulation_socket: emulation.is_some().then(|| paths.run_dir.clone()),
        security: Security {
            capabilities,
            no_new_privileges: run.no_new_privileges,
            seccomp,
            emulation,
        },
        detach: opts.detach,
        cgroup: super::resources::leaf_of(&paths).map(|leaf| leaf.path().to_path_buf()),
    };
    let json = serde_json::to_string(&exec_spec).expect("an exec spec serialises");
    let stdin = if opts.interactive {
        Stdio::inherit()
    } else {
        Stdio::null()
    };
    let status = Command::new("/proc/self/exe")
        .arg(SUBCOMMAND)
        .arg(json)
        .stdin(stdin)
        .status()
        .map_err(|e| ContainerError::Start {
            message: format!("cannot start the exec helper: {e}"),
            exit_code: 125,
        })?;
    Ok(status.code().unwrap_or(125))
}
