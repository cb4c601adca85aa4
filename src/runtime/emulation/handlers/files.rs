//! The calls about files: owners (chown, the stat family), files made by emulated users,
//! set-id programs at execve, and the /proc entries that show identities.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use super::{Call, FileArgs, StatKind, Supervisor, value};
use crate::ids::FileOwner;
use crate::runtime::emulation::creds::{Creds, UNCHANGED};
use crate::runtime::emulation::hostproc;
use crate::runtime::emulation::notify::Reply;
use crate::runtime::emulation::paths::{Located, stat_at};
use crate::runtime::emulation::procfs;
use crate::runtime::emulation::table::{PendingExec, Table};
use crate::runtime::emulation::target::{self, PATH_MAX, bytes_of};

impl Supervisor {
    pub(super) fn fchownat(&mut self, call: &Call) -> Reply {
        let flags = call.arg(4) as i32;
        if flags & !(libc::AT_SYMLINK_NOFOLLOW | libc::AT_EMPTY_PATH) != 0 {
            return Reply::Error(libc::EINVAL);
        }
        let args = FileArgs::at(call.arg(0), call.arg(1), call.arg(4));
        self.chown(call, args, call.arg(2), call.arg(3))
    }

    pub(super) fn chown(&mut self, call: &Call, file: FileArgs, uid: u64, gid: u64) -> Reply {
        let (uid, gid) = (uid as u32, gid as u32);
        let located = match file.locate(call, &self.owners, &mut self.anchors) {
            Ok(l) => l,
            Err(e) => return Reply::Error(e),
        };
        let fd = match located.open(file.nofollow) {
            Ok(fd) => fd,
            // A magic link in the container's own /proc: the kernel knows where it leads.
            Err(libc::ELOOP) => return Reply::Continue,
            Err(e) => return Reply::Error(e),
        };
        if !call.waiting() {
            return Reply::Continue;
        }
        let st = match stat_at(
            std::os::fd::AsRawFd::as_raw_fd(&fd),
            c"",
            libc::AT_EMPTY_PATH,
        ) {
            Ok(st) => st,
            Err(e) => return Reply::Error(e),
        };
        let current = self.owners.get(&fd).unwrap_or(FileOwner {
            uid: st.st_uid,
            gid: st.st_gid,
        });
        let Some((_, c)) = self.creds(call) else {
            return Reply::Continue;
        };
        let owner = c.fsuid == current.uid;
        let may_chown = c.may_chown();
        if uid != UNCHANGED && !(owner && uid == current.uid) && !may_chown {
            return Reply::Error(libc::EPERM);
        }
        if gid != UNCHANGED && !(owner && (gid == current.gid || c.in_group(gid))) && !may_chown {
            return Reply::Error(libc::EPERM);
        }
        let next = FileOwner {
            uid: if uid == UNCHANGED { current.uid } else { uid },
            gid: if gid == UNCHANGED { current.gid } else { gid },
        };
        let result = self
            .owners
            .set(&fd, &st, next)
            .and_then(|()| self.owners.clear_setid_bits(&fd, &st));
        value(result.map(|()| 0))
    }

    pub(super) fn stat(&mut self, call: &Call, file: FileArgs, out: u64, kind: StatKind) -> Reply {
        // Whatever the supervisor cannot see, the kernel answers, with its own errors.
        let Ok(located) = file.locate(call, &self.owners, &mut self.anchors) else {
            return Reply::Continue;
        };
        let owner = match located.proc_path() {
            // A process's /proc directory belongs to its effective ids.
            Some(procfs::ProcPath::Dir(who)) => {
                self.proc_creds(call, who).map(|(_, c)| FileOwner {
                    uid: c.euid,
                    gid: c.egid,
                })
            }
            _ => self.owners.recorded_at(&located, file.nofollow),
        };
        let Some(owner) = owner else {
            return Reply::Continue;
        };
        if !call.waiting() {
            return Reply::Continue;
        }
        let written = match kind {
            StatKind::Stat => {
                let Ok(mut st) = located.stat(file.nofollow) else {
                    return Reply::Continue;
                };
                (st.st_uid, st.st_gid) = (owner.uid, owner.gid);
                target::write(call.req.pid, out, bytes_of(&st))
            }
            StatKind::Statx { mask } => {
                let flags = call.arg(2) as i32;
                let Ok(mut stx) = located.statx(file.nofollow, flags, mask) else {
                    return Reply::Continue;
                };
                (stx.stx_uid, stx.stx_gid) = (owner.uid, owner.gid);
                target::write(call.req.pid, out, bytes_of(&stx))
            }
        };
        value(written.map(|()| 0))
    }

