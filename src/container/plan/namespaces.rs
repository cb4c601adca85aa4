//! `--ipc`, `--uts` and `--pid`: which of these namespaces a container has of its own, shares
//! with the host, or joins from another container.

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
}

impl NamespacesPlan {
    pub fn build(opts: &RunOptions) -> Result<NamespacesPlan, ContainerError> {
        if let Some(pid) = &opts.pid {
            check_pid(pid)?;
        }
        Ok(NamespacesPlan {
            // Every rpod container's IPC namespace can be joined, so shareable is private.
            ipc: parse("--ipc", opts.ipc.as_deref(), &["private", "shareable"])?,
            uts: parse("--uts", opts.uts.as_deref(), &["private"])?,
        })
    }

    /// A container on a user-defined network lives in the rootless network namespace's user
    /// namespace; another container's IPC or UTS namespace belongs to that container's, and
    /// a process is in one user namespace only.
    pub fn check_network(&self, network: &NetworkMode) -> Result<(), ContainerError> {
        if !matches!(network, NetworkMode::Bridge(_)) {
            return Ok(());
        }
        for (flag, sharing) in [("--ipc", &self.ipc), ("--uts", &self.uts)] {
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

/// Only a PID namespace of its own works for now: the host's would need /proc bound from the
/// host (a rootless process may not mount a proc for a PID namespace it does not own), and
/// another container's needs its init forked inside it.
fn check_pid(value: &str) -> Result<(), ContainerError> {
    match value {
        "private" => Ok(()),
        "host" => Err(ContainerError::invalid(
            "--pid",
            value,
            "rootless rpod cannot mount /proc for the host's PID namespace; sharing it is not supported yet",
        )),
        v if v.starts_with("container:") => Err(ContainerError::invalid(
            "--pid",
            value,
            "joining another container's PID namespace is not supported yet",
        )),
        _ => Err(ContainerError::invalid(
            "--pid",
            value,
            "expected private, host or container:NAME",
        )),
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
        let pid = RunOptions {
            pid: Some("host".into()),
            ..RunOptions::default()
        };
        let err = NamespacesPlan::build(&pid).unwrap_err().to_string();
        assert!(err.contains("--pid"), "{err}");
    }
}
