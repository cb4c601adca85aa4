//! A pod of the YAML as `pod create` and `create --pod` would be asked for it: the pod's
//! request, its infra container, and one [`RunPlan`] per container, each checked by the
//! same builder `run` uses, before anything is written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::PlayOptions;
use super::manifest::{Manifest, PodDoc};
use super::read::{Container, PodSpec, Volume};
use super::{seccomp, values};
use crate::config::Config;
use crate::container::infra::{self, InfraRequest};
use crate::container::plan::mounts::{self, MountKind};
use crate::container::plan::process;
use crate::container::plan::{MoreOptions, RunOptions, RunPlan};
use crate::kube::{KubeError, reserved};
use crate::pods::{ExitPolicy, MemberDefaults, PodRequest};

/// One container of the pod: its name (`<pod>-<container>`, podman's) and its plan.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub plan: RunPlan,
}

/// What making one pod takes.
#[derive(Debug, Clone)]
pub struct Recipe {
    pub pod: PodRequest,
    pub infra: InfraRequest,
    /// Run to completion, in order, before `apps` start.
    pub init: Vec<Member>,
    pub apps: Vec<Member>,
    /// The pod's own files (emptyDir, configMap and secret volumes), removed with it.
    pub dir: PathBuf,
    /// Files to write under `dir`: (path, content).
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Directories to make: emptyDirs, `hostPath` of type DirectoryOrCreate.
    pub dirs: Vec<PathBuf>,
    /// `hostPath` files of type FileOrCreate.
    pub host_files: Vec<PathBuf>,
    /// Named volumes (persistentVolumeClaim) the pod uses.
    pub claims: Vec<String>,
}

/// Where a pod's own files live: `<root>/kube/<pod>`.
pub fn pod_dir(root: &Path, pod: &str) -> PathBuf {
    root.join("kube").join(pod)
}

/// How a pod's volume reaches a container.
enum Source {
    /// `-v SOURCE:TARGET`: an existing host path, or a named volume.
    Bind(String),
    /// A directory made with the pod (its own, or a hostPath DirectoryOrCreate or
    /// FileOrCreate): `-v` would refuse it as missing while the plan is built.
    Made(PathBuf),
    /// `--tmpfs TARGET` (emptyDir medium Memory): a container's own.
    Tmpfs,
}

/// The recipe of `doc`, the manifest's `index`th pod (which `--ip` and `--mac-address` it gets).
pub fn recipe(
    doc: &PodDoc,
    index: usize,
    manifest: &Manifest,
    opts: &PlayOptions,
    config: &Config,
    root: &Path,
) -> Result<Recipe, KubeError> {
    let at = |what: &str| format!("pod {}: {what}", doc.name);
    let bad = |what: &str, reason: String| KubeError::Invalid {
        at: at(what),
        reason,
    };
    let spec = &doc.spec;
    let dir = pod_dir(root, &doc.name);
    let userns = opts
        .userns
        .clone()
        .or_else(|| doc.annotations.get(reserved::USERNS).cloned());
    let mut recipe = Recipe {
        pod: PodRequest {
            name: Some(doc.name.clone()),
            labels: doc.labels.clone(),
            share: infra::parse_share(None).map_err(|e| bad("share", e.to_string()))?,
            // A pod whose containers all exited is done, as podman's kube play pods are.
            exit_policy: ExitPolicy::Stop,
            create_command: std::env::args().collect(),
            members: MemberDefaults {
                userns: userns.clone(),
                ..MemberDefaults::default()
            },
            ..PodRequest::default()
        },
        infra: InfraRequest {
            hostname: spec.hostname.clone(),
            network: match (&opts.network, spec.host_network) {
                (Some(n), _) => Some(n.clone()),
                (None, true) => Some("host".into()),
                (None, false) => None,
            },
            publish: publish(spec, &opts.publish, opts.publish_all),
            shared: RunOptions {
                userns,
                ip: opts.ips.get(index).cloned(),
                mac_address: opts.macs.get(index).cloned(),
                more: MoreOptions {
                    annotations: opts.annotations.clone(),
                    no_hosts: opts.no_hosts,
                    no_hostname: opts.no_hostname,
                    ..MoreOptions::default()
                },
                ..RunOptions::default()
            },
            ..InfraRequest::default()
        },
        init: Vec::new(),
        apps: Vec::new(),
        dir: dir.clone(),
        files: Vec::new(),
        dirs: Vec::new(),
        host_files: Vec::new(),
        claims: Vec::new(),
    };
    if spec.automount_service_account_token == Some(true) {
        return Err(bad(
            "spec.automountServiceAccountToken",
            "rpod has no service account token to mount".into(),
        ));
    }
    let mut sources = BTreeMap::new();
    for volume in &spec.volumes {
        let source = volume_source(volume, manifest, &dir, &mut recipe)
            .map_err(|reason| bad(&format!("volume {}", volume.name), reason))?;
        sources.insert(volume.name.clone(), source);
    }
    let restart = match &spec.restart_policy {
        Some(p) => values::restart(p).map_err(|e| bad("spec.restartPolicy", e))?,
        None => "always",
    };
    for c in &spec.init_containers {
        let mut member = member(doc, c, "no", &sources, manifest, opts, config)
            .map_err(|reason| bad(&format!("init container {}", c.name), reason))?;
        pull_as_asked(&mut member.plan, opts);
        recipe.init.push(member);
    }
    for c in &spec.containers {
        let mut member = member(doc, c, restart, &sources, manifest, opts, config)
            .map_err(|reason| bad(&format!("container {}", c.name), reason))?;
        pull_as_asked(&mut member.plan, opts);
        recipe.apps.push(member);
    }
    Ok(recipe)
}

