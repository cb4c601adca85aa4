//! OCI and Docker schema2 manifests, indexes and image configs: parsing with the checks a
//! hostile registry calls for, and the choice of a platform from an index.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::Digest;

pub mod media {
    pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
    pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
    pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
    pub const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
    pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
    pub const OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
    pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
    pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
    pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
    pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    pub const DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// What rpod asks a registry for, most preferred first.
    pub const ACCEPTED_MANIFESTS: [&str; 4] =
        [OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST];
}

/// Manifests and configs are small documents; anything bigger is an attack or a broken registry.
pub const MAX_DOCUMENT_SIZE: u64 = 8 << 20;
/// No real layer comes near this; a descriptor claiming more is refused before downloading.
pub const MAX_LAYER_SIZE: u64 = 1 << 40;

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("invalid {what} {digest}: {message}")]
    Invalid {
        what: &'static str,
        digest: Digest,
        message: String,
    },
    #[error("unsupported manifest type {media_type:?} for {digest}")]
    UnsupportedType { media_type: String, digest: Digest },
    #[error("unsupported layer media type {media_type:?} for layer {digest}")]
    UnsupportedLayer { media_type: String, digest: Digest },
    #[error("no image for platform {wanted} in index {digest} (it has: {available})")]
    NoPlatform {
        wanted: String,
        digest: Digest,
        available: String,
    },
    #[error(
        "invalid platform {0:?}: expected os/arch[/variant], such as linux/amd64 or linux/arm64/v8"
    )]
    BadPlatform(String),
    #[error("--platform option can not be specified with --arch, --os or --variant")]
    PlatformAndParts,
}

/// The host architecture in OCI/Go naming (amd64, arm64, …).
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// `Default` is a platform with nothing set, for `manifest add`/`annotate`'s flags to fill in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Platform {
    pub architecture: String,
    pub os: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_version: Option<String>,
    #[serde(rename = "os.features", default, skip_serializing_if = "Vec::is_empty")]
    pub os_features: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

impl Platform {
    pub fn host() -> Platform {
        let architecture = host_arch().to_string();
        let variant = (architecture == "arm64").then(|| "v8".to_string());
        Platform {
            architecture,
            os: "linux".into(),
            variant,
            os_version: None,
            os_features: Vec::new(),
            features: Vec::new(),
        }
    }

    /// `--platform`, or the host's platform with `--os`, `--arch`, `--variant` put in (the
    /// host's variant goes when the architecture changes), as podman combines them.
    pub fn from_flags(
        platform: Option<&str>,
        os: Option<&str>,
        arch: Option<&str>,
        variant: Option<&str>,
    ) -> Result<Platform, ManifestError> {
        if let Some(p) = platform {
            if os.or(arch).or(variant).is_some() {
                return Err(ManifestError::PlatformAndParts);
            }
            return Platform::parse(p);
        }
        let host = Platform::host();
        let arch = arch.unwrap_or(&host.architecture);
        let variant = variant.or(host
            .variant
            .as_deref()
            .filter(|_| arch == host.architecture));
        let mut text = format!("{}/{arch}", os.unwrap_or(&host.os));
        if let Some(v) = variant {
            text = format!("{text}/{v}");
        }
        Platform::parse(&text)
    }

    /// `os/arch[/variant]`, as `--platform` takes it.
    pub fn parse(s: &str) -> Result<Platform, ManifestError> {
        let parts: Vec<&str> = s.split('/').collect();
        let ok =
            |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !(2..=3).contains(&parts.len()) || !parts.iter().all(ok) {
            return Err(ManifestError::BadPlatform(s.to_string()));
        }
        Ok(Platform {
            os: parts[0].to_string(),
            architecture: parts[1].to_string(),
            variant: parts.get(2).map(|v| v.to_string()),
            os_version: None,
            os_features: Vec::new(),
            features: Vec::new(),
        })
    }

