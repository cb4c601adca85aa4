//! `POST /images/create?fromImage=&tag=` (docker pull): the pull `rpod pull` makes, with the
//! credentials of docker's `X-Registry-Auth`, reported as docker's JSON progress lines. The answer waits for the pull's first layer, so that an
//! image the registry does not have is a plain 404 (which `docker run` reads to decide it
//! failed); a failure later on goes into the stream as docker's `errorDetail`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use hyper::{Response, StatusCode};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::config::Paths;
use crate::ids::Digest;
use crate::image::manifest::Platform;
use crate::image::progress::{BlobOutcome, Progress};
use crate::image::pull::{self, PullError, PullOptions};
use crate::image::reference::Parsed;
use crate::image::registry::RegistryError;

/// How often a layer's `Downloading` line is repeated while bytes arrive.
const DOWNLOAD_TICK: Duration = Duration::from_millis(200);

enum Note {
    Line(Value),
    Done(Result<(), Failure>),
}

/// Progress as docker's lines, sent unbounded: the pull's async tasks must not block on a
/// slow client, and the lines are few (downloads are throttled to one per tick and layer).
struct JsonProgress {
    tx: mpsc::UnboundedSender<Note>,
    /// The tag being pulled (several, one after the other, for all tags).
    tag: Mutex<String>,
    path: String,
    announced: AtomicBool,
    downloads: Mutex<HashMap<Digest, (u64, u64, Instant)>>,
}

impl JsonProgress {
    fn send(&self, line: Value) {
        let _ = self.tx.send(Note::Line(line));
    }

    fn announce(&self) {
        if !self.announced.swap(true, Ordering::SeqCst) {
            let tag = self.tag.lock().expect("progress lock").clone();
            self.send(json!({ "status": format!("Pulling from {}", self.path), "id": tag }));
        }
    }

    fn next_tag(&self, tag: &str) {
        *self.tag.lock().expect("progress lock") = tag.to_string();
        self.announced.store(false, Ordering::SeqCst);
    }

    fn layer(&self, digest: &Digest, status: &str) {
        self.announce();
        self.send(json!({ "status": status, "progressDetail": {}, "id": digest.short() }));
    }
}

impl Progress for JsonProgress {
    // "Trying to pull …" and "Writing manifest …" have no counterpart in docker's stream.
    fn step(&self, _: &str) {}

    fn blob_start(&self, digest: &Digest, size: u64) {
        self.layer(digest, "Pulling fs layer");
        let past = Instant::now() - DOWNLOAD_TICK;
        let mut downloads = self.downloads.lock().expect("progress lock");
        downloads.insert(digest.clone(), (0, size, past));
    }

    fn blob_bytes(&self, digest: &Digest, n: u64) {
        let mut downloads = self.downloads.lock().expect("progress lock");
        let Some((current, total, last)) = downloads.get_mut(digest) else {
            return;
        };
        *current += n;
        if last.elapsed() >= DOWNLOAD_TICK || current >= total {
            *last = Instant::now();
            self.send(json!({
                "status": "Downloading",
                "progressDetail": { "current": *current, "total": *total },
                "id": digest.short(),
            }));
        }
    }

    fn blob_done(&self, digest: &Digest, outcome: BlobOutcome) {
        self.downloads.lock().expect("progress lock").remove(digest);
        match outcome {
            BlobOutcome::AlreadyExists => self.layer(digest, "Already exists"),
            BlobOutcome::Copied => {
                self.layer(digest, "Download complete");
                self.layer(digest, "Pull complete");
            }
            BlobOutcome::Failed => {}
        }
    }
}

/// What `fromImage` and `tag` name: docker's client sends the repository and the tag (or a
/// digest) apart, and no tag at all for `pull --all-tags`.
fn reference(call: &Call) -> Result<(String, Option<String>), Failure> {
    let from = call
        .query
        .get("fromImage")
        .filter(|f| !f.is_empty())
        .ok_or_else(|| match call.query.contains_key("fromSrc") {
            true => Failure::new(
                StatusCode::NOT_IMPLEMENTED,
                "images/create?fromSrc (import) is not supported: use rpod import",
            ),
            false => Failure::bad("fromImage is required"),
        })?;
    let parsed = Parsed::parse(from).map_err(|e| Failure::bad(e.to_string()))?;
    Ok(match call.query.get("tag").filter(|t| !t.is_empty()) {
        Some(d) if d.starts_with("sha256:") => (format!("{from}@{d}"), Some(d.clone())),
        Some(t) => (format!("{from}:{t}"), Some(t.clone())),
        None => match parsed
            .digest
            .as_ref()
            .map(ToString::to_string)
            .or(parsed.tag)
        {
            Some(tag) => (from.clone(), Some(tag)),
            None => (from.clone(), None),
        },
    })
}

