//! The signature storage beside a registry (containers-registries.d(5)): which base URL a
//! reference's signatures live under (`lookaside`, `lookaside-staging`, or their old names
//! `sigstore`, `sigstore-staging`), and the layout below it
//! (`BASE/REPOSITORY@sha256=HEX/signature-N`, N from 1, as signature-protocols.md has it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::policy::scope_chain;
use super::{TrustError, TrustFiles};
use crate::ids::Digest;
use crate::image::reference::Reference;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "default-docker")]
    default_docker: Option<Section>,
    #[serde(default)]
    docker: BTreeMap<String, Section>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    lookaside: Option<String>,
    #[serde(rename = "lookaside-staging")]
    lookaside_staging: Option<String>,
    sigstore: Option<String>,
    #[serde(rename = "sigstore-staging")]
    sigstore_staging: Option<String>,
    /// Whether sigstore signatures are read from and written to the registry beside the
    /// image; without it an image is treated as having none.
    #[serde(rename = "use-sigstore-attachments")]
    use_sigstore_attachments: Option<bool>,
}

/// Where a signature storage is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Dir(PathBuf),
    Http(String),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Dir(p) => write!(f, "file://{}", p.display()),
            Location::Http(u) => f.write_str(u),
        }
    }
}

/// The merged registries.d configuration.
#[derive(Debug, Default)]
pub struct Lookaside {
    default_docker: Option<Section>,
    docker: BTreeMap<String, Section>,
    default_dir: PathBuf,
}

impl Lookaside {
    /// Reads every `*.yaml` of the registries.d directory in use; a scope configured twice
    /// is an error, as containers/image has it.
    pub fn load(files: &TrustFiles) -> Result<Lookaside, TrustError> {
        let mut out = Lookaside {
            default_dir: files.default_lookaside.clone(),
            ..Lookaside::default()
        };
        let Some(dir) = files.registries_d_in_use() else {
            return Ok(out);
        };
        let read_err = |source| TrustError::Read {
            path: dir.display().to_string(),
            source,
        };
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        names.sort();
        for path in names {
            let invalid = |reason: String| TrustError::Lookaside {
                path: path.display().to_string(),
                reason,
            };
            let text = std::fs::read_to_string(&path).map_err(|source| TrustError::Read {
                path: path.display().to_string(),
                source,
            })?;
            let file: File = if text.trim().is_empty() {
                File::default()
            } else {
                serde_yaml_ng::from_str(&text).map_err(|e| invalid(e.to_string()))?
            };
            if let Some(section) = file.default_docker {
                if out.default_docker.is_some() {
                    return Err(invalid("a second default-docker section".into()));
                }
                section.check().map_err(&invalid)?;
                out.default_docker = Some(section);
            }
            for (scope, section) in file.docker {
                section.check().map_err(&invalid)?;
                if out.docker.insert(scope.clone(), section).is_some() {
                    return Err(invalid(format!("{scope} is configured twice")));
                }
            }
        }
        Ok(out)
    }

    /// The section for `scopes` (most specific first), else `default-docker`.
    fn section(&self, scopes: &[String]) -> Option<&Section> {
        scopes
            .iter()
            .find_map(|s| self.docker.get(s))
            .or(self.default_docker.as_ref())
    }

    /// Where the signatures of `reference` are read; none when its section names no storage.
    pub fn read_location(&self, reference: &Reference) -> Result<Option<Location>, TrustError> {
        match self.section(&scope_chain(reference)) {
            Some(section) => section.read_url().map(location).transpose(),
            None => Ok(Some(Location::Dir(self.default_dir.clone()))),
        }
    }

    /// Whether `reference`'s registry keeps sigstore attachments: `use-sigstore-attachments`
    /// of the most specific section that sets it, else of `default-docker`.
    pub fn uses_attachments(&self, reference: &Reference) -> bool {
        scope_chain(reference)
            .iter()
            .filter_map(|s| self.docker.get(s))
            .chain(self.default_docker.as_ref())
            .find_map(|s| s.use_sigstore_attachments)
            .unwrap_or(false)
    }

    /// Where a new signature of `reference` is written: the staging storage, else the
    /// storage; only a directory can be written.
    pub fn write_location(&self, reference: &Reference) -> Result<PathBuf, TrustError> {
        let url = match self.section(&scope_chain(reference)) {
            Some(section) => section.write_url().ok_or_else(|| {
                TrustError::Invalid(format!(
                    "registries.d configures no lookaside-staging or lookaside for {}",
                    reference.name()
                ))
            })?,
            None => return Ok(self.default_dir.clone()),
        };
        match location(url)? {
            Location::Dir(dir) => Ok(dir),
            Location::Http(u) => Err(TrustError::Invalid(format!(
                "cannot write signatures to {u}: only a file:// lookaside can be written \
                 (set lookaside-staging, or sign with --directory)"
            ))),
        }
    }

    /// The storage `image trust show` names for a policy scope.
    pub fn shown_for_scope(&self, scope: &str) -> String {
        let mut chain = vec![scope.to_string()];
        let mut s = scope.to_string();
        while let Some(i) = s.rfind('/') {
            s.truncate(i);
            chain.push(s.clone());
        }
        self.section(&chain)
            .and_then(Section::read_url)
            .unwrap_or("")
            .to_string()
    }
}

