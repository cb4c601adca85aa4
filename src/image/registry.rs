//! Talking to one registry: TLS and insecure settings, credentials, retries, and typed errors.
//! The only module that uses tokio (through oci-client, and reqwest for the pull requests in
//! fetch.rs); callers drive it with `block_on`.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use oci_client::client::{Certificate, CertificateEncoding, ClientConfig, ClientProtocol};
use oci_client::errors::{OciDistributionError, OciErrorCode};
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, RegistryOperation};

use super::auth::{self, AuthError, Credentials};
use super::blob_stream::{Mismatch, Oversize, Short, Sized};
use super::manifest::{Descriptor, MAX_DOCUMENT_SIZE};
use super::reference::Reference;
use crate::ids::Digest;

mod catalog;
mod fetch;

/// Retries of one request (and of one layer download) before a transient error is final,
/// unless `--retry` says otherwise.
pub const RETRIES: u32 = 2;
const FIRST_BACKOFF: Duration = Duration::from_millis(300);

/// `--retry N` and `--retry-delay DURATION` (podman's): how often a transient registry failure
/// (a refused connection, a timeout, a 5xx, a download that broke off) is tried again, and how
/// long to wait between tries; without a delay the wait starts at 0.3 s and triples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub retries: u32,
    pub delay: Option<Duration>,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            retries: RETRIES,
            delay: None,
        }
    }
}

impl Retry {
    /// The wait before retry number `n` (1 for the first).
    fn wait(&self, n: u32) -> Duration {
        self.delay
            .unwrap_or_else(|| FIRST_BACKOFF * 3u32.saturating_pow(n.saturating_sub(1)))
    }

    /// Runs `op` until it succeeds, fails for good, or the retries are spent.
    pub async fn run<T, E, F, Fut>(&self, transient: impl Fn(&E) -> bool, mut op: F) -> Result<T, E>
    where
        E: std::fmt::Display,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let mut retried = 0;
        loop {
            match op().await {
                Err(err) if retried < self.retries && transient(&err) => {
                    retried += 1;
                    let wait = self.wait(retried);
                    tracing::info!("{err}; retrying in {wait:?}");
                    tokio::time::sleep(wait).await;
                }
                result => return result,
            }
        }
    }
}
const USER_AGENT: &str = concat!("rpod/", env!("CARGO_PKG_VERSION"));

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("authentication required for {registry}")]
    Unauthorized { registry: String },
    #[error("access denied to {reference}")]
    Denied { reference: String },
    #[error("{reference}: manifest unknown")]
    ManifestUnknown { reference: String },
    #[error("blob {digest} not found in {registry}")]
    BlobUnknown { registry: String, digest: Digest },
    #[error("cannot connect to registry {registry}: {cause}")]
    Unreachable { registry: String, cause: String },
    #[error("registry {registry} did not answer within {secs} s")]
    Timeout { registry: String, secs: u64 },
    #[error("registry {registry} stopped sending blob {digest}: nothing arrived for {secs} s")]
    Stalled {
        registry: String,
        digest: Digest,
        secs: u64,
    },
    #[error("the download of blob {digest} from registry {registry} broke off: {cause}")]
    Interrupted {
        registry: String,
        digest: Digest,
        cause: String,
    },
    #[error("blob {digest} from registry {registry} is truncated: it sent {got} of {size} bytes")]
    Truncated {
        registry: String,
        digest: Digest,
        got: u64,
        size: u64,
    },
    #[error("registry {registry} answered HTTP {status}: {message}")]
    Server {
        registry: String,
        status: u16,
        message: String,
    },
    #[error("the token service of registry {registry} {problem}")]
    Token {
        registry: String,
        problem: &'static str,
    },
    /// reqwest follows ten redirects, then stops.
    #[error("registry {registry} redirected more than 10 times: a redirect loop")]
    Redirects { registry: String },
    #[error("registry {registry} broke the protocol: {message}")]
    Protocol { registry: String, message: String },
    #[error("digest mismatch for {expected}: the registry sent content with digest {actual}")]
    DigestMismatch { expected: Digest, actual: String },
    #[error("blob {digest} is larger than the {limit} bytes its descriptor allows")]
    TooLarge { digest: Digest, limit: u64 },
    #[error("manifest {reference} is larger than the {limit} bytes a manifest may have")]
    ManifestTooLarge { reference: String, limit: u64 },
    #[error("cannot read registry certificate {}: {source}", path.display())]
    Certificate { path: PathBuf, source: io::Error },
    #[error(
        "--cert-dir {}: client certificates ({}) are not supported by rpod: it trusts the *.crt CA files only",
        dir.display(),
        file.display()
    )]
    ClientCertificate { dir: PathBuf, file: PathBuf },
    #[error(transparent)]
    Auth(#[from] AuthError),
}

