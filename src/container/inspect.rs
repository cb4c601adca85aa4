//! `inspect`: a container as docker shows it.

use serde_json::{Value, json};

use super::list::Entry;
use super::plan::mounts::{MountDef, MountKind};
use super::plan::process;
use super::plan::resources::RateKind;
use super::status::Status;
use crate::network::{NetworkMode, PortMapping};
use crate::volume::Volumes;

pub fn inspect(entry: &Entry, volumes: &Volumes) -> Value {
    let r = &entry.record;
    let run = &r.run;
    let (running, pid, started, finished, exit_code, error, oom) = match &entry.status {
        Status::Created => (
            false,
            0,
            String::new(),
            String::new(),
            0,
            String::new(),
            false,
        ),
        Status::Running(s) | Status::Paused(s) => (
            true,
            s.pid,
            s.started_at.clone(),
            String::new(),
            0,
            String::new(),
            false,
        ),
        Status::Exited(e) => (
            false,
            0,
            String::new(),
            e.finished_at.clone(),
            e.exit_code,
            e.error.clone().unwrap_or_default(),
            e.oom_killed,
        ),
    };
    let (restarting, restart_count) = match &entry.status {
        Status::Running(s) | Status::Paused(s) => (s.restarting.is_some(), s.restart_count),
        Status::Exited(e) => (false, e.restart_count),
        Status::Created => (false, 0),
    };
    let args = run.args();
    let mut inspected = json!({
        "Id": r.id.as_str(),
        "Created": r.created,
        "Path": args.first().cloned().unwrap_or_default(),
        "Args": args.iter().skip(1).collect::<Vec<_>>(),
        "State": {
            "Status": entry.state(),
            "Running": running,
            "Paused": matches!(entry.status, Status::Paused(_)),
            "Restarting": restarting,
            "OOMKilled": oom,
            "Dead": false,
            "Pid": pid,
            "ExitCode": exit_code,
            "Error": error,
            "StartedAt": started,
            "FinishedAt": finished,
        },
        "Image": format!("sha256:{}", r.image),
        "ImageName": r.image_name,
        "Name": r.name,
        "Pod": r.run.pod.clone().unwrap_or_default(),
        "RestartCount": restart_count,
        "Driver": r.driver.name(),
        "GraphDriver": {
            "Name": r.driver.name(),
            "Data": {
                // The container's own files: with vfs, its whole copy of the image.
                "UpperDir": match r.driver {
                    crate::config::StorageDriver::Vfs => entry.paths.upper().join("rootfs"),
                    _ => entry.paths.upper(),
                },
                "WorkDir": entry.paths.work(),
                "MergedDir": entry.paths.merged(),
            },
        },
        "LogPath": r.log_path(&entry.paths),
        "HostnamePath": entry.paths.dir.join("hostname"),
        "HostsPath": entry.paths.dir.join("hosts"),
        "ResolvConfPath": entry.paths.dir.join("resolv.conf"),
        "Config": {
            "Hostname": run.hostname,
            "SdNotifyMode": run.sdnotify.name(),
            "Systemd": run.systemd.name(),
            "User": run.user,
            "Tty": run.tty,
            "OpenStdin": run.interactive,
            "AttachStdin": run.attach.map_or(run.interactive, |a| a.stdin),
            "AttachStdout": run.attach.is_none_or(|a| a.stdout),
            "AttachStderr": run.attach.is_none_or(|a| a.stderr),
            "Env": run.env,
            "Cmd": run.cmd,
            "Entrypoint": run.entrypoint,
            "Image": r.image_name,
            "WorkingDir": run.working_dir,
            "Labels": run.labels,
            "Annotations": run.annotations,
            "StopSignal": run.stop_signal,
            "StopTimeout": run.stop_timeout,
            "Timeout": run.timeout.unwrap_or(0),
            "Healthcheck": run.healthcheck.as_ref().map(|h| h.docker()),
            "HealthcheckOnFailureAction": run
                .healthcheck
                .as_ref()
                .map(|h| h.on_failure.to_string())
                .unwrap_or_else(|| "none".into()),
        },
        "HostConfig": {
            "AutoRemove": run.auto_remove,
            "RestartPolicy": {
                "Name": run.restart.name(),
                "MaximumRetryCount": run.restart.max_retries(),
            },
            "Privileged": run.privileged,
            "ReadonlyRootfs": run.read_only,
            "Init": run.init,
            "CapAdd": run.cap_add,
            "CapDrop": run.cap_drop,
            "NetworkMode": run.network.to_string(),
            "PortBindings": port_bindings(&run.ports),
            "UsernsMode": if run.keep_id { "keep-id" } else { "" },
            "SecurityOpt": security_opt(entry),
            "Ulimits": run.ulimits.iter().filter_map(|(res, soft, hard)| Some(json!({"Name": process::rlimit_name(*res)?, "Soft": soft, "Hard": hard}))).collect::<Vec<_>>(),
            "Memory": run.resources.limits.memory.unwrap_or(0),
            "MemorySwap": run.resources.limits.memory_swap.unwrap_or(0),
            "MemoryReservation": run.resources.limits.memory_reservation.unwrap_or(0),
            "NanoCpus": run.resources.limits.nano_cpus.unwrap_or(0),
            "CpuShares": run.resources.limits.cpu_shares.unwrap_or(0),
            "CpuWeight": run.resources.limits.cpu_weight.unwrap_or(0),
            "CpusetCpus": run.resources.limits.cpuset_cpus.clone().unwrap_or_default(),
            "PidsLimit": run.resources.limits.pids_limit.unwrap_or(0),
            "CgroupParent": run.resources.cgroup_parent.clone().unwrap_or_default(),
            "Cgroups": if run.resources.cgroups_disabled { "disabled" } else { "enabled" },
            // docker-compose shows the logs of containers whose driver is not none.
            "LogConfig": log_config(&run.log),
        },
        "Mounts": run.mounts.iter().map(|m| mount(m, volumes)).collect::<Vec<_>>(),
        "NetworkSettings": network_settings(entry),
    });
    if let Some(health) = super::health::of(entry) {
        inspected["State"]["Health"] = json!(health);
    }
    // podman's: a map of the files, null without any (set apart: the literal above is at
    // json!'s recursion limit).
    inspected["HostConfig"]["CgroupConf"] = cgroup_conf(&run.resources.conf);
    // podman's: the startup check and the log settings beside the check.
    if let Some(check) = &run.healthcheck {
        let config = &mut inspected["Config"];
        if let Some(startup) = &check.startup {
            config["StartupHealthCheck"] = startup.podman();
        }
        config["HealthLogDestination"] = json!(check.log.destination.to_string());
        config["HealthcheckMaxLogCount"] = json!(check.log.max_count);
        config["HealthcheckMaxLogSize"] = json!(check.log.max_size);
    }
    // Set apart: one json! of the whole document would pass serde_json's macro recursion limit.
    let limits = &run.resources.limits;
    let host = &mut inspected["HostConfig"];
    host["CpusetMems"] = json!(limits.cpuset_mems.clone().unwrap_or_default());
    host["CpuPeriod"] = json!(limits.cpu_period.unwrap_or(0));
    host["CpuQuota"] = json!(limits.cpu_quota.unwrap_or(0));
    host["CgroupnsMode"] = json!(super::create::cgroupns_mode(&run.cgroupns));
    for kind in RateKind::ALL {
        let rates: Vec<Value> = limits
            .device_rates
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| json!({"Path": r.path, "Rate": r.rate}))
            .collect();
        host[kind.inspect_field()] = json!(rates);
    }
    // podman's Config.Passwd (always given by its CLI) and Config.ChrootDirs (when some).
    let config = &mut inspected["Config"];
    config["Passwd"] = json!(!run.no_passwd);
    if !run.chroot_dirs.is_empty() {
        config["ChrootDirs"] = json!(run.chroot_dirs);
    }
    // podman's: the ids of the containers this one requires (its pod's infra, --requires).
    inspected["Dependencies"] = json!(run.requires);
    // podman's (docker's too): the exec sessions recorded, finished ones included.
    inspected["ExecIDs"] = json!(super::exec_session::ids(&entry.paths));
    // rpod's: the node of a cluster the container belongs to (#22).
    inspected["Node"] = json!(entry.node);
    inspected
}

