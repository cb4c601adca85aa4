use std::net::UdpSocket;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::*;
use crate::network::ports::{self, PortRequest};
use crate::network::testutil::*;

fn route() -> HostRoute {
    HostRoute {
        interface: "eth0".into(),
        gateway: Ipv4Addr::new(192, 0, 2, 1),
        address: Ipv4Addr::new(192, 0, 2, 2),
        prefix_len: 24,
    }
}

fn strings(args: &[OsString]) -> Vec<String> {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

fn has_pair(args: &[String], flag: &str, value: &str) -> bool {
    args.windows(2).any(|w| w[0] == flag && w[1] == value)
}

fn mapping(
    ip: Option<&str>,
    host_port: u16,
    container_port: u16,
    protocol: Protocol,
) -> PortMapping {
    PortMapping {
        host_ip: ip.map(|i| i.parse().unwrap()),
        host_port,
        container_port,
        protocol,
    }
}

#[test]
fn without_ports_nothing_is_forwarded_either_way() {
    let args = strings(&arguments(
        &NetnsTarget::Pid(42),
        &[],
        &PastaOptions::default(),
        Path::new("/run/x/pasta.ready"),
    ));
    assert_eq!(
        &args[..7],
        [
            "--config-net",
            "--foreground",
            "--quiet",
            "--pid",
            "/run/x/pasta.ready",
            "--dns-forward",
            "169.254.1.1"
        ]
    );
    for flag in ["-t", "-u", "-T", "-U"] {
        assert!(
            has_pair(&args, flag, "none"),
            "{flag} none missing: {args:?}"
        );
    }
    assert!(!args.iter().any(|a| a == "--no-map-gw"));
    assert_eq!(args.last().unwrap(), "42");
}

#[test]
fn ports_become_pasta_forwards() {
    let ports = [
        mapping(Some("127.0.0.1"), 8080, 80, Protocol::Tcp),
        mapping(Some("::1"), 8443, 443, Protocol::Tcp),
        mapping(None, 5353, 53, Protocol::Udp),
    ];
    let args = strings(&arguments(
        &NetnsTarget::Pid(42),
        &ports,
        &PastaOptions::default(),
        Path::new("/r"),
    ));
    assert!(has_pair(&args, "-t", "127.0.0.1/8080:80"));
    assert!(has_pair(&args, "-t", "::1/8443:443"));
    assert!(has_pair(&args, "-u", "5353:53"));
    assert!(!has_pair(&args, "-t", "none") && !has_pair(&args, "-u", "none"));
    assert!(has_pair(&args, "-T", "none") && has_pair(&args, "-U", "none"));
}

#[test]
fn user_options_override_rpods_defaults() {
    let options = PastaOptions {
        args: [
            "--tcp-ns=8000",
            "--dns-forward",
            "10.0.0.53",
            "--no-map-gw",
            "-a",
            "10.1.1.5",
            "-n",
            "16",
            "-g10.1.0.1",
            "-I",
            "eth7",
        ]
        .map(String::from)
        .to_vec(),
    };
    let target = NetnsTarget::Path {
        netns: PathBuf::from("/run/n/net"),
        userns: Some(PathBuf::from("/proc/7/ns/user")),
    };
    let args = strings(&arguments(&target, &[], &options, Path::new("/r")));
    assert!(!has_pair(&args, "-T", "none"));
    assert!(has_pair(&args, "-U", "none"));
    assert_eq!(args.iter().filter(|a| *a == "--dns-forward").count(), 1);
    assert_eq!(
        &args[args.len() - 4..],
        ["--userns", "/proc/7/ns/user", "--netns", "/run/n/net"]
    );

    let info = network_info(&route(), &options.args);
    assert_eq!(
        info,
        NetworkInfo {
            interface: "eth7".into(),
            address: Ipv4Addr::new(10, 1, 1, 5),
            prefix_len: 16,
            gateway: Ipv4Addr::new(10, 1, 0, 1),
            address6: None,
            dns: "10.0.0.53".parse().unwrap(),
            host_address: None,
        }
    );
}

#[test]
fn by_default_the_container_copies_the_host_and_reaches_it_via_the_gateway() {
    let info = network_info(&route(), &[]);
    assert_eq!(
        info,
        NetworkInfo {
            interface: "eth0".into(),
            address: Ipv4Addr::new(192, 0, 2, 2),
            prefix_len: 24,
            gateway: Ipv4Addr::new(192, 0, 2, 1),
            address6: None,
            dns: IpAddr::V4(DNS_FORWARD),
            host_address: Some("192.0.2.1".parse().unwrap()),
        }
    );
    let netmask = network_info(&route(), &["--netmask=255.255.240.0".to_string()]);
    assert_eq!(netmask.prefix_len, 20);
}

fn skip_reason() -> Option<String> {
    helper_unavailable(PASTA).map(|reason| format!("skipped: {reason}"))
}

const CONNECTS: &str =
    "network::pasta::tests::connects_a_namespace_to_the_host_and_publishes_ports";

#[test]
fn connects_a_namespace_to_the_host_and_publishes_ports() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    as_unprivileged(CONNECTS, || {
        let netns = Netns::new();
        let dir = TempDir::new("pasta");
        let ports = ports::allocate(&[PortRequest::parse("127.0.0.1::80").unwrap()]).unwrap();
        let (mut helper, info) = start(
            &NetnsTarget::Pid(netns.pid()),
            &ports,
            &PastaOptions::default(),
            dir.path(),
        )
        .unwrap();
        assert_configured(&netns, &info);
        assert_reaches_host_loopback(&netns, info.host_address.unwrap());
        assert_published(&netns, ports[0].host_port);
        let pid = helper.pid().unwrap();
        helper.stop().unwrap();
        assert_gone(pid, dir.path());
    });
}

