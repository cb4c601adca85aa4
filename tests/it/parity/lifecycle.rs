//! Picking containers for stop, start, restart, rm, pause, kill: --all, --filter, --latest,
//! --cidfile, --ignore, and rm's --depend and --time.

use std::time::{Duration, Instant};

use super::{sleeper, state};
use crate::common::Env;

#[test]
fn stop_start_and_restart_pick_containers_by_filter_cidfile_and_state() {
    let env = Env::with_busybox();
    let a = sleeper(&env, "a", &["--label", "tier=web"]);
    sleeper(&env, "b", &["--label", "tier=db"]);
    let cidfile = env.write_file("work/a.cid", format!("{a}\n").as_bytes());
    // stop --filter stops only what the filter picks.
    env.rpod(&["stop", "-t", "0", "--filter", "label=tier=db"])
        .success();
    assert_eq!(state(&env, "b"), "exited");
    assert_eq!(state(&env, "a"), "running");
    // stop --cidfile reads the id; --ignore forgives a missing container and file.
    env.rpod(&["stop", "-t", "0", "--cidfile", cidfile.to_str().unwrap()])
        .success();
    assert_eq!(state(&env, "a"), "exited");
    env.rpod(&["stop", "nosuch"])
        .failure()
        .stderr_has("no such container");
    env.rpod(&[
        "stop",
        "--ignore",
        "nosuch",
        "--cidfile",
        "/nonexistent.cid",
    ])
    .success();
    // start --all starts every stopped container; --filter picks among them.
    env.rpod(&["start", "--filter", "name=a"]).success();
    assert_eq!(
        (state(&env, "a").as_str(), state(&env, "b").as_str()),
        ("running", "exited")
    );
    env.rpod(&["start", "--all"]).success();
    assert_eq!(state(&env, "b"), "running");
    // restart --all --running restarts only running ones: a stopped c stays stopped.
    env.rpod(&[
        "create",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    let started_before = env
        .rpod(&["inspect", "-f", "{{.State.StartedAt}}", "a"])
        .trimmed()
        .to_string();
    env.rpod(&["restart", "-t", "0", "--all", "--running"])
        .success();
    assert_eq!(state(&env, "c"), "created");
    let started_after = env
        .rpod(&["inspect", "-f", "{{.State.StartedAt}}", "a"])
        .trimmed()
        .to_string();
    assert_ne!(started_before, started_after, "a was not restarted");
    // --latest: the container created last (c).
    env.rpod(&["inspect", "--latest", "-f", "{{.Name}}"])
        .success()
        .stdout_has("c");
    env.rpod(&["pause", "--filter", "name=b"]).success();
    assert_eq!(state(&env, "b"), "paused");
    env.rpod(&["unpause", "--all"]).success();
    assert_eq!(state(&env, "b"), "running");
    env.rpod(&["kill", "--cidfile", cidfile.to_str().unwrap()])
        .success();
    super::wait_until(|| state(&env, "a") == "exited");
    env.rpod(&["stop", "--filter", "color=red"])
        .code(125)
        .stderr_has("invalid filter");
    env.rpod(&["rm", "-f", "-a"]).success();
}

#[test]
fn rm_ignores_depends_and_waits_for_a_clean_stop() {
    let env = Env::with_busybox();
    let base = sleeper(&env, "base", &[]);
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "sidecar",
        "--network",
        "container:base",
        "busybox",
        "sleep",
        "60",
    ])
    .success();
    // --depend removes what shares base's network first, then base.
    env.rpod(&["rm", "-f", "-t", "0", "--depend", "base"])
        .success()
        .stdout_has("base");
    env.rpod(&["container", "exists", "sidecar"]).code(1);
    env.rpod(&["container", "exists", &base]).code(1);
    // -t: a container that stops on SIGTERM is stopped by it, not killed.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "polite",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 7' TERM; while :; do sleep 0.1; done",
    ])
    .success();
    super::wait_until(|| env.rpod(&["top", "polite"]).stdout.contains("sleep"));
    let start = Instant::now();
    env.rpod(&["stop", "-t", "5", "polite"]).success();
    assert!(start.elapsed() < Duration::from_secs(5));
    env.rpod(&["inspect", "-f", "{{.State.ExitCode}}", "polite"])
        .success()
        .stdout_has("7");
    sleeper(&env, "doomed", &[]);
    env.rpod(&["rm", "-f", "-t", "1", "doomed"]).success();
    env.rpod(&["rm", "nosuch"])
        .code(1)
        .stderr_has("no such container");
    env.rpod(&["rm", "--ignore", "nosuch"]).success();
    let cid = env.write_file("work/polite.cid", b"polite\n");
    env.rpod(&["rm", "--cidfile", cid.to_str().unwrap()])
        .success();
    env.rpod(&["container", "exists", "polite"]).code(1);
}
