//! Dual-stack user-defined networks (issue 16): `network create --ipv6` gives the network an
//! IPv6 subnet beside its IPv4 one; its containers get an address of each, reach each other
//! over IPv6, answer AAAA questions by name and list both addresses in /etc/hosts; `--ip6`
//! chooses the address, inside the subnet only.

use serde_json::Value;

use crate::common::Env;

fn inspect(env: &Env, network: &str) -> Value {
    let out = env.rpod(&["network", "inspect", network]);
    out.success();
    let all: Value = serde_json::from_str(&out.stdout).expect("inspect prints JSON");
    all[0].clone()
}

fn run_on(env: &Env, network: &str, name: &str, extra: &[&str]) {
    let mut args = vec!["run", "-d", "--name", name, "--network", network];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["busybox", "sleep", "600"]);
    env.rpod(&args).success();
}

#[test]
fn containers_on_a_dual_stack_network_talk_over_ipv6_by_name() {
    let env = Env::with_busybox();
    env.rpod(&[
        "network",
        "create",
        "--subnet",
        "10.96.0.0/24",
        "--subnet",
        "fd00:96::/64",
        "--gateway",
        "10.96.0.1",
        "--gateway",
        "fd00:96::1",
        "dual",
    ])
    .success();
    let network = inspect(&env, "dual");
    assert_eq!(network["ipv6_enabled"], true, "{network}");
    let subnets = network["subnets"].as_array().expect("subnets");
    assert_eq!(subnets.len(), 2, "{network}");
    assert_eq!(subnets[0]["subnet"], "10.96.0.0/24");
    assert_eq!(subnets[1]["subnet"], "fd00:96::/64");
    assert_eq!(subnets[1]["gateway"], "fd00:96::1");

    run_on(&env, "dual", "web", &["--ip6", "fd00:96::50"]);
    run_on(&env, "dual", "client", &[]);
    // The address is really on the interface, not only in the record.
    env.rpod(&["exec", "web", "ip", "-6", "-o", "addr", "show", "eth0"])
        .success()
        .stdout_has("fd00:96::50/64");
    let inspected = env.rpod(&[
        "inspect",
        "--format",
        "{{.NetworkSettings.Networks.dual.GlobalIPv6Address}}",
        "web",
    ]);
    assert_eq!(inspected.success().trimmed(), "fd00:96::50");
    let hosts = env.rpod(&["exec", "web", "cat", "/etc/hosts"]);
    hosts.success();
    for address in ["10.96.0.", "fd00:96::50\t"] {
        assert!(
            hosts
                .stdout
                .lines()
                .any(|l| l.starts_with(address) && l.ends_with(" web")),
            "{address} names web:\n{}",
            hosts.stdout
        );
    }

    // The responder answers AAAA with the name's IPv6 address.
    env.rpod(&["exec", "client", "nslookup", "-type=aaaa", "web"])
        .success()
        .stdout_has("fd00:96::50");
    // Real traffic over IPv6: an echo to the server's address, and ICMPv6 by name.
    env.rpod(&[
        "exec",
        "-d",
        "web",
        "sh",
        "-c",
        "echo v6-hello | nc -l -p 7006",
    ])
    .success();
    let got = env.rpod(&[
        "exec",
        "client",
        "sh",
        "-c",
        "for i in 1 2 3 4 5 6 7 8 9 10; do nc -w 2 fd00:96::50 7006 </dev/null && exit 0; sleep 0.3; done; exit 1",
    ]);
    got.success().stdout_has("v6-hello");
    env.rpod(&["exec", "client", "ping", "-6", "-c", "1", "-W", "5", "web"])
        .success()
        .stdout_has("fd00:96::50");

    // A pod's --ip6 is its infra's, so its members'.
    env.rpod(&[
        "pod",
        "create",
        "--name",
        "p6",
        "--network",
        "dual",
        "--ip6",
        "fd00:96::66",
    ])
    .success();
    env.rpod(&[
        "run", "--rm", "--pod", "p6", "busybox", "ip", "-6", "-o", "addr", "show", "eth0",
    ])
    .success()
    .stdout_has("fd00:96::66/64");
    env.rpod(&["pod", "rm", "-f", "p6"]).success();
    env.rpod(&["rm", "-f", "-t", "0", "web", "client"])
        .success();
    env.rpod(&["network", "rm", "dual"]).success();
}

