//! Terminal window sizes (TIOCGWINSZ/TIOCSWINSZ), for the monitor and the attaching CLI.
#![allow(unsafe_code)]

use std::io;
use std::os::fd::{AsFd, AsRawFd};

/// Sets the window size of the terminal behind `fd` (the container's sees a SIGWINCH).
pub fn set_window_size(fd: impl AsFd, rows: u16, cols: u16) -> io::Result<()> {
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads a winsize we own, alive across the call.
    if unsafe { libc::ioctl(fd.as_fd().as_raw_fd(), libc::TIOCSWINSZ, &size) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The window size of the terminal behind `fd`, if it is one.
pub fn window_size(fd: impl AsFd) -> Option<(u16, u16)> {
    // SAFETY: winsize is plain old data; zeroed is a valid value for it.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ fills the winsize we own.
    if unsafe { libc::ioctl(fd.as_fd().as_raw_fd(), libc::TIOCGWINSZ, &mut size) } < 0 {
        return None;
    }
    Some((size.ws_row, size.ws_col))
}