/// podman's reserved annotations for the container (`kube generate --podman-only` writes
/// them): the settings Kubernetes has no field for.
fn podman_annotations(doc: &PodDoc, c: &Container, opts: &mut RunOptions) -> Result<(), String> {
    let get = |key: &str| reserved::for_container(&doc.annotations, key, &c.name);
    let limits = &mut opts.resources.limits;
    if let Some(value) = get(reserved::PIDS_LIMIT) {
        limits.pids_limit = Some(value.parse().map_err(|_| {
            format!(
                "{}/{}: {value:?} is not a number",
                reserved::PIDS_LIMIT,
                c.name
            )
        })?);
    }
    if let Some(value) = get(reserved::CPUSET) {
        limits.cpuset_cpus = Some(value.into());
    }
    if let Some(value) = get(reserved::MEMORY_NODES) {
        limits.cpuset_mems = Some(value.into());
    }
    // Pod-wide: podman gives every container of the pod these limits.
    if let Some(value) = doc.annotations.get(reserved::ULIMIT) {
        for limit in value.split(',').filter(|l| !l.is_empty()) {
            process::parse_ulimit(limit).map_err(|e| format!("{}: {e}", reserved::ULIMIT))?;
            opts.ulimits.push(limit.to_string());
        }
    }
    // podman writes its booleans as TRUE and FALSE.
    if let Some(value) = get(reserved::INIT) {
        opts.init = match value.to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => {
                return Err(format!(
                    "{}/{}: {value:?} is not true or false",
                    reserved::INIT,
                    c.name
                ));
            }
        };
    }
    Ok(())
}

/// `kube play`'s registry flags, for the pull of a container's image.
fn pull_as_asked(plan: &mut RunPlan, opts: &PlayOptions) {
    plan.image.tls_verify = opts.tls_verify;
    plan.image.creds = opts.creds.clone();
    plan.image.cert_dir = opts.cert_dir.clone();
    plan.image.authfile = opts.authfile.clone();
}

