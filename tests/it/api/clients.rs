//! Real clients end to end: the docker CLI and the Python docker SDK.

use super::Service;
use crate::common::Env;

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
        .stdout_has("images: True");
}
