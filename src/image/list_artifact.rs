//! Artifact manifests made for a manifest list (`manifest add --artifact`), as podman 5 makes
//! them: the files given are the layers of an OCI manifest with an `artifactType` (podman's
//! default `application/vnd.unknown.artifact.v1`), the empty config unless one is given, and
//! optionally a `subject`; the list's index names that manifest like an image's. The
//! manifest, its config and the files are blobs of the store, written before the list's record
//! names the manifest (`ListRecord::artifacts`), and kept by the garbage collection while it
//! does; `manifest push` uploads them as `artifact push` does.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;

use super::artifact::{
    self, ArtifactError, ArtifactManifest, ConfigDescriptor, EMPTY_CONFIG, EMPTY_CONFIG_TYPE, TITLE,
};
use super::lists::{self, ListError, PlatformEdit};
use super::manifest::{Descriptor, Index, Platform, media};
use super::store::{Store, StoreError};
use crate::config::RegistriesConfig;
use crate::ids::{Digest, ImageId};

/// The `artifactType` podman (and ORAS) give an artifact whose type is not named.
pub const UNKNOWN_TYPE: &str = "application/vnd.unknown.artifact.v1";

/// The types Go's `mime.TypeByExtension` knows without a system table, which podman's guess
/// tries before the file's content (parameters dropped, as podman drops them).
const BY_EXTENSION: &[(&str, &str)] = &[
    ("avif", "image/avif"),
    ("css", "text/css"),
    ("gif", "image/gif"),
    ("htm", "text/html"),
    ("html", "text/html"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("mjs", "text/javascript"),
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("svg", "image/svg+xml"),
    ("wasm", "application/wasm"),
    ("webp", "image/webp"),
    ("xml", "text/xml"),
];

/// What `manifest add --artifact` was asked for, its media types checked.
#[derive(Debug, Clone, Default)]
pub struct ArtifactSpec {
    pub files: Vec<PathBuf>,
    /// `--artifact-type`: the manifest's `artifactType`; None for [`UNKNOWN_TYPE`], and an
    /// empty type for none at all (podman's `--artifact-type ""`).
    pub artifact_type: Option<String>,
    /// `--artifact-config`: the file whose content is the config, instead of the empty one.
    pub config: Option<PathBuf>,
    /// `--artifact-config-type`: the config's media type.
    pub config_type: Option<String>,
    /// `--artifact-layer-type`: every file's media type, instead of the guessed one.
    pub layer_type: Option<String>,
    /// `--artifact-exclude-titles`: no `org.opencontainers.image.title` on the files.
    pub exclude_titles: bool,
    /// `--artifact-subject`: an entry of the list (by digest) or an image of the store.
    pub subject: Option<String>,
}

impl ArtifactSpec {
    /// Refuses a media type that is none (RFC 6838's `type/subtype`, parameters allowed).
    pub fn check(&self) -> Result<(), ListError> {
        let types = [
            ("--artifact-type", &self.artifact_type),
            ("--artifact-config-type", &self.config_type),
            ("--artifact-layer-type", &self.layer_type),
        ];
        for (flag, value) in types {
            match value.as_deref() {
                Some("") if flag == "--artifact-type" => {}
                Some(v) if !is_media_type(v) => {
                    return Err(ListError::Invalid {
                        flag,
                        value: v.to_string(),
                        reason: "expected a media type, TYPE/SUBTYPE such as application/vnd.example.thing".into(),
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn is_media_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    let name = |part: &str| {
        (1..=127).contains(&part.len())
            && part.as_bytes()[0].is_ascii_alphanumeric()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    essence
        .split_once('/')
        .is_some_and(|(kind, sub)| name(kind) && name(sub))
}

/// A file's media type as podman guesses it: by its extension, else by its first bytes;
/// without parameters.
fn guess_type(path: &Path, head: &[u8]) -> String {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let known = extension.and_then(|e| {
        BY_EXTENSION
            .iter()
            .find(|(x, _)| *x == e)
            .map(|(_, kind)| *kind)
    });
    let kind = known.unwrap_or_else(|| artifact::sniff_type(head));
    kind.split(';').next().unwrap_or(kind).trim().to_string()
}

/// Makes the artifact manifest of `spec` (checked: [`ArtifactSpec::check`]) and adds it to
/// the list `list` as an entry with `edit`'s platform (none without a platform flag) and
/// `annotations`. Returns the list's id and the manifest's digest.
pub fn add(
    store: &Store,
    list: &str,
    spec: &ArtifactSpec,
    edit: &PlatformEdit,
    annotations: &BTreeMap<String, String>,
    registries: &RegistriesConfig,
) -> Result<(ImageId, Digest), ListError> {
    let (_, index) = lists::get(store, list, registries)?;
    let subject = match &spec.subject {
        Some(s) => Some(subject(store, &index, s, registries)?),
        None => None,
    };
    // Every file is looked at before any is copied, so that a bad one leaves nothing behind.
    let titles = spec
        .files
        .iter()
        .map(|f| regular_file(f))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(config) = &spec.config {
        regular_file(config)?;
    }
    let mut layers = Vec::new();
    for (file, title) in spec.files.iter().zip(titles) {
        let (digest, size, head) = artifact::add_file(store, file)?;
        let media_type = match &spec.layer_type {
            Some(kind) => kind.clone(),
            None => guess_type(file, &head),
        };
        let mut layer = Descriptor::new(&media_type, digest, size);
        if !spec.exclude_titles {
            layer.annotations.insert(TITLE.to_string(), title);
        }
        layers.push(layer);
    }
    let manifest = ArtifactManifest {
        schema_version: 2,
        media_type: Some(media::OCI_MANIFEST.into()),
        artifact_type: match spec.artifact_type.as_deref() {
            None => Some(UNKNOWN_TYPE.into()),
            Some("") => None,
            Some(kind) => Some(kind.into()),
        },
        config: config(store, spec)?,
        layers,
        subject,
        annotations: BTreeMap::new(),
    };
    let bytes = manifest.to_bytes();
    let digest = store.put_blob(&bytes)?;
    let mut entry = Descriptor::new(media::OCI_MANIFEST, digest.clone(), bytes.len() as u64);
    entry.artifact_type = manifest.artifact_type.clone();
    if !edit.is_empty() {
        let mut platform = Platform::default();
        edit.apply(&mut platform);
        entry.platform = Some(platform);
    }
    entry.annotations = annotations.clone();
    let id = add_to_list(store, list, entry, &manifest, registries)?;
    Ok((id, digest))
}

/// The file's name, its title; an error naming it when it is no regular file.
fn regular_file(path: &Path) -> Result<String, ArtifactError> {
    let meta = fs::metadata(path).map_err(|source| ArtifactError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    match path.file_name() {
        Some(name) if meta.is_file() => Ok(name.to_string_lossy().into_owned()),
        _ => Err(ArtifactError::NotAFile(path.to_path_buf())),
    }
}

/// The config's descriptor, its content inline (`data`) as podman writes it: the empty config
/// `{}`, or the file `--artifact-config` names (an OCI image config unless
/// `--artifact-config-type` says otherwise).
fn config(store: &Store, spec: &ArtifactSpec) -> Result<ConfigDescriptor, ListError> {
    let (bytes, default_type) = match &spec.config {
        None => (EMPTY_CONFIG.to_vec(), EMPTY_CONFIG_TYPE),
        Some(path) => {
            let bytes = fs::read(path).map_err(|source| ArtifactError::ReadFile {
                path: path.clone(),
                source,
            })?;
            (bytes, media::OCI_CONFIG)
        }
    };
    let digest = store.put_blob(&bytes)?;
    let media_type = spec.config_type.as_deref().unwrap_or(default_type);
    Ok(ConfigDescriptor {
        descriptor: Descriptor::new(media_type, digest, bytes.len() as u64),
        data: (!bytes.is_empty()).then(|| base64::engine::general_purpose::STANDARD.encode(&bytes)),
    })
}

/// The descriptor of the artifact's subject: an entry of the list named by its digest (an
/// SBOM about one of its images), else an image of the store.
fn subject(
    store: &Store,
    index: &Index,
    spec: &str,
    registries: &RegistriesConfig,
) -> Result<Descriptor, ListError> {
    if let Some(entry) = index
        .manifests
        .iter()
        .find(|m| m.digest.to_string() == spec)
    {
        return Ok(Descriptor {
            artifact_type: entry.artifact_type.clone(),
            ..Descriptor::new(&entry.media_type, entry.digest.clone(), entry.size)
        });
    }
    lists::subject_of(store, spec, registries)
}

/// Adds the artifact manifest `entry` describes, `manifest`, stored with its blobs, to the
/// list, which keeps those blobs from then on. Returns the list's id.
fn add_to_list(
    store: &Store,
    name_or_id: &str,
    entry: Descriptor,
    manifest: &ArtifactManifest,
    registries: &RegistriesConfig,
) -> Result<ImageId, ListError> {
    let (list, ()) = lists::change(store, name_or_id, registries, |list, index| {
        // Until the record names them, another command's garbage collection may take them.
        let name = lists::list_name(list);
        artifact::blobs_kept(store, manifest, &name, "add")?;
        if !store.blob_path(&entry.digest).exists() {
            return Err(ArtifactError::Damaged {
                name,
                message: format!(
                    "manifest {} vanished while it was added: add again",
                    entry.digest
                ),
            }
            .into());
        }
        if !list.artifacts.contains(&entry.digest) {
            list.artifacts.push(entry.digest.clone());
        }
        lists::put_entry(index, entry);
        Ok(())
    })?;
    Ok(list.id)
}

/// The blobs the lists use, which the store's garbage collection keeps: each index, and each
/// artifact manifest made for a list with its config and files. A manifest that cannot be
/// read keeps only itself.
pub fn blobs_in_use(store: &Store) -> Result<Vec<Digest>, StoreError> {
    let mut used = Vec::new();
    for list in lists::read(store)?.lists {
        used.push(list.index);
        for digest in list.artifacts {
            if let Ok(bytes) = store.read_blob(&digest)
                && let Ok(manifest) = ArtifactManifest::parse(&digest.to_string(), &bytes)
            {
                used.extend(manifest.blobs().map(|d| d.digest.clone()));
            }
            used.push(digest);
        }
    }
    Ok(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_are_type_slash_subtype() {
        for good in [
            "application/vnd.example+json",
            "text/plain; charset=utf-8",
            "application/x.a-b_c",
        ] {
            assert!(is_media_type(good), "{good}");
        }
        for bad in [
            "",
            "text",
            "text/",
            "/plain",
            "a/b/c",
            "text/pl ain",
            "-a/b",
        ] {
            assert!(!is_media_type(bad), "{bad}");
        }
        let spec = ArtifactSpec {
            layer_type: Some("plain".into()),
            ..Default::default()
        };
        let err = spec.check().unwrap_err().to_string();
        assert!(err.contains("\"plain\" for --artifact-layer-type"), "{err}");
        let untyped = ArtifactSpec {
            artifact_type: Some(String::new()),
            ..Default::default()
        };
        untyped.check().unwrap();
    }

    #[test]
    fn types_are_guessed_by_extension_then_content_without_parameters() {
        let at = |name: &str, head: &[u8]| guess_type(Path::new(name), head);
        assert_eq!(at("sbom.JSON", b"{}"), "application/json");
        assert_eq!(at("page.html", b"x"), "text/html");
        assert_eq!(at("notes.txt", b"hello\n"), "text/plain");
        assert_eq!(at("blob", b"\x00\x01"), "application/octet-stream");
        assert_eq!(
            at("a.unknownext", b"\x1f\x8b\x08\x00"),
            "application/x-gzip"
        );
    }
}
