//! `rpod info`: what rpod finds on this host and why it chose what it chose.

use serde_json::{Value, json};

use super::{ContainerError, Engine, doctor, host_facts, list};
use crate::cgroup::probe::CgroupState;
use crate::config::Paths;
use crate::image::manifest::host_arch;
use crate::runtime::{caps, userns};
use crate::storage::{StorageError, probe};

fn kernel() -> String {
    nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The host, the store and the registries, in podman's field names (camel case).
pub fn info(engine: &Engine, paths: &Paths) -> Result<Value, ContainerError> {
    let (store, config) = (engine.store, engine.config);
    let forced = config.storage.driver.map(|d| (d, "rpod.toml"));
    let choice = probe::choose(store.dir(), forced, config.storage.container_dir.as_deref())
        .map_err(StorageError::from)?;
    let (layers_dir, layers_why) = match &choice.container_dir {
        Some((dir, why)) => (dir.clone(), why.clone()),
        None => (
            paths.root.join("containers"),
            "the data directory".to_string(),
        ),
    };
    let users = userns::Support::probe();
    let cgroup = CgroupState::probe();
    let uid = nix::unistd::getuid();
    let gid = nix::unistd::getgid();
    let images = store.index()?.images.len();
    let containers = list::entries(engine)?;
    let count = |state: &str| {
        containers
            .iter()
            .filter(|e| e.status.name() == state)
            .count()
    };
    let memory = host_facts::memory();
    let distro = host_facts::distribution();
    let network = crate::network::NetworkMode::resolve(None, config.network.default.as_deref())
        .map(|m| m.to_string())
        .unwrap_or_else(|e| format!("none ({e})"));
    let helper = |name: &str| {
        json!({
            "executable": crate::network::helper::find(name).map(|p| p.display().to_string()).unwrap_or_default(),
        })
    };
    let findings = doctor::doctor(store.dir(), config, paths, None)?;
    let degraded = doctor::degraded(&findings);
    let one_id = |outside: u32| json!([{"container_id": 0, "host_id": outside, "size": 1}]);
    Ok(json!({
        "host": {
            "cpus": host_facts::cpus(),
            "memTotal": memory.total,
            "memFree": memory.free,
            "swapTotal": memory.swap_total,
            "swapFree": memory.swap_free,
            "uptime": host_facts::uptime(),
            "distribution": {"distribution": distro.id, "version": distro.version},
            "eventLogger": "file",
            "logDriver": "k8s-file",
            "ociRuntime": {"name": "rpod", "path": std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default()},
            "rootlessNetworkCmd": network,
            "pasta": helper("pasta"),
            "slirp4netns": helper("slirp4netns"),
            "idMappings": {"uidmap": one_id(uid.as_raw()), "gidmap": one_id(gid.as_raw())},
            "security": {
                "rootless": !uid.is_root(),
                "seccompEnabled": true,
                "selinuxEnabled": false,
                "apparmorEnabled": false,
                "capabilities": caps::DEFAULT.map(|c| format!("CAP_{c}")).join(","),
            },
            "arch": host_arch(),
            "os": "linux",
            "kernel": kernel(),
            "hostname": nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default(),
            "rootless": !uid.is_root(),
            "uid": uid.as_raw(),
            // Emulation is not isolation: every emulated user is this one kernel user.
            "ids": "one mapped id, root emulation on",
            "userNamespaces": {
                "usable": users.problem().is_none(),
                "problem": users.problem().unwrap_or_default(),
                "maxUserNamespaces": users.max_user_namespaces,
                "idMapping": format!("0 -> {uid} (one id; no /etc/subuid needed)"),
            },
            "cgroups": {
                "summary": cgroup.summary(),
                "mount": cgroup.mount,
                "hybrid": cgroup.hybrid,
                "ownCgroup": cgroup.own,
                "controllers": cgroup.available,
                "delegated": cgroup.writable,
                "manager": "cgroupfs",
                "version": cgroup.version(),
                "delegatedControllers": cgroup.delegated(),
            },
            "cgroupManager": "cgroupfs",
            "degraded": degraded,
            "doctor": match degraded.is_empty() {
                true => "nothing is degraded or missing".to_string(),
                false => "rpod system doctor says why each is degraded, what rpod does instead and the fix".to_string(),
            },
            "cgroupVersion": cgroup.version(),
        },
        "store": {
            "graphRoot": paths.root,
            "runRoot": paths.runroot,
            "configFile": paths.config_file,
            "graphRootFsType": choice.store_fs,
            "graphDriverName": choice.driver.name(),
            "graphDriverReason": choice.reason,
            "containerLayersDir": layers_dir,
            "containerLayersReason": layers_why,
            "squashfsImages": match crate::storage::squash::check_host() {
                Ok(()) => "ready: run --rootfs FILE.sqfs mounts with squashfuse".to_string(),
                Err(e) => e.to_string(),
            },
            "imageCount": images,
            "imageStore": {"number": images},
            "containerStore": {
                "number": containers.len(),
                "paused": count("paused"),
                "running": count("running"),
                "stopped": containers.len() - count("paused") - count("running"),
            },
            "volumePath": paths.volumes,
        },
        "registries": {
            "search": config.registries.unqualified_search,
            "insecure": config.registries.insecure,
            "mirrors": config.registries.mirrors,
            "authFile": paths.auth_file(),
        },
        "version": {
            "version": env!("CARGO_PKG_VERSION"),
            "os": "linux",
            "osArch": format!("linux/{}", host_arch()),
        },
    }))
}
