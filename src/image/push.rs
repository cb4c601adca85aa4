//! `push`: the image's layers (the original compressed blob where the registry already has it,
//! else the exact tar rebuilt from the store and gzipped), its config, then its manifest.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::StreamExt;

use super::layer_tar;
use super::manifest::{Descriptor, Manifest, media};
use super::progress::{BlobOutcome, Progress};
use super::pull::io_runtime;
use super::reference::{RefError, Reference};
use super::registry::{BlobStream, RegistryError, RegistryOptions, Session};
use super::store::{ImageRecord, Store, StoreError};
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

/// Pushes `image` to `dest` and returns the manifest digest the registry now has.
pub fn push(
    store: &Store,
    image: &ImageRecord,
    dest: &Reference,
    opts: &RegistryOptions,
    progress: &dyn Progress,
) -> Result<Digest, PushError> {
    if dest.registry == "localhost" {
        return Err(PushError::NoRegistry {
            name: dest.repository.clone(),
        });
    }
    let runtime = io_runtime().map_err(PushError::Runtime)?;
    runtime.block_on(push_async(store, image, dest, opts, progress))
}

async fn push_async(
    store: &Store,
    image: &ImageRecord,
    dest: &Reference,
    opts: &RegistryOptions,
    progress: &dyn Progress,
) -> Result<Digest, PushError> {
    let session = Session::new(dest, opts)?;
    session.authorize_push(dest).await?;
    let (bytes, media_type) =
        upload_image(store, &session, image, dest, ManifestFormat::Keep, progress).await?;
    progress.step("Writing manifest to image destination");
    let digest = Digest::of(&bytes);
    session.push_manifest(dest, bytes, &media_type).await?;
    Ok(digest)
}

/// The manifest type an image is pushed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    /// The type the stored manifest has.
    Keep,
    Oci,
    Docker,
}

/// Uploads the image's layers and config to `dest`'s repository and returns the manifest that
/// describes what the registry now holds, and its media type, for the caller to put (by tag,
/// or by digest for an entry of a manifest list).
pub(super) async fn upload_image(
    store: &Store,
    session: &Session,
    image: &ImageRecord,
    dest: &Reference,
    format: ManifestFormat,
    progress: &dyn Progress,
) -> Result<(Vec<u8>, String), PushError> {
    let manifest_bytes = store.read_blob(&image.manifest)?;
    let stored: Option<Manifest> = serde_json::from_slice(&manifest_bytes).ok();
    let stored_docker = stored
        .as_ref()
        .and_then(|m| m.media_type.as_deref())
        .is_some_and(|t| t == media::DOCKER_MANIFEST);
    let docker_types = match format {
        ManifestFormat::Keep => stored_docker,
        ManifestFormat::Oci => false,
        ManifestFormat::Docker => true,
    };

    let mut layers = Vec::with_capacity(image.layers.len());
    for chain_id in &image.layers {
        let info = store.layer_info(chain_id)?;
        if let Some(original) = &info.blob
            && session.blob_exists(dest, &original.digest).await?
        {
            progress.blob_done(&original.digest, BlobOutcome::AlreadyExists);
            layers.push(original.clone());
            continue;
        }
        layers.push(upload_layer(store, session, dest, chain_id, docker_types, progress).await?);
    }

    let config_digest = image.config_digest();
    let config_bytes = store.read_blob(&config_digest)?;
    if !session.blob_exists(dest, &config_digest).await? {
        let bytes = bytes::Bytes::from(config_bytes.clone());
        session
            .push_blob(dest, &config_digest, bytes.len() as u64, || {
                Ok(futures_util::stream::iter([Ok(bytes.clone())]).boxed())
            })
            .await?;
    }

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
        _ => {
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
                annotations: Default::default(),
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

/// Rebuilds the layer's tar, gzips it into a temp file (the registry needs the digest before
/// the upload ends), then uploads that file.
async fn upload_layer(
    store: &Store,
    session: &Session,
    dest: &Reference,
    chain_id: &Digest,
    docker_types: bool,
    progress: &dyn Progress,
) -> Result<Descriptor, PushError> {
    let tmp = scratch::temp_path(store.dir(), "push");
    let layer_err = |source| PushError::Layer {
        layer: chain_id.clone(),
        source,
    };
    let relocated = store.layer_info(chain_id)?.relocated;
    let compressed = {
        let store_dir = store.layer_dir(chain_id);
        let tmp = tmp.clone();
        tokio::task::spawn_blocking(move || compress_layer(&store_dir, &relocated, &tmp))
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
    let media_type = if docker_types {
        media::DOCKER_LAYER_GZIP
    } else {
        media::OCI_LAYER_GZIP
    };
    Ok(Descriptor::new(media_type, digest, size))
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

fn compress_layer(
    layer_dir: &std::path::Path,
    relocated: &std::collections::BTreeMap<u64, std::path::PathBuf>,
    out: &std::path::Path,
) -> Result<(Digest, u64), layer_tar::LayerTarError> {
    let file = File::create(out).map_err(layer_tar::LayerTarError::Write)?;
    let hashing = HashingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        hasher: Hasher::default(),
        written: 0,
    };
    let mut gz = flate2::write::GzEncoder::new(hashing, flate2::Compression::default());
    layer_tar::write_layer_tar(layer_dir, relocated, &mut gz)?;
    let mut hashing = gz.finish().map_err(layer_tar::LayerTarError::Write)?;
    hashing
        .inner
        .flush()
        .map_err(layer_tar::LayerTarError::Write)?;
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
