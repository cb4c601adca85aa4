//! Tests of layer extraction: byte-exact round trips and hostile archives.
use super::*;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("rpod-unpack-{}-{name}", std::process::id()));
        let _ = crate::state::scratch::remove_any(&p);
        fs::create_dir_all(p.join("layer/diff")).unwrap();
        fs::write(p.join("sentinel"), b"untouched").unwrap();
        Scratch(p)
    }
    fn diff(&self) -> PathBuf {
        self.0.join("layer/diff")
    }
    fn shadow(&self) -> PathBuf {
        self.0.join("layer/shadow")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = crate::state::scratch::remove_any(&self.0);
    }
}

/// A header with any raw name (the tar crate refuses hostile ones).
fn raw_entry(
    b: &mut tar::Builder<Vec<u8>>,
    name: &[u8],
    kind: tar::EntryType,
    link: &[u8],
    data: &[u8],
) {
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(kind);
    h.set_size(data.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(1_600_000_000);
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.as_old_mut().linkname[..link.len()].copy_from_slice(link);
    h.set_cksum();
    b.append(&h, data).unwrap();
}

fn tar_of(f: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    f(&mut b);
    b.into_inner().unwrap()
}

fn extract(s: &Scratch, bytes: &[u8]) -> Result<(UnpackStats, Vec<u8>), UnpackError> {
    let mut split = Vec::new();
    let stats = unpack(bytes, &s.diff(), &mut split, Some(&s.shadow()))?;
    Ok((stats, split))
}

fn rebuild(s: &Scratch, split: &[u8], stats: &UnpackStats) -> Vec<u8> {
    let mut out = Vec::new();
    super::super::tarsplit::reassemble(split, &s.diff(), &s.shadow(), &stats.relocated, &mut out)
        .unwrap();
    out
}

fn assert_host_untouched(s: &Scratch) {
    assert_eq!(fs::read(s.0.join("sentinel")).unwrap(), b"untouched");
    let outside: Vec<_> = fs::read_dir(&s.0)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        outside.len(),
        2,
        "only layer/ and sentinel next to the layer: {outside:?}"
    );
}

#[test]
fn round_trip_is_byte_exact_with_every_kind_of_entry() {
    let s = Scratch::new("roundtrip");
    let long = format!("deep/{}/file", "d".repeat(120));
    let mut bytes = tar_of(|b| {
        b.append_pax_extensions([
            ("SCHILY.xattr.user.note", b"kept".as_slice()),
            ("comment", b"hello"),
        ])
        .unwrap();
        raw_entry(b, b"plain/", tar::EntryType::Directory, b"", b"");
        b.append_pax_extensions([("SCHILY.xattr.user.overlay.opaque", b"y".as_slice())])
            .unwrap();
        raw_entry(b, b"forged/", tar::EntryType::Directory, b"", b"");
        raw_entry(b, b"etc/", tar::EntryType::Directory, b"", b"");
        raw_entry(
            b,
            b"etc/passwd",
            tar::EntryType::Regular,
            b"",
            b"root:x:0:0::/root:/bin/sh\n",
        );
        raw_entry(b, b"etc/link", tar::EntryType::Link, b"etc/passwd", b"");
        raw_entry(b, b"etc/sym", tar::EntryType::Symlink, b"/etc/passwd", b"");
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Char);
        h.set_size(0);
        h.set_device_major(1).unwrap();
        h.set_device_minor(3).unwrap();
        b.append_data(&mut h, "dev/null", &[][..]).unwrap();
        raw_entry(b, b"etc/.wh.gone", tar::EntryType::Regular, b"", b"");
        raw_entry(b, b"opaque/.wh..wh..opq", tar::EntryType::Regular, b"", b"");
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o000);
        b.append_data(&mut h, &long, &b"abc"[..]).unwrap();
        raw_entry(
            b,
            b"etc/passwd",
            tar::EntryType::Regular,
            b"",
            b"replaced\n",
        );
    });
    bytes.extend_from_slice(&[0u8; 4096]);
    bytes.extend_from_slice(b"junk after the end");
    let (stats, split) = extract(&s, &bytes).unwrap();
    assert_eq!(stats.diff_id, Digest::of(&bytes));
    assert_eq!(stats.size, bytes.len() as u64);
    assert_eq!(stats.skipped_devices, 1);
    assert_eq!(
        rebuild(&s, &split, &stats),
        bytes,
        "the exact tar comes back"
    );

    let d = s.diff();
    assert_eq!(
        fs::read_to_string(d.join("etc/passwd")).unwrap(),
        "replaced\n"
    );
    assert_eq!(
        fs::read_link(d.join("etc/sym")).unwrap(),
        Path::new("/etc/passwd")
    );
    let wh = fs::symlink_metadata(d.join("etc/gone")).unwrap();
    assert!(wh.file_type().is_char_device() && wh.rdev() == 0);
    assert!(whiteout::is_opaque(&d.join("opaque")).unwrap());
    assert!(
        !whiteout::is_opaque(&d.join("forged")).unwrap(),
        "a PAX xattr cannot forge an opaque directory"
    );
    assert!(!d.join("dev/null").exists());
    assert!(fs::metadata(d.join(&long)).unwrap().permissions().mode() & 0o400 != 0);
    assert_host_untouched(&s);
}

