//! `kube play --wait`: the played pods in the foreground. rpod waits until every container
//! it made has exited (or is gone) or until SIGINT, SIGTERM or SIGHUP, then removes all
//! that the play made, volumes included, as podman does.

use std::os::fd::AsFd;
use std::time::Duration;

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};

use super::PlayOptions;
use super::apply::{Downed, Played, down, play};
use super::build::BuildRequest;
use super::manifest::Manifest;
use crate::container::{ContainerError, Engine, status};
use crate::kube::KubeError;

/// How often the containers' states are read while no signal comes.
const POLL: Duration = Duration::from_millis(250);

/// Plays `manifest` as [`play`] does, hands what was made to `shown`, waits, and removes it.
pub fn play_in_foreground(
    engine: &Engine,
    manifest: &Manifest,
    opts: &PlayOptions,
    builds: &BuildRequest,
    progress: &mut dyn std::io::Write,
    shown: &mut dyn FnMut(&Played),
) -> Result<Downed, KubeError> {
    let ending = Ending::take()?;
    let played = play(engine, manifest, opts, builds, progress)?;
    shown(&played);
    ending.wait_then_down(engine, manifest, &played)
}

/// The signals that end the wait, blocked from the start so that one arriving while the pods
/// are still being made ends the wait once they are, instead of killing rpod halfway.
struct Ending {
    signals: SignalFd,
}

impl Ending {
    fn take() -> Result<Ending, KubeError> {
        let mut set = SigSet::empty();
        for signal in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
            set.add(signal);
        }
        set.thread_block().map_err(KubeError::Signals)?;
        let signals = SignalFd::with_flags(&set, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
            .map_err(KubeError::Signals)?;
        Ok(Ending { signals })
    }

    /// Waits until every container of `played` has exited or a signal came, then removes
    /// what `manifest` made.
    fn wait_then_down(
        self,
        engine: &Engine,
        manifest: &Manifest,
        played: &Played,
    ) -> Result<Downed, KubeError> {
        let ids: Vec<&String> = played.pods.iter().flat_map(|(_, ids)| ids).collect();
        let timeout = PollTimeout::try_from(POLL).unwrap_or(PollTimeout::NONE);
        while !all_exited(engine, &ids)? {
            let mut fds = [PollFd::new(self.signals.as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, timeout) {
                Ok(0) | Err(nix::Error::EINTR) => {}
                Ok(_) => break,
                Err(e) => return Err(KubeError::Signals(e)),
            }
        }
        down(engine, manifest, true)
    }
}

fn all_exited(engine: &Engine, ids: &[&String]) -> Result<bool, KubeError> {
    for id in ids {
        match engine.find(id) {
            Ok((_, paths)) => {
                if !matches!(status::of(&paths), status::Status::Exited(_)) {
                    return Ok(false);
                }
            }
            Err(ContainerError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(true)
}
