//! One emulated system call: its arguments read from the waiting process, the answer decided
//! from the emulated credentials and the recorded owners.

mod files;
mod ids;

use std::ffi::CString;

use super::Identity;
use super::anchors::Anchors;
use super::creds::Creds;
use super::notify::{Listener, Reply, Request};
use super::owners::Owners;
use super::paths::{Base, Located};
use super::table::{Entry, Table};
use super::target::{self, PATH_MAX};
use crate::ids::FileOwner;

const NEWFSTATAT_FLAGS: i32 =
    libc::AT_SYMLINK_NOFOLLOW | libc::AT_NO_AUTOMOUNT | libc::AT_EMPTY_PATH;

/// The state one container's supervisor keeps.
pub struct Supervisor {
    pub owners: Owners,
    pub table: Table,
    pub anchors: Anchors,
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
    fn locate(&self, call: &Call, owners: &Owners, anchors: &mut Anchors) -> Result<Located, i32> {
        let path = match self.path {
            Some(addr) => target::read_cstring(call.req.pid, addr, PATH_MAX)?,
            None => CString::default(),
        };
        if path.is_empty() && !self.empty_ok {
            return Err(libc::ENOENT);
        }
        if let Base::Fd(fd) = self.base
            && path.as_bytes().first() != Some(&b'/')
            && let Some(held) = anchors.dup(call.req.pid, fd)
        {
            return Ok(Located::held(held, &path));
        }
        Ok(Located::new(owners.proc(), call.req.pid, self.base, &path))
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
        let (tgid, entry) = self.table.entry(proc, call.req.pid, call.default)?;
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
}