const BY_PATH: &str = "network::pasta::tests::joins_a_namespace_by_path_and_dies_with_its_handle";

#[test]
fn joins_a_namespace_by_path_and_dies_with_its_handle() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    as_unprivileged(BY_PATH, || {
        let netns = Netns::new();
        let dir = TempDir::new("pasta-path");
        let target = NetnsTarget::Path {
            netns: format!("/proc/{}/ns/net", netns.pid()).into(),
            userns: Some(format!("/proc/{}/ns/user", netns.pid()).into()),
        };
        let options = PastaOptions {
            args: vec!["--no-map-gw".into()],
        };
        let (helper, info) = start(&target, &[], &options, dir.path()).unwrap();
        assert_eq!(info.host_address, None);
        assert_configured(&netns, &info);
        let pid = helper.pid().unwrap();
        drop(helper);
        assert_gone(pid, dir.path());
    });
}

const MONITOR: &str = "network::pasta::tests::works_from_inside_the_containers_user_namespace";

/// As the monitor will run it: root in the user namespace that also owns the container's
/// network namespace, which pasta then joins through a bind mount of it.
#[test]
fn works_from_inside_the_containers_user_namespace() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    in_user_namespace(MONITOR, || {
        let netns = Netns::sharing_userns();
        let dir = TempDir::new("pasta-userns");
        let bound = BoundNetns::new(&netns, dir.path());
        let ports = ports::allocate(&[PortRequest::parse("127.0.0.1::80").unwrap()]).unwrap();
        let target = NetnsTarget::Path {
            netns: bound.path().to_path_buf(),
            userns: None,
        };
        let (mut helper, info) =
            start(&target, &ports, &PastaOptions::default(), dir.path()).unwrap();
        assert_configured(&netns, &info);
        assert_reaches_host_loopback(&netns, info.host_address.unwrap());
        assert_published(&netns, ports[0].host_port);
        let pid = helper.pid().unwrap();
        helper.stop().unwrap();
        assert_gone(pid, dir.path());
    });
}

const EARLY: &str =
    "network::pasta::tests::without_ports_the_start_waits_only_for_the_configured_namespace";

/// No port and no option: start returns once the routes are there, maybe before pasta's
/// start is done; what the container sends meanwhile is still served, and pasta's late
/// write of its pid finds its FIFO's reader.
#[test]
fn without_ports_the_start_waits_only_for_the_configured_namespace() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    in_user_namespace(EARLY, || {
        let netns = Netns::sharing_userns();
        let dir = TempDir::new("pasta-early");
        let bound = BoundNetns::new(&netns, dir.path());
        let target = NetnsTarget::Path {
            netns: bound.path().to_path_buf(),
            userns: None,
        };
        let starting = spawn(&target, &[], &PastaOptions::default(), dir.path()).unwrap();
        assert!(starting.configured.is_some(), "no route watch");
        let (mut helper, info) = starting.wait().unwrap();
        assert_configured(&netns, &info);
        assert_reaches_host_loopback(&netns, info.host_address.unwrap());
        let pid = helper.pid().unwrap();
        helper.stop().unwrap();
        assert_gone(pid, dir.path());
        assert!(!dir.path().join(READY_FILE).exists(), "the FIFO is left");
    });
}

