//! Volume endpoints: list, create, inspect, remove and prune, through the calls `rpod volume`
//! makes (a volume in use is a 409, as docker answers).

use std::collections::{BTreeMap, HashMap};

use hyper::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::{ContainerError, volumes};
use crate::volume::{Volume, VolumeError};

fn matches(key: &str, wanted: &str, volume: &Volume, used: bool) -> Result<bool, Failure> {
    Ok(match key {
        "name" => volume.name.contains(wanted),
        "label" => match wanted.split_once('=') {
            Some((k, v)) => volume.labels.get(k).is_some_and(|have| have == v),
            None => volume.labels.contains_key(wanted),
        },
        "dangling" => match wanted {
            "true" | "1" => !used,
            "false" | "0" => used,
            _ => return Err(Failure::bad(format!("invalid dangling filter {wanted:?}"))),
        },
        "driver" => wanted == "local",
        other => {
            return Err(Failure::bad(format!(
                "invalid filter {other:?}: rpod filters volumes by name, label, dangling, driver"
            )));
        }
    })
}

pub async fn list(call: Call) -> Result<Reply, Failure> {
    let filters = call.filters()?;
    let rows = call
        .engine(move |o| {
            let engine = o.engine()?;
            let used = volumes::users(&engine)?;
            let mut rows = Vec::new();
            for volume in engine.volumes.list().map_err(ContainerError::from)? {
                let in_use = used.contains_key(&volume.name);
                let mut keep = true;
                for (key, values) in &filters {
                    // Values of one key: any; keys: all.
                    let mut any = values.is_empty();
                    for v in values {
                        any |= matches(key, v, &volume, in_use)?;
                    }
                    keep &= any;
                }
                if keep {
                    rows.push(engine.volumes.inspect(&volume));
                }
            }
            Ok(rows)
        })
        .await?;
    Ok(reply::json(
        StatusCode::OK,
        &json!({ "Volumes": rows, "Warnings": [] }),
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct CreateBody {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    driver: Option<String>,
    #[serde(default)]
    driver_opts: Option<BTreeMap<String, String>>,
    #[serde(default)]
    labels: Option<BTreeMap<String, String>>,
}

pub async fn create(call: Call) -> Result<Reply, Failure> {
    let body: CreateBody = serde_json::from_slice(&call.body)
        .map_err(|e| Failure::bad(format!("invalid volume create body: {e}")))?;
    if let Some(driver) = body
        .driver
        .as_deref()
        .filter(|d| !d.is_empty() && *d != "local")
    {
        return Err(Failure::bad(format!(
            "volume driver {driver:?} is not available: rpod has the local driver only"
        )));
    }
    if let Some((opt, _)) = body.driver_opts.as_ref().and_then(|o| o.iter().next()) {
        return Err(Failure::bad(format!(
            "DriverOpts {opt:?} is not supported: rpod's local volumes are plain directories"
        )));
    }
    let volume = call
        .engine(move |o| {
            let engine = o.engine()?;
            let labels = body.labels.unwrap_or_default();
            // docker: creating a volume that exists gives the existing one.
            let volume = match engine.volumes.create(body.name.as_deref(), labels) {
                Err(VolumeError::Exists(name)) => engine.volumes.get(&name),
                other => other.inspect(|v| {
                    crate::container::events::record(
                        &engine.runroot,
                        "volume",
                        "create",
                        &v.name,
                        &v.name,
                    )
                }),
            }
            .map_err(ContainerError::from)?;
            Ok(engine.volumes.inspect(&volume))
        })
        .await?;
    Ok(reply::json(StatusCode::CREATED, &volume))
}

pub async fn inspect(call: Call, name: &str) -> Result<Reply, Failure> {
    let name = name.to_string();
    let volume = call
        .engine(move |o| {
            let engine = o.engine()?;
            let volume = engine.volumes.get(&name).map_err(ContainerError::from)?;
            Ok(engine.volumes.inspect(&volume))
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &volume))
}

pub async fn remove(call: Call, name: &str) -> Result<Reply, Failure> {
    let (name, force) = (name.to_string(), call.flag("force"));
    call.engine(move |o| {
        let engine = o.engine()?;
        match volumes::remove(&engine, &name) {
            Err(ContainerError::Volume(VolumeError::NotFound(_))) if force => Ok(()),
            Err(e) => Err(e.into()),
            Ok(()) => {
                crate::container::events::record(&engine.runroot, "volume", "remove", &name, &name);
                Ok(())
            }
        }
    })
    .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

/// docker's rule by API version: every unused volume before 1.42; from 1.42 anonymous ones
/// only, unless the filter `all=true`; those picked by the `label` and `label!` filters.
pub async fn prune(call: Call) -> Result<Reply, Failure> {
    // Docker's volume prune takes no `until`.
    let (filters, rest) = call.prune_filters(&["label", "label!"])?;
    let mut all = call.version.is_some_and(|v| v < (1, 42));
    for (key, values) in &rest {
        match (key.as_str(), values.as_slice()) {
            ("all", [v]) => all = matches!(v.as_str(), "true" | "1"),
            _ => return Err(Call::invalid_filter(key)),
        }
    }
    let (removed, reclaimed) = call
        .engine(move |o| {
            let engine = o.engine()?;
            // Measured before: the data is gone after.
            let sizes: HashMap<String, u64> = engine
                .volumes
                .list()
                .map_err(ContainerError::from)?
                .into_iter()
                .map(|v| {
                    let size = tree_size(&engine.volumes.data_path(&v.name));
                    (v.name, size)
                })
                .collect();
            let removed = volumes::prune(&engine, all, &filters)?;
            let reclaimed = removed
                .iter()
                .filter_map(|v| sizes.get(&v.name))
                .sum::<u64>();
            Ok((removed, reclaimed))
        })
        .await?;
    let names: Vec<Value> = removed.iter().map(|v| json!(v.name)).collect();
    Ok(reply::json(
        StatusCode::OK,
        &json!({ "VolumesDeleted": names, "SpaceReclaimed": reclaimed }),
    ))
}

/// The bytes of the files under `dir`, symlinks not followed.
fn tree_size(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => tree_size(&e.path()),
            Ok(_) => e.metadata().map_or(0, |m| m.len()),
            Err(_) => 0,
        })
        .sum()
}
