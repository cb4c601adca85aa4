//! Container confinement, end to end, as the unprivileged user (issue 8): nothing of the host
//! is visible or writable from inside a container beyond what it was given. Each test plays
//! the container as an attacker and then checks the host side: pids, capabilities, masked and
//! read-only paths, writes outside the root file system and volumes, mount targets through
//! symlinks, and the rpod binary itself.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::Env;
use crate::common::env::{Out, rpod_bin, user, wait_output};
use crate::common::fixtures::{Layer, busybox_tree, sha256};

fn ready() -> Env {
    let env = Env::new();
    env.rpod(&["pull", "-q", "busybox"]).success();
    env
}

fn id_of(env: &Env, name: &str) -> String {
    let out = env.rpod(&["inspect", "-f", "{{.Id}}", name]);
    out.success().trimmed().to_string()
}

/// The host pid of a running container's monitor.
fn monitor_pid(env: &Env, name: &str) -> u32 {
    let path = env.path(&format!(
        "runtime/rpod/containers/{}/monitor.json",
        id_of(env, name)
    ));
    let record: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    record["monitor"]["pid"].as_u64().unwrap() as u32
}

/// A host path under /tmp that nothing has made: where a symlink or a `..` in a container
/// would lead if it escaped. Removed on drop, so that a failing test leaves nothing behind.
struct HostPath(PathBuf);

impl HostPath {
    fn new(what: &str) -> HostPath {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let path = PathBuf::from(format!(
            "/tmp/rpod-confine-{}-{n}-{what}",
            std::process::id()
        ));
        assert!(!path.exists());
        HostPath(path)
    }

    fn inside(&self) -> &str {
        self.0.to_str().unwrap()
    }

    #[track_caller]
    fn assert_untouched(&self) {
        assert!(
            fs::symlink_metadata(&self.0).is_err(),
            "{} was made on the host from inside a container",
            self.0.display()
        );
    }
}

impl Drop for HostPath {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
        let _ = fs::remove_file(&self.0);
    }
}

/// Imports busybox plus `extra` (applied to the tree) as `name`.
fn import(env: &Env, name: &str, extra: impl FnOnce(Layer) -> Layer) {
    let tar = extra(busybox_tree(None)).finish();
    let path = env.write_file(&format!("work/{name}.tar"), &tar);
    env.rpod(&["import", path.to_str().unwrap(), name])
        .success();
}

// ---------------------------------------------------------------------------------------
// Processes

/// `PID cmdline` of every process the container can see, one a line.
const LIST_PROCS: &str =
    r#"for p in /proc/[0-9]*; do echo "${p#/proc/} $(tr '\0' ' ' < $p/cmdline 2>/dev/null)"; done"#;

fn visible_procs(out: &Out) -> Vec<(u32, String)> {
    out.success()
        .lines()
        .iter()
        .filter_map(|l| {
            let (pid, cmd) = l.split_once(' ').unwrap_or((l, ""));
            Some((pid.parse().ok()?, cmd.trim().to_string()))
        })
        .collect()
}

#[test]
fn no_host_pid_is_visible_from_a_container_or_an_exec() {
    let env = ready();
    let host_init = fs::read_to_string("/proc/1/cmdline")
        .unwrap()
        .replace('\0', " ");
    let host_init = host_init.trim();
    let me = std::process::id();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let monitor = monitor_pid(&env, "c");
    let from_run = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        LIST_PROCS,
    ]);
    let from_exec = env.rpod(&["exec", "c", "sh", "-c", LIST_PROCS]);
    for (what, out, pid1) in [
        ("run", &from_run, "sh -c for p in /proc/"),
        ("exec", &from_exec, "sleep 600"),
    ] {
        let procs = visible_procs(out);
        let pids: BTreeSet<u32> = procs.iter().map(|(p, _)| *p).collect();
        assert!(
            procs.iter().any(|(p, c)| *p == 1 && c.starts_with(pid1)),
            "{what}: PID 1 is the container's command\n{}",
            out.stdout
        );
        for host in [me, monitor] {
            assert!(
                !pids.contains(&host),
                "{what}: host pid {host} is visible\n{}",
                out.stdout
            );
        }
        // A new PID namespace counts from 1: a handful of processes, small numbers.
        assert!(
            pids.len() <= 6 && pids.iter().all(|p| *p < 64),
            "{what}: {pids:?}"
        );
        assert!(
            procs.iter().all(|(_, c)| !c.contains(host_init)),
            "{what}: the host's init ({host_init}) is visible\n{}",
            out.stdout
        );
    }
    // Nor can a host process be reached by its number.
    env.rpod(&["exec", "c", "kill", "-0", &me.to_string()])
        .failure();
    env.rpod(&["exec", "c", "test", "-e", &format!("/proc/{monitor}/exe")])
        .code(1);
}

