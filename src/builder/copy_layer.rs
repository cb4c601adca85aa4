//! The layer a COPY or ADD makes, from its plan: a digest of everything it will hold (the
//! build cache compares it, so a changed source byte, mode or owner rebuilds the step) and
//! the tar stream itself.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};

use sha2::{Digest as _, Sha256};
use tar::{Builder, EntryType, Header};

use super::error::StepError;
use crate::ids::Digest;
use crate::image::fs_tar::Owner;

#[derive(Debug)]
pub enum Source {
    Dir,
    File(PathBuf),
    Symlink(PathBuf),
    Bytes(Vec<u8>),
    /// ADD of a local archive: its entries go under `dest`.
    Archive(PathBuf),
}

/// One entry of the new layer.
#[derive(Debug)]
pub struct Item {
    /// Relative to the image's root.
    pub dest: PathBuf,
    pub source: Source,
    pub mode: u32,
    pub mtime: i64,
    pub owner: Owner,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub items: Vec<Item>,
}

/// The compressions ADD unpacks, told by their first bytes.
enum Packing {
    Plain,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

fn packing(head: &[u8]) -> Option<Packing> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some(Packing::Gzip)
    } else if head.starts_with(b"BZh") {
        Some(Packing::Bzip2)
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        Some(Packing::Xz)
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Some(Packing::Zstd)
    } else if head.get(257..262) == Some(b"ustar") {
        Some(Packing::Plain)
    } else {
        None
    }
}

fn read_head(path: &Path) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(512);
    File::open(path)?.take(512).read_to_end(&mut head)?;
    Ok(head)
}

/// Whether ADD unpacks `path`: a tar archive, maybe compressed. A compressed file that is not
/// a tar inside is copied as it is, as docker does.
pub fn is_archive(path: &Path) -> Result<bool, StepError> {
    let fail = |e| StepError::io("read", path)(e);
    let Some(kind) = packing(&read_head(path).map_err(fail)?) else {
        return Ok(false);
    };
    if let Packing::Plain = kind {
        return Ok(true);
    }
    let mut head = Vec::with_capacity(512);
    let inner = decompress(kind, File::open(path).map_err(fail)?).map_err(fail)?;
    if inner.take(512).read_to_end(&mut head).is_err() {
        return Ok(false);
    }
    Ok(matches!(packing(&head), Some(Packing::Plain)))
}

fn decompress(kind: Packing, file: File) -> io::Result<Box<dyn Read>> {
    let input = BufReader::new(file);
    Ok(match kind {
        Packing::Plain => Box::new(input),
        Packing::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(input)),
        Packing::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(input)),
        Packing::Xz => Box::new(liblzma::bufread::XzDecoder::new_multi_decoder(input)),
        Packing::Zstd => Box::new(zstd::Decoder::with_buffer(input)?),
    })
}

fn open_archive(path: &Path) -> Result<tar::Archive<Box<dyn Read>>, StepError> {
    let fail = |e| StepError::io("read", path)(e);
    let kind = packing(&read_head(path).map_err(fail)?).unwrap_or(Packing::Plain);
    let reader = decompress(kind, File::open(path).map_err(fail)?).map_err(fail)?;
    Ok(tar::Archive::new(reader))
}

fn archive_error(path: &Path, cause: impl ToString) -> StepError {
    StepError::Archive {
        name: path.display().to_string(),
        cause: cause.to_string(),
    }
}

/// An archive entry's path made relative and checked: `..` may not leave the archive's root.
fn inside(path: &Path) -> Option<PathBuf> {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(name) => clean.push(name),
            Component::ParentDir if !clean.pop() => return None,
            _ => {}
        }
    }
    Some(clean)
}

fn hash_file(hasher: &mut Sha256, path: &Path) -> io::Result<()> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        hasher.update(&buf[..n]);
    }
}

impl Plan {
    /// A digest of every entry: path, kind, mode, owner and content (not times: docker's
    /// cache ignores them too).
    pub fn digest(&self) -> Result<Digest, StepError> {
        let mut h = Sha256::new();
        for item in &self.items {
            h.update(item.dest.as_os_str().as_encoded_bytes());
            h.update(format!(
                "\0{:o}\0{}:{}\0",
                item.mode, item.owner.uid, item.owner.gid
            ));
            match &item.source {
                Source::Dir => h.update(b"d"),
                Source::File(path) | Source::Archive(path) => {
                    h.update(b"f");
                    hash_file(&mut h, path).map_err(|e| StepError::io("read", path)(e))?;
                }
                Source::Symlink(target) => {
                    h.update(b"l");
                    h.update(target.as_os_str().as_encoded_bytes());
                }
                Source::Bytes(bytes) => {
                    h.update(b"b");
                    h.update(bytes);
                }
            }
            h.update(b"\n");
        }
        Ok(format!("sha256:{}", hex::encode(h.finalize()))
            .parse()
            .expect("a sha256 digest"))
    }

