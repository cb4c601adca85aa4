//! Which emulated credentials each container process has.
//!
//! The kernel keeps one real identity for all of them, so the supervisor keeps the emulated
//! ones, per thread group (glibc and Go apply set*id calls to every thread). A process it has
//! not met inherits from its parent, as fork(2) does: the parent's entry, or, for the first
//! process of a listener (the container's init, an `exec`ed command), whose parent is outside
//! the container, the identity that listener was registered with. Two moments would break
//! that inheritance, and both are caught: before a process changes its credentials, and when
//! it calls exit_group, every child it has that the table does not know yet is given the
//! parent's current credentials.
//!
//! An entry goes once its process has exited (its pidfd turns readable), long before its pid
//! could be reused, so a new process never inherits a dead one's identity.

#![allow(unsafe_code)]

use std::collections::HashMap;
use std::os::fd::{AsFd, OwnedFd, RawFd};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use super::Identity;
use super::creds::Creds;
use super::hostproc::Proc;

/// A program the process asked to execute, whose effect on the credentials waits until the
/// process is seen running it.
#[derive(Debug, Clone, Copy)]
pub struct PendingExec {
    /// Device and inode of the program.
    pub file: (u64, u64),
    pub setuid_to: Option<u32>,
    pub setgid_to: Option<u32>,
}

pub struct Entry {
    pub creds: Creds,
    pub pending: Option<PendingExec>,
    pidfd: OwnedFd,
}

/// From /proc/PID/status.
struct Status {
    tgid: i32,
    ppid: i32,
}

fn parse_status(text: &[u8]) -> Option<Status> {
    let text = std::str::from_utf8(text).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse::<i32>().ok())
    };
    Some(Status {
        tgid: field("Tgid:")?,
        ppid: field("PPid:")?,
    })
}

/// How far up the process tree a lookup goes before it gives up and takes the default.
const MAX_DEPTH: usize = 64;

pub struct Table {
    entries: HashMap<i32, Entry>,
    /// Container pid → host pid, as last seen.
    ns_pids: HashMap<i32, i32>,
    /// The PID namespace of the container's processes: a parent outside it means "first
    /// process of its listener".
    pid_namespace: (u64, u64),
}

fn pidfd_open(pid: i32) -> Option<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags, no pointers; the descriptor is ours alone.
    let raw = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if raw < 0 {
        return None;
    }
    // SAFETY: the kernel just returned this descriptor to us.
    Some(unsafe { std::os::fd::FromRawFd::from_raw_fd(raw as RawFd) })
}

impl Table {
    pub fn new(proc: &Proc, init_pid: i32) -> std::io::Result<Table> {
        Ok(Table {
            entries: HashMap::new(),
            ns_pids: HashMap::new(),
            pid_namespace: proc.identity(&format!("{init_pid}/ns/pid"))?,
        })
    }

    fn status(proc: &Proc, pid: i32) -> Option<Status> {
        parse_status(&proc.read(&format!("{pid}/status")).ok()?)
    }

    fn inside(&self, proc: &Proc, pid: i32) -> bool {
        proc.identity(&format!("{pid}/ns/pid")).ok() == Some(self.pid_namespace)
    }

    /// The thread group of a calling thread. A live process with an entry is its own main
    /// thread: no other thread can have its number while it lives.
    pub fn tgid(&self, proc: &Proc, tid: i32) -> Option<i32> {
        self.group(proc, tid).map(|(tgid, _)| tgid)
    }

    /// The thread group of a calling thread and, when its status had to be read for that, the
    /// group's parent (every thread's `PPid:` is its group's), which a new entry inherits from.
    fn group(&self, proc: &Proc, tid: i32) -> Option<(i32, Option<i32>)> {
        if self.entries.contains_key(&tid) {
            return Some((tid, None));
        }
        Table::status(proc, tid).map(|s| (s.tgid, Some(s.ppid)))
    }

