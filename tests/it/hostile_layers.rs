//! Hostile layer tars end to end (issue 8): pulled from a registry and imported, as a user
//! would meet them. Whatever a layer tries, nothing is written outside its layer directory: a
//! sentinel directory next to the store, the whole test environment around it and the host's
//! /tmp are compared before and after. Escapes are refused with one clear error and nothing
//! stored; tricks that stay inside (absolute paths, symlinks to / followed by files) work inside.
//!
//! The extractor's own cases are in src/image/unpack_tests.rs; the first `../` case end to end
//! is in images.rs.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use crate::common::Env;
use crate::common::env::Out;
use crate::common::fixtures::{self, Compression, ImageSpec};
use crate::common::registry::{Options, Registry};

/// What a path is, for comparing a tree before and after.
#[derive(Debug, PartialEq, Eq)]
enum Node {
    Dir,
    /// The sha256 of its content.
    File(String),
    Link(PathBuf),
    Other(u32),
}

/// Every path under `root` (but not under `skip`) and what it holds.
fn snapshot(root: &Path, skip: &[PathBuf]) -> BTreeMap<PathBuf, Node> {
    let mut out = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if skip.contains(&path) {
                continue;
            }
            let meta = fs::symlink_metadata(&path).unwrap();
            let node = if meta.is_dir() {
                todo.push(path.clone());
                Node::Dir
            } else if meta.file_type().is_symlink() {
                Node::Link(fs::read_link(&path).unwrap())
            } else if meta.is_file() {
                Node::File(fixtures::sha256(&fs::read(&path).unwrap()))
            } else {
                Node::Other(meta.mode())
            };
            out.insert(path, node);
        }
    }
    out
}

/// What rpod itself writes: the store, and the runtime directory (its event log).
fn skipped(env: &Env) -> Vec<PathBuf> {
    vec![env.data(), env.path("runtime")]
}

/// The host around one test's store: its sentinel directory (`data/sentinel`, next to the
/// store in `data/rpod`), the rest of the test environment, and probes in the host's /tmp.
struct Surroundings {
    sentinel: PathBuf,
    probe: String,
    before: BTreeMap<PathBuf, Node>,
}

impl Surroundings {
    fn new(env: &Env) -> Surroundings {
        let sentinel = env.path("data/sentinel");
        env.write_file("data/sentinel/keep", b"kept");
        env.write_file("data/sentinel/sub/deeper", b"kept too");
        let probe = probe_name();
        Surroundings {
            before: snapshot(&env.base, &skipped(env)),
            sentinel,
            probe,
        }
    }

    /// Nothing changed outside the store, and the store's layer directories hold only what a
    /// layer directory holds.
    #[track_caller]
    fn assert_untouched(&self, env: &Env) {
        let after = snapshot(&env.base, &skipped(env));
        assert_eq!(self.before, after, "the tree around the store changed");
        assert!(!Path::new("/tmp").join(&self.probe).exists());
        assert!(!Path::new("/").join(&self.probe).exists());
        let storage = env.data().join("storage");
        for layer in names(&storage.join("layers")) {
            let inside = names(&storage.join("layers").join(&layer));
            assert!(
                inside.iter().all(
                    |n| ["diff", "shadow", "layer.json", "tar-split.zst"].contains(&n.as_str())
                ),
                "layer {layer} holds {inside:?}"
            );
        }
        let top = names(&storage);
        assert!(
            top.iter().all(
                |n| ["blobs", "layers", "images.json", "lock", "driver.json"].contains(&n.as_str())
                    || n.starts_with(".tmp")
            ),
            "the store holds {top:?}"
        );
    }
}

/// A name the layers try to create in the host's / and /tmp.
fn probe_name() -> String {
    format!("rpod-hostile-probe-{}", std::process::id())
}

fn names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A raw ustar entry: any name, link and type (the tar crate refuses hostile names).
fn raw(b: &mut tar::Builder<Vec<u8>>, name: &[u8], kind: tar::EntryType, link: &[u8], data: &[u8]) {
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(kind);
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(1_700_000_000);
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.as_old_mut().linkname[..link.len()].copy_from_slice(link);
    h.set_cksum();
    b.append(&h, data).unwrap();
}

fn device(
    b: &mut tar::Builder<Vec<u8>>,
    name: &[u8],
    kind: tar::EntryType,
    major: u32,
    minor: u32,
) {
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(kind);
    h.set_size(0);
    h.set_mode(0o666);
    h.set_device_major(major).unwrap();
    h.set_device_minor(minor).unwrap();
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.set_cksum();
    b.append(&h, &[][..]).unwrap();
}

