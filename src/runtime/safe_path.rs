//! Paths inside an untrusted directory tree (a layer being extracted, a container's root):
//! every lookup goes through openat2(RESOLVE_IN_ROOT), so `..` and symlinks, absolute or not,
//! resolve as if the tree were `/` and can never reach outside it.

use std::io;
use std::os::fd::OwnedFd;
use std::path::{Component, Path, PathBuf};

use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat2};
use nix::sys::stat::Mode;

pub struct RootDir {
    fd: OwnedFd,
}

fn how(flags: OFlag) -> OpenHow {
    OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
}

/// What to create at a missing path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    Dir,
    File,
}

impl RootDir {
    pub fn open(path: &Path) -> io::Result<RootDir> {
        let fd = nix::fcntl::open(
            path,
            OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )?;
        Ok(RootDir { fd })
    }

    /// Opens `rel` inside the root with `flags`.
    pub fn open_at(&self, rel: &Path, flags: OFlag) -> io::Result<OwnedFd> {
        let rel = if rel.as_os_str().is_empty() {
            Path::new(".")
        } else {
            rel
        };
        Ok(openat2(&self.fd, rel, how(flags))?)
    }

    /// The directory `rel` inside the root, readable (for *at calls and xattrs); missing
    /// directories on the way are created (mode 0755) when `create` is set.
    pub fn dir(&self, rel: &Path, create: bool) -> io::Result<OwnedFd> {
        match self.open_at(rel, OFlag::O_DIRECTORY | OFlag::O_RDONLY) {
            Err(e) if create && e.raw_os_error() == Some(libc::ENOENT) => {}
            other => return other,
        }
        // Each parent is resolved from the root again: a component may be a symlink (even an
        // absolute one) that an earlier entry made, and it must resolve inside the root too.
        let mut prefix = PathBuf::new();
        for component in rel.components() {
            let Component::Normal(name) = component else {
                continue;
            };
            let parent = self.open_at(&prefix, OFlag::O_DIRECTORY | OFlag::O_RDONLY)?;
            match nix::sys::stat::mkdirat(&parent, name, Mode::from_bits_truncate(0o755)) {
                Ok(()) | Err(nix::Error::EEXIST) => {}
                Err(e) => return Err(e.into()),
            }
            prefix.push(name);
        }
        self.open_at(rel, OFlag::O_DIRECTORY | OFlag::O_RDONLY)
    }

    /// An O_PATH descriptor of `rel`, created (as a directory or an empty file) if missing:
    /// what a mount needs as its target.
    pub fn target(&self, rel: &Path, create: Create) -> io::Result<OwnedFd> {
        if let Ok(fd) = self.open_at(rel, OFlag::O_PATH) {
            return Ok(fd);
        }
        let parent = rel.parent().unwrap_or(Path::new(""));
        let name = rel
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "a target needs a name"))?;
        let dir = self.dir(parent, true)?;
        let made = match create {
            Create::Dir => nix::sys::stat::mkdirat(&dir, name, Mode::from_bits_truncate(0o755)),
            Create::File => nix::fcntl::openat(
                &dir,
                name,
                OFlag::O_CREAT
                    | OFlag::O_EXCL
                    | OFlag::O_WRONLY
                    | OFlag::O_NOFOLLOW
                    | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o644),
            )
            .map(drop),
        };
        match made {
            Ok(()) | Err(nix::Error::EEXIST) => {}
            Err(e) => return Err(e.into()),
        }
        self.open_at(rel, OFlag::O_PATH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn symlinks_resolve_inside_the_root() {
        let base = std::env::temp_dir().join(format!("rpod-safe-{}", std::process::id()));
        let root = base.join("root");
        fs::create_dir_all(root.join("real")).unwrap();
        std::os::unix::fs::symlink("/", root.join("up")).unwrap();
        std::os::unix::fs::symlink("../../../..", root.join("dots")).unwrap();
        std::os::unix::fs::symlink("/real", root.join("abs")).unwrap();
        let r = RootDir::open(&root).unwrap();
        r.target(Path::new("up/etc/evil"), Create::File).unwrap();
        r.target(Path::new("dots/x/y"), Create::Dir).unwrap();
        r.dir(Path::new("abs/sub"), true).unwrap();
        assert!(root.join("etc/evil").is_file());
        assert!(root.join("x/y").is_dir());
        assert!(root.join("real/sub").is_dir());
        assert!(!base.join("x").exists() && !Path::new("/etc/evil").exists());
        fs::remove_dir_all(&base).unwrap();
    }
}
