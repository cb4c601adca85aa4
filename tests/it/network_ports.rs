//! Published ports of containers on user-defined networks: a real HTTP client on the host
//! reaches busybox httpd behind the network's bridge, the port follows the container through
//! restart and stop, and a host port is published once.

use std::net::{IpAddr, TcpStream, UdpSocket};

use crate::common::Env;
use crate::network::{free_port, http_get, web_server};

/// The host's own address on its default route, if it has one (a TEST-NET address is never
/// contacted: connecting a UDP socket only picks the route).
fn host_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    Some(socket.local_addr().ok()?.ip()).filter(|ip| !ip.is_loopback())
}

#[test]
fn a_port_published_on_a_user_defined_network_serves_the_host_until_the_container_stops() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "mynet"]).success();
    let port = free_port();
    let publish = format!("{port}:80");
    web_server(
        &env,
        "web",
        &["--network", "mynet", "-p", &publish],
        "hello-bridge",
    );
    assert!(http_get(port).contains("hello-bridge"));
    if let Some(ip) = host_address() {
        assert!(
            TcpStream::connect((ip, port)).is_ok(),
            "port {port} not published on the host's address {ip}"
        );
    }
    env.rpod(&["port", "web"])
        .success()
        .stdout_has(&format!("80/tcp -> 0.0.0.0:{port}"));
    env.rpod(&["ps", "--format", "{{.Ports}} {{.Networks}}"])
        .success()
        .stdout_has(&format!("0.0.0.0:{port}->80/tcp mynet"));

    // A second container cannot take the same host port, on any network.
    env.rpod(&[
        "run",
        "-d",
        "--network",
        "mynet",
        "-p",
        &publish,
        "busybox",
        "sleep",
        "60",
    ])
    .code(125)
    .stderr_has(&format!(
        "cannot publish port 0.0.0.0:{port}/tcp: address already in use"
    ));
    env.rpod(&["run", "-d", "-p", &publish, "busybox", "sleep", "60"])
        .code(125)
        .stderr_has("address already in use");

    env.rpod(&["restart", "web"]).success();
    assert!(http_get(port).contains("hello-bridge"), "after restart");

    env.rpod(&["stop", "-t", "1", "web"]).success();
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} still open once the container stopped"
    );
    env.rpod(&["start", "web"]).success();
    assert!(http_get(port).contains("hello-bridge"), "after start");
    env.rpod(&["rm", "-f", "web"]).success();
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} still open once the container is removed"
    );
}

#[test]
fn udp_ports_on_a_user_defined_network_are_refused_with_the_reason() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "mynet"]).success();
    let publish = format!("{}:53/udp", free_port());
    env.rpod(&[
        "create",
        "--network",
        "mynet",
        "-p",
        &publish,
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("UDP ports are not published to containers on user-defined networks yet");
}
