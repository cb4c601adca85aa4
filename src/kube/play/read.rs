//! The Kubernetes objects `kube play` reads, as typed serde structs. Every field serializes,
//! defaults included, so that a document read and written back keeps every key it knew: the
//! keys of the input missing from that copy are the fields rpod does not play, each warned
//! about by name (see `unknown_fields`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_yaml_ng::Value;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// Written by generators (podman's included); state, not a wish: nothing to play.
    #[serde(default)]
    pub creation_timestamp: Option<Value>,
}

/// A document's head: enough to pick its kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Head {
    pub kind: String,
}

/// Any kind with a `spec`; `status` (podman writes `status: {}`) is state, never played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Object<S> {
    pub api_version: String,
    pub kind: String,
    #[serde(default)]
    pub metadata: Meta,
    pub spec: S,
    #[serde(default)]
    pub status: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigMap {
    pub api_version: String,
    pub kind: String,
    #[serde(default)]
    pub metadata: Meta,
    #[serde(default)]
    pub data: BTreeMap<String, String>,
    /// Base64, as in a Secret.
    #[serde(default)]
    pub binary_data: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Secret {
    pub api_version: String,
    pub kind: String,
    #[serde(default)]
    pub metadata: Meta,
    /// Base64.
    #[serde(default)]
    pub data: BTreeMap<String, String>,
    #[serde(default)]
    pub string_data: BTreeMap<String, String>,
    #[serde(default, rename = "type")]
    pub kind_of: Option<String>,
}

/// A PersistentVolumeClaim's spec: a named volume has no size, class or access mode, so the
/// spec is taken as it is.
pub type ClaimSpec = Option<Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    #[serde(default)]
    pub metadata: Meta,
    pub spec: PodSpec,
}

/// apps/v1 Deployment and DaemonSet, batch/v1 Job: a pod template and how many to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadSpec {
    #[serde(default)]
    pub replicas: Option<u32>,
    /// The pods the controller owns; rpod makes the one pod itself.
    #[serde(default)]
    pub selector: Option<Value>,
    pub template: Template,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    pub containers: Vec<Container>,
    #[serde(default)]
    pub init_containers: Vec<Container>,
    #[serde(default)]
    pub volumes: Vec<Volume>,
    #[serde(default)]
    pub restart_policy: Option<String>,
    #[serde(default)]
    pub hostname: Option<String>,
    #[serde(default)]
    pub host_network: bool,
    /// rpod mounts no service account token and sets no service variables: `false` is what
    /// it does anyway, `true` is refused.
    #[serde(default)]
    pub automount_service_account_token: Option<bool>,
    #[serde(default)]
    pub enable_service_links: Option<bool>,
    /// The containers' defaults.
    #[serde(default)]
    pub security_context: Option<PodSecurity>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSecurity {
    #[serde(default)]
    pub run_as_user: Option<u32>,
    #[serde(default)]
    pub run_as_group: Option<u32>,
    #[serde(default)]
    pub seccomp_profile: Option<SeccompProfile>,
}

