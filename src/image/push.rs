//! `push`: the image's layers (the original compressed blob where the registry already has it
//! and its compression is acceptable, else the exact tar rebuilt from the store and compressed
//! with gzip or zstd), its config, then its manifest.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::StreamExt;

use super::crypt::{self, CryptError, Encryption};
use super::layer_tar;
use super::manifest::{Descriptor, Manifest, media};
use super::progress::{BlobOutcome, Progress};
use super::pull::io_runtime;
use super::reference::{RefError, Reference};
use super::registry::{BlobStream, RegistryError, RegistryOptions, Session};
use super::store::{ImageRecord, Store, StoreError};
pub use crate::config::Compression as Algorithm;
use crate::ids::{Digest, Hasher};
use crate::state::scratch;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("layer {layer}: {source}")]
    Layer {
        layer: Digest,
        source: layer_tar::LayerTarError,
    },
    #[error(
        "cannot push {name}: a destination needs a registry; give one, like rpod push {name} REGISTRY/{name}"
    )]
    NoRegistry { name: String },
    #[error("cannot start the I/O runtime: {0}")]
    Runtime(io::Error),
    #[error(transparent)]
    Compression(#[from] CompressionError),
    #[error(transparent)]
    Crypt(#[from] CryptError),
    #[error("a Docker v2s2 manifest cannot describe encrypted layers: push with --format oci")]
    DockerEncrypted,
}

#[derive(Debug, thiserror::Error)]
pub enum CompressionError {
    /// An unknown or unwritable format, or a level out of its range.
    #[error(transparent)]
    Choice(#[from] crate::config::CompressionError),
    #[error(
        "a Docker v2s2 manifest cannot describe zstd-compressed layers: push with --format oci, or with --compression-format gzip"
    )]
    DockerZstd,
}

/// The algorithm a layer blob of `media_type` is compressed with (None: uncompressed).
pub(super) fn algorithm_of_layer(media_type: &str) -> Option<Algorithm> {
    match media_type {
        media::OCI_LAYER_ZSTD => Some(Algorithm::Zstd),
        media::OCI_LAYER_GZIP | media::DOCKER_LAYER_GZIP => Some(Algorithm::Gzip),
        _ => None,
    }
}

/// How push compresses the layers it rebuilds, and which blobs the registry already holds it
/// reuses instead (podman's --compression-format, --compression-level, --force-compression).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerCompression {
    pub algorithm: Algorithm,
    /// None: the algorithm's own default (gzip 6, zstd 3).
    pub level: Option<i32>,
    /// Rebuild a layer whose original blob the registry holds in another compression, rather
    /// than reuse that blob.
    pub force: bool,
}

impl Default for LayerCompression {
    fn default() -> Self {
        LayerCompression {
            algorithm: Algorithm::Gzip,
            level: None,
            force: false,
        }
    }
}

/// What the command line and rpod.toml's `[push]` say about compression, as given.
#[derive(Debug, Clone, Copy, Default)]
pub struct CompressionChoice<'a> {
    pub format: Option<&'a str>,
    pub level: Option<i32>,
    pub force: Option<bool>,
    pub configured_format: Option<Algorithm>,
    pub configured_level: Option<i32>,
}

impl<'a> CompressionChoice<'a> {
    /// rpod.toml's `[push]` alone: what a push without compression options uses.
    pub fn configured(config: &'a crate::config::PushConfig) -> CompressionChoice<'a> {
        CompressionChoice {
            configured_format: config.compression_format,
            configured_level: config.compression_level,
            ..Default::default()
        }
    }
}

impl LayerCompression {
    /// Validates `choice` for a push with manifests of type `format`. As in podman, a format
    /// given on the command line forces recompression unless --force-compression=false says
    /// otherwise; the configured level goes with the configured format only.
    pub fn new(
        choice: CompressionChoice,
        format: ManifestFormat,
    ) -> Result<LayerCompression, CompressionError> {
        let (algorithm, level) = match choice.format {
            Some(f) => (Algorithm::parse(f)?, choice.level),
            None => (
                choice.configured_format.unwrap_or(Algorithm::Gzip),
                choice.level.or(choice.configured_level),
            ),
        };
        if let Some(level) = level {
            algorithm.check_level(level)?;
        }
        if algorithm == Algorithm::Zstd && format == ManifestFormat::Docker {
            return Err(CompressionError::DockerZstd);
        }
        Ok(LayerCompression {
            algorithm,
            level,
            force: choice.force.unwrap_or(choice.format.is_some()),
        })
    }

