//! A hostile container against root emulation: hostile.c (built statically here with the
//! host's gcc) feeds the emulated system calls bad pointers, paths aimed at host files, races
//! and deaths in mid-call. Every answer must be the kernel's (as podman with real ids gives
//! it), no host file may change (owner, mode, size, time, xattrs), and the container's monitor
//! must keep serving.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::Env;
use crate::common::fixtures::{self, Compression, ImageSpec};
use crate::common::registry::Registry;

/// hostile.c built with `gcc -static`, once per test process.
fn program() -> &'static [u8] {
    static BIN: OnceLock<Vec<u8>> = OnceLock::new();
    BIN.get_or_init(|| {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/emulation/hostile.c");
        let out = tempfile::tempdir().unwrap();
        let bin = out.path().join("hostile");
        let gcc = Command::new("gcc")
            .args(["-static", "-O1", "-Wall", "-Werror", "-pthread", "-o"])
            .arg(&bin)
            .arg(&src)
            .output()
            .expect("gcc is installed (contrib/test installs gcc and libc6-dev)");
        assert!(
            gcc.status.success(),
            "gcc -static hostile.c: {}",
            String::from_utf8_lossy(&gcc.stderr)
        );
        std::fs::read(&bin).unwrap()
    })
}

/// busybox with /hostile, and /hostile-suid owned by root with mode 4755, in the shared
/// registry as `hostile`.
fn image() -> &'static str {
    static PUSHED: OnceLock<()> = OnceLock::new();
    PUSHED.get_or_init(|| {
        let layer = fixtures::busybox_tree(None)
            .file("hostile", 0o755, program())
            .file("hostile-suid", 0o4755, program())
            .finish();
        let spec = ImageSpec::simple(vec![(layer, Compression::Gzip)]);
        fixtures::push_image(Registry::shared(), "hostile", "latest", &spec);
    });
    "hostile"
}

/// What may not change on the host: owner, mode, size, modification time and every xattr.
#[derive(Debug, PartialEq)]
struct Meta {
    uid: u32,
    gid: u32,
    mode: u32,
    size: u64,
    mtime: (i64, i64),
    xattrs: Vec<(String, Vec<u8>)>,
}

fn snapshot(roots: &[PathBuf]) -> BTreeMap<PathBuf, Meta> {
    let mut out = BTreeMap::new();
    let mut todo: Vec<PathBuf> = roots.to_vec();
    while let Some(path) = todo.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            todo.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
        let mut xattrs: Vec<(String, Vec<u8>)> = xattr::list(&path)
            .unwrap()
            .map(|name| {
                let value = xattr::get(&path, &name).unwrap().unwrap_or_default();
                (name.to_string_lossy().into_owned(), value)
            })
            .collect();
        xattrs.sort();
        let m = Meta {
            uid: meta.uid(),
            gid: meta.gid(),
            mode: meta.mode(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            xattrs,
        };
        out.insert(path, m);
    }
    out
}

/// A container of the hostile image, the host files it aims at, and their state before.
struct Target {
    env: Env,
    aimed: Vec<String>,
    watched: Vec<PathBuf>,
    before: BTreeMap<PathBuf, Meta>,
}

impl Target {
    fn start() -> Target {
        image();
        let env = Env::new();
        env.rpod(&["run", "-d", "--name", "h", "hostile", "sleep", "3600"])
            .success();
        let sentinel = env.write_file("work/sentinel/file", b"host data\n");
        env.write_file("work/sentinel/sub/deeper", b"more\n");
        let layers = env.data().join("storage/layers");
        let lower_passwd = std::fs::read_dir(&layers)
            .unwrap()
            .map(|e| e.unwrap().path().join("diff/etc/passwd"))
            .find(|p| p.exists())
            .expect("the image's layer has etc/passwd");
        let aimed = [
            sentinel.as_path(),
            &lower_passwd,
            Path::new("/etc/shadow"),
            &env.data(),
        ]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
        let watched = vec![
            env.path("work/sentinel"),
            layers,
            PathBuf::from("/etc/passwd"),
            PathBuf::from("/etc/shadow"),
        ];
        let before = snapshot(&watched);
        Target {
            env,
            aimed,
            watched,
            before,
        }
    }

