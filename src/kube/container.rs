//! One container record as a Kubernetes container and the pod volumes its mounts need, with
//! a warning for each setting Kubernetes has no field for.

use std::collections::BTreeMap;
use std::path::Path;

use super::names::dns_label;
use super::types::{
    Capabilities, ClaimSource, Container, ContainerPort, EmptyDir, EnvVar, ExecAction, HostPath,
    Probe, Resources, SecurityContext, Volume, VolumeMount,
};
use crate::container::create::DEFAULT_PATH;
use crate::container::plan::mounts::MountKind;
use crate::container::record::ContainerRecord;
use crate::image::manifest::ContainerConfig;
use crate::network::{NetworkMode, Protocol};

/// A container, the volumes it mounts, and what of it Kubernetes cannot say.
pub struct Converted {
    pub container: Container,
    pub volumes: Vec<Volume>,
    pub warnings: Vec<String>,
}

/// `volume_index` numbers the pod's volumes across its containers so that names stay unique;
/// with `podman_only`, the settings podman's reserved annotations say are no warnings.
pub fn convert(
    record: &ContainerRecord,
    image: &ContainerConfig,
    volume_index: &mut usize,
    podman_only: bool,
) -> Converted {
    let run = &record.run;
    let (command, args) = command_and_args(record, image);
    let mut volumes = Vec::new();
    let mut volume_mounts = Vec::new();
    for mount in &run.mounts {
        let volume = volume_for(&mount.kind, &mount.target, *volume_index);
        *volume_index += 1;
        volume_mounts.push(VolumeMount {
            name: volume.name.clone(),
            mount_path: mount.target.clone(),
            read_only: mount.readonly,
        });
        volumes.push(volume);
    }
    let container = Container {
        name: dns_label(&record.name, 63),
        image: record.image_name.clone(),
        command,
        args,
        env: env(record, image),
        working_dir: working_dir(&run.working_dir, image),
        ports: ports(record),
        resources: resources(record),
        security_context: security_context(record),
        volume_mounts,
        liveness_probe: probe(record),
        stdin: run.interactive,
        tty: run.tty,
    };
    Converted {
        container,
        volumes,
        warnings: warnings(record, podman_only),
    }
}

/// Kubernetes' `command` replaces the image's entrypoint and `args` its command: each is
/// written only where the container's differs from the image's.
fn command_and_args(
    record: &ContainerRecord,
    image: &ContainerConfig,
) -> (Vec<String>, Vec<String>) {
    let run = &record.run;
    let image_entrypoint = image.entrypoint.clone().unwrap_or_default();
    let image_cmd = image.cmd.clone().unwrap_or_default();
    if run.entrypoint != image_entrypoint {
        (run.entrypoint.clone(), run.cmd.clone())
    } else if run.cmd != image_cmd {
        (Vec::new(), run.cmd.clone())
    } else {
        (Vec::new(), Vec::new())
    }
}

/// The variables the user set: not the image's own, nor those rpod adds to every container.
fn env(record: &ContainerRecord, image: &ContainerConfig) -> Vec<EnvVar> {
    let image_env = image.env.clone().unwrap_or_default();
    // rpod sets HOME from the image's passwd, as a cluster's runtime does: written only when
    // the command line gave it.
    let home_given = record
        .run
        .create_command
        .iter()
        .any(|a| a.contains("HOME="));
    let added_by_rpod = |entry: &str| {
        entry == DEFAULT_PATH
            || entry == "container=rpod"
            || entry == format!("HOSTNAME={}", record.run.hostname)
            || (record.run.tty && entry == "TERM=xterm")
            || (record.run.systemd_on
                && entry == format!("container_uuid={}", &record.id.as_str()[..32]))
            || (entry.starts_with("HOME=") && !home_given)
    };
    record
        .run
        .env
        .iter()
        .filter(|e| !image_env.contains(e) && !added_by_rpod(e))
        .filter_map(|e| e.split_once('='))
        .map(|(name, value)| EnvVar {
            name: name.into(),
            value: value.into(),
        })
        .collect()
}

