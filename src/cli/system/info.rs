//! `rpod info`: what rpod finds on this host and why it chose what it chose.

use clap::Args;
use serde_json::{Map, Value, json};

use super::facts;
use crate::cgroup::probe::CgroupState;
use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format;
use crate::runtime::userns;
use crate::storage::probe;

/// Display rpod related system information
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod info [options]")]
pub struct InfoArgs {
    /// Change the output format to json or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

fn kernel() -> String {
    nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn run(args: InfoArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let forced = ctx.config.storage.driver.map(|d| (d, "rpod.toml"));
    let choice = probe::choose(
        store.dir(),
        forced,
        ctx.config.storage.container_dir.as_deref(),
    )
    .map_err(crate::storage::StorageError::from)?;
    let (layers_dir, layers_why) = match &choice.container_dir {
        Some((dir, why)) => (dir.clone(), why.clone()),
        None => (
            ctx.paths.root.join("containers"),
            "the data directory".to_string(),
        ),
    };
    let users = userns::Support::probe();
    let cgroup = CgroupState::probe();
    let uid = nix::unistd::getuid();
    let gid = nix::unistd::getgid();
    let images = store.index()?.images.len();
    let engine = ctx.engine(&store)?;
    let containers = crate::container::list::entries(&engine)?;
    let count = |state: &str| {
        containers
            .iter()
            .filter(|e| e.status.name() == state)
            .count()
    };
    let memory = facts::memory();
    let distro = facts::distribution();
    let network = crate::network::NetworkMode::resolve(None, ctx.config.network.default.as_deref())
        .map(|m| m.to_string())
        .unwrap_or_else(|e| format!("none ({e})"));
    let helper = |name: &str| {
        json!({
            "executable": crate::network::helper::find(name).map(|p| p.display().to_string()).unwrap_or_default(),
        })
    };
    let one_id = |outside: u32| json!([{"container_id": 0, "host_id": outside, "size": 1}]);
    let info = json!({
        "host": {
            "cpus": facts::cpus(),
            "memTotal": memory.total,
            "memFree": memory.free,
            "swapTotal": memory.swap_total,
            "swapFree": memory.swap_free,
            "uptime": facts::uptime(),
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
                "capabilities": crate::runtime::caps::DEFAULT.map(|c| format!("CAP_{c}")).join(","),
            },
            "arch": format::host_arch(),
            "os": "linux",
            "kernel": kernel(),
            "hostname": nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default(),
            "rootless": !uid.is_root(),
            "uid": uid.as_raw(),
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
            "graphRoot": ctx.paths.root,
            "runRoot": ctx.paths.runroot,
            "configFile": ctx.paths.config_file,
            "graphDriverName": choice.driver.name(),
            "graphDriverReason": choice.reason,
            "containerLayersDir": layers_dir,
            "containerLayersReason": layers_why,
            "imageCount": images,
            "imageStore": {"number": images},
            "containerStore": {
                "number": containers.len(),
                "paused": count("paused"),
                "running": count("running"),
                "stopped": containers.len() - count("paused") - count("running"),
            },
            "volumePath": ctx.paths.root.join("volumes"),
        },
        "registries": {
            "search": ctx.config.registries.unqualified_search,
            "insecure": ctx.config.registries.insecure,
            "mirrors": ctx.config.registries.mirrors,
            "authFile": ctx.paths.auth_file(),
        },
        "version": {
            "version": env!("CARGO_PKG_VERSION"),
            "os": "linux",
            "osArch": format!("linux/{}", format::host_arch()),
        },
    });
    let text = match args.format.as_deref() {
        Some("json") => format!("{}\n", format::json_pretty(&info)),
        Some(template) => {
            format::render_documents(Some(template), &[with_docker_names(pascal_keys(&info))])?
        }
        None => yaml(&info, 0),
    };
    out(&text)?;
    Ok(0)
}

/// docker's `info --format` names beside podman's (`{{.ServerVersion}}`, `{{.Driver}}`).
fn with_docker_names(mut doc: Value) -> Value {
    let get = |path: &[&str]| {
        path.iter()
            .try_fold(&doc, |v, k| v.get(*k))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let docker = json!({
        "ServerVersion": get(&["Version", "Version"]),
        "Driver": get(&["Store", "GraphDriverName"]),
        "DockerRootDir": get(&["Store", "GraphRoot"]),
        "Images": get(&["Store", "ImageCount"]),
        "Containers": get(&["Store", "ContainerStore", "Number"]),
        "ContainersRunning": get(&["Store", "ContainerStore", "Running"]),
        "ContainersPaused": get(&["Store", "ContainerStore", "Paused"]),
        "ContainersStopped": get(&["Store", "ContainerStore", "Stopped"]),
        "NCPU": get(&["Host", "Cpus"]),
        "MemTotal": get(&["Host", "MemTotal"]),
        "KernelVersion": get(&["Host", "Kernel"]),
        "OperatingSystem": get(&["Host", "Distribution", "Distribution"]),
        "OSType": "linux",
        "Architecture": get(&["Host", "Arch"]),
        "Name": get(&["Host", "Hostname"]),
        "CgroupDriver": get(&["Host", "CgroupManager"]),
        "CgroupVersion": get(&["Host", "CgroupVersion"]),
        "LoggingDriver": get(&["Host", "LogDriver"]),
        "SecurityOptions": ["name=seccomp,profile=default", "name=rootless"],
    });
    if let (Value::Object(map), Value::Object(extra)) = (&mut doc, docker) {
        map.extend(extra);
    }
    doc
}

/// podman's templates name fields as its Go structs do: `{{.Store.GraphDriverName}}`.
fn pascal_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let mut chars = k.chars();
                    let key = chars
                        .next()
                        .map(|c| c.to_uppercase().chain(chars).collect())
                        .unwrap_or_default();
                    (key, pascal_keys(v))
                })
                .collect::<Map<_, _>>(),
        ),
        other => other.clone(),
    }
}

/// The default output: YAML, as podman prints it.
fn yaml(value: &Value, indent: usize) -> String {
    let pad = "  ".repeat(indent);
    let mut text = String::new();
    if let Value::Object(map) = value {
        for (k, v) in map {
            match v {
                Value::Object(inner) if inner.is_empty() => {
                    text.push_str(&format!("{pad}{k}: {{}}\n"))
                }
                Value::Object(_) => text.push_str(&format!("{pad}{k}:\n{}", yaml(v, indent + 1))),
                Value::Array(items) if items.is_empty() => {
                    text.push_str(&format!("{pad}{k}: []\n"))
                }
                Value::Array(items) => {
                    text.push_str(&format!("{pad}{k}:\n"));
                    for item in items {
                        text.push_str(&format!("{pad}- {}\n", scalar(item)));
                    }
                }
                other => text.push_str(&format!("{pad}{k}: {}\n", scalar(other))),
            }
        }
    }
    text
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "\"\"".into(),
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}
