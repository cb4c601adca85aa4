//! `--tls-cert`, `--tls-key` and `--tls-client-ca`: the service's rustls configuration, read
//! once before it listens, so that a bad file fails the command rather than every connection.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig, crypto};

use super::ApiError;

#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
    /// With it, a client must present a certificate signed by one of these.
    pub client_ca: Option<PathBuf>,
}

impl TlsFiles {
    pub fn load(&self) -> Result<Arc<ServerConfig>, ApiError> {
        // The provider is named rather than taken from the process default, which rustls
        // cannot pick when more than one is compiled in.
        let provider = Arc::new(crypto::aws_lc_rs::default_provider());
        let certs = certificates("--tls-cert", &self.cert)?;
        let key = PrivateKeyDer::from_pem_file(&self.key)
            .map_err(|e| failure("--tls-key", &self.key, e))?;
        let builder = ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| failure("--tls-cert", &self.cert, e))?;
        let builder = match &self.client_ca {
            None => builder.with_no_client_auth(),
            Some(path) => {
                let mut roots = RootCertStore::empty();
                for cert in certificates("--tls-client-ca", path)? {
                    roots
                        .add(cert)
                        .map_err(|e| failure("--tls-client-ca", path, e))?;
                }
                let verifier = WebPkiClientVerifier::builder_with_provider(roots.into(), provider)
                    .build()
                    .map_err(|e| failure("--tls-client-ca", path, e))?;
                builder.with_client_cert_verifier(verifier)
            }
        };
        let mut config = builder
            .with_single_cert(certs, key)
            .map_err(|e| failure("--tls-key", &self.key, e))?;
        // The API is HTTP/1.1 (docker's clients hijack its connections for attach and exec).
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

fn certificates(flag: &'static str, path: &Path) -> Result<Vec<CertificateDer<'static>>, ApiError> {
    let certs = CertificateDer::pem_file_iter(path)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| failure(flag, path, e))?;
    match certs.is_empty() {
        true => Err(failure(flag, path, "no PEM certificate in the file")),
        false => Ok(certs),
    }
}

fn failure(flag: &'static str, path: &Path, reason: impl std::fmt::Display) -> ApiError {
    ApiError::Tls {
        flag,
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}
