//! User-defined networks: their records (`network create/ls/inspect/exists/rm/prune`).

use serde_json::Value;

use crate::common::Env;
use crate::common::env::Out;

trait StdoutEq {
    fn stdout_eq(&self, want: &str) -> &Self;
}

impl StdoutEq for Out {
    #[track_caller]
    fn stdout_eq(&self, want: &str) -> &Self {
        assert_eq!(self.stdout, want, "{}", self.cmd);
        self
    }
}

fn inspect(env: &Env, name: &str) -> Value {
    let out = env.rpod(&["network", "inspect", name]);
    out.success();
    let docs: Value = serde_json::from_str(&out.stdout).expect("inspect prints JSON");
    docs[0].clone()
}

#[test]
fn networks_are_created_listed_inspected_and_removed() {
    let env = Env::new();
    env.rpod(&["network", "create", "web"])
        .success()
        .stdout_has("web");
    env.rpod(&[
        "network",
        "create",
        "--subnet",
        "10.99.0.0/24",
        "--gateway",
        "10.99.0.254",
        "--ip-range",
        "10.99.0.128/25",
        "--internal",
        "--disable-dns",
        "--label",
        "tier=back",
        "--opt",
        "mtu=1400",
        "back",
    ])
    .success();

    let web = inspect(&env, "web");
    assert_eq!(web["driver"], "bridge");
    assert_eq!(web["subnets"][0]["subnet"], "10.89.0.0/24");
    assert_eq!(web["subnets"][0]["gateway"], "10.89.0.1");
    assert_eq!(web["dns_enabled"], true);
    assert_eq!(web["internal"], false);
    assert_eq!(web["id"].as_str().unwrap().len(), 64);
    let back = inspect(&env, "back");
    assert_eq!(back["subnets"][0]["gateway"], "10.99.0.254");
    assert_eq!(back["subnets"][0]["lease_range"]["start_ip"], "10.99.0.129");
    assert_eq!(back["internal"], true);
    assert_eq!(back["dns_enabled"], false);
    assert_eq!(back["labels"]["tier"], "back");
    assert_eq!(back["options"]["mtu"], "1400");
    // The next automatic subnet skips the one web took.
    env.rpod(&["network", "create", "third"]).success();
    assert_eq!(
        inspect(&env, "third")["subnets"][0]["subnet"],
        "10.89.1.0/24"
    );
    // An id prefix finds the network too.
    let id = web["id"].as_str().unwrap();
    env.rpod(&["network", "inspect", "-f", "{{.name}}", &id[..12]])
        .success()
        .stdout_has("web");

    let table = env.rpod(&["network", "ls"]);
    table.success();
    assert!(table.stdout.starts_with("NETWORK ID"), "{}", table.stdout);
    assert!(table.stdout.contains(&id[..12]));
    env.rpod(&["network", "ls", "-q", "--filter", "label=tier=back"])
        .success()
        .stdout_eq("back\n");
    env.rpod(&[
        "network",
        "ls",
        "--format",
        "{{.Name}} {{.Driver}}",
        "--filter",
        "name=we",
    ])
    .success()
    .stdout_eq("web bridge\n");

    env.rpod(&["network", "exists", "web"]).code(0);
    env.rpod(&["network", "exists", "nope"]).code(1);
    env.rpod(&["network", "rm", "web"]).success();
    env.rpod(&["network", "exists", "web"]).code(1);
    env.rpod(&["network", "rm", "web"])
        .failure()
        .stderr_has("network not found");
    env.rpod(&["network", "rm", "-f", "web"]).success();
    env.rpod(&["network", "prune", "-f"]).success();
    // The default network stays.
    env.rpod(&["network", "ls", "-q"])
        .success()
        .stdout_eq("podman\n");
}

#[test]
fn bad_network_requests_are_refused_and_write_nothing() {
    let env = Env::new();
    env.rpod(&["network", "create", "--subnet", "10.99.0.0/24", "taken"])
        .success();
    for (args, says) in [
        (&["bridge"][..], "conflicts with a valid network mode"),
        (&["bad/name"][..], "invalid network name"),
        (
            &["--subnet", "10.99.0.128/25", "x"][..],
            "already used by network taken",
        ),
        (
            &["--subnet", "10.98.0.0/24", "--gateway", "10.97.0.1", "x"][..],
            "--gateway",
        ),
        (&["--gateway", "10.97.0.1", "x"][..], "needs --subnet"),
        (
            &["--subnet", "fd00::/127", "x"][..],
            "not between 8 and 126",
        ),
        (&["--driver", "macvlan", "x"][..], "bridge driver only"),
        (&["--opt", "vlan=3", "x"][..], "tagged frames"),
        (&["taken"][..], "already exists"),
    ] {
        let mut argv = vec!["network", "create"];
        argv.extend_from_slice(args);
        env.rpod(&argv).failure().stderr_has(says);
    }
    env.rpod(&["network", "ls", "-q"])
        .success()
        .stdout_eq("podman\ntaken\n");
    env.rpod(&["network", "create", "--ignore", "taken"])
        .success()
        .stdout_eq("taken\n");
}

