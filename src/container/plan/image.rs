//! The image a container runs and how it is fetched: `--pull`, `--platform`, `--tls-verify`,
//! `--creds`.

use super::super::ContainerError;
use super::RunOptions;
use crate::image::auth::Credentials;
use crate::image::manifest::Platform;

/// `--pull`: when the image is fetched from its registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullPolicy {
    /// Only when the store does not have it (the default).
    Missing,
    Always,
    Never,
    /// podman's `newer`: pulled when the registry's digest differs from the local one; a
    /// registry that cannot be reached leaves the local image in use, with a warning.
    Newer,
}

impl PullPolicy {
    pub fn parse(value: &str) -> Result<PullPolicy, ContainerError> {
        Ok(match value {
            "missing" => PullPolicy::Missing,
            "always" => PullPolicy::Always,
            "never" => PullPolicy::Never,
            "newer" => PullPolicy::Newer,
            other => {
                return Err(ContainerError::invalid(
                    "--pull",
                    other,
                    "expected missing, always, never or newer",
                ));
            }
        })
    }
}

#[derive(Debug, Clone)]
pub struct ImagePlan {
    /// The image as the user named it.
    pub reference: String,
    pub pull: PullPolicy,
    pub platform: Platform,
    pub tls_verify: Option<bool>,
    pub creds: Option<Credentials>,
}

impl ImagePlan {
    pub fn build(opts: &RunOptions) -> Result<ImagePlan, ContainerError> {
        let more = &opts.more;
        let platform = Platform::from_flags(
            opts.platform.as_deref(),
            more.os.as_deref(),
            more.arch.as_deref(),
            more.variant.as_deref(),
        )?;
        Ok(ImagePlan {
            reference: opts.image.clone(),
            pull: PullPolicy::parse(opts.pull.as_deref().unwrap_or("missing"))?,
            platform,
            tls_verify: opts.tls_verify,
            creds: opts.creds.clone(),
        })
    }
}