// ---------------------------------------------------------------------------------------
// Capabilities

/// Bit numbers from linux/capability.h, written out here rather than taken from rpod.
fn cap(name: &str) -> u64 {
    let bit = match name {
        "CHOWN" => 0,
        "DAC_OVERRIDE" => 1,
        "FOWNER" => 3,
        "FSETID" => 4,
        "KILL" => 5,
        "SETGID" => 6,
        "SETUID" => 7,
        "SETPCAP" => 8,
        "NET_BIND_SERVICE" => 10,
        "NET_ADMIN" => 12,
        "NET_RAW" => 13,
        "SYS_CHROOT" => 18,
        "SYS_PTRACE" => 19,
        "SYS_ADMIN" => 21,
        "MKNOD" => 27,
        "AUDIT_WRITE" => 29,
        "SETFCAP" => 31,
        other => panic!("no bit for {other}"),
    };
    1 << bit
}

/// docker's default set for a container's root (moby's oci/caps/defaults.go).
fn docker_default() -> u64 {
    [
        "CHOWN",
        "DAC_OVERRIDE",
        "FSETID",
        "FOWNER",
        "MKNOD",
        "NET_RAW",
        "SETGID",
        "SETUID",
        "SETFCAP",
        "SETPCAP",
        "NET_BIND_SERVICE",
        "SYS_CHROOT",
        "KILL",
        "AUDIT_WRITE",
    ]
    .iter()
    .map(|c| cap(c))
    .fold(0, |a, b| a | b)
}

/// Every capability this kernel has.
fn all_caps() -> u64 {
    let last: u32 = fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (1u64 << (last + 1)) - 1
}

/// The Cap* lines of a /proc/PID/status, by name (`Eff`, `Prm`, …).
fn caps_of(status: &str) -> std::collections::BTreeMap<String, u64> {
    status
        .lines()
        .filter_map(|l| {
            let (k, v) = l.strip_prefix("Cap")?.split_once(':')?;
            Some((k.to_string(), u64::from_str_radix(v.trim(), 16).ok()?))
        })
        .collect()
}

#[track_caller]
fn assert_caps(what: &str, status: &Out, expected: u64) {
    let caps = caps_of(&status.success().stdout);
    for set in ["Eff", "Prm", "Bnd"] {
        assert_eq!(
            caps.get(set).copied(),
            Some(expected),
            "{what}: Cap{set} is {:016x}, expected {expected:016x}\n{}",
            caps.get(set).copied().unwrap_or_default(),
            status.stdout
        );
    }
    for set in ["Inh", "Amb"] {
        assert_eq!(
            caps.get(set).copied(),
            Some(0),
            "{what}: Cap{set}\n{}",
            status.stdout
        );
    }
}

