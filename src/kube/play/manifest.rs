//! The YAML's documents read into typed values, each checked, before anything is written: a
//! syntax error, a wrong type, a missing field or an unknown kind is one error naming the
//! document and the field; a field rpod does not play is a warning naming it.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml_ng::Value;

use super::read::{self, ClaimSpec, ConfigMap, Head, Meta, Object, PodSpec, Secret, WorkloadSpec};
use crate::kube::KubeError;

/// What a YAML file asks to run.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    /// One pod per Pod, Deployment, DaemonSet or Job, in the YAML's order.
    pub pods: Vec<PodDoc>,
    /// PersistentVolumeClaims: named volumes.
    pub claims: Vec<String>,
    /// ConfigMaps and Secrets by name: their keys' values.
    pub config_maps: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    pub secrets: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    pub warnings: Vec<String>,
}

/// The pod a document makes.
#[derive(Debug, Clone)]
pub struct PodDoc {
    pub name: String,
    /// "Pod", "Deployment", …
    pub kind: String,
    pub labels: BTreeMap<String, String>,
    /// The pod's annotations (a workload's and its template's): seccomp profiles and
    /// podman's reserved annotations are played from here.
    pub annotations: BTreeMap<String, String>,
    pub spec: PodSpec,
}

/// The kinds that are read but make nothing here.
const SKIPPED: &[(&str, &str)] = &[(
    "Service",
    "rpod publishes the pods' hostPorts itself; the Service is not played",
)];

/// Reads `yaml` (from `source`, a file's name or "-") into a manifest; `extra` are the
/// `--configmap` files, (name, text), whose ConfigMaps join the YAML's.
pub fn parse(source: &str, yaml: &str, extra: &[(String, String)]) -> Result<Manifest, KubeError> {
    let mut manifest = Manifest::default();
    for (file, text) in extra {
        for (doc, kind, value) in documents(file, text)? {
            let at = Where::new(file, doc, kind, &value);
            match at.kind.as_str() {
                "ConfigMap" => manifest.read_config_map(&at, &value, text, doc)?,
                _ => return Err(at.error("--configmap files hold ConfigMaps only")),
            }
        }
    }
    for (doc, kind, value) in documents(source, yaml)? {
        let at = Where::new(source, doc, kind, &value);
        match at.kind.as_str() {
            "Pod" => {
                let obj: Object<PodSpec> = typed(&at, yaml, doc, &value, &mut manifest.warnings)?;
                let name = at.name(&obj.metadata.name)?;
                manifest.push_pod(&at, name, obj.metadata, obj.spec)?;
            }
            "Deployment" | "DaemonSet" | "Job" => {
                let obj: Object<WorkloadSpec> =
                    typed(&at, yaml, doc, &value, &mut manifest.warnings)?;
                let name = at.name(&obj.metadata.name)?;
                if let Some(n) = obj.spec.replicas.filter(|n| *n > 1) {
                    manifest.warnings.push(format!(
                        "{at}: {n} replicas asked for: rpod runs one pod, {name}-pod"
                    ));
                }
                let mut spec = obj.spec.template.spec;
                if at.kind == "Job" && spec.restart_policy.is_none() {
                    spec.restart_policy = Some("Never".into());
                }
                let mut meta = obj.metadata;
                let template = obj.spec.template.metadata;
                meta.labels.extend(template.labels);
                meta.annotations.extend(template.annotations);
                manifest.push_pod(&at, format!("{name}-pod"), meta, spec)?;
            }
            "ConfigMap" => manifest.read_config_map(&at, &value, yaml, doc)?,
            "Secret" => {
                let obj: Secret = typed(&at, yaml, doc, &value, &mut manifest.warnings)?;
                let name = at.name(&obj.metadata.name)?;
                let mut data = BTreeMap::new();
                for (key, encoded) in &obj.data {
                    data.insert(key.clone(), at.base64(&format!("data.{key}"), encoded)?);
                }
                for (key, text) in obj.string_data {
                    data.insert(key, text.into_bytes());
                }
                manifest.secrets.insert(name, data);
            }
            "PersistentVolumeClaim" => {
                let obj: Object<ClaimSpec> = typed(&at, yaml, doc, &value, &mut manifest.warnings)?;
                manifest.claims.push(at.name(&obj.metadata.name)?);
            }
            kind => match SKIPPED.iter().find(|(k, _)| *k == kind) {
                Some((_, why)) => manifest.warnings.push(format!("{at}: {why}")),
                None => {
                    return Err(at.error(format!(
                        "unknown kind {kind:?}: rpod plays Pod, Deployment, DaemonSet, Job, \
                         ConfigMap, Secret and PersistentVolumeClaim"
                    )));
                }
            },
        }
    }
    Ok(manifest)
}

/// A document's place, for messages: `FILE: document N (Kind name)`.
struct Where {
    source: String,
    doc: usize,
    kind: String,
    name: Option<String>,
}

