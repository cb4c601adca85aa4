//! What image archives and layer tars record, read with the `tar` crate alone (no engine): the
//! owners and modes another engine will see after `save`, `export` or a push.

use std::collections::BTreeMap;
use std::io::Read;

/// One tar entry's recorded metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub uid: u64,
    pub gid: u64,
    /// Permission bits with setuid/setgid/sticky (no file type).
    pub mode: u32,
    pub kind: char,
}

impl std::fmt::Display for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}:{} {:04o}",
            self.kind, self.uid, self.gid, self.mode
        )
    }
}

/// Path (without `./` or a trailing `/`) → what the tar records for it; a later entry for the
/// same path wins, as it does when the tar is unpacked.
pub type Listing = BTreeMap<String, Recorded>;

fn gunzip_if_needed(bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .unwrap();
        out
    } else {
        bytes
    }
}

/// Every entry of a tar (plain or gzip).
pub fn listing(tar_bytes: Vec<u8>) -> Listing {
    let bytes = gunzip_if_needed(tar_bytes);
    let mut out = Listing::new();
    for entry in tar::Archive::new(bytes.as_slice()).entries().unwrap() {
        let entry = entry.unwrap();
        let h = entry.header();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        let path = path
            .trim_start_matches("./")
            .trim_end_matches('/')
            .to_string();
        let kind = match h.entry_type() {
            tar::EntryType::Directory => 'd',
            tar::EntryType::Symlink => 'l',
            tar::EntryType::Link => 'h',
            tar::EntryType::Regular | tar::EntryType::Continuous => 'f',
            _ => '?',
        };
        let recorded = Recorded {
            uid: h.uid().unwrap(),
            gid: h.gid().unwrap(),
            mode: h.mode().unwrap() & 0o7777,
            kind,
        };
        out.insert(path, recorded);
    }
    out
}

/// The files of a tar archive by name.
fn members(archive: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in tar::Archive::new(archive).entries().unwrap() {
        let mut entry = entry.unwrap();
        if entry.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.insert(name.trim_start_matches("./").to_string(), data);
    }
    out
}

/// The layers of a docker-archive (`save`, rpod's or podman's), bottom first, each listed.
pub fn saved_layers(archive: &[u8]) -> Vec<Listing> {
    let files = members(archive);
    let manifest: serde_json::Value = serde_json::from_slice(
        files
            .get("manifest.json")
            .expect("a docker-archive has a manifest.json"),
    )
    .unwrap();
    manifest[0]["Layers"]
        .as_array()
        .expect("manifest.json lists Layers")
        .iter()
        .map(|l| {
            let name = l.as_str().unwrap();
            listing(
                files
                    .get(name)
                    .unwrap_or_else(|| panic!("no {name} in the archive"))
                    .clone(),
            )
        })
        .collect()
}

/// Everything the layers of a docker-archive record, upper layers over lower ones (whiteouts
/// are not applied: the tests ask about paths that exist).
pub fn saved_view(archive: &[u8]) -> Listing {
    let mut view = Listing::new();
    for layer in saved_layers(archive) {
        view.extend(layer);
    }
    view
}

/// Mode, uid and gid that `image`'s layers record for `path`, read from `rpod save`: what
/// another engine sees after a push, whatever a container shows inside.
pub fn recorded_in_layers(env: &super::Env, image: &str, path: &str) -> (u32, u64, u64) {
    let archive = env.path("work/saved.tar");
    env.rpod(&["save", "-o", archive.to_str().unwrap(), image])
        .success();
    let view = saved_view(&std::fs::read(&archive).unwrap());
    let r = view
        .get(path)
        .unwrap_or_else(|| panic!("{path} is in no layer of {image}"));
    (r.mode, r.uid, r.gid)
}
