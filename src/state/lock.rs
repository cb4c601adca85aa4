//! flock(2) guards. A lock is held for a short critical section (a metadata change) or for a
//! container's lifecycle step, never across a download or a container's whole life (but for
//! a pod member's presence: monitor/pod_exit.rs).

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use nix::fcntl::{Flock, FlockArg};

/// An exclusive or shared flock on a lock file; released on drop.
pub struct Guard {
    _lock: Flock<File>,
    path: PathBuf,
}

impl Guard {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The locked file's descriptor: a program this process executes keeps the lock while it
/// holds the descriptor open (`unshare --rootless-netns` keeps a share of the holder so).
impl std::os::fd::AsRawFd for Guard {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self._lock.as_raw_fd()
    }
}

fn open(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

fn lock(path: &Path, arg: FlockArg) -> io::Result<Option<Guard>> {
    let file = open(path)?;
    match Flock::lock(file, arg) {
        Ok(lock) => Ok(Some(Guard {
            _lock: lock,
            path: path.to_path_buf(),
        })),
        Err((_, nix::errno::Errno::EWOULDBLOCK)) => Ok(None),
        Err((_, errno)) => Err(io::Error::from(errno)),
    }
}

/// Waits for the exclusive lock.
pub fn exclusive(path: &Path) -> io::Result<Guard> {
    lock(path, FlockArg::LockExclusive).map(|g| g.expect("a blocking flock returned"))
}

/// Waits for a shared lock.
pub fn shared(path: &Path) -> io::Result<Guard> {
    lock(path, FlockArg::LockShared).map(|g| g.expect("a blocking flock returned"))
}

/// Takes the exclusive lock only if nobody holds it.
pub fn try_exclusive(path: &Path) -> io::Result<Option<Guard>> {
    lock(path, FlockArg::LockExclusiveNonblock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_excludes_and_releases_on_drop() {
        let path = std::env::temp_dir().join(format!("rpod-lock-{}", std::process::id()));
        let held = exclusive(&path).unwrap();
        assert!(try_exclusive(&path).unwrap().is_none());
        drop(held);
        assert!(try_exclusive(&path).unwrap().is_some());
        std::fs::remove_file(&path).unwrap();
    }
}
