//! The non-content bytes of a layer tar, so that the exact tar can be rebuilt from the
//! extracted files: its sha256 is the layer's diff id, which push and save must reproduce.
//!
//! Format: the magic line, then records: `R` + u32 length + bytes (headers, padding, trailer),
//! or `F` + u32 path length + path + u64 size (content taken from the extracted file). A file
//! that a later entry of the same layer replaced was moved aside (a relocation, kept in the
//! layer's metadata) and is read from there.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;

use crate::runtime::safe_path::RootDir;

const MAGIC: &[u8] = b"rpod-tarsplit 1\n";
/// Raw bytes are coalesced into records of up to this size.
const RAW_CHUNK: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum TarSplitError {
    #[error("cannot read the tar-split record: {0}")]
    Read(io::Error),
    #[error("the tar-split record is corrupt: {0}")]
    Corrupt(&'static str),
    #[error("layer file {}: {source}", path.display())]
    File { path: PathBuf, source: io::Error },
    #[error("layer file {} changed: it has {actual} bytes, the layer had {expected}", path.display())]
    SizeChanged {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    #[error("cannot write the layer tar: {0}")]
    Write(io::Error),
}

pub struct TarSplitWriter<W: Write> {
    out: W,
    raw: Vec<u8>,
    files: u64,
}

impl<W: Write> TarSplitWriter<W> {
    pub fn new(mut out: W) -> io::Result<TarSplitWriter<W>> {
        out.write_all(MAGIC)?;
        Ok(TarSplitWriter {
            out,
            raw: Vec::new(),
            files: 0,
        })
    }

    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.raw.extend_from_slice(bytes);
        if self.raw.len() >= RAW_CHUNK {
            self.flush_raw()?;
        }
        Ok(())
    }

    fn flush_raw(&mut self) -> io::Result<()> {
        for chunk in self.raw.chunks(RAW_CHUNK) {
            self.out.write_all(b"R")?;
            self.out.write_all(&(chunk.len() as u32).to_le_bytes())?;
            self.out.write_all(chunk)?;
        }
        self.raw.clear();
        Ok(())
    }

    /// Records that `size` content bytes come from the file at `path` (relative to the layer).
    /// Returns the file's index, which relocations refer to.
    pub fn file(&mut self, path: &Path, size: u64) -> io::Result<u64> {
        self.flush_raw()?;
        let bytes = path.as_os_str().as_bytes();
        self.out.write_all(b"F")?;
        self.out.write_all(&(bytes.len() as u32).to_le_bytes())?;
        self.out.write_all(bytes)?;
        self.out.write_all(&size.to_le_bytes())?;
        self.files += 1;
        Ok(self.files - 1)
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.flush_raw()?;
        Ok(self.out)
    }
}

fn read_exact(r: &mut impl Read, buf: &mut [u8]) -> Result<(), TarSplitError> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => TarSplitError::Corrupt("truncated"),
        _ => TarSplitError::Read(e),
    })
}

/// Rebuilds the original tar into `out` from the split and the layer's files in `diff`;
/// returns the number of bytes written. `relocated` maps file indexes to paths in `shadow`,
/// where files that later entries replaced were moved.
pub fn reassemble(
    mut split: impl Read,
    diff: &Path,
    shadow: &Path,
    relocated: &BTreeMap<u64, PathBuf>,
    out: &mut dyn Write,
) -> Result<u64, TarSplitError> {
    let mut magic = vec![0u8; MAGIC.len()];
    read_exact(&mut split, &mut magic)?;
    if magic != MAGIC {
        return Err(TarSplitError::Corrupt("unknown format"));
    }
    let open = |dir: &Path| {
        RootDir::open(dir).map_err(|source| TarSplitError::File {
            path: dir.to_path_buf(),
            source,
        })
    };
    let root = open(diff)?;
    let shadow_root = if relocated.is_empty() {
        None
    } else {
        Some(open(shadow)?)
    };
    let mut written = 0u64;
    let mut index = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let mut tag = [0u8; 1];
        match split.read(&mut tag) {
            Ok(0) => return Ok(written),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(TarSplitError::Read(e)),
        }
        let mut len = [0u8; 4];
        read_exact(&mut split, &mut len)?;
        let len = u32::from_le_bytes(len) as usize;
        if len > RAW_CHUNK {
            return Err(TarSplitError::Corrupt("record too long"));
        }
        let mut data = vec![0u8; len];
        read_exact(&mut split, &mut data)?;
        match tag[0] {
            b'R' => {
                out.write_all(&data).map_err(TarSplitError::Write)?;
                written += len as u64;
            }
            b'F' => {
                let mut size = [0u8; 8];
                read_exact(&mut split, &mut size)?;
                let size = u64::from_le_bytes(size);
                match (relocated.get(&index), &shadow_root) {
                    (Some(p), Some(shadow_root)) => {
                        copy_file(shadow_root, shadow, p, size, out, &mut buf)?
                    }
                    _ => copy_file(
                        &root,
                        diff,
                        Path::new(std::ffi::OsStr::from_bytes(&data)),
                        size,
                        out,
                        &mut buf,
                    )?,
                }
                written += size;
                index += 1;
            }
            _ => return Err(TarSplitError::Corrupt("unknown record")),
        }
    }
}

