//! `docker exec`: `POST /containers/{id}/exec` records an exec session in the container's
//! state (`container::exec_session`, checked as `rpod exec`'s flags are), `POST
//! /exec/{id}/start` runs it through the same exec helper as `rpod exec` with the client's
//! taken-over connection as its streams, `GET /exec/{id}/json` reports how it went. The exit
//! code is saved before the output stream ends: docker's client reads the output to its end
//! and then asks for it.

use std::os::fd::OwnedFd;
use std::process::{Child, Stdio};

use bytes::Bytes;
use hyper::StatusCode;
use serde_json::{Map, Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::unix::pipe;
use tokio::sync::mpsc;

use super::attach::{relay_body, switching};
use super::create::{boolean, refuse_unknown, strings, text};
use super::reply::{self, Failure, Reply};
use super::route::Call;
use super::stream::framed;
use crate::container::ContainerError;
use crate::container::exec_session::{self, ExecSession, SessionConfig, SessionState};
use crate::container::plan::exec::ExecPlan;

/// docker's ExecConfig. `ConsoleSize` is accepted like `resize` (see there); `Detach` here
/// only tells the client what it will ask `start` for; the Python SDK also sends
/// `Container`, which docker ignores for the path's.
const CREATE_FIELDS: &[&str] = &[
    "Container",
    "AttachStdin",
    "AttachStdout",
    "AttachStderr",
    "Tty",
    "Env",
    "Cmd",
    "WorkingDir",
    "User",
    "Privileged",
    "Detach",
    "ConsoleSize",
];
const START_FIELDS: &[&str] = &["Detach", "Tty", "ConsoleSize"];

fn object(body: &[u8]) -> Result<Map<String, Value>, Failure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Failure::bad("the request body must be a JSON object")),
        Err(e) => Err(Failure::bad(format!(
            "invalid JSON in the request body: {e}"
        ))),
    }
}

fn invalid(e: ContainerError) -> Failure {
    Failure::bad(e.to_string())
}

pub async fn create(call: Call, container: &str) -> Result<Reply, Failure> {
    let body = object(&call.body)?;
    refuse_unknown(&body, CREATE_FIELDS, "")?;
    let config = SessionConfig {
        command: strings(&body, "Cmd")?,
        env: strings(&body, "Env")?,
        workdir: text(&body, "WorkingDir")?.filter(|w| !w.is_empty()),
        user: text(&body, "User")?.filter(|u| !u.is_empty()),
        privileged: boolean(&body, "Privileged")?,
        tty: boolean(&body, "Tty")?,
        stdin: boolean(&body, "AttachStdin")?,
        stdout: boolean(&body, "AttachStdout")?,
        stderr: boolean(&body, "AttachStderr")?,
    };
    ExecPlan::build(&config.options()).map_err(invalid)?;
    let container = container.to_string();
    let id = call
        .engine(move |o| Ok(exec_session::create(&o.engine()?, &container, config)?.id))
        .await?;
    Ok(reply::json(StatusCode::CREATED, &json!({ "Id": id })))
}

/// The started helper and the session that now says it runs.
struct Started {
    session: ExecSession,
    child: Child,
}

fn spawn(o: &super::Opened, id: &str, detach: bool) -> Result<Started, Failure> {
    let (session, child) = exec_session::start(&o.engine()?, id, |session, mut command| {
        let piped = |attached: bool| match attached && !detach {
            true => Stdio::piped(),
            false => Stdio::null(),
        };
        let config = &session.config;
        command
            .stdin(piped(config.stdin))
            .stdout(piped(config.stdout))
            .stderr(piped(config.stderr))
            .spawn()
    })?;
    Ok(Started { session, child })
}

pub async fn start(mut call: Call, id: &str) -> Result<Reply, Failure> {
    let body = object(&call.body)?;
    refuse_unknown(&body, START_FIELDS, "")?;
    let detach = boolean(&body, "Detach")?;
    let found = id.to_string();
    let Started { session, mut child } = call.engine(move |o| spawn(o, &found, detach)).await?;
    let tty = session.config.tty;
    let (tx, rx) = mpsc::channel::<Bytes>(16);
    let stdin = child.stdin.take().map(receiver_of).transpose()?;
    let pumps: Vec<_> = [
        (1, child.stdout.take().map(OwnedFd::from)),
        (2, child.stderr.take().map(OwnedFd::from)),
    ]
    .into_iter()
    .filter_map(|(kind, fd)| Some((kind, fd?)))
    .map(|(kind, fd)| pump(kind, fd, tty, tx.clone()))
    .collect::<Result<_, _>>()?;
    let finished = call.engine(move |o| {
        finish(o, &session, child);
        Ok(())
    });
    tokio::spawn(async move {
        for p in pumps {
            let _ = p.await;
        }
        let _ = finished.await;
        // Only now may the stream end: the exit code is saved.
        drop(tx);
    });
    if detach {
        return Ok(reply::empty(StatusCode::OK));
    }
    let Some(upgrade) = call.upgrade.take() else {
        return Ok(super::stream::streamed(StatusCode::OK, tty, relay_body(rx)));
    };
    tokio::spawn(relay(upgrade, rx, stdin));
    Ok(switching(tty))
}

