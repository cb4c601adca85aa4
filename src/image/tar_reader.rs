//! A streaming tar reader that keeps every byte it does not hand out as content: the raw header
//! blocks of each entry (with their PAX and GNU extension blocks), the padding after content,
//! and everything after the end of the archive. That is what makes a layer's exact tar
//! reproducible from its extracted files (see tarsplit.rs).
//!
//! ustar, POSIX (prefix), GNU long names and links, PAX per-file and global headers, base-256
//! numbers. Hostile input gets an error naming the entry, never a panic.

use std::io::{self, Read, Write};

const BLOCK: usize = 512;
/// PAX and GNU long-name data larger than this is refused: no honest tar needs it. The limit
/// holds for all the extension headers before one entry together, and for all the global
/// headers of an archive together: every entry carries them (in memory, then in the
/// tar-split), so many small ones would cost as much as one huge one.
const MAX_EXTENSION: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum TarError {
    #[error("{}", io_message(.0))]
    Io(#[from] io::Error),
    #[error("truncated tar stream{}", at(.0))]
    Truncated(Option<String>),
    #[error("invalid tar header{}: bad checksum", at(.0))]
    Checksum(Option<String>),
    #[error("invalid tar header{}: {field}", at(after))]
    Field {
        after: Option<String>,
        field: &'static str,
    },
    #[error(
        "{what} data of {size} bytes{}: more than the {MAX_EXTENSION} bytes allowed",
        at(after)
    )]
    TooLarge {
        after: Option<String>,
        what: &'static str,
        size: u64,
    },
    #[error("entry {0}: sparse files are not supported")]
    Sparse(String),
    #[error("entry {0}: unsupported tar entry type {1:?}")]
    UnsupportedType(String, char),
}

/// Content goes through the reader into the layer's files, so its errors are writes too.
fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            format!(
                "cannot store the layer: {e}: free space in the data directory (rpod system df, rpod system prune)"
            )
        }
        _ => format!("cannot read the layer: {e}"),
    }
}

fn at(name: &Option<String>) -> String {
    name.as_ref()
        .map(|n| format!(" after entry {n}"))
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Regular,
    HardLink,
    Symlink,
    Char,
    Block,
    Directory,
    Fifo,
}

/// One entry's metadata, with the raw bytes of all its header blocks.
#[derive(Debug, Clone)]
pub struct Header {
    pub raw: Vec<u8>,
    pub path: Vec<u8>,
    pub link: Vec<u8>,
    pub kind: Kind,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    /// Seconds and nanoseconds since the epoch.
    pub mtime: (i64, u32),
    pub size: u64,
    pub dev_major: u32,
    pub dev_minor: u32,
    /// SCHILY.xattr.* records: name and value.
    pub xattrs: Vec<(String, Vec<u8>)>,
}

impl Header {
    pub fn display_path(&self) -> String {
        shown(&self.path)
    }
}

/// Entry names as errors show them: control characters escaped (a name may carry a NUL or a
/// terminal escape sequence), and a name of kilobytes (PAX and GNU names have no limit) cut
/// to its start and end, so that the error stays one readable line.
pub fn shown(path: &[u8]) -> String {
    const KEEP: usize = 60;
    let chars: Vec<char> = String::from_utf8_lossy(path)
        .chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    if chars.len() <= 3 * KEEP {
        return chars.into_iter().collect();
    }
    let head: String = chars[..KEEP].iter().collect();
    let tail: String = chars[chars.len() - KEEP..].iter().collect();
    format!("{head}…{tail} ({} bytes)", path.len())
}

/// PAX keys that override header fields, from global ('g') and per-file ('x') records.
#[derive(Debug, Default, Clone)]
struct Pax {
    path: Option<Vec<u8>>,
    link: Option<Vec<u8>>,
    size: Option<u64>,
    uid: Option<u64>,
    gid: Option<u64>,
    mtime: Option<(i64, u32)>,
    xattrs: Vec<(String, Vec<u8>)>,
    sparse: bool,
}

