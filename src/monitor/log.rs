//! The container log, in the k8s-file format podman uses: one record per line,
//! `<RFC 3339 nanos> <stdout|stderr> <F|P> <text>`, where P marks a line that continues in the
//! next record (output that did not end in a newline yet).

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// Where and how a container logs (`--log-driver`, `--log-opt`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogSpec {
    /// `--log-driver none`: no log at all.
    pub disabled: bool,
    /// `--log-opt path=`: instead of the container directory's ctr.log.
    pub path: Option<std::path::PathBuf>,
    /// `--log-opt max-size=`: the file starts over when a write would pass this size.
    pub max_size: Option<u64>,
}

pub struct LogWriter {
    file: File,
    max_size: Option<u64>,
}

impl LogWriter {
    pub fn open(path: &Path, max_size: Option<u64>) -> io::Result<LogWriter> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(LogWriter { file, max_size })
    }

    /// Records a chunk of output as it came: full lines as F records, a trailing piece as P.
    pub fn write(&mut self, stream: Stream, chunk: &[u8]) -> io::Result<()> {
        let now = jiff::Timestamp::now();
        let stamp = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ").to_string();
        let mut out = Vec::with_capacity(chunk.len() + 64);
        let mut rest = chunk;
        while !rest.is_empty() {
            let (line, full, next) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (&rest[..i], true, &rest[i + 1..]),
                None => (rest, false, &[][..]),
            };
            out.extend_from_slice(stamp.as_bytes());
            out.push(b' ');
            out.extend_from_slice(stream.name().as_bytes());
            out.extend_from_slice(if full { b" F " } else { b" P " });
            out.extend_from_slice(line);
            out.push(b'\n');
            rest = next;
        }
        // As conmon does with max-size: the file is truncated, not rotated; a chunk larger
        // than the limit keeps only its last whole records.
        let mut out = &out[..];
        if let Some(max) = self.max_size
            && self.file.metadata()?.len() + out.len() as u64 > max
        {
            self.file.set_len(0)?;
            let excess = out.len().saturating_sub(max as usize);
            if excess > 0 {
                let cut = out[excess - 1..].iter().position(|&b| b == b'\n');
                out = cut.map_or(&[][..], |i| &out[excess + i..]);
            }
        }
        self.file.write_all(out)
    }
}

/// One piece of output as `logs` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub time: jiff::Timestamp,
    pub stream: Stream,
    /// The text, with its newline when the record ended a line.
    pub text: Vec<u8>,
}

fn parse(line: &[u8]) -> Option<Entry> {
    let mut parts = line.splitn(4, |&b| b == b' ');
    let time = std::str::from_utf8(parts.next()?).ok()?.parse().ok()?;
    let stream = match parts.next()? {
        b"stdout" => Stream::Stdout,
        b"stderr" => Stream::Stderr,
        _ => return None,
    };
    let full = parts.next()? == b"F";
    let mut text = parts.next().unwrap_or_default().to_vec();
    if full {
        text.push(b'\n');
    }
    Some(Entry { time, stream, text })
}

/// Reads a log from a byte offset; returns the entries and the offset after the last complete
/// record (a record being written is left for the next read).
pub fn read_from(path: &Path, offset: u64) -> io::Result<(Vec<Entry>, u64)> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), offset)),
        Err(e) => return Err(e),
    };
    read_open(&mut file, offset)
}

/// [`read_from`] an open log: a follower keeps reading it after the container is removed.
pub fn read_open(file: &mut File, offset: u64) -> io::Result<(Vec<Entry>, u64)> {
    file.seek(SeekFrom::Start(offset))?;
    let mut reader = BufReader::new(file);
    let mut entries = Vec::new();
    let mut pos = offset;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        pos += n as u64;
        line.pop();
        if let Some(entry) = parse(&line) {
            entries.push(entry);
        }
    }
    Ok((entries, pos))
}

/// Joins partial records with the rest of their line (per stream), so that each entry is one
/// whole line (or the unfinished end of the output), placed where it was completed.
pub fn join_lines(entries: Vec<Entry>) -> Vec<Entry> {
    let mut out = Vec::with_capacity(entries.len());
    let mut pending: [Option<Entry>; 2] = [None, None];
    for entry in entries {
        let slot = &mut pending[entry.stream as usize];
        let merged = match slot.take() {
            Some(mut start) => {
                start.text.extend_from_slice(&entry.text);
                start
            }
            None => entry,
        };
        if merged.text.ends_with(b"\n") {
            out.push(merged);
        } else {
            *slot = Some(merged);
        }
    }
    out.extend(pending.into_iter().flatten());
    out
}

/// The last `n` lines.
pub fn tail(lines: &[Entry], n: usize) -> &[Entry] {
    &lines[lines.len().saturating_sub(n)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back_full_and_partial_lines() {
        let dir = std::env::temp_dir().join(format!("rpod-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ctr.log");
        let mut w = LogWriter::open(&path, None).unwrap();
        w.write(Stream::Stdout, b"one\ntw").unwrap();
        w.write(Stream::Stderr, b"err\n").unwrap();
        w.write(Stream::Stdout, b"o\nthree with spaces\n").unwrap();
        let (entries, end) = read_from(&path, 0).unwrap();
        let text: Vec<u8> = entries
            .iter()
            .filter(|e| e.stream == Stream::Stdout)
            .flat_map(|e| e.text.clone())
            .collect();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "one\ntwo\nthree with spaces\n"
        );
        assert_eq!(
            entries
                .iter()
                .filter(|e| e.stream == Stream::Stderr)
                .count(),
            1
        );
        assert_eq!(end, std::fs::metadata(&path).unwrap().len());
        let (more, _) = read_from(&path, end).unwrap();
        assert!(more.is_empty());
        let lines = join_lines(entries);
        let last: Vec<u8> = tail(&lines, 2)
            .iter()
            .flat_map(|e| e.text.clone())
            .collect();
        assert_eq!(String::from_utf8(last).unwrap(), "two\nthree with spaces\n");
        assert_eq!(lines.len(), 4);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
