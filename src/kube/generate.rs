//! `kube generate`: the named containers (one pod) and pods (one each) as YAML documents.

use std::collections::BTreeMap;

use serde::Serialize;

use super::container::{self, Converted, restart_policy, split_labels};
use super::names::dns_label;
use super::reserved;
use super::types::{
    ClaimResources, ClaimSpec, ContainerPort, JobSpec, LabelSelector, Object, ObjectMeta, PodSpec,
    PodTemplate, ReplicatedSpec, ServicePort, ServiceSpec,
};
use super::{Kind, KubeError, Request};
use crate::container::record::ContainerRecord;
use crate::container::{ContainerError, Engine, pod};
use crate::image::manifest::ImageConfig;
use crate::image::store::matched_name;
use crate::pods::PodsError;
use crate::volume::{Volume, VolumeError};

/// The YAML, and what of the containers it could not say (for stderr).
pub struct Generated {
    pub yaml: String,
    pub warnings: Vec<String>,
}

/// Containers that become one pod.
struct Group {
    name: String,
    labels: BTreeMap<String, String>,
    records: Vec<ContainerRecord>,
    /// A pod's published ports, which its infra container holds: written on the first
    /// container, as podman does, so that `kube play` publishes them again.
    infra_ports: Vec<ContainerPort>,
}

pub fn generate(engine: &Engine, request: &Request) -> Result<Generated, KubeError> {
    let mut warnings = Vec::new();
    let mut documents = Vec::new();
    let (groups, volumes) = groups(engine, &request.targets)?;
    // The claims first: a pod that mounts one needs it to exist.
    for volume in &volumes {
        documents.push(super::yaml::to_string(&claim(volume))?);
    }
    for group in groups {
        let (meta, spec) = pod(engine, &group, request, &mut warnings)?;
        if request.service
            && let Some(service) = service(&meta, &spec)
        {
            documents.push(super::yaml::to_string(&service)?);
        }
        documents.push(object(request, meta, spec)?);
    }
    let header = format!(
        "# Save the output of this file and use kubectl create -f to import\n\
         # it into Kubernetes.\n#\n# Created with rpod-{}\n",
        env!("CARGO_PKG_VERSION")
    );
    Ok(Generated {
        yaml: format!("{header}---\n{}", documents.join("---\n")),
        warnings,
    })
}

/// Each pod named is a group; the containers named are one more, named after the first; the
/// volumes named become claims.
fn groups(engine: &Engine, targets: &[String]) -> Result<(Vec<Group>, Vec<Volume>), KubeError> {
    let pods = pod::pods(engine);
    let all_pods = pods.list().map_err(ContainerError::from)?;
    let mut groups = Vec::new();
    let mut volumes = Vec::new();
    let mut loose: Vec<ContainerRecord> = Vec::new();
    for target in targets {
        let exact_pod = all_pods
            .iter()
            .find(|p| &p.name == target || &p.id == target);
        let found = match exact_pod {
            Some(p) => Err(p.id.clone()),
            None => match engine.find(target) {
                Ok((record, _)) => Ok(record),
                Err(ContainerError::NotFound(_)) => match pods.get(target) {
                    Ok(p) => Err(p.id),
                    Err(PodsError::NotFound(_)) => match engine.volumes.get(target) {
                        Ok(volume) => {
                            volumes.push(volume);
                            continue;
                        }
                        Err(VolumeError::NotFound(_)) => {
                            return Err(KubeError::NotFound(target.clone()));
                        }
                        Err(e) => return Err(ContainerError::from(e).into()),
                    },
                    Err(e) => return Err(ContainerError::from(e).into()),
                },
                Err(e) => return Err(e.into()),
            },
        };
        match found {
            Ok(record) => loose.push(record),
            Err(pod_id) => {
                let entry = pod::entry(engine, &pod_id)?;
                groups.push(Group {
                    name: entry.pod.name.clone(),
                    labels: entry.pod.labels.clone(),
                    infra_ports: entry
                        .infra()
                        .map(|i| container::ports(&i.record))
                        .unwrap_or_default(),
                    // The infra container is rpod's way to a shared network; a cluster has its own.
                    records: entry
                        .members
                        .into_iter()
                        .filter(|m| !m.record.run.infra)
                        .map(|m| m.record)
                        .collect(),
                });
            }
        }
    }
    if let Some(first) = loose.first() {
        groups.insert(
            0,
            Group {
                name: format!("{}-pod", first.name),
                labels: first.run.labels.clone(),
                records: loose,
                infra_ports: Vec::new(),
            },
        );
    }
    Ok((groups, volumes))
}

