//! Pods with an infra container (the default): the infra holds the pod's shared namespaces,
//! its members really reach each other on localhost, share IPC and the pod's hostname; the
//! infra starts first and stops last, and goes only with its pod.

use std::net::TcpStream;

use serde_json::Value;

use crate::common::Env;
use crate::network::{free_port, http_get};

fn json(env: &Env, args: &[&str]) -> Value {
    let out = env.rpod(args);
    out.success();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{}: {e}: {}", out.cmd, out.stdout))
}

fn status(env: &Env, name: &str) -> String {
    json(env, &["inspect", name])[0]["State"]["Status"]
        .as_str()
        .unwrap()
        .to_string()
}

const HTTPD: &str =
    "mkdir -p /www && echo hello-from-srv > /www/index.html && exec httpd -f -p 8080 -h /www";

#[test]
fn a_pods_members_share_localhost_ipc_and_hostname_through_its_infra_container() {
    let env = Env::with_busybox();
    let created = env.rpod(&["pod", "create", "--name", "web", "--hostname", "podhost"]);
    let pod_id = created.success().trimmed().to_string();
    let pod = &json(&env, &["pod", "inspect", "web"])[0];
    assert_eq!(pod["CreateInfra"], true);
    assert_eq!(pod["Hostname"], "podhost");
    assert_eq!(
        pod["SharedNamespaces"],
        serde_json::json!(["net", "ipc", "uts"])
    );
    let infra_id = pod["InfraContainerID"].as_str().unwrap().to_string();
    assert_eq!(infra_id.len(), 64);
    let infra_name = format!("{}-infra", &pod_id[..12]);
    env.rpod(&["ps", "-a", "--format", "{{.ID}} {{.Names}}"])
        .success()
        .stdout_has(&format!("{} {infra_name}", &infra_id[..12]));
    env.rpod(&["pod", "ps", "--format", "{{.InfraID}}"])
        .success()
        .stdout_has(&infra_id[..12]);

    // The first member starts the infra container.
    env.rpod(&[
        "run", "-d", "--pod", "web", "--name", "srv", "busybox", "sh", "-c", HTTPD,
    ])
    .success();
    assert_eq!(status(&env, &infra_name), "running");
    let infra_pid = json(&env, &["inspect", &infra_name])[0]["State"]["Pid"]
        .as_i64()
        .unwrap();
    let script = "for i in $(seq 50); do wget -q -O - http://127.0.0.1:8080/ && break; sleep 0.1; done; \
                  hostname; readlink /proc/self/ns/ipc";
    let client = env.rpod(&["run", "--rm", "--pod", "web", "busybox", "sh", "-c", script]);
    client.success().stdout_has("hello-from-srv\npodhost\n");
    let server_ipc = env.rpod(&["exec", "srv", "readlink", "/proc/self/ns/ipc"]);
    client.stdout_has(server_ipc.success().trimmed());
    let host_ipc = std::fs::read_link(format!("/proc/{infra_pid}/ns/ipc")).unwrap();
    assert_eq!(server_ipc.trimmed(), host_ipc.to_str().unwrap());
    env.rpod(&["ps", "--pod", "--format", "{{.Names}} {{.PodName}}"])
        .success()
        .stdout_has("srv web");

    // The infra container goes only with its pod.
    env.rpod(&["rm", "-f", &infra_name])
        .code(125)
        .stderr_has("is the infra container of pod")
        .stderr_has("cannot be removed without removing the pod");

    // Stop: members first, the infra last; start: the infra first.
    env.rpod(&["pod", "stop", "-t", "0", "web"]).success();
    assert_eq!(status(&env, &infra_name), "exited");
    assert_eq!(status(&env, "srv"), "exited");
    env.rpod(&["pod", "start", "web"]).success();
    assert_eq!(status(&env, &infra_name), "running");
    assert_eq!(status(&env, "srv"), "running");
    let again = env.rpod(&["run", "--rm", "--pod", "web", "busybox", "sh", "-c", script]);
    again.success().stdout_has("hello-from-srv\n");
    env.rpod(&["pod", "restart", "web"]).success();
    env.rpod(&["run", "--rm", "--pod", "web", "busybox", "sh", "-c", script])
        .success()
        .stdout_has("hello-from-srv\n");

    let infra_pid = json(&env, &["inspect", &infra_name])[0]["State"]["Pid"]
        .as_i64()
        .unwrap();
    env.rpod(&["pod", "rm", "-f", "-t", "0", "web"]).success();
    assert!(!std::path::Path::new(&format!("/proc/{infra_pid}")).exists());
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "");
}

