//! `network create -o KEY=VALUE` (issue 16): `mtu` (the bridge and both ends of every veth
//! pair), `metric` (the default route's, so that of two networks the lower one carries the
//! container's traffic out), `no_default_route` (none via that network's gateway), `isolate`
//! (what rpod's firewall always does); `vrf` and unknown keys refused by name, with nothing
//! made; `network inspect` keeps them in its `options` map. `--ipam-driver none`: a network
//! without a subnet, whose containers' interfaces get no address.

use serde_json::Value;

use crate::common::Env;

fn inspect(env: &Env, network: &str) -> Value {
    let out = env.rpod(&["network", "inspect", network]);
    out.success();
    let all: Value = serde_json::from_str(&out.stdout).expect("inspect prints JSON");
    all[0].clone()
}

fn run_on(env: &Env, name: &str, networks: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name];
    for n in networks {
        args.extend_from_slice(&["--network", n]);
    }
    args.extend_from_slice(&["busybox", "sleep", "600"]);
    env.rpod(&args).success();
}

#[test]
fn mtu_reaches_the_bridge_and_both_veth_ends() {
    let env = Env::with_busybox();
    env.rpod(&[
        "network",
        "create",
        "-o",
        "mtu=1400",
        "--interface-name",
        "br-mtu",
        "small",
    ])
    .success();
    assert_eq!(inspect(&env, "small")["options"]["mtu"], "1400");
    crate::network::web_server(&env, "web", &["--network", "small"], "small-frames");
    env.rpod(&["exec", "web", "ip", "link", "show", "eth0"])
        .success()
        .stdout_has("mtu 1400");
    let holder = env.rpod(&["unshare", "--rootless-netns", "ip", "-o", "link", "show"]);
    holder.success();
    let lines: Vec<&str> = holder
        .stdout
        .lines()
        .filter(|l| l.contains("br-mtu"))
        .collect();
    // The bridge itself, and the host end of the container's pair, enslaved to it.
    assert_eq!(lines.len(), 2, "{}", holder.stdout);
    for line in lines {
        assert!(line.contains("mtu 1400"), "{line}");
    }
    // Traffic still flows over the smaller frames.
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "small",
        "busybox",
        "wget",
        "-q",
        "-O",
        "-",
        "http://web/",
    ])
    .success()
    .stdout_has("small-frames");
    env.rpod(&["rm", "-f", "-t", "0", "web"]).success();
}

#[test]
fn the_lowest_metric_default_route_wins_and_no_default_route_gives_none() {
    let env = Env::with_busybox();
    for (name, subnet, opt) in [
        ("far", "10.71.0.0/24", "metric=200"),
        ("near", "10.72.0.0/24", "metric=100"),
        ("local", "10.73.0.0/24", "no_default_route=1"),
    ] {
        env.rpod(&["network", "create", "--subnet", subnet, "-o", opt, name])
            .success();
    }
    assert_eq!(inspect(&env, "near")["options"]["metric"], "100");
    assert_eq!(inspect(&env, "local")["options"]["no_default_route"], "1");

    // Both metric networks add a default route; the kernel sends outside traffic by the
    // lower one, the second interface's.
    run_on(&env, "both", &["far", "near"]);
    let table = routes(&env, "both");
    assert!(
        table.contains("default via 10.71.0.1 dev eth0 metric 200"),
        "{table}"
    );
    assert!(
        table.contains("default via 10.72.0.1 dev eth1 metric 100"),
        "{table}"
    );
    env.rpod(&["exec", "both", "ip", "route", "get", "192.0.2.1"])
        .success()
        .stdout_has("via 10.72.0.1 dev eth1");

    // No default route via a no_default_route network: its subnet is reached, nothing else.
    run_on(&env, "alone", &["local"]);
    let table = routes(&env, "alone");
    assert!(table.contains("10.73.0.0/24 dev eth0"), "{table}");
    assert!(!table.contains("default"), "{table}");
    env.rpod(&["exec", "alone", "ip", "route", "get", "192.0.2.1"])
        .failure()
        .stderr_has("unreachable");
    run_on(&env, "peer", &["local"]);
    let peer = env.rpod(&[
        "inspect",
        "-f",
        "{{.NetworkSettings.Networks.local.IPAddress}}",
        "peer",
    ]);
    peer.success().stdout_has("10.73.0.");
    let peer = peer.stdout.trim().to_string();
    env.rpod(&["exec", "alone", "ping", "-c", "1", "-W", "5", &peer])
        .success();

    // Behind a network without one, the next network gives the default route.
    run_on(&env, "behind", &["local", "far"]);
    let table = routes(&env, "behind");
    assert!(
        table.contains("default via 10.71.0.1 dev eth1 metric 200"),
        "{table}"
    );
    env.rpod(&["rm", "-f", "-t", "0", "both", "alone", "peer", "behind"])
        .success();
}

