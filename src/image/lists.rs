//! Manifest lists (`rpod manifest`): an OCI image index kept in the store under an image's
//! kind of name (`localhost/NAME:TAG`), whose entries are the manifests of images in the
//! store. `storage/lists.json` holds the records (id, names, the index's blob), rewritten
//! atomically under the store lock; the index itself is a blob like any manifest, so a
//! change writes a new blob first and then the record naming it.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::manifest::{Descriptor, ImageConfig, Index, Manifest, ManifestError, Platform, media};
use super::reference::{RefError, Reference};
use super::store::{ImageIndex, ImageRecord, Store, StoreError, find_in, local_candidates};
use crate::config::RegistriesConfig;
use crate::ids::{ContainerId, Digest, ImageId, is_id_prefix};
use crate::state::{atomic, lock};

/// The architectures and operating systems of Go's GOARCH and GOOS, which the OCI image spec
/// names its platforms by.
const ARCHITECTURES: &[&str] = &[
    "386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle", "ppc64",
    "ppc64le", "riscv64", "s390x", "wasm",
];
const SYSTEMS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "illumos",
    "ios",
    "js",
    "linux",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
];

#[derive(Debug, thiserror::Error)]
pub enum ListError {
    #[error("{0}: manifest list not known")]
    NotFound(String),
    #[error("{name}: no manifest list of that name here, and no registry has it: {remote}")]
    Nowhere { name: String, remote: String },
    #[error("{name}: the name is already used by {what} {id}")]
    NameTaken {
        name: String,
        what: &'static str,
        id: String,
    },
    #[error("{digest} is not in manifest list {list}")]
    NotInList { list: String, digest: String },
    #[error("invalid value {value:?} for {flag}: {reason}")]
    Invalid {
        flag: &'static str,
        value: String,
        reason: String,
    },
    #[error("manifest list {list} is damaged: {message}")]
    Damaged { list: String, message: String },
    #[error("entry {digest} of manifest list {list} is no image in the store")]
    MissingImage { list: String, digest: Digest },
    #[error("entry {digest} of manifest list {list} is an artifact, not an image")]
    ArtifactEntry { list: String, digest: Digest },
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error(transparent)]
    Registry(#[from] super::registry::RegistryError),
    #[error(transparent)]
    Pull(#[from] super::pull::PullError),
    #[error(transparent)]
    Push(#[from] super::push::PushError),
    #[error(transparent)]
    Artifact(#[from] super::artifact::ArtifactError),
    #[error("cannot start the I/O runtime: {0}")]
    Runtime(io::Error),
}

impl ListError {
    pub fn hint(&self) -> Option<String> {
        match self {
            ListError::NotFound(_) => Some("rpod manifest create NAME makes one".into()),
            ListError::NameTaken { .. } => {
                Some("use another name, or add to an existing list with --amend".into())
            }
            ListError::NotInList { list, .. } => {
                Some(format!("rpod manifest inspect {list} lists its entries"))
            }
            ListError::MissingImage { .. } => Some(
                "the image was removed after it was added: add it again, or remove the entry"
                    .into(),
            ),
            ListError::Store(e) => e.hint(),
            ListError::Registry(e) => e.hint(),
            ListError::Pull(e) => e.hint(),
            ListError::Push(e) => e.hint(),
            ListError::Artifact(e) => e.hint(),
            ListError::ArtifactEntry { .. } => Some(
                "only images are taken from another list: add the artifact's files with manifest add --artifact"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// One manifest list of the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListRecord {
    /// Chosen at random when the list is made and kept through its changes, as podman does:
    /// the index's digest changes with every edit.
    pub id: ImageId,
    pub names: Vec<String>,
    /// The index, kept in blobs/.
    pub index: Digest,
    /// When the list was made (RFC 3339).
    pub created: String,
    /// The artifact manifests `manifest add --artifact` made for the list (blobs, as their
    /// configs and files): no image or artifact record keeps them, the list does while it
    /// names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub artifacts: Vec<Digest>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Lists {
    #[serde(default)]
    pub lists: Vec<ListRecord>,
}

fn path(store: &Store) -> PathBuf {
    store.dir().join("lists.json")
}

/// Every manifest list of the store.
pub fn read(store: &Store) -> Result<Lists, StoreError> {
    let path = path(store);
    match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path,
            message: e.to_string(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Lists::default()),
        Err(e) => Err(StoreError::io("read manifest lists", &path)(e)),
    }
}

fn write(store: &Store, _guard: &lock::Guard, lists: &Lists) -> Result<(), StoreError> {
    let path = path(store);
    atomic::write_json(&path, lists).map_err(StoreError::io("write manifest lists", &path))
}

impl Lists {
    /// The list `name_or_id` names: its id, a unique id prefix, or one of its names.
    pub fn find(&self, name_or_id: &str, registries: &RegistriesConfig) -> Option<&ListRecord> {
        let hex = name_or_id.strip_prefix("sha256:").unwrap_or(name_or_id);
        if let Some(list) = self.lists.iter().find(|l| l.id.as_str() == hex) {
            return Some(list);
        }
        for candidate in local_candidates(name_or_id, registries) {
            if let Some(name) = candidate.tagged_name()
                && let Some(list) = self.lists.iter().find(|l| l.names.contains(&name))
            {
                return Some(list);
            }
        }
        let mut by_prefix = self
            .lists
            .iter()
            .filter(|l| is_id_prefix(hex) && l.id.as_str().starts_with(hex));
        match (by_prefix.next(), by_prefix.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }
}

/// The list `name_or_id` names and its index.
pub fn get(
    store: &Store,
    name_or_id: &str,
    registries: &RegistriesConfig,
) -> Result<(ListRecord, Index), ListError> {
    let lists = read(store)?;
    let list = lists
        .find(name_or_id, registries)
        .ok_or_else(|| ListError::NotFound(name_or_id.to_string()))?
        .clone();
    let index = load_index(store, &list)?;
    Ok((list, index))
}

fn load_index(store: &Store, list: &ListRecord) -> Result<Index, ListError> {
    let bytes = store.read_blob(&list.index)?;
    serde_json::from_slice(&bytes).map_err(|e| ListError::Damaged {
        list: list_name(list),
        message: e.to_string(),
    })
}

/// An image argument as podman resolves it (`image inspect`, `image exists`, `inspect`): an
/// image of the store, else for a manifest list its entry for the host's platform, which must
/// be an image of the store too. Anything else is `StoreError::NotFound`, as podman says
/// "image not known" of a list without such an entry.
pub fn find_image(
    store: &Store,
    images: &ImageIndex,
    name_or_id: &str,
    registries: &RegistriesConfig,
) -> Result<ImageRecord, StoreError> {
    find_image_for(store, images, name_or_id, registries, &Platform::host())
}

/// `find_image` with a list's entry chosen for `platform` (`run --platform`).
pub fn find_image_for(
    store: &Store,
    images: &ImageIndex,
    name_or_id: &str,
    registries: &RegistriesConfig,
    platform: &Platform,
) -> Result<ImageRecord, StoreError> {
    let not_found = match find_in(images, name_or_id, registries) {
        Ok(image) => return Ok(image.clone()),
        Err(e @ StoreError::NotFound(_)) => e,
        Err(e) => return Err(e),
    };
    let lists = read(store)?;
    let Some(list) = lists.find(name_or_id, registries) else {
        return Err(not_found);
    };
    let bytes = store.read_blob(&list.index)?;
    let index: Index = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
        path: store.blob_path(&list.index),
        message: format!("manifest list {}: {e}", list_name(list)),
    })?;
    let unknown = |why: String| StoreError::NotFound(format!("{name_or_id}: {why}"));
    let entry = index
        .select(platform, &list.index)
        .map_err(|e| unknown(e.to_string()))?;
    images
        .images
        .iter()
        .find(|i| i.manifest == entry.digest)
        .cloned()
        .ok_or_else(|| {
            unknown(format!(
                "the list's image for {platform}, {}, is not in the store",
                entry.digest
            ))
        })
}

/// The stored index of the list `name_or_id`, verbatim (`manifest inspect`).
pub fn index_bytes(
    store: &Store,
    name_or_id: &str,
    registries: &RegistriesConfig,
) -> Result<Vec<u8>, ListError> {
    let (list, _) = get(store, name_or_id, registries)?;
    Ok(store.read_blob(&list.index)?)
}

/// `KEY=VALUE` annotations, as `--annotation` takes them.
pub fn parse_annotations(
    flag: &'static str,
    items: &[String],
) -> Result<BTreeMap<String, String>, ListError> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(ListError::Invalid {
                flag,
                value: item.clone(),
                reason: "expected KEY=VALUE".into(),
            }),
        })
        .collect()
}

/// Makes the list `name` (an unused name, or with `amend` an existing list's), with
/// `annotations` on its index. Returns its id.
pub fn create(
    store: &Store,
    name: &Reference,
    amend: bool,
    annotations: BTreeMap<String, String>,
    registries: &RegistriesConfig,
) -> Result<ImageId, ListError> {
    let name_text = name.tagged_name().unwrap_or_else(|| name.to_string());
    let guard = store.lock()?;
    let mut lists = read(store)?;
    if let Some(list) = lists.lists.iter().find(|l| l.names.contains(&name_text)) {
        if amend {
            return Ok(list.id.clone());
        }
        return Err(ListError::NameTaken {
            name: name_text,
            what: "manifest list",
            id: list.id.to_string(),
        });
    }
    if let Ok(image) = find_in(&store.index()?, &name_text, registries) {
        return Err(ListError::NameTaken {
            name: name_text,
            what: "image",
            id: image.id.short().to_string(),
        });
    }
    let index = Index {
        schema_version: 2,
        media_type: Some(media::OCI_INDEX.into()),
        manifests: Vec::new(),
        annotations,
        subject: None,
    };
    let digest = store.put_blob(&to_bytes(&index))?;
    let id: ImageId = ContainerId::random()
        .as_str()
        .parse()
        .expect("a random id is an id");
    lists.lists.push(ListRecord {
        id: id.clone(),
        names: vec![name_text],
        index: digest,
        created: jiff::Timestamp::now().to_string(),
        artifacts: Vec::new(),
    });
    write(store, &guard, &lists)?;
    Ok(id)
}

fn to_bytes(index: &Index) -> Vec<u8> {
    serde_json::to_vec_pretty(index).expect("an index serialises")
}

/// Changes the list `name_or_id` under the store lock: `edit` gets its record and index, and
/// the new index is stored before the record names it.
pub(super) fn change<T>(
    store: &Store,
    name_or_id: &str,
    registries: &RegistriesConfig,
    edit: impl FnOnce(&mut ListRecord, &mut Index) -> Result<T, ListError>,
) -> Result<(ListRecord, T), ListError> {
    let guard = store.lock()?;
    let mut lists = read(store)?;
    let mut list = lists
        .find(name_or_id, registries)
        .ok_or_else(|| ListError::NotFound(name_or_id.to_string()))?
        .clone();
    let mut index = load_index(store, &list)?;
    let out = edit(&mut list, &mut index)?;
    list.index = store.put_blob(&to_bytes(&index))?;
    let record = lists
        .lists
        .iter_mut()
        .find(|l| l.id == list.id)
        .expect("found above");
    *record = list.clone();
    write(store, &guard, &lists)?;
    Ok((list, out))
}

/// What `--arch`, `--os`, `--variant`, `--os-version`, `--features`, `--os-features` set on
/// an entry's platform.
#[derive(Debug, Clone, Default)]
pub struct PlatformEdit {
    pub arch: Option<String>,
    pub os: Option<String>,
    pub variant: Option<String>,
    pub os_version: Option<String>,
    pub features: Vec<String>,
    pub os_features: Vec<String>,
}

impl PlatformEdit {
    /// Refuses what names no platform, before anything is changed.
    pub fn check(&self) -> Result<(), ListError> {
        let known = |flag, value: &Option<String>, names: &[&str]| match value {
            Some(v) if !names.contains(&v.as_str()) => Err(ListError::Invalid {
                flag,
                value: v.clone(),
                reason: format!("not one of {}", names.join(", ")),
            }),
            _ => Ok(()),
        };
        known("--arch", &self.arch, ARCHITECTURES)?;
        known("--os", &self.os, SYSTEMS)?;
        if let Some(v) = &self.variant
            && (v.is_empty() || !v.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            return Err(ListError::Invalid {
                flag: "--variant",
                value: v.clone(),
                reason: "a variant is letters and digits, such as v7 or v8".into(),
            });
        }
        Ok(())
    }

    /// No platform flag was given.
    pub fn is_empty(&self) -> bool {
        self.arch.is_none()
            && self.os.is_none()
            && self.variant.is_none()
            && self.os_version.is_none()
            && self.features.is_empty()
            && self.os_features.is_empty()
    }

    pub(super) fn apply(&self, platform: &mut Platform) {
        if let Some(arch) = &self.arch {
            if *arch != platform.architecture {
                platform.variant = None;
            }
            platform.architecture = arch.clone();
        }
        if let Some(os) = &self.os {
            platform.os = os.clone();
        }
        if let Some(v) = &self.variant {
            platform.variant = Some(v.clone());
        }
        if let Some(v) = &self.os_version {
            platform.os_version = Some(v.clone());
        }
        if !self.features.is_empty() {
            platform.features = self.features.clone();
        }
        if !self.os_features.is_empty() {
            platform.os_features = self.os_features.clone();
        }
    }
}

/// The index entry for a stored image: its manifest as stored, the platform the index it came
/// from (`source`) or else its config names, then `edit`'s changes and `annotations`.
pub fn entry_for(
    store: &Store,
    image: &ImageRecord,
    source: Option<&Descriptor>,
    edit: &PlatformEdit,
    annotations: &BTreeMap<String, String>,
) -> Result<Descriptor, ListError> {
    let manifest_bytes = store.read_blob(&image.manifest)?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest_bytes).map_err(|e| ManifestError::Invalid {
            what: "manifest",
            digest: image.manifest.clone(),
            message: e.to_string(),
        })?;
    let config_digest = image.config_digest();
    let config = ImageConfig::parse(&store.read_blob(&config_digest)?, &config_digest)?;
    let mut platform = Platform {
        architecture: config.architecture.clone(),
        os: config.os.clone(),
        variant: config.variant.clone(),
        os_version: config
            .other
            .get("os.version")
            .and_then(|v| v.as_str())
            .map(str::to_string),
        os_features: Vec::new(),
        features: Vec::new(),
    };
    let mut all_annotations = BTreeMap::new();
    if let Some(source) = source {
        platform = source.platform.clone().unwrap_or(platform);
        all_annotations = source.annotations.clone();
    }
    all_annotations.extend(annotations.clone());
    edit.apply(&mut platform);
    let mut entry = Descriptor::new(
        manifest
            .media_type
            .as_deref()
            .unwrap_or(media::OCI_MANIFEST),
        image.manifest.clone(),
        manifest_bytes.len() as u64,
    );
    entry.platform = Some(platform);
    entry.annotations = all_annotations;
    Ok(entry)
}

