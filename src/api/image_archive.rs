//! `GET /images/{name}/get`, `GET /images/get` and `POST /images/load`: docker save and
//! docker load, over the archive code `rpod save` and `rpod load` use. Both stream: the
//! archive goes out as it is written and comes in as it is read.

use hyper::{Response, StatusCode};
use serde_json::json;

use super::reply::{self, Chunks, Failure, Reply};
use super::route::Call;
use crate::image::archive::{self, ArchiveError, LoadInput, SaveHow};

impl From<ArchiveError> for Failure {
    fn from(e: ArchiveError) -> Failure {
        match e {
            ArchiveError::Store(e) => Failure::from(e),
            ArchiveError::Invalid(_) | ArchiveError::Read(_) | ArchiveError::Unpack(_) => {
                Failure::bad(e.to_string())
            }
            e => Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }
}

/// One image (`/images/{name}/get`) or those of `names` (`/images/get?names=…`), as a
/// docker-archive.
pub async fn get(call: Call, name: Option<&str>) -> Result<Reply, Failure> {
    let names: Vec<String> = match name {
        Some(name) => vec![name.to_string()],
        None => call
            .pairs
            .iter()
            .filter(|(k, _)| k == "names")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    if names.is_empty() {
        return Err(Failure::bad("names: name at least one image to save"));
    }
    // Every name is found before the 200 goes out: a missing one is a 404, not a cut archive.
    let items = call
        .engine(move |o| Ok(archive::items(&o.store, &names, &o.config.registries)?))
        .await?;
    let (tx, body) = reply::channel();
    let saving = call.engine(move |o| {
        let mut out = Chunks { tx };
        Ok(archive::save(
            &o.store,
            &items,
            SaveHow::docker_archive(),
            Some(&mut out),
            None,
        )?)
    });
    tokio::spawn(async move {
        // A failure midway can only end the stream early: the status went out already.
        if let Err(f) = saving.await {
            tracing::debug!("image save: {}", f.message);
        }
    });
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/x-tar")
        .body(body)
        .expect("a response of valid parts"))
}

/// The body, an archive (docker-archive or oci-archive, plain or compressed), loaded; the
/// answer is docker's: one `stream` line per image loaded.
pub async fn load(mut call: Call) -> Result<Reply, Failure> {
    let mut body = call.body_stream();
    let loaded = call
        .engine(move |o| Ok(archive::load(&o.store, LoadInput::Stream(&mut body))?))
        .await?;
    let mut lines = String::new();
    for image in &loaded {
        let said = match image.names.as_slice() {
            [] => vec![format!("Loaded image ID: sha256:{}\n", image.id)],
            names => names
                .iter()
                .map(|n| format!("Loaded image: {n}\n"))
                .collect(),
        };
        for stream in said {
            lines.push_str(&format!("{}\n", json!({ "stream": stream })));
        }
    }
    Ok(reply::full(StatusCode::OK, "application/json", lines))
}
