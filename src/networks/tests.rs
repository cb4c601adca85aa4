use super::*;

fn store() -> (Networks, PathBuf) {
    let root = std::env::temp_dir().join(format!(
        "rpod-networks-{}-{}",
        std::process::id(),
        crate::ids::ContainerId::random()
    ));
    (Networks::open(&root.join("networks")), root)
}

fn named(name: &str) -> NetworkRequest {
    NetworkRequest {
        name: Some(name.into()),
        ..NetworkRequest::default()
    }
}

#[test]
fn create_allocates_subnets_and_refuses_duplicates() {
    let (nets, root) = store();
    let a = nets.create(named("x")).unwrap();
    assert_eq!(a.v4().unwrap().subnet.to_string(), "10.89.0.0/24");
    assert_eq!(a.v4().unwrap().gateway.to_string(), "10.89.0.1");
    assert_eq!(a.network_interface, "rpod1");
    assert!(a.dns_enabled && !a.internal);
    let b = nets.create(named("b")).unwrap();
    assert_eq!(b.v4().unwrap().subnet.to_string(), "10.89.1.0/24");
    assert_eq!(b.network_interface, "rpod2");
    assert!(matches!(
        nets.create(named("x")),
        Err(NetworksError::Exists(_))
    ));
    let clash = NetworkRequest {
        subnet: Some("10.89.1.128/25".parse().unwrap()),
        ..named("c")
    };
    assert!(matches!(
        nets.create(clash),
        Err(NetworksError::SubnetInUse { .. })
    ));
    let unnamed = nets.create(NetworkRequest::default()).unwrap();
    assert_eq!(unnamed.name, "rpod3");
    assert_eq!(nets.get(&a.id[..12]).unwrap().name, "x");
    // The three, and the default network every store has.
    assert_eq!(nets.list().unwrap().len(), 4);
    assert!(matches!(
        nets.remove(DEFAULT_NETWORK),
        Err(NetworksError::Default(_))
    ));
    assert!(matches!(
        nets.create(named(DEFAULT_NETWORK)),
        Err(NetworksError::Exists(_))
    ));
    nets.remove("x").unwrap();
    assert!(matches!(nets.get("x"), Err(NetworksError::NotFound(_))));
    // The freed subnet is handed out again.
    let d = nets.create(named("d")).unwrap();
    assert_eq!(d.v4().unwrap().subnet.to_string(), "10.89.0.0/24");
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn racing_creates_take_distinct_subnets() {
    let (nets, root) = store();
    let dir = root.clone();
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                Networks {
                    dir: dir.join("networks"),
                }
                .create(named(&format!("n{i}")))
                .unwrap()
            })
        })
        .collect();
    let mut subnets: Vec<String> = handles
        .into_iter()
        .map(|h| h.join().unwrap().v4().unwrap().subnet.to_string())
        .collect();
    subnets.sort();
    subnets.dedup();
    assert_eq!(subnets.len(), 8);
    assert_eq!(nets.list().unwrap().len(), 8 + 1, "and the default network");
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn requests_are_validated() {
    for name in ["bridge", "none", "-x", "a/b", ""] {
        assert!(check_network_name(name).is_err(), "{name}");
    }
    let subnet: Subnet = "10.90.0.0/24".parse().unwrap();
    let bad_gateway = NetworkRequest {
        subnet: Some(subnet),
        gateway: Some(Ipv4Addr::new(10, 91, 0, 1)),
        ..named("x")
    };
    assert!(bad_gateway.validate().is_err());
    let no_subnet = NetworkRequest {
        gateway: Some(Ipv4Addr::new(10, 91, 0, 1)),
        ..named("x")
    };
    assert!(no_subnet.validate().is_err());
    let range = NetworkRequest {
        subnet: Some(subnet),
        ip_range: Some(LeaseRange::parse("10.90.0.128/25").unwrap()),
        ..named("x")
    };
    assert!(range.validate().is_ok());
}

#[test]
fn update_adds_and_drops_dns_servers_once_each() {
    let (nets, root) = store();
    let ip = |s: &str| s.parse::<Ipv4Addr>().unwrap();
    nets.create(NetworkRequest {
        dns: vec![ip("10.0.0.1")],
        ..named("x")
    })
    .unwrap();
    let updated = nets
        .update_dns("x", &[ip("10.0.0.2"), ip("10.0.0.1")], &[])
        .unwrap();
    assert_eq!(
        updated.network_dns_servers,
        [ip("10.0.0.1"), ip("10.0.0.2")]
    );
    let updated = nets
        .update_dns("x", &[ip("10.0.0.3")], &[ip("10.0.0.1")])
        .unwrap();
    assert_eq!(nets.get("x").unwrap(), updated);
    assert_eq!(
        updated.network_dns_servers,
        [ip("10.0.0.2"), ip("10.0.0.3")]
    );
    assert!(matches!(
        nets.update_dns(DEFAULT_NETWORK, &[ip("10.0.0.1")], &[]),
        Err(NetworksError::DefaultFixed(_))
    ));
    assert!(matches!(
        nets.update_dns("nosuch", &[], &[]),
        Err(NetworksError::NotFound(_))
    ));
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_network_without_ipam_has_no_subnet() {
    let (nets, root) = store();
    let bare = nets
        .create(NetworkRequest {
            no_ipam: true,
            ..named("bare")
        })
        .unwrap();
    assert!(bare.subnets.is_empty() && bare.v4().is_none());
    assert!(!bare.dns_enabled);
    assert_eq!(bare.ipam_options["driver"], "none");
    let next = nets.create(named("next")).unwrap();
    assert_eq!(next.v4().unwrap().subnet.to_string(), "10.89.0.0/24");
    let with_subnet = NetworkRequest {
        no_ipam: true,
        subnet: Some("10.66.0.0/24".parse().unwrap()),
        ..named("c")
    };
    let e = nets.create(with_subnet).unwrap_err().to_string();
    assert!(e.contains("--subnet") && e.contains("without IPAM"), "{e}");
    fs::remove_dir_all(&root).unwrap();
}