/// Adds `entries` to the list (an entry of a manifest already there replaces it). Returns
/// the list's id.
pub fn add(
    store: &Store,
    name_or_id: &str,
    entries: Vec<Descriptor>,
    registries: &RegistriesConfig,
) -> Result<ImageId, ListError> {
    let (list, ()) = change(store, name_or_id, registries, |_, index| {
        entries
            .into_iter()
            .for_each(|entry| put_entry(index, entry));
        Ok(())
    })?;
    Ok(list.id)
}

/// Puts `entry` in the index, in place of an entry of the same manifest.
pub(super) fn put_entry(index: &mut Index, entry: Descriptor) {
    match index
        .manifests
        .iter_mut()
        .find(|m| m.digest == entry.digest)
    {
        Some(existing) => *existing = entry,
        None => index.manifests.push(entry),
    }
}

/// Which entry `spec` (a digest, or an image of the store) names in `index`.
fn entry_position(
    store: &Store,
    list: &ListRecord,
    index: &Index,
    spec: &str,
    registries: &RegistriesConfig,
) -> Result<usize, ListError> {
    let digest = match spec.parse::<Digest>() {
        Ok(d) if spec.starts_with("sha256:") => d,
        _ => match find_in(&store.index()?, spec, registries) {
            Ok(image) => image.manifest.clone(),
            Err(_) => {
                return Err(ListError::NotInList {
                    list: list_name(list),
                    digest: spec.to_string(),
                });
            }
        },
    };
    index
        .manifests
        .iter()
        .position(|m| m.digest == digest)
        .ok_or_else(|| ListError::NotInList {
            list: list_name(list),
            digest: digest.to_string(),
        })
}

