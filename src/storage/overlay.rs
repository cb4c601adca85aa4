//! Kernel overlayfs mounted from inside the user namespace, with `userxattr` so that whiteouts
//! and opaque directories live in `user.overlay.*` xattrs an unprivileged user may write.
//!
//! Layers are passed one at a time with the new mount API (`lowerdir+`, Linux 6.8+), so that
//! any number of layers fits: the classic `lowerdir=a:b:c` string is limited to one page. On
//! older kernels the classic mount(2) is used with paths made short by changing into the
//! layers' common directory.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OverlayError {
    #[error("cannot mount overlay on {}: {step}: {source}{}", target.display(), kernel_says(.kernel))]
    Mount {
        target: PathBuf,
        step: String,
        source: io::Error,
        /// What the kernel wrote to the filesystem context's log, when it said anything.
        kernel: Option<String>,
    },
    #[error("invalid path for an overlay layer {}: it contains ':', ',' or a NUL byte", .0.display())]
    BadPath(PathBuf),
}

fn kernel_says(kernel: &Option<String>) -> String {
    kernel
        .as_ref()
        .map(|k| format!(" (kernel: {k})"))
        .unwrap_or_default()
}

/// What to stack: `lowers` from the bottom layer up, then the container's writable layer.
pub struct Overlay<'a> {
    pub lowers: &'a [PathBuf],
    /// The writable layer and overlay's work directory; None mounts a read-only tree (at
    /// least two lowers: the kernel's rule for an overlay without an upper).
    pub writable: Option<(&'a Path, &'a Path)>,
    /// Skip every sync of the writable layer (overlay's `volatile`): for a container whose
    /// writes need not survive a crash of the machine. The kernel then refuses to mount the
    /// same work directory again, so only a writable layer mounted once takes it.
    pub volatile: bool,
}

fn cstring(p: &Path) -> Result<CString, OverlayError> {
    CString::new(p.as_os_str().as_bytes()).map_err(|_| OverlayError::BadPath(p.to_path_buf()))
}

fn fsopen(fs: &CStr) -> io::Result<OwnedFd> {
    // SAFETY: fsopen reads a NUL-terminated string we own and returns a new fd or -1.
    let fd = unsafe { libc::syscall(libc::SYS_fsopen, fs.as_ptr(), libc::FSOPEN_CLOEXEC) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a descriptor fsopen just returned belongs to no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

fn fsconfig(fd: &OwnedFd, cmd: u32, key: Option<&CStr>, value: Option<&CStr>) -> io::Result<()> {
    let key = key.map_or(std::ptr::null(), CStr::as_ptr);
    let value = value.map_or(std::ptr::null(), CStr::as_ptr);
    // SAFETY: the fd is a live fs context; key/value are NUL-terminated strings that outlive the
    // call, or null where the command takes none.
    let rc = unsafe { libc::syscall(libc::SYS_fsconfig, fd.as_raw_fd(), cmd, key, value, 0) };
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

fn fsmount(fd: &OwnedFd, read_only: bool) -> io::Result<OwnedFd> {
    let attrs = if read_only {
        libc::MOUNT_ATTR_RDONLY
    } else {
        0
    };
    // SAFETY: fsmount takes a created fs context and returns a new mount fd that we own.
    let mfd = unsafe {
        libc::syscall(
            libc::SYS_fsmount,
            fd.as_raw_fd(),
            libc::FSMOUNT_CLOEXEC,
            attrs,
        )
    };
    if mfd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a descriptor fsmount just returned belongs to no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(mfd as i32) })
}

fn move_mount(mount: &OwnedFd, target: &CStr) -> io::Result<()> {
    // SAFETY: attaches the detached mount behind `mount` at `target`; both strings are
    // NUL-terminated and live across the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            mount.as_raw_fd(),
            c"".as_ptr(),
            libc::AT_FDCWD,
            target.as_ptr(),
            libc::MOVE_MOUNT_F_EMPTY_PATH,
        )
    };
    if rc < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// The messages the kernel logged on a filesystem context ("e overlayfs: …" lines).
fn context_log(fd: &OwnedFd) -> Option<String> {
    let mut lines = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        match nix::unistd::read(fd, &mut buf) {
            Ok(n) if n > 0 => lines.push(String::from_utf8_lossy(&buf[..n]).trim().to_string()),
            _ => break,
        }
    }
    (!lines.is_empty()).then(|| lines.join("; "))
}

