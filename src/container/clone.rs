//! `container clone`: a new container made from another's record, as podman's: the same
//! configuration (limits, mounts, networks, pod, policies), optionally other limits, another
//! image or another pod. Nothing of the original's file system or logs is copied: the clone
//! starts from its image as the original did. What belongs to one container only is made
//! anew: its id, its writable layer, its anonymous volumes, its addresses on user-defined
//! networks, its hostname when it was the id's. With `--destroy` the clone takes the
//! original's place: its anonymous volumes and its `--cidfile`/`--pidfile` files.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::base::Base;
use super::plan::image::ImagePlan;
use super::plan::mounts::MountKind;
use super::plan::namespaces::Sharing;
use super::plan::process::{env_key, set_env};
use super::plan::resources::{LimitOptions, parse_limits};
use super::record::{ContainerRecord, RunConfig, SeccompChoice};
use super::resources::Resources;
use super::{ContainerError, Engine, install, network_use, pod_use, remove, run, start, status};
use crate::cgroup::limits::Limits;
use crate::ids::ContainerId;
use crate::image::progress::Progress;
use crate::image::store::ImageRecord;
use crate::network::NetworkMode;
use crate::pods::Pod;

/// `container clone` as asked.
#[derive(Debug, Clone, Default)]
pub struct CloneRequest {
    pub source: String,
    /// The clone's name; podman's default is the original's with `-clone`.
    pub name: Option<String>,
    /// Another image for the clone (pulled if missing).
    pub image: Option<ImagePlan>,
    /// Limits over the original's.
    pub limits: LimitOptions,
    /// `--pod`: the pod the clone joins instead of the original's.
    pub pod: Option<String>,
    /// `--destroy`: the original is removed once the clone exists; `--force` if it runs.
    pub destroy: bool,
    pub force: bool,
    /// `--run`: the clone is started, detached.
    pub run: bool,
}

/// Makes the clone; returns its record.
pub fn clone(
    engine: &Engine,
    request: &CloneRequest,
    progress: &dyn Progress,
) -> Result<ContainerRecord, ContainerError> {
    let limits = parse_limits(&request.limits)?;
    let (original, paths) = engine.find(&request.source)?;
    if original.run.infra {
        return Err(ContainerError::invalid(
            "container clone",
            &original.name,
            "it is a pod's infra container, which is cloned with its pod: rpod pod clone",
        ));
    }
    if request.force && !request.destroy {
        return Err(ContainerError::invalid(
            "--force",
            "true",
            "it removes the original, which only --destroy does: give both",
        ));
    }
    if request.destroy && !request.force && status::of(&paths).is_running() {
        return Err(ContainerError::invalid(
            "--destroy",
            &original.name,
            "the container is running: stop it first, or add --force to remove it running",
        ));
    }
    let image = request
        .image
        .as_ref()
        .map(|plan| run::image_for(engine, plan, progress))
        .transpose()?;
    let pod = match &request.pod {
        Some(name) => Some(target_pod(engine, name)?),
        None => None,
    };
    let name = match &request.name {
        Some(name) => name.clone(),
        None => clone_name(engine, &original.name)?,
    };
    let copy = Copy {
        name,
        pod: pod.as_ref().map(|(p, infra)| (p, infra.as_ref())),
        hostname: None,
        image: image
            .as_ref()
            .zip(request.image.as_ref().map(|p| p.reference.as_str())),
        limits: &limits,
        take_over: request.destroy,
        cloned: &HashMap::new(),
        adjust: None,
    };
    let record = copy.make(engine, &original)?;
    if request.destroy {
        remove::remove(engine, original.id.as_str(), true, false)?;
        // `rm` took the original's id file with it; it now names the clone.
        if let Some(path) = &record.run.cidfile {
            crate::state::atomic::write(path, record.id.as_str().as_bytes())
                .map_err(ContainerError::io("write container id file", path))?;
        }
    }
    if request.run {
        start::start(engine, record.id.as_str())?;
    }
    Ok(record)
}

/// A pod by name or id, with its infra container's record.
fn target_pod(
    engine: &Engine,
    name: &str,
) -> Result<(Pod, Option<ContainerRecord>), ContainerError> {
    let pod = super::pod::pods(engine)
        .get(name)
        .map_err(|e| ContainerError::invalid("--pod", name, e.to_string()))?;
    let infra = pod
        .infra_id
        .as_deref()
        .map(|id| engine.find(id).map(|(record, _)| record))
        .transpose()?;
    Ok((pod, infra))
}

