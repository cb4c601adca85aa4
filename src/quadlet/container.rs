//! `.container` files: a Type=notify service that runs the container with `rpod run -d
//! --sdnotify=conmon --rm --replace`, its monitor the service's main process, and removes it
//! when stopped (as podman's quadlet does with conmon).

use std::path::Path;

use super::command::{self, Command, Map};
use super::error::QuadletError;
use super::resources::{Names, ResourceKind};
use super::unit_file::UnitFile;
use super::{KnowsFlag, layout, words};

const KEYS: &[(&str, Map)] = &[
    ("AddCapability", Map::Words("--cap-add")),
    ("AddDevice", Map::Each("--device")),
    ("Annotation", Map::Words("--annotation")),
    ("DNS", Map::Each("--dns")),
    ("DNSOption", Map::Each("--dns-option")),
    ("DNSSearch", Map::Each("--dns-search")),
    ("DropCapability", Map::Words("--cap-drop")),
    ("Entrypoint", Map::One("--entrypoint")),
    ("Environment", Map::Words("--env")),
    ("EnvironmentFile", Map::Each("--env-file")),
    ("EnvironmentHost", Map::Switch("--env-host")),
    ("ExposeHostPort", Map::Each("--expose")),
    ("GroupAdd", Map::Each("--group-add")),
    ("HealthCmd", Map::One("--health-cmd")),
    ("HealthInterval", Map::One("--health-interval")),
    ("HealthOnFailure", Map::One("--health-on-failure")),
    ("HealthRetries", Map::One("--health-retries")),
    ("HealthStartPeriod", Map::One("--health-start-period")),
    ("HealthStartupInterval", Map::One("--health-start-interval")),
    ("HealthTimeout", Map::One("--health-timeout")),
    ("HostName", Map::One("--hostname")),
    ("IP", Map::One("--ip")),
    ("Label", Map::Words("--label")),
    ("LogDriver", Map::One("--log-driver")),
    ("LogOpt", Map::Each("--log-opt")),
    ("Memory", Map::One("--memory")),
    ("Mount", Map::Each("--mount")),
    ("NetworkAlias", Map::Each("--network-alias")),
    (
        "NoNewPrivileges",
        Map::Prefixed("--security-opt", "no-new-privileges="),
    ),
    ("PidsLimit", Map::One("--pids-limit")),
    ("PublishPort", Map::Each("--publish")),
    ("Pull", Map::One("--pull")),
    ("ReadOnly", Map::Switch("--read-only")),
    ("ReadOnlyTmpfs", Map::Bool("--read-only-tmpfs")),
    ("RunInit", Map::Switch("--init")),
    (
        "SeccompProfile",
        Map::Prefixed("--security-opt", "seccomp="),
    ),
    ("Secret", Map::Each("--secret")),
    ("ShmSize", Map::One("--shm-size")),
    ("StopSignal", Map::One("--stop-signal")),
    ("StopTimeout", Map::One("--stop-timeout")),
    ("Sysctl", Map::Words("--sysctl")),
    ("Timezone", Map::One("--tz")),
    ("Tmpfs", Map::Each("--tmpfs")),
    ("Ulimit", Map::Each("--ulimit")),
    ("UserNS", Map::One("--userns")),
    ("WorkingDir", Map::One("--workdir")),
];

/// Keys read by name below, not through the table.
const OWN_KEYS: [&str; 12] = [
    "Image",
    "Pod",
    "Rootfs",
    "Exec",
    "ContainerName",
    "Volume",
    "Network",
    "User",
    "Group",
    "Notify",
    "AutoUpdate",
    "PodmanArgs",
];

/// Seconds `rpod rm -f` waits when the file sets no StopTimeout (docker's default).
const STOP_TIMEOUT: &str = "10";

