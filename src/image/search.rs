//! `rpod search` and the API's `images/search`: repositories of registries whose names hold a
//! term, or the tags of one repository. The distribution API has no search: a registry's
//! repository list (`/v2/_catalog`) is read and matched, as podman does for such registries.
//! Stars, "official" and "automated" are Docker Hub's; no registry here has them, so every
//! result has none.

use std::io;

use super::pull::io_runtime;
use super::reference::{Parsed, RefError, Reference};
use super::registry::{RegistryError, RegistryOptions, Session};
use crate::config::RegistriesConfig;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Reference(#[from] RefError),
    #[error("searching {registry}: {source}")]
    Registry {
        registry: String,
        source: RegistryError,
    },
    #[error("--list-tags needs a fully qualified image name (REGISTRY/REPOSITORY), not {0:?}")]
    NotQualified(String),
    #[error(
        "nothing to search: {0:?} names no registry and no unqualified-search registry is configured"
    )]
    NoRegistry(String),
    #[error("invalid filter {0:?}: expected stars=N, is-official=BOOL or is-automated=BOOL")]
    Filter(String),
    #[error("--limit must be at least 1")]
    Limit,
    #[error("cannot start the network runtime: {0}")]
    Runtime(io::Error),
}

/// podman's `--filter` of search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFilter {
    /// At least this many stars.
    Stars(u64),
    Official(bool),
    Automated(bool),
}

impl SearchFilter {
    pub fn parse(s: &str) -> Result<SearchFilter, SearchError> {
        let bad = || SearchError::Filter(s.to_string());
        let (key, value) = s.split_once('=').ok_or_else(bad)?;
        match key {
            "stars" => value.parse().map(SearchFilter::Stars).map_err(|_| bad()),
            "is-official" => value.parse().map(SearchFilter::Official).map_err(|_| bad()),
            "is-automated" => value
                .parse()
                .map(SearchFilter::Automated)
                .map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// Whether a result of a v2 registry (no stars, not official, not automated) passes.
    fn passes_registry_result(self) -> bool {
        match self {
            SearchFilter::Stars(n) => n == 0,
            SearchFilter::Official(want) | SearchFilter::Automated(want) => !want,
        }
    }
}

/// A checked search: what to look for, where, and how many.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The registries to ask, in order, each with the term to match in its repositories'
    /// names (empty: every repository).
    targets: Vec<(String, String)>,
    /// With `--list-tags`: the repository whose tags are listed.
    tags_of: Option<Reference>,
    /// Results per registry.
    limit: usize,
    filters: Vec<SearchFilter>,
}

impl SearchRequest {
    /// `term` as podman reads it: `REGISTRY/TERM` searches that registry (`REGISTRY/` lists
    /// it whole), a bare term each unqualified-search registry.
    pub fn new(
        term: &str,
        list_tags: bool,
        limit: usize,
        filters: Vec<SearchFilter>,
        registries: &RegistriesConfig,
    ) -> Result<SearchRequest, SearchError> {
        if limit == 0 {
            return Err(SearchError::Limit);
        }
        let mut request = SearchRequest {
            targets: Vec::new(),
            tags_of: None,
            limit,
            filters,
        };
        if list_tags {
            let parsed = Parsed::parse(term)?;
            let Some(registry) = parsed.registry.clone() else {
                return Err(SearchError::NotQualified(term.to_string()));
            };
            let qualified = parsed
                .candidates(registries)
                .into_iter()
                .find(|r| r.registry == registry)
                .ok_or_else(|| SearchError::NotQualified(term.to_string()))?;
            request.tags_of = Some(qualified);
            return Ok(request);
        }
        let (first, rest) = term.split_once('/').unwrap_or(("", term));
        let names_registry = first.contains(['.', ':']) || first == "localhost";
        request.targets = if names_registry {
            vec![(first.to_string(), rest.to_ascii_lowercase())]
        } else {
            registries
                .unqualified_search
                .iter()
                .map(|r| (r.clone(), term.to_ascii_lowercase()))
                .collect()
        };
        if request.targets.is_empty() {
            return Err(SearchError::NoRegistry(term.to_string()));
        }
        Ok(request)
    }
}

/// One result: a repository, or with `--list-tags` one of its tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The registry it is on.
    pub index: String,
    /// `registry/repository`.
    pub name: String,
    pub tag: Option<String>,
}

