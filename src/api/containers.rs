//! The container endpoints that answer at once: list, create, inspect, start, stop, kill,
//! restart, remove. Each is the CLI verb's engine call.

use std::collections::HashMap;

use hyper::StatusCode;
use serde_json::{Value, json};

use super::create;
use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::list::{self, Entry};
use crate::container::plan::RunPlan;
use crate::container::run::create_container;
use crate::container::{
    inspect as inspect_doc, remove as remove_mod, start as start_mod, stop as stop_mod,
};
use crate::image::progress;

fn unix(ts: &str) -> i64 {
    ts.parse::<jiff::Timestamp>().map_or(0, |t| t.as_second())
}

/// One container as docker's `GET /containers/json` shows it.
pub(super) fn summary(entry: &Entry) -> Value {
    let r = &entry.record;
    let ports: Vec<Value> = r
        .run
        .ports
        .iter()
        .map(|p| {
            json!({
                "IP": p.host_ip.map(|ip| ip.to_string()).unwrap_or_else(|| "0.0.0.0".into()),
                "PrivatePort": p.container_port,
                "PublicPort": p.host_port,
                "Type": p.protocol.to_string(),
            })
        })
        .collect();
    json!({
        "Id": r.id.as_str(),
        "Names": [format!("/{}", r.name)],
        "Image": r.image_name,
        "ImageID": format!("sha256:{}", r.image),
        "Command": list::command_text(r, true),
        "Created": unix(&r.created),
        "Ports": ports,
        "Labels": r.run.labels,
        // Clients (testcontainers) find a container's address and gateway here.
        "NetworkSettings": { "Networks": crate::container::inspect::networks(r) },
        "State": entry.status.name(),
        "Status": list::status_text(&entry.status),
        "HostConfig": { "NetworkMode": r.run.network.to_string() },
        "Mounts": [],
    })
}

/// `filters={"label":["k=v"],"name":["x"],"id":["abc"],"status":["running"]}`: as docker's,
/// a container has every label asked for, and any one of the names, ids or statuses.
fn keep(entry: &Entry, filters: &HashMap<String, Vec<String>>) -> Result<bool, Failure> {
    for (key, values) in filters {
        let r = &entry.record;
        let any = |f: &dyn Fn(&str) -> bool| values.iter().any(|v| f(v));
        let ok = match key.as_str() {
            "label" => values.iter().all(|v| match v.split_once('=') {
                Some((k, val)) => r.run.labels.get(k).is_some_and(|x| x == val),
                None => r.run.labels.contains_key(v),
            }),
            "name" => any(&|v| r.name.contains(v.trim_start_matches('/'))),
            "id" => any(&|v| r.id.as_str().starts_with(v)),
            "status" => any(&|v| entry.status.name() == v),
            other => return Err(Failure::bad(format!("invalid filter {other:?}"))),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

pub async fn list(call: Call) -> Result<Reply, Failure> {
    let all = call.flag("all");
    let filters = call.filters()?;
    let rows = call
        .engine(move |o| {
            let mut rows = Vec::new();
            for entry in list::entries(&o.engine()?)? {
                if (all || entry.status.is_running()) && keep(&entry, &filters)? {
                    rows.push(summary(&entry));
                }
            }
            Ok(rows)
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &Value::Array(rows)))
}

pub async fn create(call: Call) -> Result<Reply, Failure> {
    let options = create::options(&call.body, call.query.get("name").map(String::as_str))?;
    let id = call
        .engine(move |o| {
            let plan = RunPlan::build(&options, &o.config)?;
            let record =
                create_container(&o.engine()?, &plan, progress::for_terminal(true).as_ref())?;
            Ok(record.id.to_string())
        })
        .await?;
    Ok(reply::json(
        StatusCode::CREATED,
        &json!({ "Id": id, "Warnings": [] }),
    ))
}

pub async fn inspect(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    let doc = call
        .engine(move |o| {
            let engine = o.engine()?;
            let (record, paths) = engine.find(&id)?;
            let entry = Entry::new(&engine, record, paths);
            let mut doc = inspect_doc::inspect(&entry, &engine.volumes);
            doc["Name"] = json!(format!("/{}", entry.record.name));
            // docker's `Node` is a classic swarm node object, which its clients decode as
            // one: rpod's node name (#22) stays out of the API.
            if let Some(doc) = doc.as_object_mut() {
                doc.remove("Node");
            }
            // docker's clients know docker's drivers only, and read the logs of a json-file
            // one (the SDK's attached `containers.run` returns them). rpod's log file is read
            // through the logs endpoint all the same.
            let driver = &mut doc["HostConfig"]["LogConfig"]["Type"];
            if driver == "k8s-file" {
                *driver = json!("json-file");
            }
            // docker names a limit as `--ulimit` does (`nofile`), podman as the kernel does.
            if let Some(limits) = doc["HostConfig"]["Ulimits"].as_array_mut() {
                for limit in limits {
                    if let Some(name) = limit["Name"].as_str() {
                        let short = name.trim_start_matches("RLIMIT_").to_lowercase();
                        limit["Name"] = json!(short);
                    }
                }
            }
            Ok(doc)
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &doc))
}

pub async fn start(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    let started = call
        .engine(move |o| match start_mod::start(&o.engine()?, &id) {
            Ok(_) => Ok(true),
            Err(crate::container::ContainerError::AlreadyRunning { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        })
        .await?;
    Ok(reply::empty(if started {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_MODIFIED
    }))
}

fn seconds(call: &Call) -> Result<Option<u32>, Failure> {
    call.query
        .get("t")
        .map(|t| {
            t.parse()
                .map_err(|_| Failure::bad(format!("t: {t:?} is not a number of seconds")))
        })
        .transpose()
}

pub async fn stop(call: Call, id: &str) -> Result<Reply, Failure> {
    let (id, timeout) = (id.to_string(), seconds(&call)?);
    let stopped = call
        .engine(move |o| {
            let engine = o.engine()?;
            let (_, paths) = engine.find_here(&id)?;
            if !crate::container::status::of(&paths).is_running() {
                return Ok(false);
            }
            stop_mod::stop(&engine, &id, timeout)?;
            Ok(true)
        })
        .await?;
    Ok(reply::empty(if stopped {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_MODIFIED
    }))
}

pub async fn kill(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    let signal = call
        .query
        .get("signal")
        .cloned()
        .unwrap_or_else(|| "KILL".into());
    call.engine(move |o| Ok(stop_mod::kill(&o.engine()?, &id, &signal).map(drop)?))
        .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub async fn restart(call: Call, id: &str) -> Result<Reply, Failure> {
    let (id, timeout) = (id.to_string(), seconds(&call)?);
    call.engine(move |o| Ok(start_mod::restart(&o.engine()?, &id, timeout).map(drop)?))
        .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub async fn remove(call: Call, id: &str) -> Result<Reply, Failure> {
    let (id, force, volumes) = (id.to_string(), call.flag("force"), call.flag("v"));
    call.engine(move |o| Ok(remove_mod::remove(&o.engine()?, &id, force, volumes).map(drop)?))
        .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}
