//! The options that shape the container's process: how it is started, its environment, its
//! identity and how it is stopped.

use std::time::{Duration, Instant};

use super::{run, sh};
use crate::common::Env;
use crate::common::env;

pub fn detach(env: &Env) {
    let out = env.rpod(&["run", "-d", "--network", "none", "busybox", "sleep", "30"]);
    let id = out.success().trimmed().to_string();
    assert!(
        id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    env.rpod(&["inspect", "-f", "{{.State.Running}}", &id])
        .success()
        .stdout_has("true");
    env.rpod(&["rm", "-f", &id]).success();
}

pub fn name(env: &Env) {
    env.rpod(&["create", "--name", "named", "busybox"])
        .success();
    env.rpod(&["inspect", "-f", "{{.Name}}", "named"])
        .success()
        .stdout_has("named");
    env.rpod(&["rm", "named"]).success();
}

pub fn interactive(env: &Env) {
    let with = env.rpod_with_stdin(
        &["run", "--rm", "-i", "--network", "none", "busybox", "cat"],
        b"through stdin\n",
    );
    with.success().stdout_has("through stdin");
    let without = env.rpod_with_stdin(
        &["run", "--rm", "--network", "none", "busybox", "cat"],
        b"through stdin\n",
    );
    assert_eq!(
        without.success().trimmed(),
        "",
        "stdin reached the container without -i"
    );
}

pub fn tty(env: &Env) {
    assert_eq!(sh(env, &["-t"], "test -t 1 && echo terminal"), "terminal");
    assert_eq!(sh(env, &[], "test -t 1 || echo pipe"), "pipe");
}

pub fn rm(env: &Env) {
    env.rpod(&[
        "run",
        "--rm",
        "--name",
        "gone",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&["inspect", "gone"]).failure();
    env.rpod(&[
        "run",
        "--name",
        "kept",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&["rm", "kept"]).success();
}

pub fn env_var(env: &Env) {
    assert_eq!(
        sh(env, &["-e", "A=1", "--env", "B=two"], "echo $A $B"),
        "1 two"
    );
}

pub fn env_file(env: &Env) {
    let file = env.write_file("work/vars.env", b"# comment\nFROM_FILE=yes\n");
    let file = file.to_str().unwrap();
    assert_eq!(sh(env, &["--env-file", file], "echo $FROM_FILE"), "yes");
}

pub fn workdir(env: &Env) {
    assert_eq!(sh(env, &["-w", "/etc"], "pwd"), "/etc");
}

pub fn user(env: &Env) {
    assert_eq!(
        sh(env, &["-u", "1234:5678"], "echo $(id -u) $(id -g)"),
        "1234 5678"
    );
    assert_eq!(sh(env, &[], "id -u"), "0");
}

pub fn entrypoint(env: &Env) {
    run(env, &["--entrypoint", "echo"], &["from", "entrypoint"])
        .success()
        .stdout_has("from entrypoint");
}

pub fn hostname(env: &Env) {
    assert_eq!(sh(env, &["-h", "flagged"], "hostname"), "flagged");
}

pub fn init(env: &Env) {
    assert_eq!(sh(env, &[], "echo $$"), "1");
    assert_ne!(sh(env, &["--init"], "echo $$"), "1", "--init is not PID 1");
}

pub fn stop_signal(env: &Env) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "sig",
        "--network",
        "none",
        "--stop-signal",
        "USR1",
        "busybox",
        "sh",
        "-c",
        "trap 'exit 3' USR1; while :; do sleep 0.1; done",
    ])
    .success();
    env.rpod(&["stop", "sig"]).success();
    env.rpod(&["inspect", "-f", "{{.State.ExitCode}}", "sig"])
        .success()
        .stdout_has("3");
    env.rpod(&["rm", "sig"]).success();
}

pub fn stop_timeout(env: &Env) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "deaf",
        "--network",
        "none",
        "--stop-timeout",
        "1",
        "busybox",
        "sh",
        "-c",
        "trap '' TERM; while :; do sleep 0.1; done",
    ])
    .success();
    let start = Instant::now();
    env.rpod(&["stop", "deaf"]).success();
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(6),
        "stop took {took:?}, not about 1 s"
    );
    env.rpod(&["inspect", "-f", "{{.State.ExitCode}}", "deaf"])
        .success()
        .stdout_has("137");
    env.rpod(&["rm", "deaf"]).success();
}

pub fn label(env: &Env) {
    env.rpod(&["create", "--name", "labelled", "-l", "tier=web", "busybox"])
        .success();
    env.rpod(&[
        "inspect",
        "-f",
        "{{index .Config.Labels \"tier\"}}",
        "labelled",
    ])
    .success()
    .stdout_has("web");
    env.rpod(&[
        "ps",
        "-a",
        "--filter",
        "label=tier=web",
        "--format",
        "{{.Names}}",
    ])
    .success()
    .stdout_has("labelled");
    env.rpod(&["rm", "labelled"]).success();
}

pub fn replace(env: &Env) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "twice",
        "--network",
        "none",
        "busybox",
        "sleep",
        "30",
    ])
    .success();
    env.rpod(&[
        "run",
        "--name",
        "twice",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("already in use");
    env.rpod(&[
        "run",
        "--replace",
        "--rm",
        "--name",
        "twice",
        "--network",
        "none",
        "busybox",
        "echo",
        "replaced",
    ])
    .success()
    .stdout_has("replaced");
    env.rpod(&["inspect", "twice"]).failure();
}

pub fn ulimit(env: &Env) {
    assert_eq!(
        sh(
            env,
            &["--ulimit", "nofile=500:600"],
            "ulimit -n; ulimit -Hn"
        ),
        "500\n600"
    );
}

/// The uid rpod runs as, which `--userns keep-id` keeps inside.
pub fn own_uid() -> String {
    env::user().0.to_string()
}
