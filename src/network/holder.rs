//! The rootless network namespace of user-defined networks: a user namespace (the caller mapped
//! to root, as containers have it) and a network namespace with one bridge per network in
//! use, held by a small process that lives only while some container on a network runs.
//!
//! ```text
//! RUNROOT/netns/lock         flock: held while a monitor checks or starts the holder, and
//!                            while the holder decides to quit
//! RUNROOT/netns/users        flock: every monitor of a bridged container holds it shared
//!                            for the container's life; the holder quits once it gets it
//!                            exclusively
//! RUNROOT/netns/holder.json  the holder (pid and start time), written once it is ready
//! RUNROOT/netns/pasta.log    pasta's complaints, for the error when the start fails
//! ```
//!
//! The holder is `pasta --config-net -- rpod __netns-holder run DIR`: pasta creates the user
//! and network namespaces, gives them the host's address and routes on a tap device, and
//! exits when the holder does. A monitor starts it through `rpod __netns-holder launch DIR`,
//! which waits until it is ready and exits, so the holder is no monitor's child and outlives
//! the one that started it. Monitors join it by /proc/PID/ns/{user,net}. A killed holder is
//! noticed by the next monitor (its stamp is dead) and replaced; a killed monitor drops its
//! shared lock with its descriptors.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::helper::{self, READY_TIMEOUT};
use super::mode::PASTA;
use super::pasta::DNS_FORWARD;
use crate::state::atomic;
use crate::state::lock::{self, Guard};
use crate::state::process::ProcessStamp;

pub const SUBCOMMAND: &str = "__netns-holder";
const DIR: &str = "netns";
const LOCK_FILE: &str = "lock";
const USERS_FILE: &str = "users";
const HOLDER_FILE: &str = "holder.json";
const LOG_FILE: &str = "pasta.log";

#[derive(Debug, thiserror::Error)]
pub enum HolderError {
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("cannot start the rootless network namespace: {0}")]
    Launch(String),
}

