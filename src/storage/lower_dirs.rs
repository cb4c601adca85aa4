//! The image's directories made in the container's writable layer before the overlay is
//! mounted, when the user namespace does not map their owner: a read-only image store shared
//! by another user (issue 22), whose files are that user's.
//!
//! rpod maps one id, so such a directory shows as `nobody`'s, and the kernel lets no one
//! create or remove a name in it: overlay refuses to copy it up (EOVERFLOW, as its owner has
//! no id in the namespace), and the mounter's capabilities do not reach an inode of an
//! unmapped owner. The container could then write nowhere in the image, nor could the
//! runtime make its mount points (/etc/hosts, a volume's target). A directory of the writable
//! layer is the merged directory's own inode: made there beforehand, owned by the caller
//! (the container's root), with the image's mode and times and root emulation's recorded
//! owner, the merged directory is what the store's owner would see, and writable. Nothing is
//! written in the lower layers. Their files stay the other user's: under kernel overlay a
//! file of the image can be replaced or removed, not written in place (copy-up fails with
//! EOVERFLOW); fuse-overlayfs, told to show every file as the caller's, copies them up, and
//! needs none of this (`foreign` says when it is told).

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::sys::stat::{UtimensatFlags, utimensat};
use nix::sys::time::TimeSpec;

use super::union::{self, Union};
use super::vfs::copy_owner;
use super::whiteout;

/// The ranges of ids a user namespace maps, as its `uid_map` or `gid_map` lists them
/// (`inside outside count` a line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdRanges(Vec<(u32, u32)>);

impl IdRanges {
    pub fn parse(map: &str) -> IdRanges {
        IdRanges(
            map.lines()
                .filter_map(|line| {
                    let f: Vec<u32> = line
                        .split_whitespace()
                        .map(str::parse)
                        .collect::<Result<_, _>>()
                        .ok()?;
                    match f[..] {
                        [inside, _, count] => Some((inside, count)),
                        _ => None,
                    }
                })
                .collect(),
        )
    }

    fn maps(&self, id: u32) -> bool {
        self.0.iter().any(|&(first, count)| {
            id >= first && u64::from(id) < u64::from(first) + u64::from(count)
        })
    }
}

/// The ids the calling process's user namespace maps.
pub struct Mapped {
    pub uids: IdRanges,
    pub gids: IdRanges,
}

impl Mapped {
    /// The one id rpod's user namespaces map, `uid` and `gid` as the host knows them.
    pub fn only(uid: u32, gid: u32) -> Mapped {
        Mapped {
            uids: IdRanges(vec![(uid, 1)]),
            gids: IdRanges(vec![(gid, 1)]),
        }
    }

    pub fn current() -> io::Result<Mapped> {
        Ok(Mapped {
            uids: IdRanges::parse(&fs::read_to_string("/proc/self/uid_map")?),
            gids: IdRanges::parse(&fs::read_to_string("/proc/self/gid_map")?),
        })
    }

    /// Whether overlay may copy up an entry of these owners: the kernel asks that both map.
    fn owns(&self, meta: &fs::Metadata) -> bool {
        self.uids.maps(meta.uid()) && self.gids.maps(meta.gid())
    }
}

/// Whether a layer of `lowers` is another user's: its top directory's owner is not mapped.
/// The layers of a store are unpacked by its owner, all of one user, so the top says it.
pub fn foreign(lowers: &[PathBuf], mapped: &Mapped) -> io::Result<bool> {
    for lower in lowers {
        if !mapped.owns(&fs::metadata(lower)?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Makes in `upper` the directories of `lowers` (bottom first) whose owner `mapped` lacks, and
/// the ones on their way, unless the writable layer already has something at that name (the
/// container removed or replaced it). Only when a layer's top directory is not mapped: the
/// layers of a store are unpacked by its owner, so they are all one user's, and a walk of
/// the whole image on every start of the usual container (the caller's own store) is spared.
/// Returns how many directories were made.
pub fn make_in_upper(lowers: &[PathBuf], upper: &Path, mapped: &Mapped) -> io::Result<usize> {
    if !foreign(lowers, mapped)? {
        return Ok(0);
    }
    let walk = Walk {
        image: Union::new(lowers.iter().rev().cloned().collect()),
        upper,
        mapped,
    };
    walk.dir(Path::new(""), true)
}

struct Walk<'a> {
    image: Union,
    upper: &'a Path,
    mapped: &'a Mapped,
}

impl Walk<'_> {
    /// The image's directory `rel`; `in_upper` says whether the writable layer has it.
    fn dir(&self, rel: &Path, in_upper: bool) -> io::Result<usize> {
        let mut made = 0;
        for entry in self.image.read_dir(rel)? {
            if !entry.meta.is_dir() {
                continue;
            }
            let path = rel.join(&entry.name);
            let at = self.upper.join(&path);
            let mut marker = std::ffi::OsString::from(whiteout::PREFIX);
            marker.push(&entry.name);
            // fuse-overlayfs's form of a whiteout.
            if fs::symlink_metadata(self.upper.join(rel).join(marker)).is_ok() {
                continue;
            }
            let here = match fs::symlink_metadata(&at) {
                // A directory the container made over the image's hides what is below it.
                Ok(meta) if meta.is_dir() => !union::is_opaque_dir(&at)?,
                // A whiteout, a file or a link: the container's, not to be undone.
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::NotFound => false,
                Err(e) => return Err(e),
            };
            if here {
                made += self.dir(&path, true)?;
            } else if !self.mapped.owns(&entry.meta) {
                if !in_upper {
                    made += self.make_parents(rel)?;
                }
                made += self.make(&path, &entry.path, &entry.meta)?;
            } else {
                // One of the caller's directories may still hold another user's.
                made += self.dir(&path, false)?;
            }
        }
        // Made on the way to another user's directory below: its times once its entries are.
        if !in_upper && made > 0 {
            if let Some((source, meta)) = self.image.lookup(rel)? {
                finish(&source, &self.upper.join(rel), &meta)?;
            }
        }
        Ok(made)
    }

    /// `rel` and each of its parents the writable layer lacks, as the image has them.
    fn make_parents(&self, rel: &Path) -> io::Result<usize> {
        let at = self.upper.join(rel);
        if rel.as_os_str().is_empty() || fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) {
            return Ok(0);
        }
        let made = self.make_parents(rel.parent().unwrap_or(Path::new("")))?;
        let (source, meta) = self
            .image
            .lookup(rel)?
            .ok_or_else(|| io::Error::from_raw_os_error(libc::ENOENT))?;
        fs::DirBuilder::new().mode(0o700).create(&at)?;
        finish(&source, &at, &meta)?;
        Ok(made + 1)
    }

    /// The directory `rel` (the image's `source`) and the directories below it.
    fn make(&self, rel: &Path, source: &Path, meta: &fs::Metadata) -> io::Result<usize> {
        let at = self.upper.join(rel);
        // Owner-writable while its own directories are made in it; its mode comes last.
        fs::DirBuilder::new().mode(0o700).create(&at)?;
        let made = 1 + self.dir(rel, true)?;
        finish(source, &at, meta)?;
        Ok(made)
    }
}

