//! `init`: a created container is checked and prepared for its start, and stays Created.

use super::{sleeper, state};
use crate::common::Env;

#[test]
fn init_prepares_a_created_container_and_refuses_what_cannot_start() {
    let env = Env::with_busybox();
    env.rpod(&[
        "create",
        "--name",
        "web",
        "--network",
        "none",
        "busybox",
        "echo",
        "ready",
    ])
    .success();
    env.rpod(&["init", "web"]).success().stdout_has("web");
    assert_eq!(state(&env, "web"), "created");
    env.rpod(&["start", "-a", "web"])
        .success()
        .stdout_has("ready");
    // What a start would refuse, init refuses: here a network namespace to join that is
    // not there, as the other container does not run.
    env.rpod(&[
        "create",
        "--name",
        "idle",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&[
        "create",
        "--name",
        "joiner",
        "--network",
        "container:idle",
        "busybox",
        "true",
    ])
    .success();
    let refused = env.rpod(&["container", "init", "joiner"]);
    refused.code(125).stderr_has("idle is in state");
    assert_eq!(state(&env, "joiner"), "created");
    // A running container is past init, as podman says.
    sleeper(&env, "busy", &[]);
    env.rpod(&["init", "busy"])
        .code(125)
        .stderr_has("already been created in runtime");
    // --all: every container that is not running (by id, as podman prints them).
    env.rpod(&["rm", "joiner"]).success();
    let all = env.rpod(&["init", "--all"]);
    all.success();
    let id = |name: &str| {
        let out = env.rpod(&["inspect", "-f", "{{.Id}}", name]);
        out.success().trimmed().to_string()
    };
    let mut printed = all.lines();
    printed.sort_unstable();
    let mut expected = vec![id("idle"), id("web")];
    expected.sort_unstable();
    assert_eq!(printed, expected);
}
