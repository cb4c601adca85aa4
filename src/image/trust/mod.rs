//! Image trust as containers/image has it: the policy (containers-policy.json(5)) that
//! decides whether a pulled image is accepted; for "simple signing" the signature storage
//! beside a registry (containers-registries.d(5) `lookaside`), the signatures' JSON payload
//! (containers-signature(5)) and GnuPG, which makes and checks the OpenPGP part; for sigstore,
//! signatures attached to the image in its registry, made and checked with ECDSA keys.

use std::path::PathBuf;

use crate::config::Paths;

pub mod gpg;
pub mod lookaside;
pub mod payload;
pub mod policy;
pub mod show;
pub mod sign;
pub mod sigstore;
pub mod sigstore_key;
pub mod sigstore_params;
mod verify;

pub use verify::{Trust, check};

/// Where the trust configuration is read and signatures are kept by default, in lookup order
/// (the user's file first, as containers/image reads them).
#[derive(Debug, Clone)]
pub struct TrustFiles {
    /// `$XDG_CONFIG_HOME/containers/policy.json`, then `/etc/containers/policy.json`.
    pub policies: Vec<PathBuf>,
    /// `$XDG_CONFIG_HOME/containers/registries.d`, then `/etc/containers/registries.d`.
    pub registries_d: Vec<PathBuf>,
    /// `$XDG_DATA_HOME/containers/sigstore`: the storage when registries.d configures none.
    pub default_lookaside: PathBuf,
}

impl TrustFiles {
    pub fn of(paths: &Paths) -> TrustFiles {
        TrustFiles {
            policies: vec![
                paths.config_home.join("containers/policy.json"),
                PathBuf::from("/etc/containers/policy.json"),
            ],
            registries_d: vec![
                paths.config_home.join("containers/registries.d"),
                PathBuf::from("/etc/containers/registries.d"),
            ],
            default_lookaside: paths.data_home.join("containers/sigstore"),
        }
    }

    /// The policy file that applies: the first that exists.
    pub fn policy_in_use(&self) -> Option<&PathBuf> {
        self.policies.iter().find(|p| p.exists())
    }

    /// The registries.d directory that applies: the first that exists.
    pub fn registries_d_in_use(&self) -> Option<&PathBuf> {
        self.registries_d.iter().find(|p| p.is_dir())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("invalid policy file {path}: {reason}")]
    Policy { path: String, reason: String },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid registries.d configuration {path}: {reason}")]
    Lookaside { path: String, reason: String },
    /// podman's wording, which scripts match on.
    #[error("Source image rejected: {0}")]
    Rejected(String),
    #[error("cannot read the signatures of {reference} from {url}: {reason}")]
    Fetch {
        reference: String,
        url: String,
        reason: String,
    },
    #[error("cannot run gpg: {0}")]
    GpgMissing(std::io::Error),
    #[error("gpg failed to {what}: {message}")]
    Gpg { what: String, message: String },
    #[error(transparent)]
    Registry(#[from] crate::image::registry::RegistryError),
    #[error("{0}")]
    Invalid(String),
}

impl TrustError {
    pub fn hint(&self) -> Option<String> {
        match self {
            TrustError::GpgMissing(_) => Some(
                "signing and checking signatures needs GnuPG (Debian: apt install gnupg)".into(),
            ),
            TrustError::Rejected(_) => Some(
                "`rpod image trust show` lists the policy; signatures are read from the \
                 lookaside storage registries.d names"
                    .into(),
            ),
            TrustError::Registry(e) => e.hint(),
            _ => None,
        }
    }
}
