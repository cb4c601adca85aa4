//! `pod` verbs: a pod's containers found by their records' pod id, its state derived from
//! theirs as podman derives it, and start, stop, kill, restart and rm acting on them as a
//! group under the pod's lock.

use std::path::Path;

use serde_json::{Value, json};

use super::infra::InfraRequest;
use super::list::{self, Entry};
use super::record::{ContainerRecord, Paths};
use super::status::Status;
use super::{ContainerError, Engine, pause, remove, start, stop, top};
use crate::ids::ContainerId;
use crate::monitor::pod_exit::PodExit;
use crate::pods::{ExitPolicy, Pod, PodRequest, Pods};

/// A pod with its containers, oldest first.
pub struct PodEntry {
    pub pod: Pod,
    pub members: Vec<Entry>,
}

impl PodEntry {
    /// podman's pod states: Created (no container ran yet, or none at all), Running (all
    /// run), Degraded (some run), Paused, Exited (all exited).
    pub fn state(&self) -> &'static str {
        let count = |f: fn(&Status) -> bool| self.members.iter().filter(|e| f(&e.status)).count();
        let n = self.members.len();
        let running = count(|s| matches!(s, Status::Running(_)));
        match () {
            () if n == 0 => "Created",
            () if running == n => "Running",
            () if running > 0 => "Degraded",
            () if count(|s| matches!(s, Status::Paused(_))) == n => "Paused",
            () if count(|s| matches!(s, Status::Exited(_))) == n => "Exited",
            () if count(|s| matches!(s, Status::Created)) == n => "Created",
            () if count(|s| s.is_running()) > 0 => "Degraded",
            () => "Exited",
        }
    }

    /// The infra container, when the pod has one.
    pub fn infra(&self) -> Option<&Entry> {
        let id = self.pod.infra_id.as_deref()?;
        self.members.iter().find(|e| e.record.id.as_str() == id)
    }

    /// podman's `pod inspect` (podman 5's fields).
    pub fn inspect(&self) -> Value {
        let mut doc = self.inspect_base();
        if let Value::Object(fields) = &mut doc {
            fields.extend(super::pod_cgroup::inspect_fields(&self.pod));
        }
        doc
    }

    fn inspect_base(&self) -> Value {
        let p = &self.pod;
        let infra = self.infra();
        json!({
            "Id": p.id,
            "Name": p.name,
            "Created": p.created,
            "CreateCommand": p.create_command,
            "ExitPolicy": p.exit_policy.name(),
            "State": self.state(),
            "Hostname": infra.map(|e| e.record.run.hostname.as_str()).unwrap_or(""),
            "Labels": p.labels,
            "CreateInfra": p.infra_id.is_some(),
            "InfraContainerID": p.infra_id.as_deref().unwrap_or(""),
            "SharedNamespaces": p.share,
            "NumContainers": self.members.len(),
            "Containers": self.members.iter().map(|e| json!({
                "Id": e.record.id.as_str(),
                "Name": e.record.name,
                "State": e.status.name(),
            })).collect::<Vec<_>>(),
        })
    }

    /// podman's `pod ps --format json` entry.
    pub fn listed(&self) -> Value {
        let p = &self.pod;
        json!({
            "Cgroup": "",
            "Containers": self.members.iter().map(|e| json!({
                "Id": e.record.id.as_str(),
                "Names": e.record.name,
                "Status": e.status.name(),
                "RestartCount": 0,
            })).collect::<Vec<_>>(),
            "Created": p.created,
            "Id": p.id,
            "InfraId": p.infra_id.as_deref().unwrap_or(""),
            "Name": p.name,
            "Namespace": "",
            "Networks": [],
            "Status": self.state(),
            "Labels": p.labels,
        })
    }
}

pub fn pods(engine: &Engine) -> Pods {
    Pods::open(&engine.root)
}

