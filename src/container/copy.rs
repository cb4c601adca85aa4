//! `cp`: files between the host and a container, running or stopped. The container's side
//! runs in a helper process (`__cp`, a fresh re-exec: joining namespaces needs a process
//! without threads) whose root is the container's root: a running container's namespaces are
//! joined, a stopped one's root file system is assembled as its monitor would and chrooted
//! into. Paths in the container, symlinks included, therefore resolve as they do inside it
//! and cannot lead to the host. Between the two sides flows a tar stream.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::copy_rules;
use super::record::{ContainerRecord, Paths};
use super::status;
use super::{ContainerError, Engine, processes};
use crate::monitor::rootfs;
use crate::monitor::spec::RootfsSpec;
use crate::runtime::userns::{self, IdMap};

pub const SUBCOMMAND: &str = "__cp";

#[derive(Debug, Serialize, Deserialize)]
enum View {
    Running { pid: i32 },
    Stopped { rootfs: RootfsSpec, id_map: IdMap },
}

#[derive(Debug, Serialize, Deserialize)]
enum Op {
    /// A tar of the path on stdout.
    Out { src: String },
    /// A tar made by `copy_rules::archive` on stdin, placed at `dest` by docker's rules.
    In { dest: String, contents_only: bool },
    /// Any tar on stdin, unpacked into the directory `dest` (`cp - CONTAINER:DEST`).
    Untar { dest: String },
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CopySpec {
    view: View,
    op: Op,
}

/// The helper: enters the container's view, does the one operation, exits 0 or prints why
/// not and exits 1.
pub fn helper_main(spec: &CopySpec) -> u8 {
    let result = enter(&spec.view).and_then(|()| match &spec.op {
        Op::Out { src } => copy_rules::archive(std::path::Path::new(src), io::stdout().lock()),
        Op::In {
            dest,
            contents_only,
        } => copy_rules::place(io::stdin().lock(), dest, *contents_only),
        Op::Untar { dest } => copy_rules::untar(io::stdin().lock(), std::path::Path::new(dest)),
    });
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            1
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
            rootfs: RootfsSpec {
                driver: record.driver,
                lowers: record
                    .layers
                    .iter()
                    .map(|l| engine.store.layer_diff(l))
                    .collect(),
                upper: paths.upper(),
                work: paths.work(),
                merged: paths.merged(),
            },
            id_map: IdMap {
                inside_uid: record.run.uid,
                inside_gid: record.run.gid,
                outside_uid: nix::unistd::getuid().as_raw(),
                outside_gid: nix::unistd::getgid().as_raw(),
            },
        },
    }
}

/// Runs the helper for `op` on the container, feeding it `input` and sending what it writes
/// to `output`.
fn run_helper(
    engine: &Engine,
    name: &str,
    op: Op,
    input: Option<&mut dyn Read>,
    output: Option<&mut dyn Write>,
) -> Result<(), ContainerError> {
    let (record, paths) = engine.find(name)?;
    let spec = CopySpec {
        view: view(engine, &record, &paths),
        op,
    };
    let exe = std::path::PathBuf::from("/proc/self/exe");
    let mut child = Command::new(&exe)
        .arg(SUBCOMMAND)
        .arg(serde_json::to_string(&spec).expect("a copy spec serialises"))
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(if output.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(Stdio::piped())
        .spawn()
        .map_err(ContainerError::io("start the copy helper", &exe))?;
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let fed = match (input, child.stdin.take()) {
        (Some(input), Some(mut stdin)) => io::copy(input, &mut stdin).map(drop),
        _ => Ok(()),
    };
    let drained = match (output, child.stdout.take()) {
        (Some(output), Some(mut stdout)) => io::copy(&mut stdout, output).map(drop),
        _ => Ok(()),
    };
    let status = child
        .wait()
        .map_err(ContainerError::io("wait for the copy helper", &exe))?;
    let message = errors.join().unwrap_or_default();
    if !status.success() {
        return Err(ContainerError::Copy {
            container: record.name,
            message: message.trim().to_string(),
        });
    }
    fed.and(drained)
        .map_err(ContainerError::io("copy the tar stream of", &paths.dir))
}

/// `cp CONTAINER:SRC -`: the tar stream of SRC.
pub fn to_stream(
    engine: &Engine,
    name: &str,
    src: &str,
    out: &mut dyn Write,
) -> Result<(), ContainerError> {
    run_helper(engine, name, Op::Out { src: src.into() }, None, Some(out))
}

/// `cp CONTAINER:SRC DEST`.
pub fn to_host(engine: &Engine, name: &str, src: &str, dest: &str) -> Result<(), ContainerError> {
    let mut tar = Vec::new();
    run_helper(
        engine,
        name,
        Op::Out { src: src.into() },
        None,
        Some(&mut tar),
    )?;
    copy_rules::place(&tar[..], dest, copy_rules::contents_only(src)).map_err(|e| {
        ContainerError::Copy {
            container: "the host".into(),
            message: e.to_string(),
        }
    })
}

/// `cp SRC CONTAINER:DEST`.
pub fn from_host(engine: &Engine, src: &str, name: &str, dest: &str) -> Result<(), ContainerError> {
    let mut tar = Vec::new();
    copy_rules::archive(std::path::Path::new(src), &mut tar).map_err(|e| ContainerError::Copy {
        container: "the host".into(),
        message: e.to_string(),
    })?;
    let op = Op::In {
        dest: dest.into(),
        contents_only: copy_rules::contents_only(src),
    };
    run_helper(engine, name, op, Some(&mut &tar[..]), None)
}

/// `cp - CONTAINER:DEST`.
pub fn from_stream(
    engine: &Engine,
    input: &mut dyn Read,
    name: &str,
    dest: &str,
) -> Result<(), ContainerError> {
    run_helper(
        engine,
        name,
        Op::Untar { dest: dest.into() },
        Some(input),
        None,
    )
}
