//! `exec`: run a command in a running container, through the `__exec` helper process that
//! joins its namespaces (see runtime::join).

use std::process::{Command, Stdio};

use super::plan::exec::ExecPlan;
use super::plan::process::set_env;
use super::record::SeccompChoice;
use super::status::{self, Status};
use super::{ContainerError, Engine, monitor_spec, processes, user};
use crate::runtime::caps;
use crate::runtime::join::ExecSpec;
use crate::runtime::spec::{ProcessSpec, Security};

/// The hidden subcommand the helper runs as.
pub const SUBCOMMAND: &str = "__exec";

/// Runs the command and returns its exit code (docker's 126/127 when it cannot run).
pub fn exec(engine: &Engine, name: &str, plan: &ExecPlan) -> Result<i32, ContainerError> {
    let (record, paths) = engine.find(name)?;
    let Status::Running(running) = status::of(&paths) else {
        return Err(ContainerError::NotRunning {
            action: "exec into",
            name: record.name,
            state: status::of(&paths).name(),
        });
    };
    let run = &record.run;
    let (uid, gid) = match &plan.user {
        None => (run.uid, run.gid),
        Some(u) => {
            let diffs: Vec<_> = record
                .layers
                .iter()
                .map(|l| engine.store.layer_diff(l))
                .collect();
            let resolved = user::resolve(&diffs, u)?;
            // Only the container's one id exists in its user namespace.
            if resolved.uid != run.uid {
                return Err(ContainerError::User {
                    user: u.clone(),
                    reason: format!(
                        "uid {} is not mapped in this container, only {} is",
                        resolved.uid, run.uid
                    ),
                });
            }
            (resolved.uid, resolved.gid)
        }
    };
    let mut env = run.env.clone();
    for entry in &plan.env {
        set_env(&mut env, entry.clone());
    }
    if plan.tty {
        set_env(&mut env, "TERM=xterm".into());
    }
    let privileged = plan.privileged || run.privileged;
    let capabilities = caps::resolve(privileged, &run.cap_add, &run.cap_drop)
        .map_err(|e| ContainerError::invalid("capability", e.to_string(), "see capabilities(7)"))?;
    let seccomp = match &run.seccomp {
        _ if privileged => None,
        SeccompChoice::Unconfined => None,
        _ => monitor_spec::seccomp_program(engine, &record, &capabilities)?,
    };
    let exec_spec = ExecSpec {
        pid: processes::namespace_holder(running.pid),
        process: ProcessSpec {
            args: plan.command.clone(),
            env,
            cwd: plan
                .workdir
                .clone()
                .unwrap_or_else(|| run.working_dir.clone()),
            uid,
            gid,
            terminal: plan.tty,
            rlimits: Vec::new(),
        },
        security: Security {
            capabilities,
            no_new_privileges: run.no_new_privileges,
            seccomp,
        },
        detach: plan.detach,
        cgroup: super::resources::leaf_of(&paths).map(|leaf| leaf.path().to_path_buf()),
    };
    let json = serde_json::to_string(&exec_spec).expect("an exec spec serialises");
    let stdin = if plan.interactive {
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