/// Asks the registries. When several are asked, one that fails is a warning as long as
/// another answered.
pub fn search(request: &SearchRequest, opts: &RegistryOptions) -> Result<Vec<Hit>, SearchError> {
    let runtime = io_runtime().map_err(SearchError::Runtime)?;
    if request.tags_of.is_none() && !request.filters.iter().all(|f| f.passes_registry_result()) {
        return Ok(Vec::new());
    }
    if let Some(reference) = &request.tags_of {
        let failed = |source| SearchError::Registry {
            registry: reference.registry.clone(),
            source,
        };
        let session = Session::new(reference, opts).map_err(failed)?;
        let tags = runtime.block_on(session.tags(reference)).map_err(failed)?;
        return Ok(tags
            .into_iter()
            .take(request.limit)
            .map(|tag| Hit {
                index: reference.registry.clone(),
                name: reference.name(),
                tag: Some(tag),
            })
            .collect());
    }
    let mut hits = Vec::new();
    let mut failures = Vec::new();
    for (registry, term) in &request.targets {
        let reference = Reference {
            registry: registry.clone(),
            repository: if term.is_empty() { "library" } else { term }.to_string(),
            tag: None,
            digest: None,
        };
        let keep = |repository: &str| repository.to_ascii_lowercase().contains(term.as_str());
        let listed = Session::new(&reference, opts)
            .and_then(|session| runtime.block_on(session.catalog(request.limit, keep)));
        match listed {
            Ok(repositories) => hits.extend(repositories.into_iter().map(|r| Hit {
                index: registry.clone(),
                name: format!("{registry}/{r}"),
                tag: None,
            })),
            Err(source) => failures.push(SearchError::Registry {
                registry: registry.clone(),
                source,
            }),
        }
    }
    if failures.len() == request.targets.len() {
        return Err(failures.remove(0));
    }
    for failure in failures {
        tracing::warn!("{failure}");
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registries() -> RegistriesConfig {
        RegistriesConfig {
            unqualified_search: vec!["a.example".into(), "b.example:5000".into()],
            ..RegistriesConfig::default()
        }
    }

    #[test]
    fn a_term_names_its_registry_or_means_every_search_registry() {
        let r = SearchRequest::new("reg.example/Bus", false, 25, vec![], &registries()).unwrap();
        assert_eq!(r.targets, [("reg.example".to_string(), "bus".to_string())]);
        let r = SearchRequest::new("localhost:5000/", false, 3, vec![], &registries()).unwrap();
        assert_eq!(r.targets, [("localhost:5000".to_string(), String::new())]);
        let r = SearchRequest::new("busy", false, 25, vec![], &registries()).unwrap();
        assert_eq!(r.targets.len(), 2);
        assert_eq!(
            r.targets[1],
            ("b.example:5000".to_string(), "busy".to_string())
        );
    }

    #[test]
    fn list_tags_needs_a_qualified_name_and_limits_are_checked() {
        let r = SearchRequest::new("reg.example/x/y", true, 25, vec![], &registries()).unwrap();
        assert_eq!(r.tags_of.unwrap().name(), "reg.example/x/y");
        assert!(matches!(
            SearchRequest::new("busybox", true, 25, vec![], &registries()),
            Err(SearchError::NotQualified(_))
        ));
        assert!(matches!(
            SearchRequest::new("busybox", false, 0, vec![], &registries()),
            Err(SearchError::Limit)
        ));
        let none = RegistriesConfig {
            unqualified_search: vec![],
            ..RegistriesConfig::default()
        };
        assert!(matches!(
            SearchRequest::new("busybox", false, 5, vec![], &none),
            Err(SearchError::NoRegistry(_))
        ));
    }

    #[test]
    fn filters_parse_and_only_docker_hub_ratings_exclude() {
        let f = |s| SearchFilter::parse(s).unwrap();
        assert_eq!(f("stars=3"), SearchFilter::Stars(3));
        assert!(!f("stars=3").passes_registry_result());
        assert!(f("stars=0").passes_registry_result());
        assert!(!f("is-official=true").passes_registry_result());
        assert!(f("is-automated=false").passes_registry_result());
        assert!(SearchFilter::parse("stars=many").is_err());
        assert!(SearchFilter::parse("color=red").is_err());
    }
}
