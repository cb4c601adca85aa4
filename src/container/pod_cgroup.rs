//! A pod's cgroup (`pod create --cpus --memory … --cgroup-parent --share-parent`): the
//! options parsed and checked before the pod is written, the pod's cgroup a member's leaf is
//! made in, `pod inspect`'s fields for it, and its removal with the pod.
//!
//! The pod is looked up at each start of a member, not copied into the member's record at
//! create: `pod clone` and a member rehomed by `clone --pod` then get their new pod's cgroup.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::plan::resources::{LimitOptions, parse_limits};
use super::record::ContainerRecord;
use super::resources::Resources;
use super::{ContainerError, Engine};
use crate::cgroup::io_max::RateKind;
use crate::cgroup::leaf::{self, GroupSpec, LeafSpec};
use crate::cgroup::limits::{CPU_PERIOD, Limits};
use crate::pods::{Pod, PodCgroup};

/// The pod's cgroup flags as typed.
#[derive(Debug, Clone, Default)]
pub struct PodCgroupOptions {
    /// `--cpus`, `--cpu-shares`, `--cpuset-cpus`, `--cpuset-mems`, `--memory`,
    /// `--memory-swap`, `--device-read-bps`, `--device-write-bps`.
    pub limits: LimitOptions,
    pub parent: Option<String>,
    pub share_parent: Option<bool>,
}

impl PodCgroupOptions {
    fn given(&self, parsed: &Limits) -> bool {
        self.parent.is_some() || !parsed.is_empty()
    }
}

/// `pod create`'s cgroup: parsed as `run`'s limits are, then checked against this host (a
/// limit it cannot enforce is `run`'s error, before anything is written).
pub fn build(opts: &PodCgroupOptions) -> Result<PodCgroup, ContainerError> {
    build_over(&PodCgroup::default(), opts)
}

/// `pod clone`'s: the original pod's cgroup with what the options give replacing it.
pub fn build_over(
    original: &PodCgroup,
    opts: &PodCgroupOptions,
) -> Result<PodCgroup, ContainerError> {
    let cgroup = resolve(original, opts)?;
    Resources {
        cgroups_disabled: false,
        cgroup_parent: cgroup.parent.clone(),
        limits: cgroup.limits.clone(),
        conf: Vec::new(),
    }
    .check()?;
    Ok(cgroup)
}

/// The options over `original`, before the host is asked whether it can enforce them.
fn resolve(original: &PodCgroup, opts: &PodCgroupOptions) -> Result<PodCgroup, ContainerError> {
    let given = parse_limits(&opts.limits)?;
    let cgroup = PodCgroup {
        parent: opts
            .parent
            .clone()
            .filter(|p| !p.is_empty())
            .or(original.parent.clone()),
        share_parent: opts.share_parent.unwrap_or(original.share_parent),
        limits: original.limits.merged(&given),
    };
    if !cgroup.share_parent
        && (opts.given(&given) || cgroup.parent.is_some() || !cgroup.limits.is_empty())
    {
        return Err(ContainerError::invalid(
            "--share-parent",
            "false",
            "the pod's limits and --cgroup-parent act through the pod's cgroup, which its \
             containers would not use",
        ));
    }
    Ok(cgroup)
}

/// The leaf the monitor makes for `record`: a pod's member's inside its pod's cgroup.
pub fn leaf_spec(
    engine: &Engine,
    record: &ContainerRecord,
) -> Result<Option<LeafSpec>, ContainerError> {
    let spec = record.run.resources.leaf_spec(record);
    match (record.run.pod.as_deref(), spec) {
        (Some(pod_id), Some(spec)) => {
            let pod = super::pod::pods(engine).by_id(pod_id)?;
            Ok(Some(place(&pod, spec)))
        }
        (_, spec) => Ok(spec),
    }
}

/// Where a pod's member makes its leaf: inside the pod's cgroup, unless the member chose its
/// own parent (podman's rule; `--cgroups=disabled` makes no leaf at all), or the pod does not
/// share its cgroup.
fn place(pod: &Pod, mut spec: LeafSpec) -> LeafSpec {
    if spec.parent.is_some() || !pod.cgroup.share_parent {
        return spec;
    }
    spec.parent = pod.cgroup.parent.clone();
    spec.group = Some(GroupSpec {
        name: PodCgroup::name(&pod.id),
        limits: pod.cgroup.limits.clone(),
    });
    spec
}

/// `pod rm`, once the pod's members are removed: its cgroup goes. `seen` are the cgroups the
/// running members' leaves were in, read before they were removed.
pub fn remove(pod: &Pod, seen: &[PathBuf]) {
    leaf::remove_group(
        pod.cgroup.parent.as_deref(),
        &PodCgroup::name(&pod.id),
        seen,
    );
}