pub struct TarReader<R: Read> {
    input: R,
    global: Pax,
    /// Content bytes of the current entry not yet read.
    remaining: u64,
    /// Padding bytes due after the current entry's content.
    padding: usize,
    last: Option<String>,
    /// The end-of-archive blocks already read by [`TarReader::next_entry`].
    pending_trailer: Vec<u8>,
    /// Bytes of PAX global headers read so far.
    global_bytes: u64,
}

fn parse_octal(field: &[u8]) -> Option<u64> {
    let text: Vec<u8> = field
        .iter()
        .copied()
        .skip_while(|b| *b == b' ')
        .take_while(|b| *b != 0 && *b != b' ')
        .collect();
    if text.is_empty() {
        return Some(0);
    }
    let s = std::str::from_utf8(&text).ok()?;
    u64::from_str_radix(s, 8).ok()
}

/// Numeric fields: octal text, or base-256 when the high bit of the first byte is set.
fn parse_number(field: &[u8]) -> Option<u64> {
    match field.first() {
        Some(&b) if b & 0x80 != 0 => {
            if b & 0x40 != 0 {
                return None; // negative
            }
            let mut v: u64 = u64::from(b & 0x3f);
            for &byte in &field[1..] {
                v = v.checked_mul(256)?.checked_add(u64::from(byte))?;
            }
            Some(v)
        }
        _ => parse_octal(field),
    }
}

fn cstr(field: &[u8]) -> &[u8] {
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    &field[..end]
}

/// What the extension headers before an entry said about it.
struct Pending {
    pax: Pax,
    long_name: Option<Vec<u8>>,
    long_link: Option<Vec<u8>>,
    /// Bytes of extension headers read for this entry, against the limit.
    extensions: u64,
}

/// The entry's header: the ustar block with what the extensions override.
fn header(block: &[u8], size: u64, pending: Pending, raw: Vec<u8>) -> Result<Header, TarError> {
    let Pending {
        mut pax,
        long_name,
        long_link,
        ..
    } = pending;
    let ustar = &block[257..263] == b"ustar\0";
    let mut path = cstr(&block[0..100]).to_vec();
    if ustar && block[345] != 0 {
        let mut full = cstr(&block[345..500]).to_vec();
        full.push(b'/');
        full.extend_from_slice(&path);
        path = full;
    }
    let path = pax.path.take().or(long_name).unwrap_or(path);
    let display = shown(&path);
    let field = |name: &'static str| TarError::Field {
        after: Some(display.clone()),
        field: name,
    };
    let kind = match block[156] {
        b'0' | 0 | b'7' => Kind::Regular,
        b'1' => Kind::HardLink,
        b'2' => Kind::Symlink,
        b'3' => Kind::Char,
        b'4' => Kind::Block,
        b'5' | b'D' => Kind::Directory,
        b'6' => Kind::Fifo,
        b'S' => return Err(TarError::Sparse(display)),
        other => return Err(TarError::UnsupportedType(display, other as char)),
    };
    if pax.sparse {
        return Err(TarError::Sparse(display));
    }
    Ok(Header {
        link: pax
            .link
            .take()
            .or(long_link)
            .unwrap_or_else(|| cstr(&block[157..257]).to_vec()),
        kind,
        mode: parse_number(&block[100..108]).ok_or_else(|| field("mode"))? as u32 & 0o7777,
        uid: pax.uid.map_or_else(
            || parse_number(&block[108..116]).ok_or_else(|| field("uid")),
            Ok,
        )?,
        gid: pax.gid.map_or_else(
            || parse_number(&block[116..124]).ok_or_else(|| field("gid")),
            Ok,
        )?,
        mtime: pax.mtime.map_or_else(
            || {
                parse_number(&block[136..148])
                    .map(|s| (s as i64, 0))
                    .ok_or_else(|| field("mtime"))
            },
            Ok,
        )?,
        size: pax.size.unwrap_or(size),
        dev_major: parse_number(&block[329..337]).unwrap_or(0) as u32,
        dev_minor: parse_number(&block[337..345]).unwrap_or(0) as u32,
        xattrs: std::mem::take(&mut pax.xattrs),
        path,
        raw,
    })
}

