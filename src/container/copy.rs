//! `cp`: files between the host and a container, running or stopped. The container's side
//! runs in a helper process (`__cp`, a fresh re-exec: joining namespaces needs a process
//! without threads) whose root is the container's root: a running container's namespaces are
//! joined, a stopped one's root file system is assembled as its monitor would and chrooted
//! into. Paths in the container, symlinks included, therefore resolve as they do inside it
//! and cannot lead to the host. Between the two sides flows a tar stream.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

use super::copy_rules;
use super::record::{ContainerRecord, Paths};
use super::status;
use super::{ContainerError, Engine, processes};
use crate::monitor::rootfs;
use crate::monitor::spec::RootfsSpec;
use crate::runtime::userns::{self, IdMap};

pub const SUBCOMMAND: &str = "__cp";
/// The helper's exit code for a path that does not exist: the caller words that error as
/// podman does, with the path as the user wrote it.
const EXIT_NOT_FOUND: u8 = 2;

#[derive(Debug, Serialize, Deserialize)]
enum View {
    Running {
        pid: i32,
    },
    Stopped {
        rootfs: Box<RootfsSpec>,
        id_map: IdMap,
    },
}

#[derive(Debug, Serialize, Deserialize)]
enum Op {
    /// A tar of the path on stdout.
    Out { src: String },
    /// A tar made by `copy_rules::archive` on stdin, placed at `dest` by docker's rules.
    In {
        dest: String,
        contents_only: bool,
        overwrite: bool,
    },
    /// Any tar on stdin, unpacked into the directory `dest` (`cp - CONTAINER:DEST`).
    Untar { dest: String, overwrite: bool },
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CopySpec {
    view: View,
    op: Op,
}

/// The helper: enters the container's view, does the one operation, exits 0 or prints why
/// not and exits 1.
pub fn helper_main(spec: &CopySpec) -> u8 {
    let result = enter(&spec.view)
        .and_then(|()| match &spec.op {
            Op::Out { src } => copy_rules::archive(std::path::Path::new(src), io::stdout().lock()),
            Op::In {
                dest,
                contents_only,
                overwrite,
            } => copy_rules::place(io::stdin().lock(), dest, *contents_only, *overwrite),
            Op::Untar { dest, overwrite } => {
                copy_rules::untar(io::stdin().lock(), std::path::Path::new(dest), *overwrite)
            }
        })
        .and_then(|()| drain_stdin(&spec.op));
    match result {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::NotFound => EXIT_NOT_FOUND,
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// Reads what is left on stdin after an unpack: a tar reader stops at the archive's first
/// end block, and a sender still writing the second one (or a record's padding) must not get a
/// broken pipe because the helper has already gone.
fn drain_stdin(op: &Op) -> io::Result<()> {
    match op {
        Op::Out { .. } => Ok(()),
        Op::In { .. } | Op::Untar { .. } => {
            io::copy(&mut io::stdin().lock(), &mut io::sink()).map(drop)
        }
    }
}

fn enter(view: &View) -> io::Result<()> {
    match view {
        View::Running { pid } => userns::enter_filesystem(*pid).map_err(io::Error::other),
        View::Stopped {
            rootfs: spec,
            id_map,
        } => {
            userns::enter(*id_map, nix::sched::CloneFlags::CLONE_NEWNS)
                .map_err(io::Error::other)?;
            rootfs::assemble(spec).map_err(io::Error::other)?;
            userns::change_root(&spec.merged).map_err(io::Error::other)
        }
    }
}

fn view(engine: &Engine, record: &ContainerRecord, paths: &Paths) -> View {
    match status::of(paths).running() {
        Some(running) => View::Running {
            pid: processes::namespace_holder(running.pid),
        },
        None => View::Stopped {
            rootfs: Box::new(super::monitor_spec::rootfs_spec(engine, record, paths)),
            id_map: caller_map(record),
        },
    }
}

/// The container's one mapped id, as a helper that builds its own user namespace maps it:
/// the caller's ids appear as the container user's.
pub(super) fn caller_map(record: &ContainerRecord) -> IdMap {
    IdMap {
        inside_uid: record.run.uid,
        inside_gid: record.run.gid,
        outside_uid: nix::unistd::getuid().as_raw(),
        outside_gid: nix::unistd::getgid().as_raw(),
    }
}

/// One side of a copy in a container: its name as the user gave it, and the path there as
/// the user wrote it (relative to the container's working directory, as podman's).
pub struct Side<'a> {
    pub container: &'a str,
    pub path: &'a str,
}

impl Side<'_> {
    fn not_found(&self) -> ContainerError {
        ContainerError::CopyNotFound {
            path: self.path.to_string(),
            place: format!("container {}", self.container),
        }
    }
}

/// `path` inside the container: a relative one starts at its working directory.
fn in_container(record: &ContainerRecord, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    let dir = record.run.working_dir.trim_end_matches('/');
    match path {
        "" => format!("{dir}/"),
        _ => format!("{dir}/{path}"),
    }
}

/// Runs the helper for the operation `make_op` builds from the side's path, feeding it `input`
/// and sending what it writes to `output`.
fn run_helper(
    engine: &Engine,
    side: &Side,
    make_op: impl FnOnce(String) -> Op,
    input: Option<&mut dyn Read>,
    output: Option<&mut dyn Write>,
) -> Result<(), ContainerError> {
    let (record, paths) = engine.find_here(side.container)?;
    let op = make_op(in_container(&record, side.path));
    let spec = CopySpec {
        view: view(engine, &record, &paths),
        op,
    };
    let done = super::helper::run(SUBCOMMAND, &spec, "the copy helper", input, output)?;
    if done.status.code() == Some(EXIT_NOT_FOUND.into()) {
        return Err(side.not_found());
    }
    if !done.status.success() {
        return Err(ContainerError::Copy {
            container: record.name,
            message: done.message,
        });
    }
    done.streams
        .map_err(ContainerError::io("copy the tar stream of", &paths.dir))
}

/// `cp CONTAINER:SRC -`: the tar stream of SRC.
pub fn to_stream(engine: &Engine, from: &Side, out: &mut dyn Write) -> Result<(), ContainerError> {
    run_helper(engine, from, |src| Op::Out { src }, None, Some(out))
}

/// The tar stream of a container's path, in memory.
fn archive_of(engine: &Engine, from: &Side) -> Result<Vec<u8>, ContainerError> {
    let mut tar = Vec::new();
    run_helper(engine, from, |src| Op::Out { src }, None, Some(&mut tar))?;
    Ok(tar)
}

/// An error of the host's side of a copy, in podman's words.
fn on_host(path: &str) -> impl FnOnce(io::Error) -> ContainerError {
    move |e| match e.kind() {
        io::ErrorKind::NotFound => ContainerError::CopyNotFound {
            path: path.to_string(),
            place: "the host".into(),
        },
        _ => ContainerError::Copy {
            container: "the host".into(),
            message: e.to_string(),
        },
    }
}

/// `cp CONTAINER:SRC DEST`. `overwrite` (`cp --overwrite`) lets a directory replace a
/// non-directory and the other way round.
pub fn to_host(
    engine: &Engine,
    from: &Side,
    dest: &str,
    overwrite: bool,
) -> Result<(), ContainerError> {
    let target = copy_rules::host_destination(dest).map_err(on_host(dest))?;
    let tar = archive_of(engine, from)?;
    let contents_only = copy_rules::contents_only(from.path);
    copy_rules::place(&tar[..], &target, contents_only, overwrite).map_err(on_host(dest))
}

/// `cp SRC CONTAINER:DEST`.
pub fn from_host(
    engine: &Engine,
    src: &str,
    to: &Side,
    overwrite: bool,
) -> Result<(), ContainerError> {
    let mut tar = Vec::new();
    copy_rules::archive(std::path::Path::new(src), &mut tar).map_err(on_host(src))?;
    let contents_only = copy_rules::contents_only(src);
    let op = |dest| Op::In {
        dest,
        contents_only,
        overwrite,
    };
    run_helper(engine, to, op, Some(&mut &tar[..]), None)
}

/// `cp A:SRC B:DEST`: from one container to another (or within one).
pub fn between(
    engine: &Engine,
    from: &Side,
    to: &Side,
    overwrite: bool,
) -> Result<(), ContainerError> {
    let tar = archive_of(engine, from)?;
    let contents_only = copy_rules::contents_only(from.path);
    let op = |dest| Op::In {
        dest,
        contents_only,
        overwrite,
    };
    run_helper(engine, to, op, Some(&mut &tar[..]), None)
}

/// `cp - CONTAINER:DEST`.
pub fn from_stream(
    engine: &Engine,
    input: &mut dyn Read,
    to: &Side,
    overwrite: bool,
) -> Result<(), ContainerError> {
    let op = |dest| Op::Untar { dest, overwrite };
    run_helper(engine, to, op, Some(input), None)
}
