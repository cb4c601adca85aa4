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
//! RUNROOT/netns/holder.json  the holder and its pasta (pids and start times), written once
//!                            both are ready
//! RUNROOT/netns/holder.log   the holder's and pasta's complaints, for the error when the
//!                            start fails
//! RUNROOT/netns/pasta.pid    pasta's pid, as pasta writes it
//! RUNROOT/netns/dns/         the names the holder's DNS responder answers (`super::dns`)
//! ```
//!
//! A monitor runs `rpod __netns-holder launch DIR`, which starts `rpod __netns-holder run
//! DIR` (the holder: it unshares a user namespace, mapping the caller to root, and a network
//! namespace), waits for its "ready", then starts pasta for the holder's pid (pasta joins its
//! namespaces as their owner, gives them the host's address and routes on a tap device, and
//! daemonizes), records both and exits: the holder is no monitor's child and outlives the one
//! that started it. Monitors join it by /proc/PID/ns/{user,net}. When it quits the holder
//! kills its pasta (which this pasta does not do by itself when the namespace's last process
//! is gone). A killed holder is noticed by the next monitor (its stamp is dead) and replaced.
//! Its namespaces outlive it while the monitors of its containers are in them: the record
//! names them (by inode), and the new holder (`join DIR PID`) enters them through such a
//! monitor and keeps the old pasta if it lives, so that old and new containers share the
//! bridges; with no monitor left in them, the new holder makes its own and the old pasta is
//! killed. A killed monitor drops its shared lock with its descriptors.

use std::fs::{self, File};
use std::io::{self, Read};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::dns;
use super::helper;
use super::mode::PASTA;
use super::pasta::DNS_FORWARD;
use crate::state::atomic;
use crate::state::lock::{self, Guard};
use crate::state::process::ProcessStamp;
use nix::fcntl::{Flock, FlockArg};

pub const SUBCOMMAND: &str = "__netns-holder";
const DIR: &str = "netns";
const LOCK_FILE: &str = "lock";
const USERS_FILE: &str = "users";
const HOLDER_FILE: &str = "holder.json";
const LOG_FILE: &str = "holder.log";
const PID_FILE: &str = "pasta.pid";
const NO_PASTA: &str = "pasta is not installed (or not in [network] helper-dirs)";

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
            HolderError::Launch(message) if message.contains(NO_PASTA) => Some(format!(
                "user-defined networks need pasta (`apt install {}`)",
                super::mode::package_of(PASTA)
            )),
            HolderError::Launch(_) | HolderError::Io { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct HolderRecord {
    holder: ProcessStamp,
    pasta: ProcessStamp,
    /// The holder's namespaces: after it is killed, they live on with the monitors in them.
    #[serde(default)]
    namespaces: Option<Namespaces>,
}

/// A user and a network namespace by their inode numbers, which name them while they live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Namespaces {
    user: u64,
    net: u64,
}

impl Namespaces {
    fn of(pid: i32) -> Option<Namespaces> {
        let inode = |kind: &str| {
            fs::metadata(format!("/proc/{pid}/ns/{kind}"))
                .ok()
                .map(|m| m.ino())
        };
        Some(Namespaces {
            user: inode("user")?,
            net: inode("net")?,
        })
    }
}

/// A live rpod process (a monitor or its port forwarder) still in the namespaces of a holder
/// that was killed: the containers on their bridges are connected there, so the next holder
/// joins these namespaces rather than making new ones, which would cut them off. Only rpod's
/// own processes count, so that an inode number reused by another namespace cannot be taken
/// for the holder's.
fn survivor(namespaces: Namespaces) -> Option<i32> {
    let own = fs::read_link("/proc/self/exe").ok()?;
    let rpod = |pid: i32| {
        fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| {
            let exe = exe.to_string_lossy();
            exe.strip_suffix(" (deleted)").unwrap_or(&exe) == own.to_string_lossy()
        })
    };
    fs::read_dir("/proc")
        .ok()?
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<i32>().ok())
        .find(|&pid| Namespaces::of(pid) == Some(namespaces) && rpod(pid))
}

/// A monitor's share of the holder: the holder stays while this lives.
pub struct HolderRef {
    _users: Guard,
    pid: i32,
}

impl HolderRef {
    /// The holder's pid, for a helper that joins its namespaces while this share lives.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    pub fn userns(&self) -> PathBuf {
        format!("/proc/{}/ns/user", self.pid).into()
    }

    pub fn netns(&self) -> PathBuf {
        format!("/proc/{}/ns/net", self.pid).into()
    }

    /// The descriptor whose lock is the share.
    pub fn share_fd(&self) -> std::os::fd::RawFd {
        std::os::fd::AsRawFd::as_raw_fd(&self._users)
    }
}

