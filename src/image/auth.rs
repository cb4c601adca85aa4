//! Registry credentials, read from (and written to) the files podman and docker use:
//! podman's auth.json first, then docker's config.json, including credential helpers.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

use crate::state::atomic;

/// Docker Hub's key in docker's config.json.
const DOCKER_HUB_LEGACY_KEY: &str = "https://index.docker.io/v1/";

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("cannot read credentials {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("invalid credentials file {}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    #[error("invalid credentials for {registry} in {}: the auth field is not base64 of user:password", path.display())]
    BadAuthField { registry: String, path: PathBuf },
    #[error("credential helper docker-credential-{helper} failed for {registry}: {message}")]
    Helper {
        helper: String,
        registry: String,
        message: String,
    },
    #[error("cannot write credentials {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("not logged into {registry}")]
    NotLoggedIn { registry: String },
}

#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, <redacted>)", self.username)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct AuthFile {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    auths: BTreeMap<String, AuthEntry>,
    #[serde(
        default,
        rename = "credHelpers",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    cred_helpers: BTreeMap<String, String>,
    #[serde(
        default,
        rename = "credsStore",
        skip_serializing_if = "Option::is_none"
    )]
    creds_store: Option<String>,
    /// Everything else docker keeps in config.json survives our rewrite.
    #[serde(flatten)]
    other: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct AuthEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    auth: Option<String>,
    #[serde(flatten)]
    other: BTreeMap<String, serde_json::Value>,
}

fn load(path: &Path) -> Result<Option<AuthFile>, AuthError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(AuthError::Read {
                path: path.into(),
                source,
            });
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Some(AuthFile::default()));
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| AuthError::Parse {
            path: path.into(),
            message: e.to_string(),
        })
}

/// The keys under which credentials for `registry/repository` may be stored, most specific
/// first (podman allows per-namespace entries).
fn lookup_keys(registry: &str, repository: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut path = format!("{registry}/{repository}");
    loop {
        keys.push(path.clone());
        match path.rfind('/') {
            Some(i) => path.truncate(i),
            None => break,
        }
    }
    if registry == "docker.io" {
        keys.push(DOCKER_HUB_LEGACY_KEY.to_string());
        keys.push("index.docker.io".to_string());
    }
    keys
}

fn decode(registry: &str, path: &Path, auth: &str) -> Result<Credentials, AuthError> {
    let bad = || AuthError::BadAuthField {
        registry: registry.to_string(),
        path: path.into(),
    };
    let raw = B64.decode(auth.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (user, pass) = text.split_once(':').ok_or_else(bad)?;
    Ok(Credentials {
        username: user.to_string(),
        password: pass.to_string(),
    })
}

fn from_helper(helper: &str, registry: &str) -> Result<Option<Credentials>, AuthError> {
    #[derive(Deserialize)]
    struct HelperReply {
        #[serde(rename = "Username")]
        username: String,
        #[serde(rename = "Secret")]
        secret: String,
    }
    let fail = |message: String| AuthError::Helper {
        helper: helper.to_string(),
        registry: registry.to_string(),
        message,
    };
    let mut child = Command::new(format!("docker-credential-{helper}"))
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(registry.as_bytes())
            .map_err(|e| fail(e.to_string()))?;
    }
    let out = child.wait_with_output().map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        // Helpers say this when they simply hold nothing for the registry.
        if text.contains("credentials not found") {
            return Ok(None);
        }
        return Err(fail(text.trim().to_string()));
    }
    let reply: HelperReply =
        serde_json::from_slice(&out.stdout).map_err(|e| fail(format!("invalid reply: {e}")))?;
    Ok(Some(Credentials {
        username: reply.username,
        password: reply.secret,
    }))
}

fn find_in(
    file: &AuthFile,
    path: &Path,
    registry: &str,
    repository: &str,
) -> Result<Option<Credentials>, AuthError> {
    for key in lookup_keys(registry, repository) {
        if let Some(helper) = file.cred_helpers.get(&key) {
            return from_helper(helper, &key);
        }
        if let Some(auth) = file.auths.get(&key).and_then(|e| e.auth.as_deref()) {
            return decode(registry, path, auth).map(Some);
        }
    }
    match &file.creds_store {
        Some(helper) => from_helper(helper, registry),
        None => Ok(None),
    }
}

