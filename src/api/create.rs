//! `POST /containers/create`: docker's create body checked and turned into the CLI's
//! [`RunOptions`] (what `rpod create` flags would say), so both go through `RunPlan::build`.

use serde_json::{Map, Value};

use super::reply::Failure;
use crate::container::plan::RunOptions;
use crate::container::plan::health::HealthOptions;

/// Body fields that take effect, or that only tell docker's client how to attach.
const CONFIG_FIELDS: &[&str] = &[
    "Image",
    "Cmd",
    "Entrypoint",
    "Env",
    "WorkingDir",
    "User",
    "Labels",
    "Tty",
    "OpenStdin",
    "ExposedPorts",
    "Hostname",
    "HostConfig",
    "AttachStdin",
    "AttachStdout",
    "AttachStderr",
    "StdinOnce",
    "NetworkingConfig",
    "Healthcheck",
];
const HOST_FIELDS: &[&str] = &[
    "Binds",
    "PortBindings",
    "AutoRemove",
    "NetworkMode",
    "Memory",
    "NanoCpus",
    "RestartPolicy",
    "Mounts",
    "ConsoleSize",
    "Ulimits",
];

/// The options of a create body; `name` is the `?name=` query.
pub fn options(body: &[u8], name: Option<&str>) -> Result<RunOptions, Failure> {
    let doc: Value = serde_json::from_slice(body)
        .map_err(|e| Failure::bad(format!("invalid JSON in the request body: {e}")))?;
    let config = doc
        .as_object()
        .ok_or_else(|| Failure::bad("the request body must be a JSON object"))?;
    refuse_unknown(config, CONFIG_FIELDS, "")?;
    let host = match config.get("HostConfig") {
        Some(Value::Object(h)) => h.clone(),
        _ => Map::new(),
    };
    refuse_unknown(&host, HOST_FIELDS, "HostConfig.")?;
    let mut o = RunOptions {
        image: text(config, "Image")?.ok_or_else(|| Failure::bad("Image: a value is required"))?,
        name: name.filter(|n| !n.is_empty()).map(String::from),
        // docker's client pulls a missing image itself after a 404.
        pull: Some("never".into()),
        env: strings(config, "Env")?,
        workdir: text(config, "WorkingDir")?.filter(|w| !w.is_empty()),
        user: text(config, "User")?.filter(|u| !u.is_empty()),
        hostname: text(config, "Hostname")?.filter(|h| !h.is_empty()),
        tty: boolean(config, "Tty")?,
        interactive: boolean(config, "OpenStdin")?,
        labels: pairs(config, "Labels")?,
        expose: keys(config, "ExposedPorts"),
        volumes: strings(&host, "Binds")?,
        auto_remove: boolean(&host, "AutoRemove")?,
        network: text(&host, "NetworkMode")?
            .filter(|m| !m.is_empty() && m != "default")
            .into_iter()
            .collect(),
        publish: publish(&host)?,
        restart: restart(&host)?,
        mounts: mounts(&host)?,
        ulimits: ulimits(&host)?,
        ..RunOptions::default()
    };
    if let Some(Value::Object(check)) = config.get("Healthcheck") {
        o.health = healthcheck(check)?;
    }
    let (entrypoint, command) = process(config)?;
    o.entrypoint = entrypoint;
    o.command = command;
    if let Some(bytes) = number(&host, "Memory")?.filter(|m| *m > 0) {
        o.resources.limits.memory = Some(format!("{bytes}b"));
    }
    if let Some(nano) = number(&host, "NanoCpus")?.filter(|n| *n > 0) {
        o.resources.limits.cpus = Some(format!("{}", nano as f64 / 1e9));
    }
    Ok(o)
}

/// docker's `Ulimits` (`[{"Name":"nofile","Soft":1024,"Hard":2048}]`) as `--ulimit` takes
/// them; -1 is unlimited, as there.
fn ulimits(host: &Map<String, Value>) -> Result<Vec<String>, Failure> {
    let Some(Value::Array(limits)) = host.get("Ulimits") else {
        return Ok(Vec::new());
    };
    let bad = || wrong("HostConfig.Ulimits", "objects with Name, Soft and Hard");
    limits
        .iter()
        .map(|limit| {
            let limit = limit.as_object().ok_or_else(bad)?;
            let name = text(limit, "Name")?.ok_or_else(bad)?;
            let soft = number(limit, "Soft")?.ok_or_else(bad)?;
            let hard = number(limit, "Hard")?.ok_or_else(bad)?;
            Ok(format!("{name}={soft}:{hard}"))
        })
        .collect()
}

