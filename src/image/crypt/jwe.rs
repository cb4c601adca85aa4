//! JWE (RFC 7516) in its JSON serialization, as ocicrypt's `enc.keys.jwe` annotation holds
//! it: the layer's private options encrypted with A256GCM under a content key, and that key
//! wrapped for each recipient with RSA-OAEP. Read in both the general form (`recipients`)
//! and the flattened one (one recipient at the top, as go-jose writes a single recipient).

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use rsa::rand_core::OsRng;
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, thiserror::Error)]
pub enum JweError {
    #[error("malformed JWE: {0}")]
    Malformed(String),
    #[error("JWE content encryption {0:?} is not supported (rpod reads A256GCM)")]
    Encryption(String),
    #[error("none of the --decryption-key keys opens the layer's key")]
    NoKey,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Recipient {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    header: Option<Map<String, Value>>,
    #[serde(default)]
    encrypted_key: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Jwe {
    protected: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unprotected: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    recipients: Vec<Recipient>,
    /// The flattened form's single recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    header: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    encrypted_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    aad: Option<String>,
    iv: String,
    ciphertext: String,
    tag: String,
}

const ENC: &str = "A256GCM";
const RSA_OAEP: &str = "RSA-OAEP";
const RSA_OAEP_256: &str = "RSA-OAEP-256";

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the kernel's random source works");
    bytes
}

/// Encrypts `plaintext` for every recipient (RSA-OAEP, as ocicrypt does for RSA keys).
pub fn seal(plaintext: &[u8], recipients: &[RsaPublicKey]) -> String {
    let protected = B64.encode(serde_json::json!({ "enc": ENC }).to_string());
    let cek: [u8; 32] = random();
    let iv: [u8; 12] = random();
    let mut ciphertext = plaintext.to_vec();
    let tag = Aes256Gcm::new(&cek.into())
        .encrypt_in_place_detached(
            Nonce::from_slice(&iv),
            protected.as_bytes(),
            &mut ciphertext,
        )
        .expect("AES-GCM encrypts any message under 64 GiB");
    let recipients = recipients
        .iter()
        .map(|key| {
            let wrapped = key
                .encrypt(&mut OsRng, Oaep::new::<sha1::Sha1>(), &cek)
                .expect("an RSA key of 1024 bits or more wraps 32 bytes");
            let mut header = Map::new();
            header.insert("alg".into(), RSA_OAEP.into());
            Recipient {
                header: Some(header),
                encrypted_key: B64.encode(wrapped),
            }
        })
        .collect();
    let jwe = Jwe {
        protected,
        unprotected: None,
        recipients,
        header: None,
        encrypted_key: None,
        aad: None,
        iv: B64.encode(iv),
        ciphertext: B64.encode(&ciphertext),
        tag: B64.encode(tag),
    };
    serde_json::to_string(&jwe).expect("a JWE serialises")
}

fn decode(field: &str, text: &str) -> Result<Vec<u8>, JweError> {
    B64.decode(text.trim_end_matches('='))
        .map_err(|e| JweError::Malformed(format!("{field}: {e}")))
}

/// Opens `jwe` with the first key that unwraps its content key for some recipient.
pub fn open(jwe: &[u8], keys: &[RsaPrivateKey]) -> Result<Vec<u8>, JweError> {
    let jwe: Jwe = serde_json::from_slice(jwe).map_err(|e| JweError::Malformed(e.to_string()))?;
    let protected: Map<String, Value> =
        serde_json::from_slice(&decode("protected", &jwe.protected)?)
            .map_err(|e| JweError::Malformed(format!("protected header: {e}")))?;
    let shared = jwe.unprotected.clone().unwrap_or_default();
    let header_value = |recipient: &Recipient, name: &str| -> Option<String> {
        [recipient.header.as_ref(), Some(&protected), Some(&shared)]
            .into_iter()
            .flatten()
            .find_map(|h| h.get(name)?.as_str().map(str::to_string))
    };
    let mut recipients = jwe.recipients;
    if let Some(encrypted_key) = jwe.encrypted_key {
        recipients.push(Recipient {
            header: jwe.header,
            encrypted_key,
        });
    }
    let cek = recipients
        .iter()
        .find_map(|recipient| {
            let wrapped = decode("encrypted_key", &recipient.encrypted_key).ok()?;
            let alg = header_value(recipient, "alg")?;
            keys.iter().find_map(|key| {
                let padding = match alg.as_str() {
                    RSA_OAEP => Oaep::new::<sha1::Sha1>(),
                    RSA_OAEP_256 => Oaep::new::<rsa::sha2::Sha256>(),
                    _ => return None,
                };
                key.decrypt(padding, &wrapped).ok()
            })
        })
        .ok_or(JweError::NoKey)?;
    let enc = protected
        .get("enc")
        .or_else(|| shared.get("enc"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    if enc != ENC {
        return Err(JweError::Encryption(enc.to_string()));
    }
    if protected.contains_key("zip") {
        return Err(JweError::Malformed("compressed (zip) content".into()));
    }
    let cek: [u8; 32] = cek
        .as_slice()
        .try_into()
        .map_err(|_| JweError::Malformed("the content key is not 32 bytes".into()))?;
    let iv = decode("iv", &jwe.iv)?;
    if iv.len() != 12 {
        return Err(JweError::Malformed("the iv is not 12 bytes".into()));
    }
    let tag = decode("tag", &jwe.tag)?;
    if tag.len() != 16 {
        return Err(JweError::Malformed("the tag is not 16 bytes".into()));
    }
    let aad = match &jwe.aad {
        Some(aad) => format!("{}.{aad}", jwe.protected),
        None => jwe.protected.clone(),
    };
    let mut plaintext = decode("ciphertext", &jwe.ciphertext)?;
    Aes256Gcm::new(&cek.into())
        .decrypt_in_place_detached(
            Nonce::from_slice(&iv),
            aad.as_bytes(),
            &mut plaintext,
            Tag::from_slice(&tag),
        )
        .map_err(|_| JweError::Malformed("the content fails its authentication tag".into()))?;
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> RsaPrivateKey {
        RsaPrivateKey::new(&mut OsRng, 2048).unwrap()
    }

    #[test]
    fn each_recipient_opens_it_and_a_stranger_does_not() {
        let (a, b, stranger) = (key(), key(), key());
        let sealed = seal(b"secret options", &[a.to_public_key(), b.to_public_key()]);
        let parsed: Value = serde_json::from_str(&sealed).unwrap();
        assert_eq!(parsed["recipients"].as_array().unwrap().len(), 2);
        assert_eq!(parsed["recipients"][0]["header"]["alg"], "RSA-OAEP");
        assert_eq!(
            open(sealed.as_bytes(), std::slice::from_ref(&b)).unwrap(),
            b"secret options"
        );
        assert_eq!(
            open(sealed.as_bytes(), &[stranger.clone(), a]).unwrap(),
            b"secret options"
        );
        assert!(matches!(
            open(sealed.as_bytes(), &[stranger]),
            Err(JweError::NoKey)
        ));
    }

    #[test]
    fn the_flattened_form_with_alg_in_the_protected_header_opens() {
        let k = key();
        let general: Value = serde_json::from_str(&seal(b"opts", &[k.to_public_key()])).unwrap();
        // Re-protect with alg inside: the tag covers the protected header, so reseal by hand.
        let protected = B64.encode(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#);
        let cek: [u8; 32] = random();
        let iv: [u8; 12] = random();
        let mut ct = b"opts".to_vec();
        let tag = Aes256Gcm::new(&cek.into())
            .encrypt_in_place_detached(Nonce::from_slice(&iv), protected.as_bytes(), &mut ct)
            .unwrap();
        let wrapped = k
            .to_public_key()
            .encrypt(&mut OsRng, Oaep::new::<sha1::Sha1>(), &cek)
            .unwrap();
        let flattened = serde_json::json!({
            "protected": protected,
            "encrypted_key": B64.encode(wrapped),
            "iv": B64.encode(iv),
            "ciphertext": B64.encode(&ct),
            "tag": B64.encode(tag),
        });
        assert!(general["recipients"].is_array());
        assert_eq!(
            open(flattened.to_string().as_bytes(), &[k]).unwrap(),
            b"opts"
        );
    }
}
