//! Image endpoints: list, inspect, history, tag, remove, prune and search, over the image store and
//! the calls the CLI uses (`rpod images`, `inspect`, `history`, `tag`, `rmi`, `image prune`).

use hyper::StatusCode;
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::container::events;
use crate::image::remove::{self, Removal, RemoveError};
use crate::image::search::{self, SearchError, SearchFilter, SearchRequest};
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

pub(super) fn summary(image: &crate::image::store::ImageRecord) -> Value {
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

/// `GET /images/{name}/json`: what `rpod image inspect` shows, which is docker's shape.
pub async fn inspect(call: Call, name: &str) -> Result<Reply, Failure> {
    let name = name.to_string();
    let image = call
        .engine(move |o| {
            let record = o.store.find(&name, &o.config.registries)?;
            Ok(crate::image::inspect::inspect(&o.store, &record)?)
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &image))
}

/// `GET /images/{name}/history`: `rpod history`'s steps, newest first; a step made by an
/// image no longer in the store is `<missing>`, as docker says.
pub async fn history(call: Call, name: &str) -> Result<Reply, Failure> {
    let name = name.to_string();
    let rows = call
        .engine(move |o| {
            let record = o.store.find(&name, &o.config.registries)?;
            let index = o.store.index()?;
            let steps = crate::image::inspect::history(&o.store, &record)?;
            Ok(steps
                .into_iter()
                .map(|step| {
                    let image = step
                        .id
                        .as_ref()
                        .and_then(|id| index.images.iter().find(|i| i.id.as_str() == id));
                    json!({
                        "Id": image.map_or("<missing>".to_string(), |i| format!("sha256:{}", i.id)),
                        "Created": step.created.as_deref().and_then(|c| c.parse::<jiff::Timestamp>().ok()).map_or(0, |t| t.as_second()),
                        "CreatedBy": step.created_by,
                        "Tags": image.map(|i| i.names.clone()),
                        "Size": step.size,
                        "Comment": step.comment,
                    })
                })
                .collect::<Vec<Value>>())
        })
        .await?;
    Ok(reply::json(StatusCode::OK, &Value::Array(rows)))
}

/// `POST /images/prune`: dangling images, or with `dangling=false` every image no container
/// uses, as `rpod image prune [--all]`, picked by docker's filters `until`, `label` and
/// `label!` as `--filter` picks them.
pub async fn prune(call: Call) -> Result<Reply, Failure> {
    let (filters, rest) = call.prune_filters(&["until", "label", "label!"])?;
    let mut all = false;
    for (key, values) in rest {
        match (key.as_str(), values.as_slice()) {
            ("dangling", [v]) if matches!(v.as_str(), "true" | "1") => all = false,
            ("dangling", [v]) if matches!(v.as_str(), "false" | "0") => all = true,
            ("dangling", _) => {
                return Err(Failure::bad(format!(
                    "invalid filter 'dangling={}': expected true or false",
                    values.join(",")
                )));
            }
            _ => return Err(Call::invalid_filter(&key)),
        }
    }
    let (deleted, reclaimed) = call
        .engine(move |o| {
            let engine = o.engine()?;
            let users = crate::container::system::image_users(&engine)?;
            let layers = |index: &crate::image::store::ImageIndex| {
                let mut set = std::collections::BTreeSet::new();
                for image in &index.images {
                    set.extend(image.layers.iter().cloned());
                }
                set
            };
            let index = o.store.index()?;
            let before = layers(&index);
            let sizes: Vec<(crate::ids::Digest, u64)> = before
                .iter()
                .map(|l| (l.clone(), o.store.layer_info(l).map_or(0, |i| i.size)))
                .collect();
            let picked = |image: &_| filters.matches_image(&o.store, image);
            let removed =
                remove::prune_picked(&o.store, all, &|id| users.get(id).cloned(), &picked)?;
            let after = layers(&o.store.index()?);
            let reclaimed: u64 = sizes
                .iter()
                .filter(|(l, _)| !after.contains(l))
                .map(|(_, size)| size)
                .sum();
            for id in &removed {
                events::record(&engine.runroot, "image", "remove", id.as_str(), "");
            }
            // docker lists the names that went before each image.
            let deleted: Vec<Value> = removed
                .iter()
                .flat_map(|id| {
                    let names = index.get(id).map(|i| i.names.clone()).unwrap_or_default();
                    let untagged = names.into_iter().map(|n| json!({ "Untagged": n }));
                    untagged.chain([json!({ "Deleted": format!("sha256:{id}") })])
                })
                .collect();
            Ok((deleted, reclaimed))
        })
        .await?;
    Ok(reply::json(
        StatusCode::OK,
        &json!({ "ImagesDeleted": deleted, "SpaceReclaimed": reclaimed }),
    ))
}

/// `GET /images/search`: rpod keeps no registry search client (`rpod search` is not there
/// either), so the answer says so rather than an empty list that would look like no match.
/// `GET /images/search?term=&limit=&filters=`: `rpod search`'s results in docker's shape.
pub async fn search(call: Call) -> Result<Reply, Failure> {
    let term = call
        .query
        .get("term")
        .filter(|t| !t.is_empty())
        .cloned()
        .ok_or_else(|| Failure::bad("term: name what to search for"))?;
    let limit = match call.query.get("limit").filter(|l| !l.is_empty()) {
        Some(l) => l
            .parse()
            .map_err(|_| Failure::bad(format!("limit: {l:?} is not a number")))?,
        None => 25,
    };
    let mut filters = Vec::new();
    for (key, values) in call.filters()? {
        for value in values {
            filters.push(SearchFilter::parse(&format!("{key}={value}")).map_err(bad_search)?);
        }
    }
    let creds = call.registry_auth()?;
    let hits = call
        .engine(move |o| {
            let engine = o.engine()?;
            let request = SearchRequest::new(&term, false, limit, filters, &o.config.registries)
                .map_err(bad_search)?;
            let mut registry = engine.registry.clone();
            if creds.is_some() {
                registry.creds = creds;
            }
            search::search(&request, &registry).map_err(|e| match e {
                SearchError::Registry { .. } => {
                    Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                }
                e => bad_search(e),
            })
        })
        .await?;
    let rows: Vec<Value> = hits
        .iter()
        .map(|hit| {
            json!({
                "name": hit.name,
                "description": "",
                "star_count": 0,
                "is_official": false,
                "is_automated": false,
            })
        })
        .collect();
    Ok(reply::json(StatusCode::OK, &Value::Array(rows)))
}

fn bad_search(e: SearchError) -> Failure {
    Failure::bad(e.to_string())
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
            let engine = o.engine()?;
            let users = crate::container::system::image_users(&engine)?;
            let user_of = |id: &crate::ids::ImageId| users.get(id).cloned();
            let removals = remove::remove(&o.store, &name, force, &o.config.registries, &user_of)?;
            for removal in &removals {
                let (action, id, what) = match removal {
                    Removal::Untagged(tag) => ("untag", name.as_str(), tag.as_str()),
                    Removal::Deleted(id) => ("remove", id.as_str(), name.as_str()),
                };
                events::record(&engine.runroot, "image", action, id, what);
            }
            Ok(removals)
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
    call.engine(move |o| {
        let id = tag::tag(&o.store, &name, &names, &o.config.registries)?;
        let runroot = &o.engine()?.runroot;
        for name in &names {
            events::record(runroot, "image", "tag", id.as_str(), name);
        }
        Ok(())
    })
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
