use std::net::Ipv4Addr;
use std::path::PathBuf;

use super::*;
use crate::network::mode::Ipv4Net;
use crate::network::ports::{self, PortRequest, Protocol};
use crate::network::testutil::*;

fn strings(args: &[OsString]) -> Vec<String> {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn default_command_line_keeps_the_host_loopback_reachable() {
    let args = strings(&arguments(
        &NetnsTarget::Pid(42),
        &SlirpOptions::default(),
        5,
        None,
    ));
    assert_eq!(
        args,
        [
            "--configure",
            "--mtu=65520",
            "--enable-sandbox",
            "--enable-seccomp",
            "--cidr=10.0.2.0/24",
            "--ready-fd=5",
            "42",
            "tap0"
        ]
    );
}

#[test]
fn options_reach_the_command_line() {
    let options = SlirpOptions {
        allow_host_loopback: false,
        mtu: 1500,
        cidr: Ipv4Net {
            addr: Ipv4Addr::new(10, 9, 0, 0),
            prefix_len: 16,
        },
        enable_ipv6: true,
        outbound_addr: Some("eth0".into()),
        outbound_addr6: None,
    };
    let target = NetnsTarget::Path {
        netns: PathBuf::from("/run/n/net"),
        userns: Some(PathBuf::from("/proc/7/ns/user")),
    };
    let args = strings(&arguments(
        &target,
        &options,
        9,
        Some(Path::new("/r/api.sock")),
    ));
    for wanted in [
        "--mtu=1500",
        "--cidr=10.9.0.0/16",
        "--disable-host-loopback",
        "--enable-ipv6",
        "--outbound-addr=eth0",
    ] {
        assert!(
            args.iter().any(|a| a == wanted),
            "{wanted} missing: {args:?}"
        );
    }
    assert!(
        args.windows(2)
            .any(|w| w == ["--api-socket", "/r/api.sock"])
    );
    assert_eq!(
        &args[args.len() - 4..],
        [
            "--netns-type=path",
            "--userns-path=/proc/7/ns/user",
            "/run/n/net",
            "tap0"
        ]
    );
    let info = network_info(&options);
    assert_eq!(info.address, Ipv4Addr::new(10, 9, 0, 100));
    assert_eq!(info.gateway, Ipv4Addr::new(10, 9, 0, 2));
    assert_eq!(info.dns, IpAddr::V4(Ipv4Addr::new(10, 9, 0, 3)));
    assert_eq!(info.host_address, None);
}

#[test]
fn an_ipv6_host_address_is_refused_before_starting() {
    let dir = TempDir::new("slirp-v6");
    let ports = [PortMapping {
        host_ip: Some("::1".parse().unwrap()),
        host_port: 8080,
        container_port: 80,
        protocol: Protocol::Tcp,
    }];
    let err = start(
        &NetnsTarget::Pid(1),
        &ports,
        &SlirpOptions::default(),
        dir.path(),
    )
    .unwrap_err();
    assert!(matches!(err, HelperError::Forward { .. }), "{err}");
    assert!(err.to_string().contains("[::1]:8080->80/tcp"), "{err}");
}

fn skip_reason() -> Option<String> {
    helper_unavailable(SLIRP4NETNS).map(|reason| format!("skipped: {reason}"))
}

const CONNECTS: &str =
    "network::slirp::tests::connects_a_namespace_to_the_host_and_publishes_ports";

#[test]
fn connects_a_namespace_to_the_host_and_publishes_ports() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    as_unprivileged(CONNECTS, || {
        let netns = Netns::new();
        let dir = TempDir::new("slirp");
        let ports = ports::allocate(&[PortRequest::parse("127.0.0.1::80").unwrap()]).unwrap();
        let (mut helper, info) = start(
            &NetnsTarget::Pid(netns.pid()),
            &ports,
            &SlirpOptions::default(),
            dir.path(),
        )
        .unwrap();
        assert_eq!(info.address, Ipv4Addr::new(10, 0, 2, 100));
        assert_configured(&netns, &info);
        assert_reaches_host_loopback(&netns, info.host_address.unwrap());
        assert_published(&netns, ports[0].host_port);
        let pid = helper.pid().unwrap();
        helper.stop().unwrap();
        assert_gone(pid, dir.path());
        assert!(!dir.path().join(API_SOCKET).exists());
    });
}

const MONITOR: &str = "network::slirp::tests::works_from_inside_the_containers_user_namespace";

/// As the monitor will run it: root in the user namespace that also owns the container's
/// network namespace, which slirp4netns joins through a bind mount of it.
#[test]
fn works_from_inside_the_containers_user_namespace() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    in_user_namespace(MONITOR, || {
        let netns = Netns::sharing_userns();
        let dir = TempDir::new("slirp-userns");
        let bound = BoundNetns::new(&netns, dir.path());
        let ports = ports::allocate(&[PortRequest::parse("127.0.0.1::80").unwrap()]).unwrap();
        let target = NetnsTarget::Path {
            netns: bound.path().to_path_buf(),
            userns: None,
        };
        let (mut helper, info) =
            start(&target, &ports, &SlirpOptions::default(), dir.path()).unwrap();
        assert_configured(&netns, &info);
        assert_reaches_host_loopback(&netns, info.host_address.unwrap());
        assert_published(&netns, ports[0].host_port);
        let pid = helper.pid().unwrap();
        helper.stop().unwrap();
        assert_gone(pid, dir.path());
    });
}

const NO_LOOPBACK: &str = "network::slirp::tests::without_host_loopback_the_gateway_is_closed";

#[test]
fn without_host_loopback_the_gateway_is_closed() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    as_unprivileged(NO_LOOPBACK, || {
        let netns = Netns::new();
        let dir = TempDir::new("slirp-closed");
        let options = SlirpOptions {
            allow_host_loopback: false,
            ..SlirpOptions::default()
        };
        let (helper, info) =
            start(&NetnsTarget::Pid(netns.pid()), &[], &options, dir.path()).unwrap();
        assert_eq!(info.host_address, None);
        // Never answered when the gateway is closed: its thread is left waiting.
        let (server, _) = loopback_server();
        let port = server.port().to_string();
        let out = netns.run(
            &["busybox", "nc", "-w", "2", &info.gateway.to_string(), &port],
            "ping\n",
        );
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("pong"),
            "the host's loopback was reachable"
        );
        let pid = helper.pid().unwrap();
        drop(helper);
        assert_gone(pid, dir.path());
    });
}

const GONE: &str = "network::slirp::tests::a_target_that_is_gone_fails_with_slirp4netns_reason";

#[test]
fn a_target_that_is_gone_fails_with_slirp4netns_reason() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    as_unprivileged(GONE, || {
        let dir = TempDir::new("slirp-gone");
        let err = start(
            &NetnsTarget::Pid(dead_pid()),
            &[],
            &SlirpOptions::default(),
            dir.path(),
        )
        .unwrap_err();
        assert!(matches!(err, HelperError::Exited { .. }), "{err}");
        assert_eq!(processes_mentioning(dir.path()), Vec::<u32>::new());
    });
}