/// Credentials for `registry/repository`, from the first file that has some.
pub fn lookup(
    files: &[PathBuf],
    registry: &str,
    repository: &str,
) -> Result<Option<Credentials>, AuthError> {
    for path in files {
        if let Some(file) = load(path)?
            && let Some(creds) = find_in(&file, path, registry, repository)?
        {
            return Ok(Some(creds));
        }
    }
    Ok(None)
}

fn save(path: &Path, file: &AuthFile) -> Result<(), AuthError> {
    use std::os::unix::fs::PermissionsExt;
    let write_err = |source| AuthError::Write {
        path: path.into(),
        source,
    };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(write_err)?;
    }
    let mut bytes = serde_json::to_vec_pretty(file).map_err(|e| write_err(io::Error::other(e)))?;
    bytes.push(b'\n');
    atomic::write(path, &bytes).map_err(write_err)?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(write_err)
}

/// Stores credentials for `key` (a registry, or registry/namespace) in `path`.
pub fn store(path: &Path, key: &str, creds: &Credentials) -> Result<(), AuthError> {
    let mut file = load(path)?.unwrap_or_default();
    let auth = B64.encode(format!("{}:{}", creds.username, creds.password));
    file.auths.insert(
        key.to_string(),
        AuthEntry {
            auth: Some(auth),
            other: BTreeMap::new(),
        },
    );
    save(path, &file)
}

/// Removes the credentials for `key` from `path`.
pub fn remove(path: &Path, key: &str) -> Result<(), AuthError> {
    let mut file = load(path)?.unwrap_or_default();
    if file.auths.remove(key).is_none() {
        return Err(AuthError::NotLoggedIn {
            registry: key.to_string(),
        });
    }
    save(path, &file)
}

/// Removes every stored credential from `path`; a missing file has none to remove.
pub fn remove_all(path: &Path) -> Result<(), AuthError> {
    match load(path)? {
        Some(mut file) => {
            file.auths.clear();
            save(path, &file)
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rpod-auth-{}-{name}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        dir.join("auth.json")
    }

    #[test]
    fn store_lookup_remove_round_trip_keeps_other_keys() {
        let path = tmp("rt");
        fs::write(&path, r#"{"auths":{},"detachKeys":"ctrl-x"}"#).unwrap();
        let creds = Credentials {
            username: "u".into(),
            password: "p:w".into(),
        };
        store(&path, "127.0.0.1:5000", &creds).unwrap();
        let found = lookup(std::slice::from_ref(&path), "127.0.0.1:5000", "a/b").unwrap();
        assert_eq!(found, Some(creds));
        assert!(fs::read_to_string(&path).unwrap().contains("detachKeys"));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );

        remove(&path, "127.0.0.1:5000").unwrap();
        assert_eq!(
            lookup(std::slice::from_ref(&path), "127.0.0.1:5000", "a/b").unwrap(),
            None
        );
        assert!(matches!(
            remove(&path, "127.0.0.1:5000"),
            Err(AuthError::NotLoggedIn { .. })
        ));
        fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn namespace_entries_and_docker_hub_legacy_key() {
        let path = tmp("ns");
        let enc = |s: &str| B64.encode(s);
        fs::write(
            &path,
            format!(
                r#"{{"auths":{{"quay.io/team":{{"auth":"{}"}},"quay.io":{{"auth":"{}"}},"https://index.docker.io/v1/":{{"auth":"{}"}}}}}}"#,
                enc("team:1"),
                enc("any:2"),
                enc("hub:3")
            ),
        )
        .unwrap();
        let files = [path.clone()];
        let user = |reg, repo| lookup(&files, reg, repo).unwrap().unwrap().username;
        assert_eq!(user("quay.io", "team/app"), "team");
        assert_eq!(user("quay.io", "other/app"), "any");
        assert_eq!(user("docker.io", "library/busybox"), "hub");
        fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }

    #[test]
    fn broken_files_name_themselves() {
        let path = tmp("bad");
        fs::write(&path, "{not json").unwrap();
        let err = lookup(std::slice::from_ref(&path), "r", "x")
            .unwrap_err()
            .to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        fs::write(&path, r#"{"auths":{"r":{"auth":"!!"}}}"#).unwrap();
        let err = lookup(std::slice::from_ref(&path), "r", "x")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not base64"), "{err}");
        fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
