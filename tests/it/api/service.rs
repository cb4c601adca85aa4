//! The service itself: idle exit, bad input, a killed service leaving containers running.

use std::time::{Duration, Instant};

use super::Service;
use crate::common::Env;

#[test]
fn api_service_exits_by_itself_once_idle() {
    let env = Env::new();
    let mut service = Service::start(&env, "1");
    let (status, body) = service.request("GET", "/_ping", "");
    assert_eq!((status, body.as_str()), (200, "OK"));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = service.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "the service with --time 1 did not exit when idle"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "exited before its idle time"
    );
}

#[test]
fn api_bad_input_gets_docker_errors_and_the_service_keeps_answering() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let (status, body) = service.request("POST", "/v1.41/containers/create", "{\"Image\": ");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("\"message\":\"invalid JSON"), "{body}");
    let (status, body) = service.request("GET", "/v1.41/no/such/endpoint", "");
    assert_eq!(
        (status, body.trim()),
        (404, r#"{"message":"page not found"}"#)
    );
    let (status, body) = service.request("GET", "/containers/nothere/json", "");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("No such container: nothere"), "{body}");
    let (status, body) = service.request(
        "POST",
        "/v1.47/containers/create",
        r#"{"Image":"busybox","HostConfig":{"Privileged":true}}"#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("HostConfig.Privileged"), "{body}");
    let (status, body) = service.request("POST", "/containers/create", r#"{"Image":"nothere:1"}"#);
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("No such image: nothere:1"), "{body}");
    let (status, body) = service.request("HEAD", "/_ping", "");
    assert_eq!((status, body.as_str()), (200, ""));
    let (status, body) = service.request("GET", "/v1.40/version", "");
    assert_eq!(status, 200);
    assert!(body.contains("\"ApiVersion\":\"1.47\""), "{body}");
}

#[test]
fn api_a_killed_service_leaves_its_containers_running() {
    let env = Env::with_busybox();
    let mut service = Service::start(&env, "0");
    let (status, body) = service.request(
        "POST",
        "/containers/create?name=survivor",
        r#"{"Image":"busybox","Cmd":["sleep","300"]}"#,
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = service.request("POST", "/containers/survivor/start", "");
    assert_eq!(status, 204, "{body}");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(service.child.id() as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    service.child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    env.rpod(&["ps", "--format", "{{.Names}} {{.State}}"])
        .success()
        .stdout_has("survivor running");
    env.rpod(&["rm", "-f", "-t", "0", "survivor"]).success();
}
