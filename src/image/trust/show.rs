//! `image trust show`: the policy in force as podman lists it, one row per scope.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::gpg::Keyring;
use super::lookaside::Lookaside;
use super::policy::{DOCKER, IMPLICIT, Keys, Policy, Requirement};
use super::{TrustError, TrustFiles};

/// podman's `trust show --json` element.
#[derive(Debug, Serialize)]
pub struct Row {
    pub transport: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub repo_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sigstore: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub gpg_id: String,
}

/// The policy file shown (none: rpod's implicit policy), its text and its rows.
pub struct Shown {
    pub path: Option<PathBuf>,
    pub raw: Vec<u8>,
    pub rows: Vec<Row>,
}

/// Reads the policy `path` names, else the one in force.
pub fn show(files: &TrustFiles, path: Option<&Path>) -> Result<Shown, TrustError> {
    let path = path
        .map(Path::to_path_buf)
        .or_else(|| files.policy_in_use().cloned());
    let raw = match &path {
        Some(p) => std::fs::read(p).map_err(|source| TrustError::Read {
            path: p.display().to_string(),
            source,
        })?,
        None => IMPLICIT.as_bytes().to_vec(),
    };
    let shown = path
        .as_ref()
        .map_or("(implicit)".to_string(), |p| p.display().to_string());
    let policy = Policy::parse(&raw, &shown)?;
    let lookaside = Lookaside::load(files)?;
    let mut rows = vec![row("all", "* (default)", "default", &policy.default, "")];
    if let Some(scopes) = policy.transports.get(DOCKER) {
        for (scope, reqs) in scopes {
            let store = lookaside.shown_for_scope(scope);
            rows.push(row("repository", scope, scope, reqs, &store));
        }
    }
    for (transport, scopes) in policy.transports.iter().filter(|(t, _)| *t != DOCKER) {
        for (scope, reqs) in scopes {
            rows.push(row(transport, scope, scope, reqs, ""));
        }
    }
    Ok(Shown { path, raw, rows })
}

fn row(transport: &str, name: &str, repo_name: &str, reqs: &[Requirement], store: &str) -> Row {
    let kind = match reqs.first() {
        Some(Requirement::InsecureAcceptAnything) => "accept",
        Some(Requirement::Reject) => "reject",
        Some(Requirement::SignedBy(_)) => "signed",
        Some(Requirement::SigstoreSigned(_)) => "sigstoreSigned",
        None => "",
    };
    let ids: Vec<String> = reqs
        .iter()
        .filter_map(|r| match r {
            Requirement::SignedBy(s) => Some(key_ids(s.keys())),
            _ => None,
        })
        .collect();
    Row {
        transport: transport.to_string(),
        name: name.to_string(),
        repo_name: repo_name.to_string(),
        sigstore: if kind == "signed" {
            store.to_string()
        } else {
            String::new()
        },
        kind: kind.to_string(),
        gpg_id: ids.join(", "),
    }
}

/// The keys' user ids; a key that cannot be read is named by its file and why.
fn key_ids(keys: Result<Keys, String>) -> String {
    let files = match &keys {
        Ok(Keys::Files(files)) => files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        _ => "keyData".to_string(),
    };
    match keys
        .map_err(TrustError::Invalid)
        .and_then(|k| Keyring::new(&k))
        .and_then(|ring| ring.user_ids())
    {
        Ok(ids) if !ids.is_empty() => ids.join(", "),
        Ok(_) => format!("{files} (no key in it)"),
        Err(e) => format!("{files} ({e})"),
    }
}
