//! Extracting a layer tar (hostile input) into a directory that overlay can use as a lower
//! layer, as an unprivileged user, while recording what rebuilds the exact tar.
//!
//! - Nothing is written outside `dest`: every parent is opened with openat2(RESOLVE_IN_ROOT),
//!   final components are never followed, a `..` that climbs out refuses the layer.
//! - OCI whiteouts become overlay's: `.wh.NAME` a 0:0 device, `.wh..wh..opq` an opaque xattr.
//! - Ownership cannot be applied with one uid: a file or directory not owned by 0:0 gets its
//!   owner recorded in the `user.rpod.owner` xattr, which the root emulation shows inside the
//!   container (other entry types take no user xattr). Device nodes cannot be made. The tar
//!   headers, which the tar-split keeps, hold the truth for all of them.
//! - Directories keep at least u+rwx and files u+r, so that the store stays readable and
//!   removable by its owner; the exact modes are in the headers too.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use nix::fcntl::{AtFlags, OFlag, RenameFlags};
use nix::sys::stat::{
    FchmodatFlags, Mode, SFlag, UtimensatFlags, fchmodat, fstatat, mknodat, utimensat,
};
use nix::sys::time::TimeSpec;

use super::tar_reader::{Header, Kind, TarError, TarReader};
use super::tarsplit::TarSplitWriter;
use crate::ids::{Digest, FileOwner, Hasher};
use crate::runtime::safe_path::RootDir;
use crate::storage::whiteout;