/// What a member's monitor needs to carry out its pod's `--exit-policy stop`; None for other
/// pods, for the infra itself and for containers in no pod.
pub fn exit_duty(
    engine: &Engine,
    record: &super::record::ContainerRecord,
) -> Result<Option<PodExit>, ContainerError> {
    let Some(pod_id) = record.run.pod.as_deref().filter(|_| !record.run.infra) else {
        return Ok(None);
    };
    let pod = pods(engine).get(pod_id)?;
    let Some(infra) = pod
        .infra_id
        .as_deref()
        .filter(|_| pod.exit_policy == ExitPolicy::Stop)
    else {
        return Ok(None);
    };
    let infra: ContainerId = infra
        .parse()
        .map_err(|_| ContainerError::invalid("pod", &pod.name, "its infra id is damaged"))?;
    Ok(Some(PodExit {
        members_lock: engine.runroot.join("pods").join(&pod.id).join("members"),
        infra_run_dir: engine.paths(&infra).run_dir,
    }))
}

/// Runs `steps` (kube play's init containers one after another, then its other containers)
/// as a member of `record`'s pod: an init container that exits before the next one runs is
/// then not the pod's last, so `--exit-policy stop` does not stop the infra under the next
/// start. The pod ends after `steps` if no member runs by then.
pub fn as_member<T>(
    engine: &Engine,
    record: &ContainerRecord,
    steps: impl FnOnce() -> T,
) -> Result<T, ContainerError> {
    let Some(duty) = exit_duty(engine, record)? else {
        return Ok(steps());
    };
    let presence = crate::monitor::pod_exit::join(&duty);
    let done = steps();
    crate::monitor::pod_exit::leave(&duty, presence);
    Ok(done)
}

/// Every pod with its containers, of every node: a pod verb meets another node's member and
/// is refused by it (#22), rather than leaving it without its pod.
pub fn entries(engine: &Engine) -> Result<Vec<PodEntry>, ContainerError> {
    let mut containers = list::entries_all(engine)?;
    containers.sort_by(|a, b| a.record.created.cmp(&b.record.created));
    let mut out: Vec<PodEntry> = pods(engine)
        .list()?
        .into_iter()
        .map(|pod| PodEntry {
            pod,
            members: Vec::new(),
        })
        .collect();
    for entry in containers {
        let pod_id = entry.record.run.pod.clone();
        if let Some(p) = out.iter_mut().find(|p| Some(&p.pod.id) == pod_id.as_ref()) {
            p.members.push(entry);
        }
    }
    Ok(out)
}

/// One pod with its containers.
pub fn entry(engine: &Engine, name_or_id: &str) -> Result<PodEntry, ContainerError> {
    let pod = pods(engine).get(name_or_id)?;
    entries(engine)?
        .into_iter()
        .find(|e| e.pod.id == pod.id)
        .ok_or_else(|| crate::pods::PodsError::NotFound(name_or_id.into()).into())
}

/// `pod create`, with its infra container unless `infra` is none (`--infra=false`); with
/// `replace`, a pod of the same name goes first (with its containers). The pod's id is
/// written to `id_file` (`--pod-id-file`), which must not exist.
pub fn create(
    engine: &Engine,
    request: PodRequest,
    infra: Option<InfraRequest>,
    replace: bool,
    id_file: Option<&Path>,
) -> Result<Pod, ContainerError> {
    if let Some(path) = id_file.filter(|p| p.exists()) {
        return Err(ContainerError::invalid(
            "--pod-id-file",
            path.display().to_string(),
            "the file exists: ensure another pod is not using it or delete it",
        ));
    }
    if replace
        && let Some(name) = &request.name
        && pods(engine).get(name).is_ok_and(|p| &p.name == name)
    {
        remove(engine, name, true, None, None)?;
    }
    let infra_plan = infra
        .map(|i| super::infra::plan(engine, request.name.as_deref(), &i))
        .transpose()?;
    let mut pod = pods(engine).create(request)?;
    if let Some(plan) = infra_plan {
        let made = super::infra::create(engine, &pod, &plan)
            .and_then(|record| Ok(pods(engine).set_infra(&pod, record.id.as_str())?));
        match made {
            Ok(with_infra) => pod = with_infra,
            Err(e) => {
                let _ = remove(engine, &pod.id, true, None, None);
                return Err(e);
            }
        }
    }
    if let Some(path) = id_file {
        let written = crate::state::atomic::write(path, pod.id.as_bytes())
            .map_err(ContainerError::io("write pod id file", path));
        if let Err(e) = written {
            let _ = remove(engine, &pod.id, true, None, None);
            return Err(e);
        }
    }
    super::events::record(&engine.runroot, "pod", "create", &pod.id, &pod.name);
    Ok(pod)
}