impl RegistryError {
    pub fn hint(&self) -> Option<String> {
        match self {
            RegistryError::Unauthorized { registry } => Some(format!("run: rpod login {registry}")),
            RegistryError::Unreachable { cause, .. } if cause.contains("certificate") => Some(
                "trust its CA in ~/.config/containers/certs.d/HOST:PORT/ca.crt, or for a plain-HTTP \
                 registry pass --tls-verify=false or list it under [registries] insecure in rpod.toml"
                    .into(),
            ),
            RegistryError::Timeout { .. } | RegistryError::Stalled { .. } => Some(
                "for a slow registry, raise [registries] timeout (seconds) in rpod.toml".into(),
            ),
            RegistryError::Unreachable { .. } | RegistryError::Protocol { .. } => Some(
                "check the registry address; a plain-HTTP registry needs --tls-verify=false or \
                 [registries] insecure in rpod.toml"
                    .into(),
            ),
            _ => None,
        }
    }

    /// The registry could not be reached or did not answer. A certificate it presented that
    /// does not verify is not this: that is a configuration to fix, not an outage to ride out.
    pub fn is_unreachable(&self) -> bool {
        match self {
            RegistryError::Unreachable { cause, .. } => !cause.contains("certificate"),
            RegistryError::Timeout { .. } => true,
            RegistryError::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Worth another attempt: the registry or the network may do better next time.
    pub fn is_transient(&self) -> bool {
        match self {
            RegistryError::Server { status, .. } => *status >= 500 || *status == 429,
            RegistryError::Unreachable { cause, .. } => !cause.contains("certificate"),
            RegistryError::Interrupted { .. } | RegistryError::Truncated { .. } => true,
            _ => false,
        }
    }
}

/// How to reach registries; built once per command from config and flags.
#[derive(Debug, Clone)]
pub struct RegistryOptions {
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified TLS for every registry,
    /// `Some(true)` requires verified TLS even of a registry rpod.toml marks insecure.
    pub tls_verify: Option<bool>,
    /// Registries marked insecure in rpod.toml.
    pub insecure: Vec<String>,
    pub certs_dirs: Vec<PathBuf>,
    /// `--cert-dir`: the CA files (`*.crt`) trusted for every registry, instead of the
    /// per-registry ones of `certs_dirs`.
    pub cert_dir: Option<PathBuf>,
    /// Credential files in lookup order (podman's auth.json, docker's config.json).
    pub auth_files: Vec<PathBuf>,
    /// `--creds user:password`, used instead of the files.
    pub creds: Option<Credentials>,
    /// A registry that sends nothing for this long has stalled.
    pub read_timeout: Duration,
    pub retry: Retry,
    /// The signature policy and storage every pull is checked against (`image::trust`).
    pub trust: super::trust::TrustFiles,
    /// `--decryption-key`: what opens a pulled image's encrypted layers (`image::crypt`).
    pub decryption: super::crypt::DecryptionKeys,
}

impl RegistryOptions {
    /// Registry access as rpod.toml and the user's credential and certificate files set it
    /// up; `--tls-verify` and `--creds` are the caller's to set.
    pub fn configured(config: &crate::config::Config, paths: &crate::config::Paths) -> Self {
        RegistryOptions {
            tls_verify: None,
            insecure: config.registries.insecure.clone(),
            certs_dirs: paths.certs_dirs(),
            cert_dir: None,
            auth_files: vec![paths.auth_file(), paths.docker_config_file()],
            creds: None,
            read_timeout: Duration::from_secs(config.registries.timeout),
            retry: Retry::default(),
            trust: super::trust::TrustFiles::of(paths),
            decryption: Default::default(),
        }
    }

    fn is_insecure(&self, registry: &str) -> bool {
        // An explicit --tls-verify wins over rpod.toml, either way, as podman's does.
        match self.tls_verify {
            Some(verify) => !verify,
            None => self.insecure.iter().any(|r| r == registry),
        }
    }

    /// `--decryption-key`.
    pub fn with_decryption(self, decryption: super::crypt::DecryptionKeys) -> Self {
        RegistryOptions { decryption, ..self }
    }

    /// `--retry`, `--retry-delay`.
    pub fn with_retry(self, retry: Retry) -> Self {
        RegistryOptions { retry, ..self }
    }

    /// `--cert-dir DIR`, when given: the options with its CA files in place of the
    /// per-registry directories.
    pub fn with_cert_dir(self, dir: Option<PathBuf>) -> Self {
        match dir {
            Some(dir) => RegistryOptions {
                cert_dir: Some(dir),
                ..self
            },
            None => self,
        }
    }

    fn ca_certificates(&self, registry: &str) -> Result<Vec<Certificate>, RegistryError> {
        let mut certs = Vec::new();
        let dirs = match &self.cert_dir {
            Some(dir) => vec![dir.clone()],
            None => self.certs_dirs.iter().map(|d| d.join(registry)).collect(),
        };
        for dir in dirs {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                // A directory the user named must be there; the default ones may be absent.
                Err(source) if self.cert_dir.is_some() => {
                    return Err(RegistryError::Certificate { path: dir, source });
                }
                Err(_) => continue,
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let ext = path.extension().and_then(|e| e.to_str());
                if self.cert_dir.is_some() && matches!(ext, Some("cert" | "key")) {
                    return Err(RegistryError::ClientCertificate { dir, file: path });
                }
                if ext == Some("crt") {
                    let data = fs::read(&path).map_err(|source| RegistryError::Certificate {
                        path: path.clone(),
                        source,
                    })?;
                    certs.push(Certificate {
                        encoding: CertificateEncoding::Pem,
                        data,
                    });
                }
            }
        }
        Ok(certs)
    }
}

/// A blob's bytes as they arrive, already checked against the descriptor's digest by the end.
pub type BlobStream = BoxStream<'static, io::Result<Bytes>>;

/// A connection to one registry on behalf of one repository.
pub struct Session {
    client: Client,
    /// Makes the pull's requests (fetch.rs), whose bodies oci-client would read whole however
    /// large; built with the same TLS, timeouts and user agent as `client`, which pushes.
    http: reqwest::Client,
    scheme: &'static str,
    /// The bearer token (if the registry asks for one), fetched once for the pull's requests.
    token: tokio::sync::OnceCell<Option<String>>,
    auth: RegistryAuth,
    registry: String,
    read_timeout: Duration,
    retry: Retry,
}

fn to_oci(r: &Reference) -> oci_client::Reference {
    match (&r.tag, &r.digest) {
        (_, Some(d)) => oci_client::Reference::with_digest(
            r.registry.clone(),
            r.repository.clone(),
            d.to_string(),
        ),
        (Some(t), None) => {
            oci_client::Reference::with_tag(r.registry.clone(), r.repository.clone(), t.clone())
        }
        (None, None) => oci_client::Reference::with_tag(
            r.registry.clone(),
            r.repository.clone(),
            "latest".into(),
        ),
    }
}

/// The innermost causes of an error: what really went wrong, without the layers of
/// "error sending request for url (…)" around it.
fn cause_chain(e: &dyn std::error::Error) -> String {
    let mut chain = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let start = chain.len().saturating_sub(2);
    let mut parts: Vec<String> = chain.split_off(start);
    parts.dedup_by(|b, a| a.contains(b.as_str()));
    parts.join(": ")
}

impl Session {
    pub fn new(reference: &Reference, opts: &RegistryOptions) -> Result<Session, RegistryError> {
        let registry = reference.registry.clone();
        let insecure = opts.is_insecure(&registry);
        let certificates = opts.ca_certificates(&registry)?;
        let http = reqwest::Client::builder()
            .danger_accept_invalid_certs(insecure)
            .tls_certs_merge(
                certificates
                    .iter()
                    .filter_map(|c| reqwest::Certificate::from_pem(&c.data).ok()),
            )
            .read_timeout(opts.read_timeout)
            .connect_timeout(opts.read_timeout)
            .user_agent(USER_AGENT)
            .build()
            .map_err(|e| RegistryError::Unreachable {
                registry: registry.clone(),
                cause: cause_chain(&e),
            })?;
        let config = ClientConfig {
            protocol: if insecure {
                ClientProtocol::HttpsExcept(vec![registry.clone()])
            } else {
                ClientProtocol::Https
            },
            accept_invalid_certificates: insecure,
            extra_root_certificates: certificates,
            read_timeout: Some(opts.read_timeout),
            connect_timeout: Some(opts.read_timeout),
            platform_resolver: None,
            user_agent: USER_AGENT,
            ..ClientConfig::default()
        };
        let creds = match &opts.creds {
            Some(c) => Some(c.clone()),
            None => auth::lookup(&opts.auth_files, &registry, &reference.repository)?,
        };
        let auth = match creds {
            Some(c) => RegistryAuth::Basic(c.username, c.password),
            None => RegistryAuth::Anonymous,
        };
        Ok(Session {
            client: Client::new(config),
            http,
            scheme: if insecure { "http" } else { "https" },
            token: tokio::sync::OnceCell::new(),
            auth,
            registry,
            read_timeout: opts.read_timeout,
            retry: opts.retry,
        })
    }

