//! `--timeout`: how long one run of the container may last before the monitor kills it, as
//! conmon's `--timeout` does for podman.

use std::time::{Duration, Instant};

pub(super) struct Deadline(Option<Instant>);

impl Deadline {
    /// From now, for a run that starts now; none without `--timeout`.
    pub(super) fn start(secs: Option<u32>) -> Deadline {
        Deadline(secs.map(|s| Instant::now() + Duration::from_secs(s.into())))
    }

    /// How long the event loop may sleep before the deadline.
    pub(super) fn remaining(&self) -> Option<Duration> {
        self.0
            .map(|at| at.saturating_duration_since(Instant::now()))
    }

    /// True once, when the deadline has passed: the run is to be killed.
    pub(super) fn expired(&mut self) -> bool {
        let passed = self.0.is_some_and(|at| Instant::now() >= at);
        if passed {
            self.0 = None;
        }
        passed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_expires_once_and_none_never_does() {
        let mut none = Deadline::start(None);
        assert_eq!(none.remaining(), None);
        assert!(!none.expired());
        let mut now = Deadline::start(Some(0));
        assert_eq!(now.remaining(), Some(Duration::ZERO));
        assert!(now.expired());
        assert!(!now.expired());
        let later = Deadline::start(Some(60));
        assert!(later.remaining().unwrap() > Duration::from_secs(59));
    }
}
