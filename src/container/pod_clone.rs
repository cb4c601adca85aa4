//! `pod clone`: a new pod with the original's settings, its infra container and each of its
//! containers cloned into it (see [`super::clone`]), members after those they require.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::clone::{Copy, clone_name, free_clone_name};
use super::plan::ids::IdsPlan;
use super::plan::mounts::{self, MountDef};
use super::plan::namespaces::{NamespacesPlan, Sharing};
use super::plan::{RunOptions, cdi, extra, sysctl};
use super::pod::{self, pods};
use super::pod_cgroup::{self, PodCgroupOptions};
use super::pod_inherit;
use super::pod_userns::IdsMove;
use super::record::RunConfig;
use super::{ContainerError, Engine};
use crate::cgroup::limits::Limits;
use crate::ids::check_name;
use crate::pods::{MemberDefaults, Pod, PodRequest};

/// `pod clone` as asked.
#[derive(Debug, Clone, Default)]
pub struct PodCloneRequest {
    pub source: String,
    /// The new pod's name; the original's with `-clone` by default.
    pub name: Option<String>,
    /// `--destroy`: the original pod goes (its running containers stopped) once the clone
    /// exists.
    pub destroy: bool,
    /// `--start`: the new pod is started.
    pub start: bool,
    /// pod create's options over the original's: labels added, the members' defaults given
    /// replace the original's, and the infra container's changes.
    pub labels: BTreeMap<String, String>,
    pub members: MemberDefaults,
    pub hostname: Option<String>,
    pub infra_name: Option<String>,
    pub infra: InfraChanges,
    /// `--cpus`, `--memory`, `--cgroup-parent`, …: over the original's.
    pub cgroup: PodCgroupOptions,
}

/// `pod clone`'s changes to the copied infra container, checked before anything is made.
#[derive(Debug, Clone, Default)]
pub struct InfraChanges {
    /// `-v` and `--device`: over the original's on the same paths.
    pub mounts: Vec<MountDef>,
    pub volumes_from: Vec<(String, Option<bool>)>,
    /// `--sysctl`, checked against the infra's namespaces when it is copied.
    pub sysctls: Vec<String>,
    /// `--infra-conmon-pidfile`.
    pub conmon_pidfile: Option<PathBuf>,
    /// `--uts host|private`: the pod's UTS namespace, the host's or its own.
    pub uts: Option<Sharing>,
    /// `--infra-command`: the program (and its arguments) the infra runs instead of its
    /// image's entrypoint; only an infra of an `--infra-image` runs one.
    pub command: Option<(String, Vec<String>)>,
    /// `--infra-command` as given, for its refusal.
    pub command_given: Option<String>,
}

impl InfraChanges {
    /// What `pod clone` can change of a pod's infra container, from pod create's options; the
    /// rest is refused. `--userns` is checked here as `run` checks it, and moves the whole pod
    /// (see [`super::pod_userns`]).
    pub fn plan(opts: &RunOptions, command: Option<&str>) -> Result<InfraChanges, ContainerError> {
        // Only a private PID namespace, and no id ranges: what `run` refuses, refused alike.
        let namespaces = NamespacesPlan::build(opts)?;
        let uts = match (&opts.uts, namespaces.uts) {
            (None, _) => None,
            (Some(given), Sharing::Container(_)) => {
                return Err(ContainerError::invalid(
                    "--uts",
                    given,
                    "a pod's UTS namespace is the host's or its own: expected host or private",
                ));
            }
            (Some(_), uts) => Some(uts),
        };
        IdsPlan::build(opts)?;
        let mut mounts = mounts::from_flags(&opts.volumes, &[], &[])?;
        for device in &opts.more.devices {
            if cdi::is_cdi_name(device) {
                return Err(ContainerError::invalid(
                    "--device",
                    device,
                    "a pod's devices are device nodes of the host; give a CDI device to each \
                     container",
                ));
            }
            mounts.extend(extra::device(device)?);
        }
        Ok(InfraChanges {
            mounts,
            volumes_from: extra::volumes_from(&opts.more.volumes_from)?,
            sysctls: opts.more.sysctls.clone(),
            conmon_pidfile: extra::pidfile(
                "--infra-conmon-pidfile",
                opts.more.conmon_pidfile.as_deref(),
            )?,
            uts,
            command: super::infra::parse_command(command)?,
            command_given: command.map(String::from),
        })
    }

