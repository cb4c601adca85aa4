//! `POST /images/NAME/push?tag=` (docker push): the push `rpod push` makes, to the registry
//! the name says, with the credentials of docker's `X-Registry-Auth`, reported as docker's
//! JSON progress lines. No tag pushes every tag of the repository, as docker's daemon does.

use hyper::StatusCode;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::ids::Digest;
use crate::image::progress::{BlobOutcome, Progress};
use crate::image::push;
use crate::image::reference::Reference;
use crate::image::store::find_in;

/// Layer events as docker's push lines.
struct JsonProgress {
    tx: mpsc::UnboundedSender<Value>,
}

impl JsonProgress {
    fn layer(&self, digest: &Digest, status: &str) {
        let _ = self
            .tx
            .send(json!({ "status": status, "progressDetail": {}, "id": digest.short() }));
    }
}

impl Progress for JsonProgress {
    // "Writing manifest …" has no counterpart in docker's stream.
    fn step(&self, _: &str) {}

    fn blob_start(&self, digest: &Digest, _: u64) {
        self.layer(digest, "Pushing");
    }

    fn blob_bytes(&self, _: &Digest, _: u64) {}

    fn blob_done(&self, digest: &Digest, outcome: BlobOutcome) {
        match outcome {
            BlobOutcome::Copied => self.layer(digest, "Pushed"),
            BlobOutcome::AlreadyExists => self.layer(digest, "Layer already exists"),
            BlobOutcome::Failed => {}
        }
    }
}

pub async fn push(call: Call, name: &str) -> Result<Reply, Failure> {
    let creds = call.registry_auth()?;
    let tag = call.query.get("tag").filter(|t| !t.is_empty()).cloned();
    let name = name.to_string();
    // The tags to push, found before the answer starts: an unknown image is a plain 404.
    let (targets, how) = call
        .engine({
            let name = name.clone();
            move |o| {
                let index = o.store.index()?;
                let targets: Vec<String> = match tag {
                    Some(tag) => vec![format!("{name}:{tag}")],
                    None => {
                        let repo = Reference::parse_docker(&name)
                            .map_err(|e| Failure::bad(e.to_string()))?
                            .name();
                        index
                            .images
                            .iter()
                            .flat_map(|i| i.names.iter())
                            .filter(|n| n.strip_prefix(&repo).is_some_and(|t| t.starts_with(':')))
                            .cloned()
                            .collect()
                    }
                };
                // docker's words for a name the store does not have.
                let absent = || {
                    Failure::new(
                        StatusCode::NOT_FOUND,
                        format!("An image does not exist locally with the tag: {name}"),
                    )
                };
                let first = targets.first().ok_or_else(absent)?;
                find_in(&index, first, &o.config.registries).map_err(|_| absent())?;
                // docker's push has no compression options: rpod.toml's [push] choose.
                let choice = push::CompressionChoice::configured(&o.config.push);
                let compression = push::LayerCompression::new(choice, push::ManifestFormat::Keep)
                    .map_err(|e| {
                    Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                })?;
                let how = push::PushHow {
                    format: push::ManifestFormat::Keep,
                    compression,
                };
                Ok((targets, how))
            }
        })
        .await?;
    let (tx, rx) = mpsc::unbounded_channel::<Value>();
    let pushing = call.engine(move |o| {
        let engine = o.engine()?;
        let mut registry = engine.registry.clone();
        if creds.is_some() {
            registry.creds = creds;
        }
        let progress = JsonProgress { tx: tx.clone() };
        let send = |line: Value| {
            let _ = tx.send(line);
        };
        for target in &targets {
            let index = o.store.index()?;
            let image = find_in(&index, target, &o.config.registries)?;
            let dest = Reference::parse_docker(target).map_err(|e| Failure::bad(e.to_string()))?;
            send(json!({ "status": format!("The push refers to repository [{}]", dest.name()) }));
            match push::push(&o.store, image, &dest, how, None, &registry, &progress) {
                Ok(digest) => {
                    let tag = dest.tag.clone().unwrap_or_else(|| "latest".into());
                    send(json!({ "status": format!("{tag}: digest: {digest}") }));
                    send(json!({ "progressDetail": {}, "aux": { "Tag": tag, "Digest": digest.to_string() } }));
                    crate::container::events::record(
                        &o.paths.runroot,
                        "image",
                        "push",
                        image.id.as_str(),
                        target,
                    );
                }
                Err(e) => {
                    let message = e.to_string();
                    send(json!({ "errorDetail": { "message": message }, "error": message }));
                    break;
                }
            }
        }
        Ok(())
    });
    Ok(reply::json_lines(rx, pushing))
}
