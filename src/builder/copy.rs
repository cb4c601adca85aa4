//! COPY and ADD: which entries the new layer gets, and where. Docker's rules:
//!
//! - a source is a path in the build context (or in `--from`'s stage or image), with `*`, `?`
//!   and `[...]` wildcards; the source itself is followed if it is a symlink, symlinks inside
//!   a copied directory are copied as symlinks;
//! - a directory's contents (not the directory) are copied into the destination;
//! - the destination is relative to WORKDIR; it is a directory when it ends in `/`, when it
//!   already is one in the image, or when there are several sources (which needs the `/`);
//! - symlinks in the destination's path resolve inside the image (`/bin` → `usr/bin`);
//! - directories the destination needs are made, owned like the copied files;
//! - ADD unpacks a local tar archive (plain, gzip, bzip2, xz or zstd) into the destination.

use std::path::{Component, Path, PathBuf};

use super::copy_layer::{Item, Plan, Source};
use super::error::StepError;
use super::tree::{Found, Tree};
use crate::image::fs_tar::{self, Owner};

/// One source as the instruction gives it, once read.
pub enum Input {
    /// A path (maybe with wildcards) in the source tree.
    Path(String),
    /// A file ADD downloaded: copied under `name` with `mode`.
    File {
        name: String,
        path: PathBuf,
        mode: u32,
    },
    /// A heredoc: a file of `name` holding `bytes`.
    Bytes { name: String, bytes: Vec<u8> },
}

pub struct CopyRequest<'a> {
    pub inputs: Vec<Input>,
    /// The destination as written (expanded), and the working directory it is relative to.
    pub dest: &'a str,
    pub workdir: &'a str,
    /// Where paths are read: the context, or another stage's or image's layers.
    pub from: &'a Tree,
    /// True for the build context, whose root is as far up as a source may go.
    pub from_context: bool,
    /// The image being built, for the destination's existing directories and symlinks.
    pub image: &'a Tree,
    /// `--chown`, resolved; files are root's without it.
    pub owner: Owner,
    /// `--chmod`.
    pub mode: Option<u32>,
    /// ADD: local archives are unpacked.
    pub unpack_archives: bool,
    pub now: i64,
}

const DIR_MODE: u32 = 0o755;
const FILE_MODE: u32 = 0o644;

/// A source path cleaned as a path inside the source tree: `..` may not climb above the
/// build context's root.
fn clean_source(path: &str, from_context: bool) -> Result<PathBuf, StepError> {
    let mut clean = PathBuf::new();
    for part in Path::new(path).components() {
        match part {
            Component::Normal(name) => clean.push(name),
            Component::ParentDir if !clean.pop() && from_context => {
                return Err(StepError::OutsideContext(path.to_string()));
            }
            _ => {}
        }
    }
    Ok(clean)
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StepError + '_ {
    move |e| StepError::io("read", path)(e)
}

fn missing(req: &CopyRequest<'_>, path: &str) -> StepError {
    if req.from_context {
        StepError::NoSource(path.to_string())
    } else {
        StepError::NoSourceIn(path.to_string(), "the --from stage or image".into())
    }
}

/// The sources a path input names: each match of its wildcards, found in the tree.
fn expand(req: &CopyRequest<'_>, text: &str) -> Result<Vec<(String, Found)>, StepError> {
    let pattern = clean_source(text, req.from_context)?;
    let matches = req.from.glob(&pattern).map_err(io_err(&pattern))?;
    let mut found = Vec::new();
    for path in matches {
        if let Some(f) = req.from.find(&path).map_err(io_err(&path))? {
            found.push((name_of(&path), f));
        }
    }
    if found.is_empty() {
        return Err(missing(req, text));
    }
    Ok(found)
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Whether the layer `plan` already has the entry for `rel`.
fn has(plan: &Plan, rel: &Path) -> bool {
    plan.items.iter().any(|i| i.dest == rel)
}

/// Adds the directories above `rel` (and `rel` itself with `own`) that the plan lacks: the
/// image's as they are (their mode kept), missing ones made.
fn directories(
    req: &CopyRequest<'_>,
    plan: &mut Plan,
    rel: &Path,
    own: bool,
) -> Result<(), StepError> {
    let mut at = PathBuf::new();
    let parts: Vec<_> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        if !own && i + 1 == parts.len() {
            break;
        }
        if has(plan, &at) {
            continue;
        }
        let existing = req.image.lookup(&at).map_err(io_err(&at))?;
        let item = match existing {
            // An existing directory keeps its mode and its owner (recorded on it when not root).
            Some((path, meta)) if meta.is_dir() => {
                use std::os::unix::fs::MetadataExt;
                Item {
                    dest: at.clone(),
                    source: Source::Dir,
                    mode: meta.mode() & 0o7777,
                    mtime: meta.mtime(),
                    owner: fs_tar::recorded_owner(&path).unwrap_or(Owner { uid: 0, gid: 0 }),
                }
            }
            _ => Item {
                dest: at.clone(),
                source: Source::Dir,
                mode: DIR_MODE,
                mtime: req.now,
                owner: req.owner,
            },
        };
        plan.items.push(item);
    }
    Ok(())
}

