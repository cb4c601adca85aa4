//! One emulated system call: its arguments read from the waiting process, the answer decided
//! from the emulated credentials and the recorded owners.

use std::ffi::CString;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

use super::Identity;
use super::creds::{Creds, NGROUPS_MAX, UNCHANGED};
use super::files::{self, Base, Located, Owners, stat_at};
use super::notify::{Listener, Reply, Request};
use super::procfs;
use super::table::{Entry, PendingExec, Table};
use super::target::{self, PATH_MAX, bytes_of};
use crate::ids::FileOwner;

const NEWFSTATAT_FLAGS: i32 =
    libc::AT_SYMLINK_NOFOLLOW | libc::AT_NO_AUTOMOUNT | libc::AT_EMPTY_PATH;

/// The state one container's supervisor keeps.
pub struct Supervisor {
    pub owners: Owners,
    pub table: Table,
    /// Who the kernel makes the owner of every new file: the one mapped id.
    pub kernel_owner: FileOwner,
    /// Set when an emulated identity changed, for the caller to publish.
    pub identities_changed: bool,
}

/// A received call and where it came from.
pub struct Call<'a> {
    pub req: Request,
    pub listener: &'a Listener,
    /// Who a process of this listener is when no ancestor of it is known.
    pub default: &'a Identity,
}

impl Call<'_> {
    fn arg(&self, i: usize) -> u64 {
        self.req.args[i]
    }

    /// The id argument `i` as the kernel reads a uid_t (the low 32 bits).
    fn id(&self, i: usize) -> u32 {
        self.req.args[i] as u32
    }

    fn waiting(&self) -> bool {
        self.listener.still_waiting(self.req.id)
    }
}

/// What a stat call returns.
#[derive(Clone, Copy)]
enum StatKind {
    Stat,
    Statx { mask: u32 },
}

/// The path arguments of a call that names a file.
struct FileArgs {
    base: Base,
    /// The address of the path, or None for calls on a descriptor alone (fchown, fstat).
    path: Option<u64>,
    nofollow: bool,
    empty_ok: bool,
}

impl FileArgs {
    fn at(base: u64, path: u64, flags: u64) -> FileArgs {
        let flags = flags as i32;
        FileArgs {
            base: Base::of(base),
            path: Some(path),
            nofollow: flags & libc::AT_SYMLINK_NOFOLLOW != 0,
            empty_ok: flags & libc::AT_EMPTY_PATH != 0,
        }
    }

    fn cwd(path: u64, nofollow: bool) -> FileArgs {
        FileArgs {
            base: Base::Cwd,
            path: Some(path),
            nofollow,
            empty_ok: false,
        }
    }

    fn fd(fd: u64) -> FileArgs {
        FileArgs {
            base: Base::of(fd),
            path: None,
            nofollow: false,
            empty_ok: true,
        }
    }

    /// The file as the supervisor reaches it, or the errno the kernel would give for the path.
    fn locate(&self, call: &Call, owners: &Owners) -> Result<Located, i32> {
        let path = match self.path {
            Some(addr) => target::read_cstring(call.req.pid, addr, PATH_MAX)?,
            None => CString::default(),
        };
        if path.is_empty() && !self.empty_ok {
            return Err(libc::ENOENT);
        }
        Ok(owners.proc().locate(call.req.pid, self.base, &path))
    }
}

fn value(result: Result<i64, i32>) -> Reply {
    match result {
        Ok(v) => Reply::Value(v),
        Err(e) => Reply::Error(e),
    }
}

