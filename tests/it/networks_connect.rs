//! `network connect` and `network disconnect` (issue 17): running containers gain and lose an
//! interface and their names at once, stopped ones at their next start; wrong requests are
//! refused in podman's words.

use serde_json::Value;

use crate::common::Env;

fn networks_of(env: &Env, container: &str) -> Value {
    let out = env.rpod(&[
        "inspect",
        "--format",
        "{{json .NetworkSettings.Networks}}",
        container,
    ]);
    out.success();
    serde_json::from_str(out.trimmed()).expect("JSON")
}

/// A script that retries `probe` for a few seconds; it exits 0 once the probe succeeds.
pub(crate) fn retry(probe: &str) -> String {
    format!("for i in 1 2 3 4 5 6 7 8 9 10; do {probe} && exit 0; sleep 0.3; done; exit 1")
}

#[test]
fn a_running_container_reaches_a_network_it_is_connected_to_at_once_until_disconnected() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "--subnet", "10.93.0.0/24", "front"])
        .success();
    env.rpod(&["network", "create", "--subnet", "10.94.0.0/24", "back"])
        .success();
    crate::network::web_server(&env, "db", &["--network", "back"], "hello-from-db");
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "app",
        "--network",
        "front",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    // Not on back yet: its name is unknown to app.
    env.rpod(&["exec", "app", "nslookup", "db"]).failure();

    env.rpod(&[
        "network",
        "connect",
        "--alias",
        "api",
        "--ip",
        "10.94.0.50",
        "back",
        "app",
    ])
    .success();
    let nets = networks_of(&env, "app");
    assert_eq!(nets["back"]["IPAddress"], "10.94.0.50", "{nets}");
    assert!(nets["front"].is_object(), "{nets}");
    let get = retry("timeout 3 wget -qO- http://db/ | grep hello-from-db");
    env.rpod(&[
        "exec",
        "app",
        "sh",
        "-c",
        &format!("ip -4 -o addr show; {get}"),
    ])
    .success()
    .stdout_has("10.94.0.50/24")
    .stdout_has("hello-from-db");
    // db sees app's new names at once, by its name and its alias.
    env.rpod(&["exec", "db", "sh", "-c", "nslookup app && nslookup api"])
        .success()
        .stdout_has("10.94.0.50");

    env.rpod(&["network", "connect", "back", "app"])
        .failure()
        .stderr_has("container app is already connected to network back");

    env.rpod(&["network", "disconnect", "back", "app"])
        .success();
    assert!(networks_of(&env, "app")["back"].is_null());
    env.rpod(&[
        "exec", "app", "sh", "-c",
        "ip -4 -o addr show | grep 10.94.0 && exit 1; timeout 3 wget -qO- http://10.94.0.2/ && exit 1; exit 0",
    ])
    .success();
    env.rpod(&["exec", "db", "nslookup", "app"]).failure();
    // The address went back to the network: another container may take it.
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "back:ip=10.94.0.50",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&["network", "disconnect", "back", "app"])
        .failure()
        .stderr_has("container app is not connected to network back");
    // Its last network goes too, as with docker (docker-compose disconnects and reconnects
    // every network to set its aliases): only `lo` is left until a connect.
    env.rpod(&["network", "disconnect", "front", "app"])
        .success();
    env.rpod(&[
        "exec",
        "app",
        "sh",
        "-c",
        "ip -4 -o addr show | grep -v ' lo ' && exit 1; exit 0",
    ])
    .success();
    env.rpod(&["network", "connect", "back", "app"]).success();
    env.rpod(&[
        "exec",
        "app",
        "sh",
        "-c",
        &retry("timeout 3 wget -qO- http://db/"),
    ])
    .success()
    .stdout_has("hello-from-db");
}

#[test]
fn a_stopped_container_is_connected_at_its_next_start() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "--subnet", "10.95.0.0/24", "one"])
        .success();
    env.rpod(&["network", "create", "--subnet", "10.96.0.0/24", "two"])
        .success();
    crate::network::web_server(&env, "web", &["--network", "two"], "hello-two");
    env.rpod(&[
        "create",
        "--name",
        "later",
        "--network",
        "one",
        "busybox",
        "sh",
        "-c",
        &format!(
            "ip -4 -o addr show; {}",
            retry("timeout 3 wget -qO- http://web/")
        ),
    ])
    .success();
    env.rpod(&[
        "network",
        "connect",
        "--mac-address",
        "02:42:0a:60:00:09",
        "two",
        "later",
    ])
    .success();
    let nets = networks_of(&env, "later");
    assert_eq!(nets["two"]["MacAddress"], "02:42:0a:60:00:09", "{nets}");
    env.rpod(&["start", "-a", "later"])
        .success()
        .stdout_has("10.95.0.")
        .stdout_has("10.96.0.")
        .stdout_has("hello-two");
    env.rpod(&["network", "disconnect", "two", "later"])
        .success();
    env.rpod(&["start", "-a", "later"])
        .failure()
        .stdout_has("10.95.0.");
}

