//! Enforcement: whether the policy accepts an image pulled as a reference, whose manifest has a
//! digest, given the signatures its lookaside storage holds for that digest. Called by the
//! one pull function before the image's config or layers are fetched.

use super::gpg::Keyring;
use super::lookaside::{self, Location, Lookaside};
use super::policy::{
    Policy, Requirement, SignedBy, SignedIdentity, SigstoreKeys, SigstoreSigned, identity_accepts,
};
use super::sigstore::{self, Attached};
use super::{TrustError, TrustFiles};
use super::{payload, sigstore_key};
use crate::ids::Digest;
use crate::image::reference::Reference;
use crate::image::registry::Session;

/// The policy and the signature storage configuration, read once before a pull's I/O.
#[derive(Debug)]
pub struct Trust {
    policy: Policy,
    lookaside: Lookaside,
}

impl Trust {
    pub fn load(files: &TrustFiles) -> Result<Trust, TrustError> {
        Ok(Trust {
            policy: Policy::load(files)?.0,
            lookaside: Lookaside::load(files)?,
        })
    }
}

/// Accepts or rejects the image `reference` names, whose manifest (for the platform pulled)
/// has `digest`. Every requirement of the most specific scope must hold.
pub async fn check(
    trust: &Trust,
    session: &Session,
    reference: &Reference,
    digest: &Digest,
) -> Result<(), TrustError> {
    let mut signatures: Option<Vec<Vec<u8>>> = None;
    let mut attached: Option<Vec<Attached>> = None;
    for requirement in trust.policy.requirements_for(reference) {
        match requirement {
            Requirement::InsecureAcceptAnything => {}
            Requirement::Reject => {
                return Err(TrustError::Rejected(format!(
                    "Running image docker://{reference} is rejected by policy."
                )));
            }
            Requirement::SigstoreSigned(rule) => {
                if attached.is_none() {
                    attached = Some(if trust.lookaside.uses_attachments(reference) {
                        sigstore::read(session, reference, digest).await?
                    } else {
                        Vec::new()
                    });
                }
                let found = attached.as_deref().unwrap_or_default();
                accept_sigstore(rule, found, reference, digest).map_err(TrustError::Rejected)?;
            }
            Requirement::SignedBy(rule) => {
                if signatures.is_none() {
                    signatures = Some(fetch(trust, session, reference, digest).await?);
                }
                let found = signatures.as_deref().unwrap_or_default();
                accept_one(rule, found, reference, digest).map_err(TrustError::Rejected)?;
            }
        }
    }
    Ok(())
}

/// Whether at least one of `signatures` satisfies `rule`; else why none did.
fn accept_one(
    rule: &SignedBy,
    signatures: &[Vec<u8>],
    reference: &Reference,
    digest: &Digest,
) -> Result<(), String> {
    if signatures.is_empty() {
        return Err("A signature was required, but no signature exists".into());
    }
    let keys = rule.keys()?;
    let keyring = Keyring::new(&keys).map_err(|e| e.to_string())?;
    let mut reasons = Vec::new();
    for signature in signatures {
        match accepts(&keyring, rule, signature, reference, digest) {
            Ok(()) => return Ok(()),
            Err(reason) => reasons.push(reason),
        }
    }
    Err(format!(
        "None of the signatures were accepted, reasons: {}",
        reasons.join("; ")
    ))
}

/// Whether one of the attached sigstore signatures satisfies `rule`; else why none did.
fn accept_sigstore(
    rule: &SigstoreSigned,
    attached: &[Attached],
    reference: &Reference,
    digest: &Digest,
) -> Result<(), String> {
    let texts = match rule.keys()? {
        SigstoreKeys::Keyless => {
            return Err(format!(
                "the policy for {reference} accepts keyless sigstore signatures (fulcio or \
                 pki), which rpod cannot verify: it verifies signatures made with a key \
                 (keyPath, keyPaths, keyData, keyDatas)"
            ));
        }
        _ if rule.wants_rekor() => {
            return Err(format!(
                "the policy for {reference} requires a Rekor log entry, which rpod cannot \
                 verify"
            ));
        }
        SigstoreKeys::Files(paths) => paths
            .iter()
            .map(|p| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display())))
            .collect::<Result<Vec<_>, _>>()?,
        SigstoreKeys::Data(data) => data,
    };
    let keys = texts
        .iter()
        .map(|t| sigstore_key::public_key(t))
        .collect::<Result<Vec<_>, _>>()?;
    if attached.is_empty() {
        return Err("A signature was required, but no signature exists".into());
    }
    let mut reasons = Vec::new();
    for one in attached {
        let claim = match sigstore::verify(&keys, one) {
            Ok(claim) => claim,
            Err(reason) => {
                reasons.push(reason);
                continue;
            }
        };
        match check_claim(&claim, &rule.signed_identity, reference, digest) {
            Ok(()) => return Ok(()),
            Err(reason) => reasons.push(reason),
        }
    }
    Err(format!(
        "None of the signatures were accepted, reasons: {}",
        reasons.join("; ")
    ))
}

/// The OpenPGP signature first; the payload is read only once it is verified.
fn accepts(
    keyring: &Keyring,
    rule: &SignedBy,
    signature: &[u8],
    reference: &Reference,
    digest: &Digest,
) -> Result<(), String> {
    let payload = keyring.verify(signature)?;
    let claim = payload::parse(payload::Kind::Simple, &payload)?;
    check_claim(&claim, &rule.signed_identity, reference, digest)
}

/// Whether a verified claim names the manifest pulled, as an identity the policy accepts.
fn check_claim(
    claim: &payload::Claim,
    identity: &SignedIdentity,
    reference: &Reference,
    digest: &Digest,
) -> Result<(), String> {
    if claim.manifest_digest != *digest {
        return Err(format!(
            "Signature for docker digest {} does not match the manifest {digest}",
            claim.manifest_digest
        ));
    }
    if !identity_accepts(identity, reference, &claim.reference) {
        return Err(format!(
            "Signature for identity {} is not accepted",
            claim.reference
        ));
    }
    Ok(())
}

async fn fetch(
    trust: &Trust,
    session: &Session,
    reference: &Reference,
    digest: &Digest,
) -> Result<Vec<Vec<u8>>, TrustError> {
    match trust.lookaside.read_location(reference)? {
        None => Ok(Vec::new()),
        Some(Location::Dir(base)) => lookaside::read_dir_signatures(&base, reference, digest),
        Some(Location::Http(base)) => {
            let dir = format!("{base}/{}", lookaside::manifest_dir(reference, digest));
            let mut out = Vec::new();
            for n in 1.. {
                let url = format!("{dir}/signature-{n}");
                match session.get_signature(&url).await {
                    Ok(Some(sig)) => out.push(sig),
                    Ok(None) => break,
                    Err(reason) => {
                        return Err(TrustError::Fetch {
                            reference: reference.to_string(),
                            url,
                            reason,
                        });
                    }
                }
            }
            Ok(out)
        }
    }
}
