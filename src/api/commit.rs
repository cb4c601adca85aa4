//! `POST /commit` (`docker commit`): the commit `rpod commit` makes, from the container's
//! changes and settings and docker's `changes` instructions.

use hyper::StatusCode;
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::filesystem::{self, Commit};
use crate::image::reference::Reference;

/// `repo` and `tag` as one reference; none without `repo` (an image with no name).
fn name(call: &Call) -> Result<Option<Reference>, Failure> {
    let Some(repo) = call.query.get("repo").filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let text = match call.query.get("tag").filter(|t| !t.is_empty()) {
        Some(tag) => format!("{repo}:{tag}"),
        None => repo.clone(),
    };
    Reference::parse_local(&text)
        .map(Some)
        .map_err(|e| Failure::bad(format!("repo {text:?}: {e}")))
}

/// The body may hold a container config to replace the image's; rpod takes the settings
/// from the container and `changes`, so a config that sets anything is refused.
fn no_config(body: &[u8]) -> Result<(), Failure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    let config: Value = serde_json::from_slice(body)
        .map_err(|e| Failure::bad(format!("invalid commit body: {e}")))?;
    let empty = match &config {
        Value::Null => true,
        Value::Object(fields) => fields.values().all(|v| {
            v.is_null()
                || v.as_str().is_some_and(str::is_empty)
                || v.as_bool() == Some(false)
                || v.as_array().is_some_and(Vec::is_empty)
                || v.as_object().is_some_and(serde_json::Map::is_empty)
        }),
        _ => false,
    };
    match empty {
        true => Ok(()),
        false => Err(Failure::bad(
            "a container config in the commit body is not supported by rpod: use changes \
             (docker commit --change)",
        )),
    }
}

pub async fn commit(call: Call) -> Result<Reply, Failure> {
    let container = call
        .query
        .get("container")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| Failure::bad("container is required"))?
        .clone();
    let name = name(&call)?;
    no_config(&call.body)?;
    // The CLI sends one `changes` per --change; a newline-separated list is read as well.
    let changes = call
        .pairs
        .iter()
        .filter(|(key, _)| key == "changes")
        .flat_map(|(_, value)| value.lines())
        .filter(|line| !line.trim().is_empty())
        .map(String::from)
        .collect();
    let opts = Commit {
        changes,
        message: call.query.get("comment").filter(|c| !c.is_empty()).cloned(),
        author: call.query.get("author").filter(|a| !a.is_empty()).cloned(),
        pause: false,
        include_volumes: false,
        config: None,
        squash: false,
    };
    // `pause` (docker's default): rpod commits a running container without freezing it,
    // as podman does by default; the container's lock keeps it from being removed meanwhile.
    let id = call
        .engine(move |o| {
            Ok(filesystem::commit(
                &o.engine()?,
                &container,
                name.as_ref(),
                opts,
            )?)
        })
        .await?;
    Ok(reply::json(
        StatusCode::CREATED,
        &json!({ "Id": format!("sha256:{id}") }),
    ))
}