    /// A process's pid in its own (the container's) PID namespace: the last of NSpid.
    pub fn namespace_pid(proc: &Proc, pid: i32) -> Option<i32> {
        let text = proc.read(&format!("{pid}/status")).ok()?;
        let text = std::str::from_utf8(&text).ok()?;
        let line = text.lines().find_map(|l| l.strip_prefix("NSpid:"))?;
        line.split_whitespace().last()?.parse().ok()
    }

    /// The host pid of the container's pid `ns_pid`, from the cached map or, when it does
    /// not know it (any more), from a scan of the container's processes in the host /proc.
    pub fn host_pid(&mut self, proc: &Proc, ns_pid: i32) -> Option<i32> {
        if let Some(&host) = self.ns_pids.get(&ns_pid)
            && Table::namespace_pid(proc, host) == Some(ns_pid)
        {
            return Some(host);
        }
        self.ns_pids.clear();
        for host in proc.pids() {
            if self.inside(proc, host)
                && let Some(n) = Table::namespace_pid(proc, host)
            {
                self.ns_pids.insert(n, host);
            }
        }
        self.ns_pids.get(&ns_pid).copied()
    }

    /// The file-creation mask of a process.
    pub fn umask(proc: &Proc, pid: i32) -> Option<u32> {
        let text = proc.read(&format!("{pid}/status")).ok()?;
        let text = std::str::from_utf8(&text).ok()?;
        let value = text.lines().find_map(|l| l.strip_prefix("Umask:"))?;
        u32::from_str_radix(value.trim(), 8).ok()
    }

    /// The thread group of thread `tid` and its entry, made from its ancestry when it has
    /// none. `None` when the process vanished meanwhile. A new process's status is read once
    /// for both its group and its parent.
    pub fn entry(
        &mut self,
        proc: &Proc,
        tid: i32,
        default: &Identity,
    ) -> Option<(i32, &mut Entry)> {
        let (tgid, parent) = self.group(proc, tid)?;
        if !self.entries.contains_key(&tgid) {
            let creds = self.inherited(proc, tgid, parent, default)?;
            self.insert(tgid, creds)?;
        }
        Some((tgid, self.entries.get_mut(&tgid)?))
    }

    /// Gives process `tgid` (a container's init, whose parent is outside the container)
    /// `creds` before it makes any call, unless it has an entry or is gone.
    pub fn seed(&mut self, tgid: i32, creds: Creds) {
        if !self.entries.contains_key(&tgid) {
            let _ = self.insert(tgid, creds);
        }
    }

    /// The pidfd of a new entry, for the caller to watch; None if the process is gone.
    fn insert(&mut self, tgid: i32, creds: Creds) -> Option<()> {
        let pidfd = pidfd_open(tgid)?;
        self.entries.insert(
            tgid,
            Entry {
                creds,
                pending: None,
                pidfd,
            },
        );
        Some(())
    }

    /// The credentials process `pid` inherits; `parent` is its parent when already read.
    fn inherited(
        &self,
        proc: &Proc,
        pid: i32,
        parent: Option<i32>,
        default: &Identity,
    ) -> Option<Creds> {
        let mut at = pid;
        let mut known = parent;
        for _ in 0..MAX_DEPTH {
            let parent = match known.take() {
                Some(p) => p,
                None => Table::status(proc, at)?.ppid,
            };
            if let Some(e) = self.entries.get(&parent) {
                return Some(e.creds.clone());
            }
            if parent <= 0 || !self.inside(proc, parent) {
                return Some(Creds::new(default));
            }
            at = parent;
        }
        Some(Creds::new(default))
    }

    /// The processes whose parent is one of `tgid`'s threads.
    pub fn children(proc: &Proc, tgid: i32) -> Vec<i32> {
        let mut children = Vec::new();
        for tid in proc.tasks(tgid) {
            if let Ok(text) = proc.read(&format!("{tgid}/task/{tid}/children")) {
                children.extend(
                    String::from_utf8_lossy(&text)
                        .split_whitespace()
                        .filter_map(|p| p.parse::<i32>().ok()),
                );
            }
        }
        children
    }

