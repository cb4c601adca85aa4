//! Manifest lists and registries: pushing a list (every entry's image, then the index),
//! reading a list or manifest a registry holds (`manifest inspect REF`), and the entries a
//! registry reference adds to a list (`manifest add LIST docker://REF`).

use super::artifact::ArtifactManifest;
use super::artifact_remote::upload_blobs;
use super::lists::{self, EntrySource, ListError, ListRecord};
use super::manifest::{Descriptor, Document, Index, Manifest, Platform, media};
use super::progress::Progress;
use super::pull::{self, PullOptions, io_runtime};
use super::push::{
    Algorithm, LayerCompression, ManifestFormat, PushError, PushHow, algorithm_of_layer,
    upload_image,
};
use super::reference::{Parsed, Reference};
use super::registry::{RegistryOptions, Session};
use super::store::{ImageRecord, Store};
use crate::config::RegistriesConfig;
use crate::ids::Digest;

/// The index annotation containers/image gives an instance whose layers are zstd, so that a
/// client that prefers (or cannot read) zstd chooses among a platform's instances.
pub const ZSTD_INSTANCE: &str = "io.github.containers.compression.zstd";

/// What `manifest push` was asked for.
#[derive(Debug, Clone)]
pub struct ListPush {
    /// Push the entries' images too, not only the index.
    pub all: bool,
    /// The index's type: an OCI index, or with `Docker` a Docker manifest list whose entries
    /// are Docker manifests too.
    pub format: ManifestFormat,
    /// How the entries' layers are compressed where push rebuilds them.
    pub compression: LayerCompression,
    /// `--add-compression`: each entry is pushed once more in each of these, and listed after
    /// the original entries (an instance identical to the entry's is not listed twice).
    pub add_compression: Vec<LayerCompression>,
}

