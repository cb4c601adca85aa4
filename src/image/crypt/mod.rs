//! Encrypted images in ocicrypt's format, as podman, skopeo and containerd's imgcrypt write
//! and read them: a layer blob (the compressed tar) is encrypted with AES-256-CTR +
//! HMAC-SHA256 under a fresh key (`layer`), its media type gains `+encrypted`, and two
//! annotations of its descriptor say how to open it: `enc.keys.jwe`, the key and counter
//! block sealed for each recipient in a JWE (`jwe`), and `enc.pubopts`, the cipher and HMAC.
//! The image config (and so the diff ids and the image id) is not encrypted.

mod jwe;
mod keys;
mod layer;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read};
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

pub use keys::{DecryptionKeys, EncryptionKeys, KeyError};

use super::manifest::Descriptor;
use crate::ids::Digest;

/// The annotation of the JWE-wrapped private options (base64 of the JWE's JSON; several,
/// comma-separated, when keys were added later).
pub const KEYS_JWE: &str = "org.opencontainers.image.enc.keys.jwe";
/// The annotation of the public options (base64 of their JSON).
pub const PUBOPTS: &str = "org.opencontainers.image.enc.pubopts";
const SUFFIX: &str = "+encrypted";

#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    #[error(
        "layer {digest} is encrypted: pull with --decryption-key PRIVATE-KEY.pem[:PASSPHRASE] to decrypt it"
    )]
    NeedKey { digest: Digest },
    #[error(
        "layer {digest} is encrypted for other keys than jwe ({KEYS_JWE} is missing): rpod decrypts jwe keys only"
    )]
    NotJwe { digest: Digest },
    #[error("layer {digest}: {source}")]
    Jwe {
        digest: Digest,
        source: jwe::JweError,
    },
    #[error("layer {digest}: invalid encryption annotation {annotation}: {detail}")]
    Annotation {
        digest: Digest,
        annotation: &'static str,
        detail: String,
    },
    #[error("layer {digest}: {source}")]
    Cipher {
        digest: Digest,
        source: layer::CipherError,
    },
    #[error("--encrypt-layer {index}: the image has {count} layers (0 is the first, -1 the last)")]
    LayerIndex { index: i64, count: usize },
}

/// Whether a layer media type is an encrypted one.
pub fn is_encrypted(media_type: &str) -> bool {
    media_type.ends_with(SUFFIX)
}

/// `push --encryption-key … [--encrypt-layer N…]`.
#[derive(Debug, Clone)]
pub struct Encryption {
    pub keys: EncryptionKeys,
    /// The layer indexes given (negative from the end); none: every layer.
    pub layers: Vec<i64>,
}

impl Encryption {
    /// Which of an image's `count` layers to encrypt, refusing an index it lacks.
    pub fn selected(&self, count: usize) -> Result<Vec<bool>, CryptError> {
        let mut chosen = vec![self.layers.is_empty(); count];
        for &index in &self.layers {
            let resolved = if index < 0 {
                count.checked_sub(index.unsigned_abs() as usize)
            } else {
                Some(index as usize).filter(|&i| i < count)
            };
            let i = resolved.ok_or(CryptError::LayerIndex { index, count })?;
            chosen[i] = true;
        }
        Ok(chosen)
    }
}

/// Encrypts the blob `plain` (described by `desc`) into `out`; returns the descriptor of the
/// encrypted blob, with its `+encrypted` type and the annotations that open it.
pub fn encrypt_blob(
    plain: &Path,
    out: &Path,
    desc: &Descriptor,
    keys: &EncryptionKeys,
) -> io::Result<Descriptor> {
    let reader = BufReader::with_capacity(1 << 20, File::open(plain)?);
    let writer = BufWriter::with_capacity(1 << 20, File::create(out)?);
    let (private, public, digest, size) = layer::encrypt(reader, writer, desc.digest.clone())?;
    let private = serde_json::to_vec(&private).expect("the options serialise");
    let public = serde_json::to_vec(&public).expect("the options serialise");
    let sealed = jwe::seal(&private, &keys.recipients);
    let mut encrypted = Descriptor::new(&format!("{}{SUFFIX}", desc.media_type), digest, size);
    encrypted.annotations = desc.annotations.clone();
    encrypted
        .annotations
        .insert(KEYS_JWE.to_string(), STANDARD.encode(sealed));
    encrypted
        .annotations
        .insert(PUBOPTS.to_string(), STANDARD.encode(public));
    Ok(encrypted)
}