/// The pod's published ports: the containers' hostPorts (with `all`, every containerPort, on
/// its own number where it has no hostPort), each replaced by a `--publish` of the same
/// container port; the other `--publish` values are added.
fn publish(spec: &PodSpec, overrides: &[String], all: bool) -> Vec<String> {
    let target = |p: &str| -> String {
        let (ports, proto) = p.split_once('/').unwrap_or((p, "tcp"));
        let port = ports.rsplit(':').next().unwrap_or(ports);
        format!("{port}/{}", proto.to_ascii_lowercase())
    };
    let mut out: Vec<String> = Vec::new();
    for c in &spec.containers {
        for p in &c.ports {
            let Some(host) = p.host_port.or(all.then_some(p.container_port)) else {
                continue;
            };
            let proto = p.protocol.as_deref().unwrap_or("TCP").to_ascii_lowercase();
            let ip = p
                .host_ip
                .as_deref()
                .map(|ip| format!("{ip}:"))
                .unwrap_or_default();
            out.push(format!("{ip}{host}:{}/{proto}", p.container_port));
        }
    }
    out.retain(|p| !overrides.iter().any(|o| target(o) == target(p)));
    out.extend(overrides.iter().cloned());
    out
}

fn volume_source(
    volume: &Volume,
    manifest: &Manifest,
    dir: &Path,
    recipe: &mut Recipe,
) -> Result<Source, String> {
    let own = dir.join("volumes").join(&volume.name);
    let files = |data: Option<&BTreeMap<String, Vec<u8>>>,
                 items: &[super::read::KeyPath],
                 recipe: &mut Recipe|
     -> Result<(), String> {
        recipe.dirs.push(own.clone());
        let Some(data) = data else { return Ok(()) };
        let chosen: Vec<(String, String)> = match items {
            [] => data.keys().map(|k| (k.clone(), k.clone())).collect(),
            items => items
                .iter()
                .map(|i| (i.key.clone(), i.path.clone()))
                .collect(),
        };
        for (key, path) in chosen {
            if path.split('/').any(|part| part == ".." || part.is_empty()) {
                return Err(format!(
                    "items: {path:?} must be a relative path without .."
                ));
            }
            let value = data
                .get(&key)
                .ok_or_else(|| format!("items: no key {key:?}"))?;
            recipe.files.push((own.join(path), value.clone()));
        }
        Ok(())
    };
    let sources = [
        volume.host_path.is_some(),
        volume.empty_dir.is_some(),
        volume.persistent_volume_claim.is_some(),
        volume.config_map.is_some(),
        volume.secret.is_some(),
    ];
    if sources.iter().filter(|s| **s).count() != 1 {
        return Err(
            "needs exactly one of hostPath, emptyDir, persistentVolumeClaim, configMap, secret"
                .into(),
        );
    }
    if let Some(host) = &volume.host_path {
        // podman's rule: a path without a slash names a volume.
        if !host.path.contains('/') {
            recipe.claims.push(host.path.clone());
            return Ok(Source::Bind(host.path.clone()));
        }
        let path = PathBuf::from(&host.path);
        if !path.is_absolute() {
            return Err(format!("hostPath {:?} must be absolute", host.path));
        }
        return match host.kind.as_deref().unwrap_or("") {
            "DirectoryOrCreate" => {
                recipe.dirs.push(path.clone());
                Ok(Source::Made(path))
            }
            "FileOrCreate" => {
                recipe.host_files.push(path.clone());
                Ok(Source::Made(path))
            }
            "" | "Directory" | "File" | "Socket" | "CharDevice" | "BlockDevice" => {
                Ok(Source::Bind(host.path.clone()))
            }
            other => Err(format!("hostPath type {other:?} is not one Kubernetes has")),
        };
    }
    if let Some(empty) = &volume.empty_dir {
        return match empty.medium.as_deref().unwrap_or("") {
            "Memory" => Ok(Source::Tmpfs),
            "" => {
                recipe.dirs.push(own.clone());
                Ok(Source::Made(own))
            }
            other => Err(format!(
                "emptyDir medium {other:?}: expected Memory or none"
            )),
        };
    }
    if let Some(claim) = &volume.persistent_volume_claim {
        recipe.claims.push(claim.claim_name.clone());
        return Ok(Source::Bind(claim.claim_name.clone()));
    }
    if let Some(cm) = &volume.config_map {
        let data = manifest.config_maps.get(&cm.name);
        if data.is_none() && !cm.optional {
            return Err(format!(
                "configMap {:?} is in neither the YAML nor a --configmap file",
                cm.name
            ));
        }
        files(data, &cm.items, recipe)?;
        return Ok(Source::Made(own));
    }
    let secret = volume.secret.as_ref().expect("one source is set");
    let data = manifest.secrets.get(&secret.secret_name);
    if data.is_none() && !secret.optional {
        return Err(format!(
            "secret {:?} is not in the YAML",
            secret.secret_name
        ));
    }
    files(data, &secret.items, recipe)?;
    Ok(Source::Made(own))
}