#[test]
fn ipv6_alone_picks_a_unique_local_64_and_ip6_outside_it_fails() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "--ipv6", "auto6"])
        .success();
    let network = inspect(&env, "auto6");
    assert_eq!(network["ipv6_enabled"], true);
    let v6 = network["subnets"][1]["subnet"]
        .as_str()
        .expect("an IPv6 subnet")
        .to_string();
    assert!(v6.starts_with("fd") && v6.ends_with("::/64"), "{v6}");
    // A second network gets another one.
    env.rpod(&["network", "create", "--ipv6", "auto6b"])
        .success();
    assert_ne!(inspect(&env, "auto6b")["subnets"][1]["subnet"], v6);

    // An address outside the subnet, and any on an IPv4-only network: podman's words, 125.
    let outside = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "auto6",
        "--ip6",
        "fd99::5",
        "busybox",
        "true",
    ]);
    outside
        .code(125)
        .stderr_has("requested static ip fd99::5 not in any subnet on network auto6");
    env.rpod(&["network", "create", "v4only"]).success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "v4only",
        "--ip6",
        "fd00::5",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("requested static ip fd00::5 not in any subnet on network v4only");
    env.rpod(&["run", "--rm", "--ip6", "fd00::5", "busybox", "true"])
        .code(125)
        .stderr_has("it needs a user-defined network");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "auto6",
        "--ip6",
        "not-an-ip",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("expected an IPv6 address");
    // Nothing stays leased by the refused runs: the network's first address is still free.
    let first = v6.trim_end_matches("::/64").to_string() + "::2";
    run_on(&env, "auto6", "first", &[]);
    env.rpod(&["exec", "first", "ip", "-6", "-o", "addr", "show", "eth0"])
        .success()
        .stdout_has(&first);

    // network connect --ip6 gives a running container its address at once.
    run_on(&env, "v4only", "late", &[]);
    let wanted = v6.trim_end_matches("::/64").to_string() + "::77";
    env.rpod(&["network", "connect", "--ip6", &wanted, "auto6b", "late"])
        .code(125)
        .stderr_has("not in any subnet on network auto6b");
    env.rpod(&["network", "connect", "--ip6", &wanted, "auto6", "late"])
        .success();
    env.rpod(&["exec", "late", "ip", "-6", "-o", "addr", "show", "eth1"])
        .success()
        .stdout_has(&wanted);

    // A v6 --subnet alone implies --ipv6; rpod adds the IPv4 side and says so.
    env.rpod(&["network", "create", "--subnet", "fd00:97::/64", "only6"])
        .success()
        .stderr_has("IPv4 subnet");
    let only6 = inspect(&env, "only6");
    assert_eq!(only6["ipv6_enabled"], true);
    assert_eq!(only6["subnets"][1]["subnet"], "fd00:97::/64");
    env.rpod(&[
        "network",
        "create",
        "--subnet",
        "fd00:98::/64",
        "--gateway",
        "fd00:99::1",
        "bad6",
    ])
    .code(125)
    .stderr_has("not a host address of subnet fd00:98::/64");
    env.rpod(&["rm", "-f", "-t", "0", "first", "late"])
        .success();
}

#[test]
fn interface_name_names_the_bridge_and_ipam_drivers_other_than_host_local_are_refused() {
    let env = Env::with_busybox();
    env.rpod(&[
        "network",
        "create",
        "--interface-name",
        "br-six",
        "--ipv6",
        "named",
    ])
    .success();
    assert_eq!(inspect(&env, "named")["network_interface"], "br-six");
    run_on(&env, "named", "on-six", &[]);
    // The bridge in the rootless network namespace has that name and both gateways.
    let link = env.rpod(&[
        "unshare",
        "--rootless-netns",
        "ip",
        "-o",
        "addr",
        "show",
        "br-six",
    ]);
    let gateway6 = inspect(&env, "named")["subnets"][1]["gateway"]
        .as_str()
        .unwrap()
        .to_string();
    link.success().stdout_has("inet 10.").stdout_has(&gateway6);
    env.rpod(&["network", "create", "--interface-name", "br-six", "again"])
        .code(125)
        .stderr_has("bridge name br-six already in use by network named");
    env.rpod(&["network", "create", "--interface-name", "a/b", "slash"])
        .code(125)
        .stderr_has("--interface-name");
    env.rpod(&["network", "create", "--ipam-driver", "host-local", "local"])
        .success();
    assert_eq!(
        inspect(&env, "local")["ipam_options"]["driver"],
        "host-local"
    );
    for (driver, why) in [("dhcp", "DHCP"), ("other", "known drivers")] {
        env.rpod(&["network", "create", "--ipam-driver", driver, "refused"])
            .code(125)
            .stderr_has(why);
    }
    env.rpod(&["network", "exists", "refused"]).code(1);
    env.rpod(&["rm", "-f", "-t", "0", "on-six"]).success();
}

/// run_flags' check of `--ip6` (the address is on the interface) and `--link-local-ip`
/// (accepted with podman's "not implemented", said in a warning; a non-address refused).
pub fn check(env: &Env) {
    env.rpod(&["network", "create", "--subnet", "fd00:95::/64", "flag6"])
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "flag6",
        "--ip6",
        "fd00:95::9",
        "busybox",
        "ip",
        "-6",
        "-o",
        "addr",
        "show",
        "eth0",
    ])
    .success()
    .stdout_has("fd00:95::9/64");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "flag6",
        "--link-local-ip",
        "169.254.7.7",
        "busybox",
        "true",
    ])
    .success()
    .stderr_has("--link-local-ip 169.254.7.7: not implemented, as in podman");
    env.rpod(&["run", "--rm", "--link-local-ip", "nope", "busybox", "true"])
        .code(125)
        .stderr_has("not an IP address");
    env.rpod(&["network", "rm", "-f", "flag6"]).success();
}
