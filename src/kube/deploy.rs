//! `kube apply`: Kubernetes YAML (given, or generated from containers and pods) created in a
//! cluster through its API server, as `kubectl create` does: one POST of each document to its
//! kind's collection in the namespace. Every document is read and mapped to its path before the
//! first request, so a document rpod cannot send stops the apply before anything is created.
//! The HTTP client is reqwest's blocking one (its own tokio runtime on a thread of its own).

use std::time::Duration;

use serde_json::Value;

use super::kubeconfig::{Auth, Cluster};
use super::{KubeError, Request};
use crate::container::Engine;

/// What to deploy.
pub enum Source {
    /// A YAML file's text (`-f`), and its name for errors.
    Yaml { name: String, text: String },
    /// Containers and pods, generated as `kube generate` would.
    Generate(Request),
}

/// `kube apply` as asked, its kubeconfig read.
pub struct ApplyRequest {
    pub cluster: Cluster,
    /// `--ns`, else the kubeconfig context's, else `default`.
    pub namespace: Option<String>,
    pub source: Source,
}

/// One object to create.
struct Post {
    kind: String,
    name: String,
    path: String,
    body: Value,
}

/// What was created, as `KIND NAME`, and `kube generate`'s warnings.
pub struct Applied {
    pub created: Vec<String>,
    pub warnings: Vec<String>,
}

pub fn apply(engine: Option<&Engine>, request: &ApplyRequest) -> Result<Applied, KubeError> {
    let (name, yaml, warnings) = match &request.source {
        Source::Yaml { name, text } => (name.clone(), text.clone(), Vec::new()),
        Source::Generate(generate) => {
            let engine = engine.ok_or_else(|| KubeError::NotFound(generate.targets.join(" ")))?;
            let generated = super::generate(engine, generate)?;
            (
                "the generated YAML".to_string(),
                generated.yaml,
                generated.warnings,
            )
        }
    };
    let namespace = request
        .namespace
        .clone()
        .or_else(|| request.cluster.namespace.clone())
        .unwrap_or_else(|| "default".into());
    let posts = posts(&name, &yaml, &namespace)?;
    let client = client(&request.cluster)?;
    let mut created = Vec::new();
    for post in posts {
        send(&client, &request.cluster, &post)?;
        created.push(format!("{} {}", post.kind, post.name));
    }
    Ok(Applied { created, warnings })
}

/// Each document as a POST to its kind's collection.
fn posts(source: &str, yaml: &str, namespace: &str) -> Result<Vec<Post>, KubeError> {
    let mut posts = Vec::new();
    for (index, document) in serde_yaml_ng::Deserializer::from_str(yaml).enumerate() {
        let at = |reason: String| KubeError::Invalid {
            at: format!("{source}: document {}", index + 1),
            reason,
        };
        let value: serde_yaml_ng::Value =
            serde::Deserialize::deserialize(document).map_err(|e| at(e.to_string()))?;
        if value.is_null() {
            continue;
        }
        let body: Value = serde_json::to_value(&value).map_err(|e| at(e.to_string()))?;
        let field = |name: &str| {
            body.get(name)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let (api_version, kind) = (field("apiVersion"), field("kind"));
        let (api_version, kind) = (api_version.as_str(), kind.as_str());
        let name = body
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if name.is_empty() {
            return Err(at("metadata.name: missing".into()));
        }
        let collection = collection(api_version, kind).ok_or_else(|| {
            at(format!(
                "{api_version} {kind}: rpod applies v1 Pods, Services, PersistentVolumeClaims, ConfigMaps and Secrets, apps/v1 Deployments and DaemonSets, and batch/v1 Jobs"
            ))
        })?;
        let base = match api_version {
            "v1" => "/api/v1".to_string(),
            group => format!("/apis/{group}"),
        };
        posts.push(Post {
            kind: kind.to_string(),
            name,
            path: format!("{base}/namespaces/{namespace}/{collection}"),
            body,
        });
    }
    Ok(posts)
}

fn collection(api_version: &str, kind: &str) -> Option<&'static str> {
    Some(match (api_version, kind) {
        ("v1", "Pod") => "pods",
        ("v1", "Service") => "services",
        ("v1", "PersistentVolumeClaim") => "persistentvolumeclaims",
        ("v1", "ConfigMap") => "configmaps",
        ("v1", "Secret") => "secrets",
        ("apps/v1", "Deployment") => "deployments",
        ("apps/v1", "DaemonSet") => "daemonsets",
        ("batch/v1", "Job") => "jobs",
        _ => return None,
    })
}

fn client(cluster: &Cluster) -> Result<reqwest::blocking::Client, KubeError> {
    let unreachable = |e: reqwest::Error| KubeError::Cluster {
        server: cluster.server.clone(),
        reason: cause_chain(&e),
    };
    let mut builder = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .danger_accept_invalid_certs(cluster.insecure);
    if let Some(ca) = &cluster.ca {
        let certs = reqwest::Certificate::from_pem_bundle(ca).map_err(unreachable)?;
        builder = builder.tls_certs_only(certs);
    }
    if let Auth::ClientCert(pem) = &cluster.auth {
        builder = builder.identity(reqwest::Identity::from_pem(pem).map_err(unreachable)?);
    }
    builder.build().map_err(unreachable)
}

fn send(
    client: &reqwest::blocking::Client,
    cluster: &Cluster,
    post: &Post,
) -> Result<(), KubeError> {
    let mut request = client
        .post(format!("{}{}", cluster.server, post.path))
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .body(post.body.to_string());
    request = match &cluster.auth {
        Auth::Bearer(token) => request.bearer_auth(token),
        Auth::Basic { username, password } => request.basic_auth(username, Some(password)),
        Auth::None | Auth::ClientCert(_) => request,
    };
    let response = request.send().map_err(|e| KubeError::Cluster {
        server: cluster.server.clone(),
        reason: cause_chain(&e),
    })?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let text = response.text().unwrap_or_default();
    // The API server's answer is a Status object whose message says why.
    let message = serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| v.get("message").and_then(Value::as_str).map(String::from))
        .unwrap_or(text);
    Err(KubeError::Refused {
        kind: post.kind.clone(),
        name: post.name.clone(),
        status: status.as_u16(),
        message,
    })
}

/// reqwest's own message ("error sending request") with the causes that say why.
fn cause_chain(e: &reqwest::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message = format!("{message}: {cause}");
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_go_to_their_kinds_collections_and_unknown_kinds_stop_the_apply() {
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\n";
        let made = posts("f.yaml", yaml, "team").unwrap();
        let paths: Vec<&str> = made.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/api/v1/namespaces/team/pods",
                "/apis/apps/v1/namespaces/team/deployments"
            ]
        );
        assert_eq!(made[0].body["spec"], serde_json::json!({}));
        let bad = posts(
            "f.yaml",
            "apiVersion: v1\nkind: Node\nmetadata: {name: n}\n",
            "x",
        );
        assert!(
            matches!(bad, Err(KubeError::Invalid { ref at, .. }) if at == "f.yaml: document 1")
        );
    }
}
