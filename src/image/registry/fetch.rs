//! The requests of a pull, made by rpod itself rather than oci-client, which reads every body
//! whole (a manifest's, an error's, a token service's answer) however large: here each is read
//! only to a limit. Authorisation works as oci-client's: a bearer token from the registry's
//! token service when it asks for one, else the credentials.

use bytes::Bytes;
use futures_util::stream::StreamExt;
use oci_client::errors::OciDistributionError;
use oci_client::secrets::RegistryAuth;

use super::super::manifest::{Descriptor, MAX_DOCUMENT_SIZE, media};
use super::super::reference::Reference;
use super::super::token;
use super::{RegistryError, Session, to_oci};

/// What of an error body is kept for the message; also the most a token service may answer.
const MAX_ERROR_BODY: usize = 64 << 10;

impl Session {
    /// A GET of `path` under the repository's API, with the bearer token when the registry
    /// asks for one, else the credentials.
    async fn get(
        &self,
        reference: &Reference,
        path: &str,
        accept: &str,
    ) -> Result<reqwest::Response, RegistryError> {
        let oci_ref = to_oci(reference);
        let url = format!(
            "{}://{}/v2/{}/{path}",
            self.scheme,
            oci_ref.resolve_registry(),
            oci_ref.repository(),
        );
        let scope = format!("repository:{}:pull", oci_ref.repository());
        self.get_url(&url, accept, &scope).await
    }

    /// A GET of `url` on this registry, with a bearer token for `scope` when the registry
    /// asks for one (a session asks for one token: its first request's scope), else the
    /// credentials.
    pub(super) async fn get_url(
        &self,
        url: &str,
        accept: &str,
        scope: &str,
    ) -> Result<reqwest::Response, RegistryError> {
        let token = self
            .token
            .get_or_try_init(|| self.bearer_token(scope))
            .await?;
        let mut request = self.http.get(url).header(reqwest::header::ACCEPT, accept);
        request = match (token, &self.auth) {
            (Some(token), _) => request.bearer_auth(token),
            (None, RegistryAuth::Basic(user, password)) => request.basic_auth(user, Some(password)),
            (None, _) => request,
        };
        request.send().await.map_err(|e| self.classify_http(&e))
    }