    pub fn registry(&self) -> &str {
        &self.registry
    }

    fn classify(&self, reference: &Reference, e: OciDistributionError) -> RegistryError {
        let registry = self.registry.clone();
        match e {
            OciDistributionError::UnauthorizedError { .. }
            | OciDistributionError::AuthenticationFailure(_) => {
                RegistryError::Unauthorized { registry }
            }
            OciDistributionError::RegistryError { envelope, .. } => {
                let code = envelope.errors.first().map(|e| &e.code);
                match code {
                    Some(OciErrorCode::Unauthorized) => RegistryError::Unauthorized { registry },
                    Some(OciErrorCode::Denied) => RegistryError::Denied {
                        reference: reference.to_string(),
                    },
                    Some(
                        OciErrorCode::ManifestUnknown
                        | OciErrorCode::NameUnknown
                        | OciErrorCode::NotFound,
                    ) => RegistryError::ManifestUnknown {
                        reference: reference.to_string(),
                    },
                    _ => RegistryError::Server {
                        registry,
                        status: 400,
                        message: envelope.to_string(),
                    },
                }
            }
            OciDistributionError::ImageManifestNotFoundError(_) => RegistryError::ManifestUnknown {
                reference: reference.to_string(),
            },
            OciDistributionError::ServerError { code: 401, .. } => {
                RegistryError::Unauthorized { registry }
            }
            OciDistributionError::ServerError { code: 404, .. } => RegistryError::ManifestUnknown {
                reference: reference.to_string(),
            },
            OciDistributionError::ServerError { code, message, .. } => RegistryError::Server {
                registry,
                status: code,
                message: message
                    .chars()
                    .take(200)
                    .collect::<String>()
                    .trim()
                    .to_string(),
            },
            OciDistributionError::RequestError(e) => self.classify_http(&e),
            OciDistributionError::DigestError(e) => RegistryError::DigestMismatch {
                expected: reference.digest.clone().unwrap_or_else(|| Digest::of(b"")),
                actual: e.to_string(),
            },
            other => RegistryError::Protocol {
                registry,
                message: cause_chain(&other),
            },
        }
    }

