//! `POST /containers/{id}/wait`. docker's client sends it before it starts the container and
//! blocks until the response headers arrive, so the headers go out at once (after the
//! container is found) and the JSON body follows when the condition is met.

use std::time::Duration;

use bytes::Bytes;
use hyper::{Response, StatusCode};
use serde_json::json;

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::status::Status;
use crate::container::{Engine, wait as wait_mod};

/// docker's conditions.
#[derive(Debug, Clone, Copy)]
enum Condition {
    NotRunning,
    NextExit,
    Removed,
}

impl Condition {
    fn parse(value: Option<&str>) -> Result<Condition, Failure> {
        match value.unwrap_or("") {
            "" | "not-running" => Ok(Condition::NotRunning),
            "next-exit" => Ok(Condition::NextExit),
            "removed" => Ok(Condition::Removed),
            other => Err(Failure::bad(format!("condition: invalid value {other:?}"))),
        }
    }
}

const INTERVAL: Duration = Duration::from_millis(50);

pub async fn wait(call: Call, id: &str) -> Result<Reply, Failure> {
    let condition = Condition::parse(call.query.get("condition").map(String::as_str))?;
    let found = id.to_string();
    let id = call
        .engine(move |o| Ok(o.engine()?.find(&found)?.0.id.to_string()))
        .await?;
    let (tx, body) = reply::channel();
    let waited = call.engine(move |o| Ok(wait_for(&o.engine()?, &id, condition)?));
    tokio::spawn(async move {
        let doc = match waited.await {
            Ok(code) => json!({ "StatusCode": code, "Error": null }),
            Err(e) => json!({ "StatusCode": -1, "Error": { "Message": e.message } }),
        };
        // A client that left no longer needs the answer.
        let _ = tx.send(Bytes::from(format!("{doc}\n"))).await;
    });
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/json")
        .body(body)
        .expect("a response of valid parts"))
}

fn wait_for(
    engine: &Engine,
    id: &str,
    condition: Condition,
) -> Result<i32, crate::container::ContainerError> {
    match condition {
        Condition::Removed => wait_mod::wait_removed(engine, id, INTERVAL),
        Condition::NotRunning => {
            wait_mod::wait(engine, id, &[wait_mod::Condition::Exited], INTERVAL)
        }
        Condition::NextExit => {
            next_start(engine, id)?;
            wait_mod::wait(engine, id, &[wait_mod::Condition::Exited], INTERVAL)
        }
    }
}

/// `next-exit` on a created container waits for it to start first (docker's client asks for
/// it before it starts the container).
fn next_start(engine: &Engine, id: &str) -> Result<(), crate::container::ContainerError> {
    loop {
        let (_, paths) = engine.find_here(id)?;
        if !matches!(crate::container::status::of(&paths), Status::Created) {
            return Ok(());
        }
        std::thread::sleep(INTERVAL);
    }
}