    /// Whether an original blob of `media_type` may stand for its layer, in a manifest that
    /// must have Docker types or not.
    fn reuses(&self, media_type: &str, docker_required: bool) -> bool {
        let algorithm = algorithm_of_layer(media_type);
        if docker_required && algorithm == Some(Algorithm::Zstd) {
            return false;
        }
        !self.force || algorithm == Some(self.algorithm)
    }
}

impl PushError {
    pub fn hint(&self) -> Option<String> {
        match self {
            PushError::Registry(e) => e.hint(),
            PushError::Store(e) => e.hint(),
            _ => None,
        }
    }
}

/// Pushes `image` to `dest`, its layers encrypted as `encryption` says, and returns the
/// manifest digest the registry now has.
pub fn push(
    store: &Store,
    image: &ImageRecord,
    dest: &Reference,
    how: PushHow,
    encryption: Option<&Encryption>,
    opts: &RegistryOptions,
    progress: &dyn Progress,
) -> Result<Digest, PushError> {
    if dest.registry == "localhost" {
        return Err(PushError::NoRegistry {
            name: dest.repository.clone(),
        });
    }
    let encrypt = match encryption {
        Some(_) if how.format == ManifestFormat::Docker => {
            return Err(PushError::DockerEncrypted);
        }
        Some(e) => Some((e, e.selected(image.layers.len())?)),
        None => None,
    };
    let runtime = io_runtime().map_err(PushError::Runtime)?;
    runtime.block_on(async {
        let session = Session::new(dest, opts)?;
        session.authorize_push(dest).await?;
        let (bytes, media_type) =
            upload_image(store, &session, image, dest, how, encrypt, progress).await?;
        progress.step("Writing manifest to image destination");
        let digest = Digest::of(&bytes);
        session.push_manifest(dest, bytes, &media_type).await?;
        Ok(digest)
    })
}

/// The manifest type an image is pushed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    /// The type the stored manifest has.
    Keep,
    Oci,
    Docker,
}

/// The manifest type and layer compression of a push.
#[derive(Debug, Clone, Copy)]
pub struct PushHow {
    pub format: ManifestFormat,
    pub compression: LayerCompression,
}

