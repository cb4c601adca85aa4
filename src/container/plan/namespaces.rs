//! `--ipc`, `--uts`, `--pid` and `--cgroupns`: which of these namespaces a container has of
//! its own, shares with the host, or joins from another container.
//!
//! The host's PID namespace comes with the host's /proc bound in (a rootless process may not
//! mount a proc for a PID namespace it does not own, as podman's rootless mode does too);
//! another container's is joined before the init is cloned, so the init is born in it.

use serde::{Deserialize, Serialize};

use super::RunOptions;
use crate::container::ContainerError;
use crate::network::NetworkMode;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sharing {
    #[default]
    Private,
    Host,
    /// Another container's: its name as given in the plan, its id in the record.
    Container(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NamespacesPlan {
    pub ipc: Sharing,
    pub uts: Sharing,
    pub pid: Sharing,
    pub cgroup: Sharing,
}

impl NamespacesPlan {
    pub fn build(opts: &RunOptions) -> Result<NamespacesPlan, ContainerError> {
        Ok(NamespacesPlan {
            // Every rpod container's IPC namespace can be joined, so shareable is private.
            ipc: parse("--ipc", opts.ipc.as_deref(), &["private", "shareable"])?,
            uts: parse("--uts", opts.uts.as_deref(), &["private"])?,
            pid: parse("--pid", opts.pid.as_deref(), &["private"])?,
            cgroup: cgroupns(opts.cgroupns.as_deref())?,
        })
    }

    /// A container on a user-defined network lives in the rootless network namespace's user
    /// namespace; another container's IPC, UTS or PID namespace belongs to that container's,
    /// and a process is in one user namespace only.
    pub fn check_network(&self, network: &NetworkMode) -> Result<(), ContainerError> {
        if !matches!(network, NetworkMode::Bridge(_)) {
            return Ok(());
        }
        for (flag, sharing) in [
            ("--ipc", &self.ipc),
            ("--uts", &self.uts),
            ("--pid", &self.pid),
            ("--cgroupns", &self.cgroup),
        ] {
            if let Sharing::Container(name) = sharing {
                return Err(ContainerError::invalid(
                    flag,
                    format!("container:{name}"),
                    "a container on a user-defined network cannot share another container's \
                     namespaces: rootless rpod puts it in the network's user namespace",
                ));
            }
        }
        Ok(())
    }
}

/// `--cgroupns`: private (the default, podman's on cgroup v2), the caller's (`host`), or another
/// container's, joined with its user namespace, which owns it. A path (`ns:`) is refused: a
/// rootless process may join a cgroup namespace only with rights in the user namespace owning
/// it, which a bare path does not name.
fn cgroupns(value: Option<&str>) -> Result<Sharing, ContainerError> {
    if let Some(v) = value.filter(|v| v.starts_with("ns:")) {
        return Err(ContainerError::invalid(
            "--cgroupns",
            v,
            "rootless rpod joins a cgroup namespace with the user namespace that owns it, which \
             a path does not name: use container:NAME, host or private",
        ));
    }
    parse("--cgroupns", value, &["private"]).map_err(|_| {
        ContainerError::invalid(
            "--cgroupns",
            value.unwrap_or_default(),
            "expected private, host, ns:PATH or container:NAME",
        )
    })
}

fn parse(
    flag: &'static str,
    value: Option<&str>,
    private: &[&str],
) -> Result<Sharing, ContainerError> {
    match value {
        None => Ok(Sharing::Private),
        Some(v) if private.contains(&v) => Ok(Sharing::Private),
        Some("host") => Ok(Sharing::Host),
        Some(v) => match v.strip_prefix("container:") {
            Some(name) if !name.is_empty() => Ok(Sharing::Container(name.to_string())),
            _ => Err(ContainerError::invalid(
                flag,
                v,
                format!("expected {}, host or container:NAME", private.join(", ")),
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(ipc: &str, uts: &str) -> Result<NamespacesPlan, String> {
        NamespacesPlan::build(&RunOptions {
            ipc: Some(ipc.into()),
            uts: Some(uts.into()),
            ..RunOptions::default()
        })
        .map_err(|e| e.to_string())
    }

    #[test]
    fn modes_parse_and_bad_ones_name_the_flag() {
        let got = plan("shareable", "container:web").unwrap();
        assert_eq!(got.ipc, Sharing::Private);
        assert_eq!(got.uts, Sharing::Container("web".into()));
        assert_eq!(plan("host", "host").unwrap().ipc, Sharing::Host);
        assert!(plan("container:", "private").unwrap_err().contains("--ipc"));
        assert!(plan("private", "shareable").unwrap_err().contains("--uts"));
        let pid = |value: &str| {
            NamespacesPlan::build(&RunOptions {
                pid: Some(value.into()),
                ..RunOptions::default()
            })
            .map(|p| p.pid)
            .map_err(|e| e.to_string())
        };
        assert_eq!(pid("host").unwrap(), Sharing::Host);
        assert_eq!(
            pid("container:db").unwrap(),
            Sharing::Container("db".into())
        );
        assert_eq!(pid("private").unwrap(), Sharing::Private);
        let err = pid("ns:/proc/1/ns/pid").unwrap_err();
        assert!(
            err.contains("--pid") && err.contains("host or container:NAME"),
            "{err}"
        );
    }
}