/// What a group verb did to each container: its name, or the error it met.
pub type Outcome = Vec<(String, Result<(), ContainerError>)>;

/// Which way a group verb goes through the pod's containers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// A container after those it requires (the infra container first).
    Start,
    /// Dependents first (the infra container last).
    Stop,
}

/// Acts on each container of a pod under the pod's lock; the pod's id and what happened.
fn each(
    engine: &Engine,
    name_or_id: &str,
    order: Order,
    act: impl Fn(&Entry) -> Option<Result<(), ContainerError>>,
) -> Result<(Pod, Outcome), ContainerError> {
    all(engine, name_or_id, order, |members| {
        members
            .into_iter()
            .filter_map(|e| act(e).map(|r| (e.record.name.clone(), r)))
            .collect()
    })
}

/// Acts on a pod's containers together, in `order`, under the pod's lock: for verbs whose
/// members' steps overlap rather than follow one another.
fn all(
    engine: &Engine,
    name_or_id: &str,
    order: Order,
    act: impl FnOnce(Vec<&Entry>) -> Outcome,
) -> Result<(Pod, Outcome), ContainerError> {
    let pod = pods(engine).get(name_or_id)?;
    let _guard = pods(engine).lock(&pod)?;
    let entry = entry(engine, &pod.id)?;
    let mut members = ordered(&entry.members);
    if order == Order::Stop {
        members.reverse();
    }
    let outcome = act(members);
    Ok((pod, outcome))
}

/// Stops the running ones of `members` (in stop order) as `stop` of several does
/// ([`stop::stop_each`]): all are signalled before any is waited for, so a pod of N members
/// that ignore their stop signal takes one stop timeout, not N. Dependents still go first: a
/// wave holds the members no member left to stop requires (`--requires`; usually all of
/// them), and the infra container goes last, once its members, whose namespaces it holds,
/// are down.
fn stop_members(engine: &Engine, members: Vec<&Entry>, timeout: Option<u32>) -> Outcome {
    let (infra, mut left): (Vec<&Entry>, Vec<&Entry>) = members
        .into_iter()
        .filter(|e| e.status.is_running())
        .partition(|e| e.record.run.infra);
    let mut outcome = Outcome::new();
    while !left.is_empty() {
        let required = |e: &Entry| {
            left.iter().any(|o| {
                o.record
                    .run
                    .requires
                    .iter()
                    .any(|r| r == e.record.id.as_str())
            })
        };
        let (wave, rest): (Vec<&Entry>, Vec<&Entry>) =
            left.iter().copied().partition(|e| !required(e));
        // Members that require each other in a cycle (edited records) stop together.
        let (wave, rest) = match wave.is_empty() {
            true => (rest, Vec::new()),
            false => (wave, rest),
        };
        outcome.extend(stop_together(engine, &wave, timeout));
        left = rest;
    }
    outcome.extend(stop_together(engine, &infra, timeout));
    outcome
}

fn stop_together(engine: &Engine, members: &[&Entry], timeout: Option<u32>) -> Outcome {
    let ids: Vec<String> = members.iter().map(|e| e.record.id.to_string()).collect();
    members
        .iter()
        .zip(stop::stop_each(engine, &ids, timeout))
        .map(|(e, r)| (e.record.name.clone(), r.map(|_| ())))
        .collect()
}

/// Members in start order: a container after those it requires (`--requires`).
pub(super) fn ordered(members: &[Entry]) -> Vec<&Entry> {
    let mut out: Vec<&Entry> = Vec::new();
    let mut left: Vec<&Entry> = members.iter().collect();
    while !left.is_empty() {
        let ready = left
            .iter()
            .position(|e| {
                e.record.run.requires.iter().all(|r| {
                    out.iter().any(|o| o.record.id.as_str() == r)
                        || !left.iter().any(|l| l.record.id.as_str() == r)
                })
            })
            .unwrap_or(0);
        out.push(left.remove(ready));
    }
    out
}

