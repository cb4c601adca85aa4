//! `pull`: manifest (choosing a platform from an index), config, then every missing layer
//! streamed download → decompress → verify → extract, several at once, and finally the
//! image record. Nothing is recorded until every piece is verified and in place.

use std::io::{self, Read};

use bytes::{Buf, Bytes};
use futures_util::{StreamExt, TryStreamExt};
use tokio::sync::mpsc;

use super::crypt::{self, CryptError, DecryptionKeys, LayerKey};
use super::layer_tar::{self, LayerTarError};
use super::manifest::{self, Descriptor, Document, ImageConfig, ManifestError, Platform};
use super::progress::{BlobOutcome, Progress};
use super::reference::{Parsed, RefError, Reference};
use super::registry::{RegistryError, RegistryOptions, Session};
use super::store::{LayerInfo, Store, StoreError};
use super::trust::{self, Trust, TrustError};
use crate::config::RegistriesConfig;
use crate::ids::{Digest, ImageId};

/// Layers fetched at once: enough to fill a link, few enough for two cores to unpack.
const CONCURRENT_LAYERS: usize = 3;
pub(super) const CHANNEL_CHUNKS: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("layer {digest}: {source}")]
    Layer {
        digest: Digest,
        source: LayerTarError,
    },
    #[error("layer {digest}: its content has diff id {actual}, the image config says {expected}")]
    DiffIdMismatch {
        digest: Digest,
        expected: Digest,
        actual: Digest,
    },
    #[error(
        "invalid image {reference}: the manifest lists {layers} layers, the config {diff_ids} diff ids"
    )]
    LayerCount {
        reference: String,
        layers: usize,
        diff_ids: usize,
    },
    #[error("invalid image {reference}: an index entry points to another index")]
    NestedIndex { reference: String },
    #[error("cannot pull {name}: {}", .attempts.iter().map(|(r, e)| format!("{r}: {e}")).collect::<Vec<_>>().join("; "))]
    AllCandidates {
        name: String,
        attempts: Vec<(String, PullError)>,
    },
    #[error(transparent)]
    Trust(#[from] TrustError),
    #[error("cannot start the I/O runtime: {0}")]
    Runtime(io::Error),
    #[error(transparent)]
    Crypt(#[from] CryptError),
}

impl PullError {
    pub fn hint(&self) -> Option<String> {
        match self {
            PullError::Registry(e) => e.hint(),
            PullError::Store(e) => e.hint(),
            PullError::Trust(e) => e.hint(),
            PullError::AllCandidates { .. } => Some(
                "use a fully qualified name (registry/repository:tag), or set [registries] \
                 unqualified-search in rpod.toml"
                    .into(),
            ),
            _ => None,
        }
    }

    /// No registry answered about the image: `--pull newer` keeps the local image then, and
    /// only then (a refusal by the trust policy, a missing tag or a broken image are answers).
    pub fn is_unreachable(&self) -> bool {
        match self {
            PullError::Registry(e) => e.is_unreachable(),
            PullError::AllCandidates { attempts, .. } => {
                attempts.iter().all(|(_, e)| e.is_unreachable())
            }
            _ => false,
        }
    }
}

pub struct PullOptions<'a> {
    pub platform: Platform,
    pub registry: &'a RegistryOptions,
    pub registries: &'a RegistriesConfig,
}

#[derive(Debug, Clone)]
pub struct Pulled {
    pub id: ImageId,
    pub reference: Reference,
}

/// The tokio runtime for one command's registry I/O; dropped before anything is spawned.
pub fn io_runtime() -> Result<tokio::runtime::Runtime, io::Error> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}

