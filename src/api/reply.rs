//! Responses: JSON bodies, streamed bodies, and docker's `{"message": …}` errors with docker's
//! status codes.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody, combinators::BoxBody};
use hyper::body::Frame;
use hyper::{Response, StatusCode};
use serde_json::Value;
use tokio::sync::mpsc;

use crate::container::ContainerError;
use crate::container::exec_session::ExecSessionError;
use crate::image::store::StoreError;

pub type Body = BoxBody<Bytes, std::convert::Infallible>;
pub type Reply = Response<Body>;

/// A request that failed: docker's status code and message.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub fn bad(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn into_reply(self) -> Reply {
        json(self.status, &serde_json::json!({ "message": self.message }))
    }
}

impl From<ContainerError> for Failure {
    fn from(e: ContainerError) -> Failure {
        let status = match &e {
            ContainerError::NotFound(name) => {
                return Failure::new(StatusCode::NOT_FOUND, format!("No such container: {name}"));
            }
            ContainerError::Store(StoreError::NotFound(name)) => {
                return Failure::new(StatusCode::NOT_FOUND, format!("No such image: {name}"));
            }
            ContainerError::Volume(crate::volume::VolumeError::NotFound(name)) => {
                return Failure::new(StatusCode::NOT_FOUND, format!("No such volume: {name}"));
            }
            ContainerError::Networks(crate::networks::NetworksError::NotFound(name)) => {
                return Failure::new(StatusCode::NOT_FOUND, format!("network {name} not found"));
            }
            ContainerError::ExecSession(
                ExecSessionError::NotFound(_) | ExecSessionError::NotInContainer { .. },
            ) => StatusCode::NOT_FOUND,
            ContainerError::ExecSession(_) => StatusCode::CONFLICT,
            ContainerError::AlreadyConnected { .. }
            | ContainerError::NotConnected { .. }
            | ContainerError::NetworkModeFixed { .. } => StatusCode::FORBIDDEN,
            ContainerError::NameInUse { .. }
            | ContainerError::Running { .. }
            | ContainerError::AlreadyRunning { .. }
            | ContainerError::NotRunning { .. }
            | ContainerError::VolumeInUse { .. }
            | ContainerError::OtherNode { .. }
            | ContainerError::ResetShared { .. } => StatusCode::CONFLICT,
            // docker cp reads a 404 as "no such path" and copies to the parent instead.
            ContainerError::CopyNotFound { .. } => StatusCode::NOT_FOUND,
            ContainerError::Invalid { .. }
            | ContainerError::User { .. }
            | ContainerError::Ambiguous { .. }
            | ContainerError::Volume(crate::volume::VolumeError::Name { .. }) => {
                StatusCode::BAD_REQUEST
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::new(status, e.to_string())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::from(ContainerError::Store(e))
    }
}

pub fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Reply {
    Response::builder()
        .status(status)
        .header("Content-Type", content_type)
        .body(Full::new(body.into()).boxed())
        .expect("a response of valid parts")
}

pub fn json(status: StatusCode, value: &Value) -> Reply {
    full(status, "application/json", format!("{value}\n"))
}

pub fn empty(status: StatusCode) -> Reply {
    full(status, "text/plain", Bytes::new())
}

/// A body fed chunk by chunk through the returned sender; a send fails once the client is
/// gone, which is how producers learn to stop.
pub fn channel() -> (mpsc::Sender<Bytes>, Body) {
    let (tx, rx) = mpsc::channel::<Bytes>(16);
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        let chunk = rx.recv().await?;
        Some((Ok(Frame::data(chunk)), rx))
    });
    (tx, StreamBody::new(stream).boxed())
}

/// A blocking engine call's output (an export, a copy's tar stream), chunk by chunk into a
/// response's channel: a slow client holds the call back instead of its output piling up in
/// memory, and a client that left ends it.
pub struct Chunks {
    pub tx: mpsc::Sender<Bytes>,
}

impl std::io::Write for Chunks {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tx
            .blocking_send(Bytes::copy_from_slice(buf))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A 200 whose body is docker's JSON progress: each line `job` sends, then, if the job itself
/// failed (the store could not be opened), its failure as an `errorDetail` line.
pub fn json_lines(
    mut lines: mpsc::UnboundedReceiver<Value>,
    job: impl std::future::Future<Output = Result<(), Failure>> + Send + 'static,
) -> Reply {
    let (tx, body) = channel();
    tokio::spawn(async move {
        let ended = tokio::spawn(job);
        while let Some(line) = lines.recv().await {
            if tx.send(Bytes::from(format!("{line}\n"))).await.is_err() {
                break;
            }
        }
        if let Ok(Err(f)) = ended.await {
            let line =
                serde_json::json!({ "errorDetail": { "message": f.message }, "error": f.message });
            let _ = tx.send(Bytes::from(format!("{line}\n"))).await;
        }
    });
    Response::builder()
        .status(StatusCode::OK)
        .header("Content-Type", "application/json")
        .body(body)
        .expect("a response of valid parts")
}
