//! Artifacts and registries: `artifact push` uploads the blobs the registry lacks, then the
//! manifest by the artifact's name; `artifact pull` checks the manifest against the trust
//! policy as an image pull does, streams each blob the store lacks into it (checked against
//! its digest as it comes), then records the manifest under the name.

use std::fs::File;

use futures_util::StreamExt;

use super::artifact::{self, Artifact, ArtifactError, ArtifactManifest, BlobWriter};
use super::manifest::{Descriptor, media};
use super::progress::{BlobOutcome, Progress};
use super::pull::io_runtime;
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
        for blob in artifact.manifest.blobs() {
            if session.blob_exists(&dest, &blob.digest).await? {
                progress.blob_done(&blob.digest, BlobOutcome::AlreadyExists);
                continue;
            }
            let path = store.blob_path(&blob.digest);
            progress.blob_start(&blob.digest, blob.size);
            let pushed = session
                .push_blob(&dest, &blob.digest, blob.size, || {
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

/// Pulls the artifact `name` (a fully qualified reference) into the store, replacing one of
/// that name. Returns its manifest's digest.
pub fn pull(
    store: &Store,
    name: &str,
    opts: &RegistryOptions,
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
        let manifest = ArtifactManifest::parse(&name, &bytes)?;
        for blob in manifest.blobs() {
            if store.blob_path(&blob.digest).exists() {
                progress.blob_done(&blob.digest, BlobOutcome::AlreadyExists);
                continue;
            }
            let fetched = fetch_blob(store, &session, &reference, blob, progress).await;
            progress.blob_done(
                &blob.digest,
                match fetched {
                    Ok(()) => BlobOutcome::Copied,
                    Err(_) => BlobOutcome::Failed,
                },
            );
            fetched?;
        }
        Ok::<_, ArtifactError>(bytes.to_vec())
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
