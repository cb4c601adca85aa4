//! Tar streams of a container's file system: all of it (`export`), or its changes with
//! docker's whiteout entries (the layer `commit` makes). A file or directory is written with
//! the owner recorded on it (`user.rpod.owner`: from its layer, or a `chown` under root
//! emulation), anything else as owned by the given default: the one id the kernel maps,
//! which owns every file on disk.

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use tar::{Builder, EntryType, Header};

use crate::ids::FileOwner;
use crate::storage::changes::{Change, Kind};
use crate::storage::union::Union;
use crate::storage::whiteout::{OPAQUE_MARKER, PREFIX};

#[derive(Debug, thiserror::Error)]
#[error("cannot write {} into the tar stream: {source}", path.display())]
pub struct FsTarError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

fn failed(path: &Path) -> impl FnOnce(io::Error) -> FsTarError + '_ {
    move |source| FsTarError {
        path: path.to_path_buf(),
        source,
    }
}

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct Owner {
    pub uid: u32,
    pub gid: u32,
}

/// Whether a recorded owner other than root also goes into the tar as the `user.rpod.owner`
/// xattr (a PAX `SCHILY.xattr` record): a squashfs file keeps it for root emulation, whose
/// one-id user namespace cannot show the numeric owners (#22).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerXattrs {
    Omit,
    Write,
}

fn header(kind: EntryType, meta: &Metadata, owner: Owner) -> Header {
    let mut h = Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(meta.mode() & 0o7777);
    h.set_mtime(meta.mtime().max(0) as u64);
    h.set_uid(owner.uid.into());
    h.set_gid(owner.gid.into());
    h.set_size(0);
    h
}

/// Appends `real` (described by `meta`) as `name`; sockets, which a tar cannot hold, are
/// left out.
fn append<W: Write>(
    out: &mut Builder<W>,
    name: &Path,
    real: &Path,
    meta: &Metadata,
    owner: Owner,
    xattrs: OwnerXattrs,
) -> Result<(), FsTarError> {
    let kind = meta.file_type();
    let recorded = (kind.is_dir() || kind.is_file())
        .then(|| recorded_owner(real))
        .flatten();
    let owner = recorded.unwrap_or(owner);
    let io = failed(real);
    if let Some(o) = recorded.filter(|o| (o.uid, o.gid) != (0, 0)) {
        if xattrs == OwnerXattrs::Write {
            let key = format!("SCHILY.xattr.{}", FileOwner::XATTR);
            let value = FileOwner {
                uid: o.uid,
                gid: o.gid,
            }
            .encode();
            out.append_pax_extensions([(key.as_str(), value.as_bytes())])
                .map_err(failed(real))?;
        }
    }
    if kind.is_dir() {
        let mut h = header(EntryType::Directory, meta, owner);
        out.append_data(&mut h, name, io::empty()).map_err(io)
    } else if kind.is_file() {
        let mut h = header(EntryType::Regular, meta, owner);
        h.set_size(meta.len());
        let file = File::open(real).map_err(failed(real))?;
        out.append_data(&mut h, name, file).map_err(io)
    } else if kind.is_symlink() {
        let target = fs::read_link(real).map_err(failed(real))?;
        let mut h = header(EntryType::Symlink, meta, owner);
        out.append_link(&mut h, name, target).map_err(io)
    } else if kind.is_fifo() || kind.is_char_device() || kind.is_block_device() {
        let entry = if kind.is_fifo() {
            EntryType::Fifo
        } else if kind.is_char_device() {
            EntryType::Char
        } else {
            EntryType::Block
        };
        let mut h = header(entry, meta, owner);
        let rdev = meta.rdev();
        h.set_device_major(libc::major(rdev))
            .map_err(failed(real))?;
        h.set_device_minor(libc::minor(rdev))
            .map_err(failed(real))?;
        out.append_data(&mut h, name, io::empty()).map_err(io)
    } else {
        Ok(())
    }
}

/// The owner recorded on a file or directory, if any.
pub fn recorded_owner(path: &Path) -> Option<Owner> {
    let value = xattr::get(path, FileOwner::XATTR).ok()??;
    let recorded = FileOwner::decode(&value)?;
    Some(Owner {
        uid: recorded.uid,
        gid: recorded.gid,
    })
}

fn empty_file<W: Write>(out: &mut Builder<W>, name: &Path, owner: Owner) -> Result<(), FsTarError> {
    let mut h = Header::new_gnu();
    h.set_entry_type(EntryType::Regular);
    h.set_mode(0o600);
    h.set_uid(owner.uid.into());
    h.set_gid(owner.gid.into());
    h.set_size(0);
    out.append_data(&mut h, name, io::empty())
        .map_err(failed(name))
}

/// The whole merged tree of `view`, as `export` writes it.
pub fn write_tree(
    view: &Union,
    owner: Owner,
    xattrs: OwnerXattrs,
    out: impl Write,
) -> Result<(), FsTarError> {
    let mut builder = Builder::new(out);
    builder.follow_symlinks(false);
    tree(view, Path::new(""), owner, xattrs, &mut builder)?;
    builder.into_inner().map_err(failed(Path::new("-")))?;
    Ok(())
}

fn tree<W: Write>(
    view: &Union,
    rel: &Path,
    owner: Owner,
    xattrs: OwnerXattrs,
    out: &mut Builder<W>,
) -> Result<(), FsTarError> {
    for entry in view.read_dir(rel).map_err(failed(rel))? {
        let name = rel.join(&entry.name);
        append(out, &name, &entry.path, &entry.meta, owner, xattrs)?;
        if entry.meta.is_dir() {
            tree(view, &name, owner, xattrs, out)?;
        }
    }
    Ok(())
}

/// Where the added and changed entries of a change layer are read from.
pub enum ChangeSource<'a> {
    /// A directory: a container's upper, or a tree a step changed.
    Dir(&'a Path),
    /// The merged tree of several layers: the one layer `build --squash` makes of them.
    Union(&'a Union),
}

impl ChangeSource<'_> {
    fn resolve(&self, path: &Path) -> Result<(PathBuf, Metadata), FsTarError> {
        match self {
            ChangeSource::Dir(root) => {
                let real = root.join(path);
                let meta = fs::symlink_metadata(&real).map_err(failed(&real))?;
                Ok((real, meta))
            }
            ChangeSource::Union(view) => view
                .lookup(path)
                .map_err(failed(path))?
                .ok_or_else(|| failed(path)(io::ErrorKind::NotFound.into())),
        }
    }
}

/// A layer of `changes`: added and changed entries as they are in `source`, deleted ones as
/// `.wh.NAME`, directories that replace the image's with `.wh..wh..opq`.
pub fn write_changes(
    source: ChangeSource<'_>,
    changes: &[Change],
    owner: Owner,
    out: impl Write,
) -> Result<(), FsTarError> {
    let mut builder = Builder::new(out);
    builder.follow_symlinks(false);
    for change in changes {
        let path = &change.path;
        if change.kind == Kind::Deleted {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let marker = path.with_file_name(format!("{PREFIX}{name}"));
            empty_file(&mut builder, &marker, owner)?;
            continue;
        }
        let (real, meta) = source.resolve(path)?;
        append(&mut builder, path, &real, &meta, owner, OwnerXattrs::Omit)?;
        if change.opaque {
            empty_file(&mut builder, &path.join(OPAQUE_MARKER), owner)?;
        }
    }
    builder.into_inner().map_err(failed(Path::new("-")))?;
    Ok(())
}
