//! `rpod info`: what rpod finds on this host and why it chose what it chose.

use serde_json::{Value, json};

use super::ContainerError;
use crate::cgroup::probe::CgroupState;
use crate::config::{Config, Paths};
use crate::image::manifest::host_arch;
use crate::image::store::Store;
use crate::runtime::userns;
use crate::storage::{StorageError, probe};

fn kernel() -> String {
    nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The host, the store and the registries, in podman's field names (camel case).
pub fn info(store: &Store, config: &Config, paths: &Paths) -> Result<Value, ContainerError> {
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
    let images = store.index()?.images.len();
    Ok(json!({
        "host": {
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
            "cgroupVersion": cgroup.version(),
        },
        "store": {
            "graphRoot": paths.root,
            "runRoot": paths.runroot,
            "configFile": paths.config_file,
            "graphDriverName": choice.driver.name(),
            "graphDriverReason": choice.reason,
            "containerLayersDir": layers_dir,
            "containerLayersReason": layers_why,
            "imageCount": images,
        },
        "registries": {
            "search": config.registries.unqualified_search,
            "insecure": config.registries.insecure,
            "mirrors": config.registries.mirrors,
            "authFile": paths.auth_file(),
        },
        "version": {
            "version": env!("CARGO_PKG_VERSION"),
            "osArch": format!("linux/{}", host_arch()),
        },
    }))
}
