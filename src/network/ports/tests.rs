use std::collections::HashSet;
use std::net::{TcpListener, UdpSocket};

use super::allocate::Allocator;
use super::*;

fn request(s: &str) -> PortRequest {
    PortRequest::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn range(start: u16, end: u16) -> PortRange {
    PortRange { start, end }
}

fn allocator(start: u16) -> Allocator {
    Allocator {
        unprivileged_start: start,
        taken: Vec::new(),
    }
}

#[test]
fn parses_docker_port_specs() {
    let s = request("8080:80");
    assert_eq!(
        (s.host_ip, s.host, s.container, s.protocol),
        (
            None,
            HostPorts::Range(range(8080, 8080)),
            range(80, 80),
            Protocol::Tcp
        )
    );
    let s = request("127.0.0.1:8080:80/udp");
    assert_eq!(s.host_ip, Some("127.0.0.1".parse().unwrap()));
    assert_eq!(s.protocol, Protocol::Udp);
    for random in ["80", ":80", "127.0.0.1::80", "0:80", "[::1]::80"] {
        assert_eq!(request(random).host, HostPorts::Random, "{random}");
    }
    assert_eq!(request("[::1]::80").host_ip, Some("::1".parse().unwrap()));
    let s = request("[fe80::1]:9000:90/tcp");
    assert_eq!(
        (s.host_ip, s.host),
        (
            Some("fe80::1".parse().unwrap()),
            HostPorts::Range(range(9000, 9000))
        )
    );
    let s = request("8000-8010:80-90");
    assert_eq!(
        (s.host, s.container),
        (HostPorts::Range(range(8000, 8010)), range(80, 90))
    );
    assert_eq!(request("8000-8010:80").container, range(80, 80));
    assert_eq!(request("80-90").container.count(), 11);
}

#[test]
fn refuses_malformed_specs() {
    for bad in [
        "",
        "http",
        "0",
        "70000",
        "8080:",
        "90-80",
        "8000-8002:80-81",
        "::1:8080:80",
        "[::1]8080:80",
        "[::1:8080:80",
        "1.2.3:8080:80",
        "80/sctp",
        "80/icmp",
        "a:b:c:d",
    ] {
        assert!(
            matches!(PortRequest::parse(bad), Err(PortError::Invalid { .. })),
            "{bad:?} was accepted"
        );
    }
    let err = PortRequest::parse("80/sctp").unwrap_err().to_string();
    assert!(err.contains("\"80/sctp\"") && err.contains("sctp"), "{err}");
}

#[test]
fn publish_all_maps_exposed_ports_to_random_host_ports() {
    let requests = publish_all(&["80/tcp".into(), "53/udp".into(), "9000".into()]).unwrap();
    let mappings = allocator(1024).run(&requests).unwrap();
    assert_eq!(mappings.len(), 3);
    assert_eq!(
        mappings
            .iter()
            .map(|m| (m.container_port, m.protocol))
            .collect::<Vec<_>>(),
        [
            (80, Protocol::Tcp),
            (53, Protocol::Udp),
            (9000, Protocol::Tcp)
        ]
    );
    assert!(
        mappings
            .iter()
            .all(|m| m.host_port >= 1024 && m.host_ip.is_none())
    );
    let distinct: HashSet<_> = mappings.iter().map(|m| (m.host_port, m.protocol)).collect();
    assert_eq!(distinct.len(), 3);
    assert!(publish_all(&["eighty/tcp".into()]).is_err());
}

#[test]
fn a_port_in_use_is_named() {
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let err = allocator(1024)
        .run(&[request(&format!("127.0.0.1:{port}:80"))])
        .unwrap_err();
    assert!(matches!(err, PortError::InUse { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}/tcp")),
        "{err}"
    );
    assert!(err.hint().unwrap().contains(&port.to_string()));
    // A listener on 127.0.0.1 also blocks the all-addresses binding the helper would make.
    let err = allocator(1024)
        .run(&[request(&format!("{port}:80"))])
        .unwrap_err();
    assert!(matches!(err, PortError::InUse { .. }), "{err}");
    // The same number over UDP is another port.
    let udp = allocator(1024).run(&[request(&format!("127.0.0.1:{port}:80/udp"))]);
    if let Err(e) = udp {
        assert!(
            matches!(e, PortError::InUse { .. }),
            "udp port {port} taken by chance: {e}"
        );
    }
}

#[test]
fn a_busy_udp_port_is_named() {
    let held = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let err = allocator(1024)
        .run(&[request(&format!("127.0.0.1:{port}:53/udp"))])
        .unwrap_err();
    assert!(err.to_string().contains(&format!("{port}/udp")), "{err}");
}

#[test]
fn a_privileged_port_names_the_sysctl() {
    let err = allocator(1024).run(&[request("80:80")]).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("port 80/tcp") && text.contains("net.ipv4.ip_unprivileged_port_start"),
        "{text}"
    );
    assert!(
        err.hint()
            .unwrap()
            .contains("sysctl -w net.ipv4.ip_unprivileged_port_start=80")
    );
    assert!(unprivileged_port_start() > 0);
}

#[test]
fn the_same_host_port_twice_is_refused() {
    let free = allocator(1024).random_port(None, Protocol::Tcp).unwrap();
    let err = allocator(1024)
        .run(&[
            request(&format!("{free}:80")),
            request(&format!("127.0.0.1:{free}:81")),
        ])
        .unwrap_err();
    assert!(matches!(err, PortError::Duplicate { .. }), "{err}");
    let both = allocator(1024)
        .run(&[
            request(&format!("{free}:80")),
            request(&format!("{free}:80/udp")),
        ])
        .unwrap();
    assert_eq!(both.len(), 2);
}

#[test]
fn a_host_range_for_one_container_port_takes_the_first_free_port() {
    let held = TcpListener::bind("0.0.0.0:0").unwrap();
    let busy = held.local_addr().unwrap().port();
    if busy == u16::MAX {
        return;
    }
    let mappings = allocator(1024)
        .run(&[request(&format!("{busy}-{}:80", busy + 1))])
        .unwrap_or_else(|e| panic!("port {} taken by chance: {e}", busy + 1));
    assert_eq!(mappings.len(), 1);
    assert_eq!(
        (mappings[0].host_port, mappings[0].container_port),
        (busy + 1, 80)
    );
    let err = allocator(1024)
        .run(&[request(&format!("{busy}-{busy}:80"))])
        .unwrap_err();
    assert!(matches!(err, PortError::InUse { .. }), "{err}");
}

#[test]
fn ranges_map_one_to_one() {
    let free = allocator(1024).random_port(None, Protocol::Udp).unwrap();
    if free > u16::MAX - 3 {
        return;
    }
    let mappings = allocator(1024)
        .run(&[request(&format!("{free}-{}:50-52/udp", free + 2))])
        .unwrap_or_else(|e| panic!("ports after {free} taken by chance: {e}"));
    assert_eq!(
        mappings
            .iter()
            .map(|m| (m.host_port, m.container_port))
            .collect::<Vec<_>>(),
        [(free, 50), (free + 1, 51), (free + 2, 52)]
    );
}

#[test]
fn formats_like_docker() {
    let m = |ip: Option<&str>, host, container, protocol| PortMapping {
        host_ip: ip.map(|i| i.parse().unwrap()),
        host_port: host,
        container_port: container,
        protocol,
    };
    assert_eq!(
        m(None, 8080, 80, Protocol::Tcp).to_string(),
        "0.0.0.0:8080->80/tcp"
    );
    assert_eq!(
        m(Some("::1"), 8080, 80, Protocol::Udp).to_string(),
        "[::1]:8080->80/udp"
    );
    assert_eq!(
        m(Some("127.0.0.1"), 8080, 80, Protocol::Tcp).port_line(),
        "80/tcp -> 127.0.0.1:8080"
    );
    let ps = ps_column(&[
        m(None, 8000, 80, Protocol::Tcp),
        m(None, 8001, 81, Protocol::Tcp),
        m(None, 8002, 82, Protocol::Tcp),
        m(None, 8003, 83, Protocol::Udp),
        m(Some("::1"), 9000, 90, Protocol::Tcp),
        m(Some("::1"), 9001, 91, Protocol::Tcp),
    ]);
    assert_eq!(
        ps,
        "0.0.0.0:8000-8002->80-82/tcp, 0.0.0.0:8003->83/udp, [::1]:9000-9001->90-91/tcp"
    );
    let json = serde_json::to_string(&m(Some("127.0.0.1"), 8080, 80, Protocol::Tcp)).unwrap();
    assert_eq!(
        json,
        r#"{"host_ip":"127.0.0.1","host_port":8080,"container_port":80,"protocol":"tcp"}"#
    );
    assert_eq!(
        serde_json::from_str::<PortMapping>(&json).unwrap(),
        m(Some("127.0.0.1"), 8080, 80, Protocol::Tcp)
    );
}