impl Section {
    fn check(&self) -> Result<(), String> {
        if self.lookaside.is_some() && self.sigstore.is_some() {
            return Err("both lookaside and sigstore are set".into());
        }
        if self.lookaside_staging.is_some() && self.sigstore_staging.is_some() {
            return Err("both lookaside-staging and sigstore-staging are set".into());
        }
        for url in [
            &self.lookaside,
            &self.lookaside_staging,
            &self.sigstore,
            &self.sigstore_staging,
        ]
        .into_iter()
        .flatten()
        {
            location(url).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn read_url(&self) -> Option<&str> {
        self.lookaside.as_deref().or(self.sigstore.as_deref())
    }

    fn write_url(&self) -> Option<&str> {
        self.lookaside_staging
            .as_deref()
            .or(self.sigstore_staging.as_deref())
            .or_else(|| self.read_url())
    }
}

fn location(url: &str) -> Result<Location, TrustError> {
    if let Some(path) = url.strip_prefix("file://") {
        if !path.starts_with('/') {
            return Err(TrustError::Invalid(format!(
                "lookaside {url}: a file:// URL needs an absolute path"
            )));
        }
        return Ok(Location::Dir(PathBuf::from(path)));
    }
    if url.starts_with("http://") || url.starts_with("https://") {
        return Ok(Location::Http(url.trim_end_matches('/').to_string()));
    }
    Err(TrustError::Invalid(format!(
        "lookaside {url}: only file://, http:// and https:// are supported"
    )))
}

/// `REPOSITORY@sha256=HEX`, the directory of one manifest's signatures below a storage.
pub fn manifest_dir(reference: &Reference, digest: &Digest) -> String {
    format!("{}@sha256={}", reference.repository, digest.hex())
}

/// The signatures stored in a directory storage, in order; stops at the first gap.
pub fn read_dir_signatures(
    base: &Path,
    reference: &Reference,
    digest: &Digest,
) -> Result<Vec<Vec<u8>>, TrustError> {
    let dir = base.join(manifest_dir(reference, digest));
    let mut out = Vec::new();
    for n in 1.. {
        let path = dir.join(format!("signature-{n}"));
        match std::fs::read(&path) {
            Ok(bytes) => out.push(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
            Err(source) => {
                return Err(TrustError::Read {
                    path: path.display().to_string(),
                    source,
                });
            }
        }
    }
    Ok(out)
}

/// Adds a signature under the first free `signature-N`; returns its path.
pub fn add_signature(
    base: &Path,
    reference: &Reference,
    digest: &Digest,
    signature: &[u8],
) -> Result<PathBuf, TrustError> {
    let dir = base.join(manifest_dir(reference, digest));
    let write_err = |path: &Path, source| TrustError::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| write_err(&dir, e))?;
    for n in 1.. {
        let path = dir.join(format!("signature-{n}"));
        // O_EXCL: two signers at once take different numbers, never each other's.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                use std::io::Write;
                file.write_all(signature)
                    .and_then(|()| file.sync_all())
                    .map_err(|e| write_err(&path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(write_err(&path, e)),
        }
    }
    unreachable!("an unbounded range ends only by returning")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> TrustFiles {
        TrustFiles {
            policies: vec![],
            registries_d: vec![dir.join("registries.d")],
            default_lookaside: dir.join("sigstore"),
        }
    }

    #[test]
    fn the_most_specific_section_names_the_storage() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("registries.d");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("a.yaml"),
            "docker:\n  localhost:5000:\n    lookaside: https://sigs.example/s/\n  localhost:5000/team:\n    sigstore: file:///srv/team\n    sigstore-staging: file:///srv/staging\n",
        )
        .unwrap();
        let l = Lookaside::load(&files(tmp.path())).unwrap();
        let r = |s: &str| Reference::parse_docker(s).unwrap();
        assert_eq!(
            l.read_location(&r("localhost:5000/x/y:1")).unwrap(),
            Some(Location::Http("https://sigs.example/s".into()))
        );
        assert_eq!(
            l.read_location(&r("localhost:5000/team/app")).unwrap(),
            Some(Location::Dir("/srv/team".into()))
        );
        assert_eq!(
            l.write_location(&r("localhost:5000/team/app")).unwrap(),
            PathBuf::from("/srv/staging")
        );
        assert!(l.write_location(&r("localhost:5000/x/y")).is_err());
        assert_eq!(
            l.read_location(&r("quay.io/a/b")).unwrap(),
            Some(Location::Dir(tmp.path().join("sigstore")))
        );
    }

    #[test]
    fn a_scope_configured_twice_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("registries.d");
        std::fs::create_dir_all(&d).unwrap();
        let yaml = "docker:\n  quay.io:\n    lookaside: file:///a\n";
        std::fs::write(d.join("a.yaml"), yaml).unwrap();
        std::fs::write(d.join("b.yaml"), yaml).unwrap();
        assert!(Lookaside::load(&files(tmp.path())).is_err());
    }

    #[test]
    fn signatures_are_numbered_from_one_without_gaps() {
        let tmp = tempfile::tempdir().unwrap();
        let r = Reference::parse_docker("localhost:5000/ns/app:v1").unwrap();
        let d = Digest::of(b"m");
        add_signature(tmp.path(), &r, &d, b"one").unwrap();
        let second = add_signature(tmp.path(), &r, &d, b"two").unwrap();
        assert!(second.ends_with(format!("ns/app@sha256={}/signature-2", d.hex())));
        let read = read_dir_signatures(tmp.path(), &r, &d).unwrap();
        assert_eq!(read, vec![b"one".to_vec(), b"two".to_vec()]);
    }
}