#[test]
fn concurrent_creates_get_distinct_subnets() {
    let env = Env::new();
    std::thread::scope(|s| {
        for i in 0..6 {
            let env = &env;
            s.spawn(move || {
                env.rpod(&["network", "create", &format!("n{i}")]).success();
            });
        }
    });
    let out = env.rpod(&[
        "network",
        "ls",
        "--format",
        "{{range .Subnets}}{{.subnet}}{{end}}",
    ]);
    out.success();
    let mut subnets: Vec<&str> = out.stdout.lines().collect();
    subnets.sort_unstable();
    subnets.dedup();
    assert_eq!(
        subnets.len(),
        6 + 1,
        "and the default network's: {}",
        out.stdout
    );
}

/// The container's address on `network`, from `inspect`.
fn address_on(env: &Env, container: &str, network: &str) -> String {
    let out = env.rpod(&[
        "inspect",
        "--format",
        "{{json .NetworkSettings.Networks}}",
        container,
    ]);
    out.success();
    let networks: Value = serde_json::from_str(out.trimmed()).expect("JSON");
    networks[network]["IPAddress"]
        .as_str()
        .unwrap_or_else(|| panic!("no address on {network}: {}", out.stdout))
        .to_string()
}

#[test]
fn two_containers_on_a_network_reach_each_other_by_ip() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "--subnet", "10.91.0.0/24", "app"])
        .success();
    crate::network::web_server(&env, "web", &["--network", "app"], "hello-from-web");
    let ip = address_on(&env, "web", "app");
    assert_eq!(ip, "10.91.0.2", "the first address after the gateway");
    // Debian's busybox wget crashes with -T: `timeout` bounds each attempt instead.
    let get = format!("timeout 3 wget -qO- http://{ip}/");
    let out = env.rpod(&[
        "run", "--rm", "--network", "app:ip=10.91.0.9", "busybox", "sh", "-c",
        &format!("ip -4 -o addr show eth0; ip route; for i in 1 2 3 4 5 6 7 8 9 10; do {get} | grep hello && exit 0; sleep 0.3; done; exit 1"),
    ]);
    out.success()
        .stdout_has("10.91.0.9/24")
        .stdout_has("default via 10.91.0.1")
        .stdout_has("hello-from-web");
    // Stopped and started again, it keeps its address and is reached there.
    env.rpod(&["restart", "-t", "0", "web"]).success();
    assert_eq!(address_on(&env, "web", "app"), ip);
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "app",
        "busybox",
        "sh",
        "-c",
        &format!("for i in 1 2 3 4 5 6 7 8 9 10; do {get} && exit 0; sleep 0.3; done; exit 1"),
    ])
    .success()
    .stdout_has("hello-from-web");
    // In use: refused without -f.
    env.rpod(&["network", "rm", "app"])
        .failure()
        .stderr_has("is used by 1 container");
    env.rpod(&["rm", "-f", "web"]).success();
    env.rpod(&["network", "rm", "app"]).success();
}

#[test]
fn containers_resolve_names_and_aliases_of_their_network_only() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "front"]).success();
    env.rpod(&["network", "create", "back"]).success();
    crate::network::web_server(
        &env,
        "web",
        &["--network", "front", "--network-alias", "site"],
        "hello-by-name",
    );
    crate::network::web_server(&env, "db", &["--network", "back:alias=store"], "db");
    let web_ip = address_on(&env, "web", "front");
    // busybox's nslookup asks the nameserver of resolv.conf directly, and its answer names
    // the address; wget then reaches the server at it.
    let script = "cat /etc/resolv.conf; \
        for n in web site web.dns.podman; do nslookup $n || exit 1; done; \
        ip=$(nslookup site | awk '/^Address/ {a=$NF} END {print a}'); \
        timeout 5 wget -qO- http://$ip/; \
        nslookup db && echo LEAK-db; nslookup store && echo LEAK-store; true";
    let out = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "front",
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    out.success()
        .stdout_has("nameserver 10.89.0.1")
        .stdout_has(&web_ip)
        .stdout_has("hello-by-name");
    assert!(!out.stdout.contains("LEAK"), "{}", out.stdout);
    // The other network sees its own names, and not front's.
    let out = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "back",
        "busybox",
        "sh",
        "-c",
        "nslookup store && nslookup db && ! nslookup web",
    ]);
    out.success().stdout_has(&address_on(&env, "db", "back"));
    // A stopped container's name is gone at once.
    env.rpod(&["stop", "-t", "0", "web"]).success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "front",
        "busybox",
        "nslookup",
        "web",
    ])
    .failure();
}

