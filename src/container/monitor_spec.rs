//! A container record → the MonitorSpec its monitor runs: the root file system from the
//! store's layers, /etc files, the init's process, namespaces and security settings.

use std::fs;

use super::plan::mounts::{MountKind, anonymous_volumes};
use super::record::{ContainerRecord, Paths, RunConfig, SeccompChoice};
use super::{ContainerError, Engine, network};
use crate::monitor::notify::{CONTAINER_SOCKET_DIR, SdNotify};
use crate::monitor::spec::{MonitorSpec, RootfsSpec, SquashSpec, VolumeFill};
use crate::runtime::emulation::{Emulation, Identity};
use crate::runtime::spec::{
    CgroupFs, InitSpec, MountSpec, Namespaces, ProcessSpec, Rlimit, Security,
};
use crate::runtime::userns::IdMap;
use crate::runtime::{caps, plan, seccomp};
use crate::state::atomic;

/// The command line's binds, volumes and tmpfs mounts as the runtime mounts them.
fn user_mounts(engine: &Engine, record: &ContainerRecord) -> Vec<MountSpec> {
    record
        .run
        .mounts
        .iter()
        .map(|m| match &m.kind {
            // Canonicalised at create (see container::mounts): it must still be that path.
            MountKind::Bind { source } => MountSpec::Bind {
                source: source.clone(),
                target: m.target.clone(),
                readonly: m.readonly,
                no_symlinks: true,
            },
            // The store's own directory, out of every container's reach; it may lie below a
            // symlinked home.
            MountKind::Volume { name, .. } => MountSpec::Bind {
                source: engine.volumes.data_path(name),
                target: m.target.clone(),
                readonly: m.readonly,
                no_symlinks: false,
            },
            MountKind::Tmpfs { options } => MountSpec::Tmpfs {
                target: m.target.clone(),
                options: match (m.readonly, options.is_empty()) {
                    (false, _) => options.clone(),
                    (true, true) => "ro".into(),
                    (true, false) => format!("{options},ro"),
                },
            },
        })
        .collect()
}

fn volume_fills(engine: &Engine, record: &ContainerRecord) -> Vec<VolumeFill> {
    record
        .run
        .mounts
        .iter()
        .filter_map(|m| match &m.kind {
            MountKind::Volume { name, .. } => Some(VolumeFill {
                target: m.target.clone(),
                data: engine.volumes.data_path(name),
            }),
            _ => None,
        })
        .collect()
}

/// The compiled seccomp program for this container, from the on-disk cache when the same
/// profile, capabilities, kernel and rpod were compiled before.
pub fn seccomp_program(
    engine: &Engine,
    record: &ContainerRecord,
    capabilities: &[u32],
) -> Result<Option<Vec<u8>>, ContainerError> {
    let invalid = |e: &dyn std::fmt::Display| {
        ContainerError::invalid("seccomp profile", record.name.clone(), e.to_string())
    };
    let profile = match &record.run.seccomp {
        SeccompChoice::Unconfined => return Ok(None),
        _ if record.run.privileged => return Ok(None),
        SeccompChoice::Default => seccomp::default_profile(),
        SeccompChoice::Profile(path) => {
            seccomp::load_docker_profile(path).map_err(|e| invalid(&e))?
        }
    };
    let names: Vec<&str> = capabilities.iter().filter_map(|c| caps::name(*c)).collect();
    let target = seccomp::Target::host().map_err(|e| invalid(&e))?;
    let cache_dir = engine.root.join("cache/seccomp");
    let cached = cache_dir.join(seccomp::cache_key(&profile, &names, target));
    if let Ok(bytes) = fs::read(&cached) {
        return Ok(Some(bytes));
    }
    let bytes = seccomp::compile(&profile, &names, target)
        .map_err(|e| invalid(&e))?
        .to_bytes();
    if fs::create_dir_all(&cache_dir).is_ok() {
        let _ = atomic::write(&cached, &bytes);
    }
    Ok(Some(bytes))
}