    fn classify_http(&self, e: &reqwest::Error) -> RegistryError {
        let registry = self.registry.clone();
        if e.is_timeout() {
            RegistryError::Timeout {
                registry,
                secs: self.read_timeout.as_secs(),
            }
        } else if e.is_redirect() {
            RegistryError::Redirects { registry }
        } else if e.status().is_some_and(|s| s.as_u16() == 401) {
            RegistryError::Unauthorized { registry }
        } else if let Some(status) = e.status() {
            RegistryError::Server {
                registry,
                status: status.as_u16(),
                message: cause_chain(e),
            }
        } else {
            RegistryError::Unreachable {
                registry,
                cause: cause_chain(e),
            }
        }
    }

    async fn retry<T, F, Fut>(&self, reference: &Reference, mut op: F) -> Result<T, RegistryError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, OciDistributionError>>,
    {
        self.retry_classified(|| {
            let attempt = op();
            async { attempt.await.map_err(|e| self.classify(reference, e)) }
        })
        .await
    }

    async fn retry_classified<T, F, Fut>(&self, op: F) -> Result<T, RegistryError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, RegistryError>>,
    {
        self.retry.run(RegistryError::is_transient, op).await
    }

    /// `--retry`, `--retry-delay`: for work of several requests (a layer's download).
    pub fn retry_policy(&self) -> Retry {
        self.retry
    }

