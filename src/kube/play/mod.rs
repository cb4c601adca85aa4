//! `kube play` and `kube down`: Kubernetes YAML run as rpod pods. Every document is read
//! into typed values and every container into the [`RunPlan`] `run` would build before
//! anything is written (`manifest`, `recipe`); then the images the YAML's directory layout
//! says to build are built (`build`), and each pod is made with the engine calls
//! of `pod create`, `create --pod` and `start` (`apply`).
//!
//! [`RunPlan`]: crate::container::plan::RunPlan

mod apply;
mod build;
mod foreground;
mod manifest;
mod read;
mod recipe;
mod seccomp;
mod values;

use std::path::PathBuf;

use crate::image::auth::Credentials;

pub use apply::{Downed, Played, down, play};
pub use build::BuildRequest;
pub use foreground::play_in_foreground;
pub use manifest::{Manifest, PodDoc, parse};

/// `kube play`'s flags, as given.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    /// `--replace`: pods (and containers) of the same names go first.
    pub replace: bool,
    /// `--start` (default true): start the pods once created.
    pub start: bool,
    /// `--network`: the pods' network instead of the default.
    pub network: Option<String>,
    /// `--publish`: ports published on each pod, over the YAML's hostPorts of the same
    /// container port.
    pub publish: Vec<String>,
    /// `--tls-verify`, `--creds`, `--cert-dir`, `--authfile`: how the containers' images are
    /// pulled, as `run`'s flags of the same names.
    pub tls_verify: Option<bool>,
    pub creds: Option<Credentials>,
    pub cert_dir: Option<PathBuf>,
    pub authfile: Option<PathBuf>,
    /// `--quiet`: no pull progress.
    pub quiet: bool,
    /// `--annotation KEY=VALUE`: on every container made.
    pub annotations: Vec<String>,
    /// `--log-driver`, `--log-opt`: every container's, as `run`'s.
    pub log_driver: Option<String>,
    pub log_opts: Vec<String>,
    /// `--userns`: the pods' user namespace, as `pod create --userns`.
    pub userns: Option<String>,
    /// `--ip`, `--mac-address`: the first pod's, the second's, … (one each at most).
    pub ips: Vec<String>,
    pub macs: Vec<String>,
    /// `--no-hosts`, `--no-hostname`: as `pod create`'s.
    pub no_hosts: bool,
    pub no_hostname: bool,
    /// `--publish-all`: every containerPort without a hostPort published on the same port.
    pub publish_all: bool,
    /// `--no-pod-prefix`: containers are named as in the YAML, not `<pod>-<container>`.
    pub no_pod_prefix: bool,
    /// `--seccomp-profile-root`: where `Localhost` seccomp profiles are.
    pub seccomp_profile_root: PathBuf,
}

#[cfg(test)]
mod tests;