/// `securityContext.seccompProfile`: `Localhost` (a file under `--seccomp-profile-root`),
/// `RuntimeDefault` or `Unconfined`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeccompProfile {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub localhost_profile: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    pub image: String,
    #[serde(default)]
    pub command: Vec<String>,
    #[serde(default)]
    pub args: Vec<String>,
    #[serde(default)]
    pub env: Vec<EnvVar>,
    #[serde(default)]
    pub env_from: Vec<EnvFrom>,
    #[serde(default)]
    pub working_dir: Option<String>,
    #[serde(default)]
    pub ports: Vec<Port>,
    #[serde(default)]
    pub resources: Option<Resources>,
    #[serde(default)]
    pub security_context: Option<Security>,
    #[serde(default)]
    pub volume_mounts: Vec<VolumeMount>,
    #[serde(default)]
    pub liveness_probe: Option<Probe>,
    #[serde(default)]
    pub image_pull_policy: Option<String>,
    #[serde(default)]
    pub stdin: bool,
    #[serde(default)]
    pub tty: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    pub name: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub value_from: Option<EnvSource>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvSource {
    #[serde(default)]
    pub config_map_key_ref: Option<KeyRef>,
    #[serde(default)]
    pub secret_key_ref: Option<KeyRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyRef {
    pub name: String,
    pub key: String,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvFrom {
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub config_map_ref: Option<NameRef>,
    #[serde(default)]
    pub secret_ref: Option<NameRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NameRef {
    pub name: String,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Port {
    pub container_port: u16,
    #[serde(default)]
    pub host_port: Option<u16>,
    #[serde(default, rename = "hostIP")]
    pub host_ip: Option<String>,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// Quantities are strings (`128Mi`, `500m`) or plain numbers (`cpu: 1`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Resources {
    #[serde(default)]
    pub limits: BTreeMap<String, Value>,
    /// What the scheduler reserves; a single host has no scheduler.
    #[serde(default)]
    pub requests: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Security {
    #[serde(default)]
    pub capabilities: Option<Capabilities>,
    #[serde(default)]
    pub privileged: Option<bool>,
    #[serde(default)]
    pub read_only_root_filesystem: Option<bool>,
    #[serde(default)]
    pub allow_privilege_escalation: Option<bool>,
    #[serde(default)]
    pub run_as_user: Option<u32>,
    #[serde(default)]
    pub run_as_group: Option<u32>,
    #[serde(default)]
    pub seccomp_profile: Option<SeccompProfile>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Capabilities {
    #[serde(default)]
    pub add: Vec<String>,
    #[serde(default)]
    pub drop: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
    #[serde(default)]
    pub read_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    #[serde(default)]
    pub host_path: Option<HostPath>,
    #[serde(default)]
    pub empty_dir: Option<EmptyDir>,
    #[serde(default)]
    pub persistent_volume_claim: Option<Claim>,
    #[serde(default)]
    pub config_map: Option<FilesSource>,
    #[serde(default)]
    pub secret: Option<SecretSource>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostPath {
    pub path: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmptyDir {
    #[serde(default)]
    pub medium: Option<String>,
    #[serde(default)]
    pub size_limit: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    pub claim_name: String,
    #[serde(default)]
    pub read_only: bool,
}

/// A ConfigMap as files: every key, or the `items` chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilesSource {
    pub name: String,
    #[serde(default)]
    pub items: Vec<KeyPath>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretSource {
    pub secret_name: String,
    #[serde(default)]
    pub items: Vec<KeyPath>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPath {
    pub key: String,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Probe {
    /// A probe by httpGet, tcpSocket or grpc has no healthcheck counterpart: the keys stay
    /// unknown, so each is warned about.
    #[serde(default)]
    pub exec: Option<Exec>,
    #[serde(default)]
    pub initial_delay_seconds: Option<u64>,
    #[serde(default)]
    pub period_seconds: Option<u64>,
    #[serde(default)]
    pub timeout_seconds: Option<u64>,
    #[serde(default)]
    pub failure_threshold: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exec {
    pub command: Vec<String>,
}

/// The keys of `given` (a document as written) that `known` (the same document read into
/// rpod's types and written back) lacks, as paths (`spec.nodeSelector`,
/// `spec.containers[0].lifecycle`).
pub fn unknown_fields(given: &Value, known: &Value, path: &str, out: &mut Vec<String>) {
    match (given, known) {
        (Value::Mapping(g), Value::Mapping(k)) => {
            for (key, value) in g {
                let name = match key {
                    Value::String(s) => s.clone(),
                    other => serde_yaml_ng::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                };
                let here = match path {
                    "" => name,
                    p => format!("{p}.{name}"),
                };
                match k.get(key) {
                    Some(known) => unknown_fields(value, known, &here, out),
                    None => out.push(here),
                }
            }
        }
        (Value::Sequence(g), Value::Sequence(k)) => {
            for (i, (g, k)) in g.iter().zip(k).enumerate() {
                unknown_fields(g, k, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Tagged(g), k) => unknown_fields(&g.value, k, path, out),
        _ => {}
    }
}