fn gnu_long_name(b: &mut tar::Builder<Vec<u8>>, long: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::GNULongName);
    h.as_old_mut().name[..13].copy_from_slice(b"././@LongLink");
    let mut data = long.to_vec();
    data.push(0);
    h.set_size(data.len() as u64);
    h.set_cksum();
    b.append(&h, &data[..]).unwrap();
}

fn tar_of(f: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    f(&mut b);
    b.into_inner().unwrap()
}

/// A registry of the test's own and an environment that talks to it.
fn setup() -> (Registry, Env) {
    let reg = Registry::start(Options::default());
    let env = Env::bare();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));
    (reg, env)
}

#[track_caller]
fn assert_refused(out: &Out, needles: &[&str]) {
    out.code(125).no_panic();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with("Error: "),
        "one error line:\n{}",
        out.stderr
    );
    for needle in needles {
        out.stderr_has(needle);
    }
}

#[track_caller]
fn assert_nothing_stored(env: &Env) {
    assert!(env.rpod(&["images", "-q"]).success().trimmed().is_empty());
    let layers = names(&env.data().join("storage/layers"));
    assert!(layers.is_empty(), "layers left: {layers:?}");
    let blobs = names(&env.data().join("storage/blobs/sha256"));
    assert!(blobs.is_empty(), "blobs left: {blobs:?}");
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
}

/// From a layer's `diff` directory (`data/rpod/storage/layers/<id>/diff`), `data/` is five
/// levels up: this climbs there and into the sentinel directory.
const TO_SENTINEL: &[u8] = b"../../../../../sentinel";

#[test]
fn layers_that_climb_out_are_refused_end_to_end() {
    let (reg, env) = setup();
    let around = Surroundings::new(&env);
    let deep = format!("{}file", "d/".repeat(3000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "pax-dotdot",
            tar_of(|b| {
                b.append_pax_extensions([("path", &b"etc/../../../../../../sentinel/evil"[..])])
                    .unwrap();
                raw(b, b"harmless", tar::EntryType::Regular, b"", b"evil");
            }),
            "climbs out of the layer",
        ),
        (
            "gnu-longname",
            tar_of(|b| {
                gnu_long_name(b, &[TO_SENTINEL, b"/evil"].concat());
                raw(b, b"harmless", tar::EntryType::Regular, b"", b"evil");
            }),
            "climbs out of the layer",
        ),
        (
            "hardlink-outside",
            tar_of(|b| {
                raw(
                    b,
                    b"pw",
                    tar::EntryType::Link,
                    &[TO_SENTINEL, b"/keep"].concat(),
                    b"",
                )
            }),
            "climbs out of the layer",
        ),
        (
            "hardlink-via-root-symlink",
            tar_of(|b| {
                raw(b, b"root", tar::EntryType::Symlink, b"/", b"");
                raw(b, b"pw", tar::EntryType::Link, b"root/etc/passwd", b"");
            }),
            "the target does not exist in this layer",
        ),
        (
            "device-outside",
            tar_of(|b| {
                device(
                    b,
                    &[TO_SENTINEL, b"/null"].concat(),
                    tar::EntryType::Char,
                    1,
                    3,
                )
            }),
            "climbs out of the layer",
        ),
        (
            "symlink-loop",
            tar_of(|b| {
                raw(b, b"a", tar::EntryType::Symlink, b"b", b"");
                raw(b, b"b", tar::EntryType::Symlink, b"a", b"");
                raw(b, b"a/x", tar::EntryType::Regular, b"", b"x");
            }),
            "entry a/x: cannot open the parent directory: Too many levels of symbolic links",
        ),
        (
            "past-path-max",
            tar_of(|b| {
                b.append_pax_extensions([("path", deep.as_bytes())])
                    .unwrap();
                raw(b, b"short", tar::EntryType::Regular, b"", b"x");
            }),
            "(6004 bytes): cannot open the parent directory: File name too long",
        ),
    ];
    let count = cases.len();
    for (repo, tar, needle) in cases {
        let spec = ImageSpec::simple(vec![(tar, Compression::Gzip)]);
        fixtures::push_image(&reg, repo, "latest", &spec);
        let out = env.rpod(&["pull", "-q", &format!("{}/{repo}", reg.addr())]);
        assert_refused(&out, &[needle]);
        assert_nothing_stored(&env);
        around.assert_untouched(&env);
    }
    assert_eq!(count, 7);
}

