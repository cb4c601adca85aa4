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
    docker(&env, &service, &["network", "create", "spare"]).success();
    docker(&env, &service, &["network", "prune", "--force"])
        .success()
        .stdout_has("spare");
}

#[test]
fn api_docker_network_connect_and_disconnect_a_running_container() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    for (name, subnet) in [("one", "10.78.0.0/24"), ("two", "10.79.0.0/24")] {
        docker(
            &env,
            &service,
            &["network", "create", "--subnet", subnet, name],
        )
        .success();
    }
    docker(
        &env,
        &service,
        &[
            "run",
            "-d",
            "--network",
            "two",
            "--name",
            "web",
            "busybox",
            "sh",
            "-c",
            "echo served-two > /index.html && exec httpd -f -p 8080 -h /",
        ],
    )
    .success();
    docker(
        &env,
        &service,
        &[
            "run",
            "-d",
            "--network",
            "one",
            "--name",
            "app",
            "busybox",
            "sleep",
            "600",
        ],
    )
    .success();
    docker(
        &env,
        &service,
        &[
            "network",
            "connect",
            "--alias",
            "api",
            "--ip",
            "10.79.0.40",
            "two",
            "app",
        ],
    )
    .success();
    docker(
        &env,
        &service,
        &[
            "exec", "app", "sh", "-c",
            "for i in $(seq 30); do wget -q -O - http://web:8080/ && exit 0; sleep 0.1; done; exit 1",
        ],
    )
    .success()
    .stdout_has("served-two");
    docker(
        &env,
        &service,
        &[
            "inspect",
            "-f",
            "{{.NetworkSettings.Networks.two.IPAddress}}",
            "app",
        ],
    )
    .success()
    .stdout_has("10.79.0.40");
    // docker's statuses: a second connect is forbidden, a missing network is 404.
    let (status, body) = service.request(
        "POST",
        "/networks/two/connect",
        r#"{"Container":"app","EndpointConfig":{}}"#,
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("already connected"), "{body}");
    let (status, _) = service.request("POST", "/networks/nosuch/connect", r#"{"Container":"app"}"#);
    assert_eq!(status, 404);
    let (status, body) = service.request(
        "POST",
        "/networks/two/disconnect",
        r#"{"Container":"app","Force":false}"#,
    );
    assert_eq!(status, 200, "{body}");
    docker(
        &env,
        &service,
        &[
            "exec",
            "app",
            "sh",
            "-c",
            "timeout 3 wget -q -O - http://10.79.0.2:8080/",
        ],
    )
    .failure();
    docker(&env, &service, &["network", "disconnect", "two", "app"])
        .failure()
        .stderr_has("not connected");
}

/// `docker network prune --filter`: docker's `label`, `label!` and `until` pick which unused
/// networks go, as `rpod network prune --filter` does; a key docker does not take is its 400.
#[test]
fn api_docker_network_prune_takes_label_and_until_filters() {
    let env = Env::new();
    let service = Service::start(&env, "0");
    for args in [
        &["--label", "tier=web", "netweb"][..],
        &["--label", "keep=1", "netkeep"],
        &["netplain"],
    ] {
        let mut create = vec!["network", "create"];
        create.extend_from_slice(args);
        env.rpod(&create).success();
    }
    let exists = |name: &str| env.rpod(&["network", "exists", name]).code == 0;
    let prune = |filter: &str| {
        docker(
            &env,
            &service,
            &["network", "prune", "-f", "--filter", filter],
        )
    };

    prune("label=tier=web").success().stdout_has("netweb");
    assert!(!exists("netweb") && exists("netkeep") && exists("netplain"));
    prune("label!=keep").success().stdout_has("netplain");
    assert!(exists("netkeep"));
    prune("until=1h").success();
    assert!(
        exists("netkeep"),
        "made a moment ago, not before an hour ago"
    );
    let later = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    prune(&format!("until={later}"))
        .success()
        .stdout_has("netkeep");
    assert!(!exists("netkeep"));

    prune("dangling=true")
        .failure()
        .stderr_has("invalid filter 'dangling'");
}

/// `docker network create --ipam-driver null` and `-o`: the network podman's
/// `--ipam-driver none` makes, and the options `network create -o` takes, unknown ones refused.
#[test]
fn api_docker_network_create_takes_the_null_ipam_driver_and_options() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    docker(
        &env,
        &service,
        &["network", "create", "--ipam-driver", "null", "bare"],
    )
    .success();
    env.rpod(&[
        "network",
        "inspect",
        "-f",
        "{{.ipam_options.driver}}",
        "bare",
    ])
    .success()
    .stdout_has("none");
    docker(
        &env,
        &service,
        &[
            "network",
            "create",
            "-o",
            "mtu=1400",
            "-o",
            "metric=50",
            "small",
        ],
    )
    .success();
    env.rpod(&["network", "inspect", "small"])
        .success()
        .stdout_has("\"metric\": \"50\"");
    docker(
        &env,
        &service,
        &["network", "create", "-o", "colour=blue", "odd"],
    )
    .failure()
    .stderr_has("colour");
}

/// `docker network create --ipv6`: a dual-stack network, as `network create --ipv6`, whose
/// container gets an address of each family.
#[test]
fn api_docker_network_create_enables_ipv6() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    docker(&env, &service, &["network", "create", "--ipv6", "six"]).success();
    env.rpod(&["network", "inspect", "-f", "{{.ipv6_enabled}}", "six"])
        .success()
        .stdout_has("true");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "six",
        "busybox",
        "ip",
        "-o",
        "addr",
        "show",
        "eth0",
    ])
    .success()
    .stdout_has("inet 10.")
    .stdout_has("inet6 fd");
}
