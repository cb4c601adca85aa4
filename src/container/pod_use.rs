//! `run`/`create --pod NAME|new:NAME` and `--pod-id-file`: the pod a container joins,
//! resolved to its id at create; and `--requires`: the containers started before this one.

use std::path::Path;

use super::infra::{self, InfraRequest};
use super::plan::RunPlan;
use super::plan::namespaces::Sharing;
use super::status;
use super::{ContainerError, Engine, pod, start};
use crate::network::{ModeError, NetworkError, NetworkMode};
use crate::pods::{PodRequest, PodsError};
use crate::state::lock::Guard;

/// `--pod` as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PodChoice {
    Existing(String),
    /// `new:NAME`: the pod is created with the container.
    New(String),
    /// The container is the infra container of the pod with this id.
    Infra(String),
}

/// `--pod` or the id `--pod-id-file` holds (both only if they agree).
pub fn parse(
    given: Option<&str>,
    id_file: Option<&Path>,
) -> Result<Option<PodChoice>, ContainerError> {
    let from_file = id_file
        .map(|path| {
            std::fs::read_to_string(path)
                .map(|s| s.trim().to_string())
                .map_err(ContainerError::io("read pod id file", path))
        })
        .transpose()?;
    let choice = match (given, from_file) {
        (Some(p), Some(f)) if p != f => {
            return Err(ContainerError::invalid(
                "--pod",
                p,
                format!("--pod-id-file names pod {f}: give one of them"),
            ));
        }
        (Some(p), _) => p.to_string(),
        (None, Some(f)) => f,
        (None, None) => return Ok(None),
    };
    match choice.strip_prefix("new:") {
        Some("") => Err(ContainerError::invalid(
            "--pod",
            choice,
            "new: needs a pod name",
        )),
        Some(name) => Ok(Some(PodChoice::New(name.to_string()))),
        None if choice.is_empty() => {
            Err(ContainerError::invalid("--pod", choice, "empty pod name"))
        }
        None => Ok(Some(PodChoice::Existing(choice))),
    }
}

/// The pod a container joins, locked until the container's record is written: a `pod rm`
/// then either sees the new container (and removes it with the pod) or has removed the pod
/// before the container could join it, which is refused.
pub struct Joined {
    pub id: String,
    _guard: Guard,
}

/// The pod's id with its lock (`new:` pods are made by [`with_pod`] first).
pub fn join(engine: &Engine, plan: &RunPlan) -> Result<Option<Joined>, ContainerError> {
    match &plan.pod {
        None => Ok(None),
        Some(PodChoice::Existing(name) | PodChoice::New(name) | PodChoice::Infra(name)) => {
            join_pod(engine, name).map(Some)
        }
    }
}

/// The pod `name` (a name or an id) with its lock.
pub fn join_pod(engine: &Engine, name: &str) -> Result<Joined, ContainerError> {
    let refused = |e: PodsError| ContainerError::invalid("--pod", name, e.to_string());
    let pods = pod::pods(engine);
    let found = pods.get(name).map_err(refused)?;
    // A `pod rm` between the look-up and the lock leaves no pod directory to lock.
    let guard = pods
        .lock(&found)
        .map_err(|_| refused(PodsError::NotFound(name.to_string())))?;
    let pod = pods.get(&found.id).map_err(refused)?;
    Ok(Joined {
        id: pod.id,
        _guard: guard,
    })
}

/// The plan of a container joining a pod: a `new:` pod is created (with its infra
/// container, as podman's), and a member of a pod with an infra container joins the infra's
/// shared namespaces and requires it (so it starts first and stops last). What the infra
/// decides for the pod (network, ports, hostname) cannot be set on a member: podman's errors.
pub fn with_pod(engine: &Engine, plan: &RunPlan) -> Result<RunPlan, ContainerError> {
    let plan = joining(engine, plan)?;
    // The pod did not lend its network: the default's helper is needed after all.
    let own_network = !matches!(
        plan.network.mode,
        NetworkMode::Container(_) | NetworkMode::Host
    );
    if plan.network.default_unavailable && own_network {
        return Err(NetworkError::from(ModeError::NoHelper).into());
    }
    Ok(plan)
}

