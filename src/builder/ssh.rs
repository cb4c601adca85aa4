//! `--ssh ID[=SOCKET]` and `RUN --mount=type=ssh`: an SSH agent's socket bound into the step's
//! container, with `SSH_AUTH_SOCK` naming it, so the step can use the keys the agent holds
//! without any key entering the image. Only agents' sockets: podman's key files would need an
//! agent rpod would have to start.

use std::collections::BTreeMap;
use std::os::unix::fs::FileTypeExt;
use std::path::PathBuf;

use super::error::{BuildError, StepError};

fn invalid(value: &str, reason: impl Into<String>) -> BuildError {
    BuildError::Ssh {
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// One `--ssh` value: `default` (or any id) alone is `$SSH_AUTH_SOCK`; `ID=SOCKET` names the
/// socket.
pub fn parse(value: &str) -> Result<(String, PathBuf), BuildError> {
    let (id, socket) = match value.split_once('=') {
        Some((id, socket)) => (id, PathBuf::from(socket)),
        None => {
            let socket = std::env::var_os("SSH_AUTH_SOCK")
                .filter(|s| !s.is_empty())
                .ok_or_else(|| invalid(value, "SSH_AUTH_SOCK is not set: give ID=SOCKET"))?;
            (value, PathBuf::from(socket))
        }
    };
    if id.is_empty() || id.contains(',') {
        return Err(invalid(value, "expected ID or ID=SOCKET"));
    }
    if socket.as_os_str().to_string_lossy().contains(',') {
        return Err(invalid(
            value,
            "several paths (key files) are not supported: give one agent's socket",
        ));
    }
    let meta = std::fs::metadata(&socket)
        .map_err(|e| invalid(value, format!("{}: {e}", socket.display())))?;
    if !meta.file_type().is_socket() {
        return Err(invalid(
            value,
            format!(
                "{} is not a socket: rpod passes an SSH agent's socket, not key files (ssh-add \
                 them to an agent)",
                socket.display()
            ),
        ));
    }
    Ok((id.to_string(), socket))
}

/// `RUN --mount=type=ssh[,id=ID][,target=PATH][,required]`.
#[derive(Debug, PartialEq, Eq)]
pub struct SshMount {
    pub id: String,
    /// Where the socket appears: BuildKit's `/run/buildkit/ssh_agent.N` unless given.
    pub target: String,
    pub required: bool,
}

/// `index`: the step's how-manieth ssh mount, for the default target.
pub fn parse_mount(spec: &str, index: usize) -> Result<SshMount, StepError> {
    let bad = |why: String| StepError::Unsupported {
        flag: format!("RUN --mount={spec} ({why})"),
    };
    let (mut id, mut target, mut required) = ("default".to_string(), None, false);
    for field in spec.split(',') {
        let (key, value) = field.split_once('=').unwrap_or((field, "true"));
        match key {
            "type" => {}
            "id" if !value.is_empty() => id = value.to_string(),
            "target" | "dst" | "destination" if value.starts_with('/') => {
                target = Some(value.to_string());
            }
            "required" => {
                required = value
                    .parse()
                    .map_err(|_| bad(format!("required={value}: expected true or false")))?;
            }
            // One id is mapped: the socket is root's, as the step's user sees it.
            "uid" | "gid" if value == "0" => {}
            "mode" => {}
            _ => return Err(bad(format!("unsupported option {field:?}"))),
        }
    }
    Ok(SshMount {
        id,
        target: target.unwrap_or_else(|| format!("/run/buildkit/ssh_agent.{index}")),
        required,
    })
}

/// The mount, the variable and the mount point of each of a step's ssh mounts whose id
/// `--ssh` gave (a missing one fails the step if it is required, as BuildKit's does).
pub fn bind(
    mounts: &[SshMount],
    sockets: &BTreeMap<String, PathBuf>,
) -> Result<Vec<(String, String, String)>, StepError> {
    let mut out = Vec::new();
    for mount in mounts {
        let Some(socket) = sockets.get(&mount.id) else {
            if mount.required {
                return Err(StepError::NoSsh(mount.id.clone()));
            }
            continue;
        };
        out.push((
            format!(
                "type=bind,source={},target={}",
                socket.display(),
                mount.target
            ),
            format!("SSH_AUTH_SOCK={}", mount.target),
            mount.target.clone(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_default_to_buildkits_places_and_ids() {
        let m = parse_mount("type=ssh", 0).unwrap();
        assert_eq!(m.id, "default");
        assert_eq!(m.target, "/run/buildkit/ssh_agent.0");
        let m = parse_mount("type=ssh,id=git,target=/ssh.sock,required", 1).unwrap();
        assert_eq!(
            (m.id.as_str(), m.target.as_str(), m.required),
            ("git", "/ssh.sock", true)
        );
        assert!(parse_mount("type=ssh,target=relative", 0).is_err());
        assert!(parse_mount("type=ssh,uid=5", 0).is_err());
    }

    #[test]
    fn only_sockets_are_passed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("id_ed25519");
        std::fs::write(&file, "key").unwrap();
        let err = parse(&format!("default={}", file.display())).unwrap_err();
        assert!(err.to_string().contains("not a socket"), "{err}");
        let sock = dir.path().join("agent.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        let (id, path) = parse(&format!("git={}", sock.display())).unwrap();
        assert_eq!((id.as_str(), path), ("git", sock));
    }
}
