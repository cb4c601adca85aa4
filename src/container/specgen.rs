//! `generate spec`: a container's or a pod's record as podman's SpecGenerator JSON, the body
//! podman's API takes to create one (`/libpod/containers/create`, `/libpod/pods/create`),
//! in podman's field names. Only what the record holds is written; podman leaves empty
//! fields out the same way (`omitempty`).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::clone::{clone_name, free_clone_name};
use super::plan::mounts::MountKind;
use super::plan::namespaces::Sharing;
use super::plan::process;
use super::pod::pods;
use super::record::{ContainerRecord, SeccompChoice};
use super::{ContainerError, Engine};
use crate::monitor::restart::RestartPolicy;
use crate::network::NetworkMode;
use crate::network::etc_files::HostAddr;
use crate::pods::{ExitPolicy, Pod, PodsError};

/// The JSON for the container or pod `target` (a container first, as podman looks it up);
/// with `rename`, named as a clone would be (`NAME-clone`, `NAME-clone1`, …) so that it can be
/// created while the original exists.
pub fn generate(engine: &Engine, target: &str, rename: bool) -> Result<Value, ContainerError> {
    match engine.find(target) {
        Ok((record, _)) => {
            let name = match rename {
                true => clone_name(engine, &record.name)?,
                false => record.name.clone(),
            };
            Ok(container(&record, name))
        }
        Err(ContainerError::NotFound(_)) => {
            let all = pods(engine);
            let pod = all.get(target).map_err(|e| match e {
                PodsError::NotFound(_) => ContainerError::NotFound(target.into()),
                e => e.into(),
            })?;
            let infra = match &pod.infra_id {
                Some(id) => Some(engine.find(id)?.0),
                None => None,
            };
            let name = match rename {
                true => {
                    let taken: Vec<String> = all.list()?.into_iter().map(|p| p.name).collect();
                    free_clone_name(&pod.name, &taken)
                }
                false => pod.name.clone(),
            };
            Ok(pod_spec(&pod, infra.as_ref(), name))
        }
        Err(e) => Err(e),
    }
}

/// Inserts `value` unless it is podman's empty (`omitempty`): null, false, 0, "", [] or {}.
fn put(spec: &mut Map<String, Value>, key: &str, value: Value) {
    let empty = match &value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    };
    if !empty {
        spec.insert(key.into(), value);
    }
}

fn container(record: &ContainerRecord, name: String) -> Value {
    let run = &record.run;
    let mut spec = Map::new();
    put(&mut spec, "name", json!(name));
    put(&mut spec, "pod", json!(run.pod));
    put(&mut spec, "image", json!(record.image.as_str()));
    put(&mut spec, "raw_image_name", json!(record.image_name));
    put(&mut spec, "entrypoint", json!(run.entrypoint));
    put(&mut spec, "command", json!(run.cmd));
    let env: Map<String, Value> = run
        .env
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    put(&mut spec, "env", Value::Object(env));
    put(&mut spec, "terminal", json!(run.tty));
    put(&mut spec, "stdin", json!(run.interactive));
    put(&mut spec, "labels", json!(run.labels));
    put(&mut spec, "annotations", json!(run.annotations));
    put(
        &mut spec,
        "stop_signal",
        json!(signal_number(&run.stop_signal)),
    );
    put(&mut spec, "stop_timeout", json!(run.stop_timeout));
    put(&mut spec, "timeout", json!(run.timeout));
    let (policy, tries) = restart(&run.restart);
    put(&mut spec, "restart_policy", json!(policy));
    put(&mut spec, "restart_tries", json!(tries));
    // rpod names a container's host after its id unless told otherwise.
    if !record.id.as_str().starts_with(&run.hostname) {
        put(&mut spec, "hostname", json!(run.hostname));
    }
    put(&mut spec, "remove", json!(run.auto_remove));
    put(
        &mut spec,
        "containerCreateCommand",
        json!(run.create_command),
    );
    put(&mut spec, "pidns", namespace(&run.pid));
    put(&mut spec, "utsns", namespace(&run.uts));
    put(&mut spec, "ipcns", namespace(&run.ipc));
    put(&mut spec, "cgroupns", namespace(&run.cgroupns));
    let sysctls: BTreeMap<&str, &str> = run
        .sysctls
        .iter()
        .map(|s| (s.key.as_str(), s.value.as_str()))
        .collect();
    put(&mut spec, "sysctl", json!(sysctls));
    mounts(record, &mut spec);
    put(&mut spec, "work_dir", json!(run.working_dir));
    put(&mut spec, "init", json!(run.init));
    put(&mut spec, "read_only_filesystem", json!(run.read_only));
    put(&mut spec, "volatile", json!(run.volatile));
    put(&mut spec, "privileged", json!(run.privileged));
    put(&mut spec, "user", json!(run.user));
    put(&mut spec, "cap_add", json!(run.cap_add));
    put(&mut spec, "cap_drop", json!(run.cap_drop));
    put(&mut spec, "no_new_privileges", json!(run.no_new_privileges));
    match &run.seccomp {
        SeccompChoice::Default => {}
        SeccompChoice::Unconfined => put(&mut spec, "seccomp_profile_path", json!("unconfined")),
        SeccompChoice::Profile(path) => put(&mut spec, "seccomp_profile_path", json!(path)),
    }
    if run.keep_id {
        put(&mut spec, "userns", json!({"nsmode": "keep-id"}));
    }
    network(record, &mut spec);
    resources(record, &mut spec);
    if let Some(check) = &run.healthcheck {
        let nanos = |d: std::time::Duration| d.as_nanos() as u64;
        put(
            &mut spec,
            "healthconfig",
            json!({
                "Test": check.test.docker(),
                "Interval": nanos(check.interval),
                "Timeout": nanos(check.timeout),
                "StartPeriod": nanos(check.start_period),
                "Retries": check.retries,
            }),
        );
    }
    let driver = if run.log.disabled { "none" } else { "k8s-file" };
    let mut log = Map::new();
    put(&mut log, "driver", json!(driver));
    put(&mut log, "path", json!(run.log.path));
    put(&mut log, "size", json!(run.log.max_size));
    put(&mut spec, "log_configuration", Value::Object(log));
    Value::Object(spec)
}

