//! Rootless networking as a user meets it: published ports reachable from the host, the
//! host's loopback reachable from the container, each mode's interfaces and /etc files, and
//! no helper left once the container is gone.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::common::Env;

/// busybox httpd serving `body` on port 80 of a detached container.
pub(crate) fn web_server(env: &Env, name: &str, extra: &[&str], body: &str) {
    let script =
        format!("mkdir -p /www && echo {body} > /www/index.html && exec httpd -f -p 80 -h /www");
    let mut args = vec!["run", "-d", "--name", name];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["busybox", "sh", "-c", &script]);
    env.rpod(&args).success();
}

/// GETs / from the host, retrying while the server in the container starts.
pub(crate) fn http_get(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let attempt = TcpStream::connect(("127.0.0.1", port)).and_then(|mut s| {
            s.set_read_timeout(Some(Duration::from_secs(5)))?;
            s.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
            let mut reply = String::new();
            s.read_to_string(&mut reply)?;
            Ok(reply)
        });
        match attempt {
            Ok(reply) if reply.contains("200") => return reply,
            _ if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            other => panic!("no answer from 127.0.0.1:{port}: {other:?}"),
        }
    }
}

/// A free port on the host's loopback, released for the container to take.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The pids of network helpers (pasta runs as passt.avx2 or passt) serving `env`'s
/// containers: their command lines name the container's run directory.
fn helpers_of(env: &Env) -> Vec<String> {
    let marker = env.base.to_string_lossy().into_owned();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        let helper = ["pasta", "passt", "slirp4netns"]
            .iter()
            .any(|h| cmdline.split(' ').next().is_some_and(|p| p.contains(h)));
        if helper && cmdline.contains(&marker) {
            found.push(cmdline);
        }
    }
    found
}

#[test]
fn published_port_serves_the_host_with_pasta_and_the_helper_goes_with_the_container() {
    let env = Env::with_busybox();
    let port = free_port();
    let publish = format!("{port}:80");
    web_server(&env, "web", &["-p", &publish], "hello-pasta");
    assert!(http_get(port).contains("hello-pasta"));
    env.rpod(&["port", "web"])
        .success()
        .stdout_has(&format!("80/tcp -> 0.0.0.0:{port}"));
    env.rpod(&["port", "web", "80/tcp"])
        .success()
        .stdout_has(&format!("0.0.0.0:{port}"));
    env.rpod(&["port", "web", "81"])
        .code(125)
        .stderr_has("no public port 81/tcp published for web");
    env.rpod(&["ps", "--format", "{{.Ports}} {{.Networks}}"])
        .success()
        .stdout_has(&format!("0.0.0.0:{port}->80/tcp pasta"));
    let settings = env.rpod(&["inspect", "--format", "{{json .NetworkSettings}}", "web"]);
    let settings: serde_json::Value = serde_json::from_str(settings.success().trimmed()).unwrap();
    assert_eq!(
        settings["Ports"]["80/tcp"][0]["HostPort"],
        port.to_string(),
        "{settings}"
    );
    assert!(
        !settings["IPAddress"].as_str().unwrap().is_empty(),
        "{settings}"
    );
    assert_eq!(helpers_of(&env).len(), 1, "one pasta for one container");

    env.rpod(&["rm", "-f", "web"]).success();
    assert!(helpers_of(&env).is_empty(), "{:?}", helpers_of(&env));
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} still open"
    );
}

#[test]
fn publish_all_picks_a_random_port_with_slirp4netns() {
    let env = Env::with_busybox();
    web_server(
        &env,
        "web",
        &["--network", "slirp4netns", "-P", "--expose", "80"],
        "hello-slirp",
    );
    let out = env.rpod(&["port", "web", "80"]);
    let host = out.success().trimmed().to_string();
    let port: u16 = host
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {host:?}"));
    assert!(http_get(port).contains("hello-slirp"));
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "slirp4netns",
        "busybox",
        "ip",
        "-o",
        "-4",
        "addr",
    ])
    .success()
    .stdout_has("tap0")
    .stdout_has("10.0.2.100/24");
    env.rpod(&["rm", "-f", "web"]).success();
    assert!(helpers_of(&env).is_empty(), "{:?}", helpers_of(&env));
}

