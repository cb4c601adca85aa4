//! The calls about identities: groups, capabilities, keepcaps, a socket peer's ids, and what
//! an exiting process leaves its children.

use super::{Call, Supervisor, value};
use crate::runtime::emulation::creds::{Creds, NGROUPS_MAX};
use crate::runtime::emulation::hostproc;
use crate::runtime::emulation::notify::Reply;
use crate::runtime::emulation::table::Table;
use crate::runtime::emulation::target::{self, bytes_of};

impl Supervisor {
    pub(super) fn read3(&mut self, call: &Call, f: impl FnOnce(&Creds) -> [u32; 3]) -> Reply {
        let Some((_, c)) = self.creds(call) else {
            return Reply::Continue;
        };
        let ids = f(c);
        let written =
            (0..3).try_for_each(|i| target::write(call.req.pid, call.arg(i), bytes_of(&ids[i])));
        value(written.map(|()| 0))
    }

    pub(super) fn getgroups(&mut self, call: &Call) -> Reply {
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

    pub(super) fn setgroups(&mut self, call: &Call) -> Reply {
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

    /// getsockopt(SO_PEERCRED): the peer's emulated effective ids instead of the one real
    /// id, so that peer authentication (postgres, D-Bus) sees the user it expects.
    pub(super) fn peer_credentials(&mut self, call: &Call) -> Reply {
        let (fd, optval, optlen) = (call.arg(0) as i32, call.arg(3), call.arg(4));
        let proc = self.owners.proc();
        let Some(peer) = hostproc::peer_of(call.req.pid, fd) else {
            return Reply::Continue;
        };
        let Some(ns_pid) = Table::namespace_pid(proc, peer.pid) else {
            return Reply::Continue;
        };
        let Some((_, entry)) = self.table.entry(proc, peer.pid, call.default) else {
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
    pub(super) fn capget(&mut self, call: &Call) -> Reply {
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
    pub(super) fn capset(&mut self, call: &Call) -> Reply {
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
    pub(super) fn capability_call(&self, call: &Call) -> Option<u64> {
        const V2: u32 = 0x2007_1026;
        const V3: u32 = 0x2008_0522;
        let header = target::read(call.req.pid, call.arg(0), 8).ok()?;
        let version = u32::from_ne_bytes([header[0], header[1], header[2], header[3]]);
        let pid = i32::from_ne_bytes([header[4], header[5], header[6], header[7]]);
        let own = pid == 0 || Table::namespace_pid(self.owners.proc(), call.req.pid) == Some(pid);
        (matches!(version, V2 | V3) && own && call.arg(1) != 0).then_some(call.arg(1))
    }

    /// prctl(PR_GET_KEEPCAPS / PR_SET_KEEPCAPS): the emulated flag.
    pub(super) fn keepcaps(&mut self, call: &Call) -> Reply {
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

    /// exit_group: the children of the exiting process keep its credentials. Most exiting
    /// processes have none (every short-lived tool of a build or a maintainer script): they
    /// are let go without an entry of their own, which would cost /proc reads and a pidfd.
    pub(super) fn exiting(&mut self, call: &Call) -> Reply {
        let proc = self.owners.proc();
        let Some(tgid) = self.table.tgid(proc, call.req.pid) else {
            return Reply::Continue;
        };
        let children = Table::children(proc, tgid);
        if !self.table.any_unknown(&children) {
            return Reply::Continue;
        }
        if self.creds(call).is_some() && self.table.pin(tgid, &children) {
            // The orphans-to-be are listed under their own pids for `top`.
            self.identities_changed = true;
        }
        Reply::Continue
    }
}
