//! `container runlabel` (the command an image carries in a label) and `container cleanup`.

use crate::common::Env;

#[test]
fn runlabel_runs_the_label_command_as_rpod_with_image_and_name() {
    let env = Env::with_busybox();
    env.rpod_with_stdin(
        &["build", "-q", "--network", "none", "-t", "labelled", "-"],
        b"FROM busybox\nLABEL RUN=\"podman run --rm --network none --name NAME IMAGE echo ran-as NAME\"\n",
    )
    .success();
    let shown = env.rpod(&["container", "runlabel", "--display", "RUN", "labelled"]);
    shown
        .success()
        .stdout_has("run --rm --network none --name labelled labelled echo ran-as labelled");
    assert!(
        !shown.stdout.contains("podman"),
        "podman becomes rpod: {}",
        shown.stdout
    );
    // Arguments after the image join the command; the container really ran.
    env.rpod(&[
        "container",
        "runlabel",
        "--name",
        "mine",
        "RUN",
        "labelled",
        "extra",
    ])
    .success()
    .stdout_has("ran-as mine extra");
    env.rpod(&["container", "runlabel", "INSTALL", "labelled"])
        .code(125)
        .stderr_has("cannot find the value of label: INSTALL");
}

#[test]
fn cleanup_removes_only_stopped_containers_when_asked() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "done",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    super::sleeper(&env, "busy", &[]);
    env.rpod(&["container", "cleanup", "done"])
        .success()
        .stdout_has("done");
    env.rpod(&["container", "exists", "done"]).code(0);
    env.rpod(&["container", "cleanup", "--rm", "done"])
        .success();
    env.rpod(&["container", "exists", "done"]).code(1);
    env.rpod(&["container", "cleanup", "busy"])
        .code(125)
        .stderr_has("running");
    assert_eq!(super::state(&env, "busy"), "running");
    env.rpod(&["rm", "-f", "-t", "0", "busy"]).success();
}
