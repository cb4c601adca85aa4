//! Owners recorded on files: in the `user.rpod.owner` xattr where the file system and the
//! file's type take one, else in memory for as long as the container runs.
#![allow(unsafe_code)]

use std::collections::HashMap;
use std::ffi::CStr;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use super::hostproc::Proc;
use super::paths::{Located, errno, stat_at};
use crate::ids::FileOwner;

/// getxattrat(2) (Linux 6.13); the same number on every architecture.
pub(super) const SYS_GETXATTRAT: libc::c_long = 464;
pub(super) const OWNER_XATTR: &CStr = c"user.rpod.owner";
/// "UID:GID" in decimal: at most 21 bytes.
pub(super) const OWNER_MAX: usize = 24;

/// Owners recorded on files: in the user xattr where the file system and the file's type take
/// one, else (symbolic links, device nodes, FIFOs, file systems without user xattrs) in memory
/// for as long as the container runs.
pub struct Owners {
    proc: Proc,
    has_getxattrat: bool,
    in_memory: HashMap<(u64, u64), FileOwner>,
}

fn takes_xattr(st: &libc::stat) -> bool {
    matches!(st.st_mode & libc::S_IFMT, libc::S_IFREG | libc::S_IFDIR)
}

impl Owners {
    /// The owner recorded on the file, if any, as cheaply as the kernel allows.
    pub fn recorded_at(&self, file: &Located, nofollow: bool) -> Option<FileOwner> {
        if self.has_getxattrat {
            let mut buf = [0u8; OWNER_MAX];
            #[repr(C)]
            struct XattrArgs {
                value: u64,
                size: u32,
                flags: u32,
            }
            let args = XattrArgs {
                value: buf.as_mut_ptr() as u64,
                size: OWNER_MAX as u32,
                flags: 0,
            };
            let flags = file.at_flags(nofollow);
            // SAFETY: getxattrat reads the path and name (NUL-terminated, ours) and writes at
            // most `size` bytes into `buf` through `args`, all alive for the call.
            let n = unsafe {
                libc::syscall(
                    SYS_GETXATTRAT,
                    file.dirfd,
                    file.joined.as_ptr(),
                    flags,
                    OWNER_XATTR.as_ptr(),
                    &args as *const XattrArgs,
                    size_of::<XattrArgs>(),
                )
            };
            if n >= 0 {
                return FileOwner::decode(&buf[..n as usize]);
            }
            // No record on the file: only one kept in memory is left, found by the stat of
            // the same path rather than by opening it and asking for the attribute again.
            if self.in_memory.is_empty() {
                return None;
            }
            let st = stat_at(file.dirfd, &file.joined, flags).ok()?;
            return self.in_memory.get(&(st.st_dev, st.st_ino)).copied();
        }
        let fd = file.open(nofollow).ok()?;
        self.get(&fd)
    }

    pub fn new(proc: Proc) -> Owners {
        let has_getxattrat = probe_getxattrat(proc.raw());
        Owners {
            proc,
            has_getxattrat,
            in_memory: HashMap::new(),
        }
    }

    pub fn proc(&self) -> &Proc {
        &self.proc
    }

