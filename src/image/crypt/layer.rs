//! ocicrypt's layer cipher AES_256_CTR_HMAC_SHA256: AES-256 in CTR mode from a random 16-byte
//! initial counter block (its "nonce"), and an HMAC-SHA256 under the same key over the
//! ciphertext. The HMAC travels in the public options, so a tampered or truncated blob is
//! refused even though CTR alone would decrypt it to garbage silently.

use std::io::{self, Read, Write};

use aes::Aes256;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ctr::cipher::{KeyIvInit, StreamCipher};
use hmac::{KeyInit, Mac};
use serde::{Deserialize, Serialize};

use crate::ids::{Digest, Hasher};

type Ctr = ctr::Ctr128BE<Aes256>;
type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The only layer cipher ocicrypt defines.
pub const CIPHER: &str = "AES_256_CTR_HMAC_SHA256";

/// Go's `[]byte` in JSON: standard base64.
mod b64 {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = Option::<String>::deserialize(d)?.unwrap_or_default();
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

mod b64_map {
    use super::*;
    use serde::{Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, Vec<u8>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let encoded: BTreeMap<&str, String> = map
            .iter()
            .map(|(k, v)| (k.as_str(), STANDARD.encode(v)))
            .collect();
        encoded.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Vec<u8>>, D::Error> {
        let encoded = Option::<BTreeMap<String, String>>::deserialize(d)?.unwrap_or_default();
        encoded
            .into_iter()
            .map(|(k, v)| Ok((k, STANDARD.decode(v).map_err(serde::de::Error::custom)?)))
            .collect()
    }
}

/// What only the recipients may read (JWE-wrapped per recipient): the key, the counter
/// block, and the digest of the blob before encryption.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrivateOptions {
    #[serde(rename = "symkey", with = "b64")]
    pub key: Vec<u8>,
    pub digest: Digest,
    #[serde(rename = "cipheroptions", with = "b64_map")]
    pub cipher_options: std::collections::BTreeMap<String, Vec<u8>>,
}

/// What anyone may read (the `enc.pubopts` annotation).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublicOptions {
    pub cipher: String,
    #[serde(with = "b64")]
    pub hmac: Vec<u8>,
    #[serde(rename = "cipheroptions", with = "b64_map", default)]
    pub cipher_options: std::collections::BTreeMap<String, Vec<u8>>,
}

#[derive(Debug, thiserror::Error)]
pub enum CipherError {
    #[error("unsupported layer cipher {0:?} (rpod knows {CIPHER})")]
    Unsupported(String),
    #[error("the layer key is {0} bytes, AES-256 needs 32")]
    KeyLength(usize),
    #[error("the layer's counter block (nonce) is missing or not 16 bytes")]
    Nonce,
    #[error("the encrypted layer fails its HMAC check: the blob was altered or cut short")]
    Hmac,
    #[error("the decrypted layer has digest {actual}, its key says {expected}")]
    Digest { expected: Digest, actual: Digest },
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the kernel's random source works");
    bytes
}

/// Encrypts `plain` into `out` with a fresh key; returns the options that decrypt it and the
/// digest and size of what was written.
pub fn encrypt(
    mut plain: impl Read,
    mut out: impl Write,
    plain_digest: Digest,
) -> io::Result<(PrivateOptions, PublicOptions, Digest, u64)> {
    let key: [u8; 32] = random();
    let nonce: [u8; 16] = random();
    let mut ctr = Ctr::new(&key.into(), &nonce.into());
    let mut mac = HmacSha256::new_from_slice(&key).expect("HMAC takes any key length");
    let mut hasher = Hasher::default();
    let mut written = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = plain.read(&mut buf)?;
        if n == 0 {
            break;
        }
        ctr.apply_keystream(&mut buf[..n]);
        mac.update(&buf[..n]);
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        written += n as u64;
    }
    out.flush()?;
    let private = PrivateOptions {
        key: key.to_vec(),
        digest: plain_digest,
        cipher_options: [("nonce".to_string(), nonce.to_vec())].into(),
    };
    let public = PublicOptions {
        cipher: CIPHER.to_string(),
        hmac: mac.finalize().into_bytes().to_vec(),
        cipher_options: Default::default(),
    };
    Ok((private, public, hasher.finish(), written))
}