/// Pulls `name_or_id`, trying each registry it may mean in order, and returns the stored image.
pub fn pull(
    store: &Store,
    name_or_id: &str,
    opts: &PullOptions,
    progress: &dyn Progress,
) -> Result<Pulled, PullError> {
    let parsed = Parsed::parse(name_or_id)?;
    let candidates = parsed.candidates(opts.registries);
    let trust = Trust::load(&opts.registry.trust)?;
    let runtime = io_runtime().map_err(PullError::Runtime)?;
    let mut attempts = Vec::new();
    for candidate in &candidates {
        progress.step(&format!("Trying to pull {candidate}..."));
        match runtime.block_on(pull_reference(store, candidate, opts, &trust, progress)) {
            Ok(pulled) => return Ok(pulled),
            Err(e) if candidates.len() == 1 => return Err(e),
            Err(e) => attempts.push((candidate.to_string(), e)),
        }
    }
    Err(PullError::AllCandidates {
        name: name_or_id.to_string(),
        attempts,
    })
}

/// Every tag of the repository `spec` names (`pull --all-tags`), as references to pull, from
/// the first registry that lists them.
pub fn all_tags(spec: &str, opts: &PullOptions) -> Result<Vec<Reference>, PullError> {
    let parsed = Parsed::parse(spec)?;
    let candidates = parsed.candidates(opts.registries);
    let runtime = io_runtime().map_err(PullError::Runtime)?;
    let mut attempts = Vec::new();
    for candidate in &candidates {
        let listed = Session::new(candidate, opts.registry)
            .map_err(PullError::from)
            .and_then(|session| Ok(runtime.block_on(session.tags(candidate))?));
        match listed {
            Ok(tags) => {
                return Ok(tags
                    .into_iter()
                    .map(|tag| Reference {
                        tag: Some(tag),
                        digest: None,
                        ..candidate.clone()
                    })
                    .collect());
            }
            Err(e) if candidates.len() == 1 => return Err(e),
            Err(e) => attempts.push((candidate.to_string(), e)),
        }
    }
    Err(PullError::AllCandidates {
        name: spec.to_string(),
        attempts,
    })
}

/// The registries to fetch `reference` from: its mirrors first, then itself.
fn sources(reference: &Reference, registries: &RegistriesConfig) -> Vec<Reference> {
    let mut out: Vec<Reference> = registries
        .mirrors
        .get(&reference.registry)
        .into_iter()
        .flatten()
        .map(|mirror| reference.with_registry(mirror))
        .collect();
    out.push(reference.clone());
    out
}

async fn first_answering_source(
    reference: &Reference,
    opts: &PullOptions<'_>,
) -> Result<(Session, Reference, Bytes, Digest), PullError> {
    let mut last_error = None;
    for source in sources(reference, opts.registries) {
        let attempt = async {
            let session = Session::new(&source, opts.registry)?;
            let (bytes, digest) = session.manifest(&source).await?;
            Ok::<_, RegistryError>((session, bytes, digest))
        };
        match attempt.await {
            Ok((session, bytes, digest)) => return Ok((session, source, bytes, digest)),
            Err(e) => {
                if source.registry != reference.registry {
                    tracing::warn!(
                        "mirror {} failed, trying the next source: {e}",
                        source.registry
                    );
                }
                last_error = Some(e);
            }
        }
    }
    Err(last_error
        .expect("every reference has at least itself as a source")
        .into())
}

/// The platform's manifest a reference names now, and the index it was chosen from.
struct Resolved {
    manifest: manifest::Manifest,
    manifest_bytes: Bytes,
    manifest_digest: Digest,
    index: Option<(Bytes, Digest)>,
}

async fn resolve(
    reference: &Reference,
    opts: &PullOptions<'_>,
) -> Result<(Session, Reference, Resolved), PullError> {
    let (session, source, top_bytes, top_digest) = first_answering_source(reference, opts).await?;
    let resolved = match Document::parse(&top_bytes, None, &top_digest)? {
        Document::Manifest(manifest) => Resolved {
            manifest: *manifest,
            manifest_bytes: top_bytes,
            manifest_digest: top_digest,
            index: None,
        },
        Document::Index(index) => {
            let entry = index.select(&opts.platform, &top_digest)?;
            let by_digest = source.with_digest(&entry.digest);
            let (bytes, digest) = session.manifest(&by_digest).await?;
            match Document::parse(&bytes, Some(&entry.media_type), &digest)? {
                Document::Manifest(manifest) => Resolved {
                    manifest: *manifest,
                    manifest_bytes: bytes,
                    manifest_digest: digest,
                    index: Some((top_bytes, top_digest)),
                },
                Document::Index(_) => {
                    return Err(PullError::NestedIndex {
                        reference: reference.to_string(),
                    });
                }
            }
        }
    };
    Ok((session, source, resolved))
}