pub fn unit(
    file: &UnitFile,
    path: &Path,
    names: &Names,
    rpod: &str,
    knows: KnowsFlag,
) -> Result<UnitFile, QuadletError> {
    let section = file.section("Container").ok_or(QuadletError::NoSection {
        path: path.to_path_buf(),
        group: "Container",
    })?;
    let own: Vec<&str> = OWN_KEYS.iter().copied().chain(["GlobalArgs"]).collect();
    command::check_keys(path, section, KEYS, &own)?;
    let global = section.last("GlobalArgs");
    let mut run = Command::new(path, knows, global, &["run"])?;
    // A container name cannot hold the `@` of a template instance's unit name (podman's
    // default for templates too).
    let template = path
        .file_stem()
        .is_some_and(|s| s.to_string_lossy().contains('@'));
    let default_name = if template {
        "systemd-%p_%i"
    } else {
        "systemd-%N"
    };
    let name = section.last("ContainerName").unwrap_or(default_name);
    run.flag("ContainerName", "--name", name)?;
    run.flag("Exec", "--cidfile", "%t/%N.cid")?;
    run.switch("Exec", "--replace")?;
    run.switch("Exec", "--rm")?;
    run.switch("Exec", "--detach")?;
    let notify = match section.last("Notify") {
        Some(v) if v.eq_ignore_ascii_case("healthy") => "healthy",
        // true: the container itself says when it is ready, through the socket rpod relays.
        Some(v) => {
            match words::boolean(v).map_err(|why| QuadletError::invalid(path, "Notify", v, why))? {
                true => "container",
                false => "conmon",
            }
        }
        None => "conmon",
    };
    run.flag("Notify", "--sdnotify", notify)?;
    let mut needs = Vec::new();
    if let Some(user) = section.last("User") {
        let user = match section.last("Group") {
            Some(group) => format!("{user}:{group}"),
            None => user.to_string(),
        };
        run.flag("User", "--user", &user)?;
    } else if section.last("Group").is_some() {
        return Err(QuadletError::Missing {
            path: path.to_path_buf(),
            key: "User",
        });
    }
    for volume in section.all("Volume") {
        let (source, rest) = volume.split_once(':').unwrap_or((volume, ""));
        let source = match names.resolve(ResourceKind::Volume, source, path, "Volume")? {
            Some((name, unit)) => {
                needs.push(unit);
                name
            }
            None => source.to_string(),
        };
        let value = if rest.is_empty() {
            source
        } else {
            format!("{source}:{rest}")
        };
        run.flag("Volume", "--volume", &value)?;
    }
    for network in section.all("Network") {
        let value = names.network_value(network, path, &mut needs)?;
        run.flag("Network", "--network", &value)?;
    }
    let mut bound = None;
    if let Some(pod) = section.last("Pod") {
        let Some((_, unit)) = names.resolve(ResourceKind::Pod, pod, path, "Pod")? else {
            return Err(QuadletError::invalid(
                path,
                "Pod",
                pod,
                "must name a .pod file (NAME.pod)",
            ));
        };
        run.flag("Pod", "--pod-id-file", &super::pod::id_file(&unit))?;
        bound = Some(unit);
    }
    if let Some(policy) = section.last("AutoUpdate") {
        run.flag(
            "AutoUpdate",
            "--label",
            &format!("io.containers.autoupdate={policy}"),
        )?;
    }
    for (key, map) in KEYS {
        run.apply(key, map, &section.all(key))?;
    }
    run.extra(&section.all("PodmanArgs"))?;
    match (section.last("Image"), section.last("Rootfs")) {
        (Some(image), None) => {
            let made = match names.resolve(ResourceKind::Image, image, path, "Image")? {
                Some(made) => Some(made),
                None => names.resolve(ResourceKind::Build, image, path, "Image")?,
            };
            let image = match made {
                Some((name, unit)) => {
                    needs.push(unit);
                    name
                }
                None => image.to_string(),
            };
            run.word(image);
        }
        (None, Some(rootfs)) => {
            run.flag("Rootfs", "--rootfs", rootfs)?;
        }
        (Some(_), Some(_)) => {
            return Err(QuadletError::invalid(
                path,
                "Rootfs",
                section.last("Rootfs").unwrap_or_default(),
                "Image= and Rootfs= exclude each other",
            ));
        }
        (None, None) => {
            return Err(QuadletError::Missing {
                path: path.to_path_buf(),
                key: "Image",
            });
        }
    }
    if let Some(exec) = section.last("Exec") {
        for word in
            words::split(exec).map_err(|why| QuadletError::invalid(path, "Exec", exec, why))?
        {
            run.word(word);
        }
    }
    let stop_timeout = section.last("StopTimeout").unwrap_or(STOP_TIMEOUT);
    let mut remove = Command::new(path, knows, global, &["rm"])?;
    for word in ["--volumes", "--force", "--ignore"] {
        remove.switch("ExecStop", word)?;
    }
    remove.flag("StopTimeout", "--time", stop_timeout)?;
    remove.flag("ExecStop", "--cidfile", "%t/%N.cid")?;
    let remove = remove.render(rpod);
    let service = vec![
        ("Environment", "PODMAN_SYSTEMD_UNIT=%n".to_string()),
        ("KillMode", "mixed".to_string()),
        // rpod makes the container's cgroup below the unit's own: without delegation systemd
        // cannot place ExecStop= in a cgroup that has children (219/CGROUP).
        ("Delegate", "yes".to_string()),
        ("ExecStop", remove.clone()),
        ("ExecStopPost", format!("-{remove}")),
        ("Type", "notify".to_string()),
        ("NotifyAccess", "all".to_string()),
        ("SyslogIdentifier", "%N".to_string()),
        ("ExecStart", run.render(rpod)),
    ];
    let mut unit = layout::unit(file, "Container", path, service);
    layout::depend(&mut unit, &needs);
    // podman's: the container stops when its pod's unit does.
    if let Some(pod) = bound {
        let section = unit.section_mut("Unit");
        section.push("BindsTo", pod.clone());
        section.push("After", pod);
    }
    Ok(unit)
}