impl Supervisor {
    pub fn handle(&mut self, call: &Call) -> Reply {
        let a = |i: usize| call.arg(i);
        match call.req.nr {
            libc::SYS_getuid => self.read(call, |c| c.ruid),
            libc::SYS_geteuid => self.read(call, |c| c.euid),
            libc::SYS_getgid => self.read(call, |c| c.rgid),
            libc::SYS_getegid => self.read(call, |c| c.egid),
            libc::SYS_getresuid => self.read3(call, |c| [c.ruid, c.euid, c.suid]),
            libc::SYS_getresgid => self.read3(call, |c| [c.rgid, c.egid, c.sgid]),
            libc::SYS_getgroups => self.getgroups(call),
            libc::SYS_setuid => self.change(call, |c| c.setuid(call.id(0)).map(|()| 0)),
            libc::SYS_setgid => self.change(call, |c| c.setgid(call.id(0)).map(|()| 0)),
            libc::SYS_setreuid => {
                self.change(call, |c| c.setreuid(call.id(0), call.id(1)).map(|()| 0))
            }
            libc::SYS_setregid => {
                self.change(call, |c| c.setregid(call.id(0), call.id(1)).map(|()| 0))
            }
            libc::SYS_setresuid => self.change(call, |c| {
                c.setresuid(call.id(0), call.id(1), call.id(2)).map(|()| 0)
            }),
            libc::SYS_setresgid => self.change(call, |c| {
                c.setresgid(call.id(0), call.id(1), call.id(2)).map(|()| 0)
            }),
            libc::SYS_setfsuid => self.change(call, |c| Ok(c.setfsuid(call.id(0)).into())),
            libc::SYS_setfsgid => self.change(call, |c| Ok(c.setfsgid(call.id(0)).into())),
            libc::SYS_setgroups => self.setgroups(call),
            #[cfg(target_arch = "x86_64")]
            libc::SYS_chown => self.chown(call, FileArgs::cwd(a(0), false), a(1), a(2)),
            #[cfg(target_arch = "x86_64")]
            libc::SYS_lchown => self.chown(call, FileArgs::cwd(a(0), true), a(1), a(2)),
            libc::SYS_fchown => self.chown(call, FileArgs::fd(a(0)), a(1), a(2)),
            libc::SYS_fchownat => self.fchownat(call),
            #[cfg(target_arch = "x86_64")]
            libc::SYS_stat => self.stat(call, FileArgs::cwd(a(0), false), a(1), StatKind::Stat),
            #[cfg(target_arch = "x86_64")]
            libc::SYS_lstat => self.stat(call, FileArgs::cwd(a(0), true), a(1), StatKind::Stat),
            libc::SYS_fstat => self.stat(call, FileArgs::fd(a(0)), a(1), StatKind::Stat),
            // Flags newfstatat does not know are the kernel's to refuse.
            libc::SYS_newfstatat if a(3) as i32 & !NEWFSTATAT_FLAGS != 0 => Reply::Continue,
            libc::SYS_newfstatat => {
                self.stat(call, FileArgs::at(a(0), a(1), a(3)), a(2), StatKind::Stat)
            }
            libc::SYS_statx => self.stat(
                call,
                FileArgs::at(a(0), a(1), a(2)),
                a(4),
                StatKind::Statx { mask: a(3) as u32 },
            ),
            libc::SYS_execve => self.exec(call, FileArgs::cwd(a(0), false)),
            libc::SYS_execveat => self.exec(call, FileArgs::at(a(0), a(1), a(4))),
            #[cfg(target_arch = "x86_64")]
            libc::SYS_open => self.open(call, FileArgs::cwd(a(0), false), a(1), a(2)),
            #[cfg(target_arch = "x86_64")]
            libc::SYS_creat => self.create_file(
                call,
                FileArgs::cwd(a(0), false),
                libc::O_CREAT | libc::O_WRONLY | libc::O_TRUNC,
                a(1),
            ),
            libc::SYS_openat => self.open(call, FileArgs::at(a(0), a(1), 0), a(2), a(3)),
            #[cfg(target_arch = "x86_64")]
            libc::SYS_mkdir => self.create_dir(call, FileArgs::cwd(a(0), false), a(1)),
            libc::SYS_mkdirat => self.create_dir(call, FileArgs::at(a(0), a(1), 0), a(2)),
            libc::SYS_getsockopt => self.peer_credentials(call),
            libc::SYS_capget => self.capget(call),
            libc::SYS_capset => self.capset(call),
            libc::SYS_prctl => self.keepcaps(call),
            libc::SYS_exit_group => self.exiting(call),
            _ => Reply::Continue,
        }
    }