/// Uploads the image's layers and config to `dest`'s repository and returns the manifest that
/// describes what the registry now holds, and its media type, for the caller to put (by tag,
/// or by digest for an entry of a manifest list). The layers `encrypt` selects are rebuilt and
/// encrypted.
pub(super) async fn upload_image(
    store: &Store,
    session: &Session,
    image: &ImageRecord,
    dest: &Reference,
    how: PushHow,
    encrypt: Option<(&Encryption, Vec<bool>)>,
    progress: &dyn Progress,
) -> Result<(Vec<u8>, String), PushError> {
    let manifest_bytes = store.read_blob(&image.manifest)?;
    let stored: Option<Manifest> = serde_json::from_slice(&manifest_bytes).ok();
    let stored_docker = stored
        .as_ref()
        .and_then(|m| m.media_type.as_deref())
        .is_some_and(|t| t == media::DOCKER_MANIFEST);
    let compression = how.compression;
    let docker_required = how.format == ManifestFormat::Docker;
    if docker_required && compression.algorithm == Algorithm::Zstd {
        return Err(CompressionError::DockerZstd.into());
    }

    let mut layers = Vec::with_capacity(image.layers.len());
    for (i, chain_id) in image.layers.iter().enumerate() {
        let encryption = encrypt
            .as_ref()
            .filter(|(_, selected)| selected[i])
            .map(|(e, _)| *e);
        let info = store.layer_info(chain_id)?;
        if let Some(original) = &info.blob
            && encryption.is_none()
            && compression.reuses(&original.media_type, docker_required)
            && session.blob_exists(dest, &original.digest).await?
        {
            progress.blob_done(&original.digest, BlobOutcome::AlreadyExists);
            layers.push(original.clone());
            continue;
        }
        let how = LayerHow {
            compression,
            encryption,
        };
        let layer = upload_layer(store, session, dest, chain_id, how, progress).await?;
        layers.push(layer);
    }

    // Docker manifests have no name for zstd: a push that wrote or reused zstd layers
    // switches to OCI types, as podman's does.
    let any_zstd = layers
        .iter()
        .any(|l| algorithm_of_layer(&l.media_type) == Some(Algorithm::Zstd));
    let any_encrypted = layers.iter().any(|l| crypt::is_encrypted(&l.media_type));
    let docker_types = match how.format {
        ManifestFormat::Keep => stored_docker && !any_zstd && !any_encrypted,
        ManifestFormat::Oci => false,
        ManifestFormat::Docker => true,
    };

    let config_digest = image.config_digest();
    let config_bytes = store.read_blob(&config_digest)?;
    session
        .push_small_blob(
            dest,
            &config_digest,
            bytes::Bytes::from(config_bytes.clone()),
        )
        .await?;

    // The original manifest still describes the image when every original blob was reused
    // and no other manifest type was asked for.
    let unchanged = docker_types == stored_docker
        && stored.as_ref().is_some_and(|m| {
            m.layers
                .iter()
                .map(|d| &d.digest)
                .eq(layers.iter().map(|d| &d.digest))
        });
    Ok(match stored {
        Some(m) if unchanged => {
            let media_type = m
                .media_type
                .unwrap_or_else(|| media::OCI_MANIFEST.to_string());
            (manifest_bytes, media_type)
        }
        stored => {
            // A Docker manifest has no annotations: they go with OCI types only.
            let annotations = match (stored, docker_types) {
                (Some(m), false) => m.annotations,
                (Some(m), true) if !m.annotations.is_empty() => {
                    tracing::warn!(
                        "the image's manifest annotations are dropped: a Docker v2s2 manifest \
                         cannot carry them (push with --format oci to keep them)"
                    );
                    Default::default()
                }
                _ => Default::default(),
            };
            let (manifest_type, config_type) = if docker_types {
                (media::DOCKER_MANIFEST, media::DOCKER_CONFIG)
            } else {
                (media::OCI_MANIFEST, media::OCI_CONFIG)
            };
            for layer in &mut layers {
                layer.media_type = layer_type(&layer.media_type, docker_types).to_string();
            }
            let manifest = Manifest {
                schema_version: 2,
                media_type: Some(manifest_type.to_string()),
                config: Descriptor::new(config_type, config_digest, config_bytes.len() as u64),
                layers,
                annotations,
            };
            let bytes = serde_json::to_vec(&manifest).expect("a manifest serialises");
            (bytes, manifest_type.to_string())
        }
    })
}

/// A reused layer blob's media type in the manifest type pushed: the same bytes, named as
/// that type names them (zstd has no Docker name and keeps the OCI one).
fn layer_type(media_type: &str, docker_types: bool) -> &str {
    const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
    match (media_type, docker_types) {
        (media::OCI_LAYER_GZIP, true) => media::DOCKER_LAYER_GZIP,
        (media::OCI_LAYER, true) => DOCKER_LAYER,
        (media::DOCKER_LAYER_GZIP, false) => media::OCI_LAYER_GZIP,
        (DOCKER_LAYER, false) => media::OCI_LAYER,
        (other, _) => other,
    }
}

/// How one rebuilt layer is written.
#[derive(Clone, Copy)]
struct LayerHow<'a> {
    compression: LayerCompression,
    encryption: Option<&'a Encryption>,
}