/// The holder of `env`'s rootless network namespace while it lives (its record names it and
/// it is not a zombie).
pub(crate) fn holder_pid(env: &Env) -> Option<i32> {
    let record = std::fs::read(env.path("runtime/rpod/netns/holder.json")).ok()?;
    let record: Value = serde_json::from_slice(&record).ok()?;
    let pid = record["holder"]["pid"].as_i64()? as i32;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let state = stat.rsplit_once(") ")?.1.chars().next()?;
    (state != 'Z').then_some(pid)
}

/// Live processes whose command line names `env`'s rootless network namespace directory:
/// its holder, the holder's pasta.
fn netns_processes(env: &Env) -> Vec<String> {
    let marker = env
        .path("runtime/rpod/netns")
        .to_string_lossy()
        .into_owned();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|p| {
            let cmd = std::fs::read(p.path().join("cmdline")).ok()?;
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
            cmd.contains(&marker).then_some(cmd)
        })
        .collect()
}

fn wait_for_no_holder(env: &Env) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while holder_pid(env).is_some() || !netns_processes(env).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the holder outlived its containers: {:?}",
            netns_processes(env)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_network_namespace_lives_with_its_containers_and_survives_kills() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "n"]).success();
    assert_eq!(
        holder_pid(&env),
        None,
        "no holder before a container needs one"
    );
    let sleeper = |name: &str| {
        env.rpod(&[
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "n",
            "busybox",
            "sleep",
            "600",
        ])
        .success();
    };
    sleeper("a");
    let first = holder_pid(&env).expect("the first container started a holder");
    sleeper("b");
    assert_eq!(
        holder_pid(&env),
        Some(first),
        "the second container shares it"
    );

    // SIGKILL of the holder: the next container starts a new one and resolves names there.
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(first),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    sleeper("c");
    let second = holder_pid(&env).expect("a new holder");
    assert_ne!(second, first);
    assert_eq!(
        netns_processes(&env).len(),
        2,
        "the new holder and the pasta it kept: {:?}",
        netns_processes(&env)
    );
    env.rpod(&["run", "--rm", "--network", "n", "busybox", "nslookup", "c"])
        .success();

    // 10 concurrent runs: each gets its own address, none fails. Each waits (in a shared
    // directory) until all ten run, so no address can be handed on from one to the next.
    let sync = env.path("work/sync");
    env.run_as_user("mkdir", &["-p", sync.to_str().unwrap()])
        .success();
    let volume = format!("{}:/sync", sync.display());
    let outs: Vec<_> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..10)
            .map(|_| {
                s.spawn(|| {
                    env.rpod(&[
                        "run",
                        "--rm",
                        "--network",
                        "n",
                        "-v",
                        &volume,
                        "busybox",
                        "sh",
                        "-c",
                        "ip -4 -o addr show eth0 | awk '{print $4}' > /sync/$(hostname); i=0; \
                         while [ $(ls /sync | wc -l) -lt 10 ] && [ $i -lt 600 ]; do \
                         sleep 0.1; i=$((i+1)); done; cat /sync/$(hostname)",
                    ])
                })
            })
            .collect();
        runs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut addresses: Vec<String> = outs
        .iter()
        .map(|o| o.success().trimmed().to_string())
        .collect();
    addresses.sort();
    addresses.dedup();
    assert_eq!(addresses.len(), 10, "{addresses:?}");
    // Their addresses went back with them: only a, b and c hold one.
    let leases = env.path("data/rpod/networks/leases/n");
    let count = || std::fs::read_dir(&leases).unwrap().count();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while count() != 3 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(count(), 3, "leases left by --rm containers");

    // SIGKILL of a monitor: its share and its name go with it; the others carry on.
    let monitor = std::fs::read_to_string(
        env.path("runtime/rpod/containers")
            .join(
                env.rpod(&["inspect", "--format", "{{.Id}}", "c"])
                    .success()
                    .trimmed(),
            )
            .join("monitor.json"),
    )
    .unwrap();
    let monitor: Value = serde_json::from_str(&monitor).unwrap();
    let pid = monitor["monitor"]["pid"].as_i64().unwrap() as i32;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(pid),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "n",
        "busybox",
        "sh",
        "-c",
        "nslookup b && ! nslookup c",
    ])
    .success();

    // The last container gone, the holder goes too; the next start brings one back.
    env.rpod(&["rm", "-f", "a", "b", "c"]).success();
    wait_for_no_holder(&env);
    sleeper("d");
    assert!(holder_pid(&env).is_some(), "a holder again");
    env.rpod(&["rm", "-f", "d"]).success();
    wait_for_no_holder(&env);
}