    /// The copied infra's configuration with the changes.
    fn apply(&self, engine: &Engine, run: &mut RunConfig) -> Result<(), ContainerError> {
        let mut own = self.mounts.clone();
        own.extend(
            std::mem::take(&mut run.mounts)
                .into_iter()
                .filter(|m| !self.mounts.iter().any(|n| n.target == m.target)),
        );
        run.mounts = super::create::borrow_mounts(engine, own, &self.volumes_from)?;
        let sysctls = sysctl::build(&self.sysctls, &run.network, &run.ipc)?;
        run.sysctls
            .retain(|s| !sysctls.iter().any(|n| n.key == s.key));
        run.sysctls.extend(sysctls);
        if let Some(path) = &self.conmon_pidfile {
            run.conmon_pidfile = Some(path.clone());
        }
        if let Some(uts) = &self.uts {
            run.uts = uts.clone();
        }
        if let Some((program, args)) = &self.command {
            run.entrypoint = vec![program.clone()];
            run.cmd = args.clone();
        }
        Ok(())
    }
}

/// The original's defaults with those given over them.
fn merged(original: &MemberDefaults, given: &MemberDefaults) -> MemberDefaults {
    MemberDefaults {
        restart: given.restart.clone().or_else(|| original.restart.clone()),
        security_opt: if given.security_opt.is_empty() {
            original.security_opt.clone()
        } else {
            given.security_opt.clone()
        },
        shm_size: given.shm_size.clone().or_else(|| original.shm_size.clone()),
        userns: given.userns.clone().or_else(|| original.userns.clone()),
        shm_size_systemd: given
            .shm_size_systemd
            .clone()
            .or_else(|| original.shm_size_systemd.clone()),
        gpus: given.gpus.clone().or_else(|| original.gpus.clone()),
    }
}

/// Makes the new pod and its containers; on a failure nothing of it is left.
pub fn clone_pod(engine: &Engine, request: &PodCloneRequest) -> Result<Pod, ContainerError> {
    let original = pods(engine).get(&request.source)?;
    let cgroup = pod_cgroup::build_over(&original.cgroup, &request.cgroup)?;
    let name = match &request.name {
        Some(name) => name.clone(),
        None => pod_clone_name(engine, &original.name)?,
    };
    if let Some(infra_name) = &request.infra_name {
        check_name(infra_name)
            .map_err(|e| ContainerError::invalid("--infra-name", infra_name, e.to_string()))?;
    }
    if let (Some(Sharing::Host), Some(name)) = (&request.infra.uts, &request.hostname) {
        return Err(ContainerError::invalid(
            "--hostname",
            name,
            "a pod in the host's UTS namespace (--uts host) has the host's name",
        ));
    }
    let members = merged(&original.members, &request.members);
    pod_inherit::check(&members, &original.share)?;
    if original.infra_id.is_none()
        && let Some(flag) = request.infra_only()
    {
        return Err(ContainerError::invalid(
            flag,
            &original.name,
            "this needs the pod's infra container, and the pod has none (--infra=false)",
        ));
    }
    if let (Some(given), Some(infra_id)) = (&request.infra.command_given, &original.infra_id) {
        let (infra, _) = engine.find(infra_id)?;
        if super::infra::pauses(&infra.image_name) {
            return Err(super::infra::pausing_runs_no_command(given));
        }
    }
    // Every move is planned before anything is made: a member that cannot follow the new
    // mode refuses the clone.
    let moves = plan_moves(engine, &original, pod_inherit::keep_id(&members))?;
    let mut labels = original.labels.clone();
    labels.extend(request.labels.clone());
    let made = pods(engine).create(PodRequest {
        name: Some(name),
        labels,
        share: original.share.clone(),
        exit_policy: original.exit_policy,
        create_command: original.create_command.clone(),
        members,
        cgroup,
    })?;
    let filled = fill(engine, &original, &made, request, &moves);
    let made = match filled {
        Ok(made) => made,
        Err(e) => {
            let _ = pod::remove(engine, &made.id, true, None, None);
            return Err(e);
        }
    };
    if request.destroy {
        pod::remove(engine, &original.id, true, None, None)?;
    }
    if request.start {
        let (_, outcome) = pod::start_pod(engine, &made.id)?;
        if let Some((_, Err(e))) = outcome.into_iter().find(|(_, r)| r.is_err()) {
            return Err(e);
        }
    }
    Ok(made)
}

