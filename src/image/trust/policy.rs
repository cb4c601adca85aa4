//! policy.json (containers-policy.json(5)): read strictly into typed requirements, the
//! requirements that apply to a registry reference (its most specific scope), and the edit
//! `image trust set` makes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::Deserialize;

use super::{TrustError, TrustFiles};
use crate::image::reference::Reference;

/// The transport of registry images; the only one rpod pulls from.
pub const DOCKER: &str = "docker";

/// What rpod does without any policy file: accept everything, as it did before policies.
pub const IMPLICIT: &str = r#"{"default":[{"type":"insecureAcceptAnything"}]}"#;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub default: Vec<Requirement>,
    #[serde(default)]
    pub transports: BTreeMap<String, BTreeMap<String, Vec<Requirement>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type")]
pub enum Requirement {
    #[serde(rename = "insecureAcceptAnything")]
    InsecureAcceptAnything,
    #[serde(rename = "reject")]
    Reject,
    #[serde(rename = "signedBy")]
    SignedBy(SignedBy),
    #[serde(rename = "sigstoreSigned")]
    SigstoreSigned(Box<SigstoreSigned>),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SignedBy {
    pub key_type: String,
    pub key_path: Option<PathBuf>,
    pub key_paths: Option<Vec<PathBuf>>,
    pub key_data: Option<String>,
    #[serde(default)]
    pub signed_identity: SignedIdentity,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum SignedIdentity {
    #[serde(rename = "matchExact")]
    MatchExact,
    #[default]
    #[serde(rename = "matchRepoDigestOrExact")]
    MatchRepoDigestOrExact,
    #[serde(rename = "matchRepository")]
    MatchRepository,
    #[serde(rename = "exactReference")]
    ExactReference {
        #[serde(rename = "dockerReference")]
        docker_reference: String,
    },
    #[serde(rename = "exactRepository")]
    ExactRepository {
        #[serde(rename = "dockerRepository")]
        docker_repository: String,
    },
    #[serde(rename = "remapIdentity")]
    RemapIdentity {
        prefix: String,
        #[serde(rename = "signedPrefix")]
        signed_prefix: String,
    },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SigstoreSigned {
    pub key_path: Option<PathBuf>,
    pub key_paths: Option<Vec<PathBuf>>,
    pub key_data: Option<String>,
    pub key_datas: Option<Vec<String>>,
    /// Keyless signatures (certificates from Fulcio or another PKI, Rekor's log): read so
    /// that a policy naming them can be shown; enforcing them is refused.
    pub fulcio: Option<serde_json::Value>,
    pub pki: Option<serde_json::Value>,
    pub rekor_public_key_path: Option<PathBuf>,
    pub rekor_public_key_paths: Option<Vec<PathBuf>>,
    pub rekor_public_key_data: Option<String>,
    pub rekor_public_key_datas: Option<Vec<String>>,
    #[serde(default)]
    pub signed_identity: SignedIdentity,
}

/// Where the public keys of a `sigstoreSigned` are: PEM files, or PEM given inline.
#[derive(Debug, Clone)]
pub enum SigstoreKeys {
    Files(Vec<PathBuf>),
    Data(Vec<Vec<u8>>),
    /// `fulcio` or `pki`: certificates, which rpod does not verify.
    Keyless,
}

impl SigstoreSigned {
    pub fn keys(&self) -> Result<SigstoreKeys, String> {
        let decode = |data: &String| {
            base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map_err(|e| format!("keyData is not base64: {e}"))
        };
        let keys = match (
            &self.key_path,
            &self.key_paths,
            &self.key_data,
            &self.key_datas,
            self.fulcio.is_some() || self.pki.is_some(),
        ) {
            (Some(p), None, None, None, false) => SigstoreKeys::Files(vec![p.clone()]),
            (None, Some(ps), None, None, false) if !ps.is_empty() => {
                SigstoreKeys::Files(ps.clone())
            }
            (None, None, Some(d), None, false) => SigstoreKeys::Data(vec![decode(d)?]),
            (None, None, None, Some(ds), false) if !ds.is_empty() => {
                SigstoreKeys::Data(ds.iter().map(decode).collect::<Result<_, _>>()?)
            }
            (None, None, None, None, true) if !(self.fulcio.is_some() && self.pki.is_some()) => {
                SigstoreKeys::Keyless
            }
            _ => {
                return Err(
                    "sigstoreSigned needs exactly one of keyPath, keyPaths, keyData, \
                            keyDatas, fulcio and pki"
                        .into(),
                );
            }
        };
        Ok(keys)
    }

    /// Whether the policy asks for a Rekor log entry, which rpod does not verify.
    pub fn wants_rekor(&self) -> bool {
        self.rekor_public_key_path.is_some()
            || self.rekor_public_key_paths.is_some()
            || self.rekor_public_key_data.is_some()
            || self.rekor_public_key_datas.is_some()
    }
}

/// The public keys of a `signedBy`: keyring files, or a keyring given inline.
#[derive(Debug, Clone)]
pub enum Keys {
    Files(Vec<PathBuf>),
    Data(Vec<u8>),
}

impl SignedBy {
    pub fn keys(&self) -> Result<Keys, String> {
        if self.key_type != "GPGKeys" {
            return Err(format!("unknown key type {:?}", self.key_type));
        }
        match (&self.key_path, &self.key_paths, &self.key_data) {
            (Some(p), None, None) => Ok(Keys::Files(vec![p.clone()])),
            (None, Some(ps), None) if !ps.is_empty() => Ok(Keys::Files(ps.clone())),
            (None, None, Some(data)) => base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map(Keys::Data)
                .map_err(|e| format!("keyData is not base64: {e}")),
            _ => Err("signedBy needs exactly one of keyPath, keyPaths and keyData".into()),
        }
    }
}

impl Policy {
    /// The policy in force: the first of `files.policies` that exists, else [`IMPLICIT`].
    pub fn load(files: &TrustFiles) -> Result<(Policy, Option<PathBuf>), TrustError> {
        match files.policy_in_use() {
            Some(path) => Ok((Policy::read(path)?, Some(path.clone()))),
            None => Ok((Policy::parse(IMPLICIT.as_bytes(), "(implicit)")?, None)),
        }
    }

    pub fn read(path: &Path) -> Result<Policy, TrustError> {
        let bytes = std::fs::read(path).map_err(|source| TrustError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Policy::parse(&bytes, &path.display().to_string())
    }

    pub fn parse(bytes: &[u8], path: &str) -> Result<Policy, TrustError> {
        let invalid = |reason: String| TrustError::Policy {
            path: path.to_string(),
            reason,
        };
        let policy: Policy = serde_json::from_slice(bytes).map_err(|e| invalid(e.to_string()))?;
        let lists = std::iter::once(("default".to_string(), &policy.default)).chain(
            policy
                .transports
                .iter()
                .flat_map(|(t, scopes)| scopes.iter().map(move |(s, l)| (format!("{t}:{s}"), l))),
        );
        for (scope, list) in lists {
            if list.is_empty() {
                return Err(invalid(format!("{scope}: an empty list of requirements")));
            }
            for req in list {
                match req {
                    Requirement::SignedBy(s) => {
                        s.keys().map_err(|e| invalid(format!("{scope}: {e}")))?;
                    }
                    Requirement::SigstoreSigned(s) => {
                        s.keys().map_err(|e| invalid(format!("{scope}: {e}")))?;
                    }
                    _ => {}
                }
            }
        }
        Ok(policy)
    }

    /// The requirements for an image pulled as `reference`: those of its most specific scope
    /// in the docker transport, else the transport's default, else the global default.
    pub fn requirements_for(&self, reference: &Reference) -> &[Requirement] {
        let scopes = self.transports.get(DOCKER);
        scopes
            .and_then(|scopes| {
                scope_chain(reference)
                    .into_iter()
                    .find_map(|scope| scopes.get(&scope))
                    .or_else(|| scopes.get(""))
            })
            .unwrap_or(&self.default)
    }
}

/// The scopes that may name `reference`, most specific first: the full reference, the
/// repository, each enclosing namespace, the registry host, then `*.` wildcards of its
/// domain (a host with a port has none).
pub fn scope_chain(reference: &Reference) -> Vec<String> {
    let mut out = vec![reference.to_string()];
    let mut name = reference.name();
    loop {
        out.push(name.clone());
        match name.rfind('/') {
            Some(i) => name.truncate(i),
            None => break,
        }
    }
    if !reference.registry.contains(':') {
        let host = reference.registry.as_str();
        out.extend(
            host.match_indices('.')
                .map(|(i, _)| format!("*{}", &host[i..])),
        );
    }
    out
}

/// Whether a signature claiming `signed` is accepted for the image pulled as `image`.
pub fn identity_accepts(rule: &SignedIdentity, image: &Reference, signed: &Reference) -> bool {
    let exact = |a: &Reference, b: &Reference| a.to_string() == b.to_string();
    let repo_digest_or_exact = |image: &Reference| {
        if image.digest.is_some() {
            image.name() == signed.name()
        } else {
            exact(image, signed)
        }
    };
    match rule {
        SignedIdentity::MatchExact => exact(image, signed),
        SignedIdentity::MatchRepoDigestOrExact => repo_digest_or_exact(image),
        SignedIdentity::MatchRepository => image.name() == signed.name(),
        SignedIdentity::ExactReference { docker_reference } => {
            Reference::parse_docker(docker_reference).is_ok_and(|r| exact(&r, signed))
        }
        SignedIdentity::ExactRepository { docker_repository } => {
            Reference::parse_docker(docker_repository).is_ok_and(|r| r.name() == signed.name())
        }
        SignedIdentity::RemapIdentity {
            prefix,
            signed_prefix,
        } => {
            let name = image.name();
            let rest = name
                .strip_prefix(prefix.as_str())
                .filter(|rest| rest.is_empty() || rest.starts_with('/'));
            match rest.map(|rest| format!("{signed_prefix}{rest}")) {
                Some(remapped) => match Reference::parse_docker(&remapped) {
                    Ok(r) => repo_digest_or_exact(&Reference {
                        tag: image.tag.clone(),
                        digest: image.digest.clone(),
                        ..r
                    }),
                    Err(_) => false,
                },
                None => repo_digest_or_exact(image),
            }
        }
    }
}

/// `image trust set --type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustType {
    Accept,
    Reject,
    SignedBy,
    SigstoreSigned,
}

impl TrustType {
    pub fn parse(s: &str) -> Result<TrustType, String> {
        match s {
            "accept" => Ok(TrustType::Accept),
            "reject" => Ok(TrustType::Reject),
            "signedBy" => Ok(TrustType::SignedBy),
            "sigstoreSigned" => Ok(TrustType::SigstoreSigned),
            other => Err(format!(
                "invalid choice: {other} (choose from 'accept', 'reject', 'signedBy', \
                 'sigstoreSigned')"
            )),
        }
    }
}

/// `image trust set`: what to write for which scope (`default` or REGISTRY[/REPO]).
#[derive(Debug, Clone)]
pub struct TrustEdit {
    pub scope: String,
    pub kind: TrustType,
    pub pubkeys: Vec<PathBuf>,
}

impl TrustEdit {
    /// Checks the combination before anything is read or written.
    pub fn new(scope: &str, kind: TrustType, pubkeys: Vec<PathBuf>) -> Result<TrustEdit, String> {
        if scope.is_empty() || scope.contains("://") || scope.chars().any(char::is_whitespace) {
            return Err(format!(
                "invalid scope {scope:?}: give default or REGISTRY[/REPOSITORY]"
            ));
        }
        match kind {
            TrustType::SignedBy | TrustType::SigstoreSigned if pubkeys.is_empty() => {
                let name = if kind == TrustType::SignedBy {
                    "signedBy"
                } else {
                    "sigstoreSigned"
                };
                return Err(format!(
                    "at least one public key must be defined for type '{name}'"
                ));
            }
            TrustType::Accept | TrustType::Reject if !pubkeys.is_empty() => {
                return Err(format!(
                    "{} public keys were specified for type {}",
                    pubkeys.len(),
                    if kind == TrustType::Accept {
                        "accept"
                    } else {
                        "reject"
                    }
                ));
            }
            _ => {}
        }
        Ok(TrustEdit {
            scope: scope.to_string(),
            kind,
            pubkeys,
        })
    }

    fn requirements(&self) -> serde_json::Value {
        match self.kind {
            TrustType::Accept => serde_json::json!([{"type": "insecureAcceptAnything"}]),
            TrustType::Reject => serde_json::json!([{"type": "reject"}]),
            TrustType::SignedBy => self
                .pubkeys
                .iter()
                .map(
                    |k| serde_json::json!({"type": "signedBy", "keyType": "GPGKeys", "keyPath": k}),
                )
                .collect(),
            TrustType::SigstoreSigned => self
                .pubkeys
                .iter()
                .map(|k| serde_json::json!({"type": "sigstoreSigned", "keyPath": k}))
                .collect(),
        }
    }

    /// `image trust set`: writes the edit into `path`, else into the user's own policy file,
    /// which starts as a copy of the policy in force (a rootless user cannot write /etc's).
    pub fn set(&self, files: &TrustFiles, path: Option<&Path>) -> Result<PathBuf, TrustError> {
        for key in &self.pubkeys {
            if !key.is_file() {
                return Err(TrustError::Invalid(format!(
                    "public key file {} does not exist",
                    key.display()
                )));
            }
        }
        let target = path.map_or_else(|| files.policies[0].clone(), Path::to_path_buf);
        let base = if target.exists() {
            Some(target.clone())
        } else {
            files.policy_in_use().cloned()
        };
        self.apply(base.as_deref(), &target)?;
        Ok(target)
    }

    /// Writes the edit into `target`, starting from `base` (the policy in force) and keeping
    /// everything else of it, even parts rpod does not act on.
    fn apply(&self, base: Option<&Path>, target: &Path) -> Result<(), TrustError> {
        let bytes = match base {
            Some(path) => std::fs::read(path).map_err(|source| TrustError::Read {
                path: path.display().to_string(),
                source,
            })?,
            None => IMPLICIT.as_bytes().to_vec(),
        };
        let shown = base.map_or("(implicit)".to_string(), |p| p.display().to_string());
        Policy::parse(&bytes, &shown)?;
        let mut tree: serde_json::Value =
            serde_json::from_slice(&bytes).expect("a policy that parsed is JSON");
        if self.scope == "default" {
            tree["default"] = self.requirements();
        } else {
            let transports = tree
                .as_object_mut()
                .expect("a policy is an object")
                .entry("transports")
                .or_insert_with(|| serde_json::json!({}));
            let docker = transports
                .as_object_mut()
                .ok_or_else(|| TrustError::Policy {
                    path: shown.clone(),
                    reason: "transports is not an object".into(),
                })?
                .entry(DOCKER)
                .or_insert_with(|| serde_json::json!({}));
            docker[&self.scope] = self.requirements();
        }
        let mut text = serde_json::to_vec_pretty(&tree).expect("JSON serialises");
        text.push(b'\n');
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|source| TrustError::Write {
                path: dir.display().to_string(),
                source,
            })?;
        }
        crate::state::atomic::write(target, &text).map_err(|source| TrustError::Write {
            path: target.display().to_string(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Reference {
        Reference::parse_docker(s).unwrap()
    }

    const POLICY: &str = r#"{
        "default": [{"type": "reject"}],
        "transports": {"docker": {
            "docker.io/library/busybox": [{"type": "insecureAcceptAnything"}],
            "localhost:5000": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/k.gpg"}],
            "*.example.com": [{"type": "insecureAcceptAnything"}]
        }}
    }"#;

    #[test]
    fn the_most_specific_scope_applies() {
        let p = Policy::parse(POLICY.as_bytes(), "p").unwrap();
        let kind = |s: &str| match p.requirements_for(&r(s))[0] {
            Requirement::InsecureAcceptAnything => "accept",
            Requirement::Reject => "reject",
            Requirement::SignedBy(_) => "signed",
            Requirement::SigstoreSigned(_) => "sigstore",
        };
        assert_eq!(kind("busybox"), "accept");
        assert_eq!(kind("docker.io/library/alpine"), "reject");
        assert_eq!(kind("localhost:5000/a/b:c"), "signed");
        assert_eq!(kind("registry.example.com/x"), "accept");
        assert_eq!(kind("example.com/x"), "reject");
    }

    #[test]
    fn a_policy_is_read_strictly() {
        for bad in [
            r#"{"default": []}"#,
            r#"{"default": [{"type": "reject"}], "extra": 1}"#,
            r#"{"default": [{"type": "signedBy", "keyType": "GPGKeys"}]}"#,
            r#"{"default": [{"type": "signedBy", "keyType": "X509", "keyPath": "/k"}]}"#,
            r#"{"default": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/k", "oops": 1}]}"#,
            r#"{"default": [{"type": "whatever"}]}"#,
            r#"{"default": [{"type": "sigstoreSigned"}]}"#,
            r#"{"default": [{"type": "sigstoreSigned", "keyPath": "/k", "keyData": "QQ=="}]}"#,
            r#"{"default": [{"type": "sigstoreSigned", "keyPath": "/k", "keyType": "x"}]}"#,
        ] {
            assert!(Policy::parse(bad.as_bytes(), "p").is_err(), "{bad}");
        }
    }

    #[test]
    fn identities_match_as_the_policy_says() {
        let tagged = r("localhost:5000/ns/app:v1");
        let by_digest = tagged.with_digest(&crate::ids::Digest::of(b"m"));
        let other_tag = r("localhost:5000/ns/app:v2");
        let default = SignedIdentity::default();
        assert!(identity_accepts(&default, &tagged, &tagged));
        assert!(!identity_accepts(&default, &tagged, &other_tag));
        assert!(identity_accepts(&default, &by_digest, &other_tag));
        assert!(!identity_accepts(
            &SignedIdentity::MatchExact,
            &by_digest,
            &tagged
        ));
        assert!(identity_accepts(
            &SignedIdentity::MatchRepository,
            &tagged,
            &other_tag
        ));
        let remap = SignedIdentity::RemapIdentity {
            prefix: "mirror.local:5000/ns".into(),
            signed_prefix: "localhost:5000/ns".into(),
        };
        assert!(identity_accepts(
            &remap,
            &r("mirror.local:5000/ns/app:v1"),
            &tagged
        ));
        assert!(!identity_accepts(
            &remap,
            &r("mirror.local:5000/nsx/app:v1"),
            &tagged
        ));
    }

    #[test]
    fn trust_set_checks_its_keys_against_its_type() {
        assert!(TrustEdit::new("default", TrustType::SignedBy, vec![]).is_err());
        assert!(TrustEdit::new("docker.io", TrustType::Accept, vec!["/k".into()]).is_err());
        assert!(TrustEdit::new("docker://x", TrustType::Reject, vec![]).is_err());
        assert!(TrustEdit::new("default", TrustType::SigstoreSigned, vec![]).is_err());
        assert!(TrustType::parse("sigstore").is_err());
    }

    #[test]
    fn trust_set_keeps_the_rest_of_the_policy() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.json");
        std::fs::write(&base, POLICY).unwrap();
        let target = dir.path().join("out/policy.json");
        TrustEdit::new("localhost:5000/app", TrustType::Reject, vec![])
            .unwrap()
            .apply(Some(&base), &target)
            .unwrap();
        let p = Policy::read(&target).unwrap();
        assert!(matches!(
            p.requirements_for(&r("localhost:5000/app:v1"))[0],
            Requirement::Reject
        ));
        assert!(matches!(
            p.requirements_for(&r("busybox"))[0],
            Requirement::InsecureAcceptAnything
        ));
    }
}
