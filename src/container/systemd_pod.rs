//! `generate systemd POD`: podman's units for a pod. The pod's unit is Type=forking with the
//! infra's monitor as its main process; each member's unit (as `systemd_unit` makes it) is
//! bound to it, and the pod's unit wants them, so starting the pod starts its containers.
//! With `--new` the pod's unit makes the pod (`pod create --replace --exit-policy stop`) and
//! removes it; the members' units join it through its id file.

use std::path::Path;

use super::systemd_unit::{self, TakesValue, Unit, UnitOptions, quote};
use super::{ContainerError, Engine, pod};
use crate::monitor::state::CONMON_PID_FILE;

/// `pod create` flags the unit sets itself.
const VALUED: [&str; 5] = [
    "--name",
    "-n",
    "--pod-id-file",
    "--infra-conmon-pidfile",
    "--exit-policy",
];
const SWITCHES: [&str; 1] = ["--replace"];

pub fn generate(
    engine: &Engine,
    name_or_id: &str,
    opts: &UnitOptions,
    rpod: &Path,
    takes_value: TakesValue,
) -> Result<Vec<Unit>, ContainerError> {
    let entry = pod::entry(engine, name_or_id).map_err(|e| match e {
        ContainerError::Pods(crate::pods::PodsError::NotFound(_)) => ContainerError::invalid(
            "generate systemd of",
            name_or_id,
            "no such container or pod",
        ),
        other => other,
    })?;
    let Some(infra) = entry.infra() else {
        return Err(ContainerError::invalid(
            "generate systemd of",
            &entry.pod.name,
            "the pod has no infra container (--infra=false): nothing holds it while its \
             containers' units come and go",
        ));
    };
    let ident = if opts.use_name {
        entry.pod.name.clone()
    } else {
        entry.pod.id.clone()
    };
    let stem = format!("{}{}{ident}", opts.pod_prefix, opts.separator);
    let mut members = Vec::new();
    for member in entry.members.iter().filter(|m| !m.record.run.infra) {
        members.push(systemd_unit::container_unit(
            engine,
            &member.record,
            opts,
            rpod,
            takes_value,
            Some(&stem),
        )?);
    }
    let rpod = quote(&rpod.display().to_string());
    let stop = opts.stop_timeout.unwrap_or(infra.record.run.stop_timeout);
    let service = if opts.new {
        let id_file = format!("%t/{stem}.pod-id");
        // Each word then a space: the name follows.
        let create: String = create_words(&entry.pod.create_command, takes_value)
            .iter()
            .map(|w| format!("{} ", quote(w)))
            .collect();
        format!(
            "ExecStartPre={rpod} pod create --infra-conmon-pidfile %t/{stem}.pid \
             --pod-id-file {id_file} --exit-policy=stop --replace {create}--name {}\n\
             ExecStart={rpod} pod start --pod-id-file {id_file}\n\
             ExecStop={rpod} pod stop --ignore --pod-id-file {id_file} -t {stop}\n\
             ExecStopPost={rpod} pod rm --ignore -f --pod-id-file {id_file}\n\
             PIDFile=%t/{stem}.pid\n",
            quote(&entry.pod.name),
        )
    } else {
        let infra_id = quote(infra.record.id.as_str());
        let pid_file = infra.paths.run_dir.join(CONMON_PID_FILE);
        format!(
            "ExecStart={rpod} start {infra_id}\nExecStop={rpod} stop -t {stop} {infra_id}\n\
             ExecStopPost={rpod} stop -t {stop} {infra_id}\nPIDFile={}\n",
            quote(&pid_file.display().to_string()),
        )
    };
    let mut unit = Unit {
        name: stem,
        text: String::new(),
    };
    let mut text = systemd_unit::head(engine, &unit, opts);
    let names: Vec<String> = members.iter().map(Unit::file_name).collect();
    if !names.is_empty() {
        text.push_str(&format!(
            "Wants={}\nBefore={}\n",
            names.join(" "),
            names.join(" ")
        ));
    }
    let restart = opts.restart_policy.as_deref().unwrap_or("on-failure");
    // Delegate: the infra's cgroup is made below the unit's, as a container's.
    text.push_str(&format!(
        "\n[Service]\n{}{service}Type=forking\nDelegate=yes\n\n\
         [Install]\nWantedBy=default.target\n",
        systemd_unit::service_settings(opts, restart, stop),
    ));
    unit.text = text;
    let mut units = vec![unit];
    units.extend(members);
    Ok(units)
}

/// The words of the command that made the pod after `pod create`, without what the unit sets
/// and without the positional name (the unit names the pod itself).
fn create_words(command: &[String], takes_value: TakesValue) -> Vec<String> {
    let Some(at) = command
        .windows(2)
        .position(|w| w[0] == "pod" && w[1] == "create")
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut words = command[at + 2..].iter();
    while let Some(word) = words.next() {
        if SWITCHES.contains(&word.as_str()) || !word.starts_with('-') {
            continue;
        }
        if VALUED.contains(&word.as_str()) {
            words.next();
        } else if !VALUED.iter().any(|f| word.starts_with(&format!("{f}="))) {
            out.push(word.clone());
            if takes_value(&["pod", "create"], word) {
                out.extend(words.next().cloned());
            }
        }
    }
    out
}