/// A named volume as the claim a pod's `claimName` names: podman's defaults, one node
/// reading and writing, 1Gi.
fn claim(volume: &Volume) -> Object<ClaimSpec> {
    let (labels, annotations) = split_labels(&volume.labels);
    Object {
        api_version: "v1".into(),
        kind: "PersistentVolumeClaim".into(),
        metadata: ObjectMeta {
            name: volume.name.clone(),
            labels,
            annotations,
            creation_timestamp: None,
        },
        spec: ClaimSpec {
            access_modes: vec!["ReadWriteOnce".into()],
            resources: ClaimResources {
                requests: BTreeMap::from([("storage".into(), "1Gi".into())]),
            },
        },
    }
}

fn pod(
    engine: &Engine,
    group: &Group,
    request: &Request,
    warnings: &mut Vec<String>,
) -> Result<(ObjectMeta, PodSpec), KubeError> {
    let kind = request.kind;
    let name = dns_label(&group.name, 63);
    let (mut labels, mut annotations) = split_labels(&group.labels);
    // The selector of a Deployment or Service: the user's `app` label, else the pod's name.
    labels.entry("app".into()).or_insert_with(|| name.clone());
    let mut spec = PodSpec {
        automount_service_account_token: Some(false),
        enable_service_links: Some(false),
        ..PodSpec::default()
    };
    let mut volume_index = 0;
    for record in &group.records {
        let (image, image_name) = image_of(engine, record)?;
        let Converted {
            mut container,
            volumes,
            warnings: more,
        } = container::convert(
            record,
            &image.config,
            &mut volume_index,
            request.podman_only,
        );
        container.image = image_name;
        warnings.extend(more);
        let own = record.run.annotations.iter();
        annotations.extend(
            own.filter(|(k, _)| request.podman_only || !reserved::is_reserved(k))
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        if request.podman_only {
            annotations.extend(reserved::annotations(record, &container.name));
        }
        spec.containers.push(container);
        spec.volumes.extend(volumes);
    }
    if let Some(first) = spec.containers.first_mut() {
        first.ports.extend(group.infra_ports.iter().cloned());
    }
    if request.podman_only {
        pod_wide(&group.records, &name, &mut annotations, warnings);
    }
    if let Some(first) = group.records.first() {
        let policy = restart_policy(first);
        if group.records.iter().any(|r| restart_policy(r) != policy) {
            warnings.push(format!(
                "{name}: its containers have different restart policies; the pod's is the first's ({policy})"
            ));
        }
        spec.restart_policy = Some(pod_restart(kind, policy, &name, warnings).into());
        spec.host_network = matches!(first.run.network, crate::network::NetworkMode::Host);
        // rpod names a container's host after its id unless told otherwise.
        if !first.id.as_str().starts_with(&first.run.hostname) {
            spec.hostname = Some(first.run.hostname.clone());
        }
    }
    let meta = ObjectMeta {
        name,
        labels,
        annotations,
        // Set by the cluster, and read by YAML parsers as a timestamp rather than a string.
        creation_timestamp: None,
    };
    Ok((meta, spec))
}

/// Deployments and DaemonSets restart always; a Job's pod never restarts but on failure.
fn pod_restart(
    kind: Kind,
    policy: &'static str,
    name: &str,
    warnings: &mut Vec<String>,
) -> &'static str {
    let allowed: &[&str] = match kind {
        Kind::Pod => return policy,
        Kind::Deployment | Kind::DaemonSet => &["Always"],
        Kind::Job => &["OnFailure", "Never"],
    };
    if allowed.contains(&policy) {
        return policy;
    }
    let chosen = allowed[0];
    warnings.push(format!(
        "{name}: restart policy {policy} is not allowed in a {kind:?}: {chosen} instead"
    ));
    chosen
}

/// The container's image config, and the full name its reference resolved to (`bb` is
/// `localhost/bb:latest` here, while a cluster would look for docker.io/library/bb).
fn image_of(engine: &Engine, record: &ContainerRecord) -> Result<(ImageConfig, String), KubeError> {
    let invalid = |e: String| ContainerError::invalid("image", &record.image_name, e);
    let index = engine.store.index().map_err(|e| invalid(e.to_string()))?;
    let image = index
        .get(&record.image)
        .ok_or_else(|| invalid("the container's image is no longer in the store".into()))?;
    let bytes = engine
        .store
        .read_blob(&image.config_digest())
        .map_err(|e| invalid(e.to_string()))?;
    let config =
        ImageConfig::parse(&bytes, &image.config_digest()).map_err(|e| invalid(e.to_string()))?;
    let name = matched_name(
        &index,
        &record.image_name,
        &record.image,
        &engine.config.registries,
    )
    .or_else(|| image.names.first().cloned())
    .unwrap_or_else(|| record.image_name.clone());
    Ok((config, name))
}