#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error(transparent)]
    Tar(#[from] TarError),
    #[error("entry {entry}: the path climbs out of the layer with ..")]
    PathEscape { entry: String },
    #[error("entry {entry}: cannot {action}: {source}")]
    Entry {
        entry: String,
        action: &'static str,
        source: io::Error,
    },
    #[error("entry {entry}: hard link to {target}: {reason}")]
    HardLink {
        entry: String,
        target: String,
        reason: &'static str,
    },
    #[error("cannot write the tar-split record: {0}")]
    Split(io::Error),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackStats {
    /// sha256 of every byte of the (uncompressed) stream.
    pub diff_id: Digest,
    pub size: u64,
    pub entries: u64,
    pub skipped_devices: u64,
    /// Files a later entry replaced, moved into the shadow directory: tar-split index → path
    /// relative to the shadow directory.
    pub relocated: BTreeMap<u64, PathBuf>,
    /// Entries owned by others than root whose owner could not be recorded on the tree (a
    /// store that refuses user xattrs): root emulation shows them as root's.
    pub owners_lost: Option<OwnersLost>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnersLost {
    pub files: u64,
    /// The first refusal, e.g. "Operation not supported (os error 95)".
    pub why: String,
}

const RESERVED_XATTRS: [&str; 4] = [
    "user.overlay.",
    "user.fuseoverlayfs.",
    "user.containers.",
    "user.rpod.",
];

/// The entry's owner when it is not root's (which every file shows without a record).
fn owner_of(h: &Header) -> Option<FileOwner> {
    let owner = FileOwner {
        uid: u32::try_from(h.uid).ok()?,
        gid: u32::try_from(h.gid).ok()?,
    };
    (owner != FileOwner::ROOT).then_some(owner)
}

struct Hashing<R> {
    inner: R,
    hasher: Hasher,
    count: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// `a/./b//c` → `a/b/c`; leading `/` dropped; `..` allowed only while it stays inside.
/// `None` for the root itself.
fn normalize(raw: &[u8], entry: &str) -> Result<Option<PathBuf>, UnpackError> {
    let mut parts: Vec<&OsStr> = Vec::new();
    for component in Path::new(OsStr::from_bytes(raw)).components() {
        match component {
            Component::Normal(c) => parts.push(c),
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err(UnpackError::PathEscape {
                        entry: entry.to_string(),
                    });
                }
            }
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    Ok((!parts.is_empty()).then(|| parts.iter().collect()))
}

fn timespec((secs, nanos): (i64, u32)) -> TimeSpec {
    TimeSpec::new(secs, i64::from(nanos))
}

struct Extractor<'a, W: Write> {
    root: RootDir,
    split: TarSplitWriter<W>,
    shadow: Option<(&'a Path, RootDir)>,
    /// Regular files written so far: path → tar-split index. Ordered, so that what lies at or
    /// below a path is one range: a layer replacing one file many times among many others
    /// must not cost a scan of every file per replacement.
    files: BTreeMap<PathBuf, u64>,
    relocated: BTreeMap<u64, PathBuf>,
    /// Directories whose mode and times are applied once their contents are in place.
    dirs: Vec<(Option<PathBuf>, u32, (i64, u32))>,
    parent_cache: Option<(PathBuf, OwnedFd)>,
    stats_devices: u64,
    shadowed: u64,
    owners_lost: Option<OwnersLost>,
}

/// Extracts the tar read from `input` into `dest` (an existing empty directory), writing the
/// tar-split record to `split`. With `shadow`, files that later entries replace are moved
/// there (so that the exact tar can still be rebuilt); without, they are just replaced.
pub fn unpack(
    input: impl Read,
    dest: &Path,
    split: impl Write,
    shadow: Option<&Path>,
) -> Result<UnpackStats, UnpackError> {
    let dest_err = |source| UnpackError::Entry {
        entry: "/".into(),
        action: "open the layer directory",
        source,
    };
    let root = RootDir::open(dest).map_err(dest_err)?;
    let shadow = match shadow {
        Some(p) => {
            std::fs::create_dir_all(p).map_err(dest_err)?;
            Some((p, RootDir::open(p).map_err(dest_err)?))
        }
        None => None,
    };
    let mut x = Extractor {
        root,
        split: TarSplitWriter::new(split).map_err(UnpackError::Split)?,
        shadow,
        files: BTreeMap::new(),
        relocated: BTreeMap::new(),
        dirs: Vec::new(),
        parent_cache: None,
        stats_devices: 0,
        shadowed: 0,
        owners_lost: None,
    };
    let mut reader = TarReader::new(Hashing {
        inner: input,
        hasher: Hasher::default(),
        count: 0,
    });
    let mut buf = vec![0u8; 1 << 20];
    let mut entries = 0;
    while let Some(header) = reader.next_entry()? {
        entries += 1;
        x.split.raw(&header.raw).map_err(UnpackError::Split)?;
        x.entry(&header, &mut reader, &mut buf)?;
    }
    let trailer = reader.trailer()?;
    x.split.raw(&trailer).map_err(UnpackError::Split)?;
    x.finish_dirs()?;
    let Extractor {
        split,
        relocated,
        stats_devices,
        owners_lost,
        ..
    } = x;
    split
        .finish()
        .and_then(|mut w| w.flush())
        .map_err(UnpackError::Split)?;
    let Hashing { hasher, count, .. } = reader.into_inner();
    Ok(UnpackStats {
        diff_id: hasher.finish(),
        size: count,
        entries,
        skipped_devices: stats_devices,
        relocated,
        owners_lost,
    })
}

/// An error of `action` on the entry `entry`.
fn failing(entry: &str, action: &'static str) -> impl FnOnce(io::Error) -> UnpackError {
    let entry = entry.to_string();
    move |source| UnpackError::Entry {
        entry,
        action,
        source,
    }
}

impl<W: Write> Extractor<'_, W> {
    fn entry<R: Read>(
        &mut self,
        h: &Header,
        reader: &mut TarReader<R>,
        buf: &mut [u8],
    ) -> Result<(), UnpackError> {
        let name = h.display_path();
        let fail = |action| failing(&name, action);
        let Some(rel) = normalize(&h.path, &name)? else {
            if h.kind == Kind::Directory {
                self.dirs.push((None, h.mode, h.mtime));
            }
            return self.skip_content(reader, buf);
        };
        let file_name = rel
            .file_name()
            .expect("a normalised path ends in a name")
            .to_owned();
        let parent_rel = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        if file_name
            .as_bytes()
            .starts_with(whiteout::PREFIX.as_bytes())
        {
            self.whiteout_entry(&name, &parent_rel, &file_name)?;
            return self.skip_content(reader, buf);
        }
        let parent = self
            .parent(&parent_rel)
            .map_err(fail("open the parent directory"))?;
        match h.kind {
            Kind::Directory => self.directory(h, &parent, &file_name, rel, &name)?,
            Kind::Regular => return self.regular_file(h, &parent, &file_name, rel, reader, buf),
            Kind::Symlink => {
                self.displace(&parent, &file_name, &rel)
                    .map_err(fail("replace an entry"))?;
                nix::unistd::symlinkat(OsStr::from_bytes(&h.link), &parent, file_name.as_os_str())
                    .map_err(|e| fail("create the symlink")(e.into()))?;
                let _ = utimensat(
                    &parent,
                    file_name.as_os_str(),
                    &timespec(h.mtime),
                    &timespec(h.mtime),
                    UtimensatFlags::NoFollowSymlink,
                );
            }
            Kind::HardLink => self.hard_link(h, &parent, &file_name, &rel)?,
            Kind::Fifo => {
                self.displace(&parent, &file_name, &rel)
                    .map_err(fail("replace an entry"))?;
                mknodat(
                    &parent,
                    file_name.as_os_str(),
                    SFlag::S_IFIFO,
                    Mode::from_bits_truncate(h.mode),
                    0,
                )
                .map_err(|e| fail("create the fifo")(e.into()))?;
            }
            Kind::Char if h.dev_major == 0 && h.dev_minor == 0 => {
                self.displace(&parent, &file_name, &rel)
                    .map_err(fail("replace an entry"))?;
                whiteout::make_whiteout(&parent, &file_name).map_err(fail("create a whiteout"))?;
            }
            Kind::Char | Kind::Block => {
                tracing::debug!("skipping device node {name}: not creatable without privilege");
                self.stats_devices += 1;
            }
        }
        self.skip_content(reader, buf)
    }

    /// `.wh..wh..opq` marks its directory opaque; `.wh.NAME` hides NAME of the layers below.
    fn whiteout_entry(
        &mut self,
        name: &str,
        parent_rel: &Path,
        file_name: &OsStr,
    ) -> Result<(), UnpackError> {
        let fail = |action| failing(name, action);
        let name_bytes = file_name.as_bytes();
        let parent = self
            .parent(parent_rel)
            .map_err(fail("open the parent directory"))?;
        if name_bytes == whiteout::OPAQUE_MARKER.as_bytes() {
            let dir = self
                .root
                .dir(parent_rel, true)
                .map_err(fail("open the directory"))?;
            whiteout::set_opaque(dir).map_err(fail("mark the directory opaque"))?;
        } else if !name_bytes.starts_with(b".wh..wh.") {
            let hidden = OsStr::from_bytes(&name_bytes[whiteout::PREFIX.len()..]);
            self.displace(&parent, hidden, &parent_rel.join(hidden))
                .map_err(fail("replace an entry"))?;
            whiteout::make_whiteout(&parent, hidden).map_err(fail("create a whiteout"))?;
        }
        Ok(())
    }

    /// A directory is made (owner-only until the layer is done) unless one is there already;
    /// its mode and time are set once everything in it is extracted.
    fn directory(
        &mut self,
        h: &Header,
        parent: &OwnedFd,
        file_name: &OsStr,
        rel: PathBuf,
        name: &str,
    ) -> Result<(), UnpackError> {
        let fail = |action| failing(name, action);
        let existing = fstatat(parent, file_name, AtFlags::AT_SYMLINK_NOFOLLOW).ok();
        let is_dir = existing.is_some_and(|st| {
            SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR
        });
        if !is_dir {
            self.displace(parent, file_name, &rel)
                .map_err(fail("replace an entry"))?;
            nix::sys::stat::mkdirat(parent, file_name, Mode::from_bits_truncate(0o700))
                .map_err(|e| fail("create the directory")(e.into()))?;
        }
        self.set_xattrs(&rel, h, true);
        self.dirs.push((Some(rel), h.mode, h.mtime));
        Ok(())
    }

    /// A regular file, its content streamed from the tar and indexed in the tar-split.
    fn regular_file<R: Read>(
        &mut self,
        h: &Header,
        parent: &OwnedFd,
        file_name: &OsStr,
        rel: PathBuf,
        reader: &mut TarReader<R>,
        buf: &mut [u8],
    ) -> Result<(), UnpackError> {
        let name = h.display_path();
        let fail = |action| failing(&name, action);
        self.displace(parent, file_name, &rel)
            .map_err(fail("replace an entry"))?;
        let fd = nix::fcntl::openat(
            parent,
            file_name,
            OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_WRONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::from_bits_truncate(0o600),
        )
        .map_err(|e| fail("create the file")(e.into()))?;
        let mut file = File::from(fd);
        let index = self.split.file(&rel, h.size).map_err(UnpackError::Split)?;
        let padding = reader.content(&mut file, buf)?;
        self.split.raw(&padding).map_err(UnpackError::Split)?;
        // Before the mode: a user xattr needs write permission on the file.
        self.set_xattrs_fd(&file, h);
        nix::sys::stat::fchmod(&file, Mode::from_bits_truncate(h.mode | 0o400))
            .map_err(|e| fail("set the mode")(e.into()))?;
        nix::sys::stat::futimens(&file, &timespec(h.mtime), &timespec(h.mtime))
            .map_err(|e| fail("set the times")(e.into()))?;
        self.files.insert(rel, index);
        Ok(())
    }

    /// Consumes content that is not extracted (links, devices, whiteout markers) into the split.
    fn skip_content<R: Read>(
        &mut self,
        reader: &mut TarReader<R>,
        buf: &mut [u8],
    ) -> Result<(), UnpackError> {
        let mut bytes = Vec::new();
        let padding = reader.content(&mut bytes, buf)?;
        self.split.raw(&bytes).map_err(UnpackError::Split)?;
        self.split.raw(&padding).map_err(UnpackError::Split)
    }

    /// The directory `rel` (created if missing), resolved inside the layer.
    fn parent(&mut self, rel: &Path) -> io::Result<OwnedFd> {
        if let Some((cached, fd)) = &self.parent_cache
            && cached == rel
        {
            return fd.try_clone();
        }
        let fd = self.root.dir(rel, true)?;
        self.parent_cache = Some((rel.to_path_buf(), fd.try_clone()?));
        Ok(fd)
    }

    /// Clears the way for a new entry at `name`: moves what is there into the shadow directory
    /// when it holds files the tar-split refers to, else removes it.
    fn displace(&mut self, parent: &OwnedFd, name: &OsStr, rel: &Path) -> io::Result<()> {
        let Ok(st) = fstatat(parent, name, AtFlags::AT_SYMLINK_NOFOLLOW) else {
            return Ok(());
        };
        let is_dir = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR;
        if is_dir {
            self.parent_cache = None;
        }
        // Paths order component by component: `rel` and everything below it come together.
        let affected: Vec<(PathBuf, u64)> = self
            .files
            .range::<Path, _>((std::ops::Bound::Included(rel), std::ops::Bound::Unbounded))
            .take_while(|(p, _)| p.starts_with(rel))
            .map(|(p, i)| (p.clone(), *i))
            .collect();
        if let (Some((_, shadow)), false) = (&self.shadow, affected.is_empty()) {
            let slot = PathBuf::from(self.shadowed.to_string());
            self.shadowed += 1;
            let shadow_dir = shadow.dir(Path::new(""), false)?;
            nix::fcntl::renameat2(
                parent,
                name,
                &shadow_dir,
                slot.as_os_str(),
                RenameFlags::RENAME_NOREPLACE,
            )?;
            for (path, index) in affected {
                let moved = match path.strip_prefix(rel) {
                    Ok(rest) if !rest.as_os_str().is_empty() => slot.join(rest),
                    _ => slot.clone(),
                };
                self.relocated.insert(index, moved);
                self.files.remove(&path);
            }
            return Ok(());
        }
        for (path, _) in affected {
            self.files.remove(&path);
        }
        if is_dir {
            // Through the already-resolved parent: nothing below can redirect the removal.
            let fd_path = PathBuf::from(format!(
                "/proc/self/fd/{}",
                std::os::fd::AsRawFd::as_raw_fd(parent)
            ))
            .join(name);
            crate::state::scratch::remove_any(&fd_path)
        } else {
            Ok(nix::unistd::unlinkat(
                parent,
                name,
                nix::unistd::UnlinkatFlags::NoRemoveDir,
            )?)
        }
    }

    fn hard_link(
        &mut self,
        h: &Header,
        parent: &OwnedFd,
        file_name: &OsStr,
        rel: &Path,
    ) -> Result<(), UnpackError> {
        let entry = h.display_path();
        let target_text = super::tar_reader::shown(&h.link);
        let bad = |reason| UnpackError::HardLink {
            entry: entry.clone(),
            target: target_text.clone(),
            reason,
        };
        let target =
            normalize(&h.link, &entry)?.ok_or_else(|| bad("the target is the layer's root"))?;
        if target == rel {
            return Err(bad("the link points to itself"));
        }
        let target_parent_rel = target.parent().map(Path::to_path_buf).unwrap_or_default();
        let target_name = target.file_name().expect("normalised").to_owned();
        let target_parent = self
            .root
            .dir(&target_parent_rel, false)
            .map_err(|_| bad("the target does not exist in this layer"))?;
        let st = fstatat(
            &target_parent,
            target_name.as_os_str(),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        )
        .map_err(|_| bad("the target does not exist in this layer"))?;
        if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFDIR {
            return Err(bad("the target is a directory"));
        }
        self.displace(parent, file_name, rel)
            .map_err(|source| UnpackError::Entry {
                entry: entry.clone(),
                action: "replace an entry",
                source,
            })?;
        nix::unistd::linkat(
            &target_parent,
            target_name.as_os_str(),
            parent,
            file_name,
            AtFlags::empty(),
        )
        .map_err(|e| UnpackError::Entry {
            entry: entry.clone(),
            action: "create the hard link",
            source: e.into(),
        })
    }

    fn set_xattrs(&mut self, rel: &Path, h: &Header, is_dir: bool) {
        if (h.xattrs.is_empty() && owner_of(h).is_none()) || !is_dir {
            return;
        }
        if let Ok(fd) = self.root.dir(rel, false) {
            self.set_xattrs_fd(&File::from(fd), h);
        }
    }

    /// Applies the entry's owner and `user.*` xattrs; others need privilege and stay in the
    /// headers.
    fn set_xattrs_fd(&mut self, file: &File, h: &Header) {
        use xattr::FileExt;
        if let Some(owner) = owner_of(h)
            && let Err(e) = file.set_xattr(FileOwner::XATTR, owner.encode().as_bytes())
        {
            tracing::debug!("entry {}: owner not recorded: {e}", h.display_path());
            self.owners_lost.get_or_insert_with(|| OwnersLost {
                files: 0,
                why: e.to_string(),
            });
            if let Some(lost) = &mut self.owners_lost {
                lost.files += 1;
            }
        }
        for (key, value) in &h.xattrs {
            // The storage drivers' own attributes (opaque directories, ownership overrides)
            // come only from whiteouts: a layer must not forge them.
            if RESERVED_XATTRS.iter().any(|p| key.starts_with(p)) {
                tracing::debug!(
                    "entry {}: xattr {key} not applied: reserved for the storage driver",
                    h.display_path()
                );
            } else if key.starts_with("user.") {
                if let Err(e) = file.set_xattr(key, value) {
                    tracing::debug!("entry {}: xattr {key} not applied: {e}", h.display_path());
                }
            } else {
                tracing::debug!(
                    "entry {}: xattr {key} not applied: needs privilege",
                    h.display_path()
                );
            }
        }
    }

    /// Directory modes and times, deepest first, once nothing more is written inside them.
    fn finish_dirs(&mut self) -> Result<(), UnpackError> {
        self.parent_cache = None;
        let mut dirs = std::mem::take(&mut self.dirs);
        dirs.sort_by_key(|(p, _, _)| {
            std::cmp::Reverse(p.as_ref().map_or(0, |p| p.components().count()))
        });
        for (rel, mode, mtime) in dirs {
            let rel = rel.unwrap_or_default();
            let Ok(fd) = self.root.dir(&rel, false) else {
                continue;
            };
            let fail = |action| {
                let entry = rel.display().to_string();
                move |e: nix::Error| UnpackError::Entry {
                    entry,
                    action,
                    source: e.into(),
                }
            };
            fchmodat(
                &fd,
                ".",
                Mode::from_bits_truncate(mode | 0o700),
                FchmodatFlags::FollowSymlink,
            )
            .map_err(fail("set the mode"))?;
            nix::sys::stat::futimens(fd.as_fd(), &timespec(mtime), &timespec(mtime))
                .map_err(fail("set the times"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "unpack_tests.rs"]
mod tests;