fn working_dir(dir: &str, image: &ContainerConfig) -> Option<String> {
    let image_dir = image.working_dir.as_deref().filter(|d| !d.is_empty());
    let same = image_dir.map_or(dir == "/" || dir.is_empty(), |d| d == dir);
    (!same).then(|| dir.to_string())
}

pub(super) fn ports(record: &ContainerRecord) -> Vec<ContainerPort> {
    record
        .run
        .ports
        .iter()
        .map(|p| ContainerPort {
            container_port: p.container_port,
            host_port: Some(p.host_port),
            host_ip: p
                .host_ip
                .filter(|ip| !ip.is_unspecified())
                .map(|ip| ip.to_string()),
            // Kubernetes defaults to TCP.
            protocol: matches!(p.protocol, Protocol::Udp).then(|| "UDP".to_string()),
        })
        .collect()
}

fn resources(record: &ContainerRecord) -> Option<Resources> {
    let limits = &record.run.resources.limits;
    let mut out = Resources::default();
    if let Some(bytes) = limits.memory {
        out.limits.insert("memory".into(), bytes.to_string());
    }
    if let Some(nano) = limits.nano_cpus {
        out.limits
            .insert("cpu".into(), format!("{}m", nano.div_ceil(1_000_000)));
    }
    if let Some(bytes) = limits.memory_reservation {
        out.requests.insert("memory".into(), bytes.to_string());
    }
    (out != Resources::default()).then_some(out)
}

fn security_context(record: &ContainerRecord) -> Option<SecurityContext> {
    let run = &record.run;
    let caps = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|c| c.to_uppercase().trim_start_matches("CAP_").to_string())
            .collect()
    };
    let capabilities = Capabilities {
        add: caps(&run.cap_add),
        drop: caps(&run.cap_drop),
    };
    let user_set = !run.user.is_empty();
    let ctx = SecurityContext {
        capabilities: (capabilities != Capabilities::default()).then_some(capabilities),
        privileged: run.privileged.then_some(true),
        read_only_root_filesystem: run.read_only.then_some(true),
        allow_privilege_escalation: run.no_new_privileges.then_some(false),
        run_as_user: user_set.then_some(run.uid),
        run_as_group: user_set.then_some(run.gid),
    };
    (ctx != SecurityContext::default()).then_some(ctx)
}

/// A named volume is a claim of its name, a bind a hostPath, a tmpfs or an anonymous volume
/// an emptyDir (in memory for tmpfs).
fn volume_for(kind: &MountKind, target: &str, index: usize) -> Volume {
    match kind {
        MountKind::Volume {
            name,
            anonymous: false,
        } => Volume {
            name: format!("{}-pvc", dns_label(name, 59)),
            persistent_volume_claim: Some(ClaimSource {
                claim_name: name.clone(),
            }),
            ..Volume::default()
        },
        MountKind::Volume {
            anonymous: true, ..
        } => Volume {
            name: format!("{}-{index}", dns_label(target, 50)),
            empty_dir: Some(EmptyDir::default()),
            ..Volume::default()
        },
        MountKind::Bind { source } => Volume {
            name: format!(
                "{}-host-{index}",
                dns_label(&source.display().to_string(), 45)
            ),
            host_path: Some(HostPath {
                path: source.display().to_string(),
                kind: host_path_type(source).into(),
            }),
            ..Volume::default()
        },
        MountKind::Tmpfs { options } => Volume {
            name: format!("{}-tmpfs-{index}", dns_label(target, 45)),
            empty_dir: Some(EmptyDir {
                medium: Some("Memory".into()),
                size_limit: tmpfs_size(options),
            }),
            ..Volume::default()
        },
    }
}

fn host_path_type(source: &Path) -> &'static str {
    match std::fs::metadata(source) {
        Ok(m) if m.is_dir() => "Directory",
        Ok(_) => "File",
        Err(_) => "DirectoryOrCreate",
    }
}