/// podman's `pod inspect` fields for the pod's cgroup and limits (podman 5's names).
pub fn inspect_fields(pod: &Pod) -> Map<String, Value> {
    let c = &pod.cgroup;
    let l = &c.limits;
    let name = PodCgroup::name(&pod.id);
    let path = leaf::group_path(c.parent.as_deref(), &name);
    let parent = path
        .as_deref()
        .and_then(|p| p.rsplit_once('/'))
        .map(|(parent, _)| if parent.is_empty() { "/" } else { parent }.to_string())
        .or(c.parent.clone());
    let mut out = Map::new();
    out.insert("CreateCgroup".into(), json!(c.share_parent));
    if c.share_parent {
        out.insert("CgroupParent".into(), json!(parent.unwrap_or_default()));
        out.insert("CgroupPath".into(), json!(path.unwrap_or(name)));
    }
    let mut put = |key: &str, value: Value| {
        out.insert(key.into(), value);
    };
    match (l.nano_cpus, l.cpu_quota, l.cpu_period) {
        (Some(n), _, _) => {
            put("cpu_period", json!(CPU_PERIOD));
            put("cpu_quota", json!(n * CPU_PERIOD / 1_000_000_000));
        }
        (None, quota, period) => {
            if let Some(p) = period {
                put("cpu_period", json!(p));
            }
            if let Some(q) = quota {
                put("cpu_quota", json!(q));
            }
        }
    }
    if let Some(s) = l.cpu_shares {
        put("cpu_shares", json!(s));
    }
    if let Some(c) = &l.cpuset_cpus {
        put("cpuset_cpus", json!(c));
    }
    if let Some(m) = &l.cpuset_mems {
        put("cpuset_mems", json!(m));
    }
    if let Some(m) = l.memory {
        put("memory_limit", json!(m));
    }
    match (l.memory_swap, l.memory) {
        (Some(s), _) if s > 0 => put("memory_swap", json!(s)),
        // podman shows the default it applies: swap as large as the memory, twice in all.
        (None, Some(m)) => put("memory_swap", json!(m * 2)),
        _ => {}
    }
    for (kind, key) in [
        (RateKind::ReadBps, "device_read_bps"),
        (RateKind::WriteBps, "device_write_bps"),
    ] {
        let rates: Vec<Value> = l
            .device_rates
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| json!({"Path": r.path, "Rate": r.rate}))
            .collect();
        if !rates.is_empty() {
            put(key, Value::Array(rates));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(memory: &str, cpus: &str) -> PodCgroupOptions {
        PodCgroupOptions {
            limits: LimitOptions {
                memory: Some(memory.into()),
                cpus: Some(cpus.into()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn io_weights_are_refused_with_the_reason() {
        for opts in [
            ("--blkio-weight", "300"),
            ("--blkio-weight-device", "/dev/sda:300"),
        ] {
            let opts = PodCgroupOptions {
                limits: LimitOptions {
                    io_weights: vec![(opts.0, opts.1.into())],
                    ..Default::default()
                },
                ..Default::default()
            };
            let err = build(&opts).unwrap_err().to_string();
            assert!(err.contains("--blkio-weight"), "{err}");
            assert!(err.contains("io.weight"), "{err}");
        }
    }

    #[test]
    fn limits_are_parsed_as_runs_are() {
        let err = build(&options("1m", "0.5")).unwrap_err().to_string();
        assert!(
            err.contains("--memory") && err.contains("the minimum is 6MB"),
            "{err}"
        );
        let err = build(&options("32m", "lots")).unwrap_err().to_string();
        assert!(
            err.contains("--cpus") && err.contains("expected a number"),
            "{err}"
        );
    }

    #[test]
    fn a_pod_that_shares_no_cgroup_takes_no_limits_or_parent() {
        let mut opts = options("32m", "0.5");
        opts.share_parent = Some(false);
        let err = build(&opts).unwrap_err().to_string();
        assert!(err.contains("--share-parent"), "{err}");
        let parent = PodCgroupOptions {
            parent: Some("pods".into()),
            share_parent: Some(false),
            ..Default::default()
        };
        assert!(build(&parent).is_err());
        let plain = PodCgroupOptions {
            share_parent: Some(false),
            ..Default::default()
        };
        assert!(!build(&plain).unwrap().share_parent);
    }

    #[test]
    fn a_clone_keeps_the_originals_settings_under_its_own() {
        let original = PodCgroup {
            parent: Some("pods".into()),
            limits: crate::cgroup::limits::Limits {
                memory: Some(64 << 20),
                nano_cpus: Some(500_000_000),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            resolve(&original, &PodCgroupOptions::default()).unwrap(),
            original
        );
        let opts = PodCgroupOptions {
            limits: LimitOptions {
                memory: Some("32m".into()),
                ..Default::default()
            },
            parent: Some("/other".into()),
            ..Default::default()
        };
        let cloned = resolve(&original, &opts).unwrap();
        assert_eq!(cloned.limits.memory, Some(32 << 20));
        assert_eq!(cloned.limits.nano_cpus, Some(500_000_000));
        assert_eq!(cloned.parent.as_deref(), Some("/other"));
        assert!(cloned.share_parent);
    }

    fn pod(cgroup: PodCgroup) -> Pod {
        Pod {
            id: "abc".into(),
            name: "p".into(),
            created: String::new(),
            labels: Default::default(),
            share: Vec::new(),
            exit_policy: Default::default(),
            create_command: Vec::new(),
            infra_id: None,
            members: Default::default(),
            cgroup,
        }
    }

    #[test]
    fn inspect_shows_podmans_fields() {
        let p = pod(PodCgroup {
            limits: crate::cgroup::limits::Limits {
                memory: Some(32 << 20),
                nano_cpus: Some(500_000_000),
                cpuset_cpus: Some("0".into()),
                ..Default::default()
            },
            ..Default::default()
        });
        let f = inspect_fields(&p);
        assert_eq!(f["CreateCgroup"], json!(true));
        assert!(f["CgroupPath"].as_str().unwrap().ends_with("rpod-pod-abc"));
        assert_eq!(f["cpu_period"], json!(100_000));
        assert_eq!(f["cpu_quota"], json!(50_000));
        assert_eq!(f["memory_limit"], json!(32 << 20));
        assert_eq!(f["memory_swap"], json!(64 << 20));
        assert_eq!(f["cpuset_cpus"], json!("0"));
        let unshared = inspect_fields(&pod(PodCgroup {
            share_parent: false,
            ..Default::default()
        }));
        assert_eq!(unshared["CreateCgroup"], json!(false));
        assert!(!unshared.contains_key("CgroupPath"));
    }
}
