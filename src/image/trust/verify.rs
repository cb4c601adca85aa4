//! Enforcement: whether the policy accepts an image pulled as a reference, whose manifest has a
//! digest, given the signatures its lookaside storage holds for that digest. Called by the
//! one pull function before the image's config or layers are fetched.

use super::gpg::Keyring;
use super::lookaside::{self, Location, Lookaside};
use super::payload;
use super::policy::{Policy, Requirement, SignedBy, identity_accepts};
use super::{TrustError, TrustFiles};
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
    for requirement in trust.policy.requirements_for(reference) {
        match requirement {
            Requirement::InsecureAcceptAnything => {}
            Requirement::Reject => {
                return Err(TrustError::Rejected(format!(
                    "Running image docker://{reference} is rejected by policy."
                )));
            }
            Requirement::SigstoreSigned(_) => {
                return Err(TrustError::Rejected(format!(
                    "the policy for {reference} requires a sigstore signature \
                     (sigstoreSigned), which rpod cannot verify"
                )));
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

/// The OpenPGP signature first; the payload is read only once it is verified.
fn accepts(
    keyring: &Keyring,
    rule: &SignedBy,
    signature: &[u8],
    reference: &Reference,
    digest: &Digest,
) -> Result<(), String> {
    let payload = keyring.verify(signature)?;
    let claim = payload::parse(&payload)?;
    if claim.manifest_digest != *digest {
        return Err(format!(
            "Signature for docker digest {} does not match the manifest {digest}",
            claim.manifest_digest
        ));
    }
    if !identity_accepts(&rule.signed_identity, reference, &claim.reference) {
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
