//! Image references as docker's distribution grammar defines them, and their resolution against
//! the configured short names and unqualified-search registries.
//!
//! `busybox` → `docker.io/library/busybox:latest`; `quay.io/a/b@sha256:…`; `localhost:5000/x:1`.

use std::fmt;

use crate::config::RegistriesConfig;
use crate::ids::Digest;

pub const DOCKER_HUB: &str = "docker.io";
pub const DEFAULT_TAG: &str = "latest";
const MAX_NAME_LEN: usize = 255;
const MAX_TAG_LEN: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefError {
    #[error("invalid reference format: {input:?}: {reason}")]
    Invalid { input: String, reason: &'static str },
    #[error("invalid reference format: {input:?}: repository name must be lowercase")]
    Uppercase { input: String },
}

fn invalid(input: &str, reason: &'static str) -> RefError {
    RefError::Invalid {
        input: input.to_string(),
        reason,
    }
}

/// A fully qualified reference: registry, repository, and a tag and/or digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    pub registry: String,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

/// What the user typed, before the registry is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// `Some` when the first component names a registry (has '.', ':' or is localhost).
    pub registry: Option<String>,
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// One path component: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
fn valid_component(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !is_alnum_lower(b[0]) || !is_alnum_lower(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if is_alnum_lower(b[i]) {
            i += 1;
            continue;
        }
        let sep_start = i;
        while i < b.len() && !is_alnum_lower(b[i]) {
            i += 1;
        }
        let sep = &c[sep_start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn valid_tag(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_TAG_LEN
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter()
            .all(|x| x.is_ascii_alphanumeric() || b"_.-".contains(x))
}

fn valid_registry(r: &str) -> bool {
    let (host, port) = match r.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
        _ => (r, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let host_ok = if host.starts_with('[') && host.ends_with(']') {
        host[1..host.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':')
    } else {
        !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            })
    };
    port_ok && host_ok
}

fn looks_like_registry(first: &str) -> bool {
    first.contains('.')
        || first.contains(':')
        || first == "localhost"
        || first.bytes().any(|b| b.is_ascii_uppercase())
}

impl Parsed {
    pub fn parse(input: &str) -> Result<Parsed, RefError> {
        if input.is_empty() {
            return Err(invalid(input, "empty reference"));
        }
        let (rest, digest) = match input.split_once('@') {
            Some((rest, d)) => {
                let digest = d
                    .parse::<Digest>()
                    .map_err(|_| invalid(input, "digest must be sha256:<64 hex characters>"))?;
                (rest, Some(digest))
            }
            None => (input, None),
        };
        // A ':' after the last '/' starts the tag; one before it is a registry port.
        let (name, tag) = match rest.rfind(':') {
            Some(i) if !rest[i..].contains('/') => (&rest[..i], Some(&rest[i + 1..])),
            _ => (rest, None),
        };
        if let Some(t) = tag
            && !valid_tag(t)
        {
            return Err(invalid(
                input,
                "tag must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}",
            ));
        }
        if name.is_empty() {
            return Err(invalid(input, "missing repository name"));
        }
        if name.len() > MAX_NAME_LEN {
            return Err(invalid(
                input,
                "repository name is longer than 255 characters",
            ));
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, path)) if looks_like_registry(first) => {
                if !valid_registry(first) {
                    return Err(invalid(input, "invalid registry host or port"));
                }
                (Some(first.to_string()), path)
            }
            _ => (None, name),
        };
        for component in path.split('/') {
            if component.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(RefError::Uppercase {
                    input: input.to_string(),
                });
            }
            if !valid_component(component) {
                return Err(invalid(
                    input,
                    "repository path components must match [a-z0-9]+([._-][a-z0-9]+)*",
                ));
            }
        }
        Ok(Parsed {
            registry,
            path: path.to_string(),
            tag: tag.map(str::to_string),
            digest,
        })
    }

    fn qualify(&self, registry: &str, path: &str) -> Reference {
        let repository = if registry == DOCKER_HUB && !path.contains('/') {
            format!("library/{path}")
        } else {
            path.to_string()
        };
        let tag = match (&self.tag, &self.digest) {
            (None, None) => Some(DEFAULT_TAG.to_string()),
            (tag, _) => tag.clone(),
        };
        Reference {
            registry: registry.to_string(),
            repository,
            tag,
            digest: self.digest.clone(),
        }
    }

    /// The fully qualified references this name may mean, in the order to try them: the
    /// name itself when it names a registry, else a configured short name, else each
    /// unqualified-search registry.
    pub fn candidates(&self, registries: &RegistriesConfig) -> Vec<Reference> {
        if let Some(registry) = &self.registry {
            return vec![self.qualify(registry, &self.path)];
        }
        if let Some(full) = registries.short_names.get(&self.path)
            && let Ok(Parsed {
                registry: Some(registry),
                path,
                ..
            }) = Parsed::parse(full)
        {
            return vec![self.qualify(&registry, &path)];
        }
        registries
            .unqualified_search
            .iter()
            .map(|registry| self.qualify(registry, &self.path))
            .collect()
    }

    pub fn is_qualified(&self) -> bool {
        self.registry.is_some()
    }
}

/// The length limit holds for the qualified name, as docker applies it: a name that fits only
/// before its registry is added would be stored under a name no command could parse again.
fn checked_length(input: &str, reference: Reference) -> Result<Reference, RefError> {
    if reference.name().len() > MAX_NAME_LEN {
        return Err(invalid(
            input,
            "repository name is longer than 255 characters",
        ));
    }
    Ok(reference)
}