/// docker's `Healthcheck` (durations in nanoseconds, 0: the image's) as the `--health-*`
/// flags would give it.
fn healthcheck(check: &Map<String, Value>) -> Result<HealthOptions, Failure> {
    let test = strings(check, "Test")?;
    let nanos = |key: &str| -> Result<Option<String>, Failure> {
        Ok(number(check, key)?
            .filter(|n| *n != 0)
            .map(|n| format!("{n}ns")))
    };
    let retries = match number(check, "Retries")? {
        None | Some(0) => None,
        Some(n) => Some(u32::try_from(n).map_err(|_| wrong("Healthcheck.Retries", "a count"))?),
    };
    let mut health = HealthOptions {
        interval: nanos("Interval")?,
        timeout: nanos("Timeout")?,
        start_period: nanos("StartPeriod")?,
        start_interval: nanos("StartInterval")?,
        retries,
        ..HealthOptions::default()
    };
    match test.first().map(String::as_str) {
        // An empty Test inherits the image's.
        None => {}
        Some("NONE") => health.no_healthcheck = true,
        Some(_) => {
            health.cmd =
                Some(serde_json::to_string(&test).map_err(|e| Failure::bad(e.to_string()))?)
        }
    }
    Ok(health)
}

/// Docker's clients send every field; one rpod does not handle must be left at its default.
pub(super) fn refuse_unknown(
    map: &Map<String, Value>,
    known: &[&str],
    prefix: &str,
) -> Result<(), Failure> {
    match map
        .iter()
        .find(|(k, v)| !known.contains(&k.as_str()) && !is_default(v) && !docker_default(k, v))
    {
        Some((key, value)) => Err(Failure::bad(format!(
            "{prefix}{key}: {value} is not supported by rpod's API service"
        ))),
        None => Ok(()),
    }
}

/// Fields whose docker default is not a zero value.
fn docker_default(key: &str, v: &Value) -> bool {
    key == "MemorySwappiness" && v.as_i64() == Some(-1)
}

fn is_default(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.iter().all(is_default),
        Value::Object(o) => o.values().all(is_default),
    }
}

fn wrong(key: &str, want: &str) -> Failure {
    Failure::bad(format!("{key}: expected {want}"))
}

pub(super) fn text(map: &Map<String, Value>, key: &str) -> Result<Option<String>, Failure> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(wrong(key, "a string")),
    }
}

pub(super) fn boolean(map: &Map<String, Value>, key: &str) -> Result<bool, Failure> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(wrong(key, "true or false")),
    }
}

fn number(map: &Map<String, Value>, key: &str) -> Result<Option<i64>, Failure> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| wrong(key, "an integer")),
    }
}

/// A list of strings; docker also accepts one string for Cmd and Entrypoint.
pub(super) fn strings(map: &Map<String, Value>, key: &str) -> Result<Vec<String>, Failure> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(String::from)
                    .ok_or_else(|| wrong(key, "strings"))
            })
            .collect(),
        Some(_) => Err(wrong(key, "a list of strings")),
    }
}

fn pairs(map: &Map<String, Value>, key: &str) -> Result<Vec<String>, Failure> {
    let Some(Value::Object(items)) = map.get(key) else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .map(|(k, v)| match v.as_str() {
            Some(v) => Ok(format!("{k}={v}")),
            None => Err(wrong(&format!("{key}.{k}"), "a string")),
        })
        .collect()
}

fn keys(map: &Map<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::Object(items)) => items.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// docker runs Entrypoint ++ Cmd; rpod's `--entrypoint` takes one word and the rest go first
/// in the command.
fn process(config: &Map<String, Value>) -> Result<(Option<String>, Vec<String>), Failure> {
    let mut entrypoint = strings(config, "Entrypoint")?;
    let cmd = strings(config, "Cmd")?;
    if entrypoint.is_empty() {
        return Ok((None, cmd));
    }
    let first = entrypoint.remove(0);
    entrypoint.extend(cmd);
    Ok((Some(first), entrypoint))
}

/// `PortBindings: {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}` as `-p` values.
fn publish(host: &Map<String, Value>) -> Result<Vec<String>, Failure> {
    let Some(Value::Object(ports)) = host.get("PortBindings") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (port, bindings) in ports {
        let bindings = bindings.as_array().cloned().unwrap_or_default();
        for b in bindings {
            let field = |k: &str| b.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let (ip, host_port) = (field("HostIp"), field("HostPort"));
            out.push(match ip.is_empty() {
                true => format!("{host_port}:{port}"),
                false => format!("{ip}:{host_port}:{port}"),
            });
        }
    }
    Ok(out)
}

