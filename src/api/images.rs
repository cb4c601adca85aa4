//! Image endpoints: list and inspect, over the image store the CLI uses.

use hyper::StatusCode;
use serde_json::{Value, json};

use super::reply::{self, Failure, Reply};
use super::route::Call;

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
