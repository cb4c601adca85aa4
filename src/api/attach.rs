//! `attach` and `resize`: what `docker run` without `-d` uses. docker's clients ask to take
//! over the connection (`Upgrade: tcp`); the 101 goes out at once and the container's output
//! from then until it exits is written raw on the upgraded connection (multiplexed frames
//! unless it has a tty). Without an upgrade request the same bytes are a streamed body.
//! With `stdin=1` the client's half of the connection is the container's input
//! (`attach_stdin.rs`).

use bytes::Bytes;
use hyper::StatusCode;
use hyper::header::{CONNECTION, HeaderValue, UPGRADE};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;

use super::attach_stdin;
use super::reply::{self, Failure, Reply};
use super::route::Call;
use super::stream::{Sender, streamed, tty_of};
use crate::container::logs;
use crate::container::record::Paths;

pub async fn attach(mut call: Call, id: &str) -> Result<Reply, Failure> {
    if call.flag("logs") {
        return Err(Failure::bad(
            "logs: replaying the log on attach is not supported (use /logs)",
        ));
    }
    let tty = tty_of(&call, id).await?;
    let input = match call.flag("stdin") {
        true => Some(attach_stdin::target(&call, id).await?),
        false => None,
    };
    let (tx, rx) = mpsc::channel::<Bytes>(16);
    let sender = Sender {
        tx,
        tty,
        stdout: call.flag("stdout"),
        stderr: call.flag("stderr"),
        timestamps: false,
    };
    let id = id.to_string();
    // Opened before the client hears back: it starts the container then, and a short-lived
    // one's output must not be missed.
    let following = call
        .engine(move |o| Ok(logs::follow(&o.engine()?, &id)?))
        .await?;
    tokio::spawn(call.engine(move |o| Ok(following.read(&o.engine()?, &mut |e| sender.emit(e))?)));
    let Some(upgrade) = call.upgrade.take() else {
        if input.is_some() {
            return Err(Failure::bad(
                "stdin: the client's input needs a hijacked connection (Upgrade: tcp)",
            ));
        }
        return Ok(streamed(StatusCode::OK, tty, relay_body(rx)));
    };
    tokio::spawn(relay_upgraded(upgrade, rx, input));
    Ok(switching(tty))
}

/// The 101 that hands the connection over; the stream follows on it.
pub(super) fn switching(tty: bool) -> Reply {
    let mut reply = streamed(
        StatusCode::SWITCHING_PROTOCOLS,
        tty,
        reply::empty(StatusCode::OK).into_body(),
    );
    let headers = reply.headers_mut();
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    headers.insert(UPGRADE, HeaderValue::from_static("tcp"));
    reply
}

pub(super) fn relay_body(mut rx: mpsc::Receiver<Bytes>) -> reply::Body {
    let (body_tx, body) = reply::channel();
    tokio::spawn(async move {
        while let Some(chunk) = rx.recv().await {
            if body_tx.send(chunk).await.is_err() {
                return;
            }
        }
    });
    body
}

/// Writes the frames on the taken-over connection, then closes our half: the client reads
/// to the end of the output and then asks `wait` for the exit code. With `input`, what the
/// client sends goes to the container's stdin meanwhile.
async fn relay_upgraded(
    upgrade: hyper::upgrade::OnUpgrade,
    mut rx: mpsc::Receiver<Bytes>,
    input: Option<Paths>,
) {
    let upgraded = match upgrade.await {
        Ok(u) => u,
        Err(e) => {
            tracing::debug!("attach: the connection was not handed over: {e}");
            return;
        }
    };
    let (from_client, mut io) = tokio::io::split(hyper_util::rt::TokioIo::new(upgraded));
    let feeding = input.map(|paths| tokio::spawn(attach_stdin::feed(from_client, paths)));
    while let Some(chunk) = rx.recv().await {
        if io.write_all(&chunk).await.is_err() {
            break;
        }
    }
    let _ = io.shutdown().await;
    if let Some(feeding) = feeding {
        feeding.abort();
    }
}

/// docker's clients send a resize on every attach with a tty; it is checked and accepted
/// without changing the terminal, which keeps the size it started with. TODO(#19): pass it
/// to the container's terminal once attach carries stdin.
pub async fn resize(call: Call, id: &str) -> Result<Reply, Failure> {
    for key in ["h", "w"] {
        if let Some(v) = call.query.get(key) {
            v.parse::<u16>()
                .map_err(|_| Failure::bad(format!("{key}: {v:?} is not a terminal size")))?;
        }
    }
    tty_of(&call, id).await?;
    Ok(reply::empty(StatusCode::OK))
}