/// Rebuilds the layer's tar, compresses it into a temp file (the registry needs the digest
/// before the upload ends), encrypts that into another when asked, then uploads the result.
/// Its media type is OCI's: a Docker manifest renames it.
async fn upload_layer(
    store: &Store,
    session: &Session,
    dest: &Reference,
    chain_id: &Digest,
    how: LayerHow<'_>,
    progress: &dyn Progress,
) -> Result<Descriptor, PushError> {
    let compression = how.compression;
    let tmp = scratch::temp_path(store.dir(), "push");
    let layer_err = |source| PushError::Layer {
        layer: chain_id.clone(),
        source,
    };
    let relocated = store.layer_info(chain_id)?.relocated;
    let compressed = {
        let store_dir = store.layer_dir(chain_id);
        let tmp = tmp.clone();
        tokio::task::spawn_blocking(move || {
            compress_layer(&store_dir, &relocated, compression, &tmp)
        })
        .await
        .expect("the compression worker does not panic")
    };
    let (digest, size) = match compressed {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            return Err(layer_err(e));
        }
    };
    let media_type = match compression.algorithm {
        Algorithm::Gzip => media::OCI_LAYER_GZIP,
        Algorithm::Zstd => media::OCI_LAYER_ZSTD,
    };
    let plain = Descriptor::new(media_type, digest, size);
    let (tmp, descriptor) = match how.encryption {
        None => (tmp, plain),
        Some(encryption) => {
            let sealed_path = scratch::temp_path(store.dir(), "push-encrypted");
            let (plain_path, out) = (tmp.clone(), sealed_path.clone());
            let keys = encryption.keys.clone();
            let sealed = tokio::task::spawn_blocking(move || {
                crypt::encrypt_blob(&plain_path, &out, &plain, &keys)
            })
            .await
            .expect("the encryption worker does not panic");
            let _ = fs::remove_file(&tmp);
            match sealed {
                Ok(descriptor) => (sealed_path, descriptor),
                Err(e) => {
                    let _ = fs::remove_file(&sealed_path);
                    return Err(layer_err(layer_tar::LayerTarError::Write(e)));
                }
            }
        }
    };
    let (digest, size) = (descriptor.digest.clone(), descriptor.size);
    let result = async {
        if session.blob_exists(dest, &digest).await? {
            progress.blob_done(&digest, BlobOutcome::AlreadyExists);
            return Ok(());
        }
        progress.blob_start(&digest, size);
        let sent = Arc::new(AtomicU64::new(0));
        let open = || -> io::Result<BlobStream> {
            let file = File::open(&tmp)?;
            let sent = sent.clone();
            Ok(file_stream(file)
                .inspect(move |chunk| {
                    if let Ok(bytes) = chunk {
                        sent.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    }
                })
                .boxed())
        };
        let pushing = session.push_blob(dest, &digest, size, open);
        let pushed = reporting(pushing, &sent, |n| progress.blob_bytes(&digest, n)).await;
        progress.blob_done(
            &digest,
            if pushed.is_ok() {
                BlobOutcome::Copied
            } else {
                BlobOutcome::Failed
            },
        );
        pushed
    }
    .await;
    let _ = fs::remove_file(&tmp);
    result?;
    Ok(descriptor)
}

/// Awaits `work`, reporting every tenth of a second how many more bytes `sent` counts: the
/// upload stream cannot hold the (borrowed) progress reporter itself.
async fn reporting<T>(
    work: impl std::future::Future<Output = T>,
    sent: &AtomicU64,
    report: impl Fn(u64),
) -> T {
    let mut reported = 0;
    let mut report_new = || {
        let now = sent.load(Ordering::Relaxed);
        if now > reported {
            report(now - reported);
            reported = now;
        }
    };
    tokio::pin!(work);
    loop {
        tokio::select! {
            done = &mut work => {
                report_new();
                return done;
            }
            () = tokio::time::sleep(std::time::Duration::from_millis(100)) => report_new(),
        }
    }
}

pub(super) fn compress_layer(
    layer_dir: &std::path::Path,
    relocated: &std::collections::BTreeMap<u64, std::path::PathBuf>,
    compression: LayerCompression,
    out: &std::path::Path,
) -> Result<(Digest, u64), layer_tar::LayerTarError> {
    use layer_tar::LayerTarError::Write as WriteError;
    let file = File::create(out).map_err(WriteError)?;
    let hashing = HashingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        hasher: Hasher::default(),
        written: 0,
    };
    let mut hashing = match compression.algorithm {
        Algorithm::Gzip => {
            let level = compression
                .level
                .map_or(flate2::Compression::default(), |l| {
                    flate2::Compression::new(l.unsigned_abs())
                });
            let mut gz = flate2::write::GzEncoder::new(hashing, level);
            layer_tar::write_layer_tar(layer_dir, relocated, &mut gz)?;
            gz.finish().map_err(WriteError)?
        }
        Algorithm::Zstd => {
            let level = compression.level.unwrap_or(zstd::DEFAULT_COMPRESSION_LEVEL);
            let mut z = zstd::Encoder::new(hashing, level).map_err(WriteError)?;
            layer_tar::write_layer_tar(layer_dir, relocated, &mut z)?;
            z.finish().map_err(WriteError)?
        }
    };
    hashing.inner.flush().map_err(WriteError)?;
    Ok((hashing.hasher.finish(), hashing.written))
}

