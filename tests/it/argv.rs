//! Every word after the image (or the container, for exec) belongs to the container, as docker
//! and podman parse it: `rpod run IMG -d` runs `-d`, it does not detach.

use crate::common::Env;

#[test]
fn words_after_the_image_are_the_containers() {
    let env = Env::with_busybox();
    // With an entrypoint, `run IMG -d --name x --help -v` hands those words to it.
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--entrypoint",
        "echo",
        "busybox",
        "-d",
        "--name",
        "x",
        "--help",
        "-v",
    ])
    .success()
    .stdout_has("-d --name x --help -v");
    // None of them was taken by rpod: no container named x, nothing detached.
    assert!(env.rpod(&["ps", "-a", "-q"]).trimmed().is_empty());
    env.rpod(&["inspect", "x"]).failure();
    // Options before the image are still rpod's.
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-e",
        "V=1",
        "busybox",
        "sh",
        "-c",
        "echo $V -e",
    ])
    .success()
    .stdout_has("1 -e");
}

#[test]
fn create_keeps_words_after_the_image_as_the_command() {
    let env = Env::with_busybox();
    let id = env.rpod(&[
        "create",
        "--network",
        "none",
        "busybox",
        "echo",
        "--name",
        "y",
        "-t",
    ]);
    id.success();
    let id = id.trimmed().to_string();
    env.rpod(&["inspect", "-f", "{{.Config.Cmd}}", &id])
        .success()
        .stdout_has("echo --name y -t");
    env.rpod(&["inspect", "-f", "{{.Config.Tty}}", &id])
        .success()
        .stdout_has("false");
    env.rpod(&["start", "-a", &id])
        .success()
        .stdout_has("--name y -t");
}

#[test]
fn exec_passes_every_word_after_the_container_to_the_command() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "60",
    ])
    .success();
    env.rpod(&["exec", "c", "echo", "-it", "--user", "nobody", "-d"])
        .success()
        .stdout_has("-it --user nobody -d");
    env.rpod(&["exec", "-e", "W=2", "c", "sh", "-c", "echo $W"])
        .success()
        .stdout_has("2");
    env.rpod(&["exec", "c"])
        .code(125)
        .stderr_has("must provide a non-empty command");
    env.rpod(&["rm", "-f", "c"]).success();
}
