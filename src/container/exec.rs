//! `exec`: run a command in a running container, through the `__exec` helper process that
//! joins its namespaces (see runtime::join).

use std::process::{Command, Stdio};
use std::time::Duration;

use super::plan::exec::ExecPlan;
use super::plan::process::{parse_signal, set_env};
use super::record::{ContainerRecord, Paths, SeccompChoice};
use super::status::{self, Status};
use super::{ContainerError, Engine, monitor_spec, processes, user};
use crate::monitor::spec::HealthSpec;
use crate::runtime::caps;
use crate::runtime::emulation::Identity;
use crate::runtime::join::ExecSpec;
use crate::runtime::spec::{ProcessSpec, Security};

/// The hidden subcommand the helper runs as.
pub const SUBCOMMAND: &str = "__exec";

/// Runs the command and returns its exit code (docker's 126/127 when it cannot run).
pub fn exec(engine: &Engine, name: &str, plan: &ExecPlan) -> Result<i32, ContainerError> {
    let stdin = if plan.interactive {
        Stdio::inherit()
    } else {
        Stdio::null()
    };
    let mut helper = helper(engine, name, plan)?;
    // The command's output is the container's: `--out` does not take it.
    if let Some(out) = crate::runtime::fds::caller_stdout() {
        helper.stdout(out.try_clone().map_err(ContainerError::ExecHelper)?);
    }
    // `--preserve-fd[s]`: the helper (and from it the command) inherits them, nothing else.
    let passed = &plan.preserve_fds;
    crate::runtime::fds::set_inherited(passed, true)
        .map_err(|e| ContainerError::ExecHelper(std::io::Error::from_raw_os_error(e as i32)))?;
    let status = helper.stdin(stdin).spawn().and_then(|mut child| {
        let _ = crate::runtime::fds::set_inherited(passed, false);
        child.wait()
    });
    let status = status.map_err(ContainerError::ExecHelper)?;
    Ok(status.code().unwrap_or(125))
}

/// The helper process that runs the command, for the caller to give its streams (the CLI
/// its own, the API service the client's connection through `exec_session`) and wait for:
/// its exit code is the command's.
fn helper(engine: &Engine, name: &str, plan: &ExecPlan) -> Result<Command, ContainerError> {
    // Locked while the container's state is read and the helper's spec made, not while the
    // command runs.
    let locked = engine.lock_container(name)?;
    helper_for(engine, &locked.record, &locked.paths, plan)
}

/// The helper for a container whose lock the caller holds.
pub(super) fn helper_for(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
    plan: &ExecPlan,
) -> Result<Command, ContainerError> {
    let exec_spec = exec_spec(engine, record, paths, plan)?;
    let json = serde_json::to_string(&exec_spec).expect("an exec spec serialises");
    let mut command = Command::new("/proc/self/exe");
    command.arg(SUBCOMMAND).arg(json);
    Ok(command)
}

/// What the helper does: join the running container's namespaces and cgroup and run the
/// command as the container's user, with its capabilities and seccomp filter.
fn exec_spec(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
    plan: &ExecPlan,
) -> Result<ExecSpec, ContainerError> {
    let Status::Running(running) = status::of(paths) else {
        return Err(ContainerError::NotRunning {
            action: "exec into",
            name: record.name.clone(),
            state: status::of(paths).name(),
        });
    };
    let identity = identity(running.pid, record, plan)?;
    Ok(ExecSpec {
        pid: processes::namespace_holder(running.pid),
        cgroup: super::resources::leaf_of(paths).map(|leaf| leaf.path().to_path_buf()),
        ..joined_spec(engine, record, paths, plan, identity)?
    })
}

/// A healthcheck as the monitor runs it: exec's spec as the container's user, the init's
/// pid set at each run and the cgroup joined by the monitor.
pub fn health_spec(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
) -> Result<Option<HealthSpec>, ContainerError> {
    let run = &record.run;
    let Some(config) = &run.healthcheck else {
        return Ok(None);
    };
    let plan = ExecPlan {
        command: config.test.argv(),
        interactive: false,
        tty: false,
        detach: false,
        env: Vec::new(),
        workdir: None,
        user: None,
        privileged: false,
        preserve_fds: Vec::new(),
        detach_keys: Vec::new(),
    };
    let identity = (run.uid, run.gid, run.groups.clone());
    Ok(Some(HealthSpec {
        config: config.clone(),
        exec: joined_spec(engine, record, paths, &plan, identity)?,
        stop_signal: parse_signal(&run.stop_signal)?,
        stop_timeout: Duration::from_secs(run.stop_timeout.into()),
    }))
}

/// What does not depend on the running process: the command, its environment and the
/// container's restrictions.
fn joined_spec(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
    plan: &ExecPlan,
    (uid, gid, groups): (u32, u32, Vec<u32>),
) -> Result<ExecSpec, ContainerError> {
    let run = &record.run;
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
        _ => monitor_spec::seccomp_program(engine, record, &capabilities)?,
    };
    let emulation = monitor_spec::emulation_for(
        run,
        Identity {
            uid,
            gid,
            groups,
            capabilities: capabilities.clone(),
        },
    )?;
    let (kernel_uid, kernel_gid) = match emulation {
        Some(_) => monitor_spec::kernel_ids(run),
        None => (uid, gid),
    };
    Ok(ExecSpec {
        pid: 0,
        process: ProcessSpec {
            args: plan.command.clone(),
            env,
            cwd: plan
                .workdir
                .clone()
                .unwrap_or_else(|| run.working_dir.clone()),
            uid: kernel_uid,
            gid: kernel_gid,
            terminal: plan.tty,
            rlimits: Vec::new(),
            // The container's umask, as podman's exec keeps it; the OOM score and
            // personality are the container's init's, not inherited through a join.
            attrs: crate::runtime::spec::ProcessAttrs {
                umask: run.attrs.umask,
                preserve_fds: plan.preserve_fds.clone(),
                ..Default::default()
            },
        },
        emulation_socket: emulation.is_some().then(|| paths.run_dir.clone()),
        security: Security {
            capabilities,
            no_new_privileges: run.no_new_privileges,
            seccomp,
            emulation,
        },
        detach: plan.detach,
        cgroup: None,
        detach_keys: plan.detach_keys.clone(),
    })
}

/// `-u`, resolved against the container's users as they are now: a `useradd` inside counts,
/// as in docker. Without emulation only the container's one id exists in its user namespace.
fn identity(
    init: i32,
    record: &ContainerRecord,
    plan: &ExecPlan,
) -> Result<(u32, u32, Vec<u32>), ContainerError> {
    let run = &record.run;
    let Some(u) = &plan.user else {
        return Ok((run.uid, run.gid, run.groups.clone()));
    };
    let resolved = user::resolve_running(init, u)?;
    if !run.root_emulation && resolved.uid != run.uid {
        return Err(ContainerError::User {
            user: u.clone(),
            reason: format!(
                "uid {} is not mapped in this container, only {} is (root emulation is off)",
                resolved.uid, run.uid
            ),
        });
    }
    Ok((resolved.uid, resolved.gid, resolved.groups))
}
