//! Streamed container output: `logs`, in docker's multiplexed format (an 8-byte
//! header per frame: stream, three zeros, big-endian length) unless the container has a tty.
//! The engine reads on a blocking thread and hands chunks over; a vanished client ends it.

use bytes::Bytes;
use hyper::{Response, StatusCode};
use tokio::sync::mpsc;

use super::reply::{self, Body, Failure, Reply};
use super::route::Call;
use crate::container::logs::{self, Entry, LogOptions, Stream};

/// One frame as docker's clients read it.
fn frame(entry: &Entry, tty: bool, timestamps: bool) -> Bytes {
    let mut payload = Vec::with_capacity(entry.text.len() + 40);
    if timestamps {
        payload.extend_from_slice(entry.time.to_string().as_bytes());
        payload.push(b' ');
    }
    payload.extend_from_slice(&entry.text);
    let kind = match entry.stream {
        Stream::Stdout => 1,
        Stream::Stderr => 2,
    };
    framed(kind, &payload, tty)
}

/// `payload` as stream `kind` (1 stdout, 2 stderr) sends it: raw with a tty.
pub(super) fn framed(kind: u8, payload: &[u8], tty: bool) -> Bytes {
    if tty {
        return Bytes::copy_from_slice(payload);
    }
    let mut out = Vec::with_capacity(payload.len() + 8);
    out.extend_from_slice(&[kind, 0, 0, 0]);
    out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    out.extend_from_slice(payload);
    out.into()
}

/// What a stream sends: the chosen streams, framed, to `tx` until it is closed.
pub(super) struct Sender {
    pub tx: mpsc::Sender<Bytes>,
    pub tty: bool,
    pub stdout: bool,
    pub stderr: bool,
    pub timestamps: bool,
}

impl Sender {
    pub fn emit(&self, entry: &Entry) -> bool {
        let wanted = match entry.stream {
            Stream::Stdout => self.stdout,
            Stream::Stderr => self.stderr,
        };
        !wanted
            || self
                .tx
                .blocking_send(frame(entry, self.tty, self.timestamps))
                .is_ok()
    }
}

fn content_type(tty: bool) -> &'static str {
    match tty {
        true => "application/vnd.docker.raw-stream",
        false => "application/vnd.docker.multiplexed-stream",
    }
}

/// The container's tty setting, which decides the framing (and shows it is there: 404).
pub(super) async fn tty_of(call: &Call, id: &str) -> Result<bool, Failure> {
    let id = id.to_string();
    call.engine(move |o| Ok(o.engine()?.find(&id)?.0.run.tty))
        .await
}

pub async fn logs(call: Call, id: &str) -> Result<Reply, Failure> {
    let tty = tty_of(&call, id).await?;
    let tail = match call.query.get("tail").map(String::as_str) {
        None | Some("all") | Some("") => None,
        Some(n) => Some(
            n.parse()
                .map_err(|_| Failure::bad(format!("tail: {n:?} is not a number")))?,
        ),
    };
    let opts = LogOptions {
        follow: call.flag("follow"),
        tail,
        ..LogOptions::default()
    };
    let (tx, body) = reply::channel();
    let sender = Sender {
        tx,
        tty,
        stdout: call.flag("stdout"),
        stderr: call.flag("stderr"),
        timestamps: call.flag("timestamps"),
    };
    let id = id.to_string();
    let follow = opts.follow;
    let internal =
        |e: std::io::Error| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    // Opened before the headers go out: a client that hears them, then waits for the exit and
    // removes the container (the SDK's `containers.run`) still reads all of it. Following
    // needs the state only the container's own node sees (#22).
    let log = call
        .engine(move |o| {
            let engine = o.engine()?;
            let (record, paths) = match follow {
                true => engine.find_here(&id)?,
                false => engine.find(&id)?,
            };
            logs::open(&record, &paths).map_err(internal)
        })
        .await?;
    // The body follows as the log is read.
    tokio::spawn(tokio::task::spawn_blocking(move || {
        log.read(&opts, &mut |e| sender.emit(e)).map_err(internal)
    }));
    Ok(streamed(StatusCode::OK, tty, body))
}

pub(super) fn streamed(status: StatusCode, tty: bool, body: Body) -> Reply {
    Response::builder()
        .status(status)
        .header("Content-Type", content_type(tty))
        .body(body)
        .expect("a response of valid parts")
}