#[test]
fn a_network_reaches_the_host_but_not_other_networks_and_internal_ones_nothing() {
    use std::io::{Read, Write};
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "out"]).success();
    env.rpod(&["network", "create", "other"]).success();
    env.rpod(&["network", "create", "--internal", "closed"])
        .success();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut byte = [0u8; 1];
        while !request.ends_with(b"\r\n\r\n") && conn.read(&mut byte).unwrap() == 1 {
            request.push(byte[0]);
        }
        conn.write_all(b"HTTP/1.0 200 OK\r\n\r\nfrom-the-host\n")
            .unwrap();
    });
    // host.containers.internal is the address pasta maps to the host's loopback. An HTTP
    // exchange, not nc: Debian 12's pasta sometimes loses the end of a half-closed one.
    let get = |network: &str| {
        // Not the shell's last command: exec'd as the container's PID 1, timeout would make
        // wget PID 1, which its SIGTERM cannot stop.
        let script =
            format!("timeout 10 wget -qO- http://host.containers.internal:{port}/; exit $?");
        env.rpod(&[
            "run",
            "--rm",
            "--network",
            network,
            "busybox",
            "sh",
            "-c",
            &script,
        ])
    };
    get("out").success().stdout_has("from-the-host");
    server.join().unwrap();
    let closed = get("closed");
    assert!(
        !closed.stdout.contains("from-the-host"),
        "an internal network reached the host: {}",
        closed.stdout
    );
    // A server on one network is out of reach from another, though both are routed.
    crate::network::web_server(&env, "srv", &["--network", "other"], "other-side");
    let ip = address_on(&env, "srv", "other");
    let probe = format!("timeout 5 wget -qO- http://{ip}/; exit $?");
    let out = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "out",
        "busybox",
        "sh",
        "-c",
        &probe,
    ]);
    assert!(!out.stdout.contains("other-side"), "{}", out.stdout);
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "other",
        "busybox",
        "sh",
        "-c",
        &probe,
    ])
    .success()
    .stdout_has("other-side");
}

#[test]
fn the_holder_finds_its_tools_in_the_configured_helper_dirs() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "n"]).success();
    let dir = env.path("helpers");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink("/usr/bin/pasta", dir.join("pasta")).unwrap();
    let config = env.path("config/rpod/rpod.toml");
    let mut toml = std::fs::read_to_string(&config).unwrap_or_default();
    toml.push_str(&format!(
        "\n[network]\nhelper-dirs = [{:?}]\n",
        dir.to_str().unwrap()
    ));
    env.write_config(&toml);
    // pasta is there, nft is not: refused, naming what to install, and nothing left running.
    let out = env.rpod(&["run", "--rm", "--network", "n", "busybox", "true"]);
    out.code(125)
        .stderr_has("nft")
        .stderr_has("apt install nftables");
    assert!(
        !out.stderr.contains("passt"),
        "the hint names nft only: {}",
        out.stderr
    );
    assert_eq!(holder_pid(&env), None);
    assert!(
        netns_processes(&env).is_empty(),
        "{:?}",
        netns_processes(&env)
    );
    std::os::unix::fs::symlink("/usr/sbin/nft", dir.join("nft")).unwrap();
    env.rpod(&["run", "--rm", "--network", "n", "busybox", "true"])
        .success();
}

#[test]
fn bridge_and_podman_join_the_default_network_which_stays() {
    let env = Env::with_busybox();
    // Every store has it, as podman's: listed, inspected, never removed or pruned.
    env.rpod(&["network", "ls", "--format", "{{.Name}}"])
        .success()
        .stdout_has("podman");
    env.rpod(&[
        "network",
        "inspect",
        "--format",
        "{{.driver}} {{.network_interface}} {{.dns_enabled}} {{range .subnets}}{{.subnet}} {{.gateway}}{{end}}",
        "podman",
    ])
    .success()
    .stdout_has("bridge podman0 false 10.88.0.0/16 10.88.0.1");
    env.rpod(&["network", "rm", "podman"])
        .code(125)
        .stderr_has("default network podman cannot be removed");
    env.rpod(&["network", "create", "podman"])
        .code(125)
        .stderr_has("network name podman already used");
    env.rpod(&["network", "prune", "-f"]).success();
    env.rpod(&["network", "exists", "podman"]).success();
    // `--network bridge` and `--network podman` are the same network: reached by address.
    crate::network::web_server(
        &env,
        "web",
        &["--network", "bridge:ip=10.88.0.20"],
        "hello-on-podman",
    );
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "podman",
        "busybox",
        "sh",
        "-c",
        "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://10.88.0.20/ && exit 0; sleep 0.3; done; exit 1",
    ])
    .success()
    .stdout_has("hello-on-podman");
    // As podman's default network, it resolves no names.
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "bridge",
        "busybox",
        "nslookup",
        "web",
    ])
    .failure();
}