/// The id a pull of `reference` would store now (its config's digest), from the registry's
/// manifests alone: no layer is fetched. `auto-update` compares it with a container's image.
pub fn remote_id(reference: &Reference, opts: &PullOptions) -> Result<ImageId, PullError> {
    let runtime = io_runtime().map_err(PullError::Runtime)?;
    let (_, _, resolved) = runtime.block_on(resolve(reference, opts))?;
    Ok(ImageId::from_config_digest(
        &resolved.manifest.config.digest,
    ))
}

async fn pull_reference(
    store: &Store,
    reference: &Reference,
    opts: &PullOptions<'_>,
    trust: &Trust,
    progress: &dyn Progress,
) -> Result<Pulled, PullError> {
    let (session, source, resolved) = resolve(reference, opts).await?;
    trust::check(trust, &session, reference, &resolved.manifest_digest).await?;
    let Resolved {
        manifest,
        manifest_bytes,
        manifest_digest,
        index,
    } = resolved;
    // Encrypted layers are opened (their keys unsealed) before anything is downloaded: a
    // missing or wrong key fails at once.
    let layer_keys = manifest
        .layers
        .iter()
        .map(|layer| open_layer(layer, &opts.registry.decryption))
        .collect::<Result<Vec<_>, _>>()?;
    let config_bytes = session.small_blob(&source, &manifest.config).await?;
    let config = ImageConfig::parse(&config_bytes, &manifest.config.digest)?;
    let diff_ids = &config.rootfs.diff_ids;
    if diff_ids.len() != manifest.layers.len() {
        return Err(PullError::LayerCount {
            reference: reference.to_string(),
            layers: manifest.layers.len(),
            diff_ids: diff_ids.len(),
        });
    }
    if config.architecture != opts.platform.architecture || config.os != opts.platform.os {
        tracing::warn!(
            "image platform ({}/{}) does not match the expected platform ({})",
            config.os,
            config.architecture,
            opts.platform
        );
    }

    let chain = manifest::chain_ids(diff_ids);
    let jobs = manifest
        .layers
        .iter()
        .enumerate()
        .map(|(i, desc)| LayerJob {
            desc,
            key: layer_keys[i].as_ref(),
            diff_id: &diff_ids[i],
            chain_id: &chain[i],
            parent: i.checked_sub(1).map(|p| &chain[p]),
        });
    let sizes: Vec<u64> = futures_util::stream::iter(jobs)
        .map(|job| fetch_layer(store, &session, &source, job, progress))
        .buffered(CONCURRENT_LAYERS)
        .try_collect()
        .await?;

    progress.step("Writing manifest to image destination");
    store.put_blob(&config_bytes)?;
    store.put_blob(&manifest_bytes)?;
    let mut record = Store::new_record(
        ImageId::from_config_digest(&manifest.config.digest),
        manifest_digest.clone(),
        chain,
        sizes.iter().sum(),
        config.created.clone(),
    );
    record
        .repo_digests
        .push(format!("{}@{manifest_digest}", reference.name()));
    if let Some((index_bytes, index_digest)) = index {
        store.put_blob(&index_bytes)?;
        record
            .repo_digests
            .push(format!("{}@{index_digest}", reference.name()));
    }
    if let Some(name) = reference.tagged_name() {
        record.names.push(name);
    }
    let id = record.id.clone();
    store.add_image(record)?;
    Ok(Pulled {
        id,
        reference: reference.clone(),
    })
}

/// The key of an encrypted layer (None for a plain one), after checking that rpod can unpack
/// what it holds.
fn open_layer(layer: &Descriptor, keys: &DecryptionKeys) -> Result<Option<LayerKey>, PullError> {
    if !crypt::is_encrypted(&layer.media_type) {
        manifest::check_layer_type(layer)?;
        return Ok(None);
    }
    let key = LayerKey::open(layer, keys)?;
    manifest::check_layer_type(&key.plain_descriptor(layer))?;
    Ok(Some(key))
}

