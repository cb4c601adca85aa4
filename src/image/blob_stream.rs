//! A blob download held to its descriptor: it fails as soon as it runs past the size, and at
//! its end when it stopped short or its content does not have the digest. The errors it ends
//! with are markers that `Session::stream_error` turns into registry errors naming the blob.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::stream::{BoxStream, Stream, StreamExt};

use crate::ids::{Digest, Hasher};

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

/// A blob of the right size whose content has another digest.
#[derive(Debug, thiserror::Error)]
#[error("content with digest {0}")]
pub struct Mismatch(pub Digest);

/// Holds a blob stream to its descriptor: an error as soon as it runs past the size, and at
/// its end one when it stopped short or does not match the digest.
pub struct Sized {
    inner: BoxStream<'static, io::Result<Bytes>>,
    seen: u64,
    size: u64,
    digest: Digest,
    hasher: Option<Hasher>,
}

impl Sized {
    pub fn new(inner: BoxStream<'static, io::Result<Bytes>>, size: u64, digest: Digest) -> Sized {
        Sized {
            inner,
            seen: 0,
            size,
            digest,
            hasher: Some(Hasher::default()),
        }
    }
}

impl Stream for Sized {
    type Item = io::Result<Bytes>;

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<io::Result<Bytes>>> {
        if self.hasher.is_none() {
            return Poll::Ready(None);
        }
        let item = match self.inner.poll_next_unpin(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(item) => item,
        };
        let item = match item {
            Some(Ok(chunk)) => {
                self.seen += chunk.len() as u64;
                if self.seen > self.size {
                    Some(Err(io::Error::other(Oversize(self.size))))
                } else {
                    if let Some(h) = self.hasher.as_mut() {
                        h.update(&chunk);
                    }
                    return Poll::Ready(Some(Ok(chunk)));
                }
            }
            Some(Err(e)) => Some(Err(e)),
            None if self.seen < self.size => Some(Err(io::Error::other(Short {
                got: self.seen,
                size: self.size,
            }))),
            None => {
                let actual = self.hasher.take().map(Hasher::finish);
                match actual {
                    Some(actual) if actual != self.digest => {
                        return Poll::Ready(Some(Err(io::Error::other(Mismatch(actual)))));
                    }
                    _ => return Poll::Ready(None),
                }
            }
        };
        // An error ends the stream.
        self.hasher = None;
        Poll::Ready(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(chunks: &[&'static [u8]], size: u64) -> Vec<Result<usize, String>> {
        let whole: Vec<u8> = chunks.concat();
        run_with(chunks, size, Digest::of(&whole))
    }

    fn run_with(chunks: &[&'static [u8]], size: u64, digest: Digest) -> Vec<Result<usize, String>> {
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
            .block_on(Sized::new(inner, size, digest).collect::<Vec<_>>());
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
        let other = Digest::of(b"other");
        assert_eq!(
            run_with(&[b"abc"], 3, other),
            vec![
                Ok(3),
                Err(format!("content with digest {}", Digest::of(b"abc")))
            ]
        );
    }
}