struct HashingWriter<W> {
    inner: W,
    hasher: Hasher,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A file as a stream of 1 MiB chunks, read on the blocking pool.
pub(super) fn file_stream(
    file: File,
) -> impl futures_util::Stream<Item = io::Result<bytes::Bytes>> {
    let reader = BufReader::with_capacity(1 << 20, file);
    futures_util::stream::unfold(Some(reader), |state| async move {
        let mut reader = state?;
        let chunk = tokio::task::spawn_blocking(move || {
            let mut buf = vec![0u8; 1 << 20];
            let n = reader.read(&mut buf)?;
            buf.truncate(n);
            Ok::<_, io::Error>((buf, reader))
        })
        .await
        .expect("the file reader does not panic");
        match chunk {
            Ok((buf, _)) if buf.is_empty() => None,
            Ok((buf, reader)) => Some((Ok(bytes::Bytes::from(buf)), Some(reader))),
            Err(e) => Some((Err(e), None)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CompressionError as ChoiceError;

    fn choose(
        format: Option<&str>,
        level: Option<i32>,
        force: Option<bool>,
        configured: Option<&str>,
        manifest: ManifestFormat,
    ) -> Result<LayerCompression, CompressionError> {
        let choice = CompressionChoice {
            format,
            level,
            force,
            configured_format: configured.map(|c| Algorithm::parse(c).unwrap()),
            configured_level: configured.map(|_| 19),
        };
        LayerCompression::new(choice, manifest)
    }

    #[test]
    fn a_format_on_the_command_line_forces_unless_told_otherwise() {
        let keep = ManifestFormat::Keep;
        let given = choose(Some("zstd"), None, None, None, keep).unwrap();
        assert_eq!(
            (given.algorithm, given.level, given.force),
            (Algorithm::Zstd, None, true)
        );
        let unforced = choose(Some("zstd"), None, Some(false), None, keep).unwrap();
        assert!(!unforced.force);
        // The configured level goes with the configured format, not with one given.
        let configured = choose(None, None, None, Some("zstd"), keep).unwrap();
        assert_eq!(
            (configured.algorithm, configured.level, configured.force),
            (Algorithm::Zstd, Some(19), false)
        );
        assert_eq!(
            choose(None, None, None, None, keep).unwrap().algorithm,
            Algorithm::Gzip
        );
    }

    #[test]
    fn what_cannot_be_written_is_refused_with_the_reason() {
        let keep = ManifestFormat::Keep;
        assert!(matches!(
            choose(Some("zstd:chunked"), None, None, None, keep),
            Err(CompressionError::Choice(ChoiceError::Chunked))
        ));
        assert!(matches!(
            choose(Some("xz"), None, None, None, keep),
            Err(CompressionError::Choice(ChoiceError::Unknown(_)))
        ));
        let too_high = choose(Some("gzip"), Some(12), None, None, keep).unwrap_err();
        assert_eq!(
            too_high.to_string(),
            "compression level 12 is out of range for gzip (1-9)"
        );
        // The configured zstd level 19 would be out of range for gzip: it is not applied.
        assert!(choose(Some("gzip"), None, None, Some("zstd"), keep).is_ok());
        assert!(matches!(
            choose(Some("zstd"), None, None, None, ManifestFormat::Docker),
            Err(CompressionError::DockerZstd)
        ));
    }

    #[test]
    fn reuse_follows_force_and_the_manifest_type() {
        let unforced = LayerCompression {
            algorithm: Algorithm::Zstd,
            level: None,
            force: false,
        };
        let forced = LayerCompression {
            force: true,
            ..unforced
        };
        assert!(unforced.reuses(media::DOCKER_LAYER_GZIP, false));
        assert!(!forced.reuses(media::DOCKER_LAYER_GZIP, false));
        assert!(forced.reuses(media::OCI_LAYER_ZSTD, false));
        // A Docker manifest cannot name a zstd blob, forced or not.
        let gzip = LayerCompression::default();
        assert!(!gzip.reuses(media::OCI_LAYER_ZSTD, true));
        assert!(gzip.reuses(media::OCI_LAYER_ZSTD, false));
    }
}
