//! OCI artifacts (`rpod artifact`): files kept in the store under a registry name, described
//! by an OCI manifest with an `artifactType`, the empty config and one layer per file (its
//! name in the `org.opencontainers.image.title` annotation), as podman 5 keeps them.
//! `storage/artifacts.json` names each artifact's manifest; the manifest, the empty config and
//! the files are blobs beside the images' (`blobs/sha256`), written before the record that
//! names them, so a killed command leaves at most unreferenced blobs for the next collection.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::manifest::{Descriptor, media};
use super::reference::{Parsed, RefError, Reference};
use super::store::{Store, StoreError};
use crate::config::RegistriesConfig;
use crate::ids::{Digest, Hasher};
use crate::state::atomic::{self, Failed};
use crate::state::{lock, scratch};

pub const EMPTY_CONFIG_TYPE: &str = "application/vnd.oci.empty.v1+json";
/// The empty config's content, `{}`, which the OCI spec asks to be sent inline too.
pub(super) const EMPTY_CONFIG: &[u8] = b"{}";
pub const TITLE: &str = "org.opencontainers.image.title";
const CREATED: &str = "org.opencontainers.image.created";

#[derive(Debug, thiserror::Error)]
pub enum ArtifactError {
    #[error("{0}: artifact does not exist")]
    NotFound(String),
    #[error("{0}: artifact already exists")]
    Exists(String),
    #[error("multiple artifacts found with matching digest {prefix}: {names}")]
    Ambiguous { prefix: String, names: String },
    #[error("invalid artifact name {name:?}: {reason}")]
    BadName { name: String, reason: &'static str },
    #[error("{0}: file already exists in artifact")]
    FileExists(String),
    #[error("duplicate layers {TITLE} labels within an artifact not allowed: {0}")]
    DuplicateTitle(String),
    #[error("cannot read {}: {source}", path.display())]
    ReadFile { path: PathBuf, source: io::Error },
    #[error("{}: not a regular file", .0.display())]
    NotAFile(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    WriteFile { path: PathBuf, source: io::Error },
    #[error("the artifact has no blobs, nothing to extract")]
    NoBlobs,
    #[error("no blob with the {what} {value:?}")]
    NoBlob { what: &'static str, value: String },
    #[error("more than one match for the {what} {value:?}")]
    SeveralMatches { what: &'static str, value: String },
    #[error(
        "the artifact consists of several blobs and the target {0:?} is not a directory and neither digest or title was specified to only copy a single blob"
    )]
    SeveralBlobs(PathBuf),
    #[error("invalid name: {0:?} cannot contain /")]
    BadTitle(String),
    #[error("invalid name: {0:?} names no file in a directory")]
    DotTitle(String),
    #[error("artifact {name} is damaged: {message}")]
    Damaged { name: String, message: String },
    #[error("{0}: the manifest is an index list, not an artifact")]
    IndexList(String),
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Registry(#[from] super::registry::RegistryError),
    #[error(transparent)]
    Push(#[from] super::push::PushError),
    #[error(transparent)]
    Trust(#[from] super::trust::TrustError),
    #[error(transparent)]
    Crypt(#[from] super::crypt::CryptError),
    #[error("layer {digest}: cannot decrypt: {source}")]
    Decrypt { digest: Digest, source: io::Error },
    #[error("cannot start the I/O runtime: {0}")]
    Runtime(io::Error),
}

impl ArtifactError {
    pub fn hint(&self) -> Option<String> {
        match self {
            ArtifactError::NotFound(_) => {
                Some("rpod artifact ls lists the artifacts of this store".into())
            }
            ArtifactError::Exists(_) => {
                Some("add with --append to add files to it, or --replace to make it anew".into())
            }
            ArtifactError::BadName { .. } => Some(
                "name it with its registry, like quay.io/NAME:TAG or localhost/NAME:TAG".into(),
            ),
            ArtifactError::SeveralBlobs(_) => {
                Some("give a directory to extract every file, or --title/--digest for one".into())
            }
            ArtifactError::Store(e) => e.hint(),
            ArtifactError::Registry(e) => e.hint(),
            ArtifactError::Push(e) => e.hint(),
            ArtifactError::Trust(e) => e.hint(),
            _ => None,
        }
    }
}

/// The config descriptor of an artifact's manifest: the empty config carries its content
/// inline (`data`), as the OCI spec's artifacts guidance suggests.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfigDescriptor {
    #[serde(flatten)]
    pub descriptor: Descriptor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// An OCI image manifest as artifacts use it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactManifest {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_type: Option<String>,
    pub config: ConfigDescriptor,
    pub layers: Vec<Descriptor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Descriptor>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl ArtifactManifest {
    pub fn parse(name: &str, bytes: &[u8]) -> Result<ArtifactManifest, ArtifactError> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| ArtifactError::Damaged {
                name: name.to_string(),
                message: e.to_string(),
            })?;
        if value.get("manifests").is_some() {
            return Err(ArtifactError::IndexList(name.to_string()));
        }
        serde_json::from_value(value).map_err(|e| ArtifactError::Damaged {
            name: name.to_string(),
            message: e.to_string(),
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a manifest serialises")
    }

    /// Every blob the manifest names: its config and its layers.
    pub fn blobs(&self) -> impl Iterator<Item = &Descriptor> {
        std::iter::once(&self.config.descriptor).chain(&self.layers)
    }
}

/// One artifact of the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArtifactRecord {
    /// The fully qualified name, `registry/repository:tag` (or `@digest`).
    pub name: String,
    /// The manifest, kept in blobs/.
    pub digest: Digest,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Records {
    #[serde(default)]
    pub artifacts: Vec<ArtifactRecord>,
}

/// An artifact with its manifest read.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub name: String,
    pub digest: Digest,
    pub manifest: ArtifactManifest,
    /// The manifest as stored, for `inspect` to show verbatim.
    pub raw: Vec<u8>,
}

impl Artifact {
    /// The bytes of its files.
    pub fn total_size(&self) -> u64 {
        self.manifest.layers.iter().map(|l| l.size).sum()
    }

    /// When it was made: its `org.opencontainers.image.created` annotation.
    pub fn created(&self) -> Option<jiff::Timestamp> {
        self.manifest.annotations.get(CREATED)?.parse().ok()
    }
}

fn path(store: &Store) -> PathBuf {
    store.dir().join("artifacts.json")
}

pub fn read(store: &Store) -> Result<Records, StoreError> {
    let path = path(store);
    match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path,
            message: e.to_string(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Records::default()),
        Err(e) => Err(StoreError::io("read artifacts", &path)(e)),
    }
}

fn write(store: &Store, _guard: &lock::Guard, records: &Records) -> Result<(), StoreError> {
    let path = path(store);
    atomic::write_json(&path, records).map_err(StoreError::io("write artifacts", &path))
}

/// The blobs every artifact uses (its manifest, config and files), which the store's garbage
/// collection keeps. A manifest that cannot be read keeps only itself.
pub fn blobs_in_use(store: &Store) -> Result<Vec<Digest>, StoreError> {
    let mut used = Vec::new();
    for record in read(store)?.artifacts {
        if let Ok(bytes) = store.read_blob(&record.digest)
            && let Ok(manifest) = ArtifactManifest::parse(&record.name, &bytes)
        {
            used.extend(manifest.blobs().map(|d| d.digest.clone()));
        }
        used.push(record.digest);
    }
    Ok(used)
}

/// An artifact's name as podman takes it: a fully qualified reference, `latest` when it has
/// neither tag nor digest.
pub fn parse_name(input: &str) -> Result<Reference, ArtifactError> {
    let parsed = Parsed::parse(input)?;
    if !parsed.is_qualified() {
        return Err(ArtifactError::BadName {
            name: input.to_string(),
            reason: "repository name must be canonical (include the registry)",
        });
    }
    if parsed.tag.is_some() && parsed.digest.is_some() {
        return Err(ArtifactError::BadName {
            name: input.to_string(),
            reason: "reference cannot be tagged and digested",
        });
    }
    Ok(parsed.candidates(&RegistriesConfig::default()).remove(0))
}

impl Records {
    /// The artifact `name_or_digest` names: its name, or its manifest's digest or a unique
    /// prefix of it.
    fn find(&self, name_or_digest: &str) -> Result<&ArtifactRecord, ArtifactError> {
        let not_found = || ArtifactError::NotFound(name_or_digest.to_string());
        if let Ok(name) = parse_name(name_or_digest) {
            let name = name.to_string();
            return self
                .artifacts
                .iter()
                .find(|a| a.name == name)
                .ok_or_else(not_found);
        }
        let prefix = name_or_digest
            .strip_prefix("sha256:")
            .unwrap_or(name_or_digest);
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        let matching: Vec<&ArtifactRecord> = self
            .artifacts
            .iter()
            .filter(|a| a.digest.hex().starts_with(prefix))
            .collect();
        match matching.as_slice() {
            [] => Err(not_found()),
            [one] => Ok(one),
            several => Err(ArtifactError::Ambiguous {
                prefix: prefix.to_string(),
                names: several
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            }),
        }
    }
}

fn load(store: &Store, record: &ArtifactRecord) -> Result<Artifact, ArtifactError> {
    let raw = store
        .read_blob(&record.digest)
        .map_err(|e| ArtifactError::Damaged {
            name: record.name.clone(),
            message: e.to_string(),
        })?;
    Ok(Artifact {
        name: record.name.clone(),
        digest: record.digest.clone(),
        manifest: ArtifactManifest::parse(&record.name, &raw)?,
        raw,
    })
}

/// The artifact `name_or_digest` names.
pub fn get(store: &Store, name_or_digest: &str) -> Result<Artifact, ArtifactError> {
    let records = read(store)?;
    load(store, records.find(name_or_digest)?)
}

/// Every artifact of the store, in the order they were recorded.
pub fn list(store: &Store) -> Result<Vec<Artifact>, ArtifactError> {
    read(store)?
        .artifacts
        .iter()
        .map(|r| load(store, r))
        .collect()
}

/// A blob being written into the store under a temp name while it is hashed; it gets its
/// digest's name only once complete, so a blob of the store is always whole.
pub(super) struct BlobWriter {
    dir: PathBuf,
    tmp: PathBuf,
    out: File,
    hasher: Hasher,
    size: u64,
    /// The first bytes, from which a file's type is guessed.
    pub head: Vec<u8>,
}

impl BlobWriter {
    pub fn new(store: &Store, hint: &str) -> io::Result<BlobWriter> {
        let dir = store.blobs_dir();
        let tmp = scratch::temp_path(&dir, hint);
        let out = File::create(&tmp)?;
        Ok(BlobWriter {
            dir,
            tmp,
            out,
            hasher: Hasher::default(),
            size: 0,
            head: Vec::new(),
        })
    }

    pub fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        if self.head.len() < 512 {
            let take = (512 - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        self.out.write_all(chunk)
    }

    /// Names the blob by its digest. Returns the digest and size.
    pub fn finish(self) -> io::Result<(Digest, u64)> {
        self.out.sync_all()?;
        let digest = self.hasher.clone().finish();
        fs::rename(&self.tmp, self.dir.join(digest.hex()))?;
        Ok((digest, self.size))
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        // After finish() the temp name is gone and this does nothing.
        let _ = fs::remove_file(&self.tmp);
    }
}

/// Copies the file `path` into the store's blobs. Returns its digest, size and first bytes.
pub(super) fn add_file(
    store: &Store,
    path: &Path,
) -> Result<(Digest, u64, Vec<u8>), ArtifactError> {
    let read_err = |source| ArtifactError::ReadFile {
        path: path.to_path_buf(),
        source,
    };
    let mut source = File::open(path).map_err(read_err)?;
    if !source.metadata().map_err(read_err)?.is_file() {
        return Err(ArtifactError::NotAFile(path.to_path_buf()));
    }
    let write_err = |source| ArtifactError::WriteFile {
        path: store.blobs_dir(),
        source,
    };
    let mut blob = BlobWriter::new(store, "artifact").map_err(write_err)?;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = source.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        blob.write(&buf[..n]).map_err(write_err)?;
    }
    let head = std::mem::take(&mut blob.head);
    let (digest, size) = blob.finish().map_err(write_err)?;
    Ok((digest, size, head))
}

/// The media type of a file by its first bytes, for `add` without `--file-type`: the types
/// Go's content sniffing (podman's) gives the common kinds of file.
pub fn sniff_type(head: &[u8]) -> &'static str {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
        (b"\x1f\x8b\x08", "application/x-gzip"),
        (b"PK\x03\x04", "application/zip"),
        (b"BZh", "application/x-bzip2"),
        (b"\x7fELF", "application/octet-stream"),
        (b"<?xml", "text/xml; charset=utf-8"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        return kind;
    }
    let binary = |b: &u8| matches!(b, 0x00..=0x08 | 0x0b | 0x0e..=0x1a | 0x1c..=0x1f);
    if head.iter().any(binary) {
        "application/octet-stream"
    } else {
        "text/plain; charset=utf-8"
    }
}

/// What `artifact add` was asked for.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// `--type`: the manifest's `artifactType`.
    pub artifact_type: Option<String>,
    /// `--annotation`: set on every file's layer.
    pub annotations: BTreeMap<String, String>,
    /// `--file-type`: every file's media type, instead of the guessed one.
    pub file_type: Option<String>,
    pub append: bool,
    pub replace: bool,
}

/// Adds `files` as the artifact `name` (with `append` to its existing files). Returns the new
/// manifest's digest.
pub fn add(
    store: &Store,
    name: &Reference,
    files: &[PathBuf],
    opts: &AddOptions,
) -> Result<Digest, ArtifactError> {
    if name.digest.is_some() {
        return Err(ArtifactError::BadName {
            name: name.to_string(),
            reason: "an added artifact takes a tag: its digest is that of the manifest made",
        });
    }
    let name = name.to_string();
    let mut layers: Vec<Descriptor> = Vec::new();
    for file in files {
        let title = match opts.annotations.get(TITLE) {
            Some(title) => title.clone(),
            None => file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| ArtifactError::NotAFile(file.clone()))?,
        };
        if layers
            .iter()
            .any(|l| l.annotations.get(TITLE) == Some(&title))
        {
            return Err(ArtifactError::DuplicateTitle(title));
        }
        let (digest, size, head) = add_file(store, file)?;
        let media_type = opts.file_type.as_deref().unwrap_or(sniff_type(&head));
        let mut layer = Descriptor::new(media_type, digest, size);
        layer.annotations = opts.annotations.clone();
        layer.annotations.insert(TITLE.to_string(), title);
        layers.push(layer);
    }
    store.put_blob(EMPTY_CONFIG)?;

    let guard = store.lock()?;
    let mut records = read(store)?;
    let existing = records.artifacts.iter().find(|a| a.name == name).cloned();
    let manifest = match existing {
        Some(old) if opts.append => {
            let mut manifest = load(store, &old)?.manifest;
            for layer in layers {
                let title = &layer.annotations[TITLE];
                if manifest
                    .layers
                    .iter()
                    .any(|l| l.annotations.get(TITLE) == Some(title))
                {
                    return Err(ArtifactError::FileExists(title.clone()));
                }
                manifest.layers.push(layer);
            }
            manifest
        }
        Some(_) if !opts.replace => return Err(ArtifactError::Exists(name)),
        _ => new_manifest(opts.artifact_type.clone(), layers),
    };
    blobs_kept(store, &manifest, &name, "add")?;
    let digest = record(store, &guard, &mut records, &name, &manifest.to_bytes())?;
    drop(guard);
    store.collect_garbage()?;
    Ok(digest)
}

fn new_manifest(artifact_type: Option<String>, layers: Vec<Descriptor>) -> ArtifactManifest {
    let created = jiff::Timestamp::now().to_string();
    ArtifactManifest {
        schema_version: 2,
        media_type: Some(media::OCI_MANIFEST.into()),
        artifact_type,
        config: ConfigDescriptor {
            descriptor: Descriptor::new(
                EMPTY_CONFIG_TYPE,
                Digest::of(EMPTY_CONFIG),
                EMPTY_CONFIG.len() as u64,
            ),
            data: Some("e30=".into()),
        },
        layers,
        subject: None,
        annotations: BTreeMap::from([(CREATED.to_string(), created)]),
    }
}

/// Stores the manifest `bytes` and names it `name` (replacing what had the name). The caller
/// holds the store lock and has every blob the manifest names in place.
/// Another command's garbage collection may have taken a blob no record named yet: checked
/// under the store lock, before the record that keeps them is written. `verb` is what the
/// caller does ("add", "pull"), which the user can do again.
pub(super) fn blobs_kept(
    store: &Store,
    manifest: &ArtifactManifest,
    name: &str,
    verb: &str,
) -> Result<(), ArtifactError> {
    match manifest
        .blobs()
        .find(|d| !store.blob_path(&d.digest).exists())
    {
        Some(gone) => Err(ArtifactError::Damaged {
            name: name.to_string(),
            message: format!(
                "blob {} vanished while it was {verb}ed: {verb} again",
                gone.digest
            ),
        }),
        None => Ok(()),
    }
}

pub(super) fn record(
    store: &Store,
    guard: &lock::Guard,
    records: &mut Records,
    name: &str,
    bytes: &[u8],
) -> Result<Digest, ArtifactError> {
    let digest = store.put_blob(bytes)?;
    records.artifacts.retain(|a| a.name != name);
    records.artifacts.push(ArtifactRecord {
        name: name.to_string(),
        digest: digest.clone(),
    });
    write(store, guard, records)?;
    Ok(digest)
}

/// Removes the artifacts `names` names (all of them when empty), then the blobs no one uses
/// any more. Returns the digests of those removed; with `ignore`, names of no artifact are
/// skipped.
pub fn remove(store: &Store, names: &[String], ignore: bool) -> Result<Vec<Digest>, ArtifactError> {
    let guard = store.lock()?;
    let mut records = read(store)?;
    let doomed: Vec<ArtifactRecord> = match names.is_empty() {
        true => records.artifacts.clone(),
        false => {
            let mut doomed = Vec::new();
            for name in names {
                match records.find(name) {
                    Ok(found) => doomed.push(found.clone()),
                    Err(ArtifactError::NotFound(_)) if ignore => {}
                    Err(e) => return Err(e),
                }
            }
            doomed
        }
    };
    records
        .artifacts
        .retain(|a| !doomed.iter().any(|d| d.name == a.name));
    write(store, &guard, &records)?;
    drop(guard);
    store.collect_garbage()?;
    Ok(doomed.into_iter().map(|d| d.digest).collect())
}

/// Which files `extract` copies.
#[derive(Debug, Clone, Default)]
pub struct Pick {
    pub digest: Option<String>,
    pub title: Option<String>,
}

/// Copies the artifact's files to `target`: into it, each under its title (or its digest),
/// when it is a directory; else the one file chosen to that path. Returns the paths written.
pub fn extract(
    store: &Store,
    artifact: &Artifact,
    target: &Path,
    pick: &Pick,
) -> Result<Vec<PathBuf>, ArtifactError> {
    let layers = &artifact.manifest.layers;
    if layers.is_empty() {
        return Err(ArtifactError::NoBlobs);
    }
    let chosen: Vec<&Descriptor> = match (&pick.digest, &pick.title) {
        (Some(digest), _) => vec![one_match(layers, "digest", digest, |l| {
            l.digest.to_string() == *digest
        })?],
        (None, Some(title)) => vec![one_match(layers, "title", title, |l| {
            l.annotations.get(TITLE) == Some(title)
        })?],
        (None, None) => layers.iter().collect(),
    };
    if !target.is_dir() {
        let [layer] = chosen.as_slice() else {
            return Err(ArtifactError::SeveralBlobs(target.to_path_buf()));
        };
        copy_out(store, artifact, layer, target)?;
        return Ok(vec![target.to_path_buf()]);
    }
    let mut names = Vec::new();
    for layer in &chosen {
        let name = match (&pick.digest, layer.annotations.get(TITLE)) {
            (None, Some(title)) if !title.is_empty() => {
                if title.contains('/') {
                    return Err(ArtifactError::BadTitle(title.clone()));
                }
                // Joined to the directory these would name it or its parent, not a file in it.
                if title == "." || title == ".." {
                    return Err(ArtifactError::DotTitle(title.clone()));
                }
                title.clone()
            }
            _ => layer.digest.to_string().replace(':', "-"),
        };
        if names.contains(&name) {
            return Err(ArtifactError::DuplicateTitle(name));
        }
        names.push(name);
    }
    let mut written = Vec::new();
    for (layer, name) in chosen.iter().zip(names) {
        let path = target.join(name);
        copy_out(store, artifact, layer, &path)?;
        written.push(path);
    }
    Ok(written)
}

fn one_match<'a>(
    layers: &'a [Descriptor],
    what: &'static str,
    value: &str,
    matches: impl Fn(&Descriptor) -> bool,
) -> Result<&'a Descriptor, ArtifactError> {
    let mut found = layers.iter().filter(|l| matches(l));
    match (found.next(), found.next()) {
        (Some(one), None) => Ok(one),
        (Some(_), Some(_)) => Err(ArtifactError::SeveralMatches {
            what,
            value: value.to_string(),
        }),
        (None, _) => Err(ArtifactError::NoBlob {
            what,
            value: value.to_string(),
        }),
    }
}

