//! `--sdnotify` (podman's meaning): with `conmon`, the monitor tells systemd that the
//! container runs and that the monitor is the service's main process; with `container`, the
//! container's own process says when it is ready, through a socket the monitor relays.

use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixDatagram};
use std::path::Path;
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
    /// The container's process gets a NOTIFY_SOCKET of its own; the monitor relays what it
    /// sends (READY=1, STATUS=, WATCHDOG=1 …) with itself as MAINPID.
    Container,
}

#[derive(Debug, thiserror::Error)]
pub enum BadMode {
    #[error("expected container, conmon, healthy or ignore")]
    Unknown,
}

impl FromStr for SdNotify {
    type Err = BadMode;

    fn from_str(s: &str) -> Result<Self, BadMode> {
        match s {
            "conmon" => Ok(SdNotify::Conmon),
            "ignore" => Ok(SdNotify::Ignore),
            "container" => Ok(SdNotify::Container),
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
            SdNotify::Container => "container",
        }
    }

    /// Whether NOTIFY_SOCKET hears from the monitor (for `container`, what it relays).
    pub fn by_monitor(&self) -> bool {
        !matches!(self, SdNotify::Ignore)
    }
}

/// Where the container finds its NOTIFY_SOCKET (podman's path).
pub const CONTAINER_SOCKET_DIR: &str = "/run/notify";
pub const SOCKET_NAME: &str = "notify.sock";

/// The socket the container's process notifies, and systemd's that hears it from the monitor.
pub struct Relay {
    socket: UnixDatagram,
    target: String,
}

impl Relay {
    /// Binds `dir/notify.sock` (the directory is mounted at /run/notify in the container).
    pub fn bind(dir: &Path, target: String) -> io::Result<Relay> {
        std::fs::create_dir_all(dir)?;
        // A socket left by a monitor that died is not this run's.
        let _ = std::fs::remove_file(dir.join(SOCKET_NAME));
        // The run directory's path is longer than a socket address may be.
        let short = crate::runtime::sync::ShortPath::new(dir, SOCKET_NAME)?;
        let socket = UnixDatagram::bind(&short.path)?;
        socket.set_nonblocking(true)?;
        Ok(Relay { socket, target })
    }

    pub fn fd(&self) -> BorrowedFd<'_> {
        self.socket.as_fd()
    }

    /// Passes on every waiting message. MAINPID is the monitor: the container's own pid
    /// means nothing outside its namespace, and systemd must watch the process it can see.
    pub fn forward(&self) {
        let mut buf = [0u8; 4096];
        while let Ok(n) = self.socket.recv(&mut buf) {
            let text = String::from_utf8_lossy(&buf[..n]);
            let mut message = format!("MAINPID={}\n", std::process::id());
            for line in text.lines().filter(|l| !l.starts_with("MAINPID=")) {
                message.push_str(line);
                message.push('\n');
            }
            // systemd may not listen (a stale variable): the container runs all the same.
            let _ = send(&self.target, &message);
        }
    }
}

fn send(socket: &str, message: &str) -> io::Result<()> {
    let addr = match socket.strip_prefix('@') {
        Some(name) => SocketAddr::from_abstract_name(name)?,
        None => SocketAddr::from_pathname(socket)?,
    };
    let sock = UnixDatagram::unbound()?;
    sock.send_to_addr(message.as_bytes(), &addr).map(|_| ())
}

/// Sends READY=1 and MAINPID=`main_pid` to `socket` (a path, or `@name` in the abstract
/// namespace, as systemd writes NOTIFY_SOCKET).
pub fn ready(socket: &str, main_pid: u32) -> io::Result<()> {
    send(socket, &format!("MAINPID={main_pid}\nREADY=1\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_and_unsupported_ones_say_so() {
        assert_eq!("conmon".parse::<SdNotify>().unwrap(), SdNotify::Conmon);
        assert_eq!("ignore".parse::<SdNotify>().unwrap(), SdNotify::Ignore);
        assert_eq!("healthy".parse::<SdNotify>().unwrap(), SdNotify::Healthy);
        assert_eq!(
            "container".parse::<SdNotify>().unwrap(),
            SdNotify::Container
        );
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

    #[test]
    fn the_relay_passes_messages_on_with_the_monitor_as_main_pid() {
        let dir = std::env::temp_dir().join(format!("rpod-relay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let systemd = UnixDatagram::bind(dir.join("systemd")).unwrap();
        let relay = Relay::bind(&dir.join("c"), dir.join("systemd").display().to_string()).unwrap();
        let container = UnixDatagram::unbound().unwrap();
        let to = dir.join("c").join(SOCKET_NAME);
        container
            .send_to(b"MAINPID=1\nSTATUS=warming\n", &to)
            .unwrap();
        container.send_to(b"READY=1", &to).unwrap();
        relay.forward();
        let mut buf = [0u8; 128];
        let me = std::process::id();
        let n = systemd.recv(&mut buf).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&buf[..n]),
            format!("MAINPID={me}\nSTATUS=warming\n")
        );
        let n = systemd.recv(&mut buf).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&buf[..n]),
            format!("MAINPID={me}\nREADY=1\n")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