#[test]
fn dot_dot_escapes_are_refused_and_write_nothing_outside() {
    let s = Scratch::new("dotdot");
    let bytes = tar_of(|b| raw_entry(b, b"a/../../evil", tar::EntryType::Regular, b"", b"x"));
    assert!(matches!(
        extract(&s, &bytes),
        Err(UnpackError::PathEscape { .. })
    ));
    let inside = tar_of(|b| raw_entry(b, b"a/../b", tar::EntryType::Regular, b"", b"x"));
    extract(&s, &inside).unwrap();
    assert!(s.diff().join("b").is_file());
    assert_host_untouched(&s);
}

#[test]
fn absolute_paths_and_symlinked_parents_stay_inside() {
    let s = Scratch::new("symlinks");
    let bytes = tar_of(|b| {
        raw_entry(b, b"/abs/file", tar::EntryType::Regular, b"", b"1");
        raw_entry(b, b"root", tar::EntryType::Symlink, b"/", b"");
        raw_entry(b, b"root/via-root", tar::EntryType::Regular, b"", b"2");
        raw_entry(b, b"up", tar::EntryType::Symlink, b"../../..", b"");
        raw_entry(
            b,
            b"up/sentinel",
            tar::EntryType::Regular,
            b"",
            b"overwritten?",
        );
    });
    extract(&s, &bytes).unwrap();
    let d = s.diff();
    assert!(d.join("abs/file").is_file());
    assert_eq!(fs::read(d.join("via-root")).unwrap(), b"2");
    assert_eq!(fs::read(d.join("sentinel")).unwrap(), b"overwritten?");
    assert_host_untouched(&s);
}

#[test]
fn hostile_hard_links_and_loops_are_refused() {
    let s = Scratch::new("links");
    let outside = tar_of(|b| {
        raw_entry(
            b,
            b"pw",
            tar::EntryType::Link,
            b"../../../../etc/passwd",
            b"",
        )
    });
    assert!(extract(&s, &outside).is_err());
    let s = Scratch::new("links2");
    let missing = tar_of(|b| raw_entry(b, b"pw", tar::EntryType::Link, b"etc/passwd", b""));
    assert!(matches!(
        extract(&s, &missing),
        Err(UnpackError::HardLink { .. })
    ));
    let s = Scratch::new("links3");
    let dir = tar_of(|b| {
        raw_entry(b, b"d/", tar::EntryType::Directory, b"", b"");
        raw_entry(b, b"l", tar::EntryType::Link, b"d", b"");
    });
    assert!(matches!(
        extract(&s, &dir),
        Err(UnpackError::HardLink { .. })
    ));
    let s = Scratch::new("loop");
    let looped = tar_of(|b| {
        raw_entry(b, b"a", tar::EntryType::Symlink, b"b", b"");
        raw_entry(b, b"b", tar::EntryType::Symlink, b"a", b"");
        raw_entry(b, b"a/x", tar::EntryType::Regular, b"", b"x");
    });
    let err = extract(&s, &looped).unwrap_err().to_string();
    assert!(err.contains("a/x"), "{err}");
    assert_host_untouched(&s);
}

