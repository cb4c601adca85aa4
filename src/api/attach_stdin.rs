//! `attach` with `stdin=1` (`docker run -i`): the client's half of the hijacked connection goes
//! to the container's stdin through its monitor's attach socket, as `rpod attach` sends it;
//! the client closing its half ends the container's stdin. docker's clients attach before
//! they start the container, so the input waits (unread, in the socket) until it runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::UnixStream;

use super::reply::Failure;
use super::route::Call;
use crate::container::attach::{close_stdin_frame, connect_for_input, stdin_frame};
use crate::container::record::Paths;

/// The container whose stdin the client's input feeds: one made with `OpenStdin` (`-i`),
/// since the monitor keeps only such a container's stdin open.
pub(super) async fn target(call: &Call, id: &str) -> Result<Paths, Failure> {
    let id = id.to_string();
    call.engine(move |o| {
        let (record, paths) = o.engine()?.find_here(&id)?;
        if !record.run.interactive {
            return Err(Failure::bad(format!(
                "stdin: container {} was created without OpenStdin (-i): it has no input to attach",
                record.name
            )));
        }
        Ok(paths)
    })
    .await
}

/// Copies the client's input to the container's stdin until the client closes its half.
pub(super) async fn feed(mut from_client: impl AsyncRead + Unpin, paths: Paths) {
    // Dropped with this task (the output ended, the relay aborts it): the wait stops too.
    let gone = Gone(Arc::new(AtomicBool::new(false)));
    let flag = gone.0.clone();
    let connected = tokio::task::spawn_blocking(move || {
        let stream = connect_for_input(&paths, &|| flag.load(Ordering::Relaxed))?;
        stream.set_nonblocking(true).ok()?;
        Some(stream)
    })
    .await;
    let Ok(Some(stream)) = connected else {
        return;
    };
    let Ok(stream) = UnixStream::from_std(stream) else {
        return;
    };
    let (mut from_monitor, mut to_monitor) = stream.into_split();
    // The monitor sends this client the output too (the client reads it from the log); it
    // is read and dropped so that the monitor never holds a backlog for us.
    let draining = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut from_monitor, &mut tokio::io::sink()).await;
    });
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        match from_client.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to_monitor.write_all(&stdin_frame(&buf[..n])).await.is_err() {
                    return;
                }
            }
        }
    }
    let _ = to_monitor.write_all(&close_stdin_frame()).await;
    // Connected until the container ends, so the close is read before we go.
    let _ = draining.await;
}

/// Sets its flag when dropped.
struct Gone(Arc<AtomicBool>);

impl Drop for Gone {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}