/// podman's default name: the original's with `-clone`, then `-clone1`, `-clone2`, ….
pub(super) fn clone_name(engine: &Engine, original: &str) -> Result<String, ContainerError> {
    let taken: Vec<String> = engine.list()?.into_iter().map(|(r, _)| r.name).collect();
    Ok(free_clone_name(original, &taken))
}

/// `NAME-clone`, else the first free of `NAME-clone1`, `NAME-clone2`, ….
pub(super) fn free_clone_name(original: &str, taken: &[String]) -> String {
    let base = format!("{original}-clone");
    std::iter::once(base.clone())
        .chain((1..).map(|n| format!("{base}{n}")))
        .find(|name| !taken.contains(name))
        .expect("an unbounded sequence of names has a free one")
}

/// A change to a copied configuration.
pub(super) type Adjust<'a> = dyn Fn(&mut RunConfig) -> Result<(), ContainerError> + 'a;

/// One clone to make.
pub(super) struct Copy<'a> {
    pub name: String,
    /// The pod the clone joins, with its infra container, when it is not the original's.
    pub pod: Option<(&'a Pod, Option<&'a ContainerRecord>)>,
    /// The clone's hostname, when it is not the original's.
    pub hostname: Option<String>,
    /// Another image, and the reference it was named by.
    pub image: Option<(&'a ImageRecord, &'a str)>,
    /// Limits over the original's.
    pub limits: &'a Limits,
    /// The original goes: the clone keeps its id and pid files, and its anonymous volumes
    /// unless it is a `--rm` container's.
    pub take_over: bool,
    /// Old id → new id of the containers cloned with this one (a pod's), for `--requires`.
    pub cloned: &'a HashMap<String, String>,
    /// Changes to the copied configuration (`pod clone`'s options for its infra container).
    pub adjust: Option<&'a Adjust<'a>>,
}