/// The original tar with every file's content read as zeros: all its headers, in order, from
/// the split alone, without opening a file of the layer.
pub struct Shape<R> {
    split: R,
    raw: Vec<u8>,
    at: usize,
    zeros: u64,
}

pub fn shape<R: Read>(mut split: R) -> Result<Shape<R>, TarSplitError> {
    let mut magic = vec![0u8; MAGIC.len()];
    read_exact(&mut split, &mut magic)?;
    if magic != MAGIC {
        return Err(TarSplitError::Corrupt("unknown format"));
    }
    Ok(Shape {
        split,
        raw: Vec::new(),
        at: 0,
        zeros: 0,
    })
}

impl<R: Read> Read for Shape<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let corrupt = |e: TarSplitError| io::Error::new(io::ErrorKind::InvalidData, e.to_string());
        loop {
            if self.at < self.raw.len() {
                let n = buf.len().min(self.raw.len() - self.at);
                buf[..n].copy_from_slice(&self.raw[self.at..self.at + n]);
                self.at += n;
                return Ok(n);
            }
            if self.zeros > 0 {
                let n = buf.len().min(self.zeros.min(usize::MAX as u64) as usize);
                buf[..n].fill(0);
                self.zeros -= n as u64;
                return Ok(n);
            }
            let mut tag = [0u8; 1];
            if self.split.read(&mut tag)? == 0 {
                return Ok(0);
            }
            let mut len = [0u8; 4];
            read_exact(&mut self.split, &mut len).map_err(corrupt)?;
            let len = u32::from_le_bytes(len) as usize;
            if len > RAW_CHUNK {
                return Err(corrupt(TarSplitError::Corrupt("record too long")));
            }
            let mut data = vec![0u8; len];
            read_exact(&mut self.split, &mut data).map_err(corrupt)?;
            match tag[0] {
                b'R' => (self.raw, self.at) = (data, 0),
                b'F' => {
                    let mut size = [0u8; 8];
                    read_exact(&mut self.split, &mut size).map_err(corrupt)?;
                    self.zeros = u64::from_le_bytes(size);
                }
                _ => return Err(corrupt(TarSplitError::Corrupt("unknown record"))),
            }
        }
    }
}

fn copy_file(
    root: &RootDir,
    dir: &Path,
    rel: &Path,
    size: u64,
    out: &mut dyn Write,
    buf: &mut [u8],
) -> Result<(), TarSplitError> {
    let path = dir.join(rel);
    let file_err = |source| TarSplitError::File {
        path: path.clone(),
        source,
    };
    let fd = root
        .open_at(rel, OFlag::O_RDONLY | OFlag::O_NOFOLLOW)
        .map_err(file_err)?;
    let mut file = File::from(fd);
    let actual = file.metadata().map_err(file_err)?.len();
    if actual != size {
        return Err(TarSplitError::SizeChanged {
            path,
            expected: size,
            actual,
        });
    }
    let mut left = size;
    while left > 0 {
        let want = buf.len().min(left as usize);
        let n = file.read(&mut buf[..want]).map_err(file_err)?;
        if n == 0 {
            return Err(TarSplitError::SizeChanged {
                path,
                expected: size,
                actual: size - left,
            });
        }
        out.write_all(&buf[..n]).map_err(TarSplitError::Write)?;
        left -= n as u64;
    }
    Ok(())
}
