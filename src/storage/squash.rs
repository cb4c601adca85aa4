//! A squashfs image file mounted with squashfuse inside the container's user namespace (#22):
//! no setuid helper and no kernel squashfs mount (which a user namespace may not make). The
//! mount is the read-only lower of the container's overlay.
//!
//! squashfuse runs in the foreground as a child of the process that mounts (the monitor, or the
//! `cp` helper) with the parent-death signal set, so it ends with that process however it
//! ends (`kill -9` included); its mount lives in that process's private mount namespace and
//! goes with it.
#![allow(unsafe_code)]

use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The program that serves the file.
pub const SERVER: &str = "squashfuse";
/// The directory of a saved file that holds the file's own record (the image config, see
/// `image::squash`): not part of the image, so no tree made from the file shows it.
pub const RECORD_DIR: &str = ".rpod";
/// How long squashfuse may take to read the superblock and mount.
const MOUNT_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error)]
pub enum SquashMountError {
    #[error("cannot run {SERVER}: {0}")]
    Spawn(io::Error),
    #[error("{SERVER} could not mount {}: {message}", file.display())]
    Mount { file: PathBuf, message: String },
    #[error("{SERVER} did not mount {} within {}s", file.display(), MOUNT_TIMEOUT.as_secs())]
    Timeout { file: PathBuf },
    #[error("cannot run squashfs images: {0}")]
    Unavailable(String),
}

impl SquashMountError {
    pub fn hint(&self) -> Option<String> {
        match self {
            SquashMountError::Unavailable(why) if why.starts_with("/dev/fuse") => Some(
                "/dev/fuse must be open to you (mode 0666, as Debian ships it): ask the admin to chmod it".into(),
            ),
            SquashMountError::Unavailable(_) => {
                Some(format!("install squashfuse: apt install {SERVER}"))
            }
            _ => None,
        }
    }
}

/// What running from a squashfs file needs of the host, checked before anything is created:
/// squashfuse installed and /dev/fuse open to this user. No fallback: the kernel's squashfs
/// cannot be mounted in a user namespace.
pub fn check_host() -> Result<(), SquashMountError> {
    match super::probe::fuse_program_problem(SERVER) {
        Some(why) => Err(SquashMountError::Unavailable(why)),
        None => Ok(()),
    }
}

/// Mounts `file` read-only at `target`, every file owned by the caller's ids (the one id the
/// user namespace maps: ids stored in the file that it does not map would show as nobody and
/// could not be copied up). The owners root emulation shows come from the `user.rpod.owner`
/// xattrs the file carries. squashfuse's messages go to `log`.
pub fn mount(file: &Path, target: &Path, log: &Path) -> Result<(), SquashMountError> {
    let stderr = File::create(log).map_err(SquashMountError::Spawn)?;
    let owner = format!(
        "ro,uid={},gid={}",
        nix::unistd::geteuid(),
        nix::unistd::getegid()
    );
    let mut command = Command::new(SERVER);
    command
        .args(["-f", "-o", &owner])
        .arg(file)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    // SAFETY: the closure runs between fork and exec and only makes async-signal-safe calls.
    unsafe { command.pre_exec(die_with_parent) };
    let before = device(target);
    let child = command.spawn().map_err(SquashMountError::Spawn)?;
    wait_mounted(child, file, target, before, log)
}

/// Between fork and exec: SIGKILL when the mounting process ends, so no squashfuse outlives
/// the container; and none starts if that process is already gone.
fn die_with_parent() -> io::Result<()> {
    // SAFETY: prctl(PR_SET_PDEATHSIG) takes a signal number and touches no memory.
    if unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: getppid has no arguments and cannot fail.
    if unsafe { libc::getppid() } == 1 {
        return Err(io::Error::from_raw_os_error(libc::ESRCH));
    }
    Ok(())
}

fn wait_mounted(
    mut child: Child,
    file: &Path,
    target: &Path,
    before: Option<u64>,
    log: &Path,
) -> Result<(), SquashMountError> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        // A new device at the mount point: the mount is there (the directory itself may be on
        // another FUSE file system, so the type alone would not tell).
        if device(target) != before {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            let said = std::fs::read_to_string(log).unwrap_or_default();
            let message = match said.trim() {
                "" => format!("it exited with {status}"),
                text => text.to_string(),
            };
            return Err(SquashMountError::Mount {
                file: file.to_path_buf(),
                message,
            });
        }
        if start.elapsed() > MOUNT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(SquashMountError::Timeout {
                file: file.to_path_buf(),
            });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// Makes `dir` a layer holding only a whiteout of [`RECORD_DIR`]: stacked right above the
/// mounted file it hides the record from every reader of the tree (kernel overlay,
/// fuse-overlayfs, the vfs copy, rpod's own `Union`), with nothing copied and nothing written
/// into the container's writable layer, whose `diff` stays the container's own doing.
pub fn make_record_hider(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let made = super::whiteout::make_whiteout_at(dir, RECORD_DIR);
    match std::fs::symlink_metadata(dir.join(RECORD_DIR)) {
        Ok(meta) if super::whiteout::is_whiteout(&meta) => Ok(()),
        // Made by a concurrent start or reader of the same container, or never made.
        Ok(_) => Err(io::Error::other(format!(
            "{} is not a whiteout",
            dir.join(RECORD_DIR).display()
        ))),
        Err(e) => Err(made.err().unwrap_or(e)),
    }
}

fn device(path: &Path) -> Option<u64> {
    std::os::unix::fs::MetadataExt::dev(&std::fs::metadata(path).ok()?).into()
}