#[test]
fn a_pod_member_cannot_choose_what_the_pod_shares_and_share_is_checked() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--share", "net,bogus", "p"])
        .code(125)
        .stderr_has("Invalid kernel namespace to share: bogus");
    env.rpod(&[
        "pod",
        "create",
        "--infra-name",
        "holder",
        "--share",
        "net",
        "p",
    ])
    .success();
    let pod = &json(&env, &["pod", "inspect", "p"])[0];
    assert_eq!(pod["SharedNamespaces"], serde_json::json!(["net"]));
    assert_eq!(status(&env, "holder"), "created");
    // container prune leaves a pod's infra container to the pod, as podman's.
    env.rpod(&[
        "create", "--pod", "p", "--name", "member", "busybox", "true",
    ])
    .success();
    env.rpod(&["container", "prune", "-f"]).success();
    assert_eq!(status(&env, "holder"), "created");
    env.rpod(&["inspect", "member"]).failure();
    for flag in [["--network", "none"], ["-p", "8080:80"]] {
        env.rpod(&["run", "--pod", "p", flag[0], flag[1], "busybox", "true"])
            .code(125)
            .stderr_has("must be set when the pod is created");
    }
    // uts is not shared here: a member keeps its own hostname.
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "p",
        "--hostname",
        "mine",
        "busybox",
        "hostname",
    ])
    .success()
    .stdout_has("mine");
    env.rpod(&["pod", "rm", "-f", "-t", "0", "p"]).success();
    env.rpod(&["inspect", "holder"]).failure();
}

/// A pod's ports, network and /etc entries are set on the pod and serve every member: a real
/// TCP client on the host reaches a member's server through the pod's published port, on the
/// default network and on a user-defined one.
#[test]
fn a_port_published_by_the_pod_reaches_a_members_server_from_the_host() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "podnet"]).success();
    for (pod, network) in [("dflt", None), ("onnet", Some("podnet"))] {
        let port = free_port();
        let publish = format!("{port}:8080");
        let mut create = vec![
            "pod",
            "create",
            "-p",
            &publish,
            "--add-host",
            "db.example:10.1.2.3",
        ];
        create.extend(network.iter().flat_map(|n| ["--network", *n]));
        create.push(pod);
        env.rpod(&create).success();
        env.rpod(&["run", "-d", "--pod", pod, "busybox", "sh", "-c", HTTPD])
            .success();
        assert!(http_get(port).contains("hello-from-srv"), "pod {pod}");
        env.rpod(&["run", "--rm", "--pod", pod, "busybox", "cat", "/etc/hosts"])
            .success()
            .stdout_has("10.1.2.3\tdb.example");
        env.rpod(&[
            "run", "--rm", "--pod", pod, "--dns", "1.1.1.1", "busybox", "true",
        ])
        .code(125)
        .stderr_has("must be set when the pod is created");
        env.rpod(&["pod", "rm", "-f", "-t", "0", pod]).success();
        assert!(
            TcpStream::connect(("127.0.0.1", port)).is_err(),
            "port {port} still open once pod {pod} is removed"
        );
    }
    // A pod on the host's network: its members are on the host's network.
    env.rpod(&["pod", "create", "--network", "host", "hostpod"])
        .success();
    let host_net = std::fs::read_link("/proc/self/ns/net").unwrap();
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "hostpod",
        "busybox",
        "readlink",
        "/proc/self/ns/net",
    ])
    .success()
    .stdout_has(host_net.to_str().unwrap());
    env.rpod(&["pod", "rm", "-f", "-t", "0", "hostpod"])
        .success();
    env.rpod(&["pod", "create", "--infra=false", "-p", "8080", "bad"])
        .code(125)
        .stderr_has("infra container");
}