/// The entries of the layer a COPY or ADD makes.
pub fn plan(req: &CopyRequest<'_>) -> Result<Plan, StepError> {
    let mut sources: Vec<(String, SourceKind)> = Vec::new();
    for input in &req.inputs {
        match input {
            Input::Path(text) => {
                for (name, found) in expand(req, text)? {
                    sources.push((name, SourceKind::Found(found)));
                }
            }
            Input::File { name, path, mode } => sources.push((
                name.clone(),
                SourceKind::Downloaded {
                    path: path.clone(),
                    mode: *mode,
                },
            )),
            Input::Bytes { name, bytes } => {
                sources.push((name.clone(), SourceKind::Bytes(bytes.clone())))
            }
        }
    }
    if sources.is_empty() {
        return Err(StepError::NoSources);
    }
    let dest_abs = super::config_step::absolute(req.workdir, req.dest);
    let says_dir = req.dest.ends_with('/') || req.dest.ends_with("/.") || req.dest == ".";
    let dest = req
        .image
        .resolve(Path::new(&dest_abs), true)
        .map_err(io_err(Path::new(&dest_abs)))?;
    let is_dir = req
        .image
        .lookup(&dest)
        .map_err(io_err(&dest))?
        .is_some_and(|(_, meta)| meta.is_dir());
    let several = sources.len() > 1;
    if several && !says_dir && !is_dir {
        return Err(StepError::DestNotDir);
    }
    let into_dir = says_dir || is_dir || several;
    let mut plan = Plan::default();
    for (name, source) in sources {
        match source {
            SourceKind::Found(found) if found.meta.is_dir() => {
                directories(req, &mut plan, &dest, true)?;
                walk(req, &mut plan, &found.rel, &dest)?;
            }
            SourceKind::Found(found)
                if req.unpack_archives && super::copy_layer::is_archive(&found.real)? =>
            {
                directories(req, &mut plan, &dest, true)?;
                plan.items.push(Item {
                    dest: dest.clone(),
                    source: Source::Archive(found.real),
                    mode: 0,
                    mtime: req.now,
                    owner: req.owner,
                });
            }
            source => {
                let target = if into_dir {
                    dest.join(&name)
                } else {
                    dest.clone()
                };
                directories(req, &mut plan, &target, false)?;
                plan.items.push(file_item(req, target, source)?);
            }
        }
    }
    Ok(plan)
}

enum SourceKind {
    Found(Found),
    Downloaded { path: PathBuf, mode: u32 },
    Bytes(Vec<u8>),
}

fn file_item(req: &CopyRequest<'_>, dest: PathBuf, source: SourceKind) -> Result<Item, StepError> {
    use std::os::unix::fs::MetadataExt;
    let (source, mode, mtime) = match source {
        SourceKind::Found(found) => {
            let meta = &found.meta;
            let source = if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&found.real).map_err(io_err(&found.real))?;
                Source::Symlink(target)
            } else {
                Source::File(found.real.clone())
            };
            (source, meta.mode() & 0o7777, meta.mtime())
        }
        SourceKind::Downloaded { path, mode } => (Source::File(path), mode, req.now),
        SourceKind::Bytes(bytes) => (Source::Bytes(bytes), FILE_MODE, req.now),
    };
    Ok(Item {
        dest,
        mode: req.mode.unwrap_or(mode),
        source,
        mtime,
        owner: req.owner,
    })
}

/// Adds what directory `src` of the source tree holds under `dest`. Returns how many entries
/// it added: an excluded directory with nothing left under it is left out.
fn walk(
    req: &CopyRequest<'_>,
    plan: &mut Plan,
    src: &Path,
    dest: &Path,
) -> Result<usize, StepError> {
    use std::os::unix::fs::MetadataExt;
    let mut added = 0;
    for entry in req.from.read_dir(src).map_err(io_err(src))? {
        let (child_src, child_dest) = (src.join(&entry.name), dest.join(&entry.name));
        let meta = &entry.meta;
        let kind = meta.file_type();
        if kind.is_dir() {
            let at = plan.items.len();
            plan.items.push(Item {
                dest: child_dest.clone(),
                source: Source::Dir,
                mode: req.mode.unwrap_or(meta.mode() & 0o7777),
                mtime: meta.mtime(),
                owner: req.owner,
            });
            let below = walk(req, plan, &child_src, &child_dest)?;
            if below == 0 && req.from.excludes(&child_src) {
                plan.items.truncate(at);
                continue;
            }
            added += 1 + below;
        } else if kind.is_file() || kind.is_symlink() {
            let found = Found {
                rel: child_src,
                real: entry.path.clone(),
                meta: entry.meta,
            };
            plan.items
                .push(file_item(req, child_dest, SourceKind::Found(found))?);
            added += 1;
        }
    }
    Ok(added)
}
