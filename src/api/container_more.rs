//! The container endpoints beyond the lifecycle: pause, unpause, rename, prune, top, changes,
//! export and stats, each the engine call of its `rpod` verb.

use std::time::Duration;

use bytes::Bytes;
use hyper::{Response, StatusCode};
use serde_json::json;

use super::reply::{self, Chunks, Failure, Reply};
use super::route::Call;
use crate::container::filesystem::{self, Kind};
use crate::container::list::Entry;
use crate::container::stats;
use crate::container::{pause, remove, rename as renaming, top as processes};

/// docker's: a stats object a second.
const STATS_INTERVAL: Duration = Duration::from_secs(1);

pub async fn pause(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    call.engine(move |o| Ok(pause::pause(&o.engine()?, &id)?))
        .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub async fn unpause(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    call.engine(move |o| Ok(pause::unpause(&o.engine()?, &id)?))
        .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

pub async fn rename(call: Call, id: &str) -> Result<Reply, Failure> {
    let new_name = call
        .query
        .get("name")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| Failure::bad("name is required"))?
        .clone();
    let id = id.to_string();
    call.engine(move |o| Ok(renaming::rename(&o.engine()?, &id, &new_name)?))
        .await?;
    Ok(reply::empty(StatusCode::NO_CONTENT))
}

/// `POST /containers/prune`: every stopped container, as `rpod container prune`, picked by
/// docker's filters `until`, `label` and `label!`.
pub async fn prune(call: Call) -> Result<Reply, Failure> {
    let (filters, rest) = call.prune_filters(&["until", "label", "label!"])?;
    if let Some(key) = rest.keys().next() {
        return Err(Call::invalid_filter(key));
    }
    let removed = call
        .engine(move |o| Ok(remove::prune(&o.engine()?, &filters)?))
        .await?;
    Ok(reply::json(
        StatusCode::OK,
        &json!({ "ContainersDeleted": removed, "SpaceReclaimed": 0 }),
    ))
}

/// `GET /containers/ID/top?ps_args=`: `ps_args` are `rpod top`'s descriptors.
pub async fn top(call: Call, id: &str) -> Result<Reply, Failure> {
    let wanted: Vec<String> = call
        .query
        .get("ps_args")
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let id = id.to_string();
    let table = call
        .engine(move |o| Ok(processes::top(&o.engine()?, &id, &wanted)?))
        .await?;
    Ok(reply::json(
        StatusCode::OK,
        &json!({ "Titles": table.headers, "Processes": table.rows }),
    ))
}

/// `GET /containers/ID/changes`: docker's kinds are 0 modified, 1 added, 2 deleted.
pub async fn changes(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    let found = call
        .engine(move |o| {
            let engine = o.engine()?;
            let (record, paths) = engine.find_here(&id)?;
            Ok(filesystem::changes(&engine, &record, &paths)?.1)
        })
        .await?;
    let list: Vec<_> = found
        .iter()
        .map(|c| {
            let kind = match c.kind {
                Kind::Changed => 0,
                Kind::Added => 1,
                Kind::Deleted => 2,
            };
            json!({ "Path": format!("/{}", c.path.display()), "Kind": kind })
        })
        .collect();
    Ok(reply::json(StatusCode::OK, &serde_json::Value::Array(list)))
}

/// `GET /containers/ID/export`: the container's file system as a tar stream, as `rpod
/// export`. The container is looked up before the answer starts, so a wrong name is a 404.
pub async fn export(call: Call, id: &str) -> Result<Reply, Failure> {
    let lookup = id.to_string();
    call.engine(move |o| Ok(o.engine()?.find_here(&lookup).map(drop)?))
        .await?;
    let (tx, body) = reply::channel();
    let id = id.to_string();
    let exporting = call.engine(move |o| {
        let engine = o.engine()?;
        let (record, paths) = engine.find_here(&id)?;
        Ok(filesystem::export(&engine, &record, &paths, Chunks { tx })?)
    });
    tokio::spawn(async move {
        // A failure midway can only end the stream early: the status went out already.
        if let Err(f) = exporting.await {
            tracing::debug!("export: {}", f.message);
        }
    });
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/x-tar")
        .body(body)
        .expect("a response of valid parts"))
}

/// One reading of the container `id`, found afresh (its state changes between readings);
/// with its full id.
fn reading(o: &super::Opened, id: &str) -> Result<(stats::Sample, String, bool), Failure> {
    let engine = o.engine()?;
    let (record, paths) = engine.find_here(id)?;
    let full = record.id.to_string();
    let entry = Entry::new(&engine, record, paths);
    let running = entry.status.is_running();
    Ok((stats::sample(&entry), full, running))
}

/// `GET /containers/ID/stats?stream=&one-shot=`: docker's stats objects, one a second while
/// `stream` (the default) and the container runs; otherwise one, read a second after a first
/// reading so that its CPU use is measured, unless `one-shot`.
pub async fn stats(call: Call, id: &str) -> Result<Reply, Failure> {
    let stream = call
        .query
        .get("stream")
        .is_none_or(|v| matches!(v.as_str(), "1" | "true" | "True"));
    let one_shot = call.flag("one-shot");
    let setup = call.setup.clone();
    let read = move |id: String| {
        let setup = setup.clone();
        async move {
            tokio::task::spawn_blocking(move || reading(&super::Opened::open(&setup)?, &id))
                .await
                .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        }
    };
    let id = id.to_string();
    let (first, full, running) = read(id.clone()).await?;
    if !stream {
        let (before, now) = match one_shot || !running {
            true => (None, first),
            false => {
                tokio::time::sleep(STATS_INTERVAL).await;
                (Some(first), read(id).await?.0)
            }
        };
        let object = stats::api_object(before.as_ref(), &now, &full);
        return Ok(reply::json(StatusCode::OK, &object));
    }
    let (tx, body) = reply::channel();
    tokio::spawn(async move {
        let mut before: Option<stats::Sample> = None;
        let mut now = Some((first, running));
        while let Some((sample, running)) = now.take() {
            let object = stats::api_object(before.as_ref(), &sample, &full);
            if tx.send(Bytes::from(format!("{object}\n"))).await.is_err() || !running {
                break;
            }
            before = Some(sample);
            tokio::time::sleep(STATS_INTERVAL).await;
            now = read(id.clone()).await.ok().map(|(s, _, r)| (s, r));
        }
    });
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/json")
        .body(body)
        .expect("a response of valid parts"))
}
