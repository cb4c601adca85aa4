//! Sigstore's keys as cosign writes them and containers/image reads them: public keys in PEM
//! (`PUBLIC KEY`, an ECDSA P-256 key), and private keys in PEM as `ENCRYPTED SIGSTORE PRIVATE
//! KEY` (or the older `ENCRYPTED COSIGN PRIVATE KEY`): a JSON document whose PKCS#8 key is
//! sealed with NaCl's secretbox under a key derived from the passphrase by scrypt.

use base64::Engine as _;
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::{Nonce, XSalsa20Poly1305};
use p256::ecdsa::{SigningKey, VerifyingKey};
use p256::pkcs8::der::pem;
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey};
use serde::Deserialize;

const PRIVATE_LABELS: [&str; 2] = [
    "ENCRYPTED SIGSTORE PRIVATE KEY",
    "ENCRYPTED COSIGN PRIVATE KEY",
];

/// The public key of a PEM document; what is wrong with it otherwise.
pub fn public_key(pem_text: &[u8]) -> Result<VerifyingKey, String> {
    let text = std::str::from_utf8(pem_text).map_err(|_| "the key is not PEM text".to_string())?;
    VerifyingKey::from_public_key_pem(text.trim()).map_err(|e| {
        format!("not an ECDSA P-256 public key in PEM (PUBLIC KEY), which rpod verifies: {e}")
    })
}

#[derive(Deserialize)]
struct Sealed {
    kdf: Kdf,
    cipher: Cipher,
    ciphertext: String,
}

#[derive(Deserialize)]
struct Kdf {
    name: String,
    params: KdfParams,
    salt: String,
}

#[derive(Deserialize)]
struct KdfParams {
    #[serde(rename = "N")]
    n: u64,
    r: u32,
    p: u32,
}

#[derive(Deserialize)]
struct Cipher {
    name: String,
    nonce: String,
}

/// The signing key of an encrypted sigstore private key, opened with `passphrase`.
pub fn private_key(pem_text: &[u8], passphrase: &[u8]) -> Result<SigningKey, String> {
    let (label, body) =
        pem::decode_vec(pem_text).map_err(|e| format!("not a PEM document: {e}"))?;
    if !PRIVATE_LABELS.contains(&label) {
        return Err(format!(
            "a PEM {label:?}, not an encrypted sigstore private key ({})",
            PRIVATE_LABELS.join(" or ")
        ));
    }
    let sealed: Sealed =
        serde_json::from_slice(&body).map_err(|e| format!("its sealed key is invalid: {e}"))?;
    if sealed.kdf.name != "scrypt" || sealed.cipher.name != "nacl/secretbox" {
        return Err(format!(
            "sealed with {} and {}; rpod opens scrypt and nacl/secretbox",
            sealed.kdf.name, sealed.cipher.name
        ));
    }
    let b64 = |what: &str, text: &str| {
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|e| format!("its {what} is not base64: {e}"))
    };
    let salt = b64("salt", &sealed.kdf.salt)?;
    let nonce = b64("nonce", &sealed.cipher.nonce)?;
    let ciphertext = b64("ciphertext", &sealed.ciphertext)?;
    let KdfParams { n, r, p } = sealed.kdf.params;
    if !n.is_power_of_two() || n < 2 {
        return Err(format!("its scrypt N {n} is not a power of two"));
    }
    let params = scrypt::Params::new(n.trailing_zeros() as u8, r, p)
        .map_err(|e| format!("its scrypt parameters are invalid: {e}"))?;
    let mut key = [0u8; 32];
    scrypt::scrypt(passphrase, &salt, &params, &mut key)
        .map_err(|e| format!("scrypt failed: {e}"))?;
    if nonce.len() != 24 {
        return Err(format!("its nonce has {} bytes, not 24", nonce.len()));
    }
    let der = XSalsa20Poly1305::new(&key.into())
        .decrypt(Nonce::from_slice(&nonce), ciphertext.as_slice())
        .map_err(|_| "the passphrase is wrong (the key does not open)".to_string())?;
    SigningKey::from_pkcs8_der(&der)
        .map_err(|e| format!("the opened key is not an ECDSA P-256 private key: {e}"))
}
