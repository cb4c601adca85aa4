//! Artifacts and registries: `artifact push` uploads the blobs the registry lacks, then the
//! manifest by the artifact's name; `artifact pull` checks the manifest against the trust
//! policy as an image pull does, streams each blob the store lacks into it (checked against
//! its digest as it comes), then records the manifest under the name. An encrypted layer
//! (`+encrypted`, ocicrypt's JWE scheme) is decrypted on the way in with `--decryption-key`,
//! by the same cipher as an image's layers: the store keeps the plaintext, and the recorded
//! manifest names the plaintext blobs, as podman's does after a decrypting copy.

use std::fs::File;
use std::io::{self, Read};

use bytes::Bytes;
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::artifact::{self, Artifact, ArtifactError, ArtifactManifest, BlobWriter};
use super::crypt::{self, DecryptionKeys, LayerKey};
use super::manifest::{Descriptor, media};
use super::progress::{BlobOutcome, Progress};
use super::pull::{CHANNEL_CHUNKS, ChannelReader, io_runtime};
use super::push::{PushError, file_stream};
use super::reference::Reference;
use super::registry::{RegistryError, RegistryOptions, Session};
use super::store::Store;
use super::trust::{self, Trust};
use crate::ids::Digest;

/// Where `artifact push` pushes the artifact `name_or_digest`: the registry its name names.
pub fn destination(store: &Store, name_or_digest: &str) -> Result<Reference, ArtifactError> {
    let artifact = artifact::get(store, name_or_digest)?;
    let dest = artifact::parse_name(&artifact.name)?;
    if dest.registry == "localhost" {
        return Err(PushError::NoRegistry {
            name: dest.repository.clone(),
        }
        .into());
    }
    Ok(dest)
}

/// Pushes the artifact `name_or_digest` to its [`destination`]. Returns it.
pub fn push(
    store: &Store,
    name_or_digest: &str,
    opts: &RegistryOptions,
    progress: &dyn Progress,
) -> Result<Artifact, ArtifactError> {
    let dest = destination(store, name_or_digest)?;
    let artifact = artifact::get(store, name_or_digest)?;
    let runtime = io_runtime().map_err(ArtifactError::Runtime)?;
    runtime.block_on(async {
        let session = Session::new(&dest, opts)?;
        session.authorize_push(&dest).await?;
        upload_blobs(store, &session, &dest, &artifact.manifest, progress).await?;
        progress.step("Writing manifest to image destination");
        let media_type = artifact
            .manifest
            .media_type
            .as_deref()
            .unwrap_or(media::OCI_MANIFEST);
        session
            .push_manifest(&dest, artifact.raw.clone(), media_type)
            .await?;
        Ok::<_, ArtifactError>(())
    })?;
    Ok(artifact)
}

/// Uploads the blobs of `manifest` (its config and files, from the store) that `dest`'s
/// repository lacks: `artifact push`'s, and `manifest push`'s for a list's artifact entries.
pub(super) async fn upload_blobs(
    store: &Store,
    session: &Session,
    dest: &Reference,
    manifest: &ArtifactManifest,
    progress: &dyn Progress,
) -> Result<(), RegistryError> {
    for blob in manifest.blobs() {
        if session.blob_exists(dest, &blob.digest).await? {
            progress.blob_done(&blob.digest, BlobOutcome::AlreadyExists);
            continue;
        }
        let path = store.blob_path(&blob.digest);
        progress.blob_start(&blob.digest, blob.size);
        let pushed = session
            .push_blob(dest, &blob.digest, blob.size, || {
                Ok(file_stream(File::open(&path)?).boxed())
            })
            .await;
        progress.blob_done(
            &blob.digest,
            match pushed {
                Ok(()) => BlobOutcome::Copied,
                Err(_) => BlobOutcome::Failed,
            },
        );
        pushed?;
    }
    Ok(())
}