    /// The recorded owner of an open file.
    pub fn get(&self, fd: &OwnedFd) -> Option<FileOwner> {
        let st = stat_at(fd.as_raw_fd(), c"", libc::AT_EMPTY_PATH).ok()?;
        if takes_xattr(&st) {
            let file = self.proc.reopen(fd).ok()?;
            let mut buf = [0u8; OWNER_MAX];
            // SAFETY: fgetxattr writes at most buf.len() bytes into buf; the name is ours.
            let n = unsafe {
                libc::fgetxattr(
                    file.as_raw_fd(),
                    OWNER_XATTR.as_ptr(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                )
            };
            if n >= 0 {
                return FileOwner::decode(&buf[..n as usize]);
            }
        }
        self.in_memory.get(&(st.st_dev, st.st_ino)).copied()
    }

    /// Records `owner` on the file `fd` whose kernel-side stat is `st`; the record goes when the
    /// kernel already shows that owner.
    pub fn set(&mut self, fd: &OwnedFd, st: &libc::stat, owner: FileOwner) -> Result<(), i32> {
        let shown = FileOwner {
            uid: st.st_uid,
            gid: st.st_gid,
        };
        let key = (st.st_dev, st.st_ino);
        if takes_xattr(st) {
            let file = self
                .proc
                .reopen(fd)
                .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
            let rc = if owner == shown {
                // SAFETY: fremovexattr reads the NUL-terminated name we own.
                match unsafe { libc::fremovexattr(file.as_raw_fd(), OWNER_XATTR.as_ptr()) } {
                    0 => 0,
                    _ if errno() == libc::ENODATA => 0,
                    _ => -1,
                }
            } else {
                let value = owner.encode();
                // SAFETY: fsetxattr reads the name and value buffers, both ours and alive.
                unsafe {
                    libc::fsetxattr(
                        file.as_raw_fd(),
                        OWNER_XATTR.as_ptr(),
                        value.as_ptr().cast(),
                        value.len(),
                        0,
                    )
                }
            };
            match rc {
                0 => {
                    self.in_memory.remove(&key);
                    return Ok(());
                }
                _ => match errno() {
                    // The file system keeps no user xattrs: memory it is.
                    libc::EOPNOTSUPP | libc::EPERM => {}
                    e => return Err(e),
                },
            }
        } else if read_only(fd) {
            return Err(libc::EROFS);
        }
        if owner == shown {
            self.in_memory.remove(&key);
        } else {
            self.in_memory.insert(key, owner);
        }
        Ok(())
    }

    /// chown(2) takes the set-user-ID bit, and the set-group-ID bit of a group-executable
    /// file, from anything but a directory, even when root changes the owner.
    pub fn clear_setid_bits(&self, fd: &OwnedFd, st: &libc::stat) -> Result<(), i32> {
        let mode = st.st_mode;
        if mode & libc::S_IFMT != libc::S_IFREG {
            return Ok(());
        }
        let mut kept = mode & 0o7777 & !libc::S_ISUID;
        if mode & libc::S_IXGRP != 0 {
            kept &= !libc::S_ISGID;
        }
        if kept == mode & 0o7777 {
            return Ok(());
        }
        let file = self
            .proc
            .reopen(fd)
            .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))?;
        // SAFETY: fchmod on a descriptor we own takes no pointer.
        if unsafe { libc::fchmod(file.as_raw_fd(), kept) } < 0 {
            return Err(errno());
        }
        Ok(())
    }
}

fn read_only(fd: &OwnedFd) -> bool {
    // SAFETY: statvfs is plain data filled by the kernel.
    let mut vfs: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: fstatvfs writes only into `vfs`.
    unsafe { libc::fstatvfs(fd.as_raw_fd(), &mut vfs) == 0 && vfs.f_flag & libc::ST_RDONLY != 0 }
}

/// Whether getxattrat(2) exists: ENOSYS before Linux 6.13.
fn probe_getxattrat(dirfd: RawFd) -> bool {
    #[repr(C)]
    struct XattrArgs {
        value: u64,
        size: u32,
        flags: u32,
    }
    let args = XattrArgs {
        value: 0,
        size: 0,
        flags: 0,
    };
    // SAFETY: a size-0 query writes nothing; the path and name are ours and NUL-terminated.
    let rc = unsafe {
        libc::syscall(
            SYS_GETXATTRAT,
            dirfd,
            c"self".as_ptr(),
            0,
            OWNER_XATTR.as_ptr(),
            &args as *const XattrArgs,
            size_of::<XattrArgs>(),
        )
    };
    rc >= 0 || errno() != libc::ENOSYS
}