struct LayerJob<'a> {
    desc: &'a Descriptor,
    key: Option<&'a LayerKey>,
    diff_id: &'a Digest,
    chain_id: &'a Digest,
    parent: Option<&'a Digest>,
}

/// Makes one layer present in the store; returns its uncompressed size.
async fn fetch_layer(
    store: &Store,
    session: &Session,
    source: &Reference,
    job: LayerJob<'_>,
    progress: &dyn Progress,
) -> Result<u64, PullError> {
    let digest = &job.desc.digest;
    if store.has_layer(job.chain_id) {
        progress.blob_done(digest, BlobOutcome::AlreadyExists);
        return Ok(store.layer_info(job.chain_id)?.size);
    }
    progress.blob_start(digest, job.desc.size);
    // A download that breaks off starts again from scratch in a fresh layer directory: the
    // registry API has no reliable resume, and a layer is verified only whole.
    let transient = |e: &PullError| matches!(e, PullError::Registry(e) if e.is_transient());
    let result = session
        .retry_policy()
        .run(transient, || {
            download_and_unpack(store, session, source, &job, progress)
        })
        .await;
    progress.blob_done(
        digest,
        if result.is_ok() {
            BlobOutcome::Copied
        } else {
            BlobOutcome::Failed
        },
    );
    result
}

async fn download_and_unpack(
    store: &Store,
    session: &Session,
    source: &Reference,
    job: &LayerJob<'_>,
    progress: &dyn Progress,
) -> Result<u64, PullError> {
    let digest = &job.desc.digest;
    let mut stream = session.blob(source, job.desc).await?;
    let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(CHANNEL_CHUNKS);
    let input: Box<dyn Read + Send> = match job.key {
        Some(key) => Box::new(key.decrypting(ChannelReader::new(rx), digest)?),
        None => Box::new(ChannelReader::new(rx)),
    };
    let layer = store.new_layer()?;
    let worker = tokio::task::spawn_blocking(move || {
        let stats = layer_tar::unpack_compressed(input, &layer);
        (layer, stats)
    });

    let mut download_error = None;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(bytes) => {
                progress.blob_bytes(digest, bytes.len() as u64);
                if tx.send(Ok(bytes)).await.is_err() {
                    break; // the worker failed; its error says why
                }
            }
            Err(e) => {
                let _ = tx.send(Err(io::Error::other("download interrupted"))).await;
                download_error = Some(session.stream_error(digest, e));
                break;
            }
        }
    }
    drop(tx);
    let (layer, outcome) = worker.await.expect("the unpack worker does not panic");
    if let Some(e) = download_error {
        return Err(e.into());
    }
    let stats = outcome.map_err(|source| PullError::Layer {
        digest: digest.clone(),
        source,
    })?;
    if stats.diff_id != *job.diff_id {
        return Err(PullError::DiffIdMismatch {
            digest: digest.clone(),
            expected: job.diff_id.clone(),
            actual: stats.diff_id,
        });
    }
    layer.commit(&LayerInfo {
        chain_id: job.chain_id.clone(),
        diff_id: stats.diff_id,
        parent: job.parent.cloned(),
        size: stats.size,
        // The plaintext blob: a later push must not reuse the encrypted one unawares.
        blob: Some(match job.key {
            Some(key) => key.plain_descriptor(job.desc),
            None => job.desc.clone(),
        }),
        relocated: stats.relocated,
        owners_recorded: true,
    })?;
    Ok(stats.size)
}

/// The blocking side of the download channel.
pub(super) struct ChannelReader {
    rx: mpsc::Receiver<io::Result<Bytes>>,
    current: Bytes,
}

impl ChannelReader {
    pub(super) fn new(rx: mpsc::Receiver<io::Result<Bytes>>) -> ChannelReader {
        ChannelReader {
            rx,
            current: Bytes::new(),
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(bytes)) => self.current = bytes,
                Some(Err(e)) => return Err(e),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        self.current.advance(n);
        Ok(n)
    }
}