/// tmpfs's `size=` in a quantity Kubernetes reads (`64m` becomes `64Mi`).
fn tmpfs_size(options: &str) -> Option<String> {
    let size = options.split(',').find_map(|o| o.strip_prefix("size="))?;
    let (digits, unit) = size.split_at(
        size.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(size.len()),
    );
    let unit = match unit.to_ascii_lowercase().as_str() {
        "" => "",
        "k" => "Ki",
        "m" => "Mi",
        "g" => "Gi",
        _ => return None,
    };
    (!digits.is_empty()).then(|| format!("{digits}{unit}"))
}

fn probe(record: &ContainerRecord) -> Option<Probe> {
    let check = record.run.healthcheck.as_ref()?;
    let secs = |d: std::time::Duration| d.as_secs().max(1);
    Some(Probe {
        exec: ExecAction {
            command: check.test.argv(),
        },
        initial_delay_seconds: (!check.start_period.is_zero())
            .then_some(check.start_period.as_secs()),
        period_seconds: secs(check.interval),
        timeout_seconds: secs(check.timeout),
        failure_threshold: check.retries.max(1),
    })
}

/// Settings with no Kubernetes field: said, not silently dropped (with `podman_only`, those
/// that podman's reserved annotations say are written there instead).
fn warnings(record: &ContainerRecord, podman_only: bool) -> Vec<String> {
    let run = &record.run;
    let limits = &run.resources.limits;
    let mut missing: Vec<&str> = Vec::new();
    let mut note = |cond: bool, what: &'static str| {
        if cond {
            missing.push(what);
        }
    };
    note(limits.pids_limit.is_some() && !podman_only, "--pids-limit");
    note(
        limits.cpuset_cpus.is_some() && !podman_only,
        "--cpuset-cpus",
    );
    note(
        limits.cpuset_mems.is_some() && !podman_only,
        "--cpuset-mems",
    );
    note(
        limits.cpu_quota.is_some() || limits.cpu_period.is_some(),
        "--cpu-quota",
    );
    note(
        limits.cpu_shares.is_some() || limits.cpu_weight.is_some(),
        "--cpu-shares",
    );
    note(limits.memory_swap.is_some(), "--memory-swap");
    note(!run.ulimits.is_empty() && !podman_only, "--ulimit");
    note(run.keep_id && !podman_only, "--userns=keep-id");
    note(run.init && !podman_only, "--init");
    note(!run.chroot_dirs.is_empty(), "--chrootdirs");
    note(run.no_passwd, "--passwd=false");
    note(
        matches!(run.restart, crate::monitor::restart::RestartPolicy::OnFailure { max_retries } if max_retries > 0),
        "--restart on-failure:N's retry limit",
    );
    note(
        matches!(run.network, NetworkMode::None | NetworkMode::Bridge(_))
            || (matches!(run.network, NetworkMode::Container(_)) && run.pod.is_none()),
        "--network (a pod has the cluster's network)",
    );
    note(
        run.healthcheck
            .as_ref()
            .is_some_and(|h| h.interval.is_zero()),
        "--health-interval=disable (the probe runs every second)",
    );
    missing
        .into_iter()
        .map(|what| format!("{}: {what} has no Kubernetes field: left out", record.name))
        .collect()
}

/// The pod's restartPolicy for rpod's policy: Kubernetes has no unless-stopped.
pub fn restart_policy(record: &ContainerRecord) -> &'static str {
    use crate::monitor::restart::RestartPolicy;
    match record.run.restart {
        RestartPolicy::No => "Never",
        RestartPolicy::OnFailure { .. } => "OnFailure",
        RestartPolicy::Always | RestartPolicy::UnlessStopped => "Always",
    }
}

/// Labels that Kubernetes accepts as labels, and the rest as annotations.
pub fn split_labels(
    labels: &BTreeMap<String, String>,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    labels
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .partition(|(k, v)| super::names::is_label(k, v))
}
