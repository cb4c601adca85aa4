//! When an image is fetched from its registry: run's and create's `--pull`, pull's `--policy`.

use super::lists;
use super::progress::Progress;
use super::pull::{self, PullError, PullOptions};
use super::store::{ImageRecord, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullPolicy {
    /// Only when the store does not have it (run's default).
    Missing,
    /// pull's default.
    Always,
    Never,
    /// podman's `newer`: pulled when the registry's digest differs from the local one; a
    /// registry that cannot be reached leaves the local image in use, with a warning.
    Newer,
}

impl PullPolicy {
    /// The policy `value` names; the error says what is accepted.
    pub fn parse(value: &str) -> Result<PullPolicy, String> {
        Ok(match value {
            "missing" => PullPolicy::Missing,
            "always" => PullPolicy::Always,
            "never" => PullPolicy::Never,
            "newer" => PullPolicy::Newer,
            _ => return Err("expected missing, always, never or newer".into()),
        })
    }
}

/// The image `reference` names, pulled as `policy` says.
pub fn fetch(
    store: &Store,
    reference: &str,
    policy: PullPolicy,
    opts: &PullOptions,
    progress: &dyn Progress,
) -> Result<ImageRecord, PullError> {
    // A local manifest list means its image for the platform, as podman's lookup does.
    let local = store.index().and_then(|images| {
        lists::find_image_for(store, &images, reference, opts.registries, &opts.platform)
    });
    let have_local = !matches!(local, Err(StoreError::NotFound(_)));
    let need_pull = match policy {
        PullPolicy::Always | PullPolicy::Newer => true,
        PullPolicy::Never => false,
        PullPolicy::Missing => !have_local,
    };
    tracing::debug!("image {reference}: pull policy {policy:?}, found locally: {have_local}");
    if !need_pull {
        return Ok(local?);
    }
    // A pull of what the store has already fetches the manifest and nothing else: that is how
    // `newer` learns whether the registry's digest differs. Only a registry that cannot be
    // reached leaves the local image in use: any answer it gave (a newer image the trust
    // policy refuses, a missing tag) is the user's to see.
    let pulled = match pull::pull(store, reference, opts, progress) {
        Ok(pulled) => pulled,
        Err(e) if policy == PullPolicy::Newer && have_local && e.is_unreachable() => {
            tracing::warn!("--pull newer: keeping the local image {reference}: {e}");
            return Ok(local?);
        }
        Err(e) => return Err(e),
    };
    Ok(store.find(pulled.id.as_str(), opts.registries)?)
}
