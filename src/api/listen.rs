//! Where the service listens: `unix:///PATH` (a socket of mode 0600) or `tcp://HOST:PORT`,
//! podman's two URI forms, parsed before anything is bound.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tokio::net::{TcpListener, TcpStream, UnixListener, UnixStream};

use super::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Unix(PathBuf),
    /// `HOST:PORT` as given (a name, an IPv4 address or a bracketed IPv6 one).
    Tcp(String),
}

impl Endpoint {
    pub fn parse(uri: &str) -> Result<Endpoint, ApiError> {
        let invalid = || ApiError::Uri(uri.to_string());
        if let Some(path) = uri.strip_prefix("unix://") {
            return match path.starts_with('/') {
                true => Ok(Endpoint::Unix(PathBuf::from(path))),
                false => Err(invalid()),
            };
        }
        let address = uri.strip_prefix("tcp://").ok_or_else(invalid)?;
        let (host, port) = address.rsplit_once(':').ok_or_else(invalid)?;
        if host.is_empty() || host.contains('/') || port.parse::<u16>().is_err() {
            return Err(invalid());
        }
        Ok(Endpoint::Tcp(address.to_string()))
    }

    /// Binds before the runtime starts, so that a taken port or a bad directory fails the
    /// command at once.
    pub fn bind(&self) -> Result<Bound, ApiError> {
        match self {
            Endpoint::Unix(path) => bind_unix(path).map(Bound::Unix),
            Endpoint::Tcp(address) => {
                let err = |source| ApiError::Listen {
                    at: address.clone(),
                    source,
                };
                let listener = std::net::TcpListener::bind(address).map_err(err)?;
                listener.set_nonblocking(true).map_err(err)?;
                Ok(Bound::Tcp(listener))
            }
        }
    }
}

/// A bound socket, not yet registered with a runtime.
pub enum Bound {
    Unix(std::os::unix::net::UnixListener),
    Tcp(std::net::TcpListener),
}

pub enum Listener {
    Unix(UnixListener),
    Tcp(TcpListener),
}

pub enum Accepted {
    Unix(UnixStream),
    Tcp(TcpStream),
}

impl Listener {
    /// Inside the runtime.
    pub fn register(bound: Bound) -> std::io::Result<Listener> {
        Ok(match bound {
            Bound::Unix(std) => Listener::Unix(UnixListener::from_std(std)?),
            Bound::Tcp(std) => Listener::Tcp(TcpListener::from_std(std)?),
        })
    }

    pub async fn accept(&self) -> std::io::Result<Accepted> {
        match self {
            Listener::Unix(l) => l.accept().await.map(|(s, _)| Accepted::Unix(s)),
            Listener::Tcp(l) => {
                let (stream, _) = l.accept().await?;
                // Docker's clients send small requests and wait for each answer.
                stream.set_nodelay(true)?;
                Ok(Accepted::Tcp(stream))
            }
        }
    }
}

fn bind_unix(path: &Path) -> Result<std::os::unix::net::UnixListener, ApiError> {
    let err = |source| ApiError::Listen {
        at: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(err(e)),
        _ => {}
    }
    let listener = std::os::unix::net::UnixListener::bind(path).map_err(err)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(err)?;
    listener.set_nonblocking(true).map_err(err)?;
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_as_podman_takes_them() {
        assert_eq!(
            Endpoint::parse("unix:///run/x.sock").unwrap(),
            Endpoint::Unix("/run/x.sock".into())
        );
        assert_eq!(
            Endpoint::parse("tcp://localhost:8080").unwrap(),
            Endpoint::Tcp("localhost:8080".into())
        );
        assert_eq!(
            Endpoint::parse("tcp://[::1]:2375").unwrap(),
            Endpoint::Tcp("[::1]:2375".into())
        );
        for bad in [
            "unix://rel.sock",
            "tcp://localhost",
            "tcp://:80",
            "tcp://host:http",
            "tcp://host:70000",
            "http://host:80",
            "/run/x.sock",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
    }
}