#[test]
fn connecting_what_cannot_be_connected_is_refused() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "net"]).success();
    env.rpod(&["create", "--name", "plain", "busybox", "true"])
        .success();
    env.rpod(&["network", "connect", "net", "plain"])
        .failure()
        .stderr_has("cannot be connected to networks");
    env.rpod(&[
        "create",
        "--name",
        "nonet",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&["network", "connect", "net", "nonet"])
        .failure()
        .stderr_has("network mode \"none\"");
    env.rpod(&[
        "create",
        "--name",
        "joined",
        "--network",
        "container:nonet",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&["network", "connect", "net", "joined"])
        .failure()
        .stderr_has("shares another container's network namespace");
    env.rpod(&["network", "connect", "nosuch", "plain"])
        .failure()
        .stderr_has("unable to find network with name or ID nosuch");
    let out = env.rpod(&["network", "connect", "net", "nosuch"]);
    out.failure()
        .stderr_has("no container with name or ID \"nosuch\"");
    assert_eq!(out.code, 1, "docker's exit code for a missing container");
    env.rpod(&["network", "connect", "--ip", "10.1.2", "net", "plain"])
        .failure()
        .stderr_has("not an IPv4 address");
}

#[test]
fn a_restart_by_the_monitor_keeps_what_connect_and_disconnect_changed() {
    let env = Env::with_busybox();
    for (name, subnet) in [("a", "10.97.0.0/24"), ("b", "10.98.0.0/24")] {
        env.rpod(&["network", "create", "--subnet", subnet, name])
            .success();
    }
    // The first run waits for /tmp/go and exits; the restart then sleeps.
    let script = "[ -e /tmp/ran ] && exec sleep 600; touch /tmp/ran; \
                  while [ ! -e /tmp/go ]; do sleep 0.1; done";
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "r",
        "--restart",
        "always",
        "--network",
        "a",
        "busybox",
        "sh",
        "-c",
        script,
    ])
    .success();
    env.rpod(&["network", "connect", "b", "r"]).success();
    env.rpod(&["network", "disconnect", "a", "r"]).success();
    env.rpod(&["exec", "r", "touch", "/tmp/go"]).success();
    let mut restarted = false;
    for _ in 0..100 {
        let out = env.rpod(&["inspect", "--format", "{{.RestartCount}}", "r"]);
        if out.success().trimmed() == "1" {
            restarted = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(restarted, "the monitor restarted the container");
    let out = env.rpod(&["exec", "r", "ip", "-4", "-o", "addr", "show"]);
    out.success().stdout_has("10.98.0.");
    assert!(!out.stdout.contains("10.97.0."), "{}", out.stdout);
}

#[test]
fn the_default_route_moves_to_the_next_network_when_the_first_goes() {
    let env = Env::with_busybox();
    for (name, subnet) in [("r1", "10.91.0.0/24"), ("r2", "10.92.0.0/24")] {
        env.rpod(&["network", "create", "--subnet", subnet, name])
            .success();
    }
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "multi",
        "--network",
        "r1",
        "--network",
        "r2",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let default_route = || {
        let out = env.rpod(&["exec", "multi", "ip", "route", "show", "default"]);
        out.success().trimmed().to_string()
    };
    assert!(
        default_route().starts_with("default via 10.91.0.1"),
        "{}",
        default_route()
    );
    env.rpod(&["network", "disconnect", "r1", "multi"])
        .success();
    assert!(
        default_route().starts_with("default via 10.92.0.1"),
        "{}",
        default_route()
    );
    // Back on r1, which is no longer first: the route stays where it is.
    env.rpod(&["network", "connect", "r1", "multi"]).success();
    assert!(
        default_route().starts_with("default via 10.92.0.1"),
        "{}",
        default_route()
    );
    env.rpod(&["network", "disconnect", "r2", "multi"])
        .success();
    assert!(
        default_route().starts_with("default via 10.91.0.1"),
        "{}",
        default_route()
    );
    // The route is used: the gateway (the holder's end of r1) answers through it.
    env.rpod(&["exec", "multi", "ping", "-c", "1", "-W", "3", "10.91.0.1"])
        .success();
    // An address belongs to one network: --ip with two is refused, per network it is not.
    env.rpod(&[
        "create",
        "--network",
        "r1",
        "--network",
        "r2",
        "--ip",
        "10.91.0.9",
        "busybox",
    ])
    .code(125)
    .stderr_has("--ip")
    .stderr_has("it needs a single network");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "r1:ip=10.91.0.9",
        "--network",
        "r2:ip=10.92.0.9",
        "busybox",
        "ip",
        "-4",
        "-o",
        "addr",
        "show",
    ])
    .success()
    .stdout_has("10.91.0.9/24")
    .stdout_has("10.92.0.9/24");
    env.rpod(&["create", "--network", "r1", "--network", "host", "busybox"])
        .code(125)
        .stderr_has("only named networks join together");
}
