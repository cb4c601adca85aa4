//! A user-mode network helper (pasta, slirp4netns) run as our child, so that it cannot outlive
//! the container: stop() or drop kills and reaps it, and the kernel kills it if we die first.

use std::env;
use std::ffi::OsString;
use std::fs::{self, File};
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, poll};
use nix::sys::prctl;
use nix::sys::signal::Signal;
use nix::unistd::{Pid, getpid, getppid};

use super::mode::package_of;

/// Where helpers are looked for when $PATH (a systemd unit's, a batch job's) lacks them.
const FALLBACK_DIRS: [&str; 4] = ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin"];

/// How long a helper may take to configure the namespace. pasta and slirp4netns take
/// milliseconds; a loaded HPC login node can stretch that, a wedged helper must not hang `run`.
pub const READY_TIMEOUT: Duration = Duration::from_secs(10);

const POLL_SLICE_MS: u16 = 50;

/// How much of a helper's log goes into an error message.
const LOG_EXCERPT_CHARS: usize = 600;

#[derive(Debug, thiserror::Error)]
pub enum HelperError {
    #[error("cannot start {helper}: it is not installed")]
    NotInstalled { helper: &'static str },
    #[error("cannot start {helper} {}: {source}", path.display())]
    Spawn {
        helper: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error("cannot prepare {what} for {helper} {}: {source}", path.display())]
    Prepare {
        helper: &'static str,
        what: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(
        "{helper} failed to set up the container network: {status}{}",
        excerpt(log)
    )]
    Exited {
        helper: &'static str,
        status: ExitStatus,
        log: String,
    },
    #[error("{helper} failed to set up the container network: no answer within {} seconds", READY_TIMEOUT.as_secs())]
    Timeout { helper: &'static str },
    #[error("cannot wait for {helper} (pid {pid}): {source}")]
    Wait {
        helper: &'static str,
        pid: u32,
        source: io::Error,
    },
    #[error("cannot stop {helper} (pid {pid}): {source}")]
    Stop {
        helper: &'static str,
        pid: u32,
        source: io::Error,
    },
    #[error(
        "cannot configure pasta: no default IPv4 route in /proc/net/route (pasta copies the host's address and gateway)"
    )]
    NoDefaultRoute,
    #[error("cannot configure pasta: host interface {interface} has no IPv4 address")]
    NoInterfaceAddress { interface: String },
    #[error("cannot configure pasta: cannot read {what}: {source}")]
    HostNetwork {
        what: &'static str,
        source: io::Error,
    },
    #[error("cannot forward {mapping} with slirp4netns: {reason}")]
    Forward { mapping: String, reason: String },
    #[error("cannot talk to slirp4netns at {}: {source}", path.display())]
    Api { path: PathBuf, source: io::Error },
}

fn excerpt(log: &str) -> String {
    if log.is_empty() {
        String::new()
    } else {
        format!(": {log}")
    }
}