/// Pushes the list `name_or_id` to `dest`: each entry's image (or artifact) by digest (an entry whose
/// manifest had to be rebuilt, e.g. for layers recompressed, gets the new digest and size),
/// then the index by `dest`'s tag. Returns the list's record, the pushed index's digest and
/// the digests of the manifests pushed (none without `all`), which a signed push signs too.
pub fn push(
    store: &Store,
    name_or_id: &str,
    dest: &Reference,
    how: ListPush,
    opts: &RegistryOptions,
    registries: &RegistriesConfig,
    progress: &dyn Progress,
) -> Result<(ListRecord, Digest, Vec<Digest>), ListError> {
    let (list, index) = lists::get(store, name_or_id, registries)?;
    if dest.registry == "localhost" {
        return Err(PushError::NoRegistry {
            name: dest.repository.clone(),
        }
        .into());
    }
    if index.subject.is_some() && matches!(how.format, ManifestFormat::Docker) {
        return Err(ListError::Invalid {
            flag: "--format",
            value: "v2s2".into(),
            reason: "a Docker manifest list has no subject (manifest annotate --subject): push it as oci".into(),
        });
    }
    if !list.artifacts.is_empty() && matches!(how.format, ManifestFormat::Docker) {
        return Err(ListError::Invalid {
            flag: "--format",
            value: "v2s2".into(),
            reason: "a Docker manifest list holds no artifacts (manifest add --artifact): push it as oci".into(),
        });
    }
    let sources = match how.all {
        true => lists::entry_sources(store, &list, &index)?,
        false => Vec::new(),
    };
    let runtime = io_runtime().map_err(ListError::Runtime)?;
    let (digest, instances) = runtime.block_on(async {
        let session = Session::new(dest, opts)?;
        session.authorize_push(dest).await?;
        let mut pushed = Index {
            media_type: Some(match how.format {
                ManifestFormat::Docker => media::DOCKER_LIST.into(),
                _ => media::OCI_INDEX.into(),
            }),
            ..index.clone()
        };
        let entry_how = PushHow {
            format: match how.format {
                ManifestFormat::Docker => ManifestFormat::Docker,
                _ => ManifestFormat::Keep,
            },
            compression: how.compression,
        };
        let mut variants: Vec<Descriptor> = Vec::new();
        // What each image entry became in the registry, for the artifacts that name it.
        let mut rebuilt: Vec<(Digest, Descriptor)> = Vec::new();
        for (entry, source) in pushed.manifests.iter_mut().zip(&sources) {
            let EntrySource::Image(image) = source else {
                continue;
            };
            let original = entry.clone();
            let instance = |compression| Instance {
                store,
                session: &session,
                image,
                dest,
                how: PushHow {
                    compression,
                    ..entry_how
                },
            };
            *entry = instance(how.compression).push(&original, progress).await?;
            rebuilt.push((original.digest.clone(), entry.clone()));
            for compression in &how.add_compression {
                let variant = instance(*compression).push(&original, progress).await?;
                if variant.digest != entry.digest
                    && variants.iter().all(|v| v.digest != variant.digest)
                {
                    variants.push(variant);
                }
            }
        }
        // Artifacts after the images: a subject must name the manifest the registry holds.
        for (entry, source) in pushed.manifests.iter_mut().zip(&sources) {
            if matches!(source, EntrySource::Artifact) {
                push_artifact(store, &session, dest, entry, &rebuilt, progress).await?;
            }
        }
        pushed.manifests.extend(variants);
        let instances = match how.all {
            true => pushed.manifests.iter().map(|m| m.digest.clone()).collect(),
            false => Vec::new(),
        };
        if how.format == ManifestFormat::Docker && !pushed.annotations.is_empty() {
            tracing::warn!("a Docker manifest list has no annotations: the index's are not pushed");
            pushed.annotations.clear();
        }
        let bytes = serde_json::to_vec(&pushed).expect("an index serialises");
        let digest = Digest::of(&bytes);
        progress.step("Writing manifest list to image destination");
        let media_type = pushed.media_type.clone().expect("set above");
        session.push_manifest(dest, bytes, &media_type).await?;
        Ok::<_, ListError>((digest, instances))
    })?;
    Ok((list, digest, instances))
}

/// Pushes the artifact manifest `entry` names (made for the list) by digest, after the blobs
/// the registry lacks, as `artifact push` does. Its files are no layers to recompress, but a
/// subject that is an image entry the push rebuilt (`rebuilt`: each entry's digest in the
/// store and what was pushed for it) is pointed at the pushed manifest, which gives the
/// artifact, and so `entry`, a new digest; the store's copy stays as it was.
async fn push_artifact(
    store: &Store,
    session: &Session,
    dest: &Reference,
    entry: &mut Descriptor,
    rebuilt: &[(Digest, Descriptor)],
    progress: &dyn Progress,
) -> Result<(), ListError> {
    let mut bytes = store.read_blob(&entry.digest)?;
    let mut manifest = ArtifactManifest::parse(&entry.digest.to_string(), &bytes)?;
    upload_blobs(store, session, dest, &manifest, progress).await?;
    let moved = manifest.subject.as_ref().and_then(|subject| {
        rebuilt
            .iter()
            .find(|(kept, pushed)| *kept == subject.digest && pushed.digest != *kept)
    });
    if let Some((_, pushed)) = moved {
        manifest.subject = Some(Descriptor::new(
            &pushed.media_type,
            pushed.digest.clone(),
            pushed.size,
        ));
        bytes = manifest.to_bytes();
        entry.digest = Digest::of(&bytes);
        entry.size = bytes.len() as u64;
    }
    progress.step(&format!("Writing manifest {}", entry.digest));
    session
        .push_manifest(&dest.with_digest(&entry.digest), bytes, &entry.media_type)
        .await?;
    Ok(())
}

