//! What file system holds the store and what it lacks, and the node-local directory that
//! takes what cannot live there (containers' writable layers): HPC homes sit on NFS, Lustre,
//! GPFS or BeeGFS, where overlay cannot keep an upper layer and whiteouts' user xattrs may
//! be missing.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::state::scratch;

#[derive(Debug, thiserror::Error)]
pub enum FsTypeError {
    #[error("cannot create the node-local directory {}: {source}", path.display())]
    Create { path: PathBuf, source: io::Error },
    #[error(
        "the node-local directory {} is not private: {problem} (set XDG_RUNTIME_DIR or TMPDIR \
         to a directory you own, or [storage] container-dir in rpod.toml)",
        path.display()
    )]
    NotPrivate { path: PathBuf, problem: String },
}

/// The file system under a directory, as far as rpod's storage cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FsFacts {
    /// The kernel's name for it (statfs magic), or the magic in hex when rpod does not know it.
    pub name: String,
    /// Shared between nodes (or served by a user-space daemon): no overlay upper layer there.
    pub remote: bool,
    /// Whether user.* xattrs can be set (overlay's userxattr whiteouts need them).
    pub user_xattrs: bool,
}

impl FsFacts {
    /// Why containers' writable layers cannot live on this file system, if they cannot.
    pub fn unfit_for_layers(&self) -> Option<String> {
        if self.remote {
            return Some(format!(
                "the store is on {}, a network or FUSE file system where overlay cannot keep a writable layer",
                self.name
            ));
        }
        (!self.user_xattrs).then(|| {
            format!(
                "the store is on {}, which has no user xattrs for overlay's whiteouts",
                self.name
            )
        })
    }
}

/// statfs magic numbers (linux/magic.h and the vendors' sources): name and whether remote.
fn known(magic: u64) -> Option<(&'static str, bool)> {
    Some(match magic {
        0x6969 => ("nfs", true),
        0x0BD0_0BD0 => ("lustre", true),
        0x4750_4653 => ("gpfs", true),
        0xFF53_4D42 => ("cifs", true),
        0xFE53_4D42 => ("smb2", true),
        0x00C3_6400 => ("ceph", true),
        0x1983_0326 => ("beegfs", true),
        0xAAD7_AAEA => ("panfs", true),
        0x6573_5546 => ("fuse", true),
        0x0102_1997 => ("9p", true),
        0xEF53 => ("ext4", false),
        0x5846_5342 => ("xfs", false),
        0x9123_683E => ("btrfs", false),
        0x0102_1994 => ("tmpfs", false),
        0x8584_58F6 => ("ramfs", false),
        0x2FC1_2FC1 => ("zfs", false),
        0x794C_7630 => ("overlay", false),
        0x7371_7368 => ("squashfs", false),
        _ => return None,
    })
}

/// The statfs magic of the file system holding `dir`, 0 when it cannot be read.
fn magic(dir: &Path) -> u64 {
    match nix::sys::statfs::statfs(dir) {
        Ok(s) => s.filesystem_type().0 as u64,
        Err(_) => 0,
    }
}

/// Whether the file system holding `dir` is a network or FUSE one: one statfs, no probe.
pub fn is_remote(dir: &Path) -> bool {
    known(magic(dir)).is_some_and(|(_, remote)| remote)
}

/// The facts for the file system holding `dir` (which must exist).
pub fn inspect(dir: &Path) -> FsFacts {
    let magic = magic(dir);
    let (name, remote) = match known(magic) {
        Some((name, remote)) => (name.to_string(), remote),
        None => (format!("{magic:#x}"), false),
    };
    FsFacts {
        name,
        remote,
        user_xattrs: user_xattrs_work(dir),
    }
}

/// Tries a user xattr on a scratch file: the mount options, not the type, decide.
fn user_xattrs_work(dir: &Path) -> bool {
    let file = scratch::temp_path(dir, "xattr");
    if fs::write(&file, b"").is_err() {
        // A read-only store holds no writable layers either way.
        return true;
    }
    let ok = xattr::set(&file, "user.rpod.probe", b"1").is_ok();
    let _ = fs::remove_file(&file);
    ok
}

/// The node-local private directory for what must not live on the store's file system:
/// `$XDG_RUNTIME_DIR/rpod`, else `$TMPDIR/rpod-UID`, else `/tmp/rpod-UID`; created 0700, and
/// refused when someone else owns it or others can enter it (/tmp is shared).
pub fn node_local_dir() -> Result<PathBuf, FsTypeError> {
    let uid = nix::unistd::getuid().as_raw();
    let env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let dir = match (env("XDG_RUNTIME_DIR"), env("TMPDIR")) {
        (Some(run), _) => run.join("rpod"),
        (None, Some(tmp)) => tmp.join(format!("rpod-{uid}")),
        (None, None) => PathBuf::from(format!("/tmp/rpod-{uid}")),
    };
    ensure_private(&dir, uid)?;
    Ok(dir)
}

/// Creates `dir` 0700, or checks that the existing one is ours and closed to others.
pub fn ensure_private(dir: &Path, uid: u32) -> Result<(), FsTypeError> {
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(source) => {
            return Err(FsTypeError::Create {
                path: dir.into(),
                source,
            });
        }
    }
    let refuse = |problem: String| FsTypeError::NotPrivate {
        path: dir.into(),
        problem,
    };
    let meta = fs::symlink_metadata(dir).map_err(|source| FsTypeError::Create {
        path: dir.into(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(refuse("it is not a directory".into()));
    }
    if meta.uid() != uid {
        return Err(refuse(format!(
            "it is owned by uid {}, not {uid}",
            meta.uid()
        )));
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(refuse(format!("its mode is {mode:o}, not 700")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_disk_keeps_layers_and_names_its_type() {
        let facts = inspect(&std::env::temp_dir());
        assert!(!facts.remote, "{facts:?}");
        assert!(facts.user_xattrs, "{facts:?}");
        assert_eq!(facts.unfit_for_layers(), None);
        assert!(!facts.name.starts_with("0x"), "{facts:?}");
    }

    #[test]
    fn remote_or_xattr_less_file_systems_are_unfit() {
        let nfs = FsFacts {
            name: "nfs".into(),
            remote: true,
            user_xattrs: true,
        };
        assert!(nfs.unfit_for_layers().unwrap().contains("nfs"));
        let bare = FsFacts {
            name: "vfat".into(),
            remote: false,
            user_xattrs: false,
        };
        assert!(bare.unfit_for_layers().unwrap().contains("xattrs"));
    }

    #[test]
    fn a_shared_directory_is_refused_as_private() {
        let dir = std::env::temp_dir().join(format!("rpod-fstype-{}", std::process::id()));
        let uid = nix::unistd::getuid().as_raw();
        ensure_private(&dir, uid).unwrap();
        assert_eq!(
            fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        let err = ensure_private(&dir, uid).unwrap_err().to_string();
        assert!(err.contains("mode is 755"), "{err}");
        let err = ensure_private(&dir, uid + 1).unwrap_err().to_string();
        assert!(err.contains("owned by uid"), "{err}");
        fs::remove_dir(&dir).unwrap();
    }
}
