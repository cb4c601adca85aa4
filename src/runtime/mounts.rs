//! Carrying out mount [`Step`]s inside the container's mount namespace.
//!
//! Every target inside the root file system is resolved with openat2(RESOLVE_IN_ROOT), created
//! if missing, and mounted on through its /proc/self/fd path: an image that makes /etc a
//! symlink to / cannot redirect a bind onto the host.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::fcntl::{AT_FDCWD, OFlag, OpenHow, ResolveFlag, openat2};
use nix::mount::{MntFlags, MsFlags, mount, umount2};

use super::plan::{MountFlags, Step};
use super::safe_path::{Create, RootDir};

#[derive(Debug, thiserror::Error)]
#[error("{what}: {source}")]
pub struct MountError {
    pub what: String,
    #[source]
    pub source: io::Error,
}

impl MountError {
    pub fn errno(&self) -> i32 {
        self.source.raw_os_error().unwrap_or(libc::EIO)
    }
}

fn err(what: impl Into<String>) -> impl FnOnce(nix::Error) -> MountError {
    let what = what.into();
    move |e| MountError {
        what,
        source: io::Error::from(e),
    }
}

fn ms_flags(f: MountFlags) -> MsFlags {
    let mut ms = MsFlags::empty();
    ms.set(MsFlags::MS_NOSUID, f.nosuid);
    ms.set(MsFlags::MS_NODEV, f.nodev);
    ms.set(MsFlags::MS_NOEXEC, f.noexec);
    ms.set(MsFlags::MS_RDONLY, f.readonly);
    ms
}

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> MountError {
    let what = what.into();
    move |source| MountError { what, source }
}

fn target_in(root: &RootDir, target: &str, create: Create) -> Result<OwnedFd, MountError> {
    let fd = root
        .target(Path::new(target.trim_start_matches('/')), create)
        .map_err(io_err(format!("prepare {target}")))?;
    // An image (or an earlier run) may make the target a symlink to `/`: a mount there would
    // cover the whole root file system, and with it /proc, /dev and the masks under them.
    if root
        .is_root(&fd)
        .map_err(io_err(format!("prepare {target}")))?
    {
        return Err(MountError {
            what: format!("mount on {target}: the path leads to the container's root directory"),
            source: io::Error::from_raw_os_error(libc::EINVAL),
        });
    }
    Ok(fd)
}

/// A bind's host side, as an O_PATH descriptor; with `no_symlinks`, a path that has come to
/// hold a symlink is refused (ELOOP) instead of followed.
fn open_source(source: &Path, no_symlinks: bool) -> Result<OwnedFd, MountError> {
    let mut how = OpenHow::new().flags(OFlag::O_PATH | OFlag::O_CLOEXEC);
    if no_symlinks {
        how = how.resolve(ResolveFlag::RESOLVE_NO_SYMLINKS);
    }
    openat2(AT_FDCWD, source, how).map_err(|e| MountError {
        what: if no_symlinks && e == nix::Error::ELOOP {
            format!(
                "bind {}: the host path holds a symlink now, and did not when the container was created",
                source.display()
            )
        } else {
            format!("open {}", source.display())
        },
        source: e.into(),
    })
}