fn checksum_ok(block: &[u8]) -> bool {
    let Some(stored) = parse_octal(&block[148..156]) else {
        return false;
    };
    let unsigned: u64 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                32
            } else {
                u64::from(b)
            }
        })
        .sum();
    let signed: i64 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                32
            } else {
                i64::from(b as i8)
            }
        })
        .sum();
    stored == unsigned || stored as i64 == signed
}

fn parse_pax(data: &[u8], pax: &mut Pax, entry: &str) -> Result<(), TarError> {
    let bad = || TarError::Field {
        after: Some(entry.to_string()),
        field: "malformed PAX record",
    };
    let mut rest = data;
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ').ok_or_else(bad)?;
        let len: usize = std::str::from_utf8(&rest[..space])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(bad)?;
        if len <= space + 1 || len > rest.len() || rest[len - 1] != b'\n' {
            return Err(bad());
        }
        let record = &rest[space + 1..len - 1];
        let eq = record.iter().position(|&b| b == b'=').ok_or_else(bad)?;
        let (key, value) = (&record[..eq], &record[eq + 1..]);
        let number = || {
            std::str::from_utf8(value)
                .ok()
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or_else(bad)
        };
        match key {
            b"path" => pax.path = Some(value.to_vec()),
            b"linkpath" => pax.link = Some(value.to_vec()),
            b"size" => pax.size = Some(number()?),
            b"uid" => pax.uid = Some(number()?),
            b"gid" => pax.gid = Some(number()?),
            b"mtime" => {
                let text = std::str::from_utf8(value).map_err(|_| bad())?;
                let (secs, frac) = text.split_once('.').unwrap_or((text, ""));
                let secs: i64 = secs.parse().map_err(|_| bad())?;
                let mut nanos = format!("{frac:0<9}");
                nanos.truncate(9);
                pax.mtime = Some((secs, nanos.parse().map_err(|_| bad())?));
            }
            k if k.starts_with(b"SCHILY.xattr.") => {
                let name = String::from_utf8_lossy(&k[13..]).into_owned();
                pax.xattrs.push((name, value.to_vec()));
            }
            k if k.starts_with(b"GNU.sparse.") => pax.sparse = true,
            _ => {}
        }
        rest = &rest[len..];
    }
    Ok(())
}

impl<R: Read> TarReader<R> {
    pub fn new(input: R) -> TarReader<R> {
        TarReader {
            input,
            global: Pax::default(),
            remaining: 0,
            padding: 0,
            last: None,
            pending_trailer: Vec::new(),
            global_bytes: 0,
        }
    }