/// Writes the blob of `layer` to `path` (replacing what is there), checking its digest on
/// the way: a damaged blob leaves `path` as it was.
fn copy_out(
    store: &Store,
    artifact: &Artifact,
    layer: &Descriptor,
    path: &Path,
) -> Result<(), ArtifactError> {
    let blob = store.blob_path(&layer.digest);
    let mut source = File::open(&blob).map_err(|e| ArtifactError::Damaged {
        name: artifact.name.clone(),
        message: format!("blob {}: {e}", layer.digest),
    })?;
    let result = atomic::write_with(path, |out| {
        let mut hasher = Hasher::default();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = source.read(&mut buf).map_err(Failed::Fill)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(Failed::Io)?;
        }
        match hasher.finish() == layer.digest {
            true => Ok(()),
            false => Err(Failed::Fill(io::Error::new(
                io::ErrorKind::InvalidData,
                "content does not match its digest",
            ))),
        }
    });
    result.map_err(|e| match e {
        Failed::Io(source) => ArtifactError::WriteFile {
            path: path.to_path_buf(),
            source,
        },
        Failed::Fill(e) => ArtifactError::Damaged {
            name: artifact.name.clone(),
            message: format!("blob {}: {e}", layer.digest),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_qualified_and_get_a_tag() {
        assert_eq!(
            parse_name("quay.io/a/b").unwrap().to_string(),
            "quay.io/a/b:latest"
        );
        assert_eq!(
            parse_name("localhost/x:1").unwrap().to_string(),
            "localhost/x:1"
        );
        let err = parse_name("myartifact").unwrap_err().to_string();
        assert!(err.contains("canonical"), "{err}");
        let both = format!("quay.io/a:1@sha256:{}", "0".repeat(64));
        assert!(parse_name(&both).is_err());
    }

    #[test]
    fn file_types_are_sniffed_as_go_does() {
        assert_eq!(sniff_type(b"hello\n"), "text/plain; charset=utf-8");
        assert_eq!(sniff_type(b""), "text/plain; charset=utf-8");
        assert_eq!(sniff_type(b"\x1f\x8b\x08\x00"), "application/x-gzip");
        assert_eq!(sniff_type(b"a\x00b"), "application/octet-stream");
    }

    #[test]
    fn the_empty_config_is_inline_and_the_manifest_round_trips() {
        let m = new_manifest(Some("application/x.test".into()), Vec::new());
        let bytes = m.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.contains("\"artifactType\":\"application/x.test\""),
            "{text}"
        );
        assert!(text.contains("\"data\":\"e30=\""), "{text}");
        assert_eq!(
            m.config.descriptor.digest.to_string(),
            "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        let back = ArtifactManifest::parse("x", &bytes).unwrap();
        assert!(back.annotations.contains_key(CREATED));
        let index = br#"{"schemaVersion":2,"manifests":[]}"#;
        assert!(matches!(
            ArtifactManifest::parse("x", index),
            Err(ArtifactError::IndexList(_))
        ));
    }
}
