//! `inspect`: a container as docker shows it.

use serde_json::{Value, json};

use super::list::Entry;
use super::mounts::{MountDef, MountKind};
use super::status::Status;
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
        Status::Running(s) => (
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
    let args = run.args();
    json!({
        "Id": r.id.as_str(),
        "Created": r.created,
        "Path": args.first().cloned().unwrap_or_default(),
        "Args": args.iter().skip(1).collect::<Vec<_>>(),
        "State": {
            "Status": entry.status.name(),
            "Running": running,
            "Paused": false,
            "Restarting": false,
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
        "RestartCount": 0,
        "Driver": r.driver.name(),
        "LogPath": entry.paths.log(),
        "HostnamePath": entry.paths.dir.join("hostname"),
        "HostsPath": entry.paths.dir.join("hosts"),
        "ResolvConfPath": entry.paths.dir.join("resolv.conf"),
        "Config": {
            "Hostname": run.hostname,
            "User": run.user,
            "Tty": run.tty,
            "OpenStdin": run.interactive,
            "Env": run.env,
            "Cmd": run.cmd,
            "Entrypoint": run.entrypoint,
            "Image": r.image_name,
            "WorkingDir": run.working_dir,
            "Labels": run.labels,
            "StopSignal": run.stop_signal,
            "StopTimeout": run.stop_timeout,
        },
        "HostConfig": {
            "AutoRemove": run.auto_remove,
            "Privileged": run.privileged,
            "ReadonlyRootfs": run.read_only,
            "Init": run.init,
            "CapAdd": run.cap_add,
            "CapDrop": run.cap_drop,
            "NetworkMode": run.network,
            "UsernsMode": if run.keep_id { "keep-id" } else { "" },
            "SecurityOpt": security_opt(entry),
            "Ulimits": run.ulimits.iter().map(|(res, soft, hard)| json!({"Resource": res, "Soft": soft, "Hard": hard})).collect::<Vec<_>>(),
        },
        "Mounts": run.mounts.iter().map(|m| mount(m, volumes)).collect::<Vec<_>>(),
        "NetworkSettings": { "Ports": {} },
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
