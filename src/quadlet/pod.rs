//! `.pod` files: a Type=forking service that makes the pod (`rpod pod create --replace`,
//! with an infra container whose monitor is the unit's main process) and starts it; the
//! containers whose `Pod=` names the file join it, start after it and stop with it. As in
//! podman's quadlet the pod's exit policy is `stop`: when its last container has exited, the
//! infra stops and so does the unit.

use super::command::{self, Command, Map};
use super::error::QuadletError;
use super::resources::Names;
use super::{KnowsFlag, Source, layout};

const KEYS: &[(&str, Map)] = &[
    ("AddHost", Map::Each("--add-host")),
    ("ContainersConfModule", Map::Each("--module")),
    ("DNS", Map::Each("--dns")),
    ("DNSOption", Map::Each("--dns-option")),
    ("DNSSearch", Map::Each("--dns-search")),
    ("GIDMap", Map::Each("--gidmap")),
    ("HostName", Map::One("--hostname")),
    ("IP", Map::One("--ip")),
    ("IP6", Map::One("--ip6")),
    ("Label", Map::Words("--label")),
    ("NetworkAlias", Map::Each("--network-alias")),
    ("PublishPort", Map::Each("--publish")),
    ("ShmSize", Map::One("--shm-size")),
    ("SubGIDMap", Map::One("--subgidname")),
    ("SubUIDMap", Map::One("--subuidname")),
    ("UIDMap", Map::Each("--uidmap")),
    ("UserNS", Map::One("--userns")),
    ("Volume", Map::Each("--volume")),
];

/// Keys read by name below, not through the table.
const OWN_KEYS: [&str; 6] = [
    "PodName",
    "Network",
    "ExitPolicy",
    "StopTimeout",
    "PodmanArgs",
    "GlobalArgs",
];

/// podman's default for `pod stop --time` in a pod's unit.
const STOP_TIMEOUT: &str = "10";

/// The file `--pod-id-file` names for the pod of `unit` (`web-pod.service`): the pod's unit
/// writes it, its containers' units read it.
pub fn id_file(unit: &str) -> String {
    format!("%t/{}.pod-id", unit.trim_end_matches(".service"))
}

pub fn unit(
    source: &Source,
    names: &Names,
    rpod: &str,
    knows: KnowsFlag,
) -> Result<super::unit_file::UnitFile, QuadletError> {
    let path = source.path.as_path();
    let section = source.file.section("Pod").ok_or(QuadletError::NoSection {
        path: path.to_path_buf(),
        group: "Pod",
    })?;
    command::check_keys(path, section, KEYS, &OWN_KEYS)?;
    let global = section.last("GlobalArgs");
    let pod_name = section
        .last("PodName")
        .map(String::from)
        .unwrap_or_else(|| format!("systemd-{}", source.stem));
    let mut create = Command::new(path, knows, global, &["pod", "create"])?;
    create.flag("PodName", "--infra-conmon-pidfile", "%t/%N.pid")?;
    create.flag("PodName", "--pod-id-file", "%t/%N.pod-id")?;
    let policy = section.last("ExitPolicy").unwrap_or("stop");
    create.flag("ExitPolicy", "--exit-policy", policy)?;
    create.switch("PodName", "--replace")?;
    create.flag("PodName", "--infra-name", &format!("{pod_name}-infra"))?;
    create.flag("PodName", "--name", &pod_name)?;
    let mut needs = Vec::new();
    for network in section.all("Network") {
        let value = names.network_value(network, path, &mut needs)?;
        create.flag("Network", "--network", &value)?;
    }
    for (key, map) in KEYS {
        create.apply(key, map, &section.all(key))?;
    }
    create.extra(&section.all("PodmanArgs"))?;

    let id_file = "%t/%N.pod-id";
    let mut start = Command::new(path, knows, global, &["pod", "start"])?;
    start.flag("PodName", "--pod-id-file", id_file)?;
    let mut stop = Command::new(path, knows, global, &["pod", "stop"])?;
    stop.flag("PodName", "--pod-id-file", id_file)?;
    stop.switch("PodName", "--ignore")?;
    let timeout = section.last("StopTimeout").unwrap_or(STOP_TIMEOUT);
    stop.flag("StopTimeout", "--time", timeout)?;
    let mut remove = Command::new(path, knows, global, &["pod", "rm"])?;
    remove.flag("PodName", "--pod-id-file", id_file)?;
    remove.switch("PodName", "--ignore")?;
    remove.switch("PodName", "--force")?;

    let service = vec![
        ("Environment", "PODMAN_SYSTEMD_UNIT=%n".to_string()),
        // The infra's monitor, written by `pod start` before it returns.
        ("Type", "forking".to_string()),
        ("PIDFile", "%t/%N.pid".to_string()),
        ("Restart", "on-failure".to_string()),
        // rpod makes the infra's cgroup below the unit's own (see .container units).
        ("Delegate", "yes".to_string()),
        ("SyslogIdentifier", "%N".to_string()),
        ("ExecStartPre", create.render(rpod)),
        ("ExecStart", start.render(rpod)),
        ("ExecStop", stop.render(rpod)),
        ("ExecStopPost", remove.render(rpod)),
    ];
    let mut unit = layout::unit(&source.file, "Pod", path, service);
    layout::depend(&mut unit, &needs);
    // podman's: starting the pod's unit starts its containers' units, after it.
    let file = format!("{}.pod", source.stem);
    let section = unit.section_mut("Unit");
    for member in names.members_of(&file) {
        section.push("Wants", member.clone());
        section.push("Before", member.clone());
    }
    Ok(unit)
}
