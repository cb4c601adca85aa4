//! `docker network …` with the real docker CLI: a user-defined network made through the API,
//! on which one container reaches another by name.

use super::{Service, docker};
use crate::common::Env;

#[test]
fn api_docker_network_create_ls_inspect_rm_and_containers_reach_each_other_by_name() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    docker(
        &env,
        &service,
        &[
            "network",
            "create",
            "--subnet",
            "10.77.0.0/24",
            "--label",
            "app=x",
            "appnet",
        ],
    )
    .success();
    env.rpod(&["network", "inspect", "appnet"])
        .success()
        .stdout_has("10.77.0.0/24");
    docker(
        &env,
        &service,
        &["network", "ls", "--filter", "label=app=x"],
    )
    .success()
    .stdout_has("appnet")
    .stdout_has("bridge");
    docker(
        &env,
        &service,
        &[
            "network",
            "inspect",
            "-f",
            "{{range .IPAM.Config}}{{.Subnet}}{{end}}",
            "appnet",
        ],
    )
    .success()
    .stdout_has("10.77.0.0/24");
    docker(
        &env,
        &service,
        &[
            "run",
            "-d",
            "--network",
            "appnet",
            "--name",
            "web",
            "busybox",
            "sh",
            "-c",
            "echo served > /index.html && exec httpd -f -p 8080 -h /",
        ],
    )
    .success();
    let fetched = docker(
        &env,
        &service,
        &[
            "run",
            "--rm",
            "--network",
            "appnet",
            "busybox",
            "sh",
            "-c",
            "for i in $(seq 50); do wget -q -O - http://web:8080/ && exit 0; sleep 0.1; done; exit 1",
        ],
    );
    fetched.success().stdout_has("served");
    // In use: docker's conflict; then gone.
    docker(&env, &service, &["network", "rm", "appnet"])
        .failure()
        .stderr_has("web");
    docker(&env, &service, &["rm", "-f", "web"]).success();
    docker(&env, &service, &["network", "rm", "appnet"]).success();
    env.rpod(&["network", "exists", "appnet"]).code(1);
    docker(&env, &service, &["network", "create", "--ipv6", "six"])
        .failure()
        .stderr_has("IPv4 only");
    docker(&env, &service, &["network", "create", "spare"]).success();
    docker(&env, &service, &["network", "prune", "--force"])
        .success()
        .stdout_has("spare");
}