/// Reads the plaintext of an encrypted blob. The HMAC and the plaintext digest are checked
/// when the blob ends: the reader fails then, so a consumer must read to the end (the unpacker
/// drains its input for its own digest).
pub struct Decrypting<R> {
    inner: R,
    ctr: Ctr,
    mac: Option<HmacSha256>,
    expected_mac: Vec<u8>,
    hasher: Option<Hasher>,
    expected_digest: Digest,
}

impl<R: Read> Decrypting<R> {
    pub fn new(
        inner: R,
        private: &PrivateOptions,
        public: &PublicOptions,
    ) -> Result<Decrypting<R>, CipherError> {
        if public.cipher != CIPHER {
            return Err(CipherError::Unsupported(public.cipher.clone()));
        }
        let key: [u8; 32] = private
            .key
            .as_slice()
            .try_into()
            .map_err(|_| CipherError::KeyLength(private.key.len()))?;
        let nonce: [u8; 16] = private
            .cipher_options
            .get("nonce")
            .or_else(|| public.cipher_options.get("nonce"))
            .and_then(|n| n.as_slice().try_into().ok())
            .ok_or(CipherError::Nonce)?;
        Ok(Decrypting {
            inner,
            ctr: Ctr::new(&key.into(), &nonce.into()),
            mac: Some(HmacSha256::new_from_slice(&key).expect("HMAC takes any key length")),
            expected_mac: public.hmac.clone(),
            hasher: Some(Hasher::default()),
            expected_digest: private.digest.clone(),
        })
    }

    fn finish(&mut self) -> Result<(), CipherError> {
        if let Some(mac) = self.mac.take() {
            mac.verify_slice(&self.expected_mac)
                .map_err(|_| CipherError::Hmac)?;
        }
        if let Some(hasher) = self.hasher.take() {
            let actual = hasher.finish();
            if actual != self.expected_digest {
                return Err(CipherError::Digest {
                    expected: self.expected_digest.clone(),
                    actual,
                });
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Decrypting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.finish().map_err(io::Error::other)?;
            return Ok(0);
        }
        let Some(mac) = self.mac.as_mut() else {
            return Err(io::Error::other("read past the end of an encrypted layer"));
        };
        mac.update(&buf[..n]);
        self.ctr.apply_keystream(&mut buf[..n]);
        if let Some(hasher) = self.hasher.as_mut() {
            hasher.update(&buf[..n]);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(plain: &[u8]) -> (Vec<u8>, PrivateOptions, PublicOptions) {
        let mut sealed = Vec::new();
        let (private, public, digest, size) =
            encrypt(plain, &mut sealed, Digest::of(plain)).unwrap();
        assert_eq!(digest, Digest::of(&sealed));
        assert_eq!(size, sealed.len() as u64);
        (sealed, private, public)
    }

    #[test]
    fn a_blob_decrypts_to_what_was_encrypted_and_is_not_plain() {
        let plain = b"marker-of-the-plain-layer ".repeat(100_000);
        let (sealed, private, public) = roundtrip(&plain);
        assert_eq!(sealed.len(), plain.len());
        assert!(
            !sealed
                .windows(25)
                .any(|w| w == b"marker-of-the-plain-layer")
        );
        let mut opened = Vec::new();
        Decrypting::new(sealed.as_slice(), &private, &public)
            .unwrap()
            .read_to_end(&mut opened)
            .unwrap();
        assert_eq!(opened, plain);
    }

    #[test]
    fn an_altered_or_cut_blob_fails_its_hmac() {
        let (mut sealed, private, public) = roundtrip(b"some layer bytes");
        sealed[3] ^= 1;
        let err = Decrypting::new(sealed.as_slice(), &private, &public)
            .unwrap()
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("HMAC"), "{err}");
        let (sealed, private, public) = roundtrip(b"some layer bytes");
        let err = Decrypting::new(&sealed[..10], &private, &public)
            .unwrap()
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("HMAC"), "{err}");
    }

    #[test]
    fn options_use_ocicrypts_json_names() {
        let (_, private, public) = roundtrip(b"x");
        let private = serde_json::to_value(&private).unwrap();
        assert_eq!(private["symkey"].as_str().unwrap().len(), 44);
        assert!(private["cipheroptions"]["nonce"].is_string());
        assert!(private["digest"].as_str().unwrap().starts_with("sha256:"));
        let public = serde_json::to_value(&public).unwrap();
        assert_eq!(public["cipher"], CIPHER);
        assert!(public["hmac"].is_string());
    }
}
