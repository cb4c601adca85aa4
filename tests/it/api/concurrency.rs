//! Many clients at once, and the service's sudden death: the store stays whole and the
//! containers are the store's, not the service's.

use std::time::Duration;

use super::{Service, docker};
use crate::common::Env;

const CLIENTS: &str = r#"
import sys, threading, docker
client = docker.DockerClient(base_url=sys.argv[1], timeout=120)
errors, outputs = [], {}
def one(i):
    try:
        c = client.containers.create("busybox", ["sh", "-c", f"echo from-{i}"], name=f"conc-{i}")
        c.start()
        code = c.wait(timeout=60)["StatusCode"]
        outputs[i] = (code, c.logs().decode().strip())
        c.remove()
    except Exception as e:
        errors.append(f"{i}: {e!r}")
threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
for t in threads: t.start()
for t in threads: t.join()
ok = sum(1 for i, (code, text) in outputs.items() if code == 0 and text == f"from-{i}")
print("ok:", ok, "errors:", errors)
"#;

#[test]
fn api_twenty_clients_and_the_cli_at_once_leave_a_consistent_store() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let script = env.write_file("work/clients.py", CLIENTS.as_bytes());
    let mut sdk = env.command("/usr/bin/python3");
    sdk.args([script.to_str().unwrap(), &service.host()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let sdk = sdk.spawn().expect("run the SDK clients");
    // The CLI on the same store meanwhile.
    for i in 0..5 {
        env.rpod(&[
            "run",
            "--rm",
            "--name",
            &format!("cli-{i}"),
            "busybox",
            "true",
        ])
        .success();
    }
    let out = crate::common::env::wait_output(sdk, "SDK clients");
    out.success().stdout_has("ok: 20 errors: []");
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "");
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
}

#[test]
fn api_a_killed_service_leaves_its_containers_running() {
    let env = Env::with_busybox();
    let mut service = Service::start(&env, "0");
    docker(
        &env,
        &service,
        &[
            "run",
            "-d",
            "--name",
            "lives",
            "busybox",
            "sh",
            "-c",
            "echo up; exec sleep 600",
        ],
    )
    .success();
    // A request in flight when the service dies: a log stream that never ends by itself.
    let mut follow = env.command(super::DOCKER);
    follow
        .env("DOCKER_HOST", service.host())
        .args(["logs", "-f", "lives"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut follow = follow.spawn().expect("docker logs -f");
    std::thread::sleep(Duration::from_millis(500));
    service.child.kill().expect("kill -9 the service");
    let _ = service.child.wait();
    let _ = follow.wait();

    env.rpod(&["inspect", "-f", "{{.State.Status}}", "lives"])
        .success()
        .stdout_has("running");
    // A new service sees the same container and its output.
    let again = Service::start(&env, "0");
    docker(&env, &again, &["logs", "lives"])
        .success()
        .stdout_has("up");
    docker(&env, &again, &["rm", "-f", "lives"]).success();
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
}