#[test]
fn capabilities_are_dockers_default_unless_asked_for_the_init_and_exec() {
    let env = ready();
    let default = docker_default();
    let cases: [(&str, &[&str], u64); 5] = [
        ("default", &[], default),
        (
            "added",
            &["--cap-add", "NET_ADMIN", "--cap-add", "cap_sys_ptrace"],
            default | cap("NET_ADMIN") | cap("SYS_PTRACE"),
        ),
        (
            "dropped",
            &["--cap-drop", "CHOWN", "--cap-drop", "CAP_NET_RAW"],
            default & !cap("CHOWN") & !cap("NET_RAW"),
        ),
        (
            "all-but",
            &["--cap-add", "ALL", "--cap-drop", "SYS_ADMIN"],
            all_caps() & !cap("SYS_ADMIN"),
        ),
        ("privileged", &["--privileged"], all_caps()),
    ];
    for (name, flags, expected) in cases {
        let mut args = vec!["run", "-d", "--name", name, "--network", "none"];
        args.extend(flags);
        args.extend(["busybox", "sleep", "600"]);
        env.rpod(&args).success();
        assert_caps(
            &format!("{name}: the init"),
            &env.rpod(&["exec", name, "cat", "/proc/1/status"]),
            expected,
        );
        assert_caps(
            &format!("{name}: exec"),
            &env.rpod(&["exec", name, "cat", "/proc/self/status"]),
            expected,
        );
        // A process started from the exec'd one keeps no more than it.
        assert_caps(
            &format!("{name}: a child of exec"),
            &env.rpod(&["exec", name, "sh", "-c", "cat /proc/self/status; true"]),
            expected,
        );
    }
    // Only `exec --privileged` widens an exec beyond its container.
    assert_caps(
        "exec --privileged",
        &env.rpod(&[
            "exec",
            "--privileged",
            "default",
            "cat",
            "/proc/self/status",
        ]),
        all_caps(),
    );
    assert_caps(
        "foreground run",
        &env.rpod(&[
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "cat",
            "/proc/self/status",
        ]),
        default,
    );
    // A container whose process is not root inside has nothing to use.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "mine",
        "--userns",
        "keep-id",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    for (what, out) in [
        (
            "keep-id init",
            env.rpod(&["exec", "mine", "cat", "/proc/1/status"]),
        ),
        (
            "keep-id exec",
            env.rpod(&["exec", "mine", "cat", "/proc/self/status"]),
        ),
    ] {
        let caps = caps_of(&out.success().stdout);
        assert_eq!((caps["Eff"], caps["Prm"]), (0, 0), "{what}\n{}", out.stdout);
    }
}

// ---------------------------------------------------------------------------------------
// Masked and read-only paths

/// docker's masked paths (moby's oci/defaults.go).
const MASKED: [&str; 12] = [
    "/proc/asound",
    "/proc/acpi",
    "/proc/interrupts",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/devices/virtual/powercap",
];

