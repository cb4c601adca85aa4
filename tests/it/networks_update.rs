//! A network's own DNS servers (issue 17): `network create --dns` and `network update
//! --dns-add/--dns-drop` decide where the holder's responder sends the questions of the
//! network's containers that are no container's name, at once for running ones.

use std::net::{Ipv4Addr, UdpSocket};

use hickory_proto::op::{Message, MessageType};
use hickory_proto::rr::rdata::A;
use hickory_proto::rr::{RData, Record, RecordType};

use crate::common::Env;

const FAKE_ANSWER: &str = "198.51.100.7";

/// The host's default gateway, which pasta maps to the host's loopback for the namespace.
fn host_gateway() -> Ipv4Addr {
    let routes = std::fs::read_to_string("/proc/net/route").unwrap();
    let gateway = routes
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[1] == "00000000")
        .map(|f| u32::from_str_radix(f[2], 16).unwrap())
        .expect("a default route");
    Ipv4Addr::from(gateway.to_le_bytes())
}

/// A DNS server on the host's loopback, port 53, answering every A question with
/// [`FAKE_ANSWER`] for the test process's life.
fn fake_dns() {
    let socket = UdpSocket::bind(("127.0.0.1", 53)).expect("port 53 of the loopback is free");
    std::thread::spawn(move || {
        let mut buf = vec![0; 4096];
        while let Ok((n, from)) = socket.recv_from(&mut buf) {
            let Ok(query) = Message::from_vec(&buf[..n]) else {
                continue;
            };
            let mut reply = Message::new();
            reply
                .set_id(query.id())
                .set_message_type(MessageType::Response)
                .set_recursion_desired(query.recursion_desired())
                .set_recursion_available(true);
            for question in query.queries() {
                reply.add_query(question.clone());
                if question.query_type() == RecordType::A {
                    let address: Ipv4Addr = FAKE_ANSWER.parse().unwrap();
                    reply.add_answer(Record::from_rdata(
                        question.name().clone(),
                        60,
                        RData::A(A(address)),
                    ));
                }
            }
            if let Ok(bytes) = reply.to_vec() {
                let _ = socket.send_to(&bytes, from);
            }
        }
    });
}

fn lookup(env: &Env, container: &str) -> String {
    // The host's own resolver is out of reach offline: that lookup fails, so it is bounded.
    let out = env.rpod(&[
        "exec",
        container,
        "sh",
        "-c",
        "timeout 6 nslookup somewhere.example; true",
    ]);
    out.success();
    out.stdout.clone()
}

#[test]
fn a_networks_dns_servers_answer_what_is_no_containers_name_and_update_changes_them() {
    let env = Env::with_busybox();
    let gateway = host_gateway().to_string();
    fake_dns();
    env.rpod(&["network", "create", "--dns", &gateway, "withdns"])
        .success();
    env.rpod(&["network", "create", "plain"]).success();
    for (name, network) in [("a", "withdns"), ("b", "plain")] {
        env.rpod(&[
            "run",
            "-d",
            "--name",
            name,
            "--network",
            network,
            "busybox",
            "sleep",
            "600",
        ])
        .success();
    }
    assert!(
        lookup(&env, "a").contains(FAKE_ANSWER),
        "withdns asks its server"
    );
    assert!(
        !lookup(&env, "b").contains(FAKE_ANSWER),
        "plain asks the host's"
    );

    env.rpod(&["network", "update", "--dns-add", &gateway, "plain"])
        .success()
        .stdout_has("plain");
    let inspect = env.rpod(&["network", "inspect", "plain"]);
    inspect.success().stdout_has(&gateway);
    assert!(
        lookup(&env, "b").contains(FAKE_ANSWER),
        "at once, while b runs"
    );
    // Containers' own names are still the responder's.
    env.rpod(&["exec", "b", "nslookup", "b"])
        .success()
        .stdout_has("10.89.");

    env.rpod(&["network", "update", "--dns-drop", &gateway, "withdns"])
        .success();
    assert!(!lookup(&env, "a").contains(FAKE_ANSWER), "dropped");
    // A restart publishes the servers from the record again.
    env.rpod(&["restart", "-t", "0", "b"]).success();
    assert!(lookup(&env, "b").contains(FAKE_ANSWER));

    env.rpod(&["network", "update", "--dns-add", "not-an-ip", "plain"])
        .failure()
        .stderr_has("not-an-ip");
    env.rpod(&["network", "update", "--dns-add", "10.0.0.1", "podman"])
        .failure()
        .stderr_has("default network podman cannot be updated");
    env.rpod(&["network", "update", "--dns-add", "10.0.0.1", "nosuch"])
        .failure()
        .stderr_has("network not found");
    env.rpod(&["rm", "-f", "a", "b"]).success();
}
