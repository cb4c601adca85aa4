//! Image endpoints: list, inspect and remove, over the image store the CLI uses.

use hyper::StatusCode;
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::image::remove::{self, Removal, RemoveError};
use crate::image::tag::{self, TagError};

pub async fn list(call: Call) -> Result<Reply, Failure> {
    let rows = call
        .engine(|o| {
            let index = o.store.index()?;
            Ok(index.images.iter().map(summary).collect::<Vec<Value>>())
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &Value::Array(rows)))
}

fn summary(image: &crate::image::store::ImageRecord) -> Value {
    json!({
        "Id": format!("sha256:{}", image.id),
        "ParentId": "",
        "RepoTags": image.names,
        "RepoDigests": image.repo_digests,
        "Created": image.created.as_deref().and_then(|c| c.parse::<jiff::Timestamp>().ok()).map_or(0, |t| t.as_second()),
        "Size": image.size,
        "SharedSize": -1,
        "VirtualSize": image.size,
        "Labels": {},
        "Containers": -1,
    })
}

pub async fn inspect(call: Call, name: &str) -> Result<Reply, Failure> {
    let name = name.to_string();
    let image = call
        .engine(move |o| Ok(summary(&o.store.find(&name, &o.config.registries)?)))
        .await?;
    Ok(reply::json(StatusCode::OK, &image))
}

/// `DELETE /images/{name}`: the same removal as `rpod rmi`, answered as docker's list of
/// `Untagged`/`Deleted` entries.
pub async fn remove(call: Call, name: &str) -> Result<Reply, Failure> {
    if call.flag("noprune") {
        return Err(Failure::bad("noprune is not supported"));
    }
    let (name, force) = (name.to_string(), call.flag("force"));
    let removals = call
        .engine(move |o| {
            let users = crate::container::system::image_users(&o.engine()?)?;
            let user_of = |id: &crate::ids::ImageId| users.get(id).cloned();
            remove::remove(&o.store, &name, force, &o.config.registries, &user_of)
                .map_err(Failure::from)
        })
        .await?;
    let rows: Vec<Value> = removals
        .iter()
        .map(|r| match r {
            Removal::Untagged(name) => json!({ "Untagged": name }),
            Removal::Deleted(id) => json!({ "Deleted": format!("sha256:{id}") }),
        })
        .collect();
    Ok(reply::json(StatusCode::OK, &Value::Array(rows)))
}

impl From<RemoveError> for Failure {
    fn from(e: RemoveError) -> Failure {
        match e {
            RemoveError::Store(e) => Failure::from(e),
            RemoveError::InUse { .. } | RemoveError::SeveralNames { .. } => {
                Failure::new(StatusCode::CONFLICT, e.to_string())
            }
            RemoveError::TagNotKnown(_) => Failure::new(StatusCode::NOT_FOUND, e.to_string()),
        }
    }
}

/// `POST /images/{name}/tag?repo=&tag=`: the same naming as `rpod tag`; docker's tag defaults
/// to latest.
pub async fn tag(call: Call, name: &str) -> Result<Reply, Failure> {
    let repo = call
        .query
        .get("repo")
        .filter(|r| !r.is_empty())
        .ok_or_else(|| Failure::bad("repo is required"))?;
    let target = match call.query.get("tag").filter(|t| !t.is_empty()) {
        Some(t) => format!("{repo}:{t}"),
        None => format!("{repo}:latest"),
    };
    let names = tag::names(&[target]).map_err(Failure::from)?;
    let name = name.to_string();
    call.engine(move |o| Ok(tag::tag(&o.store, &name, &names, &o.config.registries).map(drop)?))
        .await?;
    Ok(reply::empty(StatusCode::CREATED))
}

impl From<TagError> for Failure {
    fn from(e: TagError) -> Failure {
        match e {
            TagError::Store(e) => Failure::from(e),
            TagError::Reference(_) | TagError::Digest(_) => Failure::bad(e.to_string()),
        }
    }
}