    /// The calling process's entry, with a program it executed since applied.
    fn entry(&mut self, call: &Call) -> Option<(i32, &mut Entry)> {
        let proc = self.owners.proc();
        let tgid = self.table.tgid(proc, call.req.pid)?;
        let entry = self.table.entry(proc, tgid, call.default)?;
        if let Some(pending) = entry.pending.take()
            && proc.identity(&format!("{tgid}/exe")).ok() == Some(pending.file)
        {
            entry.creds.exec(pending.setuid_to, pending.setgid_to);
            self.identities_changed = true;
        }
        Some((tgid, entry))
    }

    fn creds(&mut self, call: &Call) -> Option<(i32, &mut Creds)> {
        self.entry(call).map(|(tgid, e)| (tgid, &mut e.creds))
    }

    fn read(&mut self, call: &Call, f: impl FnOnce(&Creds) -> u32) -> Reply {
        match self.creds(call) {
            Some((_, c)) => Reply::Value(f(c).into()),
            None => Reply::Continue,
        }
    }

    fn read3(&mut self, call: &Call, f: impl FnOnce(&Creds) -> [u32; 3]) -> Reply {
        let Some((_, c)) = self.creds(call) else {
            return Reply::Continue;
        };
        let ids = f(c);
        let written =
            (0..3).try_for_each(|i| target::write(call.req.pid, call.arg(i), bytes_of(&ids[i])));
        value(written.map(|()| 0))
    }

    fn getgroups(&mut self, call: &Call) -> Reply {
        let size = call.arg(0) as i32;
        let Some((_, c)) = self.creds(call) else {
            return Reply::Continue;
        };
        let n = c.groups.len();
        let groups = c.groups.clone();
        value(match size {
            s if s < 0 => Err(libc::EINVAL),
            0 => Ok(n as i64),
            s if (s as usize) < n => Err(libc::EINVAL),
            _ => {
                let bytes: Vec<u8> = groups.iter().flat_map(|g| g.to_ne_bytes()).collect();
                target::write(call.req.pid, call.arg(1), &bytes).map(|()| n as i64)
            }
        })
    }

    fn setgroups(&mut self, call: &Call) -> Reply {
        let size = call.arg(0) as i32;
        if size < 0 || size as usize > NGROUPS_MAX {
            return Reply::Error(libc::EINVAL);
        }
        let groups = match target::read(call.req.pid, call.arg(1), size as usize * 4) {
            Ok(bytes) => bytes
                .chunks_exact(4)
                .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
                .collect::<Vec<u32>>(),
            Err(e) => return Reply::Error(e),
        };
        self.change(call, move |c| c.setgroups(groups).map(|()| 0))
    }

    /// A credential change: the process's children that have no entry yet keep what they
    /// inherited before it.
    fn change(&mut self, call: &Call, f: impl FnOnce(&mut Creds) -> Result<i64, i32>) -> Reply {
        let Some((tgid, c)) = self.creds(call) else {
            return Reply::Continue;
        };
        let mut next = c.clone();
        let result = f(&mut next);
        if result.is_ok() && next != *c {
            self.table.pin_children(self.owners.proc(), tgid);
            if let Some((_, c)) = self.creds(call) {
                *c = next;
            }
            self.identities_changed = true;
        }
        value(result)
    }

    fn fchownat(&mut self, call: &Call) -> Reply {
        let flags = call.arg(4) as i32;
        if flags & !(libc::AT_SYMLINK_NOFOLLOW | libc::AT_EMPTY_PATH) != 0 {
            return Reply::Error(libc::EINVAL);
        }
        let args = FileArgs::at(call.arg(0), call.arg(1), call.arg(4));
        self.chown(call, args, call.arg(2), call.arg(3))
    }