/// docker's read-only paths.
const READ_ONLY: [&str; 5] = [
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// For each masked path: `PATH file BYTES`, `PATH dir ENTRIES WRITABLE?`, or `PATH absent`.
fn probe_masked() -> String {
    format!(
        r#"for f in {}; do
  if [ -d $f ]; then echo "$f dir $(ls -A $f | wc -l) $(touch $f/x 2>/dev/null && echo writable || echo refused)"
  elif [ -e $f ]; then echo "$f file $(cat $f 2>/dev/null | wc -c)"
  else echo "$f absent"; fi
done"#,
        MASKED.join(" ")
    )
}

/// Checks a [`probe_masked`] report: every masked path the host has is empty inside.
#[track_caller]
fn assert_masked(what: &str, out: &Out) {
    let report = out.success().stdout.clone();
    let mut checked = 0;
    for path in MASKED {
        let line = report
            .lines()
            .find(|l| l.split(' ').next() == Some(path))
            .unwrap_or_else(|| panic!("{what}: no report for {path}\n{report}"));
        let fields: Vec<&str> = line.split(' ').collect();
        match fields[1..] {
            ["absent"] => assert!(
                !Path::new(path).exists(),
                "{what}: {path} is on the host but missing inside"
            ),
            ["file", bytes] => {
                assert_eq!(bytes, "0", "{what}: {path} is readable\n{report}");
                checked += 1;
            }
            ["dir", entries, writable] => {
                assert_eq!(entries, "0", "{what}: {path} lists entries\n{report}");
                assert_eq!(
                    writable, "refused",
                    "{what}: {path} takes new files\n{report}"
                );
                checked += 1;
            }
            _ => panic!("{what}: bad report line {line:?}"),
        }
    }
    // The host must have some of them, or nothing was checked (this one has /proc/keys,
    // /proc/interrupts, /proc/timer_list and /sys/firmware).
    assert!(
        checked >= 2,
        "{what}: only {checked} masked paths exist\n{report}"
    );
}

/// `PATH MOUNT_OPTIONS` of each read-only path that is a mount point, from mountinfo.
fn probe_read_only() -> String {
    format!(
        r#"for f in {}; do [ -e $f ] && awk -v p=$f '$5 == p {{ print p, $6 }}' /proc/self/mountinfo; done
for f in {}; do ( echo 1 > $f ); done
true"#,
        READ_ONLY.join(" "),
        WRITABLE_BUT_FOR_RO.join(" ")
    )
}

/// Files under the read-only paths that the container's root could write but for the
/// read-only mount (in its own UTS namespace, or harmlessly): the write must say EROFS.
const WRITABLE_BUT_FOR_RO: [&str; 3] = [
    "/proc/sys/kernel/hostname",
    "/proc/sys/vm/drop_caches",
    "/proc/irq/default_smp_affinity",
];

#[track_caller]
fn assert_read_only(what: &str, out: &Out) {
    let report = out.success();
    for path in READ_ONLY {
        if !Path::new(path).exists() {
            continue;
        }
        let line = report
            .lines()
            .into_iter()
            .find(|l| l.split(' ').next() == Some(path))
            .unwrap_or_else(|| {
                panic!(
                    "{what}: {path} is not a mount of its own\n{}",
                    report.stdout
                )
            });
        assert!(
            line.split(' ')
                .nth(1)
                .is_some_and(|o| o.split(',').any(|f| f == "ro")),
            "{what}: {path} is mounted read-write: {line}"
        );
    }
    for file in WRITABLE_BUT_FOR_RO {
        if Path::new(file).exists() {
            report.stderr_has(&format!("can't create {file}: Read-only file system"));
        }
    }
}

#[test]
fn masked_paths_are_unreadable_and_read_only_paths_unwritable_in_run_and_exec() {
    let env = ready();
    let masked = probe_masked();
    let read_only = probe_read_only();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    for (what, out) in [
        (
            "run",
            env.rpod(&["run", "--rm", "busybox", "sh", "-c", &masked]),
        ),
        ("exec", env.rpod(&["exec", "c", "sh", "-c", &masked])),
        (
            "exec --privileged",
            env.rpod(&["exec", "--privileged", "c", "sh", "-c", &masked]),
        ),
    ] {
        assert_masked(what, &out);
    }
    for (what, out) in [
        (
            "run",
            env.rpod(&["run", "--rm", "busybox", "sh", "-c", &read_only]),
        ),
        ("exec", env.rpod(&["exec", "c", "sh", "-c", &read_only])),
    ] {
        assert_read_only(what, &out);
    }
    // The masks hide something real: --privileged drops them, as docker does, and the same
    // probe then reads the host's /proc/interrupts.
    let host_has = fs::read_to_string("/proc/interrupts").unwrap().len();
    assert!(host_has > 0);
    let unmasked = env.rpod(&[
        "run",
        "--rm",
        "--privileged",
        "busybox",
        "sh",
        "-c",
        &masked,
    ]);
    assert!(
        unmasked
            .success()
            .stdout
            .lines()
            .any(|l| l.starts_with("/proc/interrupts file ") && l != "/proc/interrupts file 0"),
        "the probe cannot see a mask go\n{}",
        unmasked.stdout
    );
    // Without the seccomp filter a container can make a user namespace of its own, with every
    // capability in it: the masks and read-only mounts it inherits are locked there, and
    // neither unmounting nor remounting lifts them.
    let nested = env.rpod(&[
        "run",
        "--rm",
        "--security-opt",
        "seccomp=unconfined",
        "busybox",
        "unshare",
        "-Urm",
        "sh",
        "-c",
        &format!(
            "umount /proc/keys; umount -l /sys/firmware; mount -o remount,rw /proc/sys; \
             mount -o remount,rw,bind /proc/sys; {masked}; {read_only}"
        ),
    ]);
    assert_masked("nested user namespace", &nested);
    assert_read_only("nested user namespace", &nested);
    assert!(
        nested.stderr.matches("can't unmount").count() == 2,
        "{}",
        nested.stderr
    );
}

// ---------------------------------------------------------------------------------------
// Writes outside the root file system and volumes

/// Every file named `name` under `dir`, skipping `skip`.
fn find_named(dir: &Path, name: &str, skip: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path == skip {
            continue;
        }
        if e.file_name() == name {
            found.push(path.clone());
        }
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            find_named(&path, name, skip, found);
        }
    }
}

fn file_hash(path: &Path) -> String {
    sha256(&fs::read(path).unwrap())
}