    /// An execve: a set-user-ID or set-group-ID program (by its recorded owner) changes the
    /// emulated ids once the process is seen running it; the kernel does the exec itself.
    pub(super) fn exec(&mut self, call: &Call, file: FileArgs) -> Reply {
        let Ok(located) = file.locate(call, &self.owners, &mut self.anchors) else {
            return Reply::Continue;
        };
        let Ok(st) = located.stat(file.nofollow) else {
            return Reply::Continue;
        };
        if st.st_mode & libc::S_IFMT != libc::S_IFREG || !call.waiting() {
            return Reply::Continue;
        }
        let setuid = st.st_mode & libc::S_ISUID != 0;
        let setgid = st.st_mode & libc::S_ISGID != 0 && st.st_mode & libc::S_IXGRP != 0;
        let pid = call.req.pid;
        let privileged_exec = (setuid || setgid) && self.honours_setid(pid, &located);
        let owner = if privileged_exec {
            self.owners
                .recorded_at(&located, file.nofollow)
                .unwrap_or(FileOwner {
                    uid: st.st_uid,
                    gid: st.st_gid,
                })
        } else {
            FileOwner::ROOT
        };
        let Some((_, entry)) = self.entry(call) else {
            return Reply::Continue;
        };
        let c = &entry.creds;
        if !privileged_exec && c.suid == c.euid && c.sgid == c.egid {
            return Reply::Continue;
        }
        entry.pending = Some(PendingExec {
            file: (st.st_dev, st.st_ino),
            setuid_to: (privileged_exec && setuid).then_some(owner.uid),
            setgid_to: (privileged_exec && setgid).then_some(owner.gid),
        });
        Reply::Continue
    }

    /// Set-id bits count unless the mount is nosuid, the process has no_new_privs, or the
    /// program is a script (Linux ignores them on `#!` files).
    pub(super) fn honours_setid(&self, pid: i32, located: &Located) -> bool {
        let Ok(fd) = located.open(false) else {
            return false;
        };
        let proc = self.owners.proc();
        let no_new_privs = proc
            .read(&format!("{pid}/status"))
            .map(|s| String::from_utf8_lossy(&s).contains("NoNewPrivs:\t1"))
            .unwrap_or(true);
        !no_new_privs && !located.nosuid(&fd) && !proc.is_script(&fd)
    }

    /// Who a file the caller creates belongs to, when that is not who the kernel makes its
    /// owner; with the caller's umask.
    pub(super) fn creator(&mut self, call: &Call) -> Option<(FileOwner, u32)> {
        let (_, c) = self.creds(call)?;
        let owner = FileOwner {
            uid: c.fsuid,
            gid: c.fsgid,
        };
        if owner == self.kernel_owner {
            return None;
        }
        let umask = Table::umask(self.owners.proc(), call.req.pid)?;
        Some((owner, umask))
    }

    /// open(2): creating a file, or reading a process's /proc status; anything else the
    /// kernel does.
    pub(super) fn open(&mut self, call: &Call, file: FileArgs, flags: u64, mode: u64) -> Reply {
        let flags = flags as i32;
        if flags & libc::O_CREAT != 0 {
            return self.create_file(call, file, flags, mode);
        }
        if flags & libc::O_ACCMODE != libc::O_RDONLY || flags & libc::O_PATH != 0 {
            return Reply::Continue;
        }
        match file
            .path
            .filter(|&addr| target::starts_with(call.req.pid, addr, b"/proc/"))
        {
            Some(addr) => self.proc_status(call, addr, flags),
            None => Reply::Continue,
        }
    }