/// podman's `stop_signal` is the signal's number.
fn signal_number(name: &str) -> Option<i32> {
    let upper = name.to_ascii_uppercase();
    let full = match upper.starts_with("SIG") {
        true => upper,
        false => format!("SIG{upper}"),
    };
    name.parse().ok().or_else(|| {
        full.parse::<nix::sys::signal::Signal>()
            .ok()
            .map(|s| s as i32)
    })
}

fn restart(policy: &RestartPolicy) -> (&'static str, u32) {
    match policy {
        RestartPolicy::No => ("", 0),
        RestartPolicy::Always => ("always", 0),
        RestartPolicy::OnFailure { max_retries } => ("on-failure", *max_retries),
        RestartPolicy::UnlessStopped => ("unless-stopped", 0),
    }
}

/// podman's `Namespace`: `private` is its default and left out.
fn namespace(sharing: &Sharing) -> Value {
    match sharing {
        Sharing::Private => Value::Null,
        Sharing::Host => json!({"nsmode": "host"}),
        Sharing::Container(id) => json!({"nsmode": "container", "value": id}),
    }
}

/// Binds and tmpfs as OCI mounts (`mounts`), named and anonymous volumes as `volumes`.
fn mounts(record: &ContainerRecord, spec: &mut Map<String, Value>) {
    let mut mounts = Vec::new();
    let mut volumes = Vec::new();
    for mount in &record.run.mounts {
        let ro = if mount.readonly { "ro" } else { "rw" };
        match &mount.kind {
            MountKind::Bind { source } => mounts.push(json!({
                "destination": mount.target,
                "type": "bind",
                "source": source,
                "options": ["rbind", ro],
            })),
            MountKind::Tmpfs { options } => {
                let mut opts: Vec<&str> = options.split(',').filter(|o| !o.is_empty()).collect();
                opts.push(ro);
                mounts.push(json!({
                    "destination": mount.target,
                    "type": "tmpfs",
                    "source": "tmpfs",
                    "options": opts,
                }))
            }
            MountKind::Volume { name, anonymous } => {
                let mut volume = json!({"Name": name, "Dest": mount.target, "Options": [ro]});
                if *anonymous {
                    // podman's anonymous volume has no name: one is made at create.
                    volume["Name"] = json!("");
                    volume["IsAnonymous"] = json!(true);
                }
                volumes.push(volume);
            }
        }
    }
    put(spec, "mounts", json!(mounts));
    put(spec, "volumes", json!(volumes));
}

fn network(record: &ContainerRecord, spec: &mut Map<String, Value>) {
    let run = &record.run;
    let netns = match &run.network {
        NetworkMode::None => json!({"nsmode": "none"}),
        NetworkMode::Host => json!({"nsmode": "host"}),
        NetworkMode::Pasta(_) => json!({"nsmode": "pasta"}),
        NetworkMode::Slirp4netns(_) => json!({"nsmode": "slirp4netns"}),
        NetworkMode::Container(id) => json!({"nsmode": "container", "value": id}),
        NetworkMode::Bridge(attachments) => {
            let networks: Map<String, Value> = attachments
                .iter()
                .map(|a| {
                    let mut opts = Map::new();
                    put(&mut opts, "aliases", json!(a.aliases));
                    let ips: Vec<String> =
                        a.ip.iter()
                            .map(ToString::to_string)
                            .chain(a.ip6.iter().map(ToString::to_string))
                            .collect();
                    put(&mut opts, "static_ips", json!(ips));
                    (a.network.clone(), Value::Object(opts))
                })
                .collect();
            put(spec, "Networks", Value::Object(networks));
            json!({"nsmode": "bridge"})
        }
    };
    // A pod's member joins its infra's network: the pod says it.
    if run.pod.is_none() {
        put(spec, "netns", netns);
    }
    let ports: Vec<Value> = run
        .ports
        .iter()
        .map(|p| {
            let mut port = Map::new();
            put(&mut port, "host_ip", json!(p.host_ip));
            put(&mut port, "container_port", json!(p.container_port));
            put(&mut port, "host_port", json!(p.host_port));
            put(&mut port, "range", json!(1));
            put(&mut port, "protocol", json!(p.protocol.to_string()));
            Value::Object(port)
        })
        .collect();
    put(spec, "portmappings", json!(ports));
    let dns = &run.dns;
    put(spec, "dns_server", json!(dns.servers));
    put(spec, "dns_search", json!(dns.search));
    put(spec, "dns_option", json!(dns.options));
    let hosts: Vec<String> = dns
        .add_hosts
        .iter()
        .map(|h| match &h.addr {
            HostAddr::Ip(ip) => format!("{}:{ip}", h.name),
            HostAddr::HostGateway => format!("{}:host-gateway", h.name),
        })
        .collect();
    put(spec, "hostadd", json!(hosts));
}