impl Copy<'_> {
    /// The clone's record, installed.
    pub fn make(
        &self,
        engine: &Engine,
        original: &ContainerRecord,
    ) -> Result<ContainerRecord, ContainerError> {
        let id = ContainerId::random();
        let old_dir = engine.paths(&original.id).dir;
        let new_dir = engine.paths(&id).dir;
        let mut record = original.clone();
        record.id = id.clone();
        record.created = jiff::Timestamp::now().to_string();
        if let Some((image, reference)) = self.image {
            let base = Base::Stored(image);
            record.image = base.id();
            record.layers = base.layers();
            record.image_name = reference.to_string();
            record.squash = None;
            record.root_dir = None;
        }
        record.driver = engine.container_driver(&record);
        // The clone is this node's, whichever node the original is on.
        record.node = engine.recorded_node();
        let run = &mut record.run;
        let resources = Resources {
            limits: run.resources.limits.merged(self.limits),
            ..run.resources.clone()
        };
        resources.check()?;
        run.resources = resources;
        let hostname = match &self.hostname {
            Some(name) => Some(name.clone()),
            None => (run.hostname == original.id.short()).then(|| id.short().to_string()),
        };
        if let Some(name) = hostname {
            set_hostname(run, name);
        }
        if let Some((pod, infra)) = self.pod {
            self.rehome(engine, run, original, pod, infra)?;
        }
        run.requires = run
            .requires
            .iter()
            .map(|r| self.cloned.get(r).cloned().unwrap_or_else(|| r.clone()))
            .collect();
        if !self.take_over {
            (run.cidfile, run.pidfile, run.conmon_pidfile) = (None, None, None);
        }
        if let Some(adjust) = self.adjust {
            adjust(run)?;
        }
        // A `--rm` original's monitor removes its anonymous volumes when it ends, whoever
        // removed the container: the clone cannot keep them.
        let keep_volumes = self.take_over && !original.run.auto_remove;
        let mut files = Vec::new();
        for m in &mut run.mounts {
            match &mut m.kind {
                MountKind::Volume {
                    name,
                    anonymous: true,
                } if !keep_volumes => name.clear(),
                MountKind::Bind { source } if source.starts_with(&old_dir) => {
                    files.push(own_file(&old_dir, source)?);
                    *source = new_dir.join(&files.last().expect("pushed above").0);
                }
                _ => {}
            }
        }
        if let SeccompChoice::Profile(path) = &mut run.seccomp
            && path.starts_with(&old_dir)
        {
            files.push(own_file(&old_dir, path)?);
            *path = new_dir.join(&files.last().expect("pushed above").0);
        }
        // Held until the record is installed, as `create` holds it.
        let _joined = match &run.pod {
            Some(pod) => Some(pod_use::join_pod(engine, pod)?),
            None => None,
        };
        if let NetworkMode::Bridge(attachments) = &run.network {
            let asked: Vec<_> = attachments
                .iter()
                .map(|a| crate::network::mode::Attachment {
                    network_id: None,
                    link: None,
                    ..a.clone()
                })
                .collect();
            run.network = network_use::resolve(engine, &id, &asked)?;
        }
        let leased = matches!(run.network, NetworkMode::Bridge(_)).then(|| record.clone());
        let record = install::install(engine, record, Some(&self.name), false, &files)
            .inspect_err(|_| {
                if let Some(leased) = &leased {
                    let _ = network_use::release(engine, leased);
                }
            })?;
        engine.event("create", &record);
        Ok(record)
    }

    /// The clone leaves the original's pod for `pod`: it shares what `pod` shares through
    /// `infra`, and what the old pod's infra lent it becomes its own again.
    fn rehome(
        &self,
        engine: &Engine,
        run: &mut super::record::RunConfig,
        original: &ContainerRecord,
        pod: &Pod,
        infra: Option<&ContainerRecord>,
    ) -> Result<(), ContainerError> {
        let old_infra = original
            .run
            .pod
            .as_deref()
            .and_then(|p| super::pod::pods(engine).get(p).ok())
            .and_then(|p| p.infra_id);
        run.pod = Some(pod.id.clone());
        run.requires.retain(|r| Some(r) != old_infra.as_ref());
        let lent =
            |mode: &Sharing| matches!(mode, Sharing::Container(c) if Some(c) == old_infra.as_ref());
        if lent(&run.ipc) {
            run.ipc = Sharing::Private;
        }
        if lent(&run.uts) {
            run.uts = Sharing::Private;
        }
        if lent(&run.pid) {
            run.pid = Sharing::Private;
        }
        if lent(&run.cgroupns) {
            run.cgroupns = Sharing::Private;
        }
        // Only a network the new pod does not lend is resolved: the default may need a helper
        // this host lacks, which a member sharing the pod's network never runs.
        let new_lends_net = infra.is_some() && !run.infra && pod.share.iter().any(|k| k == "net");
        if matches!(&run.network, NetworkMode::Container(c) if Some(c) == old_infra.as_ref())
            && !new_lends_net
        {
            run.network = NetworkMode::resolve(None, engine.config.network.default.as_deref())
                .map_err(crate::network::NetworkError::from)?;
        }
        let Some(infra) = infra.filter(|_| !run.infra) else {
            return Ok(());
        };
        let shares = |kind: &str| pod.share.iter().any(|k| k == kind);
        let shared = Sharing::Container(infra.id.to_string());
        if shares("net") {
            run.network = match infra.run.network {
                NetworkMode::Host => NetworkMode::Host,
                _ => NetworkMode::Container(infra.id.to_string()),
            };
            // The pod's infra publishes the ports and writes the name server files.
            run.ports.clear();
            run.dns = Default::default();
        }
        if shares("ipc") {
            run.ipc = shared.clone();
        }
        if shares("pid") {
            run.pid = match infra.run.pid {
                Sharing::Host => Sharing::Host,
                _ => shared.clone(),
            };
        }
        if shares("cgroup") {
            run.cgroupns = shared.clone();
        }
        if shares("uts") {
            // The host's namespace is joined as the host's, not through the infra's.
            run.uts = match infra.run.uts {
                Sharing::Host => Sharing::Host,
                _ => shared,
            };
            set_hostname(run, infra.run.hostname.clone());
        }
        run.requires.insert(0, infra.id.to_string());
        Ok(())
    }
}

/// The hostname, and `HOSTNAME` in the environment when rpod set it.
fn set_hostname(run: &mut super::record::RunConfig, name: String) {
    let old = format!("HOSTNAME={}", run.hostname);
    if run.env.contains(&old) || !run.env.iter().any(|e| env_key(e) == "HOSTNAME") {
        set_env(&mut run.env, format!("HOSTNAME={name}"));
    }
    run.hostname = name;
}

/// A file of the original's directory (a secret, a seccomp profile), copied for the clone.
fn own_file(old_dir: &Path, source: &Path) -> Result<(PathBuf, Vec<u8>), ContainerError> {
    let rel = source
        .strip_prefix(old_dir)
        .expect("the caller checked the prefix")
        .to_path_buf();
    let contents = fs::read(source).map_err(ContainerError::io("read", source))?;
    Ok((rel, contents))
}