/// A layer full of tricks that a real extractor must survive without leaving the layer.
fn contained_tricks(sentinel: &Path, probe: &str) -> Vec<u8> {
    let abs_sentinel = sentinel.to_str().unwrap().as_bytes().to_vec();
    tar_of(|b| {
        raw(b, b"/abs/file", tar::EntryType::Regular, b"", b"absolute");
        raw(b, b"root", tar::EntryType::Symlink, b"/", b"");
        raw(
            b,
            format!("root/tmp/{probe}").as_bytes(),
            tar::EntryType::Regular,
            b"",
            b"via root",
        );
        raw(
            b,
            b"up",
            tar::EntryType::Symlink,
            b"../../../../../../../../../..",
            b"",
        );
        raw(
            b,
            format!("up/{probe}").as_bytes(),
            tar::EntryType::Regular,
            b"",
            b"via up",
        );
        // A symlink to the sentinel directory, relative and absolute, then everything a layer
        // can do to what is below it: write, overwrite, white out, make opaque, link.
        // `s` resolves inside the layer, to the layer's own /sentinel.
        raw(b, b"sentinel/", tar::EntryType::Directory, b"", b"");
        raw(b, b"s", tar::EntryType::Symlink, TO_SENTINEL, b"");
        b.append_pax_extensions([("linkpath", abs_sentinel.as_slice())])
            .unwrap();
        raw(b, b"a", tar::EntryType::Symlink, b"placeholder", b"");
        raw(b, b"s/new", tar::EntryType::Regular, b"", b"new");
        raw(b, b"s/keep", tar::EntryType::Regular, b"", b"overwritten");
        raw(b, b"s/.wh.sub", tar::EntryType::Regular, b"", b"");
        raw(b, b"s/.wh..wh..opq", tar::EntryType::Regular, b"", b"");
        raw(b, b"s/linked", tar::EntryType::Link, b"s/keep", b"");
        // Devices are skipped, a fifo is made, inside.
        device(b, b"dev/mem", tar::EntryType::Char, 1, 1);
        device(b, b"dev/sda", tar::EntryType::Block, 8, 0);
        raw(b, b"run/fifo", tar::EntryType::Fifo, b"", b"");
    })
}

#[test]
fn contained_tricks_work_inside_the_layer_only() {
    let (reg, env) = setup();
    let sentinel = env.path("data/sentinel");
    let probe = probe_name();
    let tricks = contained_tricks(&sentinel, &probe);
    let tricks_tar = env.write_file("work/tricks.tar", &tricks);
    let escaping = tar_of(|b| {
        raw(
            b,
            &[TO_SENTINEL, b"/evil"].concat(),
            tar::EntryType::Regular,
            b"",
            b"x",
        )
    });
    let escaping_tar = env.write_file("work/escaping.tar", &escaping);
    let around = Surroundings::new(&env);
    let spec = ImageSpec::simple(vec![(tricks.clone(), Compression::Gzip)]);
    let fx = fixtures::push_image(&reg, "tricks", "latest", &spec).1;
    env.rpod(&["pull", "-q", &format!("{}/tricks", reg.addr())])
        .success()
        .no_panic();
    around.assert_untouched(&env);
    assert_eq!(fs::read(around.sentinel.join("keep")).unwrap(), b"kept");

    // Each trick happened, inside: `s` resolved within the layer, where there is no sentinel.
    let diff = env
        .data()
        .join("storage/layers")
        .join(fx.diff_ids[0].trim_start_matches("sha256:"))
        .join("diff");
    let read = |p: &str| fs::read(diff.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    assert_eq!(read("abs/file"), b"absolute");
    assert_eq!(read(&format!("tmp/{}", around.probe)), b"via root");
    assert_eq!(read(&around.probe), b"via up");
    assert_eq!(read("sentinel/keep"), b"overwritten");
    assert_eq!(read("sentinel/linked"), b"overwritten");
    assert_eq!(read("sentinel/new"), b"new");
    assert!(!diff.join("dev/mem").exists() && !diff.join("dev/sda").exists());
    assert!(
        fs::symlink_metadata(diff.join("run/fifo"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    env.rpod(&["system", "check"]).success();

    // `rpod import` takes the same path into the store.
    env.rpod(&["import", tricks_tar.to_str().unwrap(), "tricks:imported"])
        .success();
    around.assert_untouched(&env);

    let before = env.rpod(&["images", "-q"]).stdout;
    assert_refused(
        &env.rpod(&["import", escaping_tar.to_str().unwrap(), "escaping:1"]),
        &["climbs out of the layer"],
    );
    assert_eq!(env.rpod(&["images", "-q"]).stdout, before);
    env.rpod(&["system", "check"]).success();
    around.assert_untouched(&env);
}

/// A docker-archive (`rpod load` input) of the given entries, any of them hostile.
fn archive(entries: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
    tar_of(entries)
}

/// A valid docker-archive's parts: manifest.json, config.json and layer.tar.
fn docker_archive_parts() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let layer = tar_of(|b| raw(b, b"etc/marker", tar::EntryType::Regular, b"", b"m"));
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": fixtures::host_arch(), "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": [fixtures::sha256(&layer)]},
    }))
    .unwrap();
    let manifest = serde_json::to_vec(&serde_json::json!([
        {"Config": "config.json", "RepoTags": ["hostile:load"], "Layers": ["layer.tar"]}
    ]))
    .unwrap();
    (manifest, config, layer)
}

