//! Paths inside an untrusted directory tree (a layer being extracted, a container's root):
//! every lookup goes through openat2(RESOLVE_IN_ROOT), so `..` and symlinks, absolute or not,
//! resolve as if the tree were `/` and can never reach outside it.

use std::ffi::OsString;
use std::io;
use std::os::fd::OwnedFd;
use std::path::{Component, Path, PathBuf};

use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat2};
use nix::sys::stat::Mode;

/// How often a lookup is retried when the kernel saw it race with a rename or mount.
const RETRIES_ON_RACE: u32 = 64;

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

/// The names and `..`s of a path; `/` and `.` say nothing inside a root.
fn components(path: &Path) -> impl DoubleEndedIterator<Item = OsString> + '_ {
    path.components().filter_map(|c| match c {
        Component::Normal(name) => Some(name.to_os_string()),
        Component::ParentDir => Some(OsString::from("..")),
        Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
    })
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
        // The kernel answers EAGAIN when a rename or mount anywhere on the system raced with
        // the resolution of a `..`; openat2(2) says to try again.
        let mut attempts = 0;
        loop {
            match openat2(&self.fd, rel, how(flags)) {
                Err(nix::Error::EAGAIN) if attempts < RETRIES_ON_RACE => attempts += 1,
                other => return Ok(other?),
            }
        }
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

    /// Whether `fd` is the root itself (after symlinks and `..`): a mount there would cover
    /// the whole tree.
    pub fn is_root(&self, fd: &OwnedFd) -> io::Result<bool> {
        let (root, other) = (nix::sys::stat::fstat(&self.fd)?, nix::sys::stat::fstat(fd)?);
        Ok(root.st_dev == other.st_dev && root.st_ino == other.st_ino)
    }

    /// `rel` with every symlink on the way replaced by what it names, as the kernel resolves
    /// it with the tree as `/` (absolute targets start again at the top, `..` stops there),
    /// down to the first component that does not exist. The result has no symlink left:
    /// where a missing path is to be created, even through a dangling symlink such as
    /// `/data -> ../../../tmp/x`, which must land inside the tree.
    pub fn resolve(&self, rel: &Path) -> io::Result<PathBuf> {
        let mut done = PathBuf::new();
        let mut todo: Vec<OsString> = components(rel).rev().collect();
        let mut links = 0;
        while let Some(name) = todo.pop() {
            if name == ".." {
                done.pop();
                continue;
            }
            let parent = self.open_at(&done, OFlag::O_PATH | OFlag::O_DIRECTORY)?;
            match nix::fcntl::readlinkat(&parent, name.as_os_str()) {
                Ok(target) => {
                    // As the kernel's own limit on symlinks in one lookup: a loop ends here.
                    links += 1;
                    if links > 40 {
                        return Err(io::Error::from_raw_os_error(libc::ELOOP));
                    }
                    if Path::new(&target).is_absolute() {
                        done.clear();
                    }
                    todo.extend(components(Path::new(&target)).rev());
                }
                // Not a symlink: a real entry.
                Err(nix::Error::EINVAL) => done.push(name),
                // Missing: nothing below it exists either, so no symlink is left to follow.
                Err(nix::Error::ENOENT) => {
                    done.push(name);
                    while let Some(rest) = todo.pop() {
                        if rest == ".." {
                            done.pop();
                        } else {
                            done.push(rest);
                        }
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(done)
    }

    /// An O_PATH descriptor of `rel`, created (as a directory or an empty file) if missing:
    /// what a mount needs as its target. A missing target is made where `rel` resolves,
    /// inside the root; the descriptor is then opened through `rel` itself, so that a
    /// symlink changed meanwhile still cannot lead outside.
    pub fn target(&self, rel: &Path, create: Create) -> io::Result<OwnedFd> {
        match self.open_at(rel, OFlag::O_PATH) {
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
            other => return other,
        }
        let resolved = self.resolve(rel)?;
        let parent = resolved.parent().unwrap_or(Path::new(""));
        let name = resolved
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

    #[test]
    fn missing_targets_through_dangling_symlinks_are_made_inside_the_root() {
        let base = std::env::temp_dir().join(format!("rpod-safe-dangling-{}", std::process::id()));
        let root = base.join("root");
        fs::create_dir_all(root.join("etc")).unwrap();
        let outside = base.join("outside");
        std::os::unix::fs::symlink("../../../../outside/x", root.join("dots")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("abs")).unwrap();
        std::os::unix::fs::symlink("../etc/../hosts.d", root.join("etc/hosts")).unwrap();
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        let r = RootDir::open(&root).unwrap();
        assert_eq!(
            r.resolve(Path::new("dots/y")).unwrap(),
            Path::new("outside/x/y")
        );
        r.target(Path::new("dots"), Create::Dir).unwrap();
        r.target(Path::new("abs/f"), Create::File).unwrap();
        r.target(Path::new("etc/hosts"), Create::File).unwrap();
        assert!(root.join("outside/x").is_dir());
        assert!(
            root.join(outside.strip_prefix("/").unwrap())
                .join("f")
                .is_file()
        );
        assert!(root.join("hosts.d").is_file());
        assert!(!outside.exists(), "nothing is made outside the root");
        let err = r.target(Path::new("loop/x"), Create::Dir).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ELOOP));
        let to_root = r.target(Path::new("dots/../../.."), Create::Dir).unwrap();
        assert!(r.is_root(&to_root).unwrap());
        fs::remove_dir_all(&base).unwrap();
    }
}