/// A value of a ConfigMap or Secret: `None` when it is missing and optional.
fn key_value(
    what: &str,
    maps: &BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    name: &str,
    key: Option<&str>,
    optional: bool,
) -> Result<Option<Vec<(String, String)>>, String> {
    let Some(map) = maps.get(name) else {
        return match optional {
            true => Ok(None),
            false => Err(format!("{what} {name:?} is not in the YAML")),
        };
    };
    let text = |v: &Vec<u8>| String::from_utf8_lossy(v).into_owned();
    match key {
        None => Ok(Some(
            map.iter().map(|(k, v)| (k.clone(), text(v))).collect(),
        )),
        Some(key) => match map.get(key) {
            Some(v) => Ok(Some(vec![(key.to_string(), text(v))])),
            None if optional => Ok(None),
            None => Err(format!("{what} {name:?} has no key {key:?}")),
        },
    }
}

fn env(c: &Container, manifest: &Manifest) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for from in &c.env_from {
        let prefix = from.prefix.as_deref().unwrap_or("");
        let found = match (&from.config_map_ref, &from.secret_ref) {
            (Some(r), None) => key_value(
                "configMap",
                &manifest.config_maps,
                &r.name,
                None,
                r.optional,
            )?,
            (None, Some(r)) => key_value("secret", &manifest.secrets, &r.name, None, r.optional)?,
            _ => return Err("envFrom: needs one of configMapRef and secretRef".into()),
        };
        for (k, v) in found.unwrap_or_default() {
            out.push(format!("{prefix}{k}={v}"));
        }
    }
    for var in &c.env {
        let value = match (&var.value, &var.value_from) {
            (Some(v), None) => Some(v.clone()),
            (None, None) => Some(String::new()),
            (None, Some(from)) => {
                let found = match (&from.config_map_key_ref, &from.secret_key_ref) {
                    (Some(r), None) => key_value(
                        "configMap",
                        &manifest.config_maps,
                        &r.name,
                        Some(&r.key),
                        r.optional,
                    )?,
                    (None, Some(r)) => key_value(
                        "secret",
                        &manifest.secrets,
                        &r.name,
                        Some(&r.key),
                        r.optional,
                    )?,
                    _ => {
                        return Err(format!(
                            "env {}: valueFrom needs one of configMapKeyRef and secretKeyRef",
                            var.name
                        ));
                    }
                };
                found.and_then(|f| f.into_iter().next()).map(|(_, v)| v)
            }
            (Some(_), Some(_)) => {
                return Err(format!("env {}: both value and valueFrom", var.name));
            }
        };
        if let Some(value) = value {
            out.push(format!("{}={value}", var.name));
        }
    }
    Ok(out)
}