/// The ids the kernel gives the container's processes inside its user namespace: the one id
/// that is mapped. Without root emulation that is the container's user itself; with it, root
/// (or your own uid with keep-id), and the user is emulated on top.
pub fn kernel_ids(run: &RunConfig) -> (u32, u32) {
    if run.root_emulation && !run.keep_id {
        (0, 0)
    } else {
        (run.uid, run.gid)
    }
}

/// The root emulation a process of the container gets, starting as `identity`.
pub fn emulation_for(
    run: &RunConfig,
    identity: Identity,
) -> Result<Option<Emulation>, ContainerError> {
    if !run.root_emulation {
        return Ok(None);
    }
    let filter = crate::runtime::emulation::program()
        .map_err(|e| ContainerError::invalid("--security-opt", "root-emulation=on", e.to_string()))?
        .to_bytes();
    Ok(Some(Emulation { identity, filter }))
}

/// The container's root file system: the image's layers from the store, or its squashfs file
/// mounted as the one lower.
pub fn rootfs_spec(engine: &Engine, record: &ContainerRecord, paths: &Paths) -> RootfsSpec {
    let squash = record.squash.as_ref().map(|file| SquashSpec {
        file: file.clone(),
        mountpoint: paths.squash_mount(),
        log: paths.layers.join("squashfuse.log"),
        hider: paths.squash_hider(),
    });
    let lowers = match (&squash, &record.root_dir) {
        (Some(sq), _) => vec![sq.mountpoint.clone(), sq.hider.clone()],
        (None, Some(dir)) => vec![dir.path.clone()],
        (None, None) => record
            .layers
            .iter()
            .map(|l| engine.store.layer_diff(l))
            .collect(),
    };
    RootfsSpec {
        bind: record
            .root_dir
            .as_ref()
            .filter(|dir| !dir.overlay)
            .map(|dir| dir.path.clone()),
        driver: record.driver,
        lowers,
        upper: paths.upper(),
        work: paths.work(),
        merged: paths.merged(),
        squash,
        volatile: record.run.volatile,
    }
}

/// The hooks of the configured hook directories (`--hooks-dir`, rpod.toml, podman's
/// defaults) whose conditions the container meets.
fn select_hooks(
    engine: &Engine,
    record: &ContainerRecord,
    args: &[String],
) -> Result<crate::runtime::hooks::Hooks, ContainerError> {
    let dirs: Vec<std::path::PathBuf> = match &engine.config.engine.hooks_dirs {
        Some(dirs) => dirs.clone(),
        None => super::hooks::DEFAULT_DIRS.iter().map(Into::into).collect(),
    };
    let facts = super::hooks::Facts {
        annotations: &record.run.annotations,
        command: args.first().map(String::as_str).unwrap_or(""),
        has_bind_mounts: record
            .run
            .mounts
            .iter()
            .any(|m| matches!(m.kind, MountKind::Bind { .. })),
    };
    super::hooks::select(&dirs, &facts)
}

