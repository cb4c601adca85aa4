//! Kubernetes YAML from rpod's containers and pods (`kube generate`): the step from one
//! machine to a cluster. Containers map to a Pod (or a Deployment, DaemonSet or Job's pod
//! template), their published ports to a Service on request. The way back, YAML run as
//! pods, is `play` (`kube play`, `kube down`).

mod container;
pub mod deploy;
mod generate;
pub mod kubeconfig;
mod names;
pub mod play;
mod reserved;
pub mod types;
mod yaml;

pub use generate::{Generated, generate};

use std::str::FromStr;

use crate::container::ContainerError;

#[derive(Debug, thiserror::Error)]
pub enum KubeError {
    #[error("{0}")]
    Container(#[from] ContainerError),
    #[error("no such pod or container: {0}")]
    NotFound(String),
    #[error("{0:?}: expected pod, deployment, daemonset or job")]
    Kind(String),
    #[error("--replicas can only be set with --type=deployment")]
    Replicas,
    #[error("cannot write YAML: {0}")]
    Yaml(#[from] serde_yaml_ng::Error),
    /// Bad input to `kube play`: where (file, document, kind and name), and what.
    #[error("{at}: {reason}")]
    Invalid { at: String, reason: String },
    /// `--ip` or `--mac-address` given more often than the YAML has pods.
    #[error("{flag} was given {given} times, but the YAML has {pods} pods: one each at most")]
    PerPod {
        flag: &'static str,
        given: usize,
        pods: usize,
    },
    /// `--wait` could not take the signals that end it.
    #[error("cannot wait for SIGINT and SIGTERM: {0}")]
    Signals(nix::Error),
    #[error("init container {container} exited with code {code}")]
    InitFailed { container: String, code: i32 },
    #[error("kubeconfig {}: {reason}", path.display())]
    Kubeconfig {
        path: std::path::PathBuf,
        reason: String,
    },
    #[error("cannot reach the cluster at {server}: {reason}")]
    Cluster { server: String, reason: String },
    /// The API server refused an object: its status and its own message.
    #[error("{kind} {name}: the cluster answered {status}: {message}")]
    Refused {
        kind: String,
        name: String,
        status: u16,
        message: String,
    },
    #[error("building {image}: {source}")]
    Build {
        image: String,
        source: Box<crate::builder::BuildError>,
    },
}

impl KubeError {
    pub fn exit_code(&self) -> u8 {
        match self {
            KubeError::Container(e) => e.exit_code(),
            KubeError::Build { source, .. } => source.exit_code(),
            _ => 125,
        }
    }
}

/// The object the pod becomes: `--type`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Pod,
    Deployment,
    DaemonSet,
    Job,
}

impl FromStr for Kind {
    type Err = KubeError;

    fn from_str(s: &str) -> Result<Self, KubeError> {
        match s {
            "pod" => Ok(Kind::Pod),
            "deployment" => Ok(Kind::Deployment),
            "daemonset" => Ok(Kind::DaemonSet),
            "job" => Ok(Kind::Job),
            _ => Err(KubeError::Kind(s.into())),
        }
    }
}

/// What `kube generate` writes, validated before anything is read.
#[derive(Debug, Clone)]
pub struct Request {
    pub targets: Vec<String>,
    pub kind: Kind,
    pub service: bool,
    pub replicas: Option<u32>,
    /// `--podman-only`: podman's reserved annotations, which a cluster cannot use, included.
    pub podman_only: bool,
}

impl Request {
    pub fn new(
        targets: Vec<String>,
        kind: Kind,
        service: bool,
        replicas: Option<u32>,
        podman_only: bool,
    ) -> Result<Request, KubeError> {
        if replicas.is_some() && kind != Kind::Deployment {
            return Err(KubeError::Replicas);
        }
        Ok(Request {
            targets,
            kind,
            service,
            replicas,
            podman_only,
        })
    }
}