/// Limits as the OCI runtime spec's `LinuxResources`, ulimits as `r_limits`.
fn resources(record: &ContainerRecord, spec: &mut Map<String, Value>) {
    let limits = &record.run.resources.limits;
    let mut memory = Map::new();
    put(&mut memory, "limit", json!(limits.memory));
    put(&mut memory, "reservation", json!(limits.memory_reservation));
    put(&mut memory, "swap", json!(limits.memory_swap));
    let mut cpu = Map::new();
    put(&mut cpu, "shares", json!(limits.cpu_shares));
    // `--cpus N` is a quota over podman's period of 100 ms.
    let quota = limits.cpu_quota.or(limits
        .nano_cpus
        .map(|n| (n as i64) * crate::cgroup::limits::CPU_PERIOD as i64 / 1_000_000_000));
    put(&mut cpu, "quota", json!(quota));
    let period = limits
        .cpu_period
        .or(limits.nano_cpus.map(|_| crate::cgroup::limits::CPU_PERIOD));
    put(&mut cpu, "period", json!(period));
    put(&mut cpu, "cpus", json!(limits.cpuset_cpus));
    put(&mut cpu, "mems", json!(limits.cpuset_mems));
    let mut all = Map::new();
    put(&mut all, "memory", Value::Object(memory));
    put(&mut all, "cpu", Value::Object(cpu));
    if let Some(pids) = limits.pids_limit {
        all.insert("pids".into(), json!({"limit": pids}));
    }
    put(spec, "resource_limits", Value::Object(all));
    put(
        spec,
        "cgroup_parent",
        json!(record.run.resources.cgroup_parent),
    );
    let rlimits: Vec<Value> = record
        .run
        .ulimits
        .iter()
        .filter_map(|(resource, soft, hard)| {
            let name = process::rlimit_name(*resource)?;
            Some(json!({"type": name, "soft": soft, "hard": hard}))
        })
        .collect();
    put(spec, "r_limits", json!(rlimits));
}

/// podman's PodSpecGenerator: the pod's own settings and its infra's network.
fn pod_spec(pod: &Pod, infra: Option<&ContainerRecord>, name: String) -> Value {
    let mut spec = Map::new();
    put(&mut spec, "name", json!(name));
    put(&mut spec, "labels", json!(pod.labels));
    put(&mut spec, "no_infra", json!(infra.is_none()));
    put(&mut spec, "pod_create_command", json!(pod.create_command));
    put(&mut spec, "shared_namespaces", json!(pod.share));
    let policy = match pod.exit_policy {
        ExitPolicy::Continue => "continue",
        ExitPolicy::Stop => "stop",
    };
    put(&mut spec, "exit_policy", json!(policy));
    put(&mut spec, "restart_policy", json!(pod.members.restart));
    put(&mut spec, "shm_size", json!(pod.members.shm_size));
    if let Some(infra) = infra {
        let infra_spec = container(infra, String::new());
        for key in [
            "hostname",
            "netns",
            "Networks",
            "portmappings",
            "dns_server",
            "dns_search",
            "dns_option",
            "hostadd",
        ] {
            if let Some(value) = infra_spec.get(key) {
                put(&mut spec, key, value.clone());
            }
        }
    }
    Value::Object(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_numbers_and_empty_fields_are_left_out() {
        assert_eq!(signal_number("SIGTERM"), Some(15));
        assert_eq!(signal_number("kill"), Some(9));
        assert_eq!(signal_number("10"), Some(10));
        let mut spec = Map::new();
        put(&mut spec, "a", json!(""));
        put(&mut spec, "b", json!(0));
        put(&mut spec, "c", json!(false));
        put(&mut spec, "d", json!([]));
        put(&mut spec, "e", json!({}));
        put(&mut spec, "f", json!(null));
        put(&mut spec, "g", json!(3));
        assert_eq!(Value::Object(spec), json!({"g": 3}));
    }
}