pub fn monitor_spec(
    engine: &Engine,
    record: &ContainerRecord,
    paths: &Paths,
    wait_for_go: bool,
) -> Result<MonitorSpec, ContainerError> {
    let run = &record.run;
    let capabilities = caps::resolve(run.privileged, &run.cap_add, &run.cap_drop)
        .map_err(|e| ContainerError::invalid("capability", e.to_string(), "see capabilities(7)"))?;
    let seccomp = seccomp_program(engine, record, &capabilities)?;
    let (outside_uid, outside_gid) = (
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw(),
    );
    let emulation = emulation_for(
        run,
        Identity {
            uid: run.uid,
            gid: run.gid,
            groups: run.groups.clone(),
            capabilities: capabilities.clone(),
        },
    )?;
    let (inside_uid, inside_gid) = kernel_ids(run);
    let id_map = IdMap {
        inside_uid,
        inside_gid,
        outside_uid,
        outside_gid,
    };
    let network = network::plan(engine, record, paths)?;
    let shared = super::sharing::plan(engine, record)?;
    let (masked, readonly) = if run.privileged {
        (Vec::new(), Vec::new())
    } else {
        (
            plan::MASKED_PATHS.iter().map(|s| s.to_string()).collect(),
            plan::READONLY_PATHS.iter().map(|s| s.to_string()).collect(),
        )
    };
    let notify_socket = match run.sdnotify {
        mode if mode.by_monitor() => std::env::var("NOTIFY_SOCKET").ok(),
        _ => None,
    };
    let notify_relay = (run.sdnotify == SdNotify::Container && notify_socket.is_some())
        .then(|| paths.run_dir.join("notify"));
    let mut env = run.env.clone();
    let mut mounts: Vec<MountSpec> = network
        .etc_mounts
        .into_iter()
        .chain(user_mounts(engine, record))
        .collect();
    let cgroup = super::pod_cgroup::leaf_spec(engine, record)?;
    let cgroup_fs = match run.systemd_on {
        true => super::systemd_mode::apply(record, &mut mounts, cgroup.as_ref())?,
        false => CgroupFs::Hidden,
    };
    if let Some(dir) = &notify_relay {
        env.push(format!(
            "NOTIFY_SOCKET={CONTAINER_SOCKET_DIR}/{}",
            crate::monitor::notify::SOCKET_NAME
        ));
        mounts.push(MountSpec::Bind {
            source: dir.clone(),
            target: CONTAINER_SOCKET_DIR.into(),
            readonly: false,
            no_symlinks: false,
        });
    }
    let args = run.args();
    let hooks = select_hooks(engine, record, &args)?;
    Ok(MonitorSpec {
        hooks,
        annotations: run.annotations.clone(),
        cgroup,
        container_id: record.id.to_string(),
        name: record.name.clone(),
        image_name: record.image_name.clone(),
        runroot: engine.runroot.clone(),
        container_dir: paths.dir.clone(),
        run_dir: paths.run_dir.clone(),
        rootfs: rootfs_spec(engine, record, paths),
        init: InitSpec {
            rootfs: paths.merged(),
            process: ProcessSpec {
                args,
                env,
                cwd: run.working_dir.clone(),
                uid: inside_uid,
                gid: inside_gid,
                terminal: run.tty,
                rlimits: run
                    .ulimits
                    .iter()
                    .map(|&(resource, soft, hard)| Rlimit {
                        resource,
                        soft,
                        hard,
                    })
                    .collect(),
                attrs: run.attrs.clone(),
            },
            hostname: run.hostname.clone(),
            namespaces: Namespaces {
                id_map,
                net: network.namespace,
                ipc: shared.ipc,
                uts: shared.uts,
                pid: shared.pid,
                cgroup: shared.cgroup,
            },
            mounts,
            readonly_rootfs: run.read_only,
            masked_paths: masked,
            readonly_paths: readonly,
            security: Security {
                capabilities,
                no_new_privileges: run.no_new_privileges,
                seccomp,
                emulation,
            },
            init_reaper: run.init,
            sysctls: run.sysctls.clone(),
            pause: run.infra && super::infra::pauses(&record.image_name),
            shm_dir: super::sharing::shm_dir(engine, record),
            user_entries: run.user_entries.clone(),
            cgroup_fs,
        },
        stdin: run.interactive,
        wait_for_go,
        auto_remove: run.auto_remove,
        restart: run.restart,
        pidfile: run.pidfile.clone(),
        conmon_pidfile: run.conmon_pidfile.clone(),
        pod_exit: super::pod::exit_duty(engine, record)?,
        cidfile: run.cidfile.clone(),
        timeout: run.timeout,
        notify_socket,
        notify_when_healthy: run.sdnotify == SdNotify::Healthy,
        notify_relay,
        lock_file: engine.store.dir().join("lock"),
        names_dir: engine.names_dir(),
        log: run.log.clone(),
        fill_volumes: volume_fills(engine, record),
        anonymous_volumes: anonymous_volumes(&record.run.mounts)
            .iter()
            .map(|name| engine.volumes.volume_dir(name))
            .collect(),
        leases: super::network_use::lease_files(engine, record),
        network: network.spec,
        health: super::exec::health_spec(engine, record, paths)?,
    })
}
