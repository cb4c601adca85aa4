//! Exec sessions (the Docker API's exec instances) as the container's state, as podman keeps
//! them: `containers/<id>/exec/<session>.json`, written whole under the container's lifecycle
//! lock. Any process finds them (a service restarted between create, start and inspect, the
//! CLI's `inspect` and `container cleanup --exec`), and they go with the container's directory
//! when it is removed.
//!
//! Whether a session runs is read, never trusted: a started session runs while its helper
//! (pid and start time) lives and its container runs. A stopped container's sessions, or
//! those of a service killed before it wrote the exit code, read as finished.

use std::io;
use std::path::PathBuf;
use std::process::{Child, Command};

use serde::{Deserialize, Serialize};

use super::exec::helper_for;
use super::plan::exec::{ExecOptions, ExecPlan};
use super::record::Paths;
use super::status;
use super::{ContainerError, Engine};
use crate::state::atomic::{self, Durability};
use crate::state::process::ProcessStamp;

const DIR: &str = "exec";

#[derive(Debug, thiserror::Error)]
pub enum ExecSessionError {
    /// docker's wording: its clients match on it.
    #[error("No such exec instance: {0}")]
    NotFound(String),
    /// podman's wording, for a session named with its container.
    #[error("container {container} has no exec session with ID {session}: no such exec session")]
    NotInContainer { container: String, session: String },
    #[error("exec instance {0} has already been started")]
    AlreadyStarted(String),
    #[error(
        "cannot clean up container {container} exec session {session} as it is running: exec \
         session state improper"
    )]
    CleanupRunning { container: String, session: String },
    #[error(
        "container {container} exec session {session} is still running, cannot remove: exec \
         session state improper"
    )]
    RemoveRunning { container: String, session: String },
}

impl ExecSessionError {
    pub fn hint(&self) -> Option<String> {
        match self {
            ExecSessionError::CleanupRunning { .. } | ExecSessionError::RemoveRunning { .. } => {
                Some("wait for the command to end, or stop the container".into())
            }
            _ => None,
        }
    }
}

/// What a session runs, checked (`ExecPlan::build`) before it is recorded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionConfig {
    pub command: Vec<String>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub privileged: bool,
    pub tty: bool,
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl SessionConfig {
    pub fn options(&self) -> ExecOptions {
        ExecOptions {
            command: self.command.clone(),
            interactive: self.stdin,
            tty: self.tty,
            detach: false,
            env: self.env.clone(),
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            privileged: self.privileged,
            ..ExecOptions::default()
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExecSession {
    pub id: String,
    /// The container's full id.
    pub container: String,
    #[serde(flatten)]
    pub config: SessionConfig,
    /// The exec helper, once started: its exit code is the command's.
    pub process: Option<ProcessStamp>,
    pub exit_code: Option<i32>,
    /// Written when its end was seen (the code, or a cleanup of a session whose helper is gone).
    #[serde(default)]
    pub finished: bool,
}

/// A session as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    Created,
    Running,
    Finished,
}

impl ExecSession {
    pub fn state(&self, container_running: bool) -> SessionState {
        match &self.process {
            None => SessionState::Created,
            Some(_) if self.finished || !container_running => SessionState::Finished,
            Some(helper) if helper.is_alive() => SessionState::Running,
            Some(_) => SessionState::Finished,
        }
    }

    /// The helper's pid (0 before the start), as docker reports it.
    pub fn pid(&self) -> i32 {
        self.process.map_or(0, |p| p.pid)
    }
}

fn dir(paths: &Paths) -> PathBuf {
    paths.dir.join(DIR)
}

fn file(paths: &Paths, id: &str) -> PathBuf {
    dir(paths).join(format!("{id}.json"))
}

/// docker's exec ids: 64 hex digits. Anything else names no session (and no path).
fn valid_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

fn new_id() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the kernel's random source is unavailable");
    hex::encode(bytes)
}

/// The session's record, or None when there is none. A record left unreadable by a crash of
/// the machine (they are not synced: the sessions' processes die with it) counts as absent.
fn read(paths: &Paths, id: &str) -> Result<Option<ExecSession>, ContainerError> {
    if !valid_id(id) {
        return Ok(None);
    }
    let path = file(paths, id);
    match std::fs::read(&path) {
        Ok(text) => Ok(serde_json::from_slice(&text).ok()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ContainerError::io("read", &path)(e)),
    }
}

fn write(paths: &Paths, session: &ExecSession) -> Result<(), ContainerError> {
    let path = file(paths, &session.id);
    let text = serde_json::to_vec(session).expect("an exec session serialises");
    atomic::write_as(&path, &text, Durability::Unsynced).map_err(ContainerError::io("write", &path))
}

/// The ids of the container's recorded sessions (`inspect`'s `ExecIDs`), in name order.
pub fn ids(paths: &Paths) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir(paths)) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let id = name.strip_suffix(".json")?;
            valid_id(id).then(|| id.to_string())
        })
        .collect();
    ids.sort();
    ids
}

/// Records a new session in a running container (`POST /containers/{id}/exec`).
pub fn create(
    engine: &Engine,
    container: &str,
    config: SessionConfig,
) -> Result<ExecSession, ContainerError> {
    ExecPlan::build(&config.options())?;
    let locked = engine.lock_container(container)?;
    let state = status::of(&locked.paths);
    if !state.is_running() {
        return Err(ContainerError::NotRunning {
            action: "exec into",
            name: locked.record.name.clone(),
            state: state.name(),
        });
    }
    let sessions = dir(&locked.paths);
    if let Err(e) = std::fs::create_dir(&sessions)
        && e.kind() != io::ErrorKind::AlreadyExists
    {
        return Err(ContainerError::io("create", &sessions)(e));
    }
    let session = ExecSession {
        id: new_id(),
        container: locked.record.id.to_string(),
        config,
        process: None,
        exit_code: None,
        finished: false,
    };
    write(&locked.paths, &session)?;
    Ok(session)
}