/// The name a message gives the list: its first name, else its id.
pub fn list_name(list: &ListRecord) -> String {
    list.names.first().cloned().unwrap_or(list.id.to_string())
}

/// What `manifest annotate` changes.
#[derive(Debug, Clone, Default)]
pub struct Annotate {
    pub platform: PlatformEdit,
    pub annotations: BTreeMap<String, String>,
    /// The annotations go on the index itself.
    pub on_index: bool,
    /// `--subject`: the image of the store the index is about.
    pub subject: Option<String>,
}

/// Changes the entry `spec` names (or with `on_index` the index's annotations). Returns the
/// list's id and the entry's digest.
pub fn annotate(
    store: &Store,
    name_or_id: &str,
    spec: Option<&str>,
    change_to: &Annotate,
    registries: &RegistriesConfig,
) -> Result<(ImageId, Option<Digest>), ListError> {
    change_to.platform.check()?;
    let subject = match &change_to.subject {
        Some(spec) => Some(Box::new(subject_of(store, spec, registries)?)),
        None => None,
    };
    let (list, digest) = change(store, name_or_id, registries, |list, index| {
        if change_to.on_index {
            index.annotations.extend(change_to.annotations.clone());
        }
        if subject.is_some() {
            index.subject = subject;
        }
        let Some(spec) = spec else {
            return Ok(None);
        };
        let at = entry_position(store, list, index, spec, registries)?;
        let entry = &mut index.manifests[at];
        let mut platform = entry.platform.clone().unwrap_or_default();
        change_to.platform.apply(&mut platform);
        entry.platform = Some(platform);
        if !change_to.on_index {
            entry.annotations.extend(change_to.annotations.clone());
        }
        Ok(Some(entry.digest.clone()))
    })?;
    Ok((list.id, digest))
}

