//! Making signatures. Simple signatures: `image sign` (of what a registry serves for a
//! reference) and `--sign-by` of `push`, `manifest push` and `artifact push` (of the manifests
//! just pushed), stored in the lookaside storage registries.d names for writing, or below
//! `--directory`. Sigstore signatures: those pushes' `--sign-by-sigstore-private-key` and
//! `--sign-by-sigstore`, attached to the image in its registry.

use std::path::{Path, PathBuf};

use p256::ecdsa::SigningKey;

use super::lookaside::{self, Lookaside};
use super::{TrustError, TrustFiles, gpg, payload, sigstore, sigstore_key, sigstore_params};
use crate::ids::Digest;
use crate::image::manifest::Document;
use crate::image::reference::Reference;
use crate::image::registry::{RegistryOptions, Session};

/// Who signs, and where the signatures go.
#[derive(Debug, Clone)]
pub struct Signer {
    /// `--sign-by`: a key id, fingerprint or user id of the user's GnuPG keyring.
    pub key: String,
    /// `--directory`: a storage directory instead of registries.d's.
    pub directory: Option<PathBuf>,
    /// `--sign-passphrase-file`: the key's passphrase, else gpg-agent asks for it.
    pub passphrase_file: Option<PathBuf>,
}

impl Signer {
    /// The storage directory for `reference`, once the key is known to be in the keyring:
    /// checked before anything is pushed or signed.
    pub fn prepare(
        &self,
        files: &TrustFiles,
        reference: &Reference,
    ) -> Result<PathBuf, TrustError> {
        gpg::has_secret_key(&self.key)?;
        match &self.directory {
            Some(dir) => Ok(dir.clone()),
            None => Lookaside::load(files)?.write_location(reference),
        }
    }

    /// Signs manifest `digest` as `reference` (its tag included) into the storage `base`
    /// ([`Signer::prepare`]); returns the new file.
    pub fn sign_into(
        &self,
        base: &Path,
        reference: &Reference,
        digest: &Digest,
    ) -> Result<PathBuf, TrustError> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let payload = payload::make(payload::Kind::Simple, reference, digest, now);
        let signature = gpg::sign(&payload, &self.key, self.passphrase_file.as_deref())?;
        lookaside::add_signature(base, reference, digest, &signature)
    }
}

/// A sigstore private key, opened: `push --sign-by-sigstore-private-key`.
pub struct SigstoreSigner {
    key: SigningKey,
}

impl std::fmt::Debug for SigstoreSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigstoreSigner")
    }
}

impl SigstoreSigner {
    /// Opens the key at `path` with `passphrase`, once `destination`'s registry is known to
    /// keep sigstore attachments: checked before anything is pushed.
    pub fn prepare(
        files: &TrustFiles,
        destination: &Reference,
        path: &Path,
        passphrase: &[u8],
    ) -> Result<SigstoreSigner, TrustError> {
        if !Lookaside::load(files)?.uses_attachments(destination) {
            return Err(TrustError::Invalid(format!(
                "writing sigstore attachments is disabled by configuration: set \
                 use-sigstore-attachments: true for {} in registries.d",
                destination.registry
            )));
        }
        let pem = std::fs::read(path).map_err(|source| TrustError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let key = sigstore_key::private_key(&pem, passphrase).map_err(|e| {
            TrustError::Invalid(format!("sigstore private key {}: {e}", path.display()))
        })?;
        Ok(SigstoreSigner { key })
    }

    /// Signs manifest `digest` as `reference` and attaches the signature in its registry.
    pub fn sign(
        &self,
        reference: &Reference,
        digest: &Digest,
        registry: &RegistryOptions,
    ) -> Result<(), TrustError> {
        let runtime = crate::image::pull::io_runtime().map_err(|source| TrustError::Write {
            path: "the I/O runtime".into(),
            source,
        })?;
        runtime.block_on(async {
            let session = Session::new(reference, registry)?;
            session.authorize_push(reference).await?;
            sigstore::attach(&session, reference, digest, &self.key).await
        })
    }
}

/// What a push was asked to sign with: podman's `--sign-by`, `--sign-by-sigstore`,
/// `--sign-by-sigstore-private-key` and `--sign-passphrase-file`.
#[derive(Debug, Clone, Default)]
pub struct SignRequest {
    pub gpg_key: Option<String>,
    /// A containers-sigstore-signing-params.yaml(5) file.
    pub sigstore_params: Option<PathBuf>,
    pub sigstore_key: Option<PathBuf>,
    /// The passphrase of `gpg_key` and `sigstore_key` (the parameter file names its own).
    pub passphrase_file: Option<PathBuf>,
}

/// The signers of one push, ready: keys found or opened, storage known. Made before anything
/// is pushed, so that a push never ends unsigned for want of a key or a passphrase.
#[derive(Debug)]
pub struct PushSigners {
    gpg: Option<(Signer, PathBuf)>,
    sigstore: Vec<SigstoreSigner>,
}

impl PushSigners {
    /// Prepares what `request` asks for a push to `destination`; `ask` asks the passphrase of
    /// a sigstore key that no file gives.
    pub fn prepare(
        request: &SignRequest,
        files: &TrustFiles,
        destination: &Reference,
        ask: &dyn Fn(&Path) -> Result<Vec<u8>, TrustError>,
    ) -> Result<PushSigners, TrustError> {
        let gpg = match &request.gpg_key {
            Some(key) => {
                let signer = Signer {
                    key: key.clone(),
                    directory: None,
                    passphrase_file: request.passphrase_file.clone(),
                };
                let base = signer.prepare(files, destination)?;
                Some((signer, base))
            }
            None => None,
        };
        let mut keys = Vec::new();
        if let Some(key) = &request.sigstore_key {
            keys.push((key.clone(), request.passphrase_file.clone()));
        }
        if let Some(params) = &request.sigstore_params {
            let params = sigstore_params::load(params)?;
            keys.push((params.private_key_file, params.passphrase_file));
        }
        let sigstore = keys
            .into_iter()
            .map(|(key, passphrase_file)| {
                let passphrase = match passphrase_file {
                    Some(file) => read_passphrase(&file)?,
                    None => ask(&key)?,
                };
                SigstoreSigner::prepare(files, destination, &key, &passphrase)
            })
            .collect::<Result<_, _>>()?;
        Ok(PushSigners { gpg, sigstore })
    }

