//! systemd socket activation: the listening socket a `.socket` unit hands over as fd 3.

use std::os::fd::{FromRawFd, OwnedFd};

/// The first descriptor systemd passes (`SD_LISTEN_FDS_START`).
const FIRST_FD: i32 = 3;

/// The socket passed by systemd when LISTEN_PID names this process and LISTEN_FDS is at
/// least 1; the variables are removed so that children do not take the socket for theirs.
pub fn inherited_socket() -> Option<OwnedFd> {
    let pid = std::env::var("LISTEN_PID").ok()?;
    let fds = std::env::var("LISTEN_FDS").ok()?;
    // SAFETY: removing variables while no other thread runs (called before any runtime).
    unsafe {
        std::env::remove_var("LISTEN_PID");
        std::env::remove_var("LISTEN_FDS");
        std::env::remove_var("LISTEN_FDNAMES");
    }
    if pid.parse::<u32>().ok()? != std::process::id() || fds.parse::<u32>().ok()? < 1 {
        return None;
    }
    // SAFETY: systemd's protocol gives this process fd 3 as an open socket it owns alone.
    Some(unsafe { OwnedFd::from_raw_fd(FIRST_FD) })
}