    /// Whether an index entry for `other` serves this platform. A missing variant on either side
    /// matches (arm64 images rarely say v8).
    fn matches(&self, other: &Platform) -> bool {
        self.os == other.os
            && self.architecture == other.architecture
            && match (&self.variant, &other.variant) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    pub media_type: String,
    pub digest: Digest,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<String>,
    /// OCI 1.1: the `artifactType` of the manifest described (an index's entry that is an
    /// artifact, a subject), so that a client can choose without fetching it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_type: Option<String>,
}

impl Descriptor {
    pub fn new(media_type: &str, digest: Digest, size: u64) -> Descriptor {
        Descriptor {
            media_type: media_type.to_string(),
            digest,
            size,
            platform: None,
            annotations: BTreeMap::new(),
            urls: Vec::new(),
            artifact_type: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    pub config: Descriptor,
    pub layers: Vec<Descriptor>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl Manifest {
    /// The OCI manifest of an image this store made (import, load, commit).
    pub fn oci(config_digest: &Digest, config_len: u64, layers: Vec<Descriptor>) -> Manifest {
        Manifest {
            schema_version: 2,
            media_type: Some(media::OCI_MANIFEST.into()),
            config: Descriptor::new(media::OCI_CONFIG, config_digest.clone(), config_len),
            layers,
            annotations: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    pub manifests: Vec<Descriptor>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// OCI 1.1's `subject`: the manifest this index is about (`manifest annotate --subject`),
    /// which a registry's referrers API lists it under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Box<Descriptor>>,
}

/// A document fetched by a manifest reference.
#[derive(Debug, Clone)]
pub enum Document {
    Manifest(Box<Manifest>),
    Index(Index),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a JSON object")]
struct Probe {
    schema_version: Option<u32>,
    media_type: Option<String>,
    manifests: Option<serde_json::Value>,
    config: Option<serde_json::Value>,
}

fn invalid(what: &'static str, digest: &Digest, message: impl ToString) -> ManifestError {
    ManifestError::Invalid {
        what,
        digest: digest.clone(),
        message: message.to_string(),
    }
}

impl Document {
    /// Parses a manifest or index. The media type comes from the document when it says, else
    /// from the HTTP Content-Type, else from its shape.
    pub fn parse(
        bytes: &[u8],
        content_type: Option<&str>,
        digest: &Digest,
    ) -> Result<Document, ManifestError> {
        let probe: Probe =
            serde_json::from_slice(bytes).map_err(|e| invalid("manifest", digest, e))?;
        let media_type = probe
            .media_type
            .clone()
            .or_else(|| content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_string()))
            .filter(|m| !m.is_empty() && m != "application/json")
            .unwrap_or_else(|| {
                if probe.manifests.is_some() {
                    media::OCI_INDEX.into()
                } else {
                    media::OCI_MANIFEST.into()
                }
            });
        if media_type == media::DOCKER_SCHEMA1 || probe.schema_version == Some(1) {
            return Err(ManifestError::UnsupportedType {
                media_type: format!("{media_type} (Docker schema 1 is deprecated)"),
                digest: digest.clone(),
            });
        }
        if probe.schema_version != Some(2) {
            return Err(invalid("manifest", digest, "schemaVersion must be 2"));
        }
        let doc = match media_type.as_str() {
            media::OCI_INDEX | media::DOCKER_LIST => Document::Index(
                serde_json::from_slice(bytes).map_err(|e| invalid("index", digest, e))?,
            ),
            media::OCI_MANIFEST | media::DOCKER_MANIFEST if probe.config.is_some() => {
                Document::Manifest(
                    serde_json::from_slice(bytes).map_err(|e| invalid("manifest", digest, e))?,
                )
            }
            media::OCI_MANIFEST | media::DOCKER_MANIFEST => {
                return Err(invalid("manifest", digest, "missing config descriptor"));
            }
            other => {
                return Err(ManifestError::UnsupportedType {
                    media_type: other.to_string(),
                    digest: digest.clone(),
                });
            }
        };
        doc.check_sizes(digest)?;
        Ok(doc)
    }

    fn check_sizes(&self, digest: &Digest) -> Result<(), ManifestError> {
        let too_big = |d: &Descriptor, max: u64, what: &str| {
            (d.size > max).then(|| {
                invalid(
                    "manifest",
                    digest,
                    format!("{what} {} claims {} bytes", d.digest, d.size),
                )
            })
        };
        let problem = match self {
            Document::Index(index) => index
                .manifests
                .iter()
                .find_map(|d| too_big(d, MAX_DOCUMENT_SIZE, "manifest")),
            Document::Manifest(m) => {
                too_big(&m.config, MAX_DOCUMENT_SIZE, "config").or_else(|| {
                    m.layers
                        .iter()
                        .find_map(|d| too_big(d, MAX_LAYER_SIZE, "layer"))
                })
            }
        };
        problem.map_or(Ok(()), Err)
    }
}

impl Index {
    /// The image for `wanted`, the way podman picks: first exact match in index order. An
    /// artifact (an entry with an `artifactType`, e.g. an SBOM given the platform of the image
    /// it describes) is no image of that platform, and is passed over.
    pub fn select(
        &self,
        wanted: &Platform,
        index_digest: &Digest,
    ) -> Result<&Descriptor, ManifestError> {
        let images = || self.manifests.iter().filter(|d| d.artifact_type.is_none());
        images()
            .find(|d| d.platform.as_ref().is_some_and(|p| wanted.matches(p)))
            .ok_or_else(|| ManifestError::NoPlatform {
                wanted: wanted.to_string(),
                digest: index_digest.clone(),
                available: images()
                    .filter_map(|d| d.platform.as_ref().map(ToString::to_string))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// How a layer blob is compressed, told by its first bytes: media types are not always honest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn sniff(head: &[u8]) -> Compression {
        match head {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
            _ => Compression::None,
        }
    }
}

/// Refuses layer types rpod cannot unpack (encrypted, foreign, artifacts) before downloading.
pub fn check_layer_type(d: &Descriptor) -> Result<(), ManifestError> {
    match d.media_type.as_str() {
        media::OCI_LAYER
        | media::OCI_LAYER_GZIP
        | media::OCI_LAYER_ZSTD
        | media::DOCKER_LAYER_GZIP => Ok(()),
        "application/vnd.docker.image.rootfs.diff.tar" => Ok(()),
        other => Err(ManifestError::UnsupportedLayer {
            media_type: other.to_string(),
            digest: d.digest.clone(),
        }),
    }
}

/// The image config as docker and OCI write it. Unknown keys survive a read-modify-write.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImageConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default)]
    pub config: ContainerConfig,
    pub rootfs: RootFs,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<History>,
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_build: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shell: Option<Vec<String>>,
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RootFs {
    #[serde(rename = "type")]
    pub kind: String,
    pub diff_ids: Vec<Digest>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct History {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub empty_layer: bool,
}

impl ImageConfig {
    pub fn parse(bytes: &[u8], digest: &Digest) -> Result<ImageConfig, ManifestError> {
        let config: ImageConfig =
            serde_json::from_slice(bytes).map_err(|e| invalid("image config", digest, e))?;
        if config.rootfs.kind != "layers" {
            return Err(invalid(
                "image config",
                digest,
                "rootfs.type must be \"layers\"",
            ));
        }
        Ok(config)
    }
}

/// The chain id of each layer: docker's identity of a layer *with everything below it*.
pub fn chain_ids(diff_ids: &[Digest]) -> Vec<Digest> {
    let mut chain: Vec<Digest> = Vec::with_capacity(diff_ids.len());
    for diff in diff_ids {
        let next = match chain.last() {
            None => diff.clone(),
            Some(parent) => Digest::of(format!("{parent} {diff}").as_bytes()),
        };
        chain.push(next);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: u8) -> Digest {
        Digest::of(&[n])
    }

    #[test]
    fn parses_by_document_type_then_content_type_then_shape() {
        let m = format!(
            r#"{{"schemaVersion":2,"config":{{"mediaType":"{}","digest":"{}","size":3}},"layers":[]}}"#,
            media::DOCKER_CONFIG,
            d(1)
        );
        assert!(matches!(
            Document::parse(m.as_bytes(), Some(media::DOCKER_MANIFEST), &d(0)).unwrap(),
            Document::Manifest(_)
        ));
        assert!(matches!(
            Document::parse(m.as_bytes(), None, &d(0)).unwrap(),
            Document::Manifest(_)
        ));
        let i = r#"{"schemaVersion":2,"manifests":[]}"#;
        assert!(matches!(
            Document::parse(i.as_bytes(), None, &d(0)).unwrap(),
            Document::Index(_)
        ));
    }

    #[test]
    fn refuses_schema1_garbage_and_absurd_sizes() {
        let s1 = r#"{"schemaVersion":1,"name":"x"}"#;
        let err = Document::parse(s1.as_bytes(), None, &d(0))
            .unwrap_err()
            .to_string();
        assert!(err.contains("schema 1"), "{err}");
        assert!(Document::parse(b"{", None, &d(0)).is_err());
        let weird = r#"{"schemaVersion":2,"mediaType":"text/html","config":{}}"#;
        assert!(matches!(
            Document::parse(weird.as_bytes(), None, &d(0)),
            Err(ManifestError::UnsupportedType { .. })
        ));
        let huge = format!(
            r#"{{"schemaVersion":2,"config":{{"mediaType":"x","digest":"{}","size":99999999999}},"layers":[]}}"#,
            d(1)
        );
        let err = Document::parse(huge.as_bytes(), None, &d(0))
            .unwrap_err()
            .to_string();
        assert!(err.contains("claims 99999999999 bytes"), "{err}");
    }

    #[test]
    fn selects_platform_and_lists_alternatives() {
        let entry = |arch: &str, variant: Option<&str>, n| Descriptor {
            platform: Some(Platform {
                architecture: arch.into(),
                os: "linux".into(),
                variant: variant.map(Into::into),
                os_version: None,
                os_features: Vec::new(),
                features: Vec::new(),
            }),
            ..Descriptor::new(media::OCI_MANIFEST, d(n), 1)
        };
        let sbom = Descriptor {
            artifact_type: Some("application/spdx+json".into()),
            ..entry("arm64", Some("v8"), 3)
        };
        let index = Index {
            schema_version: 2,
            media_type: None,
            manifests: vec![entry("amd64", None, 1), sbom, entry("arm64", Some("v8"), 2)],
            annotations: BTreeMap::new(),
            subject: None,
        };
        let arm = Platform::parse("linux/arm64").unwrap();
        assert_eq!(
            index.select(&arm, &d(0)).unwrap().digest,
            d(2),
            "the artifact before it is no image"
        );
        let err = index
            .select(&Platform::parse("linux/s390x").unwrap(), &d(0))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("it has: linux/amd64, linux/arm64/v8)"),
            "{err}"
        );
        assert!(Platform::parse("linux").is_err());
        assert!(Platform::parse("linux/amd64/v2/x").is_err());
    }

    #[test]
    fn chain_ids_follow_docker() {
        let (a, b) = (d(1), d(2));
        let chain = chain_ids(&[a.clone(), b.clone()]);
        assert_eq!(chain[0], a);
        assert_eq!(chain[1], Digest::of(format!("{a} {b}").as_bytes()));
    }

    #[test]
    fn config_keeps_unknown_keys() {
        let raw = r#"{"architecture":"amd64","os":"linux","config":{"Cmd":["sh"],"Foo":1},"rootfs":{"type":"layers","diff_ids":[]},"docker_version":"x"}"#;
        let cfg = ImageConfig::parse(raw.as_bytes(), &d(0)).unwrap();
        assert_eq!(cfg.config.cmd.as_deref(), Some(&["sh".to_string()][..]));
        let back = serde_json::to_value(&cfg).unwrap();
        assert_eq!(back["docker_version"], "x");
        assert_eq!(back["config"]["Foo"], 1);
    }
}