/// The descriptor of the manifest of image `spec` (of the store): an index's subject.
pub(super) fn subject_of(
    store: &Store,
    spec: &str,
    registries: &RegistriesConfig,
) -> Result<Descriptor, ListError> {
    let images = store.index()?;
    let image = find_in(&images, spec, registries)?;
    let bytes = store.read_blob(&image.manifest)?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| ManifestError::Invalid {
            what: "manifest",
            digest: image.manifest.clone(),
            message: e.to_string(),
        })?;
    Ok(Descriptor::new(
        manifest
            .media_type
            .as_deref()
            .unwrap_or(media::OCI_MANIFEST),
        image.manifest.clone(),
        bytes.len() as u64,
    ))
}

/// Drops the entry with `digest` from the list (an artifact made for it, with its blobs).
/// Returns the list's id and the digest.
pub fn remove_entry(
    store: &Store,
    name_or_id: &str,
    spec: &str,
    registries: &RegistriesConfig,
) -> Result<(ImageId, Digest), ListError> {
    let (list, (digest, artifact)) = change(store, name_or_id, registries, |list, index| {
        let at = entry_position(store, list, index, spec, registries)?;
        let digest = index.manifests.remove(at).digest;
        let artifact = list.artifacts.contains(&digest);
        list.artifacts.retain(|d| *d != digest);
        Ok((digest, artifact))
    })?;
    if artifact {
        store.collect_garbage()?;
    }
    Ok((list.id, digest))
}