    /// Signs each of the pushed manifests `digests` as `destination`, with every signer.
    pub fn sign(
        &self,
        destination: &Reference,
        digests: &[Digest],
        registry: &RegistryOptions,
    ) -> Result<(), TrustError> {
        for digest in digests {
            if let Some((signer, base)) = &self.gpg {
                signer.sign_into(base, destination, digest)?;
            }
            for signer in &self.sigstore {
                signer.sign(destination, digest, registry)?;
            }
        }
        Ok(())
    }
}

/// `--sign-passphrase-file`'s passphrase: the file without its final line break.
pub fn read_passphrase(path: &Path) -> Result<Vec<u8>, TrustError> {
    let mut text = std::fs::read(path).map_err(|source| TrustError::Read {
        path: path.display().to_string(),
        source,
    })?;
    if text.ends_with(b"\n") {
        text.pop();
        if text.ends_with(b"\r") {
            text.pop();
        }
    }
    Ok(text)
}

/// `image sign IMAGE`: the name as docker reads it (`docker://` allowed), with its tag.
pub fn parse_target(name: &str) -> Result<Reference, TrustError> {
    let bare = name.strip_prefix("docker://").unwrap_or(name);
    if bare.contains("://") {
        return Err(TrustError::Invalid(format!(
            "{name}: only registry images (docker://) can be signed"
        )));
    }
    Reference::parse_docker(bare).map_err(|e| TrustError::Invalid(e.to_string()))
}

/// Signs what the registry serves for `reference` now: its manifest, or with `all` every
/// manifest of its index. Returns the signature files written.
pub fn sign_remote(
    signer: &Signer,
    files: &TrustFiles,
    reference: &Reference,
    registry: &RegistryOptions,
    all: bool,
) -> Result<Vec<PathBuf>, TrustError> {
    let base = signer.prepare(files, reference)?;
    let runtime = crate::image::pull::io_runtime().map_err(|source| TrustError::Write {
        path: "the I/O runtime".into(),
        source,
    })?;
    let (bytes, digest) = runtime.block_on(async {
        let session = Session::new(reference, registry)?;
        session.manifest(reference).await
    })?;
    drop(runtime);
    if !all {
        return Ok(vec![signer.sign_into(&base, reference, &digest)?]);
    }
    let index = match Document::parse(&bytes, None, &digest) {
        Ok(Document::Index(index)) => index,
        _ => {
            return Err(TrustError::Invalid(format!(
                "{reference} is not a multi-architecture image"
            )));
        }
    };
    index
        .manifests
        .iter()
        .map(|entry| signer.sign_into(&base, reference, &entry.digest))
        .collect()
}
