//! Exec instances (`POST /containers/{id}/exec`) kept as files in the user's runroot, not in
//! the service: a second service, or one restarted between create and start, finds them.
//! Each is `<runroot>/api-exec/<id>.json`; starting one also creates `<id>.started` with
//! O_EXCL, so two services cannot both start it.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use hyper::StatusCode;
use serde::{Deserialize, Serialize};

use super::reply::Failure;
use crate::container::plan::exec::ExecOptions;

/// One exec instance: what to run (checked when it was created) and how it went.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExecRecord {
    pub id: String,
    /// The container's full id.
    pub container: String,
    pub command: Vec<String>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub privileged: bool,
    pub tty: bool,
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    pub running: bool,
    /// The exec helper's pid while it runs (0 before).
    pub pid: i32,
    pub exit_code: Option<i32>,
}

impl ExecRecord {
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

/// The exec instances of one user.
pub struct ExecStore {
    dir: PathBuf,
}

fn internal(what: &str, path: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("{what} {}: {e}", path.display()),
    )
}

pub fn new_id() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the kernel's random source is unavailable");
    hex::encode(bytes)
}

impl ExecStore {
    pub fn open(runroot: &Path) -> ExecStore {
        ExecStore {
            dir: runroot.join("api-exec"),
        }
    }

    fn file(&self, id: &str, suffix: &str) -> Result<PathBuf, Failure> {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(not_found(id));
        }
        Ok(self.dir.join(format!("{id}.{suffix}")))
    }

    /// Written whole to a new file, then renamed over the old: readers never see half.
    pub fn save(&self, record: &ExecRecord) -> Result<(), Failure> {
        std::fs::create_dir_all(&self.dir).map_err(|e| internal("create", &self.dir, e))?;
        let path = self.file(&record.id, "json")?;
        let tmp = self.file(&record.id, &format!("json.{}", std::process::id()))?;
        let text = serde_json::to_vec(record).expect("an exec record serialises");
        std::fs::write(&tmp, text).map_err(|e| internal("write", &tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| internal("rename", &path, e))
    }

    pub fn load(&self, id: &str) -> Result<ExecRecord, Failure> {
        let path = self.file(id, "json")?;
        let text = match std::fs::read(&path) {
            Err(e) if e.kind() == ErrorKind::NotFound => return Err(not_found(id)),
            other => other.map_err(|e| internal("read", &path, e))?,
        };
        serde_json::from_slice(&text).map_err(|e| internal("parse", &path, e))
    }

    /// Claims the right to start an exec: false when it was started already.
    pub fn claim(&self, id: &str) -> Result<bool, Failure> {
        let path = self.file(id, "started")?;
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(internal("create", &path, e)),
        }
    }

    /// Forgets the execs of containers that are gone (docker drops them with the container).
    pub fn sweep(&self, exists: impl Fn(&str) -> bool) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Some(record) = std::fs::read(&path)
                .ok()
                .and_then(|t| serde_json::from_slice::<ExecRecord>(&t).ok())
            else {
                continue;
            };
            if !exists(&record.container) {
                let _ = std::fs::remove_file(path.with_extension("started"));
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

pub fn not_found(id: &str) -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        format!("No such exec instance: {id}"),
    )
}
