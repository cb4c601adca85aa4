//! `docker exec` through the API: the exec helper `rpod exec` uses, the client's connection
//! as its streams, exec instances kept in the container's state (see also exec_sessions.rs).

use super::{Service, docker, docker_with_stdin};
use crate::common::Env;

/// A running busybox container named `box` for the execs.
fn running_box(env: &Env, service: &Service) {
    docker(
        env,
        service,
        &["run", "-d", "--name", "box", "busybox", "sleep", "300"],
    )
    .success();
}

#[test]
fn api_docker_exec_keeps_streams_apart_and_returns_the_exit_code() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    running_box(&env, &service);
    let failed = docker(
        &env,
        &service,
        &["exec", "box", "sh", "-c", "echo out; echo err >&2; exit 4"],
    );
    assert_eq!(failed.code, 4, "{failed:?}");
    assert_eq!(failed.stdout, "out\n", "{failed:?}");
    assert_eq!(failed.stderr, "err\n", "{failed:?}");
    let out = docker(
        &env,
        &service,
        &[
            "exec",
            "-e",
            "GREETING=hello",
            "-w",
            "/etc",
            "-u",
            "nobody",
            "box",
            "sh",
            "-c",
            "echo $GREETING $(pwd) $(id -u)",
        ],
    );
    assert_eq!(out.success().trimmed(), "hello /etc 65534", "{out:?}");
    // What exec does is done in the container: the CLI sees the file.
    docker(
        &env,
        &service,
        &["exec", "box", "touch", "/tmp/made-by-exec"],
    )
    .success();
    env.rpod(&["exec", "box", "ls", "/tmp"])
        .success()
        .stdout_has("made-by-exec");
    let missing = docker(&env, &service, &["exec", "box", "/no/such/program"]);
    assert_eq!(missing.code, 127, "{missing:?}");
    let tty = docker(&env, &service, &["exec", "-t", "box", "sh", "-c", "tty"]);
    assert!(tty.success().stdout.starts_with("/dev/pts/"), "{tty:?}");
    let stopped = docker(&env, &service, &["exec", "nosuch", "true"]);
    assert_ne!(stopped.code, 0, "{stopped:?}");
    assert!(stopped.stderr.contains("No such container"), "{stopped:?}");
    docker(&env, &service, &["rm", "-f", "box"]).success();
}

#[test]
fn api_docker_exec_i_passes_stdin_and_ends_it_at_eof() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    running_box(&env, &service);
    let out = docker_with_stdin(
        &env,
        &service,
        &["exec", "-i", "box", "sh", "-c", "wc -l; cat >/tmp/in"],
        b"one\ntwo\nthree\n",
    );
    assert_eq!(out.success().trimmed(), "3", "{out:?}");
    docker(&env, &service, &["rm", "-f", "box"]).success();
}

#[test]
fn api_exec_instances_live_in_the_container_not_the_service() {
    let env = Env::with_busybox();
    let first = Service::start(&env, "0");
    running_box(&env, &first);
    let (status, body) = first.request(
        "POST",
        "/v1.41/containers/box/exec",
        r#"{"Cmd":["sh","-c","exit 7"],"AttachStdout":true}"#,
    );
    assert_eq!(status, 201, "{body}");
    let id = body.split('"').nth(3).unwrap().to_string();
    // A second service, started after the exec was made, runs and reports it.
    let second = Service::start_at(&env, "0", "runtime/second.sock");
    let (status, body) = second.request("GET", &format!("/v1.41/exec/{id}/json"), "");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"Running\":false"), "{body}");
    assert!(body.contains("\"ExitCode\":null"), "{body}");
    let (status, body) = second.request("POST", &format!("/v1.41/exec/{id}/start"), "{}");
    assert_eq!(status, 200, "{body}");
    let (_, body) = first.request("GET", &format!("/v1.41/exec/{id}/json"), "");
    assert!(body.contains("\"ExitCode\":7"), "{body}");
    assert!(body.contains("\"Pid\":"), "{body}");
    // An exec runs once.
    let (status, body) = first.request("POST", &format!("/v1.41/exec/{id}/start"), "{}");
    assert_eq!(status, 409, "{body}");
    let (status, body) = first.request("POST", &format!("/v1.41/exec/{id}/resize?h=x&w=80"), "");
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("h: \\\"x\\\" is not a terminal size"),
        "{body}"
    );
    let (status, body) = first.request(
        "POST",
        "/v1.41/containers/box/exec",
        r#"{"Cmd":["true"],"DetachKeys":"ctrl-x"}"#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("DetachKeys"), "{body}");
    let (status, body) = first.request("GET", "/v1.41/exec/0123abcd/json", "");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("No such exec instance"), "{body}");
    docker(&env, &first, &["rm", "-f", "box"]).success();
}