/// One entry's image pushed by digest, in one compression.
struct Instance<'a> {
    store: &'a Store,
    session: &'a Session,
    image: &'a ImageRecord,
    dest: &'a Reference,
    how: PushHow,
}

impl Instance<'_> {
    /// Pushes the image and returns `entry` describing what was pushed (its platform and
    /// annotations kept; a manifest rebuilt, e.g. for layers recompressed, has a new digest).
    async fn push(
        &self,
        entry: &Descriptor,
        progress: &dyn Progress,
    ) -> Result<Descriptor, ListError> {
        let (bytes, media_type) = upload_image(
            self.store,
            self.session,
            self.image,
            self.dest,
            self.how,
            None,
            progress,
        )
        .await?;
        let digest = Digest::of(&bytes);
        let mut pushed = Descriptor {
            media_type: media_type.clone(),
            digest: digest.clone(),
            size: bytes.len() as u64,
            ..entry.clone()
        };
        let zstd = serde_json::from_slice::<Manifest>(&bytes).is_ok_and(|m| {
            m.layers
                .iter()
                .any(|l| algorithm_of_layer(&l.media_type) == Some(Algorithm::Zstd))
        });
        match zstd {
            true => pushed
                .annotations
                .insert(ZSTD_INSTANCE.into(), "true".into()),
            false => pushed.annotations.remove(ZSTD_INSTANCE),
        };
        progress.step(&format!("Writing manifest {digest}"));
        self.session
            .push_manifest(&self.dest.with_digest(&digest), bytes, &media_type)
            .await?;
        Ok(pushed)
    }
}

/// The manifest or index `name` names in a registry, verbatim, from the first registry it
/// may mean that has it.
pub fn remote_document(name: &str, opts: &PullOptions) -> Result<(Reference, Vec<u8>), ListError> {
    let candidates = Parsed::parse(name)?.candidates(opts.registries);
    let runtime = io_runtime().map_err(ListError::Runtime)?;
    let mut last = None;
    for candidate in candidates {
        let fetched = runtime.block_on(async {
            let session = Session::new(&candidate, opts.registry)?;
            session.manifest(&candidate).await
        });
        match fetched {
            Ok((bytes, _)) => return Ok((candidate, bytes.to_vec())),
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => e.into(),
        None => ListError::NotFound(name.to_string()),
    })
}

/// The images a registry reference adds to a list: the manifest it names, or from an index
/// the entry for `opts.platform` (every entry with `all`). Each is pulled by digest into the
/// store, so that the list's push finds it, and returned as the source's descriptor (with
/// the index's platform and annotations, or the platform of the image's config).
pub fn pull_entries(
    store: &Store,
    name: &str,
    all: bool,
    opts: &PullOptions,
    progress: &dyn Progress,
) -> Result<Vec<(Digest, Option<Descriptor>)>, ListError> {
    let (source, bytes) = remote_document(name, opts)?;
    let digest = Digest::of(&bytes);
    let wanted: Vec<(Digest, Option<Descriptor>, Platform)> =
        match Document::parse(&bytes, None, &digest)? {
            Document::Manifest(_) => vec![(digest, None, opts.platform.clone())],
            Document::Index(index) => {
                let chosen: Vec<&Descriptor> = match all {
                    true => index.manifests.iter().collect(),
                    false => vec![index.select(&opts.platform, &digest)?],
                };
                chosen
                    .into_iter()
                    .map(|d| {
                        let platform = d.platform.clone().unwrap_or(opts.platform.clone());
                        (d.digest.clone(), Some(d.clone()), platform)
                    })
                    .collect()
            }
        };
    let mut out = Vec::new();
    for (digest, descriptor, platform) in wanted {
        let by_digest = source.with_digest(&digest).to_string();
        let opts = PullOptions {
            platform,
            registry: opts.registry,
            registries: opts.registries,
        };
        pull::pull(store, &by_digest, &opts, progress)?;
        out.push((digest, descriptor));
    }
    Ok(out)
}