#[test]
fn a_pod_members_name_resolves_to_its_infras_address_on_the_pods_network() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "shopnet"]).success();
    env.rpod(&["pod", "create", "--network", "shopnet", "shop"])
        .success();
    env.rpod(&[
        "run", "-d", "--pod", "shop", "--name", "web", "busybox", "sh", "-c", HTTPD,
    ])
    .success();
    // Another container of the network reaches the member by its name: the address is the
    // infra's, whose network namespace the member lives in.
    let script = "for i in $(seq 50); do wget -q -O - http://web:8080/ && break; sleep 0.1; done";
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "shopnet",
        "busybox",
        "sh",
        "-c",
        script,
    ])
    .success()
    .stdout_has("hello-from-srv");
    let infra = json(&env, &["pod", "inspect", "shop"])[0]["InfraContainerID"]
        .as_str()
        .unwrap()
        .to_string();
    let infra_ip =
        json(&env, &["inspect", &infra])[0]["NetworkSettings"]["Networks"]["shopnet"]["IPAddress"]
            .as_str()
            .unwrap()
            .to_string();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "shopnet",
        "busybox",
        "nslookup",
        "web",
    ])
    .success()
    .stdout_has(&infra_ip);
    // Stopped, the member's name goes.
    env.rpod(&["stop", "-t", "0", "web"]).success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "shopnet",
        "busybox",
        "nslookup",
        "web",
    ])
    .failure();
    env.rpod(&["pod", "rm", "-f", "-t", "0", "shop"]).success();
}

#[test]
fn pod_pause_stops_every_process_of_the_pod_and_unpause_resumes_them() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--network", "none", "--name", "frozen"])
        .success();
    env.rpod(&[
        "run",
        "-d",
        "--pod",
        "frozen",
        "--name",
        "ticker",
        "busybox",
        "sh",
        "-c",
        "i=0; while true; do i=$((i+1)); echo $i > /tmp/tick; sleep 0.05; done",
    ])
    .success();
    let tick = || env.rpod(&["exec", "ticker", "cat", "/tmp/tick"]);
    env.rpod(&["pod", "pause", "frozen"]).success();
    for name in ["ticker", &format!("{}-infra", pod_id(&env, "frozen"))] {
        assert_eq!(status(&env, name), "paused", "{name}");
    }
    env.rpod(&["pod", "ps", "--format", "{{.Status}}"])
        .success()
        .stdout_has("Paused");
    // A paused container's processes do not run: its ticks stop (read from the host,
    // in the container's writable layer).
    let upper = env
        .rpod(&["inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", "ticker"])
        .success()
        .trimmed()
        .to_string();
    let on_host = || std::fs::read_to_string(format!("{upper}/tmp/tick")).unwrap();
    let paused_at = on_host();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(on_host(), paused_at, "the paused container ticked");
    env.rpod(&["pod", "unpause", "frozen"]).success();
    assert_eq!(status(&env, "ticker"), "running");
    let first = tick().success().trimmed().to_string();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let second = tick().success().trimmed().to_string();
    assert_ne!(first, second, "the container ticks again");
    env.rpod(&["pod", "unpause", "nosuchpod"])
        .code(1)
        .stderr_has("no such pod");
}

fn pod_id(env: &Env, name: &str) -> String {
    let id = env.rpod(&["pod", "inspect", "-f", "{{.Id}}", name]);
    id.success();
    id.trimmed()[..12].to_string()
}