    /// `/proc/PID/status`: the container's own, with the process's emulated ids, handed to
    /// the caller as a memfd.
    pub(super) fn proc_status(&mut self, call: &Call, addr: u64, flags: i32) -> Reply {
        let Ok(path) = target::read_cstring(call.req.pid, addr, PATH_MAX) else {
            return Reply::Continue;
        };
        let Some(procfs::ProcPath::Status(who)) = procfs::parse(path.to_bytes()) else {
            return Reply::Continue;
        };
        let Some((ns_pid, creds)) = self.proc_creds(call, who) else {
            return Reply::Continue;
        };
        let Ok(text) = std::fs::read_to_string(format!("/proc/{ns_pid}/status")) else {
            return Reply::Continue;
        };
        let Ok(memfd) = hostproc::memfd("status", procfs::patch_status(&text, &creds).as_bytes())
        else {
            return Reply::Continue;
        };
        if !call.waiting() {
            return Reply::Continue;
        }
        match call
            .listener
            .send_fd(call.req.id, memfd.as_fd(), flags & libc::O_CLOEXEC != 0)
        {
            Ok(()) => Reply::Handled,
            Err(e) => Reply::Error(e.raw_os_error().unwrap_or(libc::EIO)),
        }
    }

    /// The container pid and the emulated credentials of the process a /proc path names.
    pub(super) fn proc_creds(&mut self, call: &Call, who: procfs::Who) -> Option<(i32, Creds)> {
        let proc = self.owners.proc();
        let (ns_pid, host_pid) = match who {
            procfs::Who::Caller => (Table::namespace_pid(proc, call.req.pid)?, call.req.pid),
            procfs::Who::Pid(n) => (n, self.table.host_pid(proc, n)?),
        };
        let (_, entry) = self.table.entry(proc, host_pid, call.default)?;
        Some((ns_pid, entry.creds.clone()))
    }

    /// open(O_CREAT) by an emulated user: the supervisor creates the file, records its owner
    /// and hands the caller the descriptor. An existing file, or anything but a plain create,
    /// is the kernel's to open.
    pub(super) fn create_file(
        &mut self,
        call: &Call,
        file: FileArgs,
        flags: i32,
        mode: u64,
    ) -> Reply {
        if flags & (libc::O_PATH | libc::O_DIRECTORY) != 0 {
            return Reply::Continue;
        }
        let Some((owner, umask)) = self.creator(call) else {
            return Reply::Continue;
        };
        let Ok(located) = file.locate(call, &self.owners, &mut self.anchors) else {
            return Reply::Continue;
        };
        if !call.waiting() {
            return Reply::Continue;
        }
        let mode = mode as u32 & 0o7777 & !umask;
        let fd = match located.create(flags | libc::O_EXCL, mode) {
            Ok(fd) => fd,
            // It exists (or cannot be made here): the kernel gives the caller what it would.
            Err(_) => return Reply::Continue,
        };
        self.record_new(&located, &fd, owner);
        match call
            .listener
            .send_fd(call.req.id, fd.as_fd(), flags & libc::O_CLOEXEC != 0)
        {
            Ok(()) => Reply::Handled,
            Err(e) => Reply::Error(e.raw_os_error().unwrap_or(libc::EIO)),
        }
    }

    /// mkdir by an emulated user: made here, its owner recorded.
    pub(super) fn create_dir(&mut self, call: &Call, file: FileArgs, mode: u64) -> Reply {
        let Some((owner, umask)) = self.creator(call) else {
            return Reply::Continue;
        };
        let Ok(located) = file.locate(call, &self.owners, &mut self.anchors) else {
            return Reply::Continue;
        };
        if !call.waiting() {
            return Reply::Continue;
        }
        let mode = mode as u32 & 0o7777 & !umask;
        if let Err(e) = located.mkdir(mode) {
            return Reply::Error(e);
        }
        if let Ok(fd) = located.open(true) {
            self.record_new(&located, &fd, owner);
        }
        Reply::Value(0)
    }

    /// A new file's owner: the creator, with the group of a set-group-ID parent directory
    /// (its recorded group: the kernel gave the file the one mapped group).
    pub(super) fn record_new(&mut self, located: &Located, fd: &OwnedFd, mut owner: FileOwner) {
        let Ok(st) = stat_at(fd.as_raw_fd(), c"", libc::AT_EMPTY_PATH) else {
            return;
        };
        if let Ok(parent) = located.parent()
            && let Ok(pst) = stat_at(parent.as_raw_fd(), c"", libc::AT_EMPTY_PATH)
            && pst.st_mode & libc::S_ISGID != 0
        {
            owner.gid = self.owners.get(&parent).map_or(pst.st_gid, |o| o.gid);
        }
        let _ = self.owners.set(fd, &st, owner);
    }
}