impl Overlay<'_> {
    /// Mounts the overlay on `target` in the calling process's mount namespace.
    pub fn mount(&self, target: &Path) -> Result<(), OverlayError> {
        match self.mount_with_fsconfig(target) {
            Err(OverlayError::Mount { ref source, .. })
                if source.raw_os_error() == Some(libc::ENOSYS) =>
            {
                self.mount_classic(target)
            }
            Err(OverlayError::Mount {
                ref step,
                ref source,
                ..
            }) if step.starts_with("lowerdir+") && source.raw_os_error() == Some(libc::EINVAL) => {
                self.mount_classic(target)
            }
            other => other,
        }
    }

    fn mount_with_fsconfig(&self, target: &Path) -> Result<(), OverlayError> {
        let fail = |step: String, source: io::Error, fd: Option<&OwnedFd>| OverlayError::Mount {
            target: target.to_path_buf(),
            step,
            source,
            kernel: fd.and_then(context_log),
        };
        let fd = fsopen(c"overlay").map_err(|e| fail("fsopen".into(), e, None))?;
        let set = |key: &str, value: &Path| -> Result<(), OverlayError> {
            let k = CString::new(key).expect("keys have no NUL");
            fsconfig(
                &fd,
                libc::FSCONFIG_SET_STRING,
                Some(&k),
                Some(&cstring(value)?),
            )
            .map_err(|e| fail(format!("{key} {}", value.display()), e, Some(&fd)))
        };
        for lower in self.lowers.iter().rev() {
            set("lowerdir+", lower)?;
        }
        if let Some((upper, work)) = self.writable {
            set("upperdir", upper)?;
            set("workdir", work)?;
        }
        fsconfig(&fd, libc::FSCONFIG_SET_FLAG, Some(c"userxattr"), None)
            .map_err(|e| fail("userxattr".into(), e, Some(&fd)))?;
        if self.volatile && self.writable.is_some() {
            fsconfig(&fd, libc::FSCONFIG_SET_FLAG, Some(c"volatile"), None)
                .map_err(|e| fail("volatile".into(), e, Some(&fd)))?;
        }
        fsconfig(&fd, libc::FSCONFIG_CMD_CREATE, None, None)
            .map_err(|e| fail("create".into(), e, Some(&fd)))?;
        let mount = fsmount(&fd, self.writable.is_none())
            .map_err(|e| fail("fsmount".into(), e, Some(&fd)))?;
        move_mount(&mount, &cstring(target)?).map_err(|e| fail("move_mount".into(), e, None))
    }

    /// mount(2) with `lowerdir=a:b:…`, the paths relative to the layers' parent directory,
    /// which becomes the working directory for the call: that keeps hundreds of layers within
    /// the one-page limit of mount options.
    fn mount_classic(&self, target: &Path) -> Result<(), OverlayError> {
        let fail = |step: &str, source: io::Error| OverlayError::Mount {
            target: target.to_path_buf(),
            step: step.to_string(),
            source,
            kernel: None,
        };
        for p in self.lowers.iter().map(PathBuf::as_path).chain(
            self.writable
                .into_iter()
                .flat_map(|(upper, work)| [upper, work]),
        ) {
            let bytes = p.as_os_str().as_bytes();
            if bytes.contains(&b':') || bytes.contains(&b',') {
                return Err(OverlayError::BadPath(p.to_path_buf()));
            }
        }
        let common = self
            .lowers
            .first()
            .and_then(|l| l.parent())
            .and_then(Path::parent)
            .filter(|base| self.lowers.iter().all(|l| l.starts_with(base)));
        let rel = |p: &Path| -> String {
            match common {
                Some(base) => p.strip_prefix(base).unwrap_or(p).display().to_string(),
                None => p.display().to_string(),
            }
        };
        let lowers: Vec<String> = self.lowers.iter().rev().map(|l| rel(l)).collect();
        let options = match self.writable {
            Some((upper, work)) => format!(
                "lowerdir={},upperdir={},workdir={},userxattr{}",
                lowers.join(":"),
                upper.display(),
                work.display(),
                if self.volatile { ",volatile" } else { "" }
            ),
            None => format!("lowerdir={},userxattr", lowers.join(":")),
        };
        let previous = std::env::current_dir().map_err(|e| fail("getcwd", e))?;
        if let Some(base) = common {
            std::env::set_current_dir(base).map_err(|e| fail("chdir", e))?;
        }
        let result = nix::mount::mount(
            Some("overlay"),
            target,
            Some("overlay"),
            match self.writable {
                Some(_) => nix::mount::MsFlags::empty(),
                None => nix::mount::MsFlags::MS_RDONLY,
            },
            Some(options.as_str()),
        )
        .map_err(|e| fail("mount", io::Error::from(e)));
        let _ = std::env::set_current_dir(previous);
        result
    }
}
