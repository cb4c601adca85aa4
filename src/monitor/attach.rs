//! The attach protocol: a stream socket in the container's run directory carrying frames
//! `[kind u8][length u32 big-endian][payload]` both ways. Clients send stdin, window sizes and
//! the end of their input; the monitor sends the container's output and, last, its exit code.

use std::io;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

use super::state::ATTACH_SOCKET;
use crate::runtime::sync::ShortPath;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Stdin(Vec<u8>),
    Stdout(Vec<u8>),
    Stderr(Vec<u8>),
    Resize { rows: u16, cols: u16 },
    CloseStdin,
    Exit(i32),
}

const MAX_FRAME: usize = 1 << 20;

impl Frame {
    pub fn encode(&self) -> Vec<u8> {
        let (kind, payload): (u8, Vec<u8>) = match self {
            Frame::Stdin(d) => (0, d.clone()),
            Frame::Stdout(d) => (1, d.clone()),
            Frame::Stderr(d) => (2, d.clone()),
            Frame::Resize { rows, cols } => (3, [rows.to_be_bytes(), cols.to_be_bytes()].concat()),
            Frame::CloseStdin => (4, Vec::new()),
            Frame::Exit(code) => (5, code.to_be_bytes().to_vec()),
        };
        let mut out = Vec::with_capacity(5 + payload.len());
        out.push(kind);
        out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        out.extend_from_slice(&payload);
        out
    }
}

/// Collects bytes from a stream and yields whole frames.
#[derive(Default)]
pub struct Decoder {
    buf: Vec<u8>,
}

impl Decoder {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    pub fn next_frame(&mut self) -> io::Result<Option<Frame>> {
        if self.buf.len() < 5 {
            return Ok(None);
        }
        let len = u32::from_be_bytes([self.buf[1], self.buf[2], self.buf[3], self.buf[4]]) as usize;
        if len > MAX_FRAME {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "attach frame too large",
            ));
        }
        if self.buf.len() < 5 + len {
            return Ok(None);
        }
        let kind = self.buf[0];
        let payload: Vec<u8> = self.buf[5..5 + len].to_vec();
        self.buf.drain(..5 + len);
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "malformed attach frame");
        Ok(Some(match kind {
            0 => Frame::Stdin(payload),
            1 => Frame::Stdout(payload),
            2 => Frame::Stderr(payload),
            3 if payload.len() == 4 => Frame::Resize {
                rows: u16::from_be_bytes([payload[0], payload[1]]),
                cols: u16::from_be_bytes([payload[2], payload[3]]),
            },
            4 => Frame::CloseStdin,
            5 if payload.len() == 4 => Frame::Exit(i32::from_be_bytes([
                payload[0], payload[1], payload[2], payload[3],
            ])),
            _ => return Err(bad()),
        }))
    }
}

/// A socket path that fits sun_path whatever the directory's length: the directory is reached
/// through a descriptor, /proc/self/fd/N/attach.
pub fn listen(run_dir: &Path) -> io::Result<UnixListener> {
    let short = ShortPath::new(run_dir, ATTACH_SOCKET)?;
    let _ = std::fs::remove_file(run_dir.join(ATTACH_SOCKET));
    UnixListener::bind(&short.path)
}

pub fn connect(run_dir: &Path) -> io::Result<UnixStream> {
    let short = ShortPath::new(run_dir, ATTACH_SOCKET)?;
    UnixStream::connect(&short.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_in_pieces() {
        let frames = vec![
            Frame::Stdin(b"hello".to_vec()),
            Frame::Stdout(vec![]),
            Frame::Resize { rows: 24, cols: 80 },
            Frame::CloseStdin,
            Frame::Exit(-1),
        ];
        let bytes: Vec<u8> = frames.iter().flat_map(Frame::encode).collect();
        let mut d = Decoder::default();
        let mut got = Vec::new();
        for b in bytes.chunks(3) {
            d.push(b);
            while let Some(f) = d.next_frame().unwrap() {
                got.push(f);
            }
        }
        assert_eq!(got, frames);
    }

    #[test]
    fn refuses_oversized_and_malformed_frames() {
        let mut d = Decoder::default();
        d.push(&[1, 0xff, 0xff, 0xff, 0xff]);
        assert!(d.next_frame().is_err());
        let mut d = Decoder::default();
        d.push(&[9, 0, 0, 0, 0]);
        assert!(d.next_frame().is_err());
    }
}
