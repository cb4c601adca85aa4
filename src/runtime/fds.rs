//! The descriptors a process was started with. None of them may reach a process rpod starts:
//! a monitor, pasta or an `exec -d` command holding the caller's pipe keeps
//! `(rpod run -d IMG sleep 60 3>&1 | cat)` waiting for a minute.
#![allow(unsafe_code)]

/// Closes (or, with `CLOSE_RANGE_CLOEXEC`, marks close-on-exec) every descriptor from
/// `first` up.
pub fn close_from(first: u32, flags: u32) -> nix::Result<()> {
    close_range(first, u32::MAX, flags)
}

/// Closes every descriptor from 3 up but those in `keep`.
pub fn close_all_but(keep: &[std::os::fd::RawFd]) -> nix::Result<()> {
    let mut keep: Vec<u32> = keep
        .iter()
        .filter(|&&fd| fd >= 3)
        .map(|&fd| fd as u32)
        .collect();
    keep.sort_unstable();
    let mut from = 3u32;
    for fd in keep {
        if fd > from {
            close_range(from, fd - 1, 0)?;
        }
        from = fd + 1;
    }
    close_range(from, u32::MAX, 0)
}

fn close_range(first: u32, last: u32, flags: u32) -> nix::Result<()> {
    // SAFETY: close_range takes two descriptor numbers and flags, no pointers.
    let rc = unsafe { libc::syscall(libc::SYS_close_range, first, last, flags) };
    nix::errno::Errno::result(rc).map(drop)
}

/// Marks every descriptor beyond the standard streams close-on-exec, so that no child of
/// this process inherits one it was not handed on purpose (Rust opens its own close-on-exec).
pub fn keep_inherited_from_children() -> nix::Result<()> {
    close_from(3, libc::CLOSE_RANGE_CLOEXEC)
}

/// Whether `fd` is an open descriptor of this process.
pub fn is_open(fd: std::os::fd::RawFd) -> bool {
    // SAFETY: F_GETFD reads the descriptor's flags and touches no memory of ours.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    flags != -1
}

/// Lets the descriptors `fds` pass to programs this process executes (or, with `inherit`
/// false, not).
pub fn set_inherited(fds: &[std::os::fd::RawFd], inherit: bool) -> nix::Result<()> {
    for &fd in fds {
        let flags = if inherit { 0 } else { libc::FD_CLOEXEC };
        // SAFETY: F_SETFD sets the descriptor's flags and touches no memory of ours.
        let rc = unsafe { libc::fcntl(fd, libc::F_SETFD, flags) };
        nix::errno::Errno::result(rc)?;
    }
    Ok(())
}

/// The caller's stdout, kept when `--out` sent this process's own output elsewhere.
static CALLER_STDOUT: std::sync::OnceLock<std::fs::File> = std::sync::OnceLock::new();

/// Sends what this process writes to fd 1 to `file` (podman's `--out`), keeping the caller's
/// stdout for containers' output, which `--out` leaves alone ([`caller_stdout`]).
pub fn redirect_stdout(file: &std::fs::File) -> nix::Result<()> {
    use std::os::fd::{AsFd, AsRawFd};
    let saved = nix::unistd::dup(std::io::stdout().as_fd())?;
    set_inherited(&[saved.as_raw_fd()], false)?;
    nix::unistd::dup2_stdout(file)?;
    let _ = CALLER_STDOUT.set(std::fs::File::from(saved));
    Ok(())
}

/// Where containers' output goes: the caller's stdout, which `--out` does not redirect
/// (None: fd 1 is still it).
pub fn caller_stdout() -> Option<&'static std::fs::File> {
    CALLER_STDOUT.get()
}