#[test]
fn container_reaches_a_server_on_the_hosts_loopback() {
    let env = Env::with_busybox();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // An HTTP exchange, not a bare half-closed one: Debian 12's pasta sometimes loses the
    // end of a connection whose client shuts down its side at once (nc </dev/null).
    let server = std::thread::spawn(move || {
        for _ in 0..2 {
            let (mut conn, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut byte = [0u8; 1];
            while !request.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap() == 1 {
                request.push(byte[0]);
            }
            conn.write_all(b"HTTP/1.0 200 OK\r\nContent-Length: 14\r\n\r\nfrom-the-host\n")
                .unwrap();
        }
    });
    for mode in ["pasta", "slirp4netns"] {
        let url = format!("http://host.containers.internal:{port}/");
        env.rpod(&[
            "run",
            "--rm",
            "--network",
            mode,
            "busybox",
            "wget",
            "-qO-",
            &url,
        ])
        .success()
        .stdout_has("from-the-host");
    }
    server.join().unwrap();
}

#[test]
fn each_mode_has_its_interfaces_and_etc_files() {
    let env = Env::with_busybox();
    let none = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "ls /sys/class/net; cat /etc/resolv.conf",
    ]);
    assert_eq!(none.success().trimmed(), "lo", "{}", none.stdout);

    let pasta = env.rpod(&[
        "run",
        "--rm",
        "--hostname",
        "box",
        "busybox",
        "sh",
        "-c",
        "ip -o -4 addr show scope global; cat /etc/resolv.conf /etc/hosts",
    ]);
    pasta
        .success()
        .stdout_has("nameserver 169.254.1.1")
        .stdout_has("host.containers.internal")
        .stdout_has("\tbox ");
    // The container's own address (copied from the host by pasta) names it in /etc/hosts.
    let address = pasta
        .stdout
        .split_whitespace()
        .find_map(|w| w.split_once('/').map(|(ip, _)| ip.to_string()))
        .expect("an IPv4 address");
    assert!(
        pasta.stdout.contains(&format!("{address}\tbox")),
        "{}",
        pasta.stdout
    );

    let host_links: Vec<String> = std::fs::read_dir("/sys/class/net")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let host = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "host",
        "busybox",
        "ls",
        "/sys/class/net",
    ]);
    for link in &host_links {
        host.success().stdout_has(link);
    }

    env.rpod(&[
        "run",
        "--rm",
        "--add-host",
        "db:10.1.2.3",
        "--dns",
        "10.0.0.53",
        "--dns-search",
        "example.org",
        "--dns-option",
        "ndots:2",
        "busybox",
        "sh",
        "-c",
        "cat /etc/hosts /etc/resolv.conf",
    ])
    .success()
    .stdout_has("10.1.2.3\tdb\n")
    .stdout_has("search example.org\nnameserver 10.0.0.53\noptions ndots:2\n");
}

#[test]
fn a_container_can_share_another_containers_network() {
    let env = Env::with_busybox();
    web_server(
        &env,
        "web",
        &["--network", "slirp4netns"],
        "shared-localhost",
    );
    let got = env.rpod(&[
        "run", "--rm", "--network", "container:web", "busybox", "sh", "-c",
        "for i in $(seq 50); do wget -qO- http://127.0.0.1:80/ && break; sleep 0.1; done; cat /etc/hosts",
    ]);
    got.success()
        .stdout_has("shared-localhost")
        .stdout_has("10.0.2.100");
    env.rpod(&["stop", "-t", "1", "web"]).success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "container:web",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("web is in state exited");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "container:nosuch",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("nosuch");
}

#[test]
fn network_errors_name_what_is_wrong() {
    let env = Env::with_busybox();
    let holder = TcpListener::bind("0.0.0.0:0").unwrap();
    let taken = holder.local_addr().unwrap().port().to_string();
    let cases: [(&[&str], &str); 6] = [
        (
            &["-p", &format!("{taken}:80")],
            &format!("cannot publish port 0.0.0.0:{taken}/tcp: address already in use"),
        ),
        (
            &["--network", "none", "-p", "80"],
            "ports are published only with pasta, slirp4netns or a user-defined network",
        ),
        // A name that is no mode is a user-defined network, which must exist (podman's words).
        (
            &["--network", "bogus"],
            "unable to find network with name or ID bogus: network not found",
        ),
        (
            &["-p", "99999:80"],
            "invalid port specification \"99999:80\"",
        ),
        (&["--dns", "notanip"], "invalid --dns \"notanip\""),
        (
            &["--network", "none", "--add-host", "gw:host-gateway"],
            "cannot resolve host-gateway for --add-host gw",
        ),
    ];
    for (flags, message) in cases {
        let mut args = vec!["run", "--rm"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&["busybox", "true"]);
        env.rpod(&args).code(125).stderr_has(message).no_panic();
    }
    env.rpod(&["run", "--rm", "-p", "80:80", "busybox", "true"])
        .code(125)
        .stderr_has("ports below 1024 are privileged (sysctl net.ipv4.ip_unprivileged_port_start");
    assert_eq!(
        env.rpod(&["ps", "-a", "-q"]).success().trimmed(),
        "",
        "no container left by a refused run"
    );
}

#[test]
fn without_a_helper_the_error_names_the_package_and_the_modes_that_work() {
    let env = Env::with_busybox();
    let empty = env.path("no-helpers");
    std::fs::create_dir_all(&empty).unwrap();
    // Added to the harness's configuration, which points `busybox` at the test registry.
    let config = env.path("config/rpod/rpod.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap_or_default();
    toml.push_str(&format!(
        "\n[network]\nhelper-dirs = [{:?}]\n",
        empty.to_str().unwrap()
    ));
    env.write_config(&toml);
    env.rpod(&["run", "--rm", "busybox", "true"])
        .code(125)
        .stderr_has("neither pasta nor slirp4netns is installed")
        .stderr_has("apt install passt")
        .stderr_has("--network host and --network none work without one");
    env.rpod(&["run", "--rm", "--network", "slirp4netns", "busybox", "true"])
        .code(125)
        .stderr_has("cannot use --network slirp4netns: slirp4netns is not installed");
    env.rpod(&["run", "--rm", "--network", "none", "busybox", "true"])
        .success();
    // A pod's member takes the pod's network and needs no helper; without the pod's
    // network it needs one after all.
    env.rpod(&["pod", "create", "--network", "none", "--name", "quiet"])
        .success();
    env.rpod(&["run", "--rm", "--pod", "quiet", "busybox", "true"])
        .success();
    env.rpod(&[
        "pod",
        "create",
        "--share",
        "ipc",
        "--network",
        "none",
        "--name",
        "own-net",
    ])
    .success();
    env.rpod(&["run", "--rm", "--pod", "own-net", "busybox", "true"])
        .code(125)
        .stderr_has("neither pasta nor slirp4netns is installed");
}