/// docker's `{"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}`.
fn port_bindings(ports: &[PortMapping]) -> Value {
    let mut map = serde_json::Map::new();
    for p in ports {
        let key = format!("{}/{}", p.container_port, p.protocol);
        let binding = json!({
            "HostIp": p.host_ip.map(|ip| ip.to_string()).unwrap_or_else(|| "0.0.0.0".into()),
            "HostPort": p.host_port.to_string(),
        });
        match map.get_mut(&key) {
            Some(Value::Array(list)) => list.push(binding),
            _ => {
                map.insert(key, json!([binding]));
            }
        }
    }
    Value::Object(map)
}

/// Ports always; addresses while the container runs with a helper that gave it some.
fn network_settings(entry: &Entry) -> Value {
    let info = match &entry.status {
        Status::Running(running) | Status::Paused(running) => running.network.as_ref(),
        _ => None,
    };
    json!({
        "Ports": port_bindings(&entry.record.run.ports),
        "IPAddress": info.map(|i| i.address.to_string()).unwrap_or_default(),
        "IPPrefixLen": info.map(|i| i.prefix_len).unwrap_or(0),
        "Gateway": info.map(|i| i.gateway.to_string()).unwrap_or_default(),
        "SandboxKey": match &entry.status {
            Status::Running(running) | Status::Paused(running)
                if entry.record.run.network != NetworkMode::Host =>
            {
                format!("/proc/{}/ns/net", running.pid)
            }
            _ => String::new(),
        },
        "Networks": networks(&entry.record),
    })
}