impl Reference {
    /// Parses a name for something this host makes (tag, import, load, build, commit): a name
    /// without registry is local, `localhost/NAME`, as podman names it.
    pub fn parse_local(input: &str) -> Result<Reference, RefError> {
        let parsed = Parsed::parse(input)?;
        let registry = parsed
            .registry
            .clone()
            .unwrap_or_else(|| "localhost".to_string());
        checked_length(input, parsed.qualify(&registry, &parsed.path))
    }

    /// Parses a name the way docker normalises it: a name without registry is on Docker Hub.
    /// Archives written by `docker save` name their images this way.
    pub fn parse_docker(input: &str) -> Result<Reference, RefError> {
        let parsed = Parsed::parse(input)?;
        let registry = parsed
            .registry
            .clone()
            .unwrap_or_else(|| DOCKER_HUB.to_string());
        checked_length(input, parsed.qualify(&registry, &parsed.path))
    }

    /// `registry/repository` without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// `registry/repository:tag`, the form image records keep as names.
    pub fn tagged_name(&self) -> Option<String> {
        self.tag.as_ref().map(|t| format!("{}:{t}", self.name()))
    }

    pub fn with_digest(&self, digest: &Digest) -> Reference {
        Reference {
            tag: None,
            digest: Some(digest.clone()),
            ..self.clone()
        }
    }

    pub fn with_registry(&self, registry: &str) -> Reference {
        Reference {
            registry: registry.to_string(),
            ..self.clone()
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(s: &str) -> String {
        Parsed::parse(s)
            .unwrap()
            .candidates(&RegistriesConfig::default())[0]
            .to_string()
    }

    #[test]
    fn normalises_like_docker() {
        assert_eq!(resolve("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(resolve("busybox:1.36"), "docker.io/library/busybox:1.36");
        assert_eq!(resolve("user/app"), "docker.io/user/app:latest");
        assert_eq!(
            resolve("docker.io/busybox"),
            "docker.io/library/busybox:latest"
        );
        assert_eq!(resolve("quay.io/a/b/c:v1"), "quay.io/a/b/c:v1");
        assert_eq!(resolve("localhost/app"), "localhost/app:latest");
        assert_eq!(resolve("127.0.0.1:5000/x"), "127.0.0.1:5000/x:latest");
        assert_eq!(resolve("127.0.0.1:5000/x:y"), "127.0.0.1:5000/x:y");
        let d = format!("sha256:{}", "a".repeat(64));
        assert_eq!(
            resolve(&format!("busybox@{d}")),
            format!("docker.io/library/busybox@{d}")
        );
        assert_eq!(
            resolve(&format!("busybox:1@{d}")),
            format!("docker.io/library/busybox:1@{d}")
        );
    }

    #[test]
    fn refuses_invalid_references_with_the_reason() {
        for (input, reason) in [
            ("", "empty"),
            ("Busybox", "lowercase"),
            ("busybox:", "tag must match"),
            ("busybox:-x", "tag must match"),
            ("a//b", "path components"),
            ("a/-b", "path components"),
            ("busybox@sha256:abc", "digest"),
            ("busybox@md5:abc", "digest"),
            ("exa_mple.com:80/x", "registry"),
            ("host:99x/y", "registry"),
        ] {
            let err = Parsed::parse(input).unwrap_err().to_string();
            assert!(err.contains(reason), "{input:?}: {err}");
        }
        assert!(Parsed::parse(&"a".repeat(256)).is_err());
    }

    #[test]
    fn search_registries_and_short_names_order_candidates() {
        let mut cfg = RegistriesConfig {
            unqualified_search: vec!["quay.io".into(), "docker.io".into()],
            ..Default::default()
        };
        let got: Vec<_> = Parsed::parse("app")
            .unwrap()
            .candidates(&cfg)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(got, ["quay.io/app:latest", "docker.io/library/app:latest"]);

        cfg.short_names
            .insert("app".into(), "registry.local:5000/team/app".into());
        let got = Parsed::parse("app:2").unwrap().candidates(&cfg);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].to_string(), "registry.local:5000/team/app:2");
    }

    #[test]
    fn local_and_docker_names() {
        assert_eq!(
            Reference::parse_local("app").unwrap().to_string(),
            "localhost/app:latest"
        );
        assert_eq!(
            Reference::parse_local("quay.io/a/b:1").unwrap().to_string(),
            "quay.io/a/b:1"
        );
        assert_eq!(
            Reference::parse_docker("busybox:1").unwrap().to_string(),
            "docker.io/library/busybox:1"
        );
    }

    #[test]
    fn the_length_limit_holds_for_the_qualified_name() {
        // Found by the `reference` fuzz target: 250 characters parse, and printed with
        // docker.io/library/ in front they did not parse back.
        let name = "n".repeat(250);
        for parse in [Reference::parse_docker, Reference::parse_local] {
            let err = parse(&name).unwrap_err().to_string();
            assert!(err.contains("longer than 255"), "{err}");
        }
        let fits = "n".repeat(255 - "docker.io/library/".len());
        let reference = Reference::parse_docker(&fits).unwrap();
        assert_eq!(
            Reference::parse_docker(&reference.to_string()),
            Ok(reference)
        );
    }

    #[test]
    fn component_grammar() {
        for ok in ["a", "a.b", "a_b", "a__b", "a---b", "0x"] {
            assert!(valid_component(ok), "{ok}");
        }
        for bad in ["", ".a", "a.", "a..b", "a___b", "a-", "a_-b"] {
            assert!(!valid_component(bad), "{bad}");
        }
    }
}
