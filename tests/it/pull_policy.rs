//! `pull --policy` as podman's: always (the default), missing, never, newer; and
//! `--disable-content-trust`, docker's flag that scripts pass, accepted as podman accepts it.

use crate::common::Env;
use crate::common::fixtures;
use crate::common::registry::Registry;

/// An image name no registry answers for: only the local store has it.
const OFFLINE: &str = "127.0.0.1:1/offline:v1";

#[test]
fn each_policy_asks_the_registry_only_when_it_says() {
    let env = Env::with_busybox();
    let busybox = fixtures::get("busybox:latest");
    env.rpod(&["pull", "--policy", "never", "-q", "layered"])
        .code(125)
        .stderr_has("image not known");
    // missing pulls what the store lacks.
    let layered = fixtures::get("layered:latest");
    env.rpod(&["pull", "--policy", "missing", "-q", "layered"])
        .success()
        .stdout_has(&layered.id);
    env.rpod(&["image", "exists", "layered"]).success();

    env.rpod(&["tag", "busybox", OFFLINE]).success();
    for policy in ["missing", "never"] {
        env.rpod(&["pull", "--policy", policy, OFFLINE])
            .success()
            .stdout_has(&busybox.id);
    }
    // newer keeps the local image when the registry cannot be reached, and says so.
    env.rpod(&["pull", "--policy", "newer", OFFLINE])
        .success()
        .stdout_has(&busybox.id)
        .stderr_has("keeping the local image");
    // always, the default, asks the registry whatever the store has.
    for policy in [&["--policy", "always"][..], &[]] {
        let mut argv = vec!["pull"];
        argv.extend_from_slice(policy);
        argv.push(OFFLINE);
        env.rpod(&argv)
            .code(125)
            .stderr_has("cannot connect to registry 127.0.0.1:1");
    }
    env.rpod(&["pull", "--policy", "sometimes", "busybox"])
        .code(125)
        .stderr_has("expected missing, always, never or newer");
}

#[test]
fn newer_pulls_when_the_registry_digest_differs() {
    let env = Env::new();
    let busybox = fixtures::get("busybox:latest");
    let layered = fixtures::get("layered:latest");
    let name = format!("{}/policy/moving:v1", Registry::shared().addr());
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["pull", "-q", "layered"]).success();
    env.rpod(&["push", "-q", "busybox", &name]).success();
    env.rpod(&["rmi", "busybox"]).success();
    env.rpod(&["pull", "-q", &name])
        .success()
        .stdout_has(&busybox.id);
    // The tag moves to another image in the registry.
    env.rpod(&["push", "-q", "layered", &name]).success();
    env.rpod(&["pull", "--policy", "missing", "-q", &name])
        .success()
        .stdout_has(&busybox.id);
    env.rpod(&["pull", "--policy", "newer", "-q", &name])
        .success()
        .stdout_has(&layered.id);
    env.rpod(&["image", "inspect", "-f", "{{.Id}}", &name])
        .success()
        .stdout_has(&layered.id);
}

#[test]
fn disable_content_trust_is_accepted_and_changes_nothing() {
    let env = Env::with_busybox();
    let busybox = fixtures::get("busybox:latest");
    let name = format!("{}/policy/trusted:v1", Registry::shared().addr());
    env.rpod(&["pull", "-q", "--disable-content-trust", "busybox"])
        .success()
        .stdout_has(&busybox.id);
    env.rpod(&["push", "-q", "--disable-content-trust", "busybox", &name])
        .success();
    env.rpod(&["rmi", "busybox"]).success();
    env.rpod(&[
        "run",
        "--rm",
        "--disable-content-trust",
        &name,
        "echo",
        "ran",
    ])
    .success()
    .stdout_has("ran");
    env.rpod(&["create", "--name", "c", "--disable-content-trust", &name])
        .success();
    env.rpod(&["image", "inspect", "-f", "{{.Id}}", &name])
        .success()
        .stdout_has(&busybox.id);
    env.write_file(
        "ctx/Dockerfile",
        format!("FROM {name}\nRUN touch /made\n").as_bytes(),
    );
    let ctx = env.path("ctx").display().to_string();
    env.rpod(&[
        "build",
        "-q",
        "--network",
        "none",
        "--disable-content-trust",
        "-t",
        "built",
        &ctx,
    ])
    .success();
    env.rpod(&["run", "--rm", "built", "ls", "/made"]).success();
}
