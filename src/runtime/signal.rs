//! Signals by number, the real-time ones included: nix's `Signal` has no SIGRTMIN+N, and
//! systemd as a container's init stops on SIGRTMIN+3 (its "halt" request), which `stop`
//! must be able to send.
#![allow(unsafe_code)]

use std::str::FromStr;

use nix::errno::Errno;
use nix::sys::signal::Signal;
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

/// A signal number, standard or real-time; serialised as the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct SignalNumber(i32);

/// glibc's SIGRTMIN and SIGRTMAX, as docker and podman number them (34 and 64 on Linux: glibc
/// keeps the kernel's first two real-time signals for its threads).
fn rt_range() -> (i32, i32) {
    (libc::SIGRTMIN(), libc::SIGRTMAX())
}

impl SignalNumber {
    pub const SIGKILL: SignalNumber = SignalNumber(libc::SIGKILL);
    pub const SIGTERM: SignalNumber = SignalNumber(libc::SIGTERM);

    /// systemd's "halt" request, what a container running systemd as init stops on.
    pub fn systemd_halt() -> SignalNumber {
        SignalNumber(rt_range().0 + 3)
    }

    /// A name as docker and podman take it: `SIGTERM`, `term`, `RTMIN+3`, `SIGRTMAX-2`, or a
    /// number.
    pub fn parse(s: &str) -> Option<SignalNumber> {
        if let Ok(n) = s.parse::<i32>() {
            return SignalNumber::try_from(n).ok();
        }
        let upper = s.to_ascii_uppercase();
        let name = upper.strip_prefix("SIG").unwrap_or(&upper);
        let (min, max) = rt_range();
        let offset = |rest: &str| rest.parse::<i32>().ok().filter(|n| *n >= 0);
        let n = if name == "RTMIN" {
            min
        } else if name == "RTMAX" {
            max
        } else if let Some(rest) = name.strip_prefix("RTMIN+") {
            min + offset(rest)?
        } else if let Some(rest) = name.strip_prefix("RTMAX-") {
            max - offset(rest)?
        } else {
            return Signal::from_str(&format!("SIG{name}")).ok().map(Self::from);
        };
        SignalNumber::try_from(n).ok()
    }

    /// The name docker shows: `SIGTERM`, `SIGRTMIN+3`.
    pub fn name(self) -> String {
        if let Ok(s) = Signal::try_from(self.0) {
            return s.as_str().to_string();
        }
        let (min, max) = rt_range();
        match self.0 - min {
            0 => "SIGRTMIN".into(),
            _ if self.0 == max => "SIGRTMAX".into(),
            n => format!("SIGRTMIN+{n}"),
        }
    }

    pub fn number(self) -> i32 {
        self.0
    }

    /// The standard signal, when it is one.
    pub fn standard(self) -> Option<Signal> {
        Signal::try_from(self.0).ok()
    }

    /// Sends the signal to `pid`.
    pub fn send(self, pid: Pid) -> Result<(), Errno> {
        // SAFETY: kill(2) takes two integers and touches no memory of ours; the number is
        // one of the kernel's signals (checked when the value was made).
        let r = unsafe { libc::kill(pid.as_raw(), self.0) };
        Errno::result(r).map(drop)
    }
}

impl From<Signal> for SignalNumber {
    fn from(s: Signal) -> SignalNumber {
        SignalNumber(s as i32)
    }
}

impl TryFrom<i32> for SignalNumber {
    type Error = String;

    fn try_from(n: i32) -> Result<SignalNumber, String> {
        let standard = Signal::try_from(n).is_ok();
        let (min, max) = rt_range();
        if standard || (min..=max).contains(&n) {
            Ok(SignalNumber(n))
        } else {
            Err(format!("{n} is not a signal number"))
        }
    }
}

impl From<SignalNumber> for i32 {
    fn from(s: SignalNumber) -> i32 {
        s.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_real_time_offsets() {
        assert_eq!(SignalNumber::parse("SIGTERM"), Some(SignalNumber::SIGTERM));
        assert_eq!(SignalNumber::parse("kill"), Some(SignalNumber::SIGKILL));
        assert_eq!(SignalNumber::parse("15"), Some(SignalNumber::SIGTERM));
        let halt = SignalNumber::parse("RTMIN+3").unwrap();
        assert_eq!(halt, SignalNumber::systemd_halt());
        assert_eq!(halt.number(), 37);
        assert_eq!(halt.name(), "SIGRTMIN+3");
        assert_eq!(SignalNumber::parse(&halt.name()), Some(halt));
        assert_eq!(SignalNumber::parse("37"), Some(halt));
        assert_eq!(SignalNumber::parse("SIGRTMAX").unwrap().number(), 64);
        assert_eq!(SignalNumber::parse("rtmax-1").unwrap().number(), 63);
        assert_eq!(SignalNumber::parse("SIGRTMAX").unwrap().name(), "SIGRTMAX");
        assert_eq!(SignalNumber::parse("SIGRTMIN").unwrap().name(), "SIGRTMIN");
        for bad in ["SIGNOPE", "99", "RTMIN+40", "RTMIN+-1", "0", "RTMIN+x"] {
            assert_eq!(SignalNumber::parse(bad), None, "{bad}");
        }
    }
}
