//! The container's standard streams on the monitor's side: pipes, or the terminal's master.

use std::fs::File;
use std::os::fd::{AsFd, OwnedFd};

use nix::fcntl::OFlag;

use super::error::MonitorError;
use super::log::Stream;
use super::spec::MonitorSpec;
use crate::runtime::init::InitStdio;

/// What the container's streams are connected to on the monitor's side.
pub(super) struct Streams {
    /// stdout (or the terminal), then stderr.
    pub(super) outputs: Vec<(OwnedFd, Stream)>,
    /// Where client input goes: the terminal or the stdin pipe.
    pub(super) input: Option<OwnedFd>,
    pub(super) terminal: bool,
    /// The monitor's own open of the container's terminal while its init runs. Without it, a
    /// container that closes every descriptor of the terminal for a moment (systemd as init
    /// does, then opens /dev/console for each message) makes the master read EIO, the end of
    /// the stream, and all it writes after that would be lost.
    pub(super) terminal_peer: Option<OwnedFd>,
}

fn pipe() -> nix::Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(OFlag::O_CLOEXEC)
}

impl Streams {
    /// The container's terminal (its master): output, input, and the monitor's own
    /// descriptor of it.
    pub(super) fn attach_terminal(&mut self, master: &OwnedFd) -> Result<(), MonitorError> {
        let copy = || {
            master
                .try_clone()
                .map_err(|e| MonitorError::setup("keep the terminal")(e.into()))
        };
        self.outputs.push((copy()?, Stream::Stdout));
        self.input = Some(copy()?);
        let peer = crate::runtime::exec_process::terminal_peer(master.as_fd())
            .map_err(|e| MonitorError::setup("keep the terminal open")(e.into()))?;
        self.terminal_peer = Some(peer);
        Ok(())
    }
}

pub(super) fn stdio(spec: &MonitorSpec) -> nix::Result<(InitStdio, Streams)> {
    if spec.init.process.terminal {
        return Ok((
            InitStdio::Terminal,
            Streams {
                outputs: Vec::new(),
                input: None,
                terminal: true,
                terminal_peer: None,
            },
        ));
    }
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let (stdin, input) = if spec.stdin {
        let (r, w) = pipe()?;
        (r, Some(w))
    } else {
        (
            File::open("/dev/null")
                .map_err(|_| nix::Error::ENOENT)?
                .into(),
            None,
        )
    };
    Ok((
        InitStdio::Fds {
            stdin,
            stdout: out_w,
            stderr: err_w,
        },
        Streams {
            outputs: vec![(out_r, Stream::Stdout), (err_r, Stream::Stderr)],
            input,
            terminal: false,
            terminal_peer: None,
        },
    ))
}