/// A NodePort Service for the pod's published ports; none when nothing is published.
fn service(meta: &ObjectMeta, spec: &PodSpec) -> Option<Object<ServiceSpec>> {
    let ports: Vec<ServicePort> = spec
        .containers
        .iter()
        .flat_map(|c| &c.ports)
        .filter_map(|p| {
            let host = p.host_port?;
            let protocol = p.protocol.clone().unwrap_or_else(|| "TCP".into());
            Some(ServicePort {
                name: format!("{}-{}", protocol.to_lowercase(), p.container_port),
                port: p.container_port,
                target_port: p.container_port,
                protocol,
                // The cluster picks one when the host's port is outside its NodePort range.
                node_port: (30000..=32767).contains(&host).then_some(host),
            })
        })
        .collect();
    if ports.is_empty() {
        return None;
    }
    Some(Object {
        api_version: "v1".into(),
        kind: "Service".into(),
        metadata: ObjectMeta {
            name: meta.name.clone(),
            labels: app(meta),
            annotations: BTreeMap::new(),
            creation_timestamp: None,
        },
        spec: ServiceSpec {
            kind: "NodePort".into(),
            selector: app(meta),
            ports,
        },
    })
}

fn object(request: &Request, meta: ObjectMeta, spec: PodSpec) -> Result<String, KubeError> {
    fn yaml<S: Serialize>(o: &Object<S>) -> Result<String, KubeError> {
        Ok(super::yaml::to_string(o)?)
    }
    let template = PodTemplate {
        metadata: ObjectMeta {
            creation_timestamp: None,
            ..meta.clone()
        },
        spec: spec.clone(),
    };
    let selector = LabelSelector {
        match_labels: app(&meta),
    };
    match request.kind {
        Kind::Pod => yaml(&Object {
            api_version: "v1".into(),
            kind: "Pod".into(),
            metadata: meta,
            spec,
        }),
        Kind::Deployment => yaml(&Object {
            api_version: "apps/v1".into(),
            kind: "Deployment".into(),
            metadata: named(&meta, "deployment"),
            spec: ReplicatedSpec {
                replicas: Some(request.replicas.unwrap_or(1)),
                selector,
                template,
            },
        }),
        Kind::DaemonSet => yaml(&Object {
            api_version: "apps/v1".into(),
            kind: "DaemonSet".into(),
            metadata: named(&meta, "daemonset"),
            spec: ReplicatedSpec {
                replicas: None,
                selector,
                template,
            },
        }),
        Kind::Job => yaml(&Object {
            api_version: "batch/v1".into(),
            kind: "Job".into(),
            metadata: named(&meta, "job"),
            spec: JobSpec { template },
        }),
    }
}

/// podman names a Deployment `NAME-deployment` after its pod; a DaemonSet and a Job likewise.
fn named(meta: &ObjectMeta, suffix: &str) -> ObjectMeta {
    ObjectMeta {
        name: format!("{}-{suffix}", meta.name),
        labels: app(meta),
        annotations: BTreeMap::new(),
        creation_timestamp: None,
    }
}

/// The pod's `app` label alone: what selectors match.
fn app(meta: &ObjectMeta) -> BTreeMap<String, String> {
    meta.labels
        .get_key_value("app")
        .map(|(k, v)| BTreeMap::from([(k.clone(), v.clone())]))
        .unwrap_or_default()
}

/// `--podman-only`'s pod-wide reserved annotations, which podman applies to every container
/// of the pod: the first's ulimits and user namespace, with a warning when another differs.
fn pod_wide(
    records: &[ContainerRecord],
    name: &str,
    annotations: &mut BTreeMap<String, String>,
    warnings: &mut Vec<String>,
) {
    if let Some(ulimits) = reserved::pod_ulimits(records) {
        if records
            .iter()
            .any(|r| reserved::pod_ulimits(std::slice::from_ref(r)).as_ref() != Some(&ulimits))
        {
            warnings.push(format!(
                "{name}: its containers have different ulimits; the pod's annotation gives every container the first's ({ulimits})"
            ));
        }
        annotations.insert(reserved::ULIMIT.into(), ulimits);
    }
    if records.iter().any(|r| r.run.keep_id) {
        if !records.iter().all(|r| r.run.keep_id) {
            warnings.push(format!(
                "{name}: only some of its containers have --userns=keep-id; the pod's annotation gives it to all"
            ));
        }
        annotations.insert(reserved::USERNS.into(), "keep-id".into());
    }
}
