//! The cluster and credentials `kube apply` deploys with, from a kubeconfig file (kubectl's
//! format): the current context's cluster and user, or without a current context the first
//! context's (podman takes the first cluster). Files a kubeconfig names are relative to it.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::Deserialize;

use super::KubeError;

/// Where to deploy, and how to prove who we are: everything read before a request is sent.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// `https://HOST:PORT`, without a trailing slash.
    pub server: String,
    /// PEM certificates to trust instead of the system's; none: the system's.
    pub ca: Option<Vec<u8>>,
    /// `insecure-skip-tls-verify`, or `--ca-cert-file insecure`.
    pub insecure: bool,
    pub auth: Auth,
    /// The context's namespace, if it names one.
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    None,
    Bearer(String),
    Basic {
        username: String,
        password: String,
    },
    /// The client certificate and its key, PEM, one after the other.
    ClientCert(Vec<u8>),
}

/// `--ca-cert-file`: a PEM file, or `insecure` to verify nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaCert {
    File(PathBuf),
    Insecure,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Config {
    #[serde(default)]
    clusters: Vec<Named<ClusterEntry>>,
    #[serde(default)]
    contexts: Vec<Named<ContextEntry>>,
    #[serde(default)]
    users: Vec<Named<UserEntry>>,
    #[serde(default)]
    current_context: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Named<T> {
    name: String,
    #[serde(alias = "cluster", alias = "context", alias = "user")]
    value: T,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct ClusterEntry {
    server: String,
    #[serde(default)]
    certificate_authority: Option<PathBuf>,
    #[serde(default)]
    certificate_authority_data: Option<String>,
    #[serde(default)]
    insecure_skip_tls_verify: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct ContextEntry {
    cluster: String,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    namespace: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct UserEntry {
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    token_file: Option<PathBuf>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    client_certificate: Option<PathBuf>,
    #[serde(default)]
    client_certificate_data: Option<String>,
    #[serde(default)]
    client_key: Option<PathBuf>,
    #[serde(default)]
    client_key_data: Option<String>,
    /// Kept so that a kubeconfig with exec plugins or auth providers is refused with the reason
    /// rather than read as one without credentials.
    #[serde(default)]
    exec: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    auth_provider: Option<serde_yaml_ng::Value>,
}

/// Reads the kubeconfig at `path`, with `--ca-cert-file` over its certificate authority.
pub fn load(path: &Path, ca_cert: Option<&CaCert>) -> Result<Cluster, KubeError> {
    let text = std::fs::read_to_string(path).map_err(|e| bad(path, e.to_string()))?;
    let config: Config = serde_yaml_ng::from_str(&text).map_err(|e| bad(path, e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let context = match &config.current_context {
        Some(name) if !name.is_empty() => Some(
            config
                .contexts
                .iter()
                .find(|c| &c.name == name)
                .ok_or_else(|| bad(path, format!("current-context {name:?} is not in contexts")))?,
        ),
        _ => config.contexts.first(),
    };
    let cluster = match context {
        Some(c) => config
            .clusters
            .iter()
            .find(|e| e.name == c.value.cluster)
            .ok_or_else(|| bad(path, format!("no cluster {:?}", c.value.cluster)))?,
        None => config
            .clusters
            .first()
            .ok_or_else(|| bad(path, "it names no cluster".into()))?,
    };
    let user = match context.and_then(|c| c.value.user.as_ref()) {
        Some(name) => Some(
            config
                .users
                .iter()
                .find(|u| &u.name == name)
                .ok_or_else(|| bad(path, format!("no user {name:?}")))?,
        ),
        None if context.is_none() => config.users.first(),
        None => None,
    };
    let entry = &cluster.value;
    if !entry.server.starts_with("https://") && !entry.server.starts_with("http://") {
        return Err(bad(
            path,
            format!(
                "cluster {}: server {:?} is not a URL",
                cluster.name, entry.server
            ),
        ));
    }
    let file_ca = match &entry.certificate_authority_data {
        Some(data) => Some(decode(path, "certificate-authority-data", data)?),
        None => match &entry.certificate_authority {
            Some(file) => Some(read(path, &dir.join(file))?),
            None => None,
        },
    };
    let (ca, insecure) = match ca_cert {
        Some(CaCert::Insecure) => (None, true),
        Some(CaCert::File(file)) => (Some(read(path, file)?), false),
        None => (file_ca, entry.insecure_skip_tls_verify),
    };
    Ok(Cluster {
        server: entry.server.trim_end_matches('/').to_string(),
        ca,
        insecure,
        auth: match user {
            Some(u) => auth(path, dir, &u.name, &u.value)?,
            None => Auth::None,
        },
        namespace: context.and_then(|c| c.value.namespace.clone()),
    })
}

fn auth(path: &Path, dir: &Path, name: &str, user: &UserEntry) -> Result<Auth, KubeError> {
    if user.exec.is_some() || user.auth_provider.is_some() {
        return Err(bad(
            path,
            format!(
                "user {name}: exec and auth-provider credentials are not supported: give a token or a client certificate"
            ),
        ));
    }
    let data_or_file =
        |field: &str, data: &Option<String>, file: &Option<PathBuf>| match (data, file) {
            (Some(d), _) => decode(path, field, d).map(Some),
            (None, Some(f)) => read(path, &dir.join(f)).map(Some),
            (None, None) => Ok(None),
        };
    let cert = data_or_file(
        "client-certificate-data",
        &user.client_certificate_data,
        &user.client_certificate,
    )?;
    let key = data_or_file("client-key-data", &user.client_key_data, &user.client_key)?;
    if let Some(token) = &user.token {
        return Ok(Auth::Bearer(token.clone()));
    }
    if let Some(file) = &user.token_file {
        let token = read(path, &dir.join(file))?;
        return Ok(Auth::Bearer(
            String::from_utf8_lossy(&token).trim().to_string(),
        ));
    }
    match (cert, key) {
        (Some(mut cert), Some(key)) => {
            cert.push(b'\n');
            cert.extend(key);
            return Ok(Auth::ClientCert(cert));
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(bad(
                path,
                format!(
                    "user {name}: a client certificate needs its key, and a key its certificate"
                ),
            ));
        }
        (None, None) => {}
    }
    match (&user.username, &user.password) {
        (Some(username), Some(password)) => Ok(Auth::Basic {
            username: username.clone(),
            password: password.clone(),
        }),
        _ => Ok(Auth::None),
    }
}

fn decode(path: &Path, field: &str, data: &str) -> Result<Vec<u8>, KubeError> {
    let clean: String = data.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean)
        .map_err(|e| bad(path, format!("{field}: not base64: {e}")))
}

fn read(path: &Path, file: &Path) -> Result<Vec<u8>, KubeError> {
    std::fs::read(file).map_err(|e| bad(path, format!("{}: {e}", file.display())))
}

fn bad(path: &Path, reason: String) -> KubeError {
    KubeError::Kubeconfig {
        path: path.to_path_buf(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_context_picks_cluster_user_and_namespace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        let ca = base64::engine::general_purpose::STANDARD.encode("CA PEM");
        std::fs::write(
            &path,
            format!(
                "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: https://a:1\n- name: b\n  cluster:\n    server: https://b:2/\n    certificate-authority-data: {ca}\ncontexts:\n- name: one\n  context: {{cluster: a, user: x}}\n- name: two\n  context: {{cluster: b, user: y, namespace: team}}\ncurrent-context: two\nusers:\n- name: x\n  user: {{token: tx}}\n- name: y\n  user: {{token: ty}}\n"
            ),
        )
        .unwrap();
        let cluster = load(&path, None).unwrap();
        assert_eq!(cluster.server, "https://b:2");
        assert_eq!(cluster.ca.as_deref(), Some(&b"CA PEM"[..]));
        assert_eq!(cluster.auth, Auth::Bearer("ty".into()));
        assert_eq!(cluster.namespace.as_deref(), Some("team"));
        let insecure = load(&path, Some(&CaCert::Insecure)).unwrap();
        assert!(insecure.insecure && insecure.ca.is_none());
    }
}