/// `pod start`: the infra container, the init containers to their exits, then the others.
pub fn start_pod(engine: &Engine, name_or_id: &str) -> Result<(Pod, Outcome), ContainerError> {
    let pod = pods(engine).get(name_or_id)?;
    let guard = pods(engine).lock(&pod)?;
    let entry = entry(engine, &pod.id)?;
    let outcome = super::pod_init::start_members(engine, &ordered(&entry.members));
    drop(guard);
    let result = (pod, outcome);
    super::events::record(
        &engine.runroot,
        "pod",
        "start",
        &result.0.id,
        &result.0.name,
    );
    Ok(result)
}

pub fn stop_pod(
    engine: &Engine,
    name_or_id: &str,
    timeout: Option<u32>,
) -> Result<(Pod, Outcome), ContainerError> {
    let (pod, outcome) = all(engine, name_or_id, Order::Stop, |members| {
        stop_members(engine, members, timeout)
    })?;
    super::events::record(&engine.runroot, "pod", "stop", &pod.id, &pod.name);
    Ok((pod, outcome))
}

pub fn kill_pod(
    engine: &Engine,
    name_or_id: &str,
    signal: &str,
) -> Result<(Pod, Outcome), ContainerError> {
    let result = each(engine, name_or_id, Order::Stop, |e| {
        e.status
            .is_running()
            .then(|| stop::kill(engine, e.record.id.as_str(), signal).map(|_| ()))
    })?;
    super::events::record(&engine.runroot, "pod", "kill", &result.0.id, &result.0.name);
    Ok(result)
}

/// `pod top`: the processes of every running container of the pod, as `top` lists them
/// (podman's shape: one table, no column for the container).
pub fn top_pod(
    engine: &Engine,
    name_or_id: &str,
    wanted: &[String],
) -> Result<top::Table, ContainerError> {
    let entry = entry(engine, name_or_id)?;
    let mut table: Option<top::Table> = None;
    let running = entry
        .members
        .iter()
        .filter(|m| matches!(m.status, Status::Running(_) | Status::Paused(_)));
    for member in running {
        let found = top::top(engine, member.record.id.as_str(), wanted)?;
        match &mut table {
            Some(all) => all.rows.extend(found.rows),
            None => table = Some(found),
        }
    }
    table.ok_or_else(|| ContainerError::NotRunning {
        action: "list the processes of",
        name: entry.pod.name.clone(),
        state: entry.state(),
    })
}

/// `pod logs`: the containers of the pod whose logs are read (the infra writes none), or
/// only `container` (`--container`), which must be one of them.
pub fn log_members(
    engine: &Engine,
    name_or_id: &str,
    container: Option<&str>,
) -> Result<Vec<(ContainerRecord, Paths)>, ContainerError> {
    let entry = entry(engine, name_or_id)?;
    let members = entry
        .members
        .into_iter()
        .filter(|m| !m.record.run.infra)
        .map(|m| (m.record, m.paths));
    let Some(wanted) = container else {
        return Ok(members.collect());
    };
    let (record, _) = engine.find(wanted)?;
    let chosen: Vec<_> = members.filter(|(r, _)| r.id == record.id).collect();
    if chosen.is_empty() {
        return Err(ContainerError::invalid(
            "--container",
            wanted,
            format!("the container is not in pod {}", entry.pod.name),
        ));
    }
    Ok(chosen)
}

/// `pod pause`: every running container of the pod, the infra last (podman's order).
pub fn pause_pod(engine: &Engine, name_or_id: &str) -> Result<(Pod, Outcome), ContainerError> {
    let result = each(engine, name_or_id, Order::Stop, |e| {
        matches!(e.status, Status::Running(_))
            .then(|| pause::pause(engine, e.record.id.as_str()).map(|_| ()))
    })?;
    super::events::record(
        &engine.runroot,
        "pod",
        "pause",
        &result.0.id,
        &result.0.name,
    );
    Ok(result)
}