    /// Fetches a manifest or index; when the reference has a digest the content is checked
    /// against it.
    pub async fn manifest(&self, reference: &Reference) -> Result<(Bytes, Digest), RegistryError> {
        let (bytes, digest) = self
            .retry_classified(|| self.fetch_manifest(reference))
            .await?;
        let actual = Digest::of(&bytes);
        if let Some(expected) = &reference.digest
            && *expected != actual
        {
            return Err(RegistryError::DigestMismatch {
                expected: expected.clone(),
                actual: actual.to_string(),
            });
        }
        if digest.parse::<Digest>().is_ok_and(|d| d != actual) {
            tracing::debug!(
                "registry {} reported digest {digest} for content {actual}",
                self.registry
            );
        }
        Ok((bytes, actual))
    }

    /// A blob's stream; the stream fails at its end when the content does not match the digest,
    /// and as soon as it grows past the descriptor's size.
    pub async fn blob(
        &self,
        reference: &Reference,
        desc: &Descriptor,
    ) -> Result<BlobStream, RegistryError> {
        let response = self
            .retry_classified(|| self.fetch_blob(reference, desc))
            .await
            .map_err(|e| match e {
                RegistryError::ManifestUnknown { .. } => RegistryError::BlobUnknown {
                    registry: self.registry.clone(),
                    digest: desc.digest.clone(),
                },
                other => other,
            })?;
        let stream = response.bytes_stream().map_err(io::Error::other).boxed();
        Ok(Sized::new(stream, desc.size, desc.digest.clone()).boxed())
    }