/// What opens one encrypted layer: its options, unsealed with one of the user's keys.
pub struct LayerKey {
    private: layer::PrivateOptions,
    public: layer::PublicOptions,
}

impl LayerKey {
    /// Unseals the options in `desc`'s annotations with the first of `keys` that fits.
    pub fn open(desc: &Descriptor, keys: &DecryptionKeys) -> Result<LayerKey, CryptError> {
        let digest = || desc.digest.clone();
        if keys.is_empty() {
            return Err(CryptError::NeedKey { digest: digest() });
        }
        let sealed = desc
            .annotations
            .get(KEYS_JWE)
            .ok_or_else(|| CryptError::NotJwe { digest: digest() })?;
        let bad = |annotation, detail: String| CryptError::Annotation {
            digest: digest(),
            annotation,
            detail,
        };
        let mut last = None;
        let mut private = None;
        for part in sealed.split(',') {
            let jwe = STANDARD
                .decode(part.trim())
                .map_err(|e| bad(KEYS_JWE, e.to_string()))?;
            match jwe::open(&jwe, &keys.keys) {
                Ok(opened) => {
                    private = Some(opened);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let private = private.ok_or_else(|| CryptError::Jwe {
            digest: digest(),
            source: last.unwrap_or(jwe::JweError::NoKey),
        })?;
        let private: layer::PrivateOptions =
            serde_json::from_slice(&private).map_err(|e| bad(KEYS_JWE, e.to_string()))?;
        let public = desc
            .annotations
            .get(PUBOPTS)
            .ok_or_else(|| bad(PUBOPTS, "missing".into()))?;
        let public = STANDARD
            .decode(public)
            .map_err(|e| bad(PUBOPTS, e.to_string()))?;
        let public: layer::PublicOptions =
            serde_json::from_slice(&public).map_err(|e| bad(PUBOPTS, e.to_string()))?;
        Ok(LayerKey { private, public })
    }

    /// The blob's plaintext, read from its encrypted bytes; checked at its end.
    pub fn decrypting<R: Read>(
        &self,
        encrypted: R,
        digest: &Digest,
    ) -> Result<impl Read + use<R>, CryptError> {
        layer::Decrypting::new(encrypted, &self.private, &self.public).map_err(|source| {
            CryptError::Cipher {
                digest: digest.clone(),
                source,
            }
        })
    }

    /// The descriptor of the plaintext blob (CTR keeps the length): what a later push of the
    /// image compares with the registry's blobs, so the decrypted image is pushed as such.
    pub fn plain_descriptor(&self, encrypted: &Descriptor) -> Descriptor {
        let mut plain = encrypted.clone();
        plain.media_type = encrypted
            .media_type
            .strip_suffix(SUFFIX)
            .unwrap_or(&encrypted.media_type)
            .to_string();
        plain.digest = self.private.digest.clone();
        plain
            .annotations
            .retain(|k, _| !k.starts_with("org.opencontainers.image.enc."));
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_indexes_count_from_either_end_and_out_of_range_is_refused() {
        let with = |layers: Vec<i64>| Encryption {
            keys: EncryptionKeys::default(),
            layers,
        };
        assert_eq!(with(vec![]).selected(3).unwrap(), [true, true, true]);
        assert_eq!(with(vec![0, -1]).selected(3).unwrap(), [true, false, true]);
        assert_eq!(with(vec![-3]).selected(3).unwrap(), [true, false, false]);
        let err = with(vec![3]).selected(3).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--encrypt-layer 3: the image has 3 layers (0 is the first, -1 the last)"
        );
        assert!(with(vec![-4]).selected(3).is_err());
    }
}