#[test]
fn restrictive_modes_leave_the_tree_removable() {
    let s = Scratch::new("modes");
    let bytes = tar_of(|b| {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o555);
        h.set_size(0);
        b.append_data(&mut h, "ro/", &[][..]).unwrap();
        let mut h = tar::Header::new_ustar();
        h.set_mode(0o000);
        h.set_size(1);
        b.append_data(&mut h, "ro/secret", &b"s"[..]).unwrap();
    });
    extract(&s, &bytes).unwrap();
    assert_eq!(fs::read(s.diff().join("ro/secret")).unwrap(), b"s");
    crate::state::scratch::remove_any(&s.diff()).unwrap();
}

#[test]
fn names_too_long_for_the_kernel_fail_clearly() {
    let s = Scratch::new("long");
    let name = "n".repeat(300);
    let bytes = tar_of(|b| {
        b.append_pax_extensions([("path", name.as_bytes())])
            .unwrap();
        raw_entry(b, b"short", tar::EntryType::Regular, b"", b"x");
    });
    let err = extract(&s, &bytes).unwrap_err().to_string();
    assert!(
        err.contains("File name too long") || err.contains("name too long"),
        "{err}"
    );
}

/// A PAX extended header carrying `records`, then an entry whose own name field says `name`.
fn pax_entry(
    b: &mut tar::Builder<Vec<u8>>,
    records: &[(&str, &[u8])],
    name: &[u8],
    kind: tar::EntryType,
    data: &[u8],
) {
    b.append_pax_extensions(records.iter().copied()).unwrap();
    raw_entry(b, name, kind, b"", data);
}

/// A GNU long-name ('L') entry for the entry that follows.
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

#[test]
fn pax_and_gnu_names_that_climb_out_are_refused() {
    for (what, bytes) in [
        (
            "PAX path",
            tar_of(|b| {
                pax_entry(
                    b,
                    &[("path", b"a/../../../evil")],
                    b"harmless",
                    tar::EntryType::Regular,
                    b"x",
                )
            }),
        ),
        (
            "GNU long name",
            tar_of(|b| {
                gnu_long_name(b, b"../../evil");
                raw_entry(b, b"harmless", tar::EntryType::Regular, b"", b"x");
            }),
        ),
        (
            "PAX linkpath of a hard link",
            tar_of(|b| {
                raw_entry(b, b"f", tar::EntryType::Regular, b"", b"x");
                b.append_pax_extensions([("linkpath", b"../../sentinel".as_slice())])
                    .unwrap();
                raw_entry(b, b"h", tar::EntryType::Link, b"f", b"");
            }),
        ),
    ] {
        let s = Scratch::new("paxclimb");
        let err = extract(&s, &bytes).unwrap_err();
        assert!(
            matches!(err, UnpackError::PathEscape { .. }),
            "{what}: {err}"
        );
        assert!(err.to_string().contains("climbs out"), "{what}: {err}");
        assert!(!s.0.join("evil").exists() && !s.0.join("layer/evil").exists());
        assert_host_untouched(&s);
    }
}