impl HolderError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> HolderError {
        let path = path.to_path_buf();
        move |source| HolderError::Io {
            action,
            path,
            source,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            HolderError::Launch(_) => Some(format!(
                "user-defined networks need pasta (`apt install {}`)",
                super::mode::package_of(PASTA)
            )),
            HolderError::Io { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct HolderRecord {
    holder: ProcessStamp,
}

/// A monitor's share of the holder: the holder stays while this lives.
pub struct HolderRef {
    _users: Guard,
    pid: i32,
}

impl HolderRef {
    pub fn userns(&self) -> PathBuf {
        format!("/proc/{}/ns/user", self.pid).into()
    }

    pub fn netns(&self) -> PathBuf {
        format!("/proc/{}/ns/net", self.pid).into()
    }
}

fn read_record(dir: &Path) -> Option<HolderRecord> {
    let bytes = fs::read(dir.join(HOLDER_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Takes a share of the holder of `runroot`, starting it if none runs. Called by a monitor
/// before it enters any namespace: the holder's namespaces are created from the caller's.
pub fn acquire(runroot: &Path) -> Result<HolderRef, HolderError> {
    let dir = runroot.join(DIR);
    fs::create_dir_all(&dir).map_err(HolderError::io("create", &dir))?;
    let lock_path = dir.join(LOCK_FILE);
    let _guard = lock::exclusive(&lock_path).map_err(HolderError::io("lock", &lock_path))?;
    let users_path = dir.join(USERS_FILE);
    let users = lock::shared(&users_path).map_err(HolderError::io("lock", &users_path))?;
    let pid = match read_record(&dir).filter(|r| r.holder.is_alive()) {
        Some(record) => record.holder.pid,
        None => launch(&dir)?,
    };
    Ok(HolderRef { _users: users, pid })
}

/// Runs `rpod __netns-holder launch DIR` and returns the holder's pid.
fn launch(dir: &Path) -> Result<i32, HolderError> {
    let record = dir.join(HOLDER_FILE);
    match fs::remove_file(&record) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            return Err(HolderError::io("remove", &record)(e));
        }
        _ => {}
    }
    let exe =
        std::env::current_exe().map_err(HolderError::io("find", Path::new("/proc/self/exe")))?;
    let output = Command::new(&exe)
        .arg(SUBCOMMAND)
        .arg("launch")
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(HolderError::io("run", &exe))?;
    if !output.status.success() {
        let text = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(HolderError::Launch(if text.is_empty() {
            output.status.to_string()
        } else {
            text
        }));
    }
    read_record(dir)
        .map(|r| r.holder.pid)
        .ok_or_else(|| HolderError::Launch("the holder wrote no record".into()))
}

/// The hidden subcommand: `launch DIR` (start pasta with the holder, wait until it is ready)
/// or `run DIR` (the holder itself, inside pasta's namespaces). Returns the exit code.
pub fn main(args: &[OsString]) -> u8 {
    let (Some(verb), Some(dir)) = (args.first(), args.get(1)) else {
        return 125;
    };
    let dir = Path::new(dir);
    let result = match verb.to_str() {
        Some("launch") => launch_pasta(dir),
        Some("run") => hold(dir),
        _ => return 125,
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}

/// pasta in its own process group, so that no signal meant for the monitor's group reaches
/// it; the launcher exits once the holder is ready and the holder is orphaned.
fn launch_pasta(dir: &Path) -> Result<(), String> {
    let pasta = helper::find(PASTA).ok_or("pasta is not installed")?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find rpod: {e}"))?;
    let log_path = dir.join(LOG_FILE);
    let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let mut child = Command::new(&pasta)
        .args(["--config-net", "--foreground", "--quiet"])
        .args(["-t", "none", "-u", "none", "-T", "none", "-U", "none"])
        .arg("--dns-forward")
        .arg(DNS_FORWARD.to_string())
        .arg("--")
        .arg(exe)
        .arg(SUBCOMMAND)
        .arg("run")
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", pasta.display()))?;
    let deadline = Instant::now() + READY_TIMEOUT;
    loop {
        if read_record(dir).is_some_and(|r| r.holder.is_alive()) {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            let log = fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!("pasta exited ({status}): {}", log.trim()));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            return Err(format!(
                "no answer within {} seconds",
                READY_TIMEOUT.as_secs()
            ));
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// The holder: records itself, then waits until no monitor holds a share and quits, which
/// ends pasta and, with the last process in them, the namespaces.
fn hold(dir: &Path) -> Result<(), String> {
    // pasta gone means no way out for the namespace: go with it.
    nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL)
        .map_err(|e| format!("cannot set the parent-death signal: {e}"))?;
    // pasta runs its command in a PID namespace of its own, where the holder is pid 1; the
    // host's /proc (still mounted) names it as monitors see it.
    let host_pid = fs::read_link("/proc/self")
        .ok()
        .and_then(|p| p.to_str()?.parse().ok())
        .ok_or("cannot read /proc/self")?;
    let record = HolderRecord {
        holder: ProcessStamp::of(host_pid).ok_or("cannot read /proc/self/stat")?,
    };
    let path = dir.join(HOLDER_FILE);
    atomic::write_json(&path, &record).map_err(|e| format!("{}: {e}", path.display()))?;
    let users_path = dir.join(USERS_FILE);
    let lock_path = dir.join(LOCK_FILE);
    loop {
        // Blocks until the last share is dropped; then decide under the start lock, where
        // no monitor can be between finding this holder alive and taking its share.
        drop(lock::exclusive(&users_path).map_err(|e| e.to_string())?);
        let guard = lock::exclusive(&lock_path).map_err(|e| e.to_string())?;
        if lock::try_exclusive(&users_path)
            .map_err(|e| e.to_string())?
            .is_some()
        {
            let _ = fs::remove_file(&path);
            drop(guard);
            return Ok(());
        }
        drop(guard);
    }
}
