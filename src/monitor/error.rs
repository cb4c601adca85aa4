//! Why a monitor could not create or start its container, typed by the step that failed and
//! sent over the handshake as it is: the CLI reports it with the message, hint and exit code
//! the same failure would have had in the CLI itself.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::runtime::clone_init::CloneError;
use crate::runtime::sync::InitFailure;
use crate::state::os_error::OsError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum MonitorError {
    /// The monitor's own set-up: signals, directories, pipes, the attach socket.
    #[error("cannot {action}: {cause}")]
    Setup {
        action: Cow<'static, str>,
        cause: OsError,
    },
    /// A limit the host cannot enforce, or the cgroup leaf could not be made.
    #[error("{0}")]
    Cgroup(Cause),
    #[error("{0}")]
    UserNamespace(Cause),
    #[error("cannot assemble the root file system: {0}")]
    Rootfs(Cause),
    /// An empty volume could not take the image's content.
    #[error("{0}")]
    Volume(Cause),
    /// The network helper, or the container's /etc files.
    #[error("{0}")]
    Network(Cause),
    /// The container's init, up to and including the execve of its process.
    #[error("{0}")]
    Init(InitFailure),
    #[error("the container init exited without saying why")]
    InitVanished,
    /// The root emulation's supervisor could not start.
    #[error("{0}")]
    Emulation(Cause),
    /// An OCI hook of a stage before the container's process failed.
    #[error("{0}")]
    Hook(crate::runtime::hooks::HookFailure),
}

impl From<CloneError> for MonitorError {
    fn from(e: CloneError) -> MonitorError {
        match e {
            CloneError::Clone(e) => {
                MonitorError::setup("create the container's namespaces")(e.into())
            }
            CloneError::Channel(e) => MonitorError::setup("talk to the container init")(e.into()),
            CloneError::Join(path, e) => MonitorError::Setup {
                action: format!("join the PID namespace {}", path.display()).into(),
                cause: e.into(),
            },
            CloneError::Vanished => MonitorError::InitVanished,
            CloneError::Init(f) => MonitorError::Init(f),
        }
    }
}

/// What a layer's typed error says, and the fix it suggests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{message}")]
pub struct Cause {
    pub message: String,
    pub hint: Option<String>,
}

impl Cause {
    pub fn new(message: impl ToString, hint: Option<String>) -> Cause {
        Cause {
            message: message.to_string(),
            hint,
        }
    }
}

impl MonitorError {
    pub fn setup(action: &'static str) -> impl FnOnce(OsError) -> MonitorError {
        move |cause| MonitorError::Setup {
            action: Cow::Borrowed(action),
            cause,
        }
    }

    /// docker's exit code: 127 for a command not found, 126 for one that cannot run, else
    /// 125 (rpod failed).
    pub fn exit_code(&self) -> i32 {
        match self {
            MonitorError::Init(f) => f.exit_code(),
            // podman's: the OCI runtime failed to start the container.
            MonitorError::Hook(_) => 126,
            _ => 125,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            MonitorError::Cgroup(c)
            | MonitorError::UserNamespace(c)
            | MonitorError::Rootfs(c)
            | MonitorError::Volume(c)
            | MonitorError::Network(c)
            | MonitorError::Emulation(c) => c.hint.clone(),
            MonitorError::Setup { .. }
            | MonitorError::Init(_)
            | MonitorError::InitVanished
            | MonitorError::Hook(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_the_handshake_unchanged() {
        let errors = [
            MonitorError::setup("create the run directory")(OsError::from(
                std::io::Error::from_raw_os_error(libc::EACCES),
            )),
            MonitorError::Cgroup(Cause::new(
                "cannot set --memory",
                Some("delegate it".into()),
            )),
            MonitorError::Init(InitFailure {
                stage: "exec nosuch".into(),
                errno: libc::ENOENT,
                exec: true,
            }),
        ];
        for e in errors {
            let back: MonitorError =
                serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
            assert_eq!(back, e);
            assert_eq!(back.to_string(), e.to_string());
            assert_eq!(back.exit_code(), e.exit_code());
            assert_eq!(back.hint(), e.hint());
        }
        let not_found = MonitorError::Init(InitFailure {
            stage: "exec nosuch".into(),
            errno: libc::ENOENT,
            exec: true,
        });
        assert_eq!(not_found.exit_code(), 127);
        assert!(
            not_found
                .to_string()
                .contains("executable file `nosuch` not found")
        );
    }
}
