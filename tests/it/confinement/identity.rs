//! What a container sees of the host and of itself: pids, capabilities, masked and
//! read-only paths.

use super::*;

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
    let env = Env::with_busybox();
    let host_init = fs::read_to_string("/proc/1/cmdline")
        .unwrap()
        .replace('\0', " ");
    let host_init = host_init.trim();
    let me = std::process::id();
    sleeper(&env, "c");
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
    let env = Env::with_busybox();
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
    let env = Env::with_busybox();
    let masked = probe_masked();
    let read_only = probe_read_only();
    sleeper(&env, "c");
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