#[test]
fn writes_aimed_at_the_store_the_binary_or_the_host_land_in_the_container() {
    let env = ready();
    let escape = HostPath::new("proc-root");
    let data = env.data();
    let bin = rpod_bin();
    let before = file_hash(&bin);
    // The container is told every host path it might want; mountinfo tells it more (its
    // overlay's upper and work directories).
    let attack = format!(
        r#"upper=$(sed -n 's/.*upperdir=\([^,]*\).*/\1/p' /proc/self/mountinfo | head -1)
[ -n "$upper" ] || exit 3
for d in "$upper" "$upper/../.." "{data}" "{data}/storage" "{data}/containers" "$(dirname {bin})"; do
  mkdir -p "$d" && echo pwned > "$d/rpod-marker"
done
echo pwned > {bin}
echo pwned > /proc/1/root/../../../..{escape}
echo pwned > /proc/self/root/../../{escape}
cd /proc/self/cwd/../../.. && echo pwned > ./rpod-marker
[ -f {escape} ] && [ -f /rpod-marker ] && echo landed-inside"#,
        data = data.display(),
        bin = bin.display(),
        escape = escape.inside(),
    );
    env.rpod(&["run", "--name", "attacker", "busybox", "sh", "-c", &attack])
        .success()
        .stdout_has("landed-inside");
    let upper = data
        .join("containers")
        .join(id_of(&env, "attacker"))
        .join("upper");
    assert!(
        upper.join("rpod-marker").exists(),
        "the writes are the container's own"
    );
    let mut outside = Vec::new();
    find_named(&data, "rpod-marker", &upper, &mut outside);
    find_named(bin.parent().unwrap(), "rpod-marker", &upper, &mut outside);
    assert!(
        outside.is_empty(),
        "written outside the container: {outside:?}"
    );
    escape.assert_untouched();
    assert_eq!(file_hash(&bin), before, "the rpod binary changed");
}

/// A tmpfs mounted on the host (the test is root), taken down on drop.
struct HostMount(PathBuf);

impl Drop for HostMount {
    fn drop(&mut self) {
        let _ = nix::mount::umount2(&self.0, nix::mount::MntFlags::MNT_DETACH);
    }
}

#[test]
fn read_only_binds_sys_and_mounts_hold_against_the_container() {
    let env = ready();
    let shared = env.write_file("work/ro/file", b"host data\n");
    let dir = shared.parent().unwrap().to_path_buf();
    // A submount inside the bound directory: read-only must reach it too. Only root can make
    // one on the host; as another user the rest of the test still runs.
    let _sub = nix::unistd::getuid().is_root().then(|| {
        let sub = dir.join("sub");
        fs::create_dir_all(&sub).unwrap();
        nix::mount::mount(
            Some("tmpfs"),
            &sub,
            Some("tmpfs"),
            nix::mount::MsFlags::empty(),
            Some("mode=0777"),
        )
        .unwrap();
        let guard = HostMount(sub.clone());
        fs::write(sub.join("file"), "on the submount\n").unwrap();
        fs::set_permissions(sub.join("file"), fs::Permissions::from_mode(0o666)).unwrap();
        guard
    });
    let has_sub = dir.join("sub/file").exists();
    let ro = format!("{}:/ro:ro", dir.display());
    let out = env.rpod(&[
        "run", "--rm", "-v", &ro, "busybox", "sh", "-c",
        r#"cat /ro/file
for f in /ro/file /ro/new /ro/sub/file /ro/sub/new; do [ -d $(dirname $f) ] && { echo x >> $f || echo "refused $f"; }; done
rm -f /ro/file || echo "refused rm"
mv /ro/file /ro/moved || echo "refused mv"
mkdir -p /ro2 && mount -t tmpfs none /ro2 || echo "refused mount tmpfs"
mount -o remount,rw /ro || echo "refused remount"
mount -o remount,rw,bind /ro || echo "refused bind remount"
mount --bind /ro2 /ro || echo "refused bind over"
umount /ro || echo "refused umount"
umount /etc/hosts || echo "refused umount hosts"
echo x > /sys/kernel/uevent_helper || echo "refused sys"
mkdir /sys/fs/cgroup/rpod-probe || echo "refused sys mkdir"
true"#,
    ]);
    out.success().stdout_has("host data");
    let mut expected = vec![
        "refused /ro/file",
        "refused /ro/new",
        "refused rm",
        "refused mv",
        "refused mount tmpfs",
        "refused remount",
        "refused bind remount",
        "refused bind over",
        "refused umount",
        "refused umount hosts",
        "refused sys",
        "refused sys mkdir",
    ];
    if has_sub {
        expected.extend(["refused /ro/sub/file", "refused /ro/sub/new"]);
    }
    for refused in expected {
        assert!(
            out.stdout.lines().any(|l| l == refused),
            "not {refused}\n{}\n{}",
            out.stdout,
            out.stderr
        );
    }
    assert_eq!(fs::read_to_string(&shared).unwrap(), "host data\n");
    assert!(!dir.join("new").exists() && !dir.join("moved").exists());
    if has_sub {
        assert_eq!(
            fs::read_to_string(dir.join("sub/file")).unwrap(),
            "on the submount\n"
        );
        assert!(!dir.join("sub/new").exists());
    }
}