impl Where {
    fn new(source: &str, doc: usize, kind: String, value: &Value) -> Where {
        Where {
            source: source.to_string(),
            doc,
            kind,
            name: value
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(Value::as_str)
                .map(String::from),
        }
    }

    fn error(&self, reason: impl Into<String>) -> KubeError {
        KubeError::Invalid {
            at: self.to_string(),
            reason: reason.into(),
        }
    }

    fn name(&self, name: &Option<String>) -> Result<String, KubeError> {
        match name.as_deref() {
            Some(n) if !n.is_empty() => Ok(n.to_string()),
            _ => Err(self.error("metadata.name: missing field `name`")),
        }
    }

    fn base64(&self, field: &str, encoded: &str) -> Result<Vec<u8>, KubeError> {
        let clean: String = encoded.split_whitespace().collect();
        base64::engine::general_purpose::STANDARD
            .decode(clean)
            .map_err(|e| self.error(format!("{field}: not base64: {e}")))
    }
}

impl std::fmt::Display for Where {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: document {}", self.source, self.doc)?;
        match (&self.kind, &self.name) {
            (k, Some(n)) if !k.is_empty() => write!(f, " ({k} {n})"),
            (k, None) if !k.is_empty() => write!(f, " ({k})"),
            _ => Ok(()),
        }
    }
}

impl Manifest {
    fn push_pod(
        &mut self,
        at: &Where,
        name: String,
        meta: Meta,
        spec: PodSpec,
    ) -> Result<(), KubeError> {
        if self.pods.iter().any(|p| p.name == name) {
            return Err(at.error(format!("a second pod named {name}")));
        }
        if spec.containers.is_empty() {
            return Err(at.error("spec.containers: a pod needs a container"));
        }
        let mut seen = Vec::new();
        let all = spec.init_containers.iter().chain(&spec.containers);
        for (field, c) in all.enumerate() {
            if c.name.is_empty() || c.image.is_empty() {
                return Err(at.error(format!(
                    "container {}: name and image must not be empty",
                    field + 1
                )));
            }
            if seen.contains(&&c.name) {
                return Err(at.error(format!("two containers named {}", c.name)));
            }
            seen.push(&c.name);
        }
        self.pods.push(PodDoc {
            name,
            kind: at.kind.clone(),
            labels: meta.labels,
            annotations: meta.annotations,
            spec,
        });
        Ok(())
    }

    fn read_config_map(
        &mut self,
        at: &Where,
        value: &Value,
        text: &str,
        doc: usize,
    ) -> Result<(), KubeError> {
        let obj: ConfigMap = typed(at, text, doc, value, &mut self.warnings)?;
        let name = at.name(&obj.metadata.name)?;
        let mut data: BTreeMap<String, Vec<u8>> = obj
            .data
            .into_iter()
            .map(|(k, v)| (k, v.into_bytes()))
            .collect();
        for (key, encoded) in &obj.binary_data {
            data.insert(
                key.clone(),
                at.base64(&format!("binaryData.{key}"), encoded)?,
            );
        }
        self.config_maps.insert(name, data);
        Ok(())
    }
}

/// The non-empty documents of `text`, numbered from 1, as YAML values: a syntax error is
/// the error.
fn documents(source: &str, text: &str) -> Result<Vec<(usize, String, Value)>, KubeError> {
    let mut out = Vec::new();
    for (i, doc) in serde_yaml_ng::Deserializer::from_str(text).enumerate() {
        let value = Value::deserialize(doc).map_err(|e| KubeError::Invalid {
            at: format!("{source}: document {}", i + 1),
            reason: format!("not YAML: {e}"),
        })?;
        if value.is_null() {
            continue;
        }
        if !value.is_mapping() {
            return Err(KubeError::Invalid {
                at: format!("{source}: document {}", i + 1),
                reason: "expected a Kubernetes object (a mapping with apiVersion and kind)".into(),
            });
        }
        let head = Head::deserialize(&value).map_err(|e| KubeError::Invalid {
            at: format!("{source}: document {}", i + 1),
            reason: e.to_string(),
        })?;
        out.push((i + 1, head.kind, value));
    }
    Ok(out)
}

/// Document `doc` of `text` as a `T`, read from the text itself so that an error names the
/// field and its line; the fields `T` lacks are warnings.
fn typed<T: DeserializeOwned + serde::Serialize>(
    at: &Where,
    text: &str,
    doc: usize,
    value: &Value,
    warnings: &mut Vec<String>,
) -> Result<T, KubeError> {
    let de = serde_yaml_ng::Deserializer::from_str(text)
        .nth(doc - 1)
        .ok_or_else(|| at.error("the document went missing"))?;
    let obj = T::deserialize(de).map_err(|e| at.error(e.to_string()))?;
    let known = serde_yaml_ng::to_value(&obj).map_err(KubeError::Yaml)?;
    let mut unknown = Vec::new();
    read::unknown_fields(value, &known, "", &mut unknown);
    for field in unknown {
        warnings.push(format!("{at}: {field}: not supported by rpod, ignored"));
    }
    Ok(obj)
}
