//! `build --cache-from/--cache-to`: the build cache in a registry. Each step's image is pushed
//! to the `--cache-to` repositories tagged with the hex of its build key (the hash of its
//! parent and the step, which the local cache looks up), and a step the store has no image for
//! is looked up by that tag in the `--cache-from` repositories. A pulled image keeps the id
//! it was built with, so the keys of the steps after it are the ones the first build made: a
//! clean store, or another machine, goes on hitting the cache step after step.

use std::time::Duration;

use super::Builder;
use super::error::StepError;
use crate::ids::Digest;
use crate::image::manifest::Platform;
use crate::image::progress;
use crate::image::pull::{self, PullError, PullOptions};
use crate::image::push::{self, LayerCompression, ManifestFormat, PushHow};
use crate::image::reference::{Parsed, Reference};
use crate::image::registry::RegistryError;
use crate::image::store::{ImageRecord, StoreError};

/// The cache options of a build.
#[derive(Debug, Default)]
pub struct RemoteCache {
    /// Repositories looked in, in order, for a step the store has no image for.
    pub from: Vec<Reference>,
    /// Repositories every step's image is pushed to.
    pub to: Vec<Reference>,
    /// How pushed layers are compressed (rpod.toml's `[push]`).
    pub compression: LayerCompression,
    /// `--cache-ttl`: only cache images created less than this long ago are used.
    pub ttl: Option<Duration>,
}

/// A `--cache-from`/`--cache-to` repository: a name without tag or digest, as buildah's.
pub fn parse_repository(flag: &str, text: &str) -> Result<Reference, String> {
    let parsed = Parsed::parse(text).map_err(|e| format!("invalid {flag} {text:?}: {e}"))?;
    if parsed.tag.is_some() || parsed.digest.is_some() {
        return Err(format!(
            "invalid {flag} {text:?}: name a repository without tag or digest; rpod tags each \
             step's image with its cache key there"
        ));
    }
    if parsed.registry.is_none() {
        return Err(format!(
            "invalid {flag} {text:?}: name the registry too (REGISTRY/REPOSITORY)"
        ));
    }
    Reference::parse_docker(text).map_err(|e| format!("invalid {flag} {text:?}: {e}"))
}

impl RemoteCache {
    /// Whether an image created at `created` is recent enough to be used.
    pub(super) fn fresh(&self, image: &ImageRecord) -> bool {
        let Some(ttl) = self.ttl else {
            return true;
        };
        let created = image
            .created
            .as_deref()
            .and_then(|c| c.parse::<jiff::Timestamp>().ok());
        created.is_some_and(|c| {
            let age = jiff::Timestamp::now().duration_since(c);
            age.as_secs() >= 0 && age.unsigned_abs() < ttl
        })
    }
}

fn tagged(repo: &Reference, key: &Digest) -> Reference {
    Reference {
        tag: Some(key.hex().to_string()),
        digest: None,
        ..repo.clone()
    }
}

impl Builder<'_> {
    /// The image a `--cache-from` repository holds for the step with `key` on `parent`, pulled
    /// into the store and recorded as that step's image. A repository that cannot be read
    /// is named in a warning, and the step is built.
    pub(super) fn remote_hit(
        &mut self,
        parent: Option<&ImageRecord>,
        key: &Digest,
    ) -> Result<Option<ImageRecord>, StepError> {
        let (store, opts) = (self.engine.store, self.opts);
        let cache = &opts.more.remote_cache;
        for repo in &cache.from {
            let source = tagged(repo, key);
            let pull_opts = PullOptions {
                platform: opts.platform.clone().unwrap_or_else(Platform::host),
                registry: &opts.registry,
                registries: &self.engine.config.registries,
            };
            let quiet = progress::for_terminal(true);
            let pulled = match pull::pull(store, &source.to_string(), &pull_opts, quiet.as_ref()) {
                Ok(pulled) => pulled,
                Err(PullError::Registry(RegistryError::ManifestUnknown { .. })) => continue,
                Err(e) => {
                    tracing::warn!("cannot read the build cache {source}: {e}; the step runs");
                    continue;
                }
            };
            let index = store.index()?;
            let image = index
                .get(&pulled.id)
                .ok_or_else(|| StoreError::NotFound(pulled.id.to_string()))?;
            // The step adds to its parent's layers: anything else is not this step's image.
            let base = parent.map_or(&[][..], |p| &p.layers[..]);
            if !image.layers.starts_with(base) {
                tracing::warn!(
                    "the build cache {source} is not built on this step's parent: not used"
                );
                continue;
            }
            if !cache.fresh(image) {
                continue;
            }
            let tag = source.tagged_name().expect("tagged above");
            let image = store.adopt_build_step(&pulled.id, &tag, parent.map(|p| &p.id), key)?;
            self.say(&format!(
                "--> Using cache {} from {}",
                image.id,
                repo.name()
            ));
            return Ok(Some(image));
        }
        Ok(None)
    }

    /// Pushes the step image `image` (made or taken from the cache) to every `--cache-to`
    /// repository, tagged with its key.
    pub(super) fn push_to_cache(
        &mut self,
        image: &ImageRecord,
        key: &Digest,
    ) -> Result<(), StepError> {
        let opts = self.opts;
        let cache = &opts.more.remote_cache;
        let how = PushHow {
            format: ManifestFormat::Keep,
            compression: cache.compression,
        };
        for repo in &cache.to {
            let dest = tagged(repo, key);
            let quiet = progress::for_terminal(true);
            push::push(
                self.engine.store,
                image,
                &dest,
                how,
                None,
                &opts.registry,
                quiet.as_ref(),
            )
            .map_err(|source| StepError::CachePush {
                repo: repo.name(),
                source: Box::new(source),
            })?;
            self.say(&format!(
                "--> Pushed cache {} to {}",
                image.id.short(),
                repo.name()
            ));
        }
        Ok(())
    }
}