/// Finds a session by its id alone (the API names no container), with its container's paths
/// and whether that container runs.
pub fn find(engine: &Engine, id: &str) -> Result<(ExecSession, bool), ContainerError> {
    let not_found = || ExecSessionError::NotFound(id.to_string()).into();
    if !valid_id(id) {
        return Err(not_found());
    }
    let containers = engine.containers_dir();
    let entries = match std::fs::read_dir(&containers) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(not_found()),
        Err(e) => return Err(ContainerError::io("read", &containers)(e)),
    };
    for entry in entries.flatten() {
        let path = entry.path().join(DIR).join(format!("{id}.json"));
        if !path.exists() {
            continue;
        }
        let Ok((_, paths)) = engine.find(&entry.file_name().to_string_lossy()) else {
            continue;
        };
        if let Some(session) = read(&paths, id)? {
            let running = status::of(&paths).is_running();
            return Ok((session, running));
        }
    }
    Err(not_found())
}

/// Starts a created session: `spawn` starts the helper's command with the streams the caller
/// gives it, under the container's lock, so that the session is never seen started without
/// its process. Returns the session as now recorded and the helper.
pub fn start(
    engine: &Engine,
    id: &str,
    spawn: impl FnOnce(&ExecSession, Command) -> io::Result<Child>,
) -> Result<(ExecSession, Child), ContainerError> {
    let (found, _) = find(engine, id)?;
    let locked = engine.lock_container(&found.container)?;
    let mut session = read(&locked.paths, id)?
        .ok_or_else(|| ContainerError::from(ExecSessionError::NotFound(id.to_string())))?;
    if session.process.is_some() {
        return Err(ExecSessionError::AlreadyStarted(id.to_string()).into());
    }
    let plan = ExecPlan::build(&session.config.options())?;
    let command = helper_for(engine, &locked.record, &locked.paths, &plan)?;
    let child = spawn(&session, command).map_err(ContainerError::ExecHelper)?;
    let pid = child.id() as i32;
    // Our unreaped child has a stat even when it ended; without one, a start time of 0 reads
    // as gone, and `finish` writes its code next.
    session.process = Some(ProcessStamp::of(pid).unwrap_or(ProcessStamp { pid, start_time: 0 }));
    write(&locked.paths, &session)?;
    Ok((session, child))
}

/// Records how a started session ended. Nothing is written when the session or its container
/// went in the meantime (`rm -f` of the container, `cleanup --exec --rm`).
pub fn finish(engine: &Engine, session: &ExecSession, code: i32) -> Result<(), ContainerError> {
    let locked = match engine.lock_container(&session.container) {
        Ok(locked) => locked,
        Err(ContainerError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    let Some(mut recorded) = read(&locked.paths, &session.id)? else {
        return Ok(());
    };
    recorded.exit_code = Some(code);
    recorded.finished = true;
    write(&locked.paths, &recorded)
}

/// `container cleanup --exec SESSION`: a session that no longer runs is written down as
/// finished (its exit code kept) or, with `remove`, forgotten. A running one is refused.
pub fn cleanup(
    engine: &Engine,
    container: &str,
    id: &str,
    remove: bool,
) -> Result<(), ContainerError> {
    let locked = engine.lock_container(container)?;
    let full = locked.record.id.to_string();
    let Some(mut session) = read(&locked.paths, id)? else {
        return Err(ExecSessionError::NotInContainer {
            container: full,
            session: id.to_string(),
        }
        .into());
    };
    if session.state(status::of(&locked.paths).is_running()) == SessionState::Running {
        let (container, session) = (full, id.to_string());
        return Err(match remove {
            true => ExecSessionError::RemoveRunning { container, session },
            false => ExecSessionError::CleanupRunning { container, session },
        }
        .into());
    }
    if remove {
        let path = file(&locked.paths, id);
        return std::fs::remove_file(&path).map_err(ContainerError::io("remove", &path));
    }
    if session.process.is_some() && !session.finished {
        session.finished = true;
        write(&locked.paths, &session)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(process: Option<ProcessStamp>, finished: bool) -> ExecSession {
        ExecSession {
            id: "a".repeat(64),
            container: "c".repeat(64),
            config: SessionConfig::default(),
            process,
            exit_code: None,
            finished,
        }
    }

    #[test]
    fn a_session_runs_only_while_its_helper_lives_in_a_running_container() {
        let me = Some(ProcessStamp::current());
        assert_eq!(session(None, false).state(true), SessionState::Created);
        assert_eq!(session(me, false).state(true), SessionState::Running);
        assert_eq!(session(me, false).state(false), SessionState::Finished);
        assert_eq!(session(me, true).state(true), SessionState::Finished);
        let recycled = me.map(|p| ProcessStamp {
            start_time: p.start_time + 1,
            ..p
        });
        assert_eq!(session(recycled, false).state(true), SessionState::Finished);
    }

    #[test]
    fn only_docker_shaped_ids_name_a_session() {
        assert!(valid_id(&new_id()));
        assert!(!valid_id("0123abcd"));
        assert!(!valid_id(&format!("../{}", "a".repeat(61))));
    }
}
