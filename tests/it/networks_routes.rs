//! `network create --route DESTINATION,GATEWAY[,METRIC]` (issue 16): every container on the
//! network gets the static routes, in its kernel's table, whether it starts on the network
//! or is connected to it later; `network inspect` lists them as podman 5 does; a gateway off
//! the network's subnets, or a malformed route, is refused before anything is made.

use serde_json::{Value, json};

use crate::common::Env;

#[test]
fn containers_on_the_network_get_its_static_routes() {
    let env = Env::with_busybox();
    env.rpod(&[
        "network",
        "create",
        "--subnet",
        "10.97.0.0/24",
        "--subnet",
        "fd00:97::/64",
        "--route",
        "10.1.0.0/24,10.97.0.10,300",
        "--route",
        "fd00:99::/64,fd00:97::10",
        "routed",
    ])
    .success();
    let out = env.rpod(&["network", "inspect", "routed"]);
    out.success();
    let inspected: Value = serde_json::from_str(&out.stdout).expect("inspect prints JSON");
    assert_eq!(
        inspected[0]["routes"],
        json!([
            {"destination": "10.1.0.0/24", "gateway": "10.97.0.10", "metric": 300},
            {"destination": "fd00:99::/64", "gateway": "fd00:97::10"}
        ]),
        "{inspected}"
    );

    env.rpod(&[
        "run",
        "-d",
        "--name",
        "on",
        "--network",
        "routed",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    env.rpod(&["exec", "on", "ip", "route"])
        .success()
        .stdout_has("10.1.0.0/24 via 10.97.0.10 dev eth0")
        .stdout_has("metric 300");
    env.rpod(&["exec", "on", "ip", "-6", "route"])
        .success()
        .stdout_has("fd00:99::/64 via fd00:97::10 dev eth0");

    // Connected while running: the routes come with the new interface.
    env.rpod(&["network", "create", "--subnet", "10.98.0.0/24", "plain"])
        .success();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "later",
        "--network",
        "plain",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let before = env.rpod(&["exec", "later", "ip", "route"]);
    before.success();
    assert!(!before.stdout.contains("10.1.0.0/24"), "{}", before.stdout);
    env.rpod(&["network", "connect", "routed", "later"])
        .success();
    env.rpod(&["exec", "later", "ip", "route"])
        .success()
        .stdout_has("10.1.0.0/24 via 10.97.0.10 dev eth1");
    env.rpod(&["rm", "-f", "-t", "0", "on", "later"]).success();
}

#[test]
fn a_route_off_the_networks_subnets_or_malformed_is_refused() {
    let env = Env::bare();
    env.rpod(&[
        "network",
        "create",
        "--subnet",
        "10.97.0.0/24",
        "--route",
        "10.1.0.0/24,192.168.5.1",
        "off",
    ])
    .code(125)
    .stderr_has("--route")
    .stderr_has("gateway 192.168.5.1 is in none of the network's subnets (10.97.0.0/24)");
    for bad in [
        "10.1.0.0/24",
        "10.1.0.0,10.97.0.10",
        "fd00:99::/64,10.97.0.10",
        "10.1.0.0/24,10.97.0.10,many",
    ] {
        env.rpod(&["network", "create", "--route", bad, "bad"])
            .code(125)
            .stderr_has(&format!("invalid --route {bad:?}"));
    }
    env.rpod(&["network", "exists", "off"]).code(1);
    env.rpod(&["network", "exists", "bad"]).code(1);
}
