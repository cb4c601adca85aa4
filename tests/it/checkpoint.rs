//! `container checkpoint` and `container restore`: rootless checkpoints need CAP_SYS_ADMIN in
//! the host's initial user namespace, so both are refused with that reason (exit 125), after
//! the options and the containers named are checked; the container goes on as if nothing
//! had been asked.

use crate::common::Env;
use crate::process_ops::{counter, read_count, wait_until};

fn inspect(env: &Env, format: &str, name: &str) -> String {
    env.rpod(&["inspect", "-f", format, name])
        .success()
        .trimmed()
        .to_string()
}

#[test]
fn checkpoint_is_refused_with_the_reason_and_the_container_keeps_counting() {
    let env = Env::with_busybox();
    counter(&env, "c");
    let pid = inspect(&env, "{{.State.Pid}}", "c");
    let started = inspect(&env, "{{.State.StartedAt}}", "c");
    let archive = env.base.join("c.tar.zst");
    let archive = archive.to_str().unwrap();
    for args in [
        &["container", "checkpoint", "c"][..],
        &["container", "checkpoint", "-l"],
        &["container", "checkpoint", "--all"],
        &[
            "container",
            "checkpoint",
            "--leave-running",
            "--tcp-established",
            "--export",
            archive,
            "--compress",
            "gzip",
            "--ignore-rootfs",
            "--keep",
            "c",
        ],
    ] {
        env.rpod(args)
            .code(125)
            .stderr_has("cannot checkpoint container c: it needs CAP_SYS_ADMIN in the host's initial user namespace")
            .stderr_has("PTRACE_O_SUSPEND_SECCOMP")
            .stderr_has("setcap cap_sys_admin")
            .stderr_has("c keeps running, untouched");
    }
    assert!(
        !std::path::Path::new(archive).exists(),
        "a refused checkpoint wrote {archive}"
    );
    // The same process, never stopped or restarted, still counting.
    let before = read_count(&env, "c").expect("the counter's file");
    wait_until(|| read_count(&env, "c").is_some_and(|n| n >= before + 5));
    assert_eq!(inspect(&env, "{{.State.Status}}", "c"), "running");
    assert_eq!(inspect(&env, "{{.State.Pid}}", "c"), pid);
    assert_eq!(inspect(&env, "{{.State.StartedAt}}", "c"), started);

    env.rpod(&["container", "restore", "c"])
        .code(125)
        .stderr_has("cannot restore container c: it needs CAP_SYS_ADMIN")
        .stderr_has("c is left as it was");
    let export = env.base.join("from-podman.tar");
    std::fs::write(&export, b"not read").unwrap();
    env.rpod(&[
        "container",
        "restore",
        "--import",
        export.to_str().unwrap(),
        "--name",
        "imported",
    ])
    .code(125)
    .stderr_has("cannot restore a container from")
    .stderr_has("from-podman.tar: it needs CAP_SYS_ADMIN");
    assert_eq!(inspect(&env, "{{.State.Pid}}", "c"), pid);
    env.rpod(&["ps", "-a", "--format", "{{.Names}}"])
        .success()
        .stdout_has("c");
    // Not "d": `exists` also matches id prefixes, and c's id starts with d one time in 16.
    env.rpod(&["container", "exists", "imported"]).code(1);
}

#[test]
fn checkpoint_and_restore_check_their_arguments_first() {
    let env = Env::with_busybox();
    for verb in ["checkpoint", "restore"] {
        env.rpod(&["container", verb, "nosuch"])
            .code(1)
            .stderr_has("no container with name or ID \"nosuch\" found: no such container");
        env.rpod(&["container", verb, "-l"])
            .code(1)
            .stderr_has("no such container");
        env.rpod(&["container", verb])
            .code(125)
            .stderr_has("required arguments");
    }
    // Nothing to checkpoint, nothing checkpointed: --all does nothing, as podman's.
    env.rpod(&["container", "checkpoint", "--all"]).success();
    env.rpod(&["container", "restore", "--all"]).success();

    env.rpod(&["create", "--name", "made", "busybox", "true"])
        .success();
    env.rpod(&["container", "checkpoint", "made"])
        .code(125)
        .stderr_has("can only checkpoint running containers: made is in state created");
    for (args, says) in [
        (
            &["checkpoint", "--compress", "gzip", "made"][..],
            "--export",
        ),
        (
            &["checkpoint", "--compress", "lz4", "-e", "x", "made"],
            "lz4",
        ),
        (&["checkpoint", "--ignore-rootfs", "made"], "--export"),
        (
            &["checkpoint", "--pre-checkpoint", "--with-previous", "made"],
            "--with-previous",
        ),
        (&["checkpoint", "--all", "made"], "cannot be used with"),
        (&["restore", "--name", "x", "made"], "--import"),
        (&["restore", "--publish", "8080:80", "made"], "--import"),
        (
            &["restore", "--import", "a.tar", "made"],
            "name no container with it",
        ),
        (
            &["restore", "--tcp-established", "--tcp-close", "made"],
            "cannot be used with",
        ),
        (
            &["restore", "--import", "/nonexistent.tar"],
            "/nonexistent.tar",
        ),
    ] {
        let mut argv = vec!["container"];
        argv.extend_from_slice(args);
        env.rpod(&argv).code(125).stderr_has(says);
    }
    assert_eq!(inspect(&env, "{{.State.Status}}", "made"), "created");
}
