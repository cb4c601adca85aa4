//! `--sdnotify` (podman's meaning): with `conmon`, the monitor tells systemd that the
//! container runs and that the monitor is the service's main process.

use std::io;
use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SdNotify {
    /// NOTIFY_SOCKET is neither used nor passed on.
    #[default]
    Ignore,
    /// The monitor sends READY=1 and MAINPID once the container's process runs.
    Conmon,
    /// The monitor sends READY=1 and MAINPID at the container's first healthy check.
    Healthy,
}

#[derive(Debug, thiserror::Error)]
pub enum BadMode {
    #[error("expected conmon, healthy or ignore")]
    Unknown,
    /// podman's `container` mode needs the socket relayed from the container.
    #[error("{0} is not supported yet (issue 18); use conmon or healthy")]
    Unsupported(&'static str),
}

impl FromStr for SdNotify {
    type Err = BadMode;

    fn from_str(s: &str) -> Result<Self, BadMode> {
        match s {
            "conmon" => Ok(SdNotify::Conmon),
            "ignore" => Ok(SdNotify::Ignore),
            "container" => Err(BadMode::Unsupported("container")),
            "healthy" => Ok(SdNotify::Healthy),
            _ => Err(BadMode::Unknown),
        }
    }
}

impl SdNotify {
    pub fn name(&self) -> &'static str {
        match self {
            SdNotify::Ignore => "ignore",
            SdNotify::Conmon => "conmon",
            SdNotify::Healthy => "healthy",
        }
    }

    /// Whether the monitor tells NOTIFY_SOCKET (the container never does).
    pub fn by_monitor(&self) -> bool {
        matches!(self, SdNotify::Conmon | SdNotify::Healthy)
    }
}

/// Sends READY=1 and MAINPID=`main_pid` to `socket` (a path, or `@name` in the abstract
/// namespace, as systemd writes NOTIFY_SOCKET).
pub fn ready(socket: &str, main_pid: u32) -> io::Result<()> {
    let addr = match socket.strip_prefix('@') {
        Some(name) => SocketAddr::from_abstract_name(name)?,
        None => SocketAddr::from_pathname(socket)?,
    };
    let sock = UnixDatagram::unbound()?;
    let message = format!("MAINPID={main_pid}\nREADY=1\n");
    sock.send_to_addr(message.as_bytes(), &addr).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_unsupported_ones_say_so() {
        assert_eq!("conmon".parse::<SdNotify>().unwrap(), SdNotify::Conmon);
        assert_eq!("ignore".parse::<SdNotify>().unwrap(), SdNotify::Ignore);
        assert_eq!("healthy".parse::<SdNotify>().unwrap(), SdNotify::Healthy);
        let e = "container".parse::<SdNotify>().unwrap_err().to_string();
        assert!(e.contains("not supported"), "{e}");
        assert!("sometimes".parse::<SdNotify>().is_err());
    }

    #[test]
    fn ready_reaches_a_datagram_listener() {
        let dir = std::env::temp_dir().join(format!("rpod-notify-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("notify");
        let listener = UnixDatagram::bind(&path).unwrap();
        ready(path.to_str().unwrap(), 42).unwrap();
        let mut buf = [0u8; 128];
        let n = listener.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"MAINPID=42\nREADY=1\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