/// The image's mode, recorded owner and times on the directory made at `at` (times last:
/// making entries in it changed them).
fn finish(source: &Path, at: &Path, meta: &fs::Metadata) -> io::Result<()> {
    fs::set_permissions(at, fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    copy_owner(source, at)?;
    utimensat(
        nix::fcntl::AT_FDCWD,
        at,
        &TimeSpec::new(meta.atime(), meta.atime_nsec()),
        &TimeSpec::new(meta.mtime(), meta.mtime_nsec()),
        UtimensatFlags::NoFollowSymlink,
    )
    .map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nobody_mapped() -> Mapped {
        // No id of the test's user: every directory it makes is another user's.
        let map = IdRanges::parse("4000000000 1 1\n");
        Mapped {
            uids: map.clone(),
            gids: map,
        }
    }

    #[test]
    fn id_maps_are_read_as_ranges() {
        let map = IdRanges::parse("         0       1000          1\n      1 100000 65536\n");
        assert!(map.maps(0) && map.maps(1) && map.maps(65536));
        assert!(!map.maps(65537) && !map.maps(u32::MAX));
    }

    #[test]
    fn another_users_directories_are_made_in_the_upper_as_the_image_has_them() {
        let dir = tempfile::tempdir().unwrap();
        let (low, high, upper) = (
            dir.path().join("low"),
            dir.path().join("high"),
            dir.path().join("upper"),
        );
        for d in ["etc/ssl", "usr/bin", "gone/below", "tmp"] {
            fs::create_dir_all(low.join(d)).unwrap();
        }
        fs::write(low.join("etc/passwd"), "root").unwrap();
        fs::create_dir_all(high.join("var/lib")).unwrap();
        fs::create_dir_all(upper.join("usr")).unwrap();
        // The container removed /gone: its whiteout stays, nothing is made below it.
        fs::write(upper.join(".wh.gone"), "").unwrap();
        fs::set_permissions(low.join("tmp"), fs::Permissions::from_mode(0o1777)).unwrap();
        fs::set_permissions(low.join("etc/ssl"), fs::Permissions::from_mode(0o555)).unwrap();
        let lowers = [low.clone(), high.clone()];

        let made = make_in_upper(&lowers, &upper, &nobody_mapped()).unwrap();
        assert_eq!(made, 6, "etc, etc/ssl, usr/bin, tmp, var, var/lib");
        for d in ["etc/ssl", "usr/bin", "tmp", "var/lib"] {
            assert!(upper.join(d).is_dir(), "{d} was not made");
        }
        assert!(!upper.join("gone").exists() && !upper.join("etc/passwd").exists());
        let mode = |p: &str| fs::metadata(upper.join(p)).unwrap().mode() & 0o7777;
        assert_eq!((mode("tmp"), mode("etc/ssl")), (0o1777, 0o555));
        let mtime = |p: &Path| fs::metadata(p).unwrap().mtime();
        assert_eq!(mtime(&upper.join("etc")), mtime(&low.join("etc")));
        // Again, as at the next start: nothing more.
        assert_eq!(make_in_upper(&lowers, &upper, &nobody_mapped()).unwrap(), 0);
        // The caller's own layers: nothing is walked or made.
        let own = Mapped::current().unwrap();
        let fresh = dir.path().join("fresh");
        fs::create_dir(&fresh).unwrap();
        assert_eq!(make_in_upper(&lowers, &fresh, &own).unwrap(), 0);
        assert_eq!(fs::read_dir(&fresh).unwrap().count(), 0);
        assert!(foreign(&lowers, &nobody_mapped()).unwrap());
        assert!(!foreign(&lowers, &own).unwrap());
        let me = Mapped::only(
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        assert!(!foreign(&lowers, &me).unwrap());
    }
}
