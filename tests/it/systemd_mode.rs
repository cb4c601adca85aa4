//! `--systemd=true|false|always`: in systemd mode a container really gets tmpfs mounts on
//! systemd's directories, `container_uuid`, its cgroup at /sys/fs/cgroup (writable where a
//! cgroup tree is delegated, read-only with a warning where not) and SIGRTMIN+3 as its stop
//! signal; `true` turns the mode on for an init command only. With -t, /dev/console is the
//! terminal, where systemd writes its boot.

use crate::common::Env;

const TMPFS: [&str; 4] = ["/run", "/run/lock", "/tmp", "/var/log/journal"];

#[test]
fn systemd_mode_mounts_tmpfs_sets_the_environment_and_stops_with_rtmin_3() {
    check(&Env::with_busybox());
}

/// `--systemd` for run_flags' every-option check too.
pub fn check(env: &Env) {
    always(env);
    sized(env);
    only_for_an_init(env);
    env.rpod(&["run", "--rm", "--systemd=bogus", "busybox", "true"])
        .code(125)
        .stderr_has("\"bogus\"")
        .stderr_has("expected true, false or always");
}

/// The mount at `target` in a mountinfo text: (its options, its file system type).
fn mount_at<'a>(mountinfo: &'a str, target: &str) -> Option<(&'a str, &'a str)> {
    mountinfo.lines().rev().find_map(|line| {
        let (left, right) = line.split_once(" - ")?;
        let fields: Vec<&str> = left.split_whitespace().collect();
        (fields.get(4) == Some(&target))
            .then(|| (fields[5], right.split_whitespace().next().unwrap_or("")))
    })
}

fn always(env: &Env) {
    let run = env.rpod(&[
        "run",
        "-d",
        "--name",
        "sd",
        "--network",
        "none",
        "--systemd=always",
        "busybox",
        "sh",
        "-c",
        // busybox's trap takes the signal's number: SIGRTMIN+3 is 37 (glibc's SIGRTMIN is 34).
        "trap 'echo got 37; exit 37' 37; cat /proc/self/mountinfo; env; echo ready; \
         while :; do sleep 0.1; done",
    ]);
    run.success();
    let id = run.trimmed().to_string();
    let logs = wait_for_log(env, "sd", "ready");
    for target in TMPFS {
        let (_, fstype) = mount_at(&logs, target)
            .unwrap_or_else(|| panic!("nothing is mounted on {target}:\n{logs}"));
        assert_eq!(fstype, "tmpfs", "{target}:\n{logs}");
    }
    let (options, fstype) = mount_at(&logs, "/sys/fs/cgroup").expect("a cgroup mount");
    assert_eq!(fstype, "cgroup2");
    // A delegated cgroup tree (a unified host with a user's delegation) makes the
    // container's own cgroup writable; this CI host has none, and says so.
    let warned = run.stderr.contains("systemd mode:");
    assert_eq!(
        options.starts_with("ro"),
        warned,
        "cgroup mount {options}, stderr: {}",
        run.stderr
    );
    assert!(
        logs.contains(&format!("container_uuid={}", &id[..32])),
        "{logs}"
    );
    assert!(logs.contains("container=rpod"), "{logs}");
    env.rpod(&[
        "inspect",
        "-f",
        "{{.Config.Systemd}} {{.Config.StopSignal}}",
        "sd",
    ])
    .success()
    .stdout_has("always SIGRTMIN+3");
    env.rpod(&["stop", "sd"]).success();
    env.rpod(&["logs", "sd"]).success().stdout_has("got 37");
    env.rpod(&["inspect", "-f", "{{.State.ExitCode}}", "sd"])
        .success()
        .stdout_has("37");
    env.rpod(&["rm", "sd"]).success();
}

/// The tmpfs mounts' super options (after the file system type and source) at `target`.
fn super_options<'a>(mountinfo: &'a str, target: &str) -> &'a str {
    mountinfo
        .lines()
        .rev()
        .find(|line| line.split_whitespace().nth(4) == Some(target))
        .and_then(|line| line.split(" - ").nth(1))
        .and_then(|right| right.split_whitespace().nth(2))
        .unwrap_or_else(|| panic!("nothing is mounted on {target}:\n{mountinfo}"))
}

