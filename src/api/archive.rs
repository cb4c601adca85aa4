//! `HEAD|GET|PUT /containers/ID/archive?path=` (`docker cp`): the tar streams `rpod cp`'s
//! helper makes and unpacks in the container's own view of its files. The path's stat, which
//! the docker CLI reads to decide where what it copies goes, is taken from the stream's first
//! entry (the path itself) into docker's `X-Docker-Container-Path-Stat` header.

use base64::Engine as _;
use bytes::Bytes;
use hyper::{Response, StatusCode};
use serde_json::json;
use tokio::sync::mpsc;

use super::reply::{self, Chunks, Failure, Reply};
use super::route::Call;
use crate::container::copy::{self, Side};

const BLOCK: usize = 512;
/// Go's os.FileMode bits, which docker's stat carries.
const GO_DIR: u32 = 1 << 31;
const GO_SYMLINK: u32 = 1 << 27;
const GO_SETUID: u32 = 1 << 23;
const GO_SETGID: u32 = 1 << 22;
const GO_STICKY: u32 = 1 << 20;

fn path_of(call: &Call) -> Result<String, Failure> {
    call.query
        .get("path")
        .filter(|p| !p.is_empty())
        .cloned()
        .ok_or_else(|| Failure::bad("path is required"))
}

/// Where the first entry's own header starts, past GNU long-name and PAX extension entries;
/// None until `bytes` holds it.
fn main_header(bytes: &[u8]) -> Option<tar::Header> {
    let mut at = 0;
    loop {
        let block = bytes.get(at..at + BLOCK)?;
        let header = tar::Header::from_byte_slice(block);
        let kind = header.entry_type();
        if !(kind.is_gnu_longname() || kind.is_gnu_longlink() || kind.is_pax_local_extensions()) {
            return Some(header.clone());
        }
        let size = usize::try_from(header.size().ok()?).ok()?;
        at += BLOCK + size.div_ceil(BLOCK) * BLOCK;
    }
}

/// docker's stat of the path, base64 JSON, from its tar header.
fn stat_header(header: &tar::Header, path: &str) -> String {
    let mode = header.mode().unwrap_or(0);
    let mut go_mode = mode & 0o777;
    for (bit, go) in [
        (0o4000, GO_SETUID),
        (0o2000, GO_SETGID),
        (0o1000, GO_STICKY),
    ] {
        if mode & bit != 0 {
            go_mode |= go;
        }
    }
    let kind = header.entry_type();
    if kind.is_dir() {
        go_mode |= GO_DIR;
    }
    if kind.is_symlink() {
        go_mode |= GO_SYMLINK;
    }
    let mtime = header
        .mtime()
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s as i64).ok())
        .map(|t| t.to_string())
        .unwrap_or_default();
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let link = header
        .link_name()
        .ok()
        .flatten()
        .map(|l| l.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stat = json!({
        "name": if name.is_empty() { "/" } else { name },
        "size": header.size().unwrap_or(0),
        "mode": go_mode,
        "mtime": mtime,
        "linkTarget": link,
    });
    base64::engine::general_purpose::STANDARD.encode(stat.to_string())
}

/// `HEAD` (the stat alone) and `GET` (the stat and the archive). The answer waits for the
/// path's header, so a path that does not exist is a plain 404.
pub async fn get(call: Call, id: &str, with_body: bool) -> Result<Reply, Failure> {
    let path = path_of(&call)?;
    let (tx, mut rx) = mpsc::channel::<Bytes>(16);
    let (container, src) = (id.to_string(), path.clone());
    let copying = tokio::spawn(call.engine(move |o| {
        let side = Side {
            container: &container,
            path: &src,
        };
        Ok(copy::to_stream(&o.engine()?, &side, &mut Chunks { tx })?)
    }));
    let mut first = Vec::new();
    let header = loop {
        if let Some(header) = main_header(&first) {
            break header;
        }
        match rx.recv().await {
            Some(chunk) => first.extend_from_slice(&chunk),
            None => {
                return Err(match copying.await {
                    Ok(Err(f)) => f,
                    _ => Failure::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("copying {path:?} ended without an archive"),
                    ),
                });
            }
        }
    };
    let stat = stat_header(&header, &path);
    let answer = Response::builder()
        .status(StatusCode::OK)
        .header("X-Docker-Container-Path-Stat", stat)
        .header("Content-Type", "application/x-tar");
    if !with_body {
        // Dropping the channel ends the helper's stream early; the stat was all that was asked.
        return Ok(answer
            .body(reply::empty(StatusCode::OK).into_body())
            .expect("a response of valid parts"));
    }
    let (body_tx, body) = reply::channel();
    tokio::spawn(async move {
        let mut next = Some(Bytes::from(first));
        while let Some(chunk) = next {
            if body_tx.send(chunk).await.is_err() {
                break;
            }
            next = rx.recv().await;
        }
        if let Ok(Err(f)) = copying.await {
            tracing::debug!("archive: {}", f.message);
        }
    });
    Ok(answer.body(body).expect("a response of valid parts"))
}

/// `PUT`: the body, a tar archive, unpacked into the directory `path`.
pub async fn put(mut call: Call, id: &str) -> Result<Reply, Failure> {
    let path = path_of(&call)?;
    let container = id.to_string();
    // docker's default replaces a directory by a non-directory and the other way round.
    let overwrite = !call.flag("noOverwriteDirNonDir");
    let mut body = call.body_stream();
    call.engine(move |o| {
        let side = Side {
            container: &container,
            path: &path,
        };
        Ok(copy::from_stream(
            &o.engine()?,
            &mut body,
            &side,
            overwrite,
        )?)
    })
    .await?;
    Ok(reply::empty(StatusCode::OK))
}
