//! `kube play` of YAML others wrote (rpod's own `kube generate`, podman 4.3.1's `generate
//! kube`), and play's flags: `--replace`, `--start=false`, `--publish`, `--down`, `--network`.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::kube_play::{logs_until, names, play};
use crate::network::{free_port, http_get};

const PODMAN_4_3_1: &str = include_str!("../../contrib/kube/podman-4.3.1-generate-kube.yaml");

/// Whether something accepts connections on 127.0.0.1:`port` within 20 seconds.
fn listening(port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn state(env: &Env, name: &str) -> String {
    env.rpod(&["inspect", "--format", "{{.State.Status}}", name])
        .success()
        .trimmed()
        .to_string()
}

#[test]
fn yaml_podman_4_3_1_generated_plays() {
    let env = Env::with_busybox();
    let port = free_port();
    let yaml = PODMAN_4_3_1
        .replace("localhost/bb:latest", "busybox")
        .replace("hostPort: 8089", &format!("hostPort: {port}"));
    let file = env.write_file("podman.yaml", yaml.as_bytes());
    let out = env.rpod(&["kube", "play", file.to_str().unwrap()]);
    out.success().stdout_has("Pod:\n");
    assert!(
        !out.stderr.contains("not supported"),
        "podman's own fields warned about: {}",
        out.stderr
    );
    assert_eq!(state(&env, "webpod-web"), "running");
    assert!(listening(port), "httpd does not answer on {port}");
    env.rpod(&[
        "exec",
        "webpod-web",
        "sh",
        "-c",
        "echo $GREETING; pwd; ls -d /data",
    ])
    .success()
    .stdout_has("hi\n/srv\n/data");
    // podman drops NET_RAW (and MKNOD, AUDIT_WRITE): bit 13 of the bounding set is clear.
    let caps = env
        .rpod(&["exec", "webpod-web", "grep", "CapBnd", "/proc/self/status"])
        .success()
        .stdout
        .clone();
    let mask = u64::from_str_radix(caps.split_whitespace().last().unwrap(), 16).unwrap();
    assert_eq!(mask & (1 << 13), 0, "NET_RAW kept: {caps}");
    env.rpod(&["volume", "ls", "-q"])
        .success()
        .stdout_has("data");
    env.rpod(&["kube", "down", file.to_str().unwrap()])
        .success();
    assert_eq!(names(&env).trim(), "");
}

#[test]
fn a_generated_pod_plays_back_as_an_equivalent_pod() {
    let env = Env::with_busybox();
    let port = free_port();
    let publish = format!("{port}:80");
    env.rpod(&["pod", "create", "--name", "rt", "-p", &publish])
        .success();
    let script = "mkdir -p /www && echo $GREETING > /www/index.html && exec httpd -f -p 80 -h /www";
    env.rpod(&[
        "run",
        "-d",
        "--pod",
        "rt",
        "--name",
        "web",
        "-e",
        "GREETING=round-trip",
        "-v",
        "keep:/data",
        "busybox",
        "sh",
        "-c",
        script,
    ])
    .success();
    assert!(http_get(port).contains("round-trip"));
    env.rpod(&["exec", "web", "sh", "-c", "echo kept > /data/f"])
        .success();
    let yaml = env
        .rpod(&["kube", "generate", "rt"])
        .success()
        .stdout
        .clone();
    env.rpod(&["pod", "rm", "-f", "rt"]).success();
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the port outlived the pod"
    );

    play(&env, &yaml, &[]);
    assert!(http_get(port).contains("round-trip"), "after play");
    env.rpod(&["exec", "rt-web", "cat", "/data/f"])
        .success()
        .stdout_has("kept");
    let image = |name: &str| {
        env.rpod(&["inspect", "--format", "{{.ImageName}}", name])
            .success()
            .trimmed()
            .to_string()
    };
    assert!(image("rt-web").contains("busybox"), "{}", image("rt-web"));
    env.rpod(&["kube", "down", env.path("play.yaml").to_str().unwrap()])
        .success();
    assert_eq!(names(&env).trim(), "");
}

const SLEEPER: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  containers:
  - name: main
    image: busybox
    command: ["sh", "-c", "echo started; sleep 60"]
"#;

#[test]
fn replace_start_false_and_down_flags() {
    let env = Env::with_busybox();
    play(&env, SLEEPER, &["--start=false"]);
    assert_eq!(state(&env, "sleeper-main"), "created");
    let file = env.path("play.yaml");
    let file = file.to_str().unwrap();
    let first = env
        .rpod(&["inspect", "--format", "{{.Id}}", "sleeper-main"])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["kube", "play", file])
        .code(125)
        .stderr_has("sleeper");
    // podman 4's spelling.
    env.rpod(&["play", "kube", "--replace", file]).success();
    let second = env
        .rpod(&["inspect", "--format", "{{.Id}}", "sleeper-main"])
        .success()
        .trimmed()
        .to_string();
    assert_ne!(first, second, "--replace kept the old container");
    assert!(logs_until(&env, "sleeper-main", "started").contains("started"));
    env.rpod(&["kube", "play", "--down", file])
        .success()
        .stdout_has("Pods removed:");
    assert_eq!(names(&env).trim(), "");
}

#[test]
fn publish_overrides_the_yaml_host_port() {
    let env = Env::with_busybox();
    let (yaml_port, port) = (free_port(), free_port());
    let yaml = format!(
        r#"
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: httpd
    image: busybox
    command: ["sh", "-c", "mkdir -p /www && echo moved > /www/index.html && exec httpd -f -p 80 -h /www"]
    ports:
    - containerPort: 80
      hostPort: {yaml_port}
"#
    );
    let publish = format!("{port}:80");
    play(&env, &yaml, &["--publish", &publish]);
    assert!(http_get(port).contains("moved"));
    assert!(
        TcpStream::connect(("127.0.0.1", yaml_port)).is_err(),
        "the YAML's hostPort is published despite --publish"
    );
    env.rpod(&["kube", "down", env.path("play.yaml").to_str().unwrap()])
        .success();
}

#[test]
fn network_puts_the_pod_on_a_user_defined_network() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "kubenet"]).success();
    play(&env, SLEEPER, &["--network", "kubenet"]);
    env.rpod(&["ps", "--format", "{{.Networks}}"])
        .success()
        .stdout_has("kubenet");
    env.rpod(&["kube", "down", env.path("play.yaml").to_str().unwrap()])
        .success();
}