    /// Whether any of `children` has no entry yet, so that it would inherit from whoever
    /// becomes its parent.
    pub fn any_unknown(&self, children: &[i32]) -> bool {
        children.iter().any(|c| !self.entries.contains_key(c))
    }

    /// Gives every child of `tgid` that has no entry yet `tgid`'s current credentials: called
    /// before they change, and before the process exits (its children would then be
    /// reparented and inherit from their new parent).
    /// Returns whether any child got an entry.
    pub fn pin_children(&mut self, proc: &Proc, tgid: i32) -> bool {
        let children = Table::children(proc, tgid);
        self.pin(tgid, &children)
    }

    /// Gives those of `children` (of `tgid`) that have no entry yet `tgid`'s credentials.
    pub fn pin(&mut self, tgid: i32, children: &[i32]) -> bool {
        let Some(creds) = self.entries.get(&tgid).map(|e| e.creds.clone()) else {
            return false;
        };
        let mut pinned = false;
        for &child in children {
            if !self.entries.contains_key(&child) {
                pinned |= self.insert(child, creds.clone()).is_some();
            }
        }
        pinned
    }

    /// Drops the entries of processes that have exited (their pidfds are readable).
    pub fn sweep(&mut self) {
        let pidfds = self.entries.iter().map(|(t, e)| (*t, &e.pidfd));
        for tgid in exited(pidfds) {
            self.entries.remove(&tgid);
        }
    }

    /// Thread group id and credentials of every process with an entry.
    pub fn processes(&self) -> impl Iterator<Item = (i32, &Creds)> {
        self.entries.iter().map(|(pid, e)| (*pid, &e.creds))
    }
}

/// The ids whose pidfds are readable: their processes (or threads) have exited.
pub(super) fn exited<'a>(pidfds: impl Iterator<Item = (i32, &'a OwnedFd)>) -> Vec<i32> {
    let (ids, mut fds): (Vec<i32>, Vec<PollFd>) = pidfds
        .map(|(id, fd)| (id, PollFd::new(fd.as_fd(), PollFlags::POLLIN)))
        .unzip();
    if poll(&mut fds, PollTimeout::ZERO).is_err() {
        return Vec::new();
    }
    ids.into_iter()
        .zip(&fds)
        .filter(|(_, fd)| fd.revents().is_some_and(|r| !r.is_empty()))
        .map(|(id, _)| id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_fields_are_read() {
        let s = parse_status(b"Name:\tsh\nTgid:\t42\nNgid:\t0\nPid:\t43\nPPid:\t7\n").unwrap();
        assert_eq!((s.tgid, s.ppid), (42, 7));
        assert!(parse_status(b"Name:\tsh\n").is_none());
    }

    #[test]
    fn a_thread_finds_its_group_entry_made_from_one_status_read() {
        let proc = Proc::open().unwrap();
        let me = std::process::id() as i32;
        // The test harness runs this on a thread of its own, not the main one.
        // SAFETY: gettid takes nothing and cannot fail.
        let tid = unsafe { libc::gettid() };
        assert_ne!(tid, me);
        let identity = Identity {
            uid: 7,
            gid: 8,
            groups: vec![],
            capabilities: vec![],
        };
        let mut table = Table::new(&proc, me).unwrap();
        let (tgid, entry) = table.entry(&proc, tid, &identity).unwrap();
        assert_eq!((tgid, entry.creds.euid), (me, 7));
        assert_eq!(
            table.group(&proc, me),
            Some((me, None)),
            "known: no /proc read"
        );
        assert_eq!(table.tgid(&proc, tid), Some(me));
    }

    #[test]
    fn children_are_found_under_any_thread() {
        let proc = Proc::open().unwrap();
        let me = std::process::id() as i32;
        // The test harness runs this on a thread of its own, not the main one.
        let mut child = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let children = Table::children(&proc, me);
        let _ = child.kill();
        let _ = child.wait();
        assert!(children.contains(&(child.id() as i32)), "{children:?}");
        let table = Table::new(&proc, me).unwrap();
        assert!(table.any_unknown(&children));
        assert!(!table.any_unknown(&[]));
    }
}