    fn chown(&mut self, call: &Call, file: FileArgs, uid: u64, gid: u64) -> Reply {
        let (uid, gid) = (uid as u32, gid as u32);
        let located = match file.locate(call, &self.owners) {
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

    fn stat(&mut self, call: &Call, file: FileArgs, out: u64, kind: StatKind) -> Reply {
        // Whatever the supervisor cannot see, the kernel answers, with its own errors.
        let Ok(located) = file.locate(call, &self.owners) else {
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
            _ => located.recorded_owner(file.nofollow, &self.owners),
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
    fn exec(&mut self, call: &Call, file: FileArgs) -> Reply {
        let Ok(located) = file.locate(call, &self.owners) else {
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
            located
                .recorded_owner(file.nofollow, &self.owners)
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
    fn honours_setid(&self, pid: i32, located: &Located) -> bool {
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
    fn creator(&mut self, call: &Call) -> Option<(FileOwner, u32)> {
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
    fn open(&mut self, call: &Call, file: FileArgs, flags: u64, mode: u64) -> Reply {
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
    fn proc_status(&mut self, call: &Call, addr: u64, flags: i32) -> Reply {
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
        let Ok(memfd) = files::memfd("status", procfs::patch_status(&text, &creds).as_bytes())
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
    fn proc_creds(&mut self, call: &Call, who: procfs::Who) -> Option<(i32, Creds)> {
        let proc = self.owners.proc();
        let (ns_pid, host_pid) = match who {
            procfs::Who::Caller => (Table::namespace_pid(proc, call.req.pid)?, call.req.pid),
            procfs::Who::Pid(n) => (n, self.table.host_pid(proc, n)?),
        };
        let tgid = self.table.tgid(proc, host_pid)?;
        let entry = self.table.entry(proc, tgid, call.default)?;
        Some((ns_pid, entry.creds.clone()))
    }

    /// open(O_CREAT) by an emulated user: the supervisor creates the file, records its owner
    /// and hands the caller the descriptor. An existing file, or anything but a plain create,
    /// is the kernel's to open.
    fn create_file(&mut self, call: &Call, file: FileArgs, flags: i32, mode: u64) -> Reply {
        if flags & (libc::O_PATH | libc::O_DIRECTORY) != 0 {
            return Reply::Continue;
        }
        let Some((owner, umask)) = self.creator(call) else {
            return Reply::Continue;
        };
        let Ok(located) = file.locate(call, &self.owners) else {
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
    fn create_dir(&mut self, call: &Call, file: FileArgs, mode: u64) -> Reply {
        let Some((owner, umask)) = self.creator(call) else {
            return Reply::Continue;
        };
        let Ok(located) = file.locate(call, &self.owners) else {
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
    fn record_new(&mut self, located: &Located, fd: &OwnedFd, mut owner: FileOwner) {
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

    /// getsockopt(SO_PEERCRED): the peer's emulated effective ids instead of the one real
    /// id, so that peer authentication (postgres, D-Bus) sees the user it expects.
    fn peer_credentials(&mut self, call: &Call) -> Reply {
        let (fd, optval, optlen) = (call.arg(0) as i32, call.arg(3), call.arg(4));
        let proc = self.owners.proc();
        let Some(peer) = files::peer_of(call.req.pid, fd) else {
            return Reply::Continue;
        };
        let Some(ns_pid) = Table::namespace_pid(proc, peer.pid) else {
            return Reply::Continue;
        };
        let Some(tgid) = self.table.tgid(proc, peer.pid) else {
            return Reply::Continue;
        };
        let Some(entry) = self.table.entry(proc, tgid, call.default) else {
            return Reply::Continue;
        };
        let cred = libc::ucred {
            pid: ns_pid,
            uid: entry.creds.euid,
            gid: entry.creds.egid,
        };
        let pid = call.req.pid;
        let written = target::read(pid, optlen, 4)
            .map(|len| u32::from_ne_bytes([len[0], len[1], len[2], len[3]]) as usize)
            .and_then(|len| {
                let bytes = bytes_of(&cred);
                let n = len.min(bytes.len());
                target::write(pid, optval, &bytes[..n])?;
                target::write(pid, optlen, &(n as u32).to_ne_bytes())
            });
        if !call.waiting() {
            return Reply::Continue;
        }
        value(written.map(|()| 0))
    }

    /// capget(2) of oneself: the emulated sets (another process's: the kernel's answer).
    fn capget(&mut self, call: &Call) -> Reply {
        let Some(data) = self.capability_call(call) else {
            return Reply::Continue;
        };
        let Some((_, c)) = self.creds(call) else {
            return Reply::Continue;
        };
        let words = [
            c.effective as u32,
            c.permitted as u32,
            c.inheritable as u32,
            (c.effective >> 32) as u32,
            (c.permitted >> 32) as u32,
            (c.inheritable >> 32) as u32,
        ];
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_ne_bytes()).collect();
        value(target::write(call.req.pid, data, &bytes).map(|()| 0))
    }

    /// capset(2) of oneself changes the emulated sets only: the real ones stay.
    fn capset(&mut self, call: &Call) -> Reply {
        let Some(data) = self.capability_call(call) else {
            return Reply::Continue;
        };
        let words: Vec<u64> = match target::read(call.req.pid, data, 24) {
            Ok(b) => b
                .chunks_exact(4)
                .map(|w| u64::from(u32::from_ne_bytes([w[0], w[1], w[2], w[3]])))
                .collect(),
            Err(e) => return Reply::Error(e),
        };
        let [e0, p0, i0, e1, p1, i1] = words[..] else {
            return Reply::Error(libc::EFAULT);
        };
        self.change(call, |c| {
            c.capset(e0 | e1 << 32, p0 | p1 << 32, i0 | i1 << 32)
                .map(|()| 0)
        })
    }

    /// The data pointer of a capget/capset about the caller itself with the 64-bit header
    /// versions; None for what the kernel answers (another pid, a version query, v1).
    fn capability_call(&self, call: &Call) -> Option<u64> {
        const V2: u32 = 0x2007_1026;
        const V3: u32 = 0x2008_0522;
        let header = target::read(call.req.pid, call.arg(0), 8).ok()?;
        let version = u32::from_ne_bytes([header[0], header[1], header[2], header[3]]);
        let pid = i32::from_ne_bytes([header[4], header[5], header[6], header[7]]);
        let own = pid == 0 || Table::namespace_pid(self.owners.proc(), call.req.pid) == Some(pid);
        (matches!(version, V2 | V3) && own && call.arg(1) != 0).then_some(call.arg(1))
    }

    /// prctl(PR_GET_KEEPCAPS / PR_SET_KEEPCAPS): the emulated flag.
    fn keepcaps(&mut self, call: &Call) -> Reply {
        match call.arg(0) as i32 {
            libc::PR_GET_KEEPCAPS => self.read(call, |c| u32::from(c.keep_caps)),
            libc::PR_SET_KEEPCAPS if call.arg(1) > 1 => Reply::Error(libc::EINVAL),
            libc::PR_SET_KEEPCAPS => {
                let keep = call.arg(1) == 1;
                self.change(call, |c| {
                    c.keep_caps = keep;
                    Ok(0)
                })
            }
            _ => Reply::Continue,
        }
    }

    /// exit_group: the children of the exiting process keep its credentials.
    fn exiting(&mut self, call: &Call) -> Reply {
        if let Some(tgid) = self.creds(call).map(|(tgid, _)| tgid)
            && self.table.pin_children(self.owners.proc(), tgid)
        {
            // The orphans-to-be are listed under their own pids for `top`.
            self.identities_changed = true;
        }
        Reply::Continue
    }
}