/// `pod unpause`: every paused container of the pod, the infra first.
pub fn unpause_pod(engine: &Engine, name_or_id: &str) -> Result<(Pod, Outcome), ContainerError> {
    let result = each(engine, name_or_id, Order::Start, |e| {
        matches!(e.status, Status::Paused(_))
            .then(|| pause::unpause(engine, e.record.id.as_str()).map(|_| ()))
    })?;
    super::events::record(
        &engine.runroot,
        "pod",
        "unpause",
        &result.0.id,
        &result.0.name,
    );
    Ok(result)
}

/// All stop (dependents first), then all start: a member restarted while the infra
/// container was not would keep namespaces nobody else has any more. Init containers do not
/// run again (podman's: only `pod start` runs them).
pub fn restart_pod(engine: &Engine, name_or_id: &str) -> Result<(Pod, Outcome), ContainerError> {
    let (_, stopped) = all(engine, name_or_id, Order::Stop, |members| {
        stop_members(engine, members, None)
    })?;
    if let Some((_, Err(e))) = stopped.into_iter().find(|(_, r)| r.is_err()) {
        return Err(e);
    }
    let result = each(engine, name_or_id, Order::Start, |e| {
        e.record
            .run
            .init_ctr
            .is_none()
            .then(|| start::start(engine, e.record.id.as_str()).map(|_| ()))
    })?;
    super::events::record(
        &engine.runroot,
        "pod",
        "restart",
        &result.0.id,
        &result.0.name,
    );
    Ok(result)
}

/// `pod rm`: the pod and its containers; running ones only with `force` (stopped first,
/// after `timeout` seconds killed). Returns the pod's id.
pub fn remove(
    engine: &Engine,
    name_or_id: &str,
    force: bool,
    timeout: Option<u32>,
    id_file: Option<&Path>,
) -> Result<String, ContainerError> {
    let pod = pods(engine).get(name_or_id)?;
    let guard = pods(engine).lock(&pod)?;
    let entry = entry(engine, &pod.id)?;
    if !force && let Some(e) = entry.members.iter().find(|e| e.status.is_running()) {
        return Err(ContainerError::PodRunning {
            pod: pod.name.clone(),
            container: e.record.name.clone(),
        });
    }
    // The cgroups its running members' leaves are in, wherever the pod was started from.
    let seen: Vec<_> = entry
        .members
        .iter()
        .filter_map(|e| super::resources::leaf_of(&e.paths))
        .filter_map(|leaf| leaf.path().parent().map(Path::to_path_buf))
        .collect();
    // Dependents go first, and all are stopped before any is removed: their stops overlap.
    let mut members = ordered(&entry.members);
    members.reverse();
    if let Some((_, Err(e))) = stop_members(engine, members.clone(), timeout)
        .into_iter()
        .find(|(_, r)| r.is_err())
    {
        return Err(e);
    }
    for e in members {
        match remove::remove_with_pod(engine, e.record.id.as_str(), true, false) {
            Ok(_) | Err(ContainerError::NotFound(_)) => {}
            Err(err) => return Err(err),
        }
    }
    pods(engine).remove(&pod)?;
    super::pod_cgroup::remove(&pod, &seen);
    drop(guard);
    // podman's: the file goes with the pod, so that the next `pod create --pod-id-file` (a
    // quadlet pod unit started again) does not find it taken.
    if let Some(path) = id_file {
        crate::state::atomic::remove_id_file(path, &pod.id);
    }
    super::events::record(&engine.runroot, "pod", "remove", &pod.id, &pod.name);
    Ok(pod.id)
}

/// `pod prune`: every pod none of whose containers runs; a pod with a container of another
/// node, which may run there, stays.
pub fn prune(engine: &Engine) -> Result<Vec<String>, ContainerError> {
    let mut removed = Vec::new();
    for e in entries(engine)? {
        if !e.members.iter().any(|m| m.status.is_running() || !m.here) {
            removed.push(remove(engine, &e.pod.id, false, None, None)?);
        }
    }
    Ok(removed)
}