/// docker's NetworkSettings.Networks: each user-defined network with the container's
/// address on it (leased at create, so shown whether or not the container runs).
pub fn networks(record: &crate::container::record::ContainerRecord) -> Value {
    let NetworkMode::Bridge(attachments) = &record.run.network else {
        return json!({});
    };
    let mut out = serde_json::Map::new();
    for a in attachments {
        let Some(link) = &a.link else { continue };
        let mut aliases = a.aliases.clone();
        aliases.insert(0, record.name.clone());
        out.insert(
            a.network.clone(),
            json!({
                "NetworkID": a.network_id.clone().unwrap_or_default(),
                "IPAddress": link.v4.map(|v| v.address.to_string()).unwrap_or_default(),
                "IPPrefixLen": link.v4.map(|v| v.prefix_len).unwrap_or(0),
                "Gateway": link.v4.map(|v| v.gateway.to_string()).unwrap_or_default(),
                "GlobalIPv6Address": link.v6.map(|v| v.address.to_string()).unwrap_or_default(),
                "GlobalIPv6PrefixLen": link.v6.map(|v| v.prefix_len).unwrap_or(0),
                "IPv6Gateway": link.v6.map(|v| v.gateway.to_string()).unwrap_or_default(),
                "MacAddress": crate::network::bridge::format_mac(link.mac),
                "Aliases": aliases,
            }),
        );
    }
    Value::Object(out)
}

/// podman's shape: the driver (json-file is taken as k8s-file), and the options given.
fn log_config(log: &crate::monitor::log::LogSpec) -> Value {
    let mut config = serde_json::Map::new();
    if let Some(path) = &log.path {
        config.insert("path".into(), json!(path));
    }
    if let Some(size) = log.max_size {
        config.insert("max-size".into(), json!(size.to_string()));
    }
    json!({
        "Type": if log.disabled { "none" } else { "k8s-file" },
        "Config": config,
    })
}

fn mount(m: &MountDef, volumes: &Volumes) -> Value {
    let (kind, name, source) = match &m.kind {
        MountKind::Bind { source } => ("bind", None, source.display().to_string()),
        MountKind::Volume { name, .. } => (
            "volume",
            Some(name.as_str()),
            volumes.data_path(name).display().to_string(),
        ),
        MountKind::Tmpfs { .. } => ("tmpfs", None, String::new()),
    };
    let mut doc = json!({
        "Type": kind,
        "Source": source,
        "Destination": m.target,
        "Mode": match &m.kind {
            MountKind::Tmpfs { options } => options.clone(),
            _ => String::new(),
        },
        "RW": !m.readonly,
        "Propagation": if kind == "bind" { "rprivate" } else { "" },
    });
    if let Some(name) = name {
        doc["Name"] = json!(name);
        doc["Driver"] = json!("local");
    }
    doc
}

fn security_opt(entry: &Entry) -> Vec<String> {
    use super::record::SeccompChoice;
    let run = &entry.record.run;
    let mut out = Vec::new();
    if run.no_new_privileges {
        out.push("no-new-privileges".to_string());
    }
    match &run.seccomp {
        SeccompChoice::Default => {}
        SeccompChoice::Unconfined => out.push("seccomp=unconfined".into()),
        SeccompChoice::Profile(p) => out.push(format!("seccomp={}", p.display())),
    }
    out
}

fn cgroup_conf(conf: &[crate::cgroup::conf::ConfSetting]) -> Value {
    match conf.is_empty() {
        true => Value::Null,
        false => conf
            .iter()
            .map(|s| (s.key.clone(), Value::String(s.value.clone())))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}
