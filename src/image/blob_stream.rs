//! A blob download held to its descriptor's size: it fails as soon as it runs past it, and at
//! its end when it stopped short. The errors it ends with are markers that
//! `Session::stream_error` turns into registry errors naming the blob.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::stream::{BoxStream, Stream, StreamExt};

/// A blob stream ran past its descriptor's size.
#[derive(Debug, thiserror::Error)]
#[error("more than {0} bytes")]
pub struct Oversize(pub u64);

/// A blob stream ended before its descriptor's size.
#[derive(Debug, thiserror::Error)]
#[error("{got} of {size} bytes")]
pub struct Short {
    pub got: u64,
    pub size: u64,
}

/// Holds a blob stream to its descriptor's size: an error as soon as it runs past it, and one
/// at its end when it stopped short (rather than the digest mismatch that follows from it).
pub struct Sized {
    inner: BoxStream<'static, io::Result<Bytes>>,
    seen: u64,
    size: u64,
    done: bool,
}

impl Sized {
    pub fn new(inner: BoxStream<'static, io::Result<Bytes>>, size: u64) -> Sized {
        Sized {
            inner,
            seen: 0,
            size,
            done: false,
        }
    }
}

impl Stream for Sized {
    type Item = io::Result<Bytes>;

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<io::Result<Bytes>>> {
        if self.done {
            return Poll::Ready(None);
        }
        let item = match self.inner.poll_next_unpin(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(item) => item,
        };
        let short = Short {
            got: self.seen,
            size: self.size,
        };
        let item = match item {
            Some(Ok(chunk)) => {
                self.seen += chunk.len() as u64;
                if self.seen > self.size {
                    Some(Err(io::Error::other(Oversize(self.size))))
                } else {
                    Some(Ok(chunk))
                }
            }
            // oci-client checks the digest at the end: of a short blob, it cannot match.
            Some(Err(e)) if short.got < short.size && is_digest_error(&e) => {
                Some(Err(io::Error::other(short)))
            }
            Some(Err(e)) => Some(Err(e)),
            None if short.got < short.size => Some(Err(io::Error::other(short))),
            None => None,
        };
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        Poll::Ready(item)
    }
}

fn is_digest_error(e: &io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.is::<oci_client::errors::DigestError>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(chunks: &[&'static [u8]], size: u64) -> Vec<Result<usize, String>> {
        let inner = futures_util::stream::iter(
            chunks
                .iter()
                .map(|c| Ok(Bytes::from_static(c)))
                .collect::<Vec<io::Result<Bytes>>>(),
        )
        .boxed();
        let items = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(Sized::new(inner, size).collect::<Vec<_>>());
        items
            .into_iter()
            .map(|i| i.map(|b| b.len()).map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn exact_short_and_long_streams() {
        assert_eq!(run(&[b"abc", b"de"], 5), vec![Ok(3), Ok(2)]);
        assert_eq!(
            run(&[b"abc"], 5),
            vec![Ok(3), Err("3 of 5 bytes".to_string())]
        );
        assert_eq!(
            run(&[b"abc", b"def", b"ghi"], 5),
            vec![Ok(3), Err("more than 5 bytes".to_string())],
            "nothing more is read once it ran past"
        );
    }
}