fn read_record(dir: &Path) -> Option<HolderRecord> {
    let bytes = fs::read(dir.join(HOLDER_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The holder's directory for `runroot`: its locks, its record, the DNS entries.
pub fn dir(runroot: &Path) -> PathBuf {
    runroot.join(DIR)
}

/// The running holder's pid, for a helper that joins its namespaces while some monitor keeps
/// it alive; None when none runs.
pub fn running(runroot: &Path) -> Option<i32> {
    read_record(&dir(runroot))
        .filter(|r| r.holder.is_alive())
        .map(|r| r.holder.pid)
}

/// Takes a share of the holder of `runroot`, starting it if none runs. Called by a monitor
/// before it enters any namespace: the holder's namespaces are created from the caller's.
/// `helper_dirs` is `[network] helper-dirs`: where the launcher and the holder look for pasta
/// and nft.
pub fn acquire(runroot: &Path, helper_dirs: &[PathBuf]) -> Result<HolderRef, HolderError> {
    let dir = dir(runroot);
    fs::create_dir_all(&dir).map_err(HolderError::io("create", &dir))?;
    let lock_path = dir.join(LOCK_FILE);
    let _guard = lock::exclusive(&lock_path).map_err(HolderError::io("lock", &lock_path))?;
    let users_path = dir.join(USERS_FILE);
    let users = lock::shared(&users_path).map_err(HolderError::io("lock", &users_path))?;
    let pid = match read_record(&dir).filter(|r| r.holder.is_alive()) {
        Some(record) => record.holder.pid,
        None => run_launcher(&dir, helper_dirs)?,
    };
    Ok(HolderRef { _users: users, pid })
}

/// Runs `rpod __netns-holder launch DIR` and returns the holder's pid.
fn run_launcher(dir: &Path, helper_dirs: &[PathBuf]) -> Result<i32, HolderError> {
    let exe =
        std::env::current_exe().map_err(HolderError::io("find", Path::new("/proc/self/exe")))?;
    let output = Command::new(&exe)
        .arg(SUBCOMMAND)
        .arg("launch")
        .arg(dir)
        .args(helper_dirs)
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
        .filter(|r| r.holder.is_alive())
        .map(|r| r.holder.pid)
        .ok_or_else(|| HolderError::Launch("the holder wrote no record".into()))
}

/// `launch DIR`: starts the holder, then pasta for its namespaces, records both and exits.
/// The holder (`run DIR`, which main.rs puts in its new user and network namespaces before
/// calling [`hold`]) says it is ready on its stdout.
pub fn launch(dir: &Path, helper_dirs: &[PathBuf]) -> Result<(), String> {
    helper::search_only(helper_dirs);
    let old = read_record(dir);
    let joined = old
        .and_then(|r| r.namespaces)
        .and_then(|ns| survivor(ns).map(|pid| (pid, ns)));
    // A killed holder's pasta still serves its namespaces when a new holder joins them;
    // otherwise it would serve nothing any more.
    let kept_pasta = match (old, joined) {
        (Some(old), Some((_, ns)))
            if old.pasta.is_alive()
                && Namespaces::of(old.pasta.pid).map(|p| p.net) == Some(ns.net) =>
        {
            Some(old.pasta)
        }
        (Some(old), _) => {
            kill_if_alive(old.pasta);
            None
        }
        (None, _) => None,
    };
    let exe = std::env::current_exe().map_err(|e| format!("cannot find rpod: {e}"))?;
    let log_path = dir.join(LOG_FILE);
    let log = File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let mut command = Command::new(&exe);
    match joined {
        Some((pid, _)) => command
            .arg(SUBCOMMAND)
            .arg("join")
            .arg(dir)
            .arg(pid.to_string()),
        None => command.arg(SUBCOMMAND).arg("run").arg(dir),
    };
    let mut holder = command
        .args(helper_dirs)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(log.try_clone().map_err(|e| e.to_string())?)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start the holder: {e}"))?;
    let mut ready = String::new();
    let _ = holder
        .stdout
        .take()
        .map(|mut out| out.read_to_string(&mut ready));
    if ready.trim() != "ready" {
        let _ = holder.kill();
        let _ = holder.wait();
        let log = fs::read_to_string(&log_path).unwrap_or_default();
        return Err(format!("the holder failed: {}", log.trim()));
    }
    let holder_stamp = ProcessStamp::of(holder.id() as i32).ok_or("the holder exited")?;
    let namespaces = Namespaces::of(holder_stamp.pid);
    let pasta = match kept_pasta {
        Some(pasta) => pasta,
        None => start_pasta(dir, holder.id(), log).inspect_err(|_| {
            let _ = holder.kill();
            let _ = holder.wait();
        })?,
    };
    let record = HolderRecord {
        holder: holder_stamp,
        pasta,
        namespaces,
    };
    // The holder learns its pasta on its stdin, so that it can stop it even when its
    // directory is gone.
    let told = holder
        .stdin
        .take()
        .map(|mut input| serde_json::to_writer(&mut input, &pasta).map_err(|e| e.to_string()));
    if !matches!(told, Some(Ok(()))) {
        kill_if_alive(pasta);
        let _ = holder.kill();
        return Err("cannot tell the holder its pasta".into());
    }
    let path = dir.join(HOLDER_FILE);
    atomic::write_json(&path, &record).map_err(|e| format!("{}: {e}", path.display()))
}

/// pasta for the holder's namespaces: it daemonizes once they are configured, and writes
/// its pid for the holder to stop it with.
fn start_pasta(dir: &Path, holder: u32, log: File) -> Result<ProcessStamp, String> {
    let pasta = helper::find(PASTA).ok_or(NO_PASTA)?;
    let pid_file = dir.join(PID_FILE);
    let _ = fs::remove_file(&pid_file);
    let status = Command::new(&pasta)
        .args(["--config-net", "--quiet"])
        .args(["-t", "none", "-u", "none", "-T", "none", "-U", "none"])
        .arg("--dns-forward")
        .arg(DNS_FORWARD.to_string())
        .arg("--pid")
        .arg(&pid_file)
        .arg(holder.to_string())
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .status()
        .map_err(|e| format!("cannot start {}: {e}", pasta.display()))?;
    let log = fs::read_to_string(dir.join(LOG_FILE)).unwrap_or_default();
    if !status.success() {
        return Err(format!("pasta failed ({status}): {}", log.trim()));
    }
    fs::read_to_string(&pid_file)
        .ok()
        .and_then(|p| p.trim().parse().ok())
        .and_then(ProcessStamp::of)
        .ok_or_else(|| {
            format!(
                "pasta left no pid in {}: {}",
                pid_file.display(),
                log.trim()
            )
        })
}

fn kill_if_alive(process: ProcessStamp) {
    if process.is_alive() {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(process.pid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
}

/// The holder, in its namespaces: answers DNS, says it is ready, learns its pasta, then waits
/// until no monitor holds a share, stops pasta and quits, which ends the namespaces with
/// their last process. Its lock files are opened once: it stops pasta even when its
/// directory has been removed under it. `joined`: the namespaces are a killed holder's, whose
/// rules may still be there.
pub fn hold(dir: &Path, helper_dirs: &[PathBuf], joined: bool) -> Result<(), String> {
    helper::search_only(helper_dirs);
    let open = |name: &str| {
        let path = dir.join(name);
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let (users, start) = (open(USERS_FILE)?, open(LOCK_FILE)?);
    match joined {
        true => super::firewall::ensure(),
        false => super::firewall::setup(),
    }
    .map_err(|e| match e.hint() {
        Some(hint) => format!("{e} ({hint})"),
        None => e.to_string(),
    })?;
    dns::serve(dir).map_err(|e| format!("cannot serve DNS on port 53: {e}"))?;
    println!("ready");
    // The launcher reads to the end: close stdout so that it goes on.
    let _ = nix::unistd::close(std::io::stdout().as_raw_fd());
    let mut told = String::new();
    io::stdin()
        .read_to_string(&mut told)
        .map_err(|e| e.to_string())?;
    let pasta: ProcessStamp =
        serde_json::from_str(&told).map_err(|_| "the launcher named no pasta".to_string())?;
    let quit = wait_for_no_users(&users, &start);
    kill_if_alive(pasta);
    if quit.is_ok() {
        let _ = fs::remove_file(dir.join(HOLDER_FILE));
    }
    quit
}

fn flock(file: &File, arg: FlockArg) -> Result<Option<Flock<File>>, String> {
    let file = file.try_clone().map_err(|e| e.to_string())?;
    match Flock::lock(file, arg) {
        Ok(lock) => Ok(Some(lock)),
        Err((_, nix::errno::Errno::EWOULDBLOCK)) => Ok(None),
        Err((_, e)) => Err(e.to_string()),
    }
}

/// Returns holding the start lock once no monitor holds a share. Blocks until the last share
/// is dropped, then decides under the start lock, where no monitor can be between finding
/// this holder alive and taking its share.
fn wait_for_no_users(users: &File, start: &File) -> Result<(), String> {
    loop {
        drop(flock(users, FlockArg::LockExclusive)?);
        let guard = flock(start, FlockArg::LockExclusive)?;
        if flock(users, FlockArg::LockExclusiveNonblock)?.is_some() {
            // Kept until the holder exits: no monitor starts on a holder about to go.
            std::mem::forget(guard);
            return Ok(());
        }
        drop(guard);
    }
}