/// Deletes the list (its images stay). Returns the record removed.
pub fn remove(
    store: &Store,
    name_or_id: &str,
    registries: &RegistriesConfig,
) -> Result<ListRecord, ListError> {
    let guard = store.lock()?;
    let mut lists = read(store)?;
    let list = lists
        .find(name_or_id, registries)
        .ok_or_else(|| ListError::NotFound(name_or_id.to_string()))?
        .clone();
    lists.lists.retain(|l| l.id != list.id);
    write(store, &guard, &lists)?;
    drop(guard);
    store.collect_garbage()?;
    Ok(list)
}

/// Drops the records of the lists `ids` (`system check --repair` of lists whose index is
/// damaged). The caller holds the store lock.
pub fn forget(store: &Store, guard: &lock::Guard, ids: &[&ImageId]) -> Result<(), StoreError> {
    let mut lists = read(store)?;
    let before = lists.lists.len();
    lists.lists.retain(|l| !ids.contains(&&l.id));
    if lists.lists.len() != before {
        write(store, guard, &lists)?;
    }
    Ok(())
}

/// The list as `images` shows it, among the images as podman shows it: its id, names, index
/// and when it was made; no layers, and the index's size.
pub fn as_image(store: &Store, list: &ListRecord) -> ImageRecord {
    let size = fs::metadata(store.blob_path(&list.index)).map_or(0, |m| m.len());
    ImageRecord {
        names: list.names.clone(),
        added: list.created.clone(),
        ..Store::new_record(
            list.id.clone(),
            list.index.clone(),
            Vec::new(),
            size,
            Some(list.created.clone()),
        )
    }
}