const GONE: &str = "network::pasta::tests::a_target_that_is_gone_fails_with_pastas_reason";

#[test]
fn a_target_that_is_gone_fails_with_pastas_reason() {
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    as_unprivileged(GONE, || {
        let dir = TempDir::new("pasta-gone");
        let err = start(
            &NetnsTarget::Pid(dead_pid()),
            &[],
            &PastaOptions::default(),
            dir.path(),
        )
        .unwrap_err();
        assert!(matches!(err, HelperError::Exited { .. }), "{err}");
        assert!(err.to_string().contains("namespace"), "{err}");
        assert_eq!(processes_mentioning(dir.path()), Vec::<u32>::new());
    });
}

/// The answer the stand-in resolver gives for any A query.
const ANSWER: [u8; 4] = [192, 0, 2, 77];

/// A DNS reply to `query`: its question, and for an A query one A record with ANSWER.
fn dns_reply(query: &[u8]) -> Option<Vec<u8>> {
    let mut end = 12;
    while *query.get(end)? != 0 {
        end += 1 + usize::from(query[end]);
    }
    let qtype = u16::from_be_bytes([*query.get(end + 1)?, *query.get(end + 2)?]);
    let question = query.get(12..end + 5)?;
    let is_a = qtype == 1;
    let mut reply = query[..2].to_vec();
    reply.extend([0x81, 0x80, 0, 1, 0, u8::from(is_a), 0, 0, 0, 0]);
    reply.extend(question);
    if is_a {
        reply.extend([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
        reply.extend(ANSWER);
    }
    Some(reply)
}

const DNS: &str = "network::pasta::tests::dns_sent_to_the_forwarder_reaches_the_hosts_resolver";

/// The host's resolver is a stand-in on 127.0.0.2:53, named in a private /etc/resolv.conf
/// that pasta reads: a loopback resolver, as systemd-resolved is, that only pasta's DNS
/// forwarding can reach from the namespace.
#[test]
fn dns_sent_to_the_forwarder_reaches_the_hosts_resolver() {
    let body = || {
        let netns = Netns::new();
        let dir = TempDir::new("pasta-dns");
        let (_helper, info) = start(
            &NetnsTarget::Pid(netns.pid()),
            &[],
            &PastaOptions::default(),
            dir.path(),
        )
        .unwrap();
        let out = netns.run(
            &[
                "busybox",
                "nslookup",
                "probe.rpod.test",
                &info.dns.to_string(),
            ],
            "",
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("192.0.2.77"),
            "nslookup: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    if is_inner(DNS) {
        return body();
    }
    if let Some(reason) = skip_reason() {
        println!("{reason}");
        return;
    }
    if !nix::unistd::geteuid().is_root() {
        println!(
            "skipped: standing in for the host's resolver needs root (port 53, /etc/resolv.conf)"
        );
        return;
    }
    let Ok(resolver) = UdpSocket::bind("127.0.0.2:53") else {
        println!("skipped: 127.0.0.2:53 is taken");
        return;
    };
    resolver
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let answering = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 512];
            while !done.load(Ordering::Relaxed) {
                if let Ok((n, from)) = resolver.recv_from(&mut buf)
                    && let Some(reply) = dns_reply(&buf[..n])
                {
                    resolver.send_to(&reply, from).unwrap();
                }
            }
        })
    };
    let conf = TempDir::new("pasta-resolv");
    let resolv = conf.path().join("resolv.conf");
    fs::write(&resolv, "nameserver 127.0.0.2\n").unwrap();
    // A thread of its own takes the private mount namespace; the child runs from it.
    let result = std::thread::spawn(move || {
        use nix::mount::{MsFlags, mount};
        nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS).unwrap();
        mount(
            None::<&str>,
            "/",
            None::<&str>,
            MsFlags::MS_REC | MsFlags::MS_PRIVATE,
            None::<&str>,
        )
        .unwrap();
        mount(
            Some(&resolv),
            "/etc/resolv.conf",
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .unwrap();
        as_unprivileged(DNS, body);
    })
    .join();
    done.store(true, Ordering::Relaxed);
    answering.join().unwrap();
    result.unwrap();
}
