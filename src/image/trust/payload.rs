//! The signed JSON document of a simple signature (containers-signature(5)) and of a sigstore
//! one (the same shape with cosign's type): which manifest
//! (`critical.image.docker-manifest-digest`) is claimed to be which image
//! (`critical.identity.docker-reference`). Parsed strictly: an unknown member of `critical`
//! or of the top level, or a wrong type, refuses the signature.

use serde::{Deserialize, Serialize};

use crate::ids::Digest;
use crate::image::reference::Reference;

/// Which kind of signature a payload is signed for: each names its own type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// OpenPGP simple signing.
    Simple,
    /// A sigstore signature attached to the image in its registry.
    Sigstore,
}

impl Kind {
    fn type_name(self) -> &'static str {
        match self {
            Kind::Simple => "atomic container signature",
            Kind::Sigstore => "cosign container image signature",
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    critical: Critical,
    /// An object; cosign writes `null` when it has nothing optional to say.
    optional: serde_json::Value,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Critical {
    identity: Identity,
    image: Image,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Identity {
    #[serde(rename = "docker-reference")]
    docker_reference: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Image {
    #[serde(rename = "docker-manifest-digest")]
    docker_manifest_digest: String,
}

/// What a verified signature claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub reference: Reference,
    pub manifest_digest: Digest,
}

/// The payload to sign: `reference` (fully qualified, with its tag) names the manifest
/// `digest`.
pub fn make(kind: Kind, reference: &Reference, digest: &Digest, timestamp: i64) -> Vec<u8> {
    let mut optional = serde_json::Map::new();
    optional.insert(
        "creator".into(),
        concat!("rpod ", env!("CARGO_PKG_VERSION")).into(),
    );
    optional.insert("timestamp".into(), timestamp.into());
    let doc = Document {
        critical: Critical {
            identity: Identity {
                docker_reference: reference.to_string(),
            },
            image: Image {
                docker_manifest_digest: digest.to_string(),
            },
            kind: kind.type_name().into(),
        },
        optional: optional.into(),
    };
    serde_json::to_vec(&doc).expect("a signature payload serialises")
}

/// The claim of a payload whose signature was verified.
pub fn parse(kind: Kind, bytes: &[u8]) -> Result<Claim, String> {
    let doc: Document =
        serde_json::from_slice(bytes).map_err(|e| format!("invalid signature payload: {e}"))?;
    let optional = match (&doc.optional, kind) {
        (serde_json::Value::Object(map), _) => Some(map),
        (serde_json::Value::Null, Kind::Sigstore) => None,
        _ => return Err("invalid signature payload: optional is not an object".into()),
    };
    if doc.critical.kind != kind.type_name() {
        return Err(format!(
            "unrecognized signature type {:?}",
            doc.critical.kind
        ));
    }
    if let Some(ts) = optional.and_then(|o| o.get("timestamp"))
        && !ts.is_i64()
    {
        return Err("invalid signature payload: optional.timestamp is not an integer".into());
    }
    let reference = Reference::parse_docker(&doc.critical.identity.docker_reference)
        .map_err(|e| format!("invalid signature payload: docker-reference: {e}"))?;
    let manifest_digest: Digest = doc
        .critical
        .image
        .docker_manifest_digest
        .parse()
        .map_err(|e| format!("invalid signature payload: docker-manifest-digest: {e}"))?;
    Ok(Claim {
        reference,
        manifest_digest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest() -> Digest {
        Digest::of(b"manifest")
    }

    #[test]
    fn a_made_payload_parses_back_to_its_claim() {
        let r = Reference::parse_docker("localhost:5000/ns/app:v1").unwrap();
        for kind in [Kind::Simple, Kind::Sigstore] {
            let claim = parse(kind, &make(kind, &r, &digest(), 1_700_000_000)).unwrap();
            assert_eq!(claim.reference, r);
            assert_eq!(claim.manifest_digest, digest());
        }
        let simple = make(Kind::Simple, &r, &digest(), 1);
        assert!(parse(Kind::Sigstore, &simple).unwrap_err().contains("type"));
    }

    #[test]
    fn unknown_critical_members_and_other_types_are_refused() {
        let d = digest();
        let extra = format!(
            r#"{{"critical":{{"identity":{{"docker-reference":"a.io/b:c"}},"image":{{"docker-manifest-digest":"{d}"}},"type":"atomic container signature","new":1}},"optional":{{}}}}"#
        );
        assert!(parse(Kind::Simple, extra.as_bytes()).is_err());
        let other = format!(
            r#"{{"critical":{{"identity":{{"docker-reference":"a.io/b:c"}},"image":{{"docker-manifest-digest":"{d}"}},"type":"cosign container image signature"}},"optional":{{}}}}"#
        );
        assert!(
            parse(Kind::Simple, other.as_bytes())
                .unwrap_err()
                .contains("type")
        );
        let no_optional = format!(
            r#"{{"critical":{{"identity":{{"docker-reference":"a.io/b:c"}},"image":{{"docker-manifest-digest":"{d}"}},"type":"atomic container signature"}}}}"#
        );
        assert!(parse(Kind::Simple, no_optional.as_bytes()).is_err());
    }

    #[test]
    fn cosign_s_null_optional_is_accepted_only_for_sigstore() {
        let d = digest();
        let doc = |kind: &str| {
            format!(
                r#"{{"critical":{{"identity":{{"docker-reference":"a.io/b"}},"image":{{"docker-manifest-digest":"{d}"}},"type":"{kind}"}},"optional":null}}"#
            )
        };
        let claim = parse(
            Kind::Sigstore,
            doc("cosign container image signature").as_bytes(),
        );
        assert_eq!(claim.unwrap().reference.name(), "a.io/b");
        let simple = doc("atomic container signature");
        assert!(parse(Kind::Simple, simple.as_bytes()).is_err());
    }

    #[test]
    fn unknown_optional_members_are_accepted() {
        let d = digest();
        let doc = format!(
            r#"{{"critical":{{"identity":{{"docker-reference":"docker.io/library/busybox:latest"}},"image":{{"docker-manifest-digest":"{d}"}},"type":"atomic container signature"}},"optional":{{"creator":"x","future":[1]}}}}"#
        );
        let claim = parse(Kind::Simple, doc.as_bytes()).unwrap();
        assert_eq!(claim.reference.repository, "library/busybox");
    }
}