#[test]
fn whiteouts_and_replacements_through_symlinked_parents_stay_inside() {
    let s = Scratch::new("whiteout-through");
    fs::create_dir(s.0.join("keepdir")).unwrap();
    fs::write(s.0.join("keepdir/keep"), b"kept").unwrap();
    let bytes = tar_of(|b| {
        raw_entry(b, b"up", tar::EntryType::Symlink, b"../..", b"");
        raw_entry(b, b"up/.wh.sentinel", tar::EntryType::Regular, b"", b"");
        raw_entry(b, b"up/.wh.keepdir", tar::EntryType::Regular, b"", b"");
        raw_entry(b, b"up/.wh..wh..opq", tar::EntryType::Regular, b"", b"");
        raw_entry(b, b"up/sentinel", tar::EntryType::Regular, b"", b"replaced");
        raw_entry(b, b"up/keepdir/", tar::EntryType::Directory, b"", b"");
        raw_entry(
            b,
            b"up/keepdir/keep",
            tar::EntryType::Link,
            b"up/sentinel",
            b"",
        );
    });
    extract(&s, &bytes).unwrap();
    // What the entries meant happened inside: `up` resolves to the layer's root.
    let d = s.diff();
    assert_eq!(fs::read(d.join("sentinel")).unwrap(), b"replaced");
    assert_eq!(fs::read(d.join("keepdir/keep")).unwrap(), b"replaced");
    assert!(whiteout::is_opaque(&d).unwrap());
    assert_eq!(fs::read(s.0.join("keepdir/keep")).unwrap(), b"kept");
    fs::remove_dir_all(s.0.join("keepdir")).unwrap();
    assert_host_untouched(&s);

    // Through an absolute symlink to the real directory around the layer: inside the layer
    // that directory does not exist, so the entries below it are refused.
    let s = Scratch::new("whiteout-abs");
    let abs = s.0.to_str().unwrap().as_bytes().to_vec();
    for entry in [&b"abs/.wh.sentinel"[..], b"abs/sentinel"] {
        let bytes = tar_of(|b| {
            b.append_pax_extensions([("linkpath", abs.as_slice())])
                .unwrap();
            raw_entry(b, b"abs", tar::EntryType::Symlink, b"x", b"");
            raw_entry(b, entry, tar::EntryType::Regular, b"", b"replaced");
        });
        let err = extract(&s, &bytes).unwrap_err().to_string();
        assert!(err.contains("No such file or directory"), "{err}");
        assert_host_untouched(&s);
        crate::state::scratch::remove_any(&s.0.join("layer")).unwrap();
        fs::create_dir_all(s.diff()).unwrap();
    }
}

#[test]
fn hard_links_through_a_symlink_to_the_root_or_absolute_find_nothing_outside() {
    for link in [&b"root/etc/passwd"[..], b"/etc/passwd", b"up/sentinel"] {
        let s = Scratch::new("hardlink-through");
        let bytes = tar_of(|b| {
            raw_entry(b, b"root", tar::EntryType::Symlink, b"/", b"");
            raw_entry(b, b"up", tar::EntryType::Symlink, b"../..", b"");
            raw_entry(b, b"pw", tar::EntryType::Link, link, b"");
        });
        let err = extract(&s, &bytes).unwrap_err().to_string();
        assert!(
            err.contains("the target does not exist in this layer"),
            "{}: {err}",
            String::from_utf8_lossy(link)
        );
        assert_eq!(fs::metadata(s.0.join("sentinel")).unwrap().nlink(), 1);
        assert_host_untouched(&s);
    }
}