fn member(
    doc: &PodDoc,
    c: &Container,
    restart: &str,
    sources: &BTreeMap<String, Source>,
    manifest: &Manifest,
    play: &PlayOptions,
    config: &Config,
) -> Result<Member, String> {
    let name = match play.no_pod_prefix {
        true => c.name.clone(),
        false => format!("{}-{}", doc.name, c.name),
    };
    let mut opts = RunOptions {
        image: c.image.clone(),
        name: Some(name.clone()),
        pod: Some(doc.name.clone()),
        env: env(c, manifest)?,
        workdir: c.working_dir.clone(),
        tty: c.tty,
        interactive: c.stdin,
        restart: Some(restart.into()),
        create_command: std::env::args().collect(),
        more: MoreOptions {
            annotations: play.annotations.clone(),
            log_driver: play.log_driver.clone(),
            log_opts: play.log_opts.clone(),
            ..MoreOptions::default()
        },
        ..RunOptions::default()
    };
    if let Some(policy) = &c.image_pull_policy {
        opts.pull = Some(
            values::pull(policy)
                .map_err(|e| format!("imagePullPolicy: {e}"))?
                .into(),
        );
    }
    let pod_security = doc.spec.security_context.clone().unwrap_or_default();
    let security = c.security_context.clone().unwrap_or_default();
    let uid = security.run_as_user.or(pod_security.run_as_user);
    let gid = security.run_as_group.or(pod_security.run_as_group);
    opts.user = match (uid, gid) {
        (Some(u), Some(g)) => Some(format!("{u}:{g}")),
        (Some(u), None) => Some(u.to_string()),
        (None, Some(g)) => Some(format!("0:{g}")),
        (None, None) => None,
    };
    opts.privileged = security.privileged.unwrap_or(false);
    opts.read_only = security.read_only_root_filesystem.unwrap_or(false);
    if security.allow_privilege_escalation == Some(false) {
        opts.security_opt.push("no-new-privileges".into());
    }
    if let Some(caps) = &security.capabilities {
        opts.cap_add = caps.add.clone();
        opts.cap_drop = caps.drop.clone();
    }
    opts.security_opt
        .extend(seccomp::security_opt(doc, c, &play.seccomp_profile_root)?);
    podman_annotations(doc, c, &mut opts)?;
    if let Some(res) = &c.resources {
        for (key, value) in &res.limits {
            match key.as_str() {
                "memory" => {
                    opts.resources.limits.memory =
                        Some(values::memory(value).map_err(|e| format!("limits.memory: {e}"))?)
                }
                "cpu" => {
                    opts.resources.limits.cpus =
                        Some(values::cpus(value).map_err(|e| format!("limits.cpu: {e}"))?)
                }
                other => {
                    return Err(format!(
                        "resources.limits.{other}: rpod limits memory and cpu"
                    ));
                }
            }
        }
    }
    let mut made = Vec::new();
    for mount in &c.volume_mounts {
        let source = sources
            .get(&mount.name)
            .ok_or_else(|| format!("volumeMounts: no volume named {:?} in the pod", mount.name))?;
        match source {
            Source::Bind(from) => {
                let ro = if mount.read_only { ":ro" } else { "" };
                opts.volumes
                    .push(format!("{from}:{}{ro}", mount.mount_path));
            }
            Source::Made(dir) => {
                // The target is checked as any mount's; the source exists once the pod does.
                let mut def =
                    mounts::parse_tmpfs_flag(&mount.mount_path).map_err(|e| e.to_string())?;
                def.kind = MountKind::Bind {
                    source: dir.clone(),
                };
                def.readonly = mount.read_only;
                made.push(def);
            }
            Source::Tmpfs => opts.tmpfs.push(mount.mount_path.clone()),
        }
    }
    if let Some(probe) = &c.liveness_probe
        && let Some(exec) = &probe.exec
    {
        let cmd: Vec<&str> = std::iter::once("CMD")
            .chain(exec.command.iter().map(String::as_str))
            .collect();
        opts.health.cmd = Some(serde_json::to_string(&cmd).map_err(|e| e.to_string())?);
        opts.health.interval = probe.period_seconds.map(|s| format!("{s}s"));
        opts.health.timeout = probe.timeout_seconds.map(|s| format!("{s}s"));
        opts.health.start_period = probe.initial_delay_seconds.map(|s| format!("{s}s"));
        opts.health.retries = probe.failure_threshold;
    }
    let mut plan = RunPlan::build(&opts, config).map_err(|e| e.to_string())?;
    plan.mounts.extend(made);
    // Kubernetes' command replaces the image's entrypoint (whole), its args the image's cmd.
    if !c.command.is_empty() {
        plan.process.entrypoint = Some(c.command.clone());
        plan.process.command = c.args.clone();
    } else if !c.args.is_empty() {
        plan.process.command = c.args.clone();
    }
    Ok(Member { name, plan })
}