/// The container's routes, one a line, with busybox's runs of spaces made one.
fn routes(env: &Env, container: &str) -> String {
    let out = env.rpod(&["exec", container, "ip", "route"]);
    out.success();
    out.stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn unknown_and_unsupported_options_are_refused_by_name() {
    let env = Env::bare();
    for (opt, says) in [
        ("colour=blue", "unknown option \"colour\""),
        ("mtu=100", "576 to 65535"),
        ("metric=0", "positive"),
        ("no_default_route=maybe", "expected 1"),
        ("isolate=false", "always isolated"),
        ("vrf=blue", "VRF"),
        ("mode=unmanaged", "managed"),
        ("mtu", "expected KEY=VALUE"),
    ] {
        env.rpod(&["network", "create", "-o", opt, "refused"])
            .code(125)
            .stderr_has("--opt")
            .stderr_has(says);
    }
    env.rpod(&["network", "exists", "refused"]).code(1);
    // isolate is what rpod's networks always are.
    env.rpod(&["network", "create", "-o", "isolate=strict", "iso"])
        .success();
    assert_eq!(inspect(&env, "iso")["options"]["isolate"], "strict");
}

#[test]
fn a_network_without_ipam_gives_interfaces_and_no_addresses() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "--ipam-driver", "none", "bare"])
        .success();
    let bare = inspect(&env, "bare");
    assert_eq!(bare["ipam_options"]["driver"], "none", "{bare}");
    assert_eq!(bare["subnets"], serde_json::json!([]), "{bare}");
    assert_eq!(bare["dns_enabled"], false, "{bare}");
    // It took no subnet from the pool.
    env.rpod(&["network", "create", "next"]).success();
    assert_eq!(
        inspect(&env, "next")["subnets"][0]["subnet"],
        "10.89.0.0/24"
    );

    // eth0 on the bare network is up without an IPv4 address; eth1 on the next network has
    // one and gives the default route.
    run_on(&env, "two", &["bare", "next"]);
    let eth0 = env.rpod(&["exec", "two", "ip", "-o", "addr", "show", "eth0"]);
    eth0.success();
    assert!(!eth0.stdout.contains("inet "), "{}", eth0.stdout);
    env.rpod(&["exec", "two", "ip", "link", "show", "eth0"])
        .success()
        .stdout_has("UP");
    env.rpod(&["exec", "two", "ip", "-o", "addr", "show", "eth1"])
        .success()
        .stdout_has("inet 10.89.0.");
    env.rpod(&["exec", "two", "ip", "route"])
        .success()
        .stdout_has("default via 10.89.0.1 dev eth1");
    env.rpod(&[
        "inspect",
        "-f",
        "[{{.NetworkSettings.Networks.bare.IPAddress}}]",
        "two",
    ])
    .success()
    .stdout_has("[]");
    // The bridge in the rootless network namespace has no address either.
    let bridge = bare["network_interface"].as_str().unwrap().to_string();
    let shown = env.rpod(&[
        "unshare",
        "--rootless-netns",
        "ip",
        "-o",
        "addr",
        "show",
        &bridge,
    ]);
    shown.success();
    assert!(!shown.stdout.contains("inet "), "{}", shown.stdout);

    // What needs an address on it is refused, naming why.
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "bare",
        "-p",
        "8080:80",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("assigns no addresses");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "bare:ip=10.5.0.2",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("not in any subnet");
    for extra in [
        &["--subnet", "10.66.0.0/24"][..],
        &["--ipv6"][..],
        &["--dns", "10.0.0.1"][..],
    ] {
        let mut argv = vec!["network", "create", "--ipam-driver", "none"];
        argv.extend_from_slice(extra);
        argv.push("refused");
        env.rpod(&argv)
            .code(125)
            .stderr_has("without IPAM")
            .stderr_has(extra[0]);
    }
    env.rpod(&["network", "create", "--ipam-driver", "dhcp", "refused"])
        .code(125)
        .stderr_has("DHCP");
    env.rpod(&["network", "exists", "refused"]).code(1);
    env.rpod(&["rm", "-f", "-t", "0", "two"]).success();
}
