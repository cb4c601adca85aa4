//! `GET /events`: the event log `rpod events` reads, as docker's JSON lines, from `since` (else
//! from now) and followed until `until` passes or the client leaves.

use std::time::Duration;

use bytes::Bytes;
use hyper::{Response, StatusCode};
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::events::{self, Event, Filter};
use crate::format::units::parse_time;

/// How often the log is read again while following, as `rpod events` does.
const POLL: Duration = Duration::from_millis(100);

/// One event as docker's clients decode it (the old `status`/`id`/`from` fields included,
/// which the docker CLI still prints from).
fn document(e: &Event, at: jiff::Timestamp) -> Value {
    let mut attributes = e.attributes.clone();
    if !e.name.is_empty() {
        attributes.insert("name".into(), e.name.clone());
    }
    let from = attributes.get("image").cloned().unwrap_or_default();
    let action = docker_action(&e.action);
    json!({
        "status": action,
        "id": e.id,
        "from": from,
        "Type": e.kind,
        "Action": action,
        "Actor": { "ID": e.id, "Attributes": attributes },
        "scope": "local",
        "time": at.as_second(),
        "timeNano": at.as_nanosecond(),
    })
}

/// rpod logs a container's exit as podman names it, `died`; docker calls it `die`.
fn docker_action(action: &str) -> &str {
    match action {
        "died" => "die",
        other => other,
    }
}

fn time_arg(
    call: &Call,
    key: &str,
    now: jiff::Timestamp,
) -> Result<Option<jiff::Timestamp>, Failure> {
    call.query
        .get(key)
        .filter(|t| !t.is_empty())
        .map(|t| parse_time(t, now).map_err(|e| Failure::bad(format!("{key}: {e}"))))
        .transpose()
}

pub async fn events(call: Call) -> Result<Reply, Failure> {
    let now = jiff::Timestamp::now();
    let since = time_arg(&call, "since", now)?.unwrap_or(now);
    let until = time_arg(&call, "until", now)?;
    let mut filters = Vec::new();
    for (key, values) in call.filters()? {
        for value in values {
            let value = match (key.as_str(), value.as_str()) {
                ("event", "die") => "died".to_string(),
                _ => value,
            };
            filters.push(Filter::parse(&format!("{key}={value}")).map_err(Failure::from)?);
        }
    }
    let (tx, body) = reply::channel();
    // The headers go out now: docker's client waits for them before it shows anything.
    tokio::spawn(call.engine(move |o| {
        let mut offset = 0;
        loop {
            let (found, next) = events::read_from(&o.paths.runroot, offset)?;
            offset = next;
            for event in &found {
                let Ok(at) = event.time.parse::<jiff::Timestamp>() else {
                    continue;
                };
                if at < since || until.is_some_and(|u| at > u) || !events::matches(event, &filters)
                {
                    continue;
                }
                let line = Bytes::from(format!("{}\n", document(event, at)));
                if tx.blocking_send(line).is_err() {
                    return Ok(());
                }
            }
            if until.is_some_and(|u| jiff::Timestamp::now() > u) || tx.is_closed() {
                return Ok(());
            }
            std::thread::sleep(POLL);
        }
    }));
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/json")
        .body(body)
        .expect("a response of valid parts"))
}