#[test]
fn hostile_archives_for_load_read_nothing_outside_and_never_hang() {
    let env = Env::bare();
    let (manifest, config, layer) = docker_archive_parts();
    let file = |b: &mut tar::Builder<Vec<u8>>, name: &[u8], data: &[u8]| {
        raw(b, name, tar::EntryType::Regular, b"", data)
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "manifest.json a symlink to a host file",
            archive(|b| {
                raw(
                    b,
                    b"manifest.json",
                    tar::EntryType::Symlink,
                    b"/etc/passwd",
                    b"",
                );
                file(b, b"config.json", &config);
                file(b, b"layer.tar", &layer);
            }),
            "none of manifest.json",
        ),
        (
            "the config a symlink to /dev/zero",
            archive(|b| {
                file(b, b"manifest.json", &manifest);
                raw(
                    b,
                    b"config.json",
                    tar::EntryType::Symlink,
                    b"/dev/zero",
                    b"",
                );
                file(b, b"layer.tar", &layer);
            }),
            "config.json: No such file or directory",
        ),
        (
            "the layer a symlink climbing to a host file",
            archive(|b| {
                file(b, b"manifest.json", &manifest);
                file(b, b"config.json", &config);
                raw(
                    b,
                    b"layer.tar",
                    tar::EntryType::Symlink,
                    b"../../../../../../../../etc/passwd",
                    b"",
                );
            }),
            "layer.tar: No such file or directory",
        ),
        (
            "manifest.json a fifo",
            archive(|b| {
                raw(b, b"manifest.json", tar::EntryType::Fifo, b"", b"");
                file(b, b"config.json", &config);
                file(b, b"layer.tar", &layer);
            }),
            "manifest.json is not a regular file",
        ),
        (
            "the layer a fifo",
            archive(|b| {
                file(b, b"manifest.json", &manifest);
                file(b, b"config.json", &config);
                raw(b, b"layer.tar", tar::EntryType::Fifo, b"", b"");
            }),
            "layer.tar is not a regular file",
        ),
        (
            "a config past the document limit",
            archive(|b| {
                file(b, b"manifest.json", &manifest);
                file(b, b"config.json", &vec![b' '; 9 << 20]);
                file(b, b"layer.tar", &layer);
            }),
            "config.json is larger than",
        ),
    ];
    for (what, bytes, needle) in cases {
        let path = env.write_file("work/hostile.tar", &bytes);
        // A hang must fail the test, not stall it: `timeout` ends rpod after 30 s.
        let mut cmd = env.command("timeout");
        cmd.arg("30")
            .arg(crate::common::env::rpod_bin())
            .args(["load", "-i"])
            .arg(&path);
        let out = env.run_with_stdin(cmd, None);
        assert_ne!(out.code, 124, "{what}: rpod load hung");
        assert_eq!(out.code, 125, "{what}: {}", out.stderr);
        out.no_panic();
        assert!(
            out.stderr
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("Error: ")),
            "{what}: {}",
            out.stderr
        );
        assert!(out.stderr.contains(needle), "{what}: {}", out.stderr);
        assert_nothing_stored(&env);
    }
    // The honest archive loads: the cases above fail for what they do, not for their form.
    let path = env.write_file(
        "work/honest.tar",
        &archive(|b| {
            file(b, b"manifest.json", &manifest);
            file(b, b"config.json", &config);
            file(b, b"layer.tar", &layer);
        }),
    );
    env.rpod(&["load", "-i", path.to_str().unwrap()])
        .success()
        .stdout_has("hostile:load");
}
