//! testcontainers-python (PyPI, installed by contrib/test) against the API socket: a
//! container started, waited for by its log line, reached on its published port and removed.

use super::Service;
use crate::common::Env;

/// The venv contrib/test makes.
const PYTHON: &str = "/var/cache/rpod-test/testcontainers/bin/python";

const SCRIPT: &str = r#"
import time, urllib.request
from testcontainers.core.container import DockerContainer
from testcontainers.core.wait_strategies import LogMessageWaitStrategy

server = (DockerContainer("busybox")
    .with_command(["sh", "-c", "mkdir /www && echo hello-from-tc > /www/index.html && echo serving && exec httpd -f -p 8080 -h /www"])
    .with_exposed_ports(8080)
    .waiting_for(LogMessageWaitStrategy("serving")))
with server:
    url = f"http://{server.get_container_host_ip()}:{server.get_exposed_port(8080)}/"
    for _ in range(50):
        try:
            print("page:", urllib.request.urlopen(url, timeout=3).read().decode().strip())
            break
        except OSError as e:
            err = e
            time.sleep(0.2)
    else:
        print("no page:", err)
    code, out = server.exec(["echo", "from-exec"])
    print("exec:", code, out.decode().strip())
print("done")
"#;

#[test]
fn api_testcontainers_starts_waits_for_a_log_line_reaches_the_port_and_removes() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let script = env.write_file("work/tc.py", SCRIPT.as_bytes());
    let mut cmd = env.command(PYTHON);
    cmd.env("DOCKER_HOST", service.host())
        // Ryuk, testcontainers' reaper, is an image on Docker Hub, which tests cannot reach;
        // the `with` block removes the container itself.
        .env("TESTCONTAINERS_RYUK_DISABLED", "true")
        // The test runs on the host whose ports rpod publishes; testcontainers would take
        // a machine with /.dockerenv (a CI container) for docker-in-docker.
        .env("TESTCONTAINERS_CONNECTION_MODE", "docker_host")
        .arg(script);
    env.run_with_stdin(cmd, None)
        .success()
        .stdout_has("page: hello-from-tc")
        .stdout_has("exec: 0 from-exec")
        .stdout_has("done");
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "");
}