#[test]
fn dot_dot_and_root_as_mount_targets_are_refused() {
    let env = ready();
    let host = env.write_file("work/h/file", b"x\n");
    let dir = host.parent().unwrap().display().to_string();
    for args in [
        vec!["-v".to_string(), format!("{dir}:/../../../tmp/x")],
        vec!["-v".to_string(), format!("{dir}:/a/../../b")],
        vec!["-v".to_string(), "vol:/x/../../../y".to_string()],
        vec![
            "--mount".to_string(),
            format!("type=bind,src={dir},target=/a/../.."),
        ],
        vec!["--tmpfs".to_string(), "/x/../../y".to_string()],
    ] {
        let mut full: Vec<&str> = vec!["run", "--rm"];
        full.extend(args.iter().map(String::as_str));
        full.extend(["busybox", "true"]);
        env.rpod(&full)
            .code(125)
            .stderr_has("must not contain ..")
            .no_panic();
    }
    for args in [["-v", "vol:/"], ["-v", "/tmp:/."], ["--tmpfs", "/"]] {
        let mut full = vec!["run", "--rm"];
        full.extend(args);
        full.extend(["busybox", "true"]);
        env.rpod(&full)
            .code(125)
            .stderr_has("must not be /")
            .no_panic();
    }
    assert!(
        env.rpod(&["volume", "ls", "-q"])
            .success()
            .trimmed()
            .is_empty()
    );
}