impl PodCloneRequest {
    /// The first option given that only an infra container can carry.
    fn infra_only(&self) -> Option<&'static str> {
        let infra = &self.infra;
        [
            ("--hostname", self.hostname.is_some()),
            ("--infra-name", self.infra_name.is_some()),
            ("--volume or --device", !infra.mounts.is_empty()),
            ("--volumes-from", !infra.volumes_from.is_empty()),
            ("--sysctl", !infra.sysctls.is_empty()),
            ("--infra-conmon-pidfile", infra.conmon_pidfile.is_some()),
            ("--uts", infra.uts.is_some()),
            ("--infra-command", infra.command.is_some()),
        ]
        .into_iter()
        .find_map(|(flag, given)| given.then_some(flag))
    }
}

/// The infra container, then the members, cloned into `made`.
fn fill(
    engine: &Engine,
    original: &Pod,
    made: &Pod,
    request: &PodCloneRequest,
    moves: &HashMap<String, IdsMove>,
) -> Result<Pod, ContainerError> {
    let entry = pod::entry(engine, &original.id)?;
    let no_limits = Limits::default();
    let mut cloned = HashMap::new();
    let mut made = made.clone();
    let infra = match entry.infra() {
        Some(infra) => {
            let old = &infra.record;
            // The infra's hostname is the pod's name unless `--hostname` said otherwise; the
            // host's UTS namespace comes with the host's name.
            let hostname = match (&request.infra.uts, &old.run.uts) {
                (Some(Sharing::Host), _) => Some(host_name()),
                (Some(Sharing::Private), Sharing::Host) => Some(
                    request
                        .hostname
                        .clone()
                        .unwrap_or_else(|| made.name.clone()),
                ),
                _ => request
                    .hostname
                    .clone()
                    .or_else(|| (old.run.hostname == original.name).then(|| made.name.clone())),
            };
            let adjust = |run: &mut RunConfig| {
                if let Some(ids) = moves.get(old.id.as_str()) {
                    ids.apply(run);
                }
                request.infra.apply(engine, run)
            };
            let copy = Copy {
                name: request
                    .infra_name
                    .clone()
                    .unwrap_or_else(|| format!("{}-infra", &made.id[..12])),
                pod: Some((&made, None)),
                hostname,
                image: None,
                limits: &no_limits,
                take_over: false,
                cloned: &cloned,
                adjust: Some(&adjust),
            };
            let new = copy.make(engine, old)?;
            made = pods(engine).set_infra(&made, new.id.as_str())?;
            cloned.insert(old.id.to_string(), new.id.to_string());
            Some(new)
        }
        None => None,
    };
    for member in pod::ordered(&entry.members) {
        let old = &member.record;
        if old.run.infra {
            continue;
        }
        let ids = moves.get(old.id.as_str());
        let adjust = |run: &mut RunConfig| {
            if let Some(ids) = ids {
                ids.apply(run);
            }
            Ok(())
        };
        let copy = Copy {
            name: clone_name(engine, &old.name)?,
            pod: Some((&made, infra.as_ref())),
            hostname: None,
            image: None,
            limits: &no_limits,
            take_over: false,
            cloned: &cloned,
            adjust: Some(&adjust),
        };
        let new = copy.make(engine, old)?;
        cloned.insert(old.id.to_string(), new.id.to_string());
    }
    Ok(made)
}

/// How the original's infra container and members move into the clone's user namespace mode,
/// by their ids: those that move.
fn plan_moves(
    engine: &Engine,
    original: &Pod,
    keep_id: bool,
) -> Result<HashMap<String, IdsMove>, ContainerError> {
    let entry = pod::entry(engine, &original.id)?;
    let infra = original.infra_id.is_some();
    let mut moves = HashMap::new();
    for member in &entry.members {
        let record = &member.record;
        if let Some(ids) = IdsMove::plan(engine, record, keep_id, infra)? {
            moves.insert(record.id.to_string(), ids);
        }
    }
    Ok(moves)
}

/// This host's name, as the host's UTS namespace shows it.
fn host_name() -> String {
    nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The original's name with `-clone`, then `-clone1`, … (podman's default).
fn pod_clone_name(engine: &Engine, original: &str) -> Result<String, ContainerError> {
    let taken: Vec<String> = pods(engine).list()?.into_iter().map(|p| p.name).collect();
    Ok(free_clone_name(original, &taken))
}
