//! The caller's directory descriptors, taken as duplicates (pidfd_getfd) rather than reached
//! through the host's /proc: a stat-heavy program (`find`, dpkg) names nearly every file
//! relative to a descriptor, and the walk through `/proc/PID/fd/N` costs more than the lookup.
//!
//! A duplicate is the caller's own open file, the very one the magic link leads to, so a path
//! resolved from it reaches what the caller's would, with the supervisor's root (the
//! container's) stopping `..` exactly as before. Each duplicate serves one call and is closed:
//! a descriptor number of the caller's may name another file by its next call. What is kept
//! is the caller's pidfd, which names that one thread for its life; a pidfd of a thread that
//! has exited gives ESRCH, never another process's descriptor, even once its number is reused.
#![allow(unsafe_code)]

use std::collections::{HashMap, HashSet};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// `PIDFD_THREAD` (Linux 6.9): a pidfd of one thread, whose descriptor table may be its own.
const PIDFD_THREAD: libc::c_int = libc::O_EXCL;
/// Pidfds kept at most: each is a descriptor of the supervisor's, which must keep room for
/// the files it opens to answer calls.
const KEPT_MAX: usize = 256;

/// Pidfds of the threads that name files relative to their descriptors.
#[derive(Default)]
pub struct Anchors {
    pidfds: HashMap<i32, OwnedFd>,
    /// Threads seen once since the last sweep: a pidfd costs two calls of its own, which only
    /// pays for a thread that comes back (most short-lived programs make a call or two).
    seen: HashSet<i32>,
    /// Thread pidfds are refused (a kernel before 6.9): /proc it is.
    unsupported: bool,
}

impl Anchors {
    /// A duplicate of descriptor `fd` of thread `tid`, or None when /proc should be used
    /// instead (the first call of a thread, a descriptor that is not open, anything refused).
    pub fn dup(&mut self, tid: i32, fd: i32) -> Option<OwnedFd> {
        // A tid of 0 (a caller this pid namespace cannot see) would make pidfd_open's EINVAL
        // look like an old kernel's.
        if self.unsupported || fd < 0 || tid <= 0 {
            return None;
        }
        if !self.pidfds.contains_key(&tid) {
            if self.seen.insert(tid) || self.pidfds.len() >= KEPT_MAX {
                return None;
            }
            let pidfd = self.open(tid)?;
            self.pidfds.insert(tid, pidfd);
        }
        let pidfd = self.pidfds.get(&tid)?;
        // SAFETY: pidfd_getfd takes a descriptor we own and two integers; the descriptor it
        // returns (close-on-exec) is ours alone.
        let raw = unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) };
        if raw < 0 {
            // ESRCH: the thread has exited, and its tid may be another's by now.
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH) {
                self.pidfds.remove(&tid);
            }
            return None;
        }
        // SAFETY: pidfd_getfd just returned this descriptor to us.
        Some(unsafe { OwnedFd::from_raw_fd(raw as i32) })
    }

    fn open(&mut self, tid: i32) -> Option<OwnedFd> {
        // SAFETY: pidfd_open takes a pid and flags, no pointers; the descriptor is ours alone.
        let raw = unsafe { libc::syscall(libc::SYS_pidfd_open, tid, PIDFD_THREAD) };
        if raw < 0 {
            self.unsupported = std::io::Error::last_os_error().raw_os_error() == Some(libc::EINVAL);
            return None;
        }
        // SAFETY: pidfd_open just returned this descriptor to us.
        Some(unsafe { OwnedFd::from_raw_fd(raw as i32) })
    }

    /// Drops the pidfds of threads that have exited (readable pidfds) and forgets who was seen.
    pub fn sweep(&mut self) {
        self.seen.clear();
        let pidfds = self.pidfds.iter().map(|(t, fd)| (*t, fd));
        for tid in super::table::exited(pidfds) {
            self.pidfds.remove(&tid);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gettid() -> i32 {
        // SAFETY: gettid takes nothing and cannot fail.
        unsafe { libc::gettid() }
    }

    #[test]
    fn a_thread_comes_back_before_its_descriptors_are_duplicated() {
        let dir = std::fs::File::open("/").unwrap();
        let fd = dir.as_raw_fd();
        let mut anchors = Anchors::default();
        assert!(anchors.dup(gettid(), fd).is_none(), "first call: /proc");
        let Some(dup) = anchors.dup(gettid(), fd) else {
            assert!(anchors.unsupported, "a 6.9+ kernel duplicates");
            return;
        };
        let (a, b) = (
            super::super::paths::stat_at(fd, c"", libc::AT_EMPTY_PATH).unwrap(),
            super::super::paths::stat_at(dup.as_raw_fd(), c"", libc::AT_EMPTY_PATH).unwrap(),
        );
        assert_eq!((a.st_dev, a.st_ino), (b.st_dev, b.st_ino));
        assert!(
            anchors.dup(gettid(), 1_000_000).is_none(),
            "not open: /proc"
        );
    }

    #[test]
    fn an_exited_thread_is_swept_and_its_tid_gives_nothing() {
        let tid = std::thread::spawn(gettid).join().unwrap();
        let mut anchors = Anchors::default();
        assert!(anchors.dup(tid, 0).is_none());
        assert!(anchors.dup(tid, 0).is_none(), "gone: no pidfd");
        anchors.sweep();
        assert!(anchors.pidfds.is_empty() && anchors.seen.is_empty());
    }
}