    /// The bearer token for `scope`, when the registry asks for one: its /v2/ answers 401
    /// with a challenge naming the token service, which is asked with the credentials, if
    /// any.
    async fn bearer_token(&self, scope: &str) -> Result<Option<String>, RegistryError> {
        let ping = format!("{}://{}/v2/", self.scheme, self.host());
        let response = self
            .http
            .get(&ping)
            .send()
            .await
            .map_err(|e| self.classify_http(&e))?;
        let challenge = response
            .headers()
            .get(reqwest::header::WWW_AUTHENTICATE)
            .and_then(|v| v.to_str().ok())
            .and_then(token::parse_challenge);
        let Some(challenge) = challenge.filter(|_| response.status().as_u16() == 401) else {
            return Ok(None);
        };
        let mut request = self.http.get(&challenge.realm).query(&[("scope", scope)]);
        if let Some(service) = &challenge.service {
            request = request.query(&[("service", service)]);
        }
        if let RegistryAuth::Basic(user, password) = &self.auth {
            request = request.basic_auth(user, Some(password));
        }
        let response = request.send().await.map_err(|e| self.classify_http(&e))?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(RegistryError::Unauthorized {
                registry: self.registry.clone(),
            });
        }
        let token_error = |problem| RegistryError::Token {
            registry: self.registry.clone(),
            problem,
        };
        let body = self
            .read_body(response, MAX_ERROR_BODY)
            .await?
            .ok_or_else(|| token_error("sent an answer of more than 64 KiB"))?;
        token::parse_token(&body)
            .map(Some)
            .ok_or_else(|| token_error("sent no token"))
    }

    /// Up to `limit` bytes of a body: `Ok(None)` when there is more.
    pub(super) async fn read_body(
        &self,
        response: reqwest::Response,
        limit: usize,
    ) -> Result<Option<Vec<u8>>, RegistryError> {
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Ok(None);
        }
        let mut body = Vec::new();
        let mut chunks = response.bytes_stream();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|e| self.classify_http(&e))?;
            if body.len() + chunk.len() > limit {
                return Ok(None);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Some(body))
    }

    /// The error a refusal (any status but 200) stands for, from the start of its body.
    pub(super) async fn refusal(
        &self,
        reference: &Reference,
        response: reqwest::Response,
    ) -> RegistryError {
        let status = response.status();
        let url = response.url().to_string();
        let mut body = Vec::new();
        let mut chunks = response.bytes_stream();
        while let Some(Ok(chunk)) = chunks.next().await {
            body.extend_from_slice(&chunk[..chunk.len().min(MAX_ERROR_BODY - body.len())]);
            if body.len() == MAX_ERROR_BODY {
                break;
            }
        }
        self.classify(reference, status_error(status, &body, url))
    }

    /// One GET of a manifest, its body read only up to [`MAX_DOCUMENT_SIZE`]: a registry that
    /// sends more (or never stops) is refused without holding it all in memory. Returns the
    /// body and the digest the registry claims for it.
    pub(super) async fn fetch_manifest(
        &self,
        reference: &Reference,
    ) -> Result<(Bytes, String), RegistryError> {
        let oci_ref = to_oci(reference);
        let tag_or_digest = oci_ref
            .digest()
            .unwrap_or_else(|| oci_ref.tag().unwrap_or("latest"));
        let response = self
            .get(
                reference,
                &format!("manifests/{tag_or_digest}"),
                &media::ACCEPTED_MANIFESTS.join(", "),
            )
            .await?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(self.refusal(reference, response).await);
        }
        let digest = response
            .headers()
            .get("Docker-Content-Digest")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        match self.read_body(response, MAX_DOCUMENT_SIZE as usize).await? {
            Some(body) => Ok((Bytes::from(body), digest)),
            None => Err(RegistryError::ManifestTooLarge {
                reference: reference.to_string(),
                limit: MAX_DOCUMENT_SIZE,
            }),
        }
    }

    /// One GET of a blob: its stream, once the registry said 200.
    pub(super) async fn fetch_blob(
        &self,
        reference: &Reference,
        desc: &Descriptor,
    ) -> Result<reqwest::Response, RegistryError> {
        let response = self
            .get(reference, &format!("blobs/{}", desc.digest), "*/*")
            .await?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(self.refusal(reference, response).await);
        }
        Ok(response)
    }
}

impl Session {
    /// A signature from an http(s) lookaside storage (`image::trust`): `None` when the server
    /// has none at `url` (404), which ends the numbered list. No credentials go to it: it is
    /// another server than the registry.
    pub async fn get_signature(&self, url: &str) -> Result<Option<Vec<u8>>, String> {
        let response = self.http.get(url).send().await.map_err(|e| e.to_string())?;
        match response.status() {
            reqwest::StatusCode::NOT_FOUND => Ok(None),
            reqwest::StatusCode::OK => match self.read_body(response, MAX_SIGNATURE_SIZE).await {
                Ok(Some(body)) => Ok(Some(body)),
                Ok(None) => Err(format!(
                    "a signature larger than {MAX_SIGNATURE_SIZE} bytes"
                )),
                Err(e) => Err(e.to_string()),
            },
            status => Err(format!("HTTP {status}")),
        }
    }
}

/// The most a signature may be: a simple signature is a few hundred bytes.
const MAX_SIGNATURE_SIZE: usize = 4 << 20;

/// A registry's refusal as oci-client reports it for the other requests, so that one
/// classification covers them all.
fn status_error(status: reqwest::StatusCode, body: &[u8], url: String) -> OciDistributionError {
    match status.as_u16() {
        401 => OciDistributionError::UnauthorizedError { url },
        400..=499 => match serde_json::from_slice(body) {
            Ok(envelope) => OciDistributionError::RegistryError { envelope, url },
            Err(_) => OciDistributionError::ServerError {
                code: status.as_u16(),
                url,
                message: String::from_utf8_lossy(body).into_owned(),
            },
        },
        code => OciDistributionError::ServerError {
            code,
            url,
            message: String::from_utf8_lossy(body).into_owned(),
        },
    }
}