fn status_of(e: &PullError) -> StatusCode {
    match e {
        PullError::Reference(_) => StatusCode::BAD_REQUEST,
        PullError::Registry(
            RegistryError::ManifestUnknown { .. } | RegistryError::Denied { .. },
        ) => StatusCode::NOT_FOUND,
        PullError::AllCandidates { attempts, .. }
            if attempts.iter().all(|(_, e)| {
                matches!(
                    e,
                    PullError::Registry(RegistryError::ManifestUnknown { .. })
                )
            }) =>
        {
            StatusCode::NOT_FOUND
        }
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub async fn create(call: Call) -> Result<Reply, Failure> {
    let (name, tag) = reference(&call)?;
    let platform = match call.query.get("platform").filter(|p| !p.is_empty()) {
        Some(p) => Platform::parse(p).map_err(|e| Failure::bad(e.to_string()))?,
        None => Platform::host(),
    };
    let path = Parsed::parse(&name)
        .map_err(|e| Failure::bad(e.to_string()))?
        .path;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let progress = JsonProgress {
        tx: tx.clone(),
        path,
        tag: Mutex::new(tag.clone().unwrap_or_default()),
        announced: AtomicBool::new(false),
        downloads: Mutex::new(HashMap::new()),
    };
    let creds = call.registry_auth()?;
    let pulling = call.engine(move |o| {
        let engine = o.engine()?;
        let mut registry = engine.registry.clone();
        if creds.is_some() {
            registry.creds = creds;
        }
        let opts = PullOptions {
            platform,
            registry: &registry,
            registries: &o.config.registries,
        };
        let failed = |e: PullError| Failure::new(status_of(&e), e.to_string());
        let names = match &tag {
            Some(_) => vec![name.clone()],
            None => pull::all_tags(&name, &opts)
                .map_err(failed)?
                .iter()
                .map(ToString::to_string)
                .collect(),
        };
        let mut newer = false;
        for one in &names {
            let (pulled, fresh) = pull_one(o, one, &opts, &progress).map_err(failed)?;
            newer |= fresh;
            if Paths::ensure_private_dir("runtime directory", &o.paths.runroot).is_ok() {
                let id = pulled.id.as_str();
                crate::container::events::record(&o.paths.runroot, "image", "pull", id, one);
            }
        }
        let status = match newer {
            true => format!("Status: Downloaded newer image for {name}"),
            false => format!("Status: Image is up to date for {name}"),
        };
        progress.send(json!({ "status": status }));
        Ok(())
    });
    tokio::spawn(async move {
        let result = pulling.await;
        let _ = tx.send(Note::Done(result));
    });
    let first = match rx.recv().await {
        Some(Note::Done(Err(failure))) => return Err(failure),
        Some(first) => first,
        None => return Err(Failure::bad("the pull ended without an answer")),
    };
    let (body_tx, body) = reply::channel();
    tokio::spawn(async move {
        let mut next = Some(first);
        while let Some(note) = next {
            let line = match note {
                Note::Line(line) => line,
                Note::Done(Ok(())) => break,
                Note::Done(Err(f)) => {
                    json!({ "errorDetail": { "message": f.message }, "error": f.message })
                }
            };
            if body_tx
                .send(Bytes::from(format!("{line}\n")))
                .await
                .is_err()
            {
                break;
            }
            next = rx.recv().await;
        }
    });
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/json")
        .body(body)
        .expect("a response of valid parts"))
}

/// Pulls one reference and reports its digest; true when the name now means another image.
fn pull_one(
    o: &super::Opened,
    name: &str,
    opts: &PullOptions,
    progress: &JsonProgress,
) -> Result<(pull::Pulled, bool), PullError> {
    let parsed = Parsed::parse(name)?;
    progress.next_tag(
        &parsed
            .digest
            .as_ref()
            .map(ToString::to_string)
            .or(parsed.tag)
            .unwrap_or_default(),
    );
    let previous = o.store.find(name, &o.config.registries).ok().map(|r| r.id);
    let pulled = pull::pull(&o.store, name, opts, progress)?;
    progress.announce();
    let record = o.store.index()?.get(&pulled.id).cloned();
    let prefix = format!("{}@", pulled.reference.name());
    let digest = record
        .iter()
        .flat_map(|r| r.repo_digests.iter())
        .filter_map(|d| d.strip_prefix(&prefix))
        .next_back()
        .map(String::from);
    if let Some(digest) = digest {
        progress.send(json!({ "status": format!("Digest: {digest}") }));
    }
    let fresh = previous.as_ref() != Some(&pulled.id);
    Ok((pulled, fresh))
}
