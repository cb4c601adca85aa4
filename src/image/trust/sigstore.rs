//! Sigstore signatures as registry attachments, the way cosign and containers/image keep them:
//! an OCI manifest tagged `sha256-HEX.sig` beside the signed manifest, each of whose layers is
//! one signature: the payload ([`payload::Kind::Sigstore`]) as the blob, the base64 ECDSA
//! signature of it in the layer annotation `dev.cosignproject.cosign/signature`.

use std::collections::BTreeMap;

use base64::Engine as _;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};

use super::TrustError;
use super::payload::{self, Claim};
use crate::ids::Digest;
use crate::image::manifest::{Descriptor, Document, Manifest, media};
use crate::image::reference::Reference;
use crate::image::registry::{RegistryError, Session};

const PAYLOAD_TYPE: &str = "application/vnd.dev.cosign.simplesigning.v1+json";
const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
/// A signature whose payload is larger is not read (cosign's payloads are a few hundred bytes).
const MAX_PAYLOAD: u64 = 1 << 20;

/// One attached signature, as read: not yet verified.
#[derive(Debug, Clone)]
pub struct Attached {
    pub payload: Vec<u8>,
    /// The annotation's value, base64 of an ASN.1 DER ECDSA signature of `payload`.
    pub signature: String,
}

/// Where the signatures of the manifest `digest` of `reference`'s repository are attached.
fn attachment_reference(reference: &Reference, digest: &Digest) -> Reference {
    Reference {
        tag: Some(format!("sha256-{}.sig", digest.hex())),
        digest: None,
        ..reference.clone()
    }
}

/// The attached signatures of `digest`, none when nothing is attached.
pub async fn read(
    session: &Session,
    reference: &Reference,
    digest: &Digest,
) -> Result<Vec<Attached>, TrustError> {
    let at = attachment_reference(reference, digest);
    let Some(manifest) = attachments_manifest(session, &at).await? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for layer in manifest
        .layers
        .iter()
        .filter(|l| l.media_type == PAYLOAD_TYPE)
    {
        // A layer without the annotation is another kind of attachment, not a signature.
        let Some(signature) = layer.annotations.get(SIGNATURE_ANNOTATION) else {
            continue;
        };
        if layer.size > MAX_PAYLOAD {
            return Err(TrustError::Rejected(format!(
                "a sigstore signature payload of {} bytes is larger than {MAX_PAYLOAD}",
                layer.size
            )));
        }
        out.push(Attached {
            payload: session.small_blob(&at, layer).await?,
            signature: signature.clone(),
        });
    }
    Ok(out)
}

async fn attachments_manifest(
    session: &Session,
    at: &Reference,
) -> Result<Option<Manifest>, TrustError> {
    let (bytes, digest) = match session.manifest(at).await {
        Ok(found) => found,
        Err(RegistryError::ManifestUnknown { .. }) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    match Document::parse(&bytes, None, &digest) {
        Ok(Document::Manifest(m)) => Ok(Some(*m)),
        Ok(Document::Index(_)) => Err(TrustError::Invalid(format!(
            "{at}: the sigstore attachments are an index, not a manifest"
        ))),
        Err(e) => Err(TrustError::Invalid(format!("{at}: {e}"))),
    }
}

/// The claim of `attached` once its signature verifies with one of `keys`; else why not.
pub fn verify(keys: &[VerifyingKey], attached: &Attached) -> Result<Claim, String> {
    let der = base64::engine::general_purpose::STANDARD
        .decode(attached.signature.trim())
        .map_err(|e| format!("the signature annotation is not base64: {e}"))?;
    let signature = DerSignature::try_from(der.as_slice())
        .map_err(|e| format!("the signature is not an ASN.1 ECDSA signature: {e}"))?;
    if !keys
        .iter()
        .any(|k| k.verify(&attached.payload, &signature).is_ok())
    {
        return Err(
            "cryptographic signature verification failed: no key of the policy \
                    made this signature"
                .into(),
        );
    }
    payload::parse(payload::Kind::Sigstore, &attached.payload)
}

/// Signs manifest `digest` as `reference` with `key` and attaches the signature in the
/// registry, after those already attached.
pub async fn attach(
    session: &Session,
    reference: &Reference,
    digest: &Digest,
    key: &SigningKey,
) -> Result<(), TrustError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let body = payload::make(payload::Kind::Sigstore, reference, digest, now);
    let signature: DerSignature = key.sign(&body);
    let at = attachment_reference(reference, digest);
    let mut layers = attachments_manifest(session, &at)
        .await?
        .map(|m| m.layers)
        .unwrap_or_default();
    let mut layer = Descriptor::new(PAYLOAD_TYPE, Digest::of(&body), body.len() as u64);
    layer.annotations = BTreeMap::from([(
        SIGNATURE_ANNOTATION.to_string(),
        base64::engine::general_purpose::STANDARD.encode(signature.as_bytes()),
    )]);
    layers.push(layer);
    upload(session, &at, &body).await?;
    // cosign's config: an empty image whose layers are the signatures.
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": "",
        "os": "",
        "config": {},
        "rootfs": {
            "type": "layers",
            "diff_ids": layers.iter().map(|l| l.digest.to_string()).collect::<Vec<_>>(),
        },
    }))
    .expect("a config serialises");
    upload(session, &at, &config).await?;
    let manifest = Manifest::oci(&Digest::of(&config), config.len() as u64, layers);
    let bytes = serde_json::to_vec(&manifest).expect("a manifest serialises");
    session
        .push_manifest(&at, bytes, media::OCI_MANIFEST)
        .await?;
    Ok(())
}

async fn upload(session: &Session, at: &Reference, bytes: &[u8]) -> Result<(), TrustError> {
    let digest = Digest::of(bytes);
    session
        .push_small_blob(at, &digest, bytes::Bytes::copy_from_slice(bytes))
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        SigningKey::from_slice(&[7u8; 32]).unwrap()
    }

    #[test]
    fn a_signature_verifies_only_with_its_key_and_over_its_payload() {
        let r = Reference::parse_docker("localhost:5000/app:v1").unwrap();
        let d = Digest::of(b"manifest");
        let body = payload::make(payload::Kind::Sigstore, &r, &d, 1);
        let sig: DerSignature = key().sign(&body);
        let attached = Attached {
            payload: body.clone(),
            signature: base64::engine::general_purpose::STANDARD.encode(sig.as_bytes()),
        };
        let claim = verify(&[*key().verifying_key()], &attached).unwrap();
        assert_eq!(claim.manifest_digest, d);
        let other = SigningKey::from_slice(&[9u8; 32]).unwrap();
        assert!(verify(&[*other.verifying_key()], &attached).is_err());
        let mut tampered = attached.clone();
        tampered.payload = payload::make(payload::Kind::Sigstore, &r, &Digest::of(b"x"), 1);
        assert!(verify(&[*key().verifying_key()], &tampered).is_err());
        assert_eq!(
            attachment_reference(&r, &d).tag.unwrap(),
            format!("sha256-{}.sig", d.hex())
        );
    }
}