    fn read_block(&mut self, raw: &mut Vec<u8>) -> Result<Option<[u8; BLOCK]>, TarError> {
        let mut block = [0u8; BLOCK];
        let mut filled = 0;
        while filled < BLOCK {
            match self.input.read(&mut block[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        raw.extend_from_slice(&block[..filled]);
        match filled {
            0 => Ok(None),
            BLOCK => Ok(Some(block)),
            _ => Err(TarError::Truncated(self.last.clone())),
        }
    }

    /// Reads the data of an extension entry (PAX or GNU long name) into `raw` too; `total`
    /// counts it with the others it adds up with.
    fn read_extension(
        &mut self,
        size: u64,
        total: &mut u64,
        raw: &mut Vec<u8>,
        what: &'static str,
    ) -> Result<Vec<u8>, TarError> {
        *total = total.saturating_add(size);
        if *total > MAX_EXTENSION {
            return Err(TarError::TooLarge {
                after: self.last.clone(),
                what,
                size: *total,
            });
        }
        let padded = (size as usize).div_ceil(BLOCK) * BLOCK;
        let start = raw.len();
        raw.resize(start + padded, 0);
        self.input
            .read_exact(&mut raw[start..])
            .map_err(|_| TarError::Truncated(self.last.clone()))?;
        Ok(raw[start..start + size as usize].to_vec())
    }

    /// The next entry, or `None` at the end of the archive. The previous entry's content and
    /// padding must have been consumed ([`TarReader::content`], [`TarReader::skip_content`]).
    pub fn next_entry(&mut self) -> Result<Option<Header>, TarError> {
        debug_assert!(self.remaining == 0 && self.padding == 0);
        let mut raw = Vec::with_capacity(BLOCK);
        let mut pending = Pending {
            pax: self.global.clone(),
            long_name: None,
            long_link: None,
            extensions: 0,
        };
        loop {
            let Some(block) = self.read_block(&mut raw)? else {
                self.pending_trailer = raw;
                return Ok(None);
            };
            if block.iter().all(|&b| b == 0) {
                self.pending_trailer = raw;
                return Ok(None);
            }
            if !checksum_ok(&block) {
                return Err(TarError::Checksum(self.last.clone()));
            }
            let size = parse_number(&block[124..136]).ok_or(TarError::Field {
                after: self.last.clone(),
                field: "size",
            })?;
            if self.extension(block[156], size, &mut pending, &mut raw)? {
                continue;
            }
            let header = header(&block, size, pending, raw)?;
            // Links, devices and directories carry no content whatever their size field says
            // (GNU tar writes sizes for hard links).
            let content = match header.kind {
                Kind::Regular => header.size,
                _ => 0,
            };
            self.remaining = content;
            self.padding = ((BLOCK as u64 - content % BLOCK as u64) % BLOCK as u64) as usize;
            self.last = Some(shown(&header.path));
            return Ok(Some(header));
        }
    }

    /// Takes in an extension header (PAX, PAX global, GNU long name or link) for the entry that
    /// follows; false when the block is the entry's own header.
    fn extension(
        &mut self,
        kind: u8,
        size: u64,
        pending: &mut Pending,
        raw: &mut Vec<u8>,
    ) -> Result<bool, TarError> {
        let after = self.last.clone().unwrap_or_default();
        match kind {
            b'x' => {
                let data = self.read_extension(size, &mut pending.extensions, raw, "PAX header")?;
                parse_pax(&data, &mut pending.pax, &after)?;
            }
            b'g' => {
                let mut global_bytes = self.global_bytes;
                let data =
                    self.read_extension(size, &mut global_bytes, raw, "PAX global header")?;
                self.global_bytes = global_bytes;
                let mut global = self.global.clone();
                parse_pax(&data, &mut global, &after)?;
                self.global = global;
                pending.pax = Pax {
                    xattrs: pending.pax.xattrs.clone(),
                    ..self.global.clone()
                };
            }
            b'L' => {
                let data =
                    self.read_extension(size, &mut pending.extensions, raw, "GNU long name")?;
                pending.long_name = Some(cstr(&data).to_vec());
            }
            b'K' => {
                let data =
                    self.read_extension(size, &mut pending.extensions, raw, "GNU long link")?;
                pending.long_link = Some(cstr(&data).to_vec());
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Copies the current entry's content to `out`; returns the padding bytes that follow it.
    pub fn content(&mut self, out: &mut dyn Write, buf: &mut [u8]) -> Result<Vec<u8>, TarError> {
        while self.remaining > 0 {
            let want = buf.len().min(self.remaining as usize);
            let n = match self.input.read(&mut buf[..want]) {
                Ok(0) => return Err(TarError::Truncated(self.last.clone())),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            out.write_all(&buf[..n])?;
            self.remaining -= n as u64;
        }
        let mut pad = vec![0u8; self.padding];
        self.input
            .read_exact(&mut pad)
            .map_err(|_| TarError::Truncated(self.last.clone()))?;
        self.padding = 0;
        Ok(pad)
    }

    pub fn into_inner(self) -> R {
        self.input
    }

    /// Everything after the last entry: the end blocks and any trailing bytes, to EOF.
    pub fn trailer(&mut self) -> Result<Vec<u8>, TarError> {
        let mut rest = std::mem::take(&mut self.pending_trailer);
        self.input.read_to_end(&mut rest)?;
        Ok(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_mtime(1_700_000_000);
            h.set_entry_type(tar::EntryType::Regular);
            b.append_data(&mut h, name, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    type Entries = Vec<(Header, Vec<u8>)>;

    fn read_all(bytes: &[u8]) -> Result<(Entries, Vec<u8>), TarError> {
        let mut r = TarReader::new(bytes);
        let mut out = Vec::new();
        let mut buf = vec![0u8; 7];
        let mut raw_total = Vec::new();
        while let Some(h) = r.next_entry()? {
            let mut content = Vec::new();
            let pad = r.content(&mut content, &mut buf)?;
            raw_total.extend_from_slice(&h.raw);
            raw_total.extend_from_slice(&content);
            raw_total.extend_from_slice(&pad);
            out.push((h, content));
        }
        raw_total.extend(r.trailer()?);
        assert_eq!(raw_total, bytes, "every byte is accounted for");
        Ok((out, raw_total))
    }

    #[test]
    fn reads_entries_and_keeps_every_byte() {
        let long = format!("dir/{}", "n".repeat(150));
        let mut bytes = build(&[("a.txt", b"hello"), (long.as_str(), b"x")]);
        bytes.extend_from_slice(b"trailing garbage");
        let (entries, _) = read_all(&bytes).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].0.path, b"a.txt");
        assert_eq!(entries[0].1, b"hello");
        assert_eq!(entries[0].0.mtime, (1_700_000_000, 0));
        assert_eq!(entries[1].0.path, long.as_bytes());
    }

    #[test]
    fn pax_overrides_and_xattrs() {
        let mut b = tar::Builder::new(Vec::new());
        b.append_pax_extensions([
            ("path", b"p/q/long-pax-name".as_slice()),
            ("SCHILY.xattr.user.k", b"v"),
            ("mtime", b"12.5"),
        ])
        .unwrap();
        let mut h = tar::Header::new_ustar();
        h.set_size(0);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, "short", &[][..]).unwrap();
        let bytes = b.into_inner().unwrap();
        let (entries, _) = read_all(&bytes).unwrap();
        let h = &entries[0].0;
        assert_eq!(h.path, b"p/q/long-pax-name");
        assert_eq!(h.xattrs, vec![("user.k".to_string(), b"v".to_vec())]);
        assert_eq!(h.mtime, (12, 500_000_000));
    }

    #[test]
    fn refuses_damage_without_panicking() {
        let bytes = build(&[("a", b"hello")]);
        let mut bad = bytes.clone();
        bad[10] ^= 0xff;
        assert!(matches!(read_all(&bad), Err(TarError::Checksum(_))));
        assert!(matches!(
            read_all(&bytes[..600]),
            Err(TarError::Truncated(_))
        ));
        assert!(matches!(
            read_all(&bytes[..100]),
            Err(TarError::Truncated(_))
        ));
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..2000 {
            let mut fuzzed = bytes.clone();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let i = (seed as usize) % fuzzed.len();
                fuzzed[i] = (seed >> 32) as u8;
            }
            let _ = read_all_lenient(&fuzzed);
        }
    }

    fn read_all_lenient(bytes: &[u8]) -> Result<(), TarError> {
        let mut r = TarReader::new(bytes);
        let mut buf = vec![0u8; 64];
        while r.next_entry()?.is_some() {
            r.content(&mut io::sink(), &mut buf)?;
        }
        r.trailer().map(drop)
    }

    #[test]
    fn base256_numbers() {
        let mut f = [0u8; 12];
        f[0] = 0x80;
        f[11] = 1;
        f[10] = 2;
        assert_eq!(parse_number(&f), Some(513));
        assert_eq!(parse_number(b"0000644 \0"), Some(0o644));
    }
}