/// What an entry of a list is.
#[derive(Debug, Clone)]
pub enum EntrySource {
    /// An image of the store, whose manifest it is.
    Image(Box<ImageRecord>),
    /// An artifact manifest made for the list (`ListRecord::artifacts`).
    Artifact,
}

/// What each entry of the list is, in the index's order: an artifact made for the list, else
/// an image of the store.
pub fn entry_sources(
    store: &Store,
    list: &ListRecord,
    index: &Index,
) -> Result<Vec<EntrySource>, ListError> {
    let images = store.index()?;
    index
        .manifests
        .iter()
        .map(|entry| {
            if list.artifacts.contains(&entry.digest) {
                return Ok(EntrySource::Artifact);
            }
            images
                .images
                .iter()
                .find(|i| i.manifest == entry.digest)
                .map(|i| EntrySource::Image(Box::new(i.clone())))
                .ok_or_else(|| ListError::MissingImage {
                    list: list_name(list),
                    digest: entry.digest.clone(),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_edits_are_checked_and_applied() {
        let bad = PlatformEdit {
            arch: Some("x86_64".into()),
            ..Default::default()
        };
        let err = bad.check().unwrap_err().to_string();
        assert!(err.contains("\"x86_64\" for --arch"), "{err}");
        let mut p = Platform::parse("linux/arm64/v8").unwrap();
        let edit = PlatformEdit {
            arch: Some("amd64".into()),
            features: vec!["sse4".into()],
            ..Default::default()
        };
        edit.check().unwrap();
        edit.apply(&mut p);
        assert_eq!(p.to_string(), "linux/amd64");
        assert_eq!(p.features, ["sse4"]);
    }

    #[test]
    fn annotations_need_a_key() {
        let ok = parse_annotations("--annotation", &["a=b=c".into()]).unwrap();
        assert_eq!(ok["a"], "b=c");
        assert!(parse_annotations("--annotation", &["=x".into()]).is_err());
        assert!(parse_annotations("--annotation", &["x".into()]).is_err());
    }
}
