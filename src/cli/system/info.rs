//! `rpod info`: what rpod finds on this host and why it chose what it chose.

use clap::Args;
use serde_json::{Map, Value, json};

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::info;
use crate::error::Error;
use crate::format;

/// Display rpod related system information
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod info [options]")]
pub struct InfoArgs {
    /// Change the output format to json or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

pub fn run(args: InfoArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let info = info::info(&engine, &ctx.paths)?;
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
