//! Request bodies: small ones (JSON) read whole up to a limit, large ones (a build context,
//! an archive for `cp`, an image for `load`) handed to the engine call as a blocking reader
//! fed by the connection, a few frames at a time, so no body is ever held whole in memory.

use std::io::{self, Read};

use bytes::{Buf, Bytes};
use http_body_util::{BodyExt, Limited};
use hyper::StatusCode;
use hyper::body::Incoming;
use tokio::sync::mpsc;

use super::reply::Failure;

/// The largest body read whole: docker's create and update bodies are a few kilobytes.
pub const LIMIT: usize = 8 << 20;

/// Frames in flight between the connection and the reader: the connection stops reading
/// (and the client sending) while the engine call is behind.
const IN_FLIGHT: usize = 8;

/// Reads a small body whole; a larger one is a 413 naming the limit.
pub async fn collect(body: Incoming) -> Result<Bytes, Failure> {
    match Limited::new(body, LIMIT).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the {LIMIT} bytes this endpoint reads"),
        )),
        Err(e) => Err(Failure::bad(format!("reading the request body: {e}"))),
    }
}

/// A body as a blocking reader, for an engine call on a blocking thread. A client that
/// vanishes midway is a read error, never a short body read as whole.
pub struct BodyReader {
    rx: mpsc::Receiver<Result<Bytes, String>>,
    current: Bytes,
}

/// Starts reading `body` on the runtime into a reader. Must be called inside the runtime.
pub fn stream(mut body: Incoming) -> BodyReader {
    let (tx, rx) = mpsc::channel(IN_FLIGHT);
    tokio::spawn(async move {
        while let Some(frame) = body.frame().await {
            let sent = match frame {
                Ok(frame) => match frame.into_data() {
                    Ok(data) => tx.send(Ok(data)).await,
                    // Trailers carry nothing a handler reads.
                    Err(_) => Ok(()),
                },
                Err(e) => {
                    let _ = tx.send(Err(e.to_string())).await;
                    return;
                }
            };
            if sent.is_err() {
                // The handler stopped reading: the rest of the body is not wanted.
                return;
            }
        }
    });
    BodyReader {
        rx,
        current: Bytes::new(),
    }
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.rx.blocking_recv() {
                None => return Ok(0),
                Some(Ok(data)) => self.current = data,
                Some(Err(e)) => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("the request body ended early: {e}"),
                    ));
                }
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current[..n]);
        self.current.advance(n);
        Ok(n)
    }
}