impl HelperError {
    pub fn hint(&self) -> Option<String> {
        match self {
            HelperError::NotInstalled { helper } => Some(format!(
                "install it (`apt install {}`), or use --network host or --network none",
                package_of(helper)
            )),
            // Both helpers open the device in the container's user namespace; its mode
            // (0600 on some hosts) is the usual reason they fail at once.
            HelperError::Exited { helper, .. } => tun_problem().map(|e| {
                format!(
                    "{helper} could not open {TUN_DEVICE} ({e}): an administrator makes it \
                     usable with `sudo chmod 0666 {TUN_DEVICE}`; or use --network none \
                     (`rpod system doctor` checks the host)"
                )
            }),
            HelperError::NoDefaultRoute | HelperError::NoInterfaceAddress { .. } => Some(
                "use --network slirp4netns, or --network none for a container without network"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// `[network] helper-dirs` of rpod.toml, set once per process before any helper is looked up.
static SEARCH_DIRS: OnceLock<Vec<PathBuf>> = OnceLock::new();

/// Makes [`find`] look in `dirs` only (podman's `helper_binaries_dir`), for a site that keeps
/// its own pasta or slirp4netns; an empty list leaves the default search.
pub fn search_only(dirs: &[PathBuf]) {
    if !dirs.is_empty() {
        let _ = SEARCH_DIRS.set(dirs.to_vec());
    }
}

/// Looks a helper up in the configured directories if there are any, else in $PATH, then in
/// the usual system directories.
pub fn find(name: &str) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = match SEARCH_DIRS.get() {
        Some(dirs) => dirs.clone(),
        None => env::var_os("PATH")
            .map(|p| env::split_paths(&p).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .chain(FALLBACK_DIRS.iter().map(PathBuf::from))
            .collect(),
    };
    dirs.into_iter()
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

pub const TUN_DEVICE: &str = "/dev/net/tun";

/// Whether this user can open /dev/net/tun read-write: pasta and slirp4netns open it in the
/// container's user namespace, where the device's mode for others decides. The error when
/// they cannot.
pub fn tun_problem() -> Option<io::Error> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(TUN_DEVICE)
        .err()
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// What can tell, before the helper's own word, that it has done what the container needs.
pub(super) trait EarlyReady: AsFd {
    /// Reads what is readable; true once the helper has done enough.
    fn ready(&mut self) -> io::Result<bool>;
}

/// A running helper. Spawn it from the thread that lives as long as the container (the
/// monitor's main thread): the kernel's parent-death signal follows the spawning thread.
#[derive(Debug)]
pub struct Helper {
    name: &'static str,
    child: Option<Child>,
    /// Files the helper leaves behind (slirp4netns's API socket, pasta's ready FIFO).
    leftovers: Vec<PathBuf>,
    /// Kept open until the helper is stopped: pasta's ready FIFO, which it may write to
    /// after an early start (without a reader its open would block, its write fail).
    held: Option<OwnedFd>,
}

impl Helper {
    pub(super) fn new(name: &'static str, child: Child, leftovers: Vec<PathBuf>) -> Helper {
        Helper {
            name,
            child: Some(child),
            leftovers,
            held: None,
        }
    }

    /// Keeps `fd` open until the helper is stopped.
    pub(super) fn hold(&mut self, fd: OwnedFd) {
        self.held = Some(fd);
    }

    /// The helper's pid, until it is stopped.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Waits until the helper writes to `ready` (its ready fd, or the pid file pasta writes
    /// once its start is done); fails if it exits first or takes longer than
    /// READY_TIMEOUT, or until `early` says it is ready enough. On failure the caller drops
    /// the helper, which kills it.
    pub(super) fn wait_ready(
        &mut self,
        ready: BorrowedFd<'_>,
        log: &Path,
        mut early: Option<&mut dyn EarlyReady>,
    ) -> Result<(), HelperError> {
        let name = self.name;
        let child = self
            .child
            .as_mut()
            .expect("a helper is waited on before it is stopped");
        let pid = child.id();
        let wait_err = |source| HelperError::Wait {
            helper: name,
            pid,
            source,
        };
        let deadline = Instant::now() + READY_TIMEOUT;
        let mut writer_gone = false;
        loop {
            if let Some(status) = child.try_wait().map_err(wait_err)? {
                return Err(HelperError::Exited {
                    helper: name,
                    status,
                    log: log_excerpt(log),
                });
            }
            if Instant::now() >= deadline {
                return Err(HelperError::Timeout { helper: name });
            }
            if writer_gone {
                // Closed without a word: the helper is on its way out; try_wait will see it.
                thread::sleep(Duration::from_millis(POLL_SLICE_MS.into()));
                continue;
            }
            let [said, early_said] =
                poll_ready(ready, early.as_deref().map(AsFd::as_fd)).map_err(wait_err)?;
            if early_said
                && let Some(early) = early.as_mut()
                && early.ready().map_err(wait_err)?
            {
                return Ok(());
            }
            if !said {
                continue;
            }
            let mut buf = [0u8; 32];
            match nix::unistd::read(ready, &mut buf) {
                Ok(0) => writer_gone = true,
                Ok(_) => return Ok(()),
                Err(Errno::EAGAIN | Errno::EINTR) => {}
                Err(e) => return Err(wait_err(e.into())),
            }
        }
    }

    /// SIGKILL, without waiting: [`Helper::stop`] or the drop reaps it later.
    pub fn kill(&mut self) {
        if let Some(child) = &mut self.child
            && matches!(child.try_wait(), Ok(None))
        {
            let _ = child.kill();
        }
    }

    /// Kills and reaps the helper. The helpers keep no state worth a graceful exit, so it is
    /// SIGKILL: no timeout to wait out when the container ends. Calling it again does nothing.
    pub fn stop(&mut self) -> Result<(), HelperError> {
        for path in self.leftovers.drain(..) {
            // Already gone is fine; anything else only leaves a dead socket in a private dir.
            let _ = fs::remove_file(path);
        }
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        let pid = child.id();
        let stop_err = |source| HelperError::Stop {
            helper: self.name,
            pid,
            source,
        };
        if child.try_wait().map_err(stop_err)?.is_none() {
            child.kill().map_err(stop_err)?;
        }
        child.wait().map_err(stop_err)?;
        self.held = None;
        Ok(())
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        // Nowhere to report from a drop; stop() is idempotent and explicit callers see errors.
        let _ = self.stop();
    }
}

/// Waits at most a slice for `ready` or `early` to have something to read (or an error or
/// hang-up, which the read then reports); which of the two has.
fn poll_ready(ready: BorrowedFd<'_>, early: Option<BorrowedFd<'_>>) -> io::Result<[bool; 2]> {
    let mut fds = vec![PollFd::new(ready, PollFlags::POLLIN)];
    fds.extend(early.map(|fd| PollFd::new(fd, PollFlags::POLLIN)));
    match poll(&mut fds, POLL_SLICE_MS) {
        Ok(_) | Err(Errno::EINTR) => {}
        Err(e) => return Err(e.into()),
    }
    let has = |i: usize| {
        fds.get(i)
            .and_then(PollFd::revents)
            .is_some_and(|r| !r.is_empty())
    };
    Ok([has(0), has(1)])
}

/// Starts `name` with `args`, stdout and stderr appended to `log`. The fds in `inherit` stay
/// open in the child under the same numbers; every other fd of ours is close-on-exec.
pub(super) fn spawn(
    name: &'static str,
    args: &[OsString],
    log: &Path,
    inherit: &[BorrowedFd<'_>],
) -> Result<Child, HelperError> {
    let path = find(name).ok_or(HelperError::NotInstalled { helper: name })?;
    let prepare = |source| HelperError::Prepare {
        helper: name,
        what: "log file",
        path: log.to_path_buf(),
        source,
    };
    let log_file = File::create(log).map_err(prepare)?;
    let log_err = log_file.try_clone().map_err(prepare)?;
    let mut command = Command::new(&path);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(log_err);
    let parent = getpid();
    let inherit: Vec<RawFd> = inherit.iter().map(AsRawFd::as_raw_fd).collect();
    // SAFETY: the closure runs between fork and exec, where only async-signal-safe calls are
    // allowed: it makes three raw syscalls (prctl, getppid, fcntl) and allocates nothing.
    unsafe {
        command.pre_exec(move || bind_to_parent(parent, &inherit));
    }
    command.spawn().map_err(|source| HelperError::Spawn {
        helper: name,
        path,
        source,
    })
}

/// In the child before exec: die with the parent, and keep the fds the helper is told about.
fn bind_to_parent(parent: Pid, inherit: &[RawFd]) -> io::Result<()> {
    prctl::set_pdeathsig(Signal::SIGKILL)?;
    // The parent may have died before the death signal was armed.
    if getppid() != parent {
        return Err(io::Error::from(Errno::ESRCH));
    }
    for fd in inherit {
        clear_cloexec(*fd)?;
    }
    Ok(())
}

fn clear_cloexec(fd: RawFd) -> io::Result<()> {
    // SAFETY: F_SETFD only changes the flags of `fd`, which the caller keeps open across the
    // fork; an invalid fd makes fcntl fail with EBADF, it touches no memory.
    let rc = unsafe { libc::fcntl(fd, libc::F_SETFD, 0) };
    if rc == -1 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn is_syslog_noise(line: &str) -> bool {
    line.starts_with("Failed to send") && line.ends_with("to syslog")
}

/// The helper's own words, without the noise pasta prints when there is no syslog socket.
fn log_excerpt(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !is_syslog_noise(l))
        .collect();
    let joined = lines.join("; ");
    match joined.char_indices().nth(LOG_EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_installed_programs_and_not_others() {
        assert_eq!(find("sh").map(|p| p.is_absolute()), Some(true));
        assert_eq!(find("rpod-no-such-helper"), None);
    }

    #[test]
    fn log_excerpt_drops_syslog_noise_and_caps_length() {
        let dir = std::env::temp_dir().join(format!("rpod-helper-log-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let log = dir.join("log");
        fs::write(
            &log,
            "Failed to send 51 bytes to syslog\nCouldn't open user namespace /proc/1/ns/user: Permission denied\n\n",
        )
        .unwrap();
        assert_eq!(
            log_excerpt(&log),
            "Couldn't open user namespace /proc/1/ns/user: Permission denied"
        );
        fs::write(&log, "x".repeat(5000)).unwrap();
        assert_eq!(log_excerpt(&log).chars().count(), LOG_EXCERPT_CHARS + 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_helper_that_exits_early_is_reported_with_its_log() {
        let dir = std::env::temp_dir().join(format!("rpod-helper-exit-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let log = dir.join("log");
        let (read, _write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        let args: Vec<OsString> = vec!["-c".into(), "echo broken namespace >&2; exit 3".into()];
        let child = spawn("sh", &args, &log, &[]).unwrap();
        let mut helper = Helper::new("sh", child, vec![]);
        let err = helper.wait_ready(read.as_fd(), &log, None).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("exit status: 3") && text.contains("broken namespace"),
            "{text}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stop_kills_and_reaps_and_drop_does_too() {
        let dir = std::env::temp_dir().join(format!("rpod-helper-stop-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let args: Vec<OsString> = vec!["-c".into(), "exec sleep 600".into()];
        let child = spawn("sh", &args, &dir.join("log"), &[]).unwrap();
        let pid = child.id();
        let mut helper = Helper::new("sh", child, vec![]);
        helper.stop().unwrap();
        assert!(!Path::new(&format!("/proc/{pid}")).exists());
        assert_eq!(helper.pid(), None);
        helper.stop().unwrap();

        let child = spawn("sh", &args, &dir.join("log"), &[]).unwrap();
        let pid = child.id();
        drop(Helper::new("sh", child, vec![]));
        assert!(!Path::new(&format!("/proc/{pid}")).exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
