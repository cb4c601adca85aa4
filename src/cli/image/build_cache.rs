//! `build --cache-from/--cache-to/--cache-ttl`: the build cache in a registry.

use clap::Args;

use crate::builder::remote_cache::{RemoteCache, parse_repository};
use crate::cli::context::Context;
use crate::error::Error;
use crate::format::units::parse_go_duration;
use crate::image::push::{CompressionChoice, LayerCompression, ManifestFormat};

#[derive(Debug, Args)]
pub struct CacheFlags {
    /// Look for each step's image in this repository (REGISTRY/REPOSITORY, no tag) before
    /// running the step; several are tried in order
    #[arg(long = "cache-from", value_name = "REPOSITORY")]
    pub cache_from: Vec<String>,
    /// Push each step's image to this repository, tagged with the step's cache key
    #[arg(long = "cache-to", value_name = "REPOSITORY")]
    pub cache_to: Vec<String>,
    /// Use only cache images created less than this long ago (e.g. 1h30m; 0 is --no-cache)
    #[arg(long = "cache-ttl", value_name = "DURATION")]
    pub cache_ttl: Option<String>,
}

impl CacheFlags {
    /// The remote cache, and whether `--cache-ttl=0` turns the cache off. `layers` is whether
    /// steps are kept as cache at all (`--layers=false` is refused with these options).
    pub fn remote(&self, ctx: &Context, layers: bool) -> Result<(RemoteCache, bool), Error> {
        let usage = Error::Usage;
        if !layers && (!self.cache_from.is_empty() || !self.cache_to.is_empty()) {
            return Err(usage(
                "--cache-from and --cache-to need the build's layers: they cannot be used with \
                 --layers=false"
                    .into(),
            ));
        }
        let repositories = |flag: &str, list: &[String]| -> Result<Vec<_>, Error> {
            list.iter()
                .map(|r| parse_repository(flag, r).map_err(usage))
                .collect()
        };
        let ttl = self
            .cache_ttl
            .as_deref()
            .map(|text| {
                parse_go_duration(text).ok_or_else(|| {
                    usage(format!(
                        "invalid --cache-ttl {text:?}: expected a duration such as 30m or 1h30m"
                    ))
                })
            })
            .transpose()?;
        let choice = CompressionChoice::configured(&ctx.config.push);
        let compression = LayerCompression::new(choice, ManifestFormat::Keep)
            .map_err(crate::image::push::PushError::from)?;
        let cache = RemoteCache {
            from: repositories("--cache-from", &self.cache_from)?,
            to: repositories("--cache-to", &self.cache_to)?,
            compression,
            ttl,
        };
        Ok((cache, ttl.is_some_and(|t| t.is_zero())))
    }
}
