//! Real clients end to end: the docker CLI and the Python docker SDK.

use super::{Service, docker};
use crate::common::Env;

#[test]
fn api_docker_cli_runs_lists_logs_stops_and_removes() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    docker(&env, &service, &["version"])
        .success()
        .stdout_has("Server: rpod")
        .stdout_has("1.47 (minimum version 1.40)");
    docker(&env, &service, &["run", "--rm", "busybox", "echo", "hi"])
        .success()
        .stdout_has("hi");
    let failed = docker(
        &env,
        &service,
        &[
            "run",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "echo out; echo err >&2; exit 3",
        ],
    );
    assert_eq!(failed.code, 3, "{failed:?}");
    assert_eq!(failed.stdout, "out\n", "{failed:?}");
    assert_eq!(failed.stderr, "err\n", "{failed:?}");
    // With a tty (no stdin): raw output, and the resize docker sends is accepted.
    docker(
        &env,
        &service,
        &["run", "--rm", "-t", "busybox", "echo", "tty"],
    )
    .success()
    .stdout_has("tty");
    let id = docker(
        &env,
        &service,
        &[
            "run",
            "-d",
            "--name",
            "web",
            "-l",
            "app=api",
            "busybox",
            "sh",
            "-c",
            "echo started; sleep 300",
        ],
    )
    .success()
    .trimmed()
    .to_string();
    assert_eq!(id.len(), 64, "{id}");
    docker(&env, &service, &["ps", "-a", "--filter", "label=app=api"])
        .success()
        .stdout_has("web")
        .stdout_has("Up ");
    // The same store: what docker made, rpod sees.
    env.rpod(&["ps", "--format", "{{.Names}} {{.State}}"])
        .success()
        .stdout_has("web running");
    docker(
        &env,
        &service,
        &[
            "inspect",
            "-f",
            "{{.State.Running}} {{.Name}} {{.Config.Labels.app}}",
            "web",
        ],
    )
    .success()
    .stdout_has("true /web api");
    let logs = docker(&env, &service, &["logs", "web"]);
    logs.success().stdout_has("started");
    docker(&env, &service, &["stop", "-t", "1", "web"]).success();
    env.rpod(&["ps", "-a", "--format", "{{.Names}} {{.State}}"])
        .success()
        .stdout_has("web exited");
    docker(&env, &service, &["rm", "web"]).success();
    let left = env.rpod(&["ps", "-a", "-q"]);
    assert_eq!(
        left.success().trimmed(),
        "",
        "docker run --rm or docker rm left containers"
    );
    docker(&env, &service, &["images"])
        .success()
        .stdout_has("busybox");
}

#[test]
fn api_docker_cli_tags_and_rmi_untags_refuses_in_use_and_deletes() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    docker(&env, &service, &["tag", "busybox", "localhost/extra:1"]).success();
    env.rpod(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .success()
        .stdout_has("localhost/extra:1");
    // A second name goes alone: the image stays for busybox.
    docker(&env, &service, &["rmi", "localhost/extra:1"])
        .success()
        .stdout_has("Untagged: localhost/extra:1");
    env.rpod(&["image", "exists", "busybox"]).success();
    // An image a container was made from is refused, as docker does.
    docker(
        &env,
        &service,
        &["create", "--name", "user", "busybox", "true"],
    )
    .success();
    let refused = docker(&env, &service, &["rmi", "busybox"]);
    assert_ne!(refused.code, 0, "{refused:?}");
    assert!(
        refused.stderr.contains("in use by container"),
        "{refused:?}"
    );
    docker(&env, &service, &["rm", "user"]).success();
    docker(&env, &service, &["rmi", "busybox"])
        .success()
        .stdout_has("Untagged: ")
        .stdout_has("Deleted: sha256:");
    assert_eq!(env.rpod(&["images", "-q"]).success().trimmed(), "");
    let missing = docker(&env, &service, &["rmi", "nosuch"]);
    assert_ne!(missing.code, 0, "{missing:?}");
    assert!(missing.stderr.contains("No such image"), "{missing:?}");
}

const SDK_SCRIPT: &str = r#"
import sys, docker
client = docker.DockerClient(base_url=sys.argv[1], version="1.41")
c = client.containers.run("busybox", ["sh", "-c", "echo from-sdk"], detach=True, labels={"sdk": "yes"})
assert c.wait()["StatusCode"] == 0
print("logs:", c.logs().decode().strip())
print("listed:", [x.name for x in client.containers.list(all=True, filters={"label": "sdk=yes"})] == [c.name])
c.remove()
print("left:", len(client.containers.list(all=True)))
print("images:", any("busybox" in t for i in client.images.list() for t in i.tags))
box = client.containers.run("busybox", ["sleep", "300"], detach=True)
code, (out, err) = box.exec_run(["sh", "-c", "echo o; echo e >&2; exit 5"], demux=True)
print("exec:", code, out.decode().strip(), err.decode().strip())
box.remove(force=True)
"#;

#[test]
fn api_python_docker_sdk_runs_waits_reads_logs_and_removes() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let script = env.write_file("work/sdk.py", SDK_SCRIPT.as_bytes());
    let out = env.run_as_user(
        "/usr/bin/python3",
        &[script.to_str().unwrap(), &service.host()],
    );
    out.success()
        .stdout_has("logs: from-sdk")
        .stdout_has("listed: True")
        .stdout_has("left: 0")
        .stdout_has("images: True")
        .stdout_has("exec: 5 o e");
}
