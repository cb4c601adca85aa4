//! podman's reserved annotations (`io.podman.annotations.…`): the settings a cluster has no
//! field for, which podman's `kube play` (and rpod's) read back. A cluster cannot use them, so
//! `kube generate` writes them only with `--podman-only`, as podman does; without it the
//! settings are warnings and the containers' own reserved annotations are left out.

use std::collections::BTreeMap;

use crate::container::record::ContainerRecord;

pub const PREFIX: &str = "io.podman.annotations.";

/// `io.podman.annotations.pids-limit/CONTAINER` and its kin: (annotation, value).
pub const PIDS_LIMIT: &str = "io.podman.annotations.pids-limit";
pub const CPUSET: &str = "io.podman.annotations.cpuset";
pub const MEMORY_NODES: &str = "io.podman.annotations.memory-nodes";
pub const INIT: &str = "io.podman.annotations.init";
/// Pod-wide, not per container: every container's `--ulimit`s, comma-separated.
pub const ULIMIT: &str = "io.podman.annotations.ulimit";
/// Pod-wide: the pod's `--userns` (`kube play --userns` overrides it).
pub const USERNS: &str = "io.podman.annotations.userns";

/// Whether `key` is one of podman's reserved annotations.
pub fn is_reserved(key: &str) -> bool {
    key.starts_with(PREFIX)
}

/// The pod annotations that say the container's settings without a Kubernetes field, keyed
/// `ANNOTATION/CONTAINER` as podman writes them; `container` is its name in the YAML.
pub fn annotations(record: &ContainerRecord, container: &str) -> BTreeMap<String, String> {
    let limits = &record.run.resources.limits;
    let settings = [
        (PIDS_LIMIT, limits.pids_limit.map(|n| n.to_string())),
        (CPUSET, limits.cpuset_cpus.clone()),
        (MEMORY_NODES, limits.cpuset_mems.clone()),
        (INIT, record.run.init.then(|| "true".to_string())),
    ];
    settings
        .into_iter()
        .filter_map(|(key, value)| Some((format!("{key}/{container}"), value?)))
        .collect()
}

/// The annotation `key` for `container`, among a pod's annotations.
pub fn for_container<'a>(
    annotations: &'a BTreeMap<String, String>,
    key: &str,
    container: &str,
) -> Option<&'a str> {
    annotations
        .get(&format!("{key}/{container}"))
        .map(String::as_str)
}

/// The pod-wide [`ULIMIT`] annotation's value: podman applies it to every container of the
/// pod, so it is the first container's limits that have any; None when none has.
pub fn pod_ulimits(records: &[ContainerRecord]) -> Option<String> {
    let first = records.iter().find(|r| !r.run.ulimits.is_empty())?;
    let args: Vec<String> = first
        .run
        .ulimits
        .iter()
        .filter_map(crate::container::plan::process::ulimit_arg)
        .collect();
    Some(args.join(","))
}
