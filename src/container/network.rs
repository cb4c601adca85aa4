//! A container's network for its monitor: which namespace the init gets, the helper's ports,
//! and the /etc files bound over the image's.

use std::fs;

use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine, processes};
use crate::monitor::spec::{EtcSpec, NetworkSpec};
use crate::network::NetworkMode;
use crate::network::bridge::{self, BridgeLink};
use crate::network::etc_render::{self, HostFiles};
use crate::runtime::spec::{MountSpec, NetNamespace};
use crate::state::atomic;

const ETC_FILES: [&str; 3] = ["hosts", "hostname", "resolv.conf"];

pub struct Planned {
    pub namespace: NetNamespace,
    pub spec: NetworkSpec,
    /// Binds over /etc/hosts, /etc/hostname and /etc/resolv.conf (and below each
    /// `--chrootdirs` directory).
    pub etc_mounts: Vec<MountSpec>,
}

/// A file the user mounts at /etc/NAME replaces ours, as with docker.
fn user_mounts_over(record: &ContainerRecord, name: &str) -> bool {
    let target = format!("/etc/{name}");
    record.run.mounts.iter().any(|m| m.target == target)
}

/// `network connect`/`disconnect` of a running container whose first network changed:
/// /etc/hosts and /etc/resolv.conf as its monitor wrote them at start, now for the new first
/// network (the container's address there, the DNS responder on its gateway), or for none.
/// Rewritten in place: the init bound these very files.
pub(super) fn rewrite_etc(
    record: &ContainerRecord,
    paths: &Paths,
    first: Option<&BridgeLink>,
) -> Result<(), ContainerError> {
    let run = &record.run;
    let info = first.and_then(bridge::info);
    let files = etc_render::render(
        &run.network,
        info.as_ref(),
        &run.hostname,
        &record.name,
        &run.dns,
        &HostFiles::read(),
    )
    .map_err(crate::network::NetworkError::from)?;
    for (name, text) in [("hosts", files.hosts), ("resolv.conf", files.resolv)] {
        let path = paths.dir.join(name);
        if user_mounts_over(record, name) || (name == "hosts" && run.no_hosts) || !path.exists() {
            continue;
        }
        fs::write(&path, text).map_err(ContainerError::io("write", &path))?;
    }
    Ok(())
}

pub fn plan(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
) -> Result<Planned, ContainerError> {
    let run = &record.run;
    let hostname_file = paths.dir.join("hostname");
    // Written again at every start, before the container reads it: not synced.
    atomic::write_as(
        &hostname_file,
        format!("{}\n", run.hostname).as_bytes(),
        atomic::Durability::Unsynced,
    )
    .map_err(ContainerError::io("write", &hostname_file))?;
    let mut names_at = None;
    let (namespace, shared_dir) = match &run.network {
        NetworkMode::Host => (NetNamespace::Host, None),
        NetworkMode::Container(other) => {
            let (namespace, dir) = join(engine, record, other)?;
            // A pod's member answers by its name at its infra's address, as podman's do.
            let (owner, _) = engine.find(other)?;
            if owner.run.infra && run.pod.is_some() && owner.run.pod == run.pod {
                names_at = Some(owner.id.to_string());
            }
            (namespace, Some(dir))
        }
        NetworkMode::Bridge(_) if run.keep_id => return Err(keep_id_on_bridge()),
        NetworkMode::Bridge(attachments) => {
            super::network_use::publish_upstreams(engine, attachments)?;
            (NetNamespace::Bridge, None)
        }
        _ => (NetNamespace::Private, None),
    };
    let mut etc_mounts = Vec::new();
    let mut own = |name: &str| -> Result<Option<std::path::PathBuf>, ContainerError> {
        if user_mounts_over(record, name)
            || (name == "hosts" && run.no_hosts)
            || (name == "hostname" && run.no_hostname)
        {
            return Ok(None);
        }
        let path = match (&shared_dir, name) {
            (Some(dir), "hosts" | "resolv.conf") => dir.join(name),
            _ => paths.dir.join(name),
        };
        // The init binds the file before the monitor fills it in, so it must exist; the
        // monitor rewrites it in place.
        if !path.exists() {
            fs::write(&path, "").map_err(ContainerError::io("write", &path))?;
        }
        // `--chrootdirs`: a process that chroots there finds the same files.
        let roots = std::iter::once("").chain(run.chroot_dirs.iter().map(String::as_str));
        for root in roots {
            etc_mounts.push(MountSpec::Bind {
                source: path.clone(),
                target: format!("{root}/etc/{name}"),
                readonly: false,
                no_symlinks: false,
            });
        }
        Ok(Some(path))
    };
    let mut files = Vec::new();
    for name in ETC_FILES {
        files.push(own(name)?);
    }
    let [hosts, _, resolv] = <[_; 3]>::try_from(files).expect("three /etc files");
    let etc = shared_dir.is_none().then(|| EtcSpec {
        hosts,
        resolv,
        hostname: run.hostname.clone(),
        name: record.name.clone(),
        dns: run.dns.clone(),
    });
    Ok(Planned {
        namespace,
        spec: NetworkSpec {
            mode: run.network.clone(),
            ports: run.ports.clone(),
            helper_dirs: engine.config.network.helper_dirs.clone(),
            etc,
            names_at,
        },
        etc_mounts,
    })
}

/// Why a keep-id container cannot be on a user-defined network.
pub(super) fn keep_id_on_bridge() -> ContainerError {
    ContainerError::invalid(
        "--userns",
        "keep-id",
        "containers on user-defined networks run in the rootless network namespace, where the \
         caller is root: keep-id cannot be combined with --network NAME yet",
    )
}

/// `--network container:ID`: the other container must be running, and its user namespace
/// (which this container joins) must map the id this container runs as. Returns the
/// namespaces to join and the directory of the other's /etc files, which are shared.
fn join(
    engine: &Engine,
    record: &ContainerRecord,
    other: &str,
) -> Result<(NetNamespace, std::path::PathBuf), ContainerError> {
    let (target, target_paths) = engine.find(other)?;
    let Status::Running(running) = status::of(&target_paths) else {
        return Err(ContainerError::NotRunning {
            action: "share the network of",
            name: target.name,
            state: status::of(&target_paths).name(),
        });
    };
    if (target.run.uid, target.run.gid) != (record.run.uid, record.run.gid) {
        return Err(ContainerError::invalid(
            "--network",
            format!("container:{}", target.name),
            format!(
                "{} runs as uid {}:{} and this container as {}:{}; rootless rpod maps one id, so both must run as the same user",
                target.name, target.run.uid, target.run.gid, record.run.uid, record.run.gid
            ),
        ));
    }
    let proc = format!("/proc/{}/ns", processes::namespace_holder(running.pid));
    Ok((
        NetNamespace::Join {
            userns: format!("{proc}/user").into(),
            netns: format!("{proc}/net").into(),
        },
        target_paths.dir,
    ))
}
