//! The keys of `push --encryption-key jwe:FILE` (an RSA public key) and `--decryption-key
//! FILE[:PASSPHRASE]` (its private key), read from PEM files as `openssl genrsa` and
//! `openssl rsa -pubout` write them, once, before any registry I/O.

use std::path::{Path, PathBuf};

use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::{RsaPrivateKey, RsaPublicKey};

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "--encryption-key {0:?}: rpod encrypts with jwe keys only (jwe:PUBLIC-KEY.pem); pgp and pkcs7 are not supported"
    )]
    Protocol(String),
    #[error("{path}: cannot read the key: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a PEM RSA {what} key ({detail})")]
    Parse {
        path: PathBuf,
        what: &'static str,
        detail: String,
    },
    #[error("{path}: the private key is encrypted: give its passphrase as {path}:PASSPHRASE")]
    NeedsPassphrase { path: PathBuf },
    #[error("{path}: the private key does not open with the passphrase given")]
    WrongPassphrase { path: PathBuf },
    #[error(
        "{path}: an OpenSSL traditional encrypted key (Proc-Type header) is not supported: convert it with openssl pkcs8 -topk8"
    )]
    LegacyEncrypted { path: PathBuf },
}

/// The recipients a push wraps each layer's key for.
#[derive(Debug, Clone, Default)]
pub struct EncryptionKeys {
    pub(super) recipients: Vec<RsaPublicKey>,
}

impl EncryptionKeys {
    /// Reads every `jwe:FILE` of `--encryption-key`.
    pub fn load(specs: &[String]) -> Result<EncryptionKeys, KeyError> {
        let recipients = specs
            .iter()
            .map(|spec| {
                let path = spec
                    .strip_prefix("jwe:")
                    .ok_or_else(|| KeyError::Protocol(spec.clone()))?;
                read_public(Path::new(path))
            })
            .collect::<Result<_, _>>()?;
        Ok(EncryptionKeys { recipients })
    }

    pub fn is_empty(&self) -> bool {
        self.recipients.is_empty()
    }
}

fn read(path: &Path) -> Result<String, KeyError> {
    std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn read_public(path: &Path) -> Result<RsaPublicKey, KeyError> {
    let pem = read(path)?;
    RsaPublicKey::from_public_key_pem(&pem)
        .map_err(|e| e.to_string())
        .or_else(|spki| RsaPublicKey::from_pkcs1_pem(&pem).map_err(|_| spki))
        .map_err(|detail| KeyError::Parse {
            path: path.to_path_buf(),
            what: "public",
            detail,
        })
}

/// The private keys a pull tries on each encrypted layer, in the order given.
#[derive(Debug, Clone, Default)]
pub struct DecryptionKeys {
    pub(super) keys: Vec<RsaPrivateKey>,
}

impl DecryptionKeys {
    /// Reads every `FILE[:PASSPHRASE]` of `--decryption-key`. A whole argument that names a
    /// file is a path even when it holds a colon.
    pub fn load(specs: &[String]) -> Result<DecryptionKeys, KeyError> {
        let keys = specs
            .iter()
            .map(|spec| {
                let (path, passphrase) = match spec.split_once(':') {
                    Some((path, pass)) if !Path::new(spec).exists() => (path, Some(pass)),
                    _ => (spec.as_str(), None),
                };
                read_private(Path::new(path), passphrase)
            })
            .collect::<Result<_, _>>()?;
        Ok(DecryptionKeys { keys })
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn read_private(path: &Path, passphrase: Option<&str>) -> Result<RsaPrivateKey, KeyError> {
    let pem = read(path)?;
    let owned = || path.to_path_buf();
    if pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        let pass = passphrase.ok_or_else(|| KeyError::NeedsPassphrase { path: owned() })?;
        return RsaPrivateKey::from_pkcs8_encrypted_pem(&pem, pass)
            .map_err(|_| KeyError::WrongPassphrase { path: owned() });
    }
    if pem.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(KeyError::LegacyEncrypted { path: owned() });
    }
    RsaPrivateKey::from_pkcs8_pem(&pem)
        .map_err(|e| e.to_string())
        .or_else(|pkcs8| RsaPrivateKey::from_pkcs1_pem(&pem).map_err(|_| pkcs8))
        .map_err(|detail| KeyError::Parse {
            path: owned(),
            what: "private",
            detail,
        })
}