/// Pulls the artifact `name` (a fully qualified reference) into the store, replacing one of
/// that name; its encrypted layers are decrypted with `keys`. Returns its manifest's digest.
pub fn pull(
    store: &Store,
    name: &str,
    opts: &RegistryOptions,
    keys: &DecryptionKeys,
    progress: &dyn Progress,
) -> Result<Digest, ArtifactError> {
    let reference = artifact::parse_name(name)?;
    let name = reference.to_string();
    // containers/image checks an artifact's pull against the policy as an image's.
    let trust = Trust::load(&opts.trust)?;
    let runtime = io_runtime().map_err(ArtifactError::Runtime)?;
    let bytes = runtime.block_on(async {
        let session = Session::new(&reference, opts)?;
        progress.step(&format!("Trying to pull {name}..."));
        let (bytes, digest) = session.manifest(&reference).await?;
        trust::check(&trust, &session, &reference, &digest).await?;
        let mut manifest = ArtifactManifest::parse(&name, &bytes)?;
        // Every layer's key before any download: a missing or wrong key costs no transfer.
        let layer_keys = manifest
            .layers
            .iter()
            .map(|layer| match crypt::is_encrypted(&layer.media_type) {
                true => LayerKey::open(layer, keys).map(Some),
                false => Ok(None),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let config = std::iter::once((&manifest.config.descriptor, None));
        let layers = manifest
            .layers
            .iter()
            .zip(layer_keys.iter().map(Option::as_ref));
        for (blob, key) in config.chain(layers) {
            let kept = key.map(|k| k.plain_descriptor(blob));
            if store
                .blob_path(&kept.as_ref().unwrap_or(blob).digest)
                .exists()
            {
                progress.blob_done(&blob.digest, BlobOutcome::AlreadyExists);
                continue;
            }
            let fetched = match (key, &kept) {
                (Some(key), Some(plain)) => {
                    fetch_decrypted(store, &session, &reference, blob, key, plain, progress).await
                }
                _ => fetch_blob(store, &session, &reference, blob, progress).await,
            };
            progress.blob_done(
                &blob.digest,
                match fetched {
                    Ok(()) => BlobOutcome::Copied,
                    Err(_) => BlobOutcome::Failed,
                },
            );
            fetched?;
        }
        if layer_keys.iter().all(Option::is_none) {
            return Ok::<_, ArtifactError>(bytes.to_vec());
        }
        for (layer, key) in manifest.layers.iter_mut().zip(&layer_keys) {
            if let Some(key) = key {
                *layer = key.plain_descriptor(layer);
            }
        }
        Ok(manifest.to_bytes())
    })?;
    let manifest = ArtifactManifest::parse(&name, &bytes)?;
    let guard = store.lock()?;
    artifact::blobs_kept(store, &manifest, &name, "pull")?;
    let mut records = artifact::read(store)?;
    let digest = artifact::record(store, &guard, &mut records, &name, &bytes)?;
    drop(guard);
    // What a replaced artifact of that name used alone goes.
    store.collect_garbage()?;
    Ok(digest)
}

/// Streams one encrypted layer through its cipher into the store as the plaintext blob
/// `plain`; the cipher checks the HMAC and the plaintext digest at the end.
async fn fetch_decrypted(
    store: &Store,
    session: &Session,
    reference: &Reference,
    desc: &Descriptor,
    key: &LayerKey,
    plain: &Descriptor,
    progress: &dyn Progress,
) -> Result<(), ArtifactError> {
    let blobs = store.blobs_dir();
    let write_err = move |source: io::Error| ArtifactError::WriteFile {
        path: blobs.clone(),
        source,
    };
    progress.blob_start(&desc.digest, desc.size);
    let mut stream = session.blob(reference, desc).await?;
    let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(CHANNEL_CHUNKS);
    let mut input = key.decrypting(ChannelReader::new(rx), &desc.digest)?;
    let mut blob = BlobWriter::new(store, "pull").map_err(write_err.clone())?;
    let digest = desc.digest.clone();
    // The cipher is a blocking reader: it runs beside the download that feeds it.
    let worker = tokio::task::spawn_blocking(move || {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = input
                .read(&mut buf)
                .map_err(|source| ArtifactError::Decrypt {
                    digest: digest.clone(),
                    source,
                })?;
            if n == 0 {
                return blob.finish().map_err(&write_err);
            }
            blob.write(&buf[..n]).map_err(&write_err)?;
        }
    });
    let mut download_error = None;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(bytes) => {
                progress.blob_bytes(&desc.digest, bytes.len() as u64);
                if tx.send(Ok(bytes)).await.is_err() {
                    break; // the worker failed; its error says why
                }
            }
            Err(e) => {
                let _ = tx.send(Err(io::Error::other("download interrupted"))).await;
                download_error = Some(session.stream_error(&desc.digest, e));
                break;
            }
        }
    }
    drop(tx);
    let outcome = worker.await.expect("the decrypting worker does not panic");
    if let Some(e) = download_error {
        return Err(e.into());
    }
    let (digest, _) = outcome?;
    if digest != plain.digest {
        return Err(RegistryError::DigestMismatch {
            expected: plain.digest.clone(),
            actual: digest.to_string(),
        }
        .into());
    }
    Ok(())
}

/// Streams one blob into the store; the stream itself fails on a size or digest mismatch.
async fn fetch_blob(
    store: &Store,
    session: &Session,
    reference: &Reference,
    desc: &Descriptor,
    progress: &dyn Progress,
) -> Result<(), ArtifactError> {
    let write_err = |source| ArtifactError::WriteFile {
        path: store.blobs_dir(),
        source,
    };
    progress.blob_start(&desc.digest, desc.size);
    let mut stream = session.blob(reference, desc).await?;
    let mut blob = BlobWriter::new(store, "pull").map_err(write_err)?;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| session.stream_error(&desc.digest, e))?;
        blob.write(&chunk).map_err(write_err)?;
        progress.blob_bytes(&desc.digest, chunk.len() as u64);
    }
    let (digest, _) = blob.finish().map_err(write_err)?;
    if digest != desc.digest {
        return Err(RegistryError::DigestMismatch {
            expected: desc.digest.clone(),
            actual: digest.to_string(),
        }
        .into());
    }
    Ok(())
}
