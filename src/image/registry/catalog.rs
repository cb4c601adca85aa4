//! A registry's list of repositories (`/v2/_catalog`), for `search`: the distribution API has
//! no search, so a term is matched against this list.

use serde::Deserialize;

use super::{RegistryError, Session};

/// The most of a catalog page's body that is read.
const MAX_PAGE: usize = 4 << 20;

#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    repositories: Vec<String>,
}

impl Session {
    /// The registry's host as its API is reached: Docker Hub's API has a name of its own.
    pub(super) fn host(&self) -> &str {
        match self.registry.as_str() {
            "docker.io" => "registry-1.docker.io",
            other => other,
        }
    }

    /// The registry's repositories, page after page, until `wanted` of them pass `keep` or
    /// the list ends.
    pub async fn catalog(
        &self,
        wanted: usize,
        keep: impl Fn(&str) -> bool,
    ) -> Result<Vec<String>, RegistryError> {
        const PAGE: usize = 1000;
        let mut kept = Vec::new();
        let mut last: Option<String> = None;
        loop {
            let mut url = format!("{}://{}/v2/_catalog?n={PAGE}", self.scheme, self.host());
            if let Some(last) = &last {
                url.push_str(&format!("&last={}", urlencoding(last)));
            }
            let response = self
                .get_url(&url, "application/json", "registry:catalog:*")
                .await?;
            if response.status() != reqwest::StatusCode::OK {
                let reference = self.any_reference();
                return Err(self.refusal(&reference, response).await);
            }
            let body = self
                .read_body(response, MAX_PAGE)
                .await?
                .ok_or_else(|| self.bad_catalog("a page of more than 4 MiB"))?;
            let page: Page = serde_json::from_slice(&body)
                .map_err(|e| self.bad_catalog(&format!("not a catalog: {e}")))?;
            let full = page.repositories.len() >= PAGE;
            last = page.repositories.last().cloned();
            for repository in page.repositories {
                if keep(&repository) {
                    kept.push(repository);
                    if kept.len() == wanted {
                        return Ok(kept);
                    }
                }
            }
            if !full {
                return Ok(kept);
            }
        }
    }

    fn bad_catalog(&self, problem: &str) -> RegistryError {
        RegistryError::Unreachable {
            registry: self.registry.clone(),
            cause: format!("its repository list (/v2/_catalog) is {problem}"),
        }
    }

    /// A reference on this registry, for the messages that name one.
    fn any_reference(&self) -> super::Reference {
        super::Reference {
            registry: self.registry.clone(),
            repository: "_catalog".into(),
            tag: None,
            digest: None,
        }
    }
}

/// A repository name escaped for a query string.
fn urlencoding(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
