//! Pods: their records in the store. A pod is a named group of containers (each container's
//! record names its pod); what the pod's containers do is the container layer's.
//!
//! ```text
//! pods/<id>/pod.json   one pod, written atomically
//! pods/<id>/lock       the pod's lock: held while the pod is changed, its containers started,
//!                      stopped or removed together, or a container joins it
//! pods/.lock           held while a pod is created or removed (names stay unique)
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cgroup::limits::Limits;
use crate::ids::{ContainerId, check_name};
use crate::state::{atomic, lock, scratch};

#[derive(Debug, thiserror::Error)]
pub enum PodsError {
    #[error("no pod with name or ID {0} found: no such pod")]
    NotFound(String),
    /// `--latest` with no pod at all (podman's words).
    #[error("no such pod")]
    NoLatest,
    #[error("more than one pod matches {0}: give more of the ID")]
    Ambiguous(String),
    #[error("{0}: pod already exists")]
    Exists(String),
    #[error("invalid pod name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    Name(String),
    #[error("invalid {flag} {value:?}: {reason}")]
    Invalid {
        flag: &'static str,
        value: String,
        reason: String,
    },
    #[error("pod {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl PodsError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> PodsError {
        let path = path.to_path_buf();
        move |source| PodsError::Io {
            action,
            path,
            source,
        }
    }

    pub fn hint(&self) -> Option<String> {
        match self {
            PodsError::Exists(_) => {
                Some("choose another --name, or replace the pod with --replace".into())
            }
            _ => None,
        }
    }
}

/// What a pod's containers do once its last one exits (podman's `--exit-policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExitPolicy {
    /// The pod stays as it is.
    #[default]
    Continue,
    /// The pod's remaining containers are stopped once no container but the infra runs.
    Stop,
}

impl ExitPolicy {
    pub fn parse(s: &str) -> Result<ExitPolicy, PodsError> {
        match s {
            "continue" => Ok(ExitPolicy::Continue),
            "stop" => Ok(ExitPolicy::Stop),
            _ => Err(PodsError::Invalid {
                flag: "--exit-policy",
                value: s.into(),
                reason: "expected continue or stop".into(),
            }),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ExitPolicy::Continue => "continue",
            ExitPolicy::Stop => "stop",
        }
    }
}

/// The pod's cgroup, `rpod-pod-<id>` under `parent` (or the caller's cgroup): its members'
/// leaves are made in it, and its limits bound them together (podman's pod resource flags).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodCgroup {
    /// `--cgroup-parent`: absolute from the cgroup2 root, or relative to the caller's cgroup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// `--share-parent`: whether members use the pod's cgroup (podman's default: they do).
    #[serde(default = "share_parent_default")]
    pub share_parent: bool,
    #[serde(default, skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
}

fn share_parent_default() -> bool {
    true
}

impl Default for PodCgroup {
    fn default() -> PodCgroup {
        PodCgroup {
            parent: None,
            share_parent: true,
            limits: Limits::default(),
        }
    }
}

impl PodCgroup {
    /// The pod's cgroup directory's name.
    pub fn name(pod_id: &str) -> String {
        format!("rpod-pod-{pod_id}")
    }
}

/// One pod, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pod {
    pub id: String,
    pub name: String,
    /// RFC 3339.
    pub created: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The namespaces the pod's containers share (`--share`): ipc, net, uts.
    #[serde(default)]
    pub share: Vec<String>,
    #[serde(default)]
    pub exit_policy: ExitPolicy,
    /// podman's `CreateCommand`.
    #[serde(default)]
    pub create_command: Vec<String>,
    /// The infra container holding the shared namespaces; none with `--infra=false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infra_id: Option<String>,
    #[serde(default)]
    pub members: MemberDefaults,
    #[serde(default)]
    pub cgroup: PodCgroup,
}

/// What a pod gives each container that joins it where the container says nothing else
/// (podman's pod-level `--restart`, `--security-opt`, `--shm-size`, `--userns`): as given,
/// checked when the pod is created, applied when a container joins. The pod's volumes and
/// devices are its infra container's, which members inherit from there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDefaults {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_opt: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shm_size: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub userns: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shm_size_systemd: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpus: Option<String>,
}

/// What `pod create` asks for, checked before anything is written.
#[derive(Debug, Clone, Default)]
pub struct PodRequest {
    pub name: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub share: Vec<String>,
    pub exit_policy: ExitPolicy,
    pub create_command: Vec<String>,
    pub members: MemberDefaults,
    pub cgroup: PodCgroup,
}

pub struct Pods {
    dir: PathBuf,
}

impl Pods {
    pub fn open(root: &Path) -> Pods {
        Pods {
            dir: root.join("pods"),
        }
    }

    fn record(&self, id: &str) -> PathBuf {
        self.dir.join(id).join("pod.json")
    }