#[test]
fn device_nodes_are_skipped_and_fifos_made() {
    let s = Scratch::new("devices");
    let bytes = tar_of(|b| {
        for (name, kind, major, minor) in [
            ("dev/sda", tar::EntryType::Block, 8, 0),
            ("dev/mem", tar::EntryType::Char, 1, 1),
            ("../../dev-escape", tar::EntryType::Char, 1, 3),
        ] {
            let mut h = tar::Header::new_ustar();
            h.set_entry_type(kind);
            h.set_size(0);
            h.set_mode(0o666);
            h.set_device_major(major).unwrap();
            h.set_device_minor(minor).unwrap();
            if name.starts_with("..") {
                h.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
                h.set_cksum();
                b.append(&h, &[][..]).unwrap();
            } else {
                b.append_data(&mut h, name, &[][..]).unwrap();
            }
        }
    });
    // A device entry that climbs out is refused like any other.
    let err = extract(&s, &bytes).unwrap_err();
    assert!(matches!(err, UnpackError::PathEscape { .. }), "{err}");
    let s = Scratch::new("devices2");
    let bytes = tar_of(|b| {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Block);
        h.set_size(0);
        h.set_device_major(8).unwrap();
        h.set_device_minor(0).unwrap();
        b.append_data(&mut h, "dev/sda", &[][..]).unwrap();
        raw_entry(b, b"run/fifo", tar::EntryType::Fifo, b"", b"");
    });
    let (stats, _) = extract(&s, &bytes).unwrap();
    assert_eq!(stats.skipped_devices, 1);
    assert!(!s.diff().join("dev/sda").exists());
    assert!(
        fs::symlink_metadata(s.diff().join("run/fifo"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_host_untouched(&s);
}

#[test]
fn paths_longer_than_path_max_fail_clearly_and_write_nothing_outside() {
    // 6000 bytes of short components: each name is fine, the whole is past PATH_MAX (4096).
    let deep = format!("{}file", "d/".repeat(3000));
    for bytes in [
        tar_of(|b| {
            pax_entry(
                b,
                &[("path", deep.as_bytes())],
                b"short",
                tar::EntryType::Regular,
                b"x",
            )
        }),
        tar_of(|b| {
            gnu_long_name(b, deep.as_bytes());
            raw_entry(b, b"short", tar::EntryType::Regular, b"", b"x");
        }),
        tar_of(|b| {
            raw_entry(b, b"f", tar::EntryType::Regular, b"", b"x");
            b.append_pax_extensions([("linkpath", deep.as_bytes())])
                .unwrap();
            raw_entry(b, b"h", tar::EntryType::Link, b"f", b"");
        }),
    ] {
        let s = Scratch::new("pathmax");
        let err = extract(&s, &bytes).unwrap_err().to_string();
        assert!(
            err.contains("File name too long") || err.contains("does not exist"),
            "{err}"
        );
        assert!(
            err.len() < 400,
            "the error does not repeat the whole path: {err}"
        );
        assert_host_untouched(&s);
    }
    // Past the 1 MiB a PAX record may have: refused before it is read.
    let huge = "x".repeat(2 << 20);
    let s = Scratch::new("paxhuge");
    let bytes = tar_of(|b| {
        pax_entry(
            b,
            &[("path", huge.as_bytes())],
            b"short",
            tar::EntryType::Regular,
            b"",
        )
    });
    let err = extract(&s, &bytes).unwrap_err().to_string();
    assert!(
        err.contains("PAX header data of 2097166 bytes: more than the 1048576 bytes allowed"),
        "{err}"
    );
    assert_host_untouched(&s);
}

#[test]
fn hostile_pax_values_are_clear_errors_or_harmless() {
    for (key, value, expected) in [
        // Control characters in a name come out escaped, never raw on the user's terminal.
        (
            "path",
            &b"a\0b\x1b[2J"[..],
            Some("entry a\\u{0}b\\u{1b}[2J: cannot create the file"),
        ),
        ("mtime", b"-9223372036854775808", None),
        (
            "mtime",
            b"99999999999999999999999",
            Some("malformed PAX record"),
        ),
        (
            "size",
            b"18446744073709551615",
            Some("truncated tar stream"),
        ),
        ("uid", b"-1", Some("malformed PAX record")),
    ] {
        let s = Scratch::new("paxvalues");
        let bytes = tar_of(|b| pax_entry(b, &[(key, value)], b"f", tar::EntryType::Regular, b"x"));
        let got = extract(&s, &bytes).err().map(|e| e.to_string());
        let what = format!("{key}={}", String::from_utf8_lossy(value));
        match (expected, got) {
            (Some(expected), Some(err)) => assert!(err.contains(expected), "{what}: {err}"),
            (None, None) => assert_eq!(fs::read(s.diff().join("f")).unwrap(), b"x"),
            (expected, got) => panic!("{what}: expected {expected:?}, got {got:?}"),
        }
        assert_host_untouched(&s);
    }
}

#[test]
fn replacing_a_directory_shadows_exactly_what_was_below_it() {
    let s = Scratch::new("replace-dir");
    let bytes = tar_of(|b| {
        raw_entry(b, b"a/", tar::EntryType::Directory, b"", b"");
        raw_entry(b, b"a/x", tar::EntryType::Regular, b"", b"x");
        raw_entry(b, b"a/y/", tar::EntryType::Directory, b"", b"");
        raw_entry(b, b"a/y/z", tar::EntryType::Regular, b"", b"z");
        // Names that sort around `a` but are not below it.
        for name in [&b"a-b"[..], b"a.c", b"ab", b"a0"] {
            raw_entry(b, name, tar::EntryType::Regular, b"", name);
        }
        raw_entry(b, b"a", tar::EntryType::Regular, b"", b"now a file");
        raw_entry(b, b"a0", tar::EntryType::Regular, b"", b"replaced");
    });
    let (stats, split) = extract(&s, &bytes).unwrap();
    assert_eq!(
        stats.relocated.len(),
        3,
        "a/x, a/y/z and the first a0: {stats:?}"
    );
    assert_eq!(rebuild(&s, &split, &stats), bytes);
    let d = s.diff();
    assert_eq!(fs::read(d.join("a")).unwrap(), b"now a file");
    assert_eq!(fs::read(d.join("a-b")).unwrap(), b"a-b");
    assert_eq!(fs::read(d.join("a0")).unwrap(), b"replaced");
    assert_host_untouched(&s);
}

#[test]
fn many_small_extension_headers_count_as_one_large_one() {
    let chunk = "v".repeat(500 << 10);
    for global in [false, true] {
        let s = Scratch::new("paxmany");
        let bytes = tar_of(|b| {
            raw_entry(b, b"first", tar::EntryType::Regular, b"", b"");
            for i in 0..3 {
                let key = format!("SCHILY.xattr.user.k{i}");
                let records = [(key.as_str(), chunk.as_bytes())];
                if global {
                    // A global header applies to every later entry: the tar crate writes only
                    // per-file ones, so the type is changed after the fact.
                    let mut one = tar_of(|t| t.append_pax_extensions(records).unwrap());
                    one[156] = b'g';
                    let mut h = tar::Header::from_byte_slice(&one[..512]).clone();
                    h.set_cksum();
                    b.append(&h, &one[512..512 + h.size().unwrap() as usize])
                        .unwrap();
                    raw_entry(
                        b,
                        format!("e{i}").as_bytes(),
                        tar::EntryType::Regular,
                        b"",
                        b"",
                    );
                } else {
                    b.append_pax_extensions(records).unwrap();
                }
            }
            raw_entry(b, b"last", tar::EntryType::Regular, b"", b"");
        });
        let err = extract(&s, &bytes).unwrap_err().to_string();
        let what = if global {
            "PAX global header"
        } else {
            "PAX header"
        };
        assert!(
            err.contains(&format!("{what} data of ")) && err.contains("more than the 1048576"),
            "{err}"
        );
        assert!(
            err.contains(if global {
                "after entry e1"
            } else {
                "after entry first"
            }),
            "{err}"
        );
        assert_host_untouched(&s);
    }
}

#[test]
fn owners_other_than_root_are_recorded_even_on_read_only_files() {
    let s = Scratch::new("owners");
    let entry = |b: &mut tar::Builder<Vec<u8>>, path: &str, kind, mode, uid, gid| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_uid(uid);
        h.set_gid(gid);
        h.set_size(if kind == tar::EntryType::Regular {
            2
        } else {
            0
        });
        h.set_cksum();
        let data: &[u8] = if kind == tar::EntryType::Regular {
            b"x\n"
        } else {
            b""
        };
        b.append_data(&mut h, path, data).unwrap();
    };
    let bytes = tar_of(|b| {
        entry(b, "srv", tar::EntryType::Directory, 0o555, 7, 8);
        entry(b, "srv/ro", tar::EntryType::Regular, 0o444, 42, 43);
        entry(b, "srv/mine", tar::EntryType::Regular, 0o644, 0, 0);
    });
    extract(&s, &bytes).unwrap();
    let owner = |rel: &str| xattr::get(s.diff().join(rel), crate::ids::FileOwner::XATTR).unwrap();
    assert_eq!(owner("srv").as_deref(), Some(&b"7:8"[..]));
    assert_eq!(owner("srv/ro").as_deref(), Some(&b"42:43"[..]));
    assert_eq!(owner("srv/mine"), None, "root's files need no record");
    assert_eq!(
        fs::metadata(s.diff().join("srv/ro")).unwrap().mode() & 0o777,
        0o444
    );
}