/// `--shm-size-systemd`: every tmpfs of the mode gets the size; without it the kernel's
/// default (half the memory); outside systemd mode it warns that it does nothing.
fn sized(env: &Env) {
    let run = |extra: &[&str]| {
        let mut args = vec!["run", "--rm", "--network", "none", "--systemd=always"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["busybox", "cat", "/proc/self/mountinfo"]);
        env.rpod(&args).success().stdout.clone()
    };
    let sized = run(&["--shm-size-systemd", "8m"]);
    let plain = run(&[]);
    for target in TMPFS {
        assert!(
            super_options(&sized, target).contains("size=8192k"),
            "{target}: {}",
            super_options(&sized, target)
        );
        assert!(
            !super_options(&plain, target).contains("size=8192k"),
            "{target} without the option: {}",
            super_options(&plain, target)
        );
    }
    env.rpod(&["run", "--rm", "--shm-size-systemd", "8m", "busybox", "true"])
        .success()
        .stderr_has("--shm-size-systemd 8388608 has no effect");
    env.rpod(&[
        "run",
        "--rm",
        "--shm-size-systemd",
        "lots",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("--shm-size-systemd");
}

fn wait_for_log(env: &Env, name: &str, line: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let logs = env.rpod(&["logs", name]);
        if logs.stdout.contains(line) || std::time::Instant::now() > deadline {
            return logs.stdout;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn only_for_an_init(env: &Env) {
    let plain = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "cat /proc/self/mountinfo; env",
    ]);
    plain.success();
    for target in TMPFS.iter().chain(&["/sys/fs/cgroup"]) {
        assert!(
            mount_at(&plain.stdout, target).is_none(),
            "{target} is mounted without systemd mode:\n{}",
            plain.stdout
        );
    }
    assert!(
        !plain.stdout.contains("container_uuid="),
        "{}",
        plain.stdout
    );
    let format = "{{.Config.Systemd}} {{.Config.StopSignal}}";
    env.rpod(&["create", "--name", "shell", "busybox", "sh"])
        .success();
    env.rpod(&["inspect", "-f", format, "shell"])
        .success()
        .stdout_has("true SIGTERM");
    env.rpod(&["create", "--name", "init", "busybox", "/sbin/init"])
        .success();
    env.rpod(&["inspect", "-f", format, "init"])
        .success()
        .stdout_has("true SIGRTMIN+3");
    env.rpod(&["inspect", "-f", "{{.Config.Env}}", "init"])
        .success()
        .stdout_has("container_uuid=");
    // The user's stop signal wins over systemd's.
    env.rpod(&[
        "create",
        "--name",
        "own-signal",
        "--stop-signal",
        "USR1",
        "busybox",
        "/usr/lib/systemd/systemd",
    ])
    .success();
    env.rpod(&["inspect", "-f", format, "own-signal"])
        .success()
        .stdout_has("true SIGUSR1");
    env.rpod(&[
        "create",
        "--name",
        "off",
        "--systemd=false",
        "busybox",
        "/sbin/init",
    ])
    .success();
    env.rpod(&["inspect", "-f", format, "off"])
        .success()
        .stdout_has("false SIGTERM");
    // An init that cannot have a cgroup of its own to write is refused with the reason:
    // systemd 252 exits at once when it cannot create init.scope.
    let start = env.rpod(&["start", "init"]);
    if start.code != 0 {
        start
            .stderr_has("in systemd mode")
            .stderr_has("--systemd=false");
    }
    // Without cgroups the fix is to have them, wherever the host delegates.
    env.rpod(&[
        "create",
        "--name",
        "nocg",
        "--cgroups=disabled",
        "busybox",
        "/sbin/init",
    ])
    .success();
    env.rpod(&["start", "nocg"])
        .failure()
        .stderr_has("--cgroups=disabled")
        .stderr_has("create the container without --cgroups=disabled");
    let start = env.rpod(&["start", "nocg"]);
    assert!(!start.stderr.contains("delegat"), "{}", start.stderr);
    env.rpod(&[
        "rm",
        "-f",
        "-t",
        "0",
        "shell",
        "init",
        "own-signal",
        "off",
        "nocg",
    ])
    .success();
}

/// With -t the container's /dev/console is its terminal (the OCI runtime spec's rule): what
/// systemd as init writes there is what `logs` shows. Without one there is no console.
#[test]
fn a_terminal_is_the_containers_console() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "-t",
        "--name",
        "console",
        "busybox",
        "sh",
        "-c",
        // As systemd does: its standard streams to /dev/null, then /dev/console opened for
        // each message. In between no descriptor of the terminal is open in the container.
        "exec </dev/null >/dev/null 2>&1; sleep 1; echo booted > /dev/console; sleep 1000",
    ])
    .success();
    let start = std::time::Instant::now();
    while !env.rpod(&["logs", "console"]).stdout.contains("booted") {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(15),
            "{}",
            env.rpod(&["logs", "console"]).stdout
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    env.rpod(&["rm", "-f", "-t", "0", "console"]).success();
    env.rpod(&["run", "--rm", "busybox", "test", "-e", "/dev/console"])
        .code(1);
}