fn joining(engine: &Engine, plan: &RunPlan) -> Result<RunPlan, ContainerError> {
    let mut plan = plan.clone();
    let name = match &plan.pod {
        Some(PodChoice::New(name)) => {
            let request = PodRequest {
                name: Some(name.clone()),
                share: infra::parse_share(None)?,
                ..PodRequest::default()
            };
            let made = pod::create(engine, request, Some(InfraRequest::default()), false, None)?;
            plan.pod = Some(PodChoice::Existing(made.id.clone()));
            made.id
        }
        Some(PodChoice::Existing(name)) => name.clone(),
        _ => return Ok(plan),
    };
    let found = pod::pods(engine)
        .get(&name)
        .map_err(|e| ContainerError::invalid("--pod", &name, e.to_string()))?;
    super::pod_inherit::apply(&mut plan, &found, found.infra_id.as_deref(), engine.config)?;
    let Some(infra_id) = found.infra_id.clone() else {
        return Ok(plan);
    };
    let (infra, _) = engine.find(&infra_id)?;
    let shares = |kind: &str| found.share.iter().any(|k| k == kind);
    let shared = Sharing::Container(infra_id.clone());
    if shares("net") {
        let network = &plan.network;
        refuse_on_member(network.mode_given, "--network", || network.mode.to_string())?;
        let publishes = !network.publish.is_empty() || network.publish_all;
        refuse_on_member(publishes, "--publish", || network.publish_given.join(" "))?;
        let dns = &network.dns;
        let own_dns = !(dns.servers.is_empty()
            && dns.search.is_empty()
            && dns.options.is_empty()
            && dns.add_hosts.is_empty()
            && dns.hosts_base == crate::network::etc_render::HostsBase::Default);
        refuse_on_member(own_dns, "--dns", || {
            "(--dns, --dns-search, --dns-option, --add-host or --hosts-file)".into()
        })?;
        // The host's network namespace is joined as the host's, not through the infra's.
        plan.network.mode = match infra.run.network {
            NetworkMode::Host => NetworkMode::Host,
            _ => NetworkMode::Container(infra_id.clone()),
        };
    }
    for (kind, flag, sharing, infras) in [
        ("ipc", "--ipc", &mut plan.namespaces.ipc, &infra.run.ipc),
        ("uts", "--uts", &mut plan.namespaces.uts, &infra.run.uts),
        ("pid", "--pid", &mut plan.namespaces.pid, &infra.run.pid),
        (
            "cgroup",
            "--cgroupns",
            &mut plan.namespaces.cgroup,
            &infra.run.cgroupns,
        ),
    ] {
        if shares(kind) {
            refuse_on_member(*sharing != Sharing::Private, flag, || {
                format!("{sharing:?}")
            })?;
            // The host's namespace is joined as the host's (`pod create --uts host`).
            *sharing = match infras {
                Sharing::Host => Sharing::Host,
                _ => shared.clone(),
            };
        }
    }
    if shares("uts") {
        let hostname = &plan.process.hostname;
        refuse_on_member(hostname.is_some(), "--hostname", || {
            hostname.clone().unwrap_or_default()
        })?;
        plan.process.hostname = Some(infra.run.hostname.clone());
    }
    plan.requires.insert(0, infra_id);
    Ok(plan)
}

/// podman's wording for a member's setting that belongs to the pod.
fn refuse_on_member(
    given: bool,
    flag: &'static str,
    value: impl FnOnce() -> String,
) -> Result<(), ContainerError> {
    if !given {
        return Ok(());
    }
    Err(ContainerError::invalid(
        flag,
        value(),
        format!(
            "invalid config provided: {flag} must be set when the pod is created: it cannot be configured when it is shared with a pod"
        ),
    ))
}

/// `--requires`: each named container resolved to its id; a missing one is refused.
pub fn requires(engine: &Engine, plan: &RunPlan) -> Result<Vec<String>, ContainerError> {
    plan.requires
        .iter()
        .map(|name| {
            engine
                .find(name)
                .map(|(record, _)| record.id.to_string())
                .map_err(|e| ContainerError::invalid("--requires", name, e.to_string()))
        })
        .collect()
}

/// Starts the containers `name_or_id` requires that are not running, theirs first.
pub fn start_required(engine: &Engine, name_or_id: &str) -> Result<(), ContainerError> {
    let (record, _) = engine.find(name_or_id)?;
    for id in &record.run.requires {
        let (required, paths) = engine.find(id).map_err(|e| {
            ContainerError::invalid("--requires", id.clone(), format!("of {}: {e}", record.name))
        })?;
        if !status::of(&paths).is_running() {
            start::start(engine, required.id.as_str())?;
        }
    }
    Ok(())
}
