//! `--ipc`, `--uts` and `--pid`: a container really joins another's IPC, UTS and PID
//! namespaces (its message queues, hostname and processes), the host's when asked, and its
//! own by default; what cannot work rootless is refused with the reason.

use crate::common::Env;

const NS_IDS: &str = "readlink /proc/self/ns/ipc; readlink /proc/self/ns/uts";

#[test]
fn containers_share_ipc_and_uts_namespaces_and_what_cannot_work_is_refused() {
    check(&Env::with_busybox());
}

/// `--ipc`, `--uts` and `--pid` for run_flags' every-option check too.
pub fn check(env: &Env) {
    joins(env);
    pids(env);
    refusals(env);
}

/// Sees the processes of the namespace it joins, and `top` and `pause` still act on the
/// container's own processes only.
fn pids(env: &Env) {
    env.rpod(&["run", "-d", "--name", "pids", "busybox", "sleep", "601"])
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--pid",
        "container:pids",
        "busybox",
        "sh",
        "-c",
        "ps -o pid,args; cat /proc/1/cmdline | tr '\\0' ' '",
    ])
    .success()
    .stdout_has("sleep 601")
    .stdout_has("ps -o pid,args");
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "joiner",
        "--pid",
        "container:pids",
        "busybox",
        "sleep",
        "602",
    ])
    .success();
    let top = env.rpod(&["top", "joiner"]);
    top.success().stdout_has("sleep 602");
    assert!(!top.stdout.contains("sleep 601"), "{}", top.stdout);
    env.rpod(&["exec", "joiner", "ps"])
        .success()
        .stdout_has("sleep 601");
    // The host's: a process of the host's is seen, and its /proc is the host's.
    let mut host = std::process::Command::new("sleep")
        .arg("603")
        .spawn()
        .unwrap();
    let seen = env.rpod(&[
        "run",
        "--rm",
        "--pid",
        "host",
        "busybox",
        "sh",
        "-c",
        "ps -o pid,args",
    ]);
    let _ = host.kill();
    let _ = host.wait();
    seen.success()
        .stdout_has(&format!("{} sleep 603", host.id()));
    env.rpod(&[
        "run", "-d", "--name", "hostpid", "--pid", "host", "busybox", "sleep", "604",
    ])
    .success();
    let top = env.rpod(&["top", "hostpid"]);
    top.success().stdout_has("sleep 604");
    assert!(top.stdout.lines().count() <= 3, "{}", top.stdout);
    env.rpod(&["pause", "hostpid"]).success();
    env.rpod(&["unpause", "hostpid"]).success();
    // The owner's end ends the PID namespace, and the joiner with it.
    env.rpod(&["stop", "-t", "1", "pids"]).success();
    env.rpod(&["wait", "joiner"]).success();
    env.rpod(&["rm", "-f", "-t", "0", "pids", "joiner", "hostpid"])
        .success();
}

fn joins(env: &Env) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "owner",
        "--hostname",
        "owner-host",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    // A POSIX message queue lives in the IPC namespace: creating one in mqueue makes it.
    env.rpod(&["exec", "owner", "touch", "/dev/mqueue/shared-q"])
        .success();
    let own = env.rpod(&["exec", "owner", "sh", "-c", NS_IDS]);
    own.success();
    let shared = env.rpod(&[
        "run",
        "--rm",
        "--ipc",
        "container:owner",
        "--uts",
        "container:owner",
        "busybox",
        "sh",
        "-c",
        &format!("hostname; ls /dev/mqueue; {NS_IDS}"),
    ]);
    shared
        .success()
        .stdout_has("owner-host\nshared-q\n")
        .stdout_has(own.trimmed());
    let private = env.rpod(&[
        "run",
        "--rm",
        "--ipc",
        "shareable",
        "busybox",
        "ls",
        "/dev/mqueue",
    ]);
    private.success();
    assert!(!private.stdout.contains("shared-q"), "{}", private.stdout);
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    env.rpod(&["run", "--rm", "--uts", "host", "busybox", "hostname"])
        .success()
        .stdout_has(host.trim());
    env.rpod(&["stop", "-t", "1", "owner"]).success();
    env.rpod(&["run", "--rm", "--uts", "container:owner", "busybox", "true"])
        .code(125)
        .stderr_has("owner is in state exited");
    env.rpod(&["rm", "owner"]).success();
}

fn refusals(env: &Env) {
    for (args, says) in [
        (["--pid", "container:x"], "container:x"),
        (["--pid", "bogus"], "--pid"),
        (["--ipc", "container:"], "--ipc"),
        (["--uts", "shareable"], "--uts"),
        (["--uts", "container:nosuch"], "nosuch"),
    ] {
        env.rpod(&[&["run", "--rm"], &args[..], &["busybox", "true"]].concat())
            .code(125)
            .stderr_has(says);
    }
    env.rpod(&["run", "-d", "--name", "a", "busybox", "sleep", "600"])
        .success();
    env.rpod(&["run", "-d", "--name", "b", "busybox", "sleep", "600"])
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "container:a",
        "--ipc",
        "container:b",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("all must name the same container");
    // A container on a user-defined network is in that network's user namespace.
    env.rpod(&["network", "create", "shared-net"]).success();
    for flag in ["--ipc", "--uts", "--pid"] {
        env.rpod(&[
            "run",
            "--rm",
            "--network",
            "shared-net",
            flag,
            "container:b",
            "busybox",
            "true",
        ])
        .code(125)
        .stderr_has(flag)
        .stderr_has("user-defined network");
    }
    // rm --depend takes the containers sharing a's IPC namespace with it.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--ipc",
        "container:a",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    env.rpod(&["rm", "-f", "--depend", "a"]).success();
    let left = env.rpod(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(left.trimmed(), "b", "{}", left.stdout);
    env.rpod(&["rm", "-f", "-t", "0", "b"]).success();
}