#[test]
fn descriptors_the_caller_left_open_do_not_reach_the_container() {
    let env = ready();
    let secret = env.write_file("work/secret/key", b"s3cret\n");
    let dir = secret.parent().unwrap();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    // A shell that opened a host directory without close-on-exec, then ran rpod.
    let probe =
        "ls /proc/self/fd; cat /proc/self/fd/7/key; echo pwned > /proc/self/fd/7/written; true";
    for args in [
        vec!["run", "--rm", "busybox", "sh", "-c", probe],
        vec!["exec", "c", "sh", "-c", probe],
        vec!["run", "--rm", "--init", "busybox", "sh", "-c", probe],
    ] {
        let mut cmd = env.command("sh");
        cmd.arg("-c")
            .arg(r#"exec 7< "$0"; exec "$@""#)
            .arg(dir)
            .arg(rpod_bin())
            .args(&args);
        let out = env.run_with_stdin(cmd, None);
        out.success();
        let fds: Vec<&str> = out.lines();
        assert!(
            !fds.contains(&"7") && !out.stdout.contains("s3cret"),
            "{args:?}: fd 7 reached the container\n{}",
            out.stdout
        );
        assert!(
            !dir.join("written").exists(),
            "{args:?}: written through fd 7"
        );
    }
    // With --init, PID 1 (rpod's reaper) holds nothing of the caller's either.
    let mut cmd = env.command("sh");
    cmd.arg("-c")
        .arg(r#"exec 7< "$0"; exec "$@""#)
        .arg(dir)
        .arg(rpod_bin())
        .args([
            "run",
            "-d",
            "--init",
            "--name",
            "reaped",
            "--network",
            "none",
            "busybox",
            "sleep",
            "600",
        ]);
    env.run_with_stdin(cmd, None).success();
    let init = env.rpod(&["inspect", "-f", "{{.State.Pid}}", "reaped"]);
    let init: u32 = init.success().trimmed().parse().unwrap();
    let held: Vec<String> = fs::read_dir(format!("/proc/{init}/fd"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(held.is_empty(), "the reaper holds descriptors {held:?}");
}

// ---------------------------------------------------------------------------------------
// Mount targets through symlinks

#[test]
fn volume_targets_through_symlinks_pointing_outside_stay_inside() {
    let env = ready();
    let dots = HostPath::new("dots");
    let abs = HostPath::new("abs");
    let relative = format!("../../../..{}", dots.inside());
    import(&env, "links", |l| {
        l.symlink("to-root", "/")
            .symlink("dots", &relative)
            .symlink("abs", abs.inside())
            .symlink("deep", "/to-root/../../dots/sub")
            .symlink("up", "../..")
            // As systemd-based images ship it, dangling until systemd-resolved runs.
            .symlink("etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf")
    });
    let host = env.write_file("work/hostdir/from-host", b"host file\n");
    let hostdir = host.parent().unwrap().display().to_string();
    // Where each mount must land inside the container, and so be seen.
    for (flag, target, lands) in [
        ("vol1:/dots", "/dots", dots.inside().to_string()),
        (
            &format!("{hostdir}:/abs") as &str,
            "/abs",
            abs.inside().to_string(),
        ),
        ("vol2:/deep", "/deep", format!("{}/sub", dots.inside())),
    ] {
        let out = env.rpod(&[
            "run", "--rm", "-v", flag, "links", "sh", "-c",
            &format!("echo from-container > {target}/written; readlink -f {target}; awk '{{print $5}}' /proc/self/mountinfo; ls {target}"),
        ]);
        let lines = out.success().lines();
        assert_eq!(lines[0], lands, "{flag}\n{}", out.stdout);
        assert!(
            lines.contains(&lands.as_str()),
            "{flag}: not a mount point at {lands}\n{}",
            out.stdout
        );
    }
    dots.assert_untouched();
    abs.assert_untouched();
    assert_eq!(
        fs::read_to_string(host.with_file_name("written")).unwrap(),
        "from-container\n"
    );
    let vol1 = env.rpod(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vol1"]);
    assert!(Path::new(vol1.success().trimmed()).join("written").exists());
    // rpod's own /etc files follow the same rule: the image's dangling resolv.conf gets the
    // container's resolver configuration where it leads.
    env.rpod(&[
        "run",
        "--rm",
        "links",
        "sh",
        "-c",
        "readlink -f /etc/resolv.conf; cat /etc/resolv.conf",
    ])
    .success()
    .stdout_has("/run/systemd/resolve/stub-resolv.conf\n")
    .stdout_has("nameserver");

    // A symlink to / would put the volume over the whole root, /proc and /dev and the masks
    // with it: refused, and the volume is left as it was (not filled with the image).
    for flag in ["vol3:/to-root", &format!("{hostdir}:/to-root"), "vol4:/up"] {
        env.rpod(&["run", "--rm", "-v", flag, "links", "true"])
            .code(125)
            .stderr_has(&flag[flag.find(':').unwrap() + 1..])
            .stderr_has("leads to the container's root directory")
            .no_panic();
    }
    let vol3 = env.rpod(&["volume", "inspect", "-f", "{{.Mountpoint}}", "vol3"]);
    assert_eq!(fs::read_dir(vol3.success().trimmed()).unwrap().count(), 0);
    assert_eq!(
        fs::read_dir(&hostdir).unwrap().count(),
        2,
        "the host directory is unchanged"
    );
}

#[test]
fn a_containers_own_symlinks_cannot_redirect_its_mounts_on_the_next_start() {
    let env = ready();
    let outside = HostPath::new("swapped");
    let secret = env.write_file("work/secret/key", b"s3cret\n");
    let shared = env.write_file("work/shared/file", b"shared\n");
    let shared_dir = shared.parent().unwrap().display().to_string();
    fs::create_dir_all(shared.with_file_name("sub")).unwrap();
    std::os::unix::fs::chown(shared.with_file_name("sub"), Some(user().0), Some(user().1)).unwrap();
    // First run: the container swaps the parent of its volume's mount point for a symlink out
    // of its root, and the bind source below its writable bind for a symlink to a host
    // directory it was never given. Second run: the mounts follow neither.
    let script = format!(
        r#"if [ -L /d ]; then echo second; cat /d/mnt/kept; ls /sub; exit 0; fi
echo kept > /d/mnt/kept
mv /d /d.old && ln -s ../../../..{outside} /d
rm -rf /shared/sub && ln -s {secret} /shared/sub
echo first"#,
        outside = outside.inside(),
        secret = secret.parent().unwrap().display(),
    );
    env.rpod(&[
        "create",
        "--name",
        "c",
        "-v",
        "vol:/d/mnt",
        "-v",
        &format!("{shared_dir}:/shared"),
        "-v",
        &format!("{shared_dir}/sub:/sub"),
        "busybox",
        "sh",
        "-c",
        &script,
    ])
    .success();
    env.rpod(&["start", "-a", "c"])
        .success()
        .stdout_has("first");
    let second = env.rpod(&["start", "-a", "c"]);
    second
        .code(125)
        .stderr_has(&format!("bind {shared_dir}/sub"))
        .stderr_has("holds a symlink now")
        .no_panic();
    assert!(
        !second.stdout.contains("key"),
        "the secret directory was bound"
    );
    outside.assert_untouched();
    // Without the swapped bind the container starts, its volume where the symlink now leads
    // inside its root.
    fs::remove_file(shared.with_file_name("sub")).unwrap();
    env.rpod(&["rm", "c"]).success();
    env.rpod(&[
        "create",
        "--name",
        "c2",
        "-v",
        "vol:/d/mnt",
        "busybox",
        "sh",
        "-c",
        &script,
    ])
    .success();
    env.rpod(&["start", "-a", "c2"]).success();
    let out = env.rpod(&["start", "-a", "c2"]);
    out.success().stdout_has("second\nkept");
    outside.assert_untouched();
}

// ---------------------------------------------------------------------------------------
// The rpod binary

#[test]
fn the_rpod_binary_cannot_be_overwritten_from_inside() {
    let env = ready();
    // rpod as a user installs it (~/.cargo/bin, ~/bin): owned by that user, so that inside
    // the user namespace the container's root passes the permission check on it. Only rpod's
    // own care keeps it out of reach.
    let bin = env.path("bin/rpod");
    fs::create_dir_all(bin.parent().unwrap()).unwrap();
    fs::copy(rpod_bin(), &bin).unwrap();
    std::os::unix::fs::chown(bin.parent().unwrap(), Some(user().0), Some(user().1)).unwrap();
    std::os::unix::fs::chown(&bin, Some(user().0), Some(user().1)).unwrap();
    let before = file_hash(&bin);
    let hex = before.trim_start_matches("sha256:").to_string();
    let rpod = |args: &[&str]| {
        let mut cmd = env.command(&bin);
        cmd.args(args);
        env.run_with_stdin(cmd, None)
    };
    // Every way a process inside could name a host binary: its own exe, PID 1's (rpod's
    // reaper with --init), every other visible process's. A hit is any exe whose hash is
    // rpod's; then come the writes.
    let attack = format!(
        r#"for p in /proc/[0-9]* /proc/self; do
  if [ "$(sha256sum $p/exe 2>/dev/null | cut -d' ' -f1)" = "{hex}" ]; then echo "REACHED $p"; fi
  ( echo x >> $p/exe ) 2>/dev/null
  cp /bin/busybox $p/exe 2>/dev/null
  ( true > $p/exe ) 2>/dev/null
done
true"#
    );
    rpod(&[
        "run",
        "-d",
        "--init",
        "--name",
        "reaped",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    rpod(&[
        "run",
        "-d",
        "--init",
        "--privileged",
        "--name",
        "privileged",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let mut outs = vec![
        rpod(&[
            "run",
            "--rm",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            &attack,
        ]),
        rpod(&[
            "run",
            "--rm",
            "--init",
            "--network",
            "none",
            "busybox",
            "sh",
            "-c",
            &attack,
        ]),
        rpod(&["exec", "reaped", "sh", "-c", &attack]),
        rpod(&["exec", "privileged", "sh", "-c", &attack]),
        rpod(&["exec", "--privileged", "reaped", "sh", "-c", &attack]),
    ];
    // exec's helper is the rpod binary inside the container's PID namespace until it execs:
    // a watcher races for its /proc/PID/exe while execs come and go.
    let watcher = env
        .command(&bin)
        .args([
            "exec", "privileged", "sh", "-c",
            &format!(
                r#"end=$(( $(date +%s) + 8 )); while [ $(date +%s) -lt $end ]; do
  for p in /proc/[0-9]*; do
    [ "$(sha256sum $p/exe 2>/dev/null | cut -d' ' -f1)" = "{hex}" ] && echo "REACHED $p" && ( echo x >> $p/exe )
  done
done 2>/dev/null; true"#
            ),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..20 {
        rpod(&["exec", "privileged", "true"]).success();
    }
    outs.push(wait_output(watcher, "watcher"));
    for out in &outs {
        out.success();
        assert!(
            !out.stdout.contains("REACHED"),
            "{}\n{}",
            out.cmd,
            out.stdout
        );
    }
    assert_eq!(file_hash(&bin), before, "the rpod binary changed");
    // The binary still runs: nothing truncated it either.
    rpod(&["version"]).success();
}
