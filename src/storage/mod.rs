//! Root file systems for containers: the driver probe, kernel overlay, fuse-overlayfs and the
//! vfs copy, squashfs image files through squashfuse, and the whiteout forms they share with the image store.

pub mod changes;
pub mod fstype;
pub mod fuse_overlayfs;
pub mod lower_dirs;
pub mod overlay;
pub mod probe;
pub mod squash;
pub mod union;
pub mod vfs;
pub mod whiteout;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(transparent)]
    Probe(#[from] probe::ProbeError),
    #[error(transparent)]
    Overlay(#[from] overlay::OverlayError),
    #[error(transparent)]
    Squash(#[from] squash::SquashMountError),
    #[error("cannot bind {} read-only: {source}", dir.display())]
    Bind {
        dir: std::path::PathBuf,
        source: std::io::Error,
    },
}

impl StorageError {
    pub fn hint(&self) -> Option<String> {
        match self {
            StorageError::Squash(e) => e.hint(),
            _ => None,
        }
    }
}

/// Takes down what is mounted on `dir` in this mount namespace; `lazily` detaches it even
/// while a process still works in it (the mount goes once the last one leaves).
pub fn unmount(dir: &std::path::Path, lazily: bool) -> std::io::Result<()> {
    let flags = if lazily {
        nix::mount::MntFlags::MNT_DETACH
    } else {
        nix::mount::MntFlags::empty()
    };
    nix::mount::umount2(dir, flags).map_err(std::io::Error::from)
}

/// `lowers` (bottom first) stacked read-only on `target`: an image's tree. One layer is bound
/// read-only, as overlay wants two lowers when it has no upper.
pub fn mount_read_only(
    lowers: &[std::path::PathBuf],
    target: &std::path::Path,
) -> Result<(), StorageError> {
    use nix::mount::MsFlags;
    let [only] = lowers else {
        return Ok(overlay::Overlay {
            lowers,
            writable: None,
            volatile: false,
        }
        .mount(target)?);
    };
    let bind = |flags: MsFlags| {
        nix::mount::mount(Some(only), target, None::<&str>, flags, None::<&str>).map_err(|e| {
            StorageError::Bind {
                dir: only.clone(),
                source: e.into(),
            }
        })
    };
    bind(MsFlags::MS_BIND)?;
    // A bind takes its read-only flag only from a remount.
    bind(MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY).inspect_err(|_| {
        let _ = unmount(target, true);
    })
}