    /// A small blob (a config) read whole and checked.
    pub async fn small_blob(
        &self,
        reference: &Reference,
        desc: &Descriptor,
    ) -> Result<Vec<u8>, RegistryError> {
        if desc.size > MAX_DOCUMENT_SIZE {
            return Err(RegistryError::TooLarge {
                digest: desc.digest.clone(),
                limit: MAX_DOCUMENT_SIZE,
            });
        }
        let mut stream = self.blob(reference, desc).await?;
        let mut out = Vec::with_capacity(desc.size as usize);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| self.stream_error(&desc.digest, e))?;
            out.extend_from_slice(&chunk);
        }
        Ok(out)
    }

    /// Turns an error that ended a blob stream into the registry error it stands for.
    pub fn stream_error(&self, digest: &Digest, e: io::Error) -> RegistryError {
        let Some(inner) = e.get_ref() else {
            return RegistryError::Unreachable {
                registry: self.registry.clone(),
                cause: cause_chain(&e),
            };
        };
        if let Some(Oversize(limit)) = inner.downcast_ref::<Oversize>() {
            return RegistryError::TooLarge {
                digest: digest.clone(),
                limit: *limit,
            };
        }
        if let Some(Short { got, size }) = inner.downcast_ref::<Short>() {
            return RegistryError::Truncated {
                registry: self.registry.clone(),
                digest: digest.clone(),
                got: *got,
                size: *size,
            };
        }
        if let Some(re) = inner.downcast_ref::<reqwest::Error>() {
            return match self.classify_http(re) {
                RegistryError::Timeout { registry, secs } => RegistryError::Stalled {
                    registry,
                    digest: digest.clone(),
                    secs,
                },
                RegistryError::Unreachable { registry, cause } => RegistryError::Interrupted {
                    registry,
                    digest: digest.clone(),
                    cause,
                },
                other => other,
            };
        }
        if let Some(Mismatch(actual)) = inner.downcast_ref::<Mismatch>() {
            return RegistryError::DigestMismatch {
                expected: digest.clone(),
                actual: actual.to_string(),
            };
        }
        RegistryError::Unreachable {
            registry: self.registry.clone(),
            cause: cause_chain(&e),
        }
    }

    /// The repository's tags (`/v2/NAME/tags/list`), page after page.
    pub async fn tags(&self, reference: &Reference) -> Result<Vec<String>, RegistryError> {
        const PAGE: usize = 1000;
        let oci_ref = to_oci(reference);
        let mut tags: Vec<String> = Vec::new();
        loop {
            let last = tags.last().cloned();
            let page = self
                .retry(reference, || {
                    self.client
                        .list_tags(&oci_ref, &self.auth, Some(PAGE), last.as_deref())
                })
                .await?;
            let full = page.tags.len() >= PAGE;
            tags.extend(page.tags);
            if !full {
                return Ok(tags);
            }
        }
    }

    /// Asks for push rights (a token with push scope) before uploads.
    pub async fn authorize_push(&self, reference: &Reference) -> Result<(), RegistryError> {
        let oci_ref = to_oci(reference);
        self.retry(reference, || {
            self.client
                .auth(&oci_ref, &self.auth, RegistryOperation::Push)
        })
        .await
        .map(|_| ())
    }

    pub async fn blob_exists(
        &self,
        reference: &Reference,
        digest: &Digest,
    ) -> Result<bool, RegistryError> {
        let oci_ref = to_oci(reference);
        let digest = digest.to_string();
        self.retry(reference, || self.client.blob_exists(&oci_ref, &digest))
            .await
    }

    /// Uploads a blob whose digest and size are known, streamed from `open()` (called again on
    /// a retry).
    pub async fn push_blob<F>(
        &self,
        reference: &Reference,
        digest: &Digest,
        size: u64,
        open: F,
    ) -> Result<(), RegistryError>
    where
        F: Fn() -> io::Result<BlobStream>,
    {
        let oci_ref = to_oci(reference);
        let digest_text = digest.to_string();
        self.retry(reference, || async {
            let stream = open().map_err(OciDistributionError::IoError)?;
            let stream = stream.map(|c| c.map_err(OciDistributionError::IoError));
            self.client
                .push_blob_stream(&oci_ref, stream, &digest_text, Some(size))
                .await
        })
        .await
        .map(|_| ())
    }

    /// Uploads a small blob held in memory (a config, a signature's payload) whose digest is
    /// `digest`, unless the registry has it already.
    pub async fn push_small_blob(
        &self,
        reference: &Reference,
        digest: &Digest,
        bytes: Bytes,
    ) -> Result<(), RegistryError> {
        if self.blob_exists(reference, digest).await? {
            return Ok(());
        }
        self.push_blob(reference, digest, bytes.len() as u64, || {
            Ok(futures_util::stream::iter([Ok(bytes.clone())]).boxed())
        })
        .await
    }

    pub async fn push_manifest(
        &self,
        reference: &Reference,
        bytes: Vec<u8>,
        media_type: &str,
    ) -> Result<(), RegistryError> {
        let oci_ref = to_oci(reference);
        let content_type = reqwest::header::HeaderValue::from_str(media_type).map_err(|e| {
            RegistryError::Protocol {
                registry: self.registry.clone(),
                message: e.to_string(),
            }
        })?;
        let body = Bytes::from(bytes);
        self.retry(reference, || {
            self.client
                .push_manifest_raw(&oci_ref, body.clone(), content_type.clone())
        })
        .await
        .map(|_| ())
    }
}

/// Checks credentials against a registry the way `docker login` does: GET /v2/, and when the
/// registry answers with a bearer challenge, ask its token service.
pub async fn verify_login(
    registry: &str,
    creds: &Credentials,
    opts: &RegistryOptions,
) -> Result<(), RegistryError> {
    let reference = Reference {
        registry: registry.to_string(),
        repository: "rpod-login-check".into(),
        tag: Some("latest".into()),
        digest: None,
    };
    let mut opts = opts.clone();
    opts.creds = Some(creds.clone());
    let session = Session::new(&reference, &opts)?;
    let oci_ref = to_oci(&reference);
    // oci-client verifies a bearer challenge by fetching a token; with a basic challenge it
    // only records the credentials, so a tag listing proves them.
    session
        .retry(&reference, || {
            session
                .client
                .auth(&oci_ref, &session.auth, RegistryOperation::Pull)
        })
        .await?;
    match session
        .retry(&reference, || {
            session
                .client
                .list_tags(&oci_ref, &session.auth, Some(1), None)
        })
        .await
    {
        Ok(_) | Err(RegistryError::ManifestUnknown { .. }) | Err(RegistryError::Denied { .. }) => {
            Ok(())
        }
        Err(e) => Err(e),
    }
}