fn fd_path(fd: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

const MOUNT_ATTR_RDONLY: u64 = 0x1;

/// Makes the mount at `path` (and with `recursive` every mount below it) read-only, keeping
/// its other flags: mount_setattr, unlike a remount, never trips over locked flags.
fn make_readonly(path: &Path, recursive: bool) -> Result<(), MountError> {
    let c = CString::new(path.as_os_str().as_bytes()).expect("paths have no NUL");
    let attr = MountAttr {
        attr_set: MOUNT_ATTR_RDONLY,
        attr_clr: 0,
        propagation: 0,
        userns_fd: 0,
    };
    let flags = if recursive { libc::AT_RECURSIVE } else { 0 };
    // SAFETY: the path is NUL-terminated and `attr` is a repr(C) mount_attr of the size we pass,
    // both alive across the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            libc::AT_FDCWD,
            c.as_ptr(),
            flags as libc::c_uint,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc != 0 {
        return Err(MountError {
            what: format!("make {} read-only", path.display()),
            source: io::Error::last_os_error(),
        });
    }
    Ok(())
}

/// Runs the steps; `rootfs` is the container's root before pivot_root.
pub fn apply(steps: &[Step], rootfs: &Path) -> Result<(), MountError> {
    let mut root: Option<RootDir> = None;
    for step in steps {
        match step {
            Step::MakeRootPrivate => {
                mount(
                    None::<&str>,
                    "/",
                    None::<&str>,
                    MsFlags::MS_REC | MsFlags::MS_PRIVATE,
                    None::<&str>,
                )
                .map_err(err("make / private"))?;
            }
            Step::BindRootfs(path) => {
                mount(
                    Some(path.as_path()),
                    path.as_path(),
                    None::<&str>,
                    MsFlags::MS_BIND | MsFlags::MS_REC,
                    None::<&str>,
                )
                .map_err(err(format!("bind {}", path.display())))?;
                root =
                    Some(RootDir::open(path).map_err(io_err(format!("open {}", path.display())))?);
            }
            Step::Mount {
                fstype,
                target,
                flags,
                data,
            } => {
                let root = root.as_ref().expect("the root file system is bound first");
                let fd = target_in(root, target, Create::Dir)?;
                let data = (!data.is_empty()).then_some(data.as_str());
                mount(
                    Some(*fstype),
                    &fd_path(&fd),
                    Some(*fstype),
                    ms_flags(*flags),
                    data,
                )
                .map_err(err(format!("mount {fstype} on {target}")))?;
            }
            Step::Bind {
                source,
                target,
                readonly,
                recursive,
                no_symlinks,
            } => {
                let root = root.as_ref().expect("the root file system is bound first");
                // Held open from here to the mount: what is checked is what gets bound.
                let source_fd = open_source(source, *no_symlinks)?;
                let is_dir = nix::sys::stat::fstat(&source_fd)
                    .map(|st| st.st_mode & libc::S_IFMT == libc::S_IFDIR)
                    .map_err(err(format!("stat {}", source.display())))?;
                let kind = if is_dir { Create::Dir } else { Create::File };
                let fd = target_in(root, target, kind)?;
                let path = fd_path(&fd);
                let mut flags = MsFlags::MS_BIND;
                flags.set(MsFlags::MS_REC, *recursive);
                mount(
                    Some(&fd_path(&source_fd)),
                    &path,
                    None::<&str>,
                    flags,
                    None::<&str>,
                )
                .map_err(err(format!("bind {} on {target}", source.display())))?;
                if *readonly {
                    // The fd names the directory below the new mount: reopen to reach the mount.
                    let fd = target_in(root, target, kind)?;
                    make_readonly(&fd_path(&fd), *recursive)?;
                }
            }
            Step::Symlink { link, target } => {
                let root = root.as_ref().expect("the root file system is bound first");
                let (dir, name) = link
                    .trim_start_matches('/')
                    .rsplit_once('/')
                    .unwrap_or(("", link));
                let parent = root
                    .dir(Path::new(dir), true)
                    .map_err(io_err(format!("open /{dir}")))?;
                match nix::unistd::symlinkat(*target, &parent, name) {
                    Ok(()) | Err(nix::Error::EEXIST) => {}
                    Err(e) => return Err(err(format!("symlink {link}"))(e)),
                }
            }
            Step::PivotRoot => {
                nix::unistd::chdir(rootfs).map_err(err("chdir to the root file system"))?;
                nix::unistd::pivot_root(".", ".").map_err(err("pivot_root"))?;
                umount2(".", MntFlags::MNT_DETACH).map_err(err("detach the old root"))?;
                nix::unistd::chdir("/").map_err(err("chdir /"))?;
                root = None;
            }
            Step::Mask(path) => mask(path)?,
            Step::ReadOnly(path) => {
                if Path::new(path).exists() {
                    mount(
                        Some(path.as_str()),
                        path.as_str(),
                        None::<&str>,
                        MsFlags::MS_BIND | MsFlags::MS_REC,
                        None::<&str>,
                    )
                    .map_err(err(format!("bind {path}")))?;
                    make_readonly(Path::new(path), true)?;
                }
            }
            Step::RemountRootReadOnly => make_readonly(Path::new("/"), false)?,
        }
    }
    Ok(())
}

fn mask(path: &str) -> Result<(), MountError> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        mount(
            Some("tmpfs"),
            path,
            Some("tmpfs"),
            MsFlags::MS_RDONLY,
            None::<&str>,
        )
        .map_err(err(format!("mask {path}")))
    } else {
        mount(
            Some("/dev/null"),
            path,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .map_err(err(format!("mask {path}")))
    }
}
