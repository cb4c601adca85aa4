//! podman-compose (PyPI; contrib/test installs it) runs unchanged against rpod: two services
//! on the project's network reaching each other by service name, a named volume, depends_on
//! and an env file, a published port reached from the host; `up -d`, `ps`, `logs`, `exec`,
//! `down`, `up` again.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::env::{Out, rpod_bin};
use crate::network::{free_port, http_get};

/// Where contrib/test installs podman-compose (a virtualenv keyed by its version).
pub const PODMAN_COMPOSE: &str = "/var/cache/rpod-test/podman-compose/bin/podman-compose";

const COMPOSE: &str = r#"
services:
  web:
    image: busybox
    command: ["sh", "-c", "mkdir -p /www && echo \"hello from $$GREETING\" > /www/index.html && exec httpd -f -p 8080 -h /www"]
    env_file: web.env
    ports:
      - "HOST_PORT:8080"
    volumes:
      - data:/data
  client:
    image: busybox
    depends_on:
      - web
    command: ["sh", "-c", "while true; do wget -q -O - http://web:8080/ > /tmp/got && cat /tmp/got; sleep 1; done"]
volumes:
  data:
"#;

fn compose(env: &Env, args: &[&str]) -> Out {
    let rpod = rpod_bin();
    let mut all = vec!["--podman-path", rpod.to_str().unwrap(), "-p", "demo"];
    all.extend_from_slice(args);
    env.run_as_user(PODMAN_COMPOSE, &all)
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn podman_compose_runs_a_two_service_project_against_rpod() {
    if !Path::new(PODMAN_COMPOSE).exists() {
        // contrib/test installs it; only a machine that never ran contrib/test lacks it.
        eprintln!("skipped: {PODMAN_COMPOSE} is missing: run contrib/test as root once");
        return;
    }
    let env = Env::with_busybox();
    let port = free_port();
    let compose_file = COMPOSE.replace("HOST_PORT", &port.to_string());
    env.write_file("work/compose.yaml", compose_file.as_bytes());
    env.write_file("work/web.env", b"GREETING=compose\n");

    compose(&env, &["up", "-d"]).success();
    // The client reaches web by its service name on the project's network.
    wait_until("the client fetched web's page", || {
        compose(&env, &["logs", "client"])
            .stdout
            .contains("hello from compose")
    });
    // The host reaches web on its published port.
    assert!(http_get(port).contains("hello from compose"));
    let ps = compose(&env, &["ps"]);
    ps.success()
        .stdout_has("demo_web_1")
        .stdout_has("demo_client_1");
    compose(&env, &["exec", "web", "sh", "-c", "echo kept > /data/file"]).success();
    compose(&env, &["down"]).success();
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "", "down leaves no container");

    // Up again: the named volume kept its file.
    compose(&env, &["up", "-d"]).success();
    compose(&env, &["exec", "web", "cat", "/data/file"])
        .success()
        .stdout_has("kept");
    // `rpod compose` runs the provider with rpod as its podman.
    let mut down = env.rpod_cmd(["compose", "-p", "demo", "down", "-v"]);
    down.env("PODMAN_COMPOSE_PROVIDER", PODMAN_COMPOSE);
    env.run_with_stdin(down, None).success();
    env.rpod(&["volume", "exists", "demo_data"]).code(1);
    env.rpod(&["pod", "exists", "pod_demo"]).code(1);
}

#[test]
fn rpod_compose_without_a_provider_names_what_to_install() {
    let env = Env::bare();
    let mut cmd = env.rpod_cmd(["compose", "up"]);
    cmd.env("PATH", "/nonexistent");
    env.run_with_stdin(cmd, None)
        .code(125)
        .stderr_has("no compose provider found")
        .stderr_has("hint: install podman-compose");
}

#[test]
fn rpod_compose_help_shows_rpods_help_then_the_providers() {
    let env = Env::bare();
    let mut with = env.rpod_cmd(["compose", "--help"]);
    with.env("PODMAN_COMPOSE_PROVIDER", PODMAN_COMPOSE);
    let out = env.run_with_stdin(with, None);
    out.success();
    let ours = out
        .stdout
        .find("rpod compose [options]")
        .expect("rpod's usage");
    let theirs = out
        .stdout
        .find("usage: podman-compose")
        .expect("the provider's usage");
    assert!(ours < theirs, "{}", out.stdout);
    // Help without a provider is still help, not the missing provider's error.
    let mut without = env.rpod_cmd(["compose", "--help"]);
    without.env("PATH", "/nonexistent");
    let out = env.run_with_stdin(without, None);
    out.success();
    assert!(
        out.stdout.contains("rpod compose [options]"),
        "{}",
        out.stdout
    );
}