fn restart(host: &Map<String, Value>) -> Result<Option<String>, Failure> {
    let Some(Value::Object(policy)) = host.get("RestartPolicy") else {
        return Ok(None);
    };
    let name = text(policy, "Name")?.unwrap_or_default();
    let retries = number(policy, "MaximumRetryCount")?.unwrap_or(0);
    Ok(match name.as_str() {
        "" => None,
        "on-failure" if retries > 0 => Some(format!("on-failure:{retries}")),
        _ => Some(name),
    })
}

/// `Mounts` of type volume, bind and tmpfs as `--mount` values.
fn mounts(host: &Map<String, Value>) -> Result<Vec<String>, Failure> {
    let Some(Value::Array(items)) = host.get("Mounts") else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .map(|m| {
            let m = m
                .as_object()
                .ok_or_else(|| wrong("HostConfig.Mounts", "objects"))?;
            let kind = text(m, "Type")?.unwrap_or_default();
            if !matches!(kind.as_str(), "volume" | "bind" | "tmpfs") {
                return Err(Failure::bad(format!(
                    "HostConfig.Mounts: type {kind:?} is not supported (volume, bind, tmpfs)"
                )));
            }
            let mut spec = format!("type={kind}");
            if let Some(source) = text(m, "Source")?.filter(|s| !s.is_empty()) {
                spec.push_str(&format!(",source={source}"));
            }
            let target =
                text(m, "Target")?.ok_or_else(|| wrong("HostConfig.Mounts.Target", "a path"))?;
            spec.push_str(&format!(",target={target}"));
            if boolean(m, "ReadOnly")? {
                spec.push_str(",readonly");
            }
            Ok(spec)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::options;

    #[test]
    fn a_docker_cli_body_becomes_options() {
        let body = br#"{"Image":"busybox","Cmd":["echo","hi"],"Entrypoint":null,"Tty":false,
            "AttachStdout":true,"Labels":{"a":"b"},"Volumes":{},
            "HostConfig":{"AutoRemove":true,"NetworkMode":"default","LogConfig":{"Type":"","Config":{}},
            "PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"Memory":0}}"#;
        let o = options(body, Some("c1")).unwrap();
        assert_eq!(o.image, "busybox");
        assert_eq!(o.command, ["echo", "hi"]);
        assert_eq!(o.name.as_deref(), Some("c1"));
        assert!(o.auto_remove);
        assert!(o.network.is_empty());
        assert_eq!(o.labels, ["a=b"]);
        assert_eq!(o.publish, ["8080:80/tcp"]);
        assert_eq!(o.resources.limits.memory, None);
    }

    #[test]
    fn unsupported_fields_and_bad_json_are_refused_by_name() {
        let e = options(br#"{"Image":"b","HostConfig":{"Privileged":true}}"#, None).unwrap_err();
        assert!(e.message.contains("HostConfig.Privileged"), "{}", e.message);
        let e = options(br#"{"Image":"b","#, None).unwrap_err();
        assert_eq!(e.status, 400);
        let e = options(
            br#"{"Image":"b","Entrypoint":["sh","-c"],"Cmd":["exit 3"]}"#,
            None,
        );
        let o = e.unwrap();
        assert_eq!(
            (o.entrypoint.as_deref(), &o.command[..]),
            (Some("sh"), &["-c".to_string(), "exit 3".to_string()][..])
        );
    }

    #[test]
    fn a_healthcheck_becomes_the_health_flags() {
        let body = br#"{"Image":"b","Healthcheck":{"Test":["CMD-SHELL","true"],
            "Interval":2000000000,"StartInterval":500000000,"Retries":2,"Timeout":0}}"#;
        let o = options(body, None).unwrap();
        assert_eq!(o.health.cmd.as_deref(), Some(r#"["CMD-SHELL","true"]"#));
        assert_eq!(o.health.interval.as_deref(), Some("2000000000ns"));
        assert_eq!(o.health.start_interval.as_deref(), Some("500000000ns"));
        assert_eq!(
            (o.health.retries, o.health.timeout.as_deref()),
            (Some(2), None)
        );
        let plan = crate::container::plan::health::HealthPlan::build(&o.health).unwrap();
        let crate::container::plan::health::HealthPlan::Settings { settings, .. } = plan else {
            panic!("a check")
        };
        assert_eq!(
            settings.start_interval,
            Some(std::time::Duration::from_millis(500))
        );
        let none = options(br#"{"Image":"b","Healthcheck":{"Test":["NONE"]}}"#, None).unwrap();
        assert!(none.health.no_healthcheck);
    }
}