    fn store_lock(&self) -> Result<lock::Guard, PodsError> {
        fs::create_dir_all(&self.dir).map_err(PodsError::io("create", &self.dir))?;
        let path = self.dir.join(".lock");
        lock::exclusive(&path).map_err(PodsError::io("lock", &path))
    }

    /// The pod's own lock, for changes to the pod and its containers as a group.
    pub fn lock(&self, pod: &Pod) -> Result<lock::Guard, PodsError> {
        let path = self.dir.join(&pod.id).join("lock");
        lock::exclusive(&path).map_err(PodsError::io("lock", &path))
    }

    /// Writes a new pod; a name in use is refused. Without a name the pod is called
    /// `pod-` and its id's first 12 characters.
    pub fn create(&self, request: PodRequest) -> Result<Pod, PodsError> {
        if let Some(name) = &request.name {
            check_name(name).map_err(|_| PodsError::Name(name.clone()))?;
        }
        let _guard = self.store_lock()?;
        let id = ContainerId::random().to_string();
        let name = request.name.unwrap_or_else(|| format!("pod-{}", &id[..12]));
        if self.list()?.iter().any(|p| p.name == name) {
            return Err(PodsError::Exists(name));
        }
        let pod = Pod {
            id,
            name,
            created: jiff::Timestamp::now().to_string(),
            labels: request.labels,
            share: request.share,
            exit_policy: request.exit_policy,
            create_command: request.create_command,
            infra_id: None,
            members: request.members,
            cgroup: request.cgroup,
        };
        let dir = self.dir.join(&pod.id);
        fs::create_dir_all(&dir).map_err(PodsError::io("create", &dir))?;
        let path = self.record(&pod.id);
        atomic::write_json(&path, &pod).map_err(PodsError::io("write", &path))?;
        Ok(pod)
    }

    /// Records the pod's infra container, once it exists.
    pub fn set_infra(&self, pod: &Pod, infra_id: &str) -> Result<Pod, PodsError> {
        let _guard = self.store_lock()?;
        let mut pod = self.get(&pod.id)?;
        pod.infra_id = Some(infra_id.to_string());
        let path = self.record(&pod.id);
        atomic::write_json(&path, &pod).map_err(PodsError::io("write", &path))?;
        Ok(pod)
    }

    /// A pod by its name, or by its id or an unambiguous prefix of it.
    pub fn get(&self, name_or_id: &str) -> Result<Pod, PodsError> {
        let all = self.list()?;
        if let Some(p) = all
            .iter()
            .find(|p| p.name == name_or_id || p.id == name_or_id)
        {
            return Ok(p.clone());
        }
        let mut by_id = all.into_iter().filter(|p| p.id.starts_with(name_or_id));
        match (by_id.next(), by_id.next()) {
            (Some(p), None) if !name_or_id.is_empty() => Ok(p),
            (Some(_), Some(_)) => Err(PodsError::Ambiguous(name_or_id.into())),
            _ => Err(PodsError::NotFound(name_or_id.into())),
        }
    }

    /// The pod with this full id, read alone: what a member's start needs, without listing
    /// every pod.
    pub fn by_id(&self, id: &str) -> Result<Pod, PodsError> {
        let path = self.dir.join(id).join("pod.json");
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| PodsError::io("read", &path)(io::Error::other(e))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(PodsError::NotFound(id.into())),
            Err(e) => Err(PodsError::io("read", &path)(e)),
        }
    }

    /// `--latest` of every pod verb: the id of the pod created last.
    pub fn latest(&self) -> Result<String, PodsError> {
        self.list()?
            .into_iter()
            .max_by(|a, b| a.created.cmp(&b.created))
            .map(|p| p.id)
            .ok_or(PodsError::NoLatest)
    }

    pub fn list(&self) -> Result<Vec<Pod>, PodsError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(PodsError::io("list", &self.dir)(e)),
        };
        let mut out = Vec::new();
        // Only pod directories: not the lock, not a scratch name.
        for entry in entries.flatten().filter(|e| e.path().is_dir()) {
            let path = entry.path().join("pod.json");
            match fs::read(&path) {
                Ok(bytes) => out.push(
                    serde_json::from_slice(&bytes)
                        .map_err(|e| PodsError::io("read", &path)(io::Error::other(e)))?,
                ),
                // A directory being created or removed, or a scratch name.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(PodsError::io("read", &path)(e)),
            }
        }
        out.sort_by(|a: &Pod, b: &Pod| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Removes a pod's record. The caller holds the pod's lock and has removed its
    /// containers.
    pub fn remove(&self, pod: &Pod) -> Result<(), PodsError> {
        let _guard = self.store_lock()?;
        let dir = self.dir.join(&pod.id);
        let tmp = scratch::temp_path(&self.dir, "rm");
        match fs::rename(&dir, &tmp) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(PodsError::io("remove", &dir)(e)),
        }
        atomic::sync_dir(&self.dir).map_err(PodsError::io("remove", &self.dir))?;
        scratch::remove_any(&tmp).map_err(PodsError::io("remove", &tmp))
    }
}

#[cfg(test)]
mod tests;