fn receiver_of(stdin: std::process::ChildStdin) -> Result<pipe::Sender, Failure> {
    pipe::Sender::from_owned_fd(OwnedFd::from(stdin)).map_err(io_failure)
}

fn io_failure(e: std::io::Error) -> Failure {
    Failure::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("the exec helper's streams: {e}"),
    )
}

/// Reads one of the helper's output pipes to its end, framed as stream `kind`.
fn pump(
    kind: u8,
    fd: OwnedFd,
    tty: bool,
    tx: mpsc::Sender<Bytes>,
) -> Result<tokio::task::JoinHandle<()>, Failure> {
    let mut pipe = pipe::Receiver::from_owned_fd(fd).map_err(io_failure)?;
    Ok(tokio::spawn(async move {
        let mut buf = vec![0u8; 32 * 1024];
        while let Ok(n) = pipe.read(&mut buf).await {
            // A client that left no longer reads; the command still runs to its end.
            if n == 0 || tx.send(framed(kind, &buf[..n], tty)).await.is_err() {
                return;
            }
        }
    }))
}

/// Waits for the helper and saves how the command ended.
fn finish(o: &super::Opened, session: &ExecSession, mut child: Child) {
    let code = match child.wait() {
        Ok(status) => status.code().unwrap_or(125),
        Err(_) => 125,
    };
    let saved = o
        .engine()
        .and_then(|engine| exec_session::finish(&engine, session, code));
    if let Err(e) = saved {
        tracing::warn!("exec {}: {e}", session.id);
    }
}

/// The output on the taken-over connection; what the client sends is the command's stdin,
/// which ends when the client closes its half.
async fn relay(
    upgrade: hyper::upgrade::OnUpgrade,
    mut rx: mpsc::Receiver<Bytes>,
    stdin: Option<pipe::Sender>,
) {
    let upgraded = match upgrade.await {
        Ok(u) => u,
        Err(e) => {
            tracing::debug!("exec: the connection was not handed over: {e}");
            return;
        }
    };
    let (mut input, mut output) = tokio::io::split(hyper_util::rt::TokioIo::new(upgraded));
    let feeding = stdin.map(|mut stdin| {
        tokio::spawn(async move {
            let _ = tokio::io::copy(&mut input, &mut stdin).await;
        })
    });
    while let Some(chunk) = rx.recv().await {
        if output.write_all(&chunk).await.is_err() {
            break;
        }
    }
    let _ = output.shutdown().await;
    if let Some(feeding) = feeding {
        feeding.abort();
    }
}

pub async fn inspect(call: Call, id: &str) -> Result<Reply, Failure> {
    let id = id.to_string();
    let (r, container_running) = call
        .engine(move |o| Ok(exec_session::find(&o.engine()?, &id)?))
        .await?;
    let running = r.state(container_running) == SessionState::Running;
    let c = &r.config;
    // Written non-empty by create; a record edited by hand shows what it holds, never panics.
    let entrypoint = c.command.first().cloned().unwrap_or_default();
    let arguments = c.command.get(1..).unwrap_or_default().to_vec();
    Ok(reply::json(
        StatusCode::OK,
        &json!({
            "ID": r.id,
            "ContainerID": r.container,
            "Running": running,
            "ExitCode": r.exit_code,
            "Pid": r.pid(),
            "OpenStdin": c.stdin,
            "OpenStdout": c.stdout,
            "OpenStderr": c.stderr,
            "CanRemove": false,
            "DetachKeys": "",
            "ProcessConfig": {
                "entrypoint": entrypoint,
                "arguments": arguments,
                "tty": c.tty,
                "privileged": c.privileged,
                "user": c.user.clone().unwrap_or_default(),
            },
        }),
    ))
}

/// docker's client sends the terminal's size when an exec with a tty starts; the size is
/// checked and accepted, and the terminal keeps the size it started with. TODO(#19): pass it
/// to the exec helper's terminal.
pub async fn resize(call: Call, id: &str) -> Result<Reply, Failure> {
    for key in ["h", "w"] {
        if let Some(v) = call.query.get(key) {
            v.parse::<u16>()
                .map_err(|_| Failure::bad(format!("{key}: {v:?} is not a terminal size")))?;
        }
    }
    let id = id.to_string();
    call.engine(move |o| Ok(exec_session::find(&o.engine()?, &id)?))
        .await?;
    Ok(reply::empty(StatusCode::OK))
}