    /// Writes the layer tar.
    pub fn write_tar(&self, out: impl Write) -> Result<(), StepError> {
        let mut tar = Builder::new(out);
        for item in &self.items {
            append(&mut tar, item)?;
        }
        tar.into_inner()
            .map_err(|e| StepError::io("write the layer", "")(e))?;
        Ok(())
    }
}

fn header(kind: EntryType, item: &Item) -> Header {
    let mut h = Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(item.mode);
    h.set_mtime(item.mtime.max(0) as u64);
    h.set_uid(item.owner.uid.into());
    h.set_gid(item.owner.gid.into());
    h.set_size(0);
    h
}

fn append<W: Write>(tar: &mut Builder<W>, item: &Item) -> Result<(), StepError> {
    let fail = |e| StepError::io("write the layer entry", &item.dest)(e);
    match &item.source {
        Source::Dir => {
            let mut h = header(EntryType::Directory, item);
            tar.append_data(&mut h, &item.dest, io::empty())
                .map_err(fail)
        }
        Source::File(path) => {
            let file = File::open(path).map_err(|e| StepError::io("read", path)(e))?;
            let len = file
                .metadata()
                .map_err(|e| StepError::io("read", path)(e))?
                .len();
            let mut h = header(EntryType::Regular, item);
            h.set_size(len);
            tar.append_data(&mut h, &item.dest, file.take(len))
                .map_err(fail)
        }
        Source::Symlink(target) => {
            let mut h = header(EntryType::Symlink, item);
            tar.append_link(&mut h, &item.dest, target).map_err(fail)
        }
        Source::Bytes(bytes) => {
            let mut h = header(EntryType::Regular, item);
            h.set_size(bytes.len() as u64);
            tar.append_data(&mut h, &item.dest, bytes.as_slice())
                .map_err(fail)
        }
        Source::Archive(path) => unpack_into(tar, item, path),
    }
}

/// Re-emits an archive's entries under the item's directory, keeping their kind, mode and
/// times; ownership is the archive's unless `--chown` gave one.
fn unpack_into<W: Write>(tar: &mut Builder<W>, item: &Item, path: &Path) -> Result<(), StepError> {
    let mut archive = open_archive(path)?;
    let entries = archive.entries().map_err(|e| archive_error(path, e))?;
    let chown = item.owner.uid != 0 || item.owner.gid != 0;
    for entry in entries {
        let mut entry = entry.map_err(|e| archive_error(path, e))?;
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir() || kind.is_symlink() || kind.is_hard_link()) {
            continue;
        }
        let name = entry
            .path()
            .map_err(|e| archive_error(path, e))?
            .into_owned();
        let rel = inside(&name).ok_or_else(|| {
            archive_error(
                path,
                format!("entry {} points outside the archive", name.display()),
            )
        })?;
        let dest = item.dest.join(&rel);
        let mut h = entry.header().clone();
        // The archive's owners, as docker keeps them, written back as clean numbers (an
        // archive may leave the fields blank, which some readers refuse).
        let (uid, gid) = if chown {
            (item.owner.uid.into(), item.owner.gid.into())
        } else {
            (h.uid().unwrap_or(0), h.gid().unwrap_or(0))
        };
        h.set_uid(uid);
        h.set_gid(gid);
        let fail = |e| archive_error(path, e);
        if kind.is_hard_link() {
            let target = entry
                .link_name()
                .map_err(fail)?
                .and_then(|t| inside(&t))
                .ok_or_else(|| {
                    archive_error(
                        path,
                        format!(
                            "hard link {} has no target inside the archive",
                            name.display()
                        ),
                    )
                })?;
            tar.append_link(&mut h, &dest, item.dest.join(target))
                .map_err(fail)?;
        } else if kind.is_symlink() {
            let target = entry
                .link_name()
                .map_err(fail)?
                .unwrap_or_default()
                .into_owned();
            tar.append_link(&mut h, &dest, target).map_err(fail)?;
        } else {
            tar.append_data(&mut h, &dest, &mut entry).map_err(fail)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_paths_stay_inside() {
        assert_eq!(inside(Path::new("/a/./b")), Some(PathBuf::from("a/b")));
        assert_eq!(inside(Path::new("a/../b")), Some(PathBuf::from("b")));
        assert_eq!(inside(Path::new("../etc/passwd")), None);
        assert_eq!(inside(Path::new("a/../../x")), None);
    }

    #[test]
    fn packings_are_told_by_their_magic() {
        assert!(matches!(packing(&[0x1f, 0x8b, 8]), Some(Packing::Gzip)));
        assert!(matches!(packing(b"BZh91AY"), Some(Packing::Bzip2)));
        assert!(matches!(
            packing(&[0x28, 0xb5, 0x2f, 0xfd, 0]),
            Some(Packing::Zstd)
        ));
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert!(matches!(packing(&tar), Some(Packing::Plain)));
        assert!(packing(b"just text").is_none());
    }
}