    /// `/hostile args` by exec in the container; its NAME=RESULT lines.
    fn run(&self, args: &[&str]) -> BTreeMap<String, String> {
        let mut cmd = vec!["exec", "h", "/hostile"];
        cmd.extend_from_slice(args);
        let out = self.env.rpod(&cmd);
        out.success();
        out.lines()
            .iter()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// No host file changed, the monitor still serves exec, and the store is sound.
    #[track_caller]
    fn assert_unharmed(&self) {
        assert_eq!(self.before, snapshot(&self.watched), "a host file changed");
        self.env
            .rpod(&["exec", "h", "cat", "/etc/hostname"])
            .success();
        self.env
            .rpod(&["system", "check"])
            .success()
            .stdout_has("No errors found");
    }
}

/// Asserts every `(name, result)` pair, and that nothing else was printed.
#[track_caller]
fn assert_results(got: &BTreeMap<String, String>, want: &[(String, String)]) {
    let want: BTreeMap<String, String> = want.iter().cloned().collect();
    let wrong: Vec<String> = want
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(v))
        .map(|(k, v)| format!("{k}: want {v}, got {:?}", got.get(k)))
        .chain(
            got.keys()
                .filter(|k| !want.contains_key(*k))
                .map(|k| format!("{k}: unexpected ({})", got[k])),
        )
        .collect();
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// What real root with a full id range gets (podman with subuids, kernel 6.x).
const POINTERS: &[(&str, &str)] = &[
    ("chown-null", "EFAULT"),
    ("chown-low", "EFAULT"),
    ("chown-kernel", "EFAULT"),
    ("chown-noncanonical", "EFAULT"),
    ("chown-unterminated", "EFAULT"),
    ("chown-toolong", "ENAMETOOLONG"),
    ("chown-empty", "ENOENT"),
    ("chown-missing", "ENOENT"),
    ("chown-ok", "0"),
    ("chown-keep", "0"),
    ("lchown-null", "EFAULT"),
    ("lchown-unterminated", "EFAULT"),
    ("fchownat-null", "EFAULT"),
    ("fchownat-kernel", "EFAULT"),
    ("fchownat-badflags", "EINVAL"),
    ("fchownat-badfd", "EBADF"),
    ("fchownat-empty", "ENOENT"),
    ("fchownat-emptypath", "0"),
    ("fchown-badfd", "EBADF"),
    ("fchown-closedfd", "EBADF"),
    ("fchown-ok", "0"),
    ("stat-null-path", "EFAULT"),
    ("stat-unterminated", "EFAULT"),
    ("stat-null-buf", "EFAULT"),
    ("stat-kernel-buf", "EFAULT"),
    ("stat-readonly-buf", "EFAULT"),
    ("stat-crossing-buf", "EFAULT"),
    ("stat-missing", "ENOENT"),
    ("lstat-null-path", "EFAULT"),
    ("lstat-kernel-buf", "EFAULT"),
    ("newfstatat-null-buf", "EFAULT"),
    ("newfstatat-badflags", "EINVAL"),
    ("newfstatat-badfd", "EBADF"),
    ("fstat-badfd", "EBADF"),
    ("fstat-null-buf", "EFAULT"),
    ("fstat-crossing-buf", "EFAULT"),
    ("statx-null-path", "EFAULT"),
    ("statx-null-buf", "EFAULT"),
    ("statx-kernel-buf", "EFAULT"),
    ("statx-crossing-buf", "EFAULT"),
    ("statx-badflags", "EINVAL"),
    ("statx-reserved-mask", "EINVAL"),
    ("stat-owner", "42:43"),
    ("fstat-owner", "42:43"),
    ("statx-owner", "42:43"),
    ("statx-fd-owner", "42:43"),
    ("setgroups-null", "EFAULT"),
    ("setgroups-kernel", "EFAULT"),
    ("setgroups-crossing", "EFAULT"),
    ("setgroups-huge", "EINVAL"),
    ("setgroups-negative", "EINVAL"),
    ("setgroups-ok", "0"),
    ("getgroups-count", "2"),
    ("getgroups-small", "EINVAL"),
    ("getgroups-null", "EFAULT"),
    ("getgroups-kernel", "EFAULT"),
    ("getgroups-negative", "EINVAL"),
    ("getresuid-null", "EFAULT"),
    ("getresuid-kernel", "EFAULT"),
    ("getresgid-null", "EFAULT"),
    ("setuid-invalid", "EINVAL"),
    ("setresuid-keep", "0"),
    ("execve-null", "EFAULT"),
    ("execve-kernel", "EFAULT"),
    ("execve-unterminated", "EFAULT"),
    ("execve-missing", "ENOENT"),
    ("execve-bad-argv", "EFAULT"),
    ("execve-bad-argv-element", "EFAULT"),
    ("execve-kernel-argv-element", "EFAULT"),
    ("execve-bad-envp", "EFAULT"),
    ("execve-ok", "executed"),
];

#[test]
fn bad_pointers_sizes_and_descriptors_get_the_kernels_errors() {
    let t = Target::start();
    assert_results(&t.run(&["pointers"]), &pairs(POINTERS));
    // A user that dropped root is held to the rules, and a setuid-root program is root again.
    assert_results(
        &t.run(&["creds"]),
        &pairs(&[
            ("give-mine", "0"),
            ("drop-setgroups", "0"),
            ("drop-setresgid", "0"),
            ("drop-setresuid", "0"),
            ("dropped", "1000 1000 1000"),
            ("dropped-setuid-root", "EPERM"),
            ("dropped-setgroups", "EPERM"),
            ("dropped-chown-to-root", "EPERM"),
            ("whoami", "1000 0 0"),
        ]),
    );
    t.assert_unharmed();
}

#[test]
fn paths_and_symlinks_aimed_at_the_host_stay_in_the_container() {
    let t = Target::start();
    let mut args = vec!["paths"];
    args.extend(t.aimed.iter().map(String::as_str));
    let mut want = Vec::new();
    for i in 0..t.aimed.len() {
        for route in ["abs", "self", "thread", "rel", "proc1"] {
            for (call, result) in [
                ("chown", "ENOENT"),
                ("stat", "ENOENT"),
                ("lchown", "0"),
                ("direct", "ENOENT"),
            ] {
                want.push((format!("{route}-{i}-{call}"), result.to_string()));
            }
        }
        want.push((format!("dotdot-{i}-fchownat"), "ENOENT".into()));
        want.push((format!("dotdot-{i}-statx"), "ENOENT".into()));
    }
    want.extend(pairs(&[
        ("proc1-own-chown", "0"),
        ("proc1-own-owner", "7:7"),
    ]));
    assert_results(&t.run(&args), &want);
    // A file swapped for symlinks to the host while another thread chowns it.
    for aimed in &t.aimed[..2] {
        assert_results(
            &t.run(&["race", aimed, "3"]),
            &pairs(&[
                ("race-calls", "many"),
                ("race-succeeded", "some"),
                ("race-other", "0"),
            ]),
        );
    }
    t.assert_unharmed();
}

#[test]
fn deaths_in_mid_call_and_a_thousand_callers_leave_the_monitor_serving() {
    let t = Target::start();
    assert_results(
        &t.run(&["kill", "200"]),
        &pairs(&[
            ("killed", "200"),
            ("after-kill-chown", "0"),
            ("after-kill-owner", "5:6"),
        ]),
    );
    assert_results(&t.run(&["many", "1000"]), &pairs(&[("many-ok", "1000")]));
    t.assert_unharmed();
    // A whole container removed while its processes are in the middle of calls.
    t.env
        .rpod(&[
            "run", "-d", "--name", "doomed", "hostile", "/hostile", "kill", "1000000",
        ])
        .success();
    std::thread::sleep(std::time::Duration::from_secs(1));
    t.env.rpod(&["rm", "-f", "doomed"]).success();
    t.env
        .rpod(&["ps", "-a", "--format", "{{.Names}}"])
        .success()
        .stdout_has("h\n");
    t.assert_unharmed();
}
