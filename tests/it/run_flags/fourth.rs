//! The options of podman's fourth round: namespaced kernel settings, descriptors handed to
//! the container, and the image's own /etc/hostname.

use super::{run, sh};
use crate::common::Env;

pub fn sysctl(env: &Env) {
    let host = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start").unwrap();
    let set = sh(
        env,
        &[
            "--sysctl",
            "net.ipv4.ip_unprivileged_port_start=42",
            "--sysctl",
            "kernel.shmmni=1234",
            "--sysctl",
            "fs.mqueue.msg_max=20",
        ],
        "cat /proc/sys/net/ipv4/ip_unprivileged_port_start /proc/sys/kernel/shmmni \
         /proc/sys/fs/mqueue/msg_max",
    );
    assert_eq!(
        set.split_whitespace().collect::<Vec<_>>(),
        ["42", "1234", "20"]
    );
    // The container's namespaces only: the host keeps its value.
    assert_eq!(
        std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start").unwrap(),
        host
    );
    run(env, &["--sysctl", "kernel.panic=1"], &["true"])
        .code(125)
        .stderr_has("sysctl 'kernel.panic' is not allowed");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "host",
        "--sysctl",
        "net.ipv4.ip_forward=1",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("can't be set since Network Namespace set to host");
    run(
        env,
        &["--ipc", "host", "--sysctl", "kernel.shmmax=1"],
        &["true"],
    )
    .code(125)
    .stderr_has("can't be set since IPC Namespace set to host");
    run(env, &["--sysctl", "net.ipv4.ip_forward"], &["true"])
        .code(125)
        .stderr_has("KEY=VALUE");
}

/// `--preserve-fds 2`: the caller's descriptors 3 and 4 reach the container's process (it
/// writes through them into the caller's files), 5 does not.
pub fn preserve_fds(env: &Env) {
    let script = "echo three >&3; echo four >&4; test -e /proc/$$/fd/5 || echo no-five";
    let out = env.run_with_stdin(
        {
            let mut cmd = env.command("sh");
            cmd.arg("-c").arg(format!(
                "{} run --rm --network none --preserve-fds 2 busybox sh -c '{script}' \
                 3>three.txt 4>four.txt 5>five.txt",
                crate::common::env::rpod_bin().display()
            ));
            cmd
        },
        None,
    );
    out.success().stdout_has("no-five");
    let read = |name: &str| std::fs::read_to_string(env.path("work").join(name)).unwrap();
    assert_eq!(read("three.txt"), "three\n");
    assert_eq!(read("four.txt"), "four\n");
    assert_eq!(read("five.txt"), "");
    // Without it, nothing beyond the standard streams.
    let closed = env.run_with_stdin(
        {
            let mut cmd = env.command("sh");
            cmd.arg("-c").arg(format!(
                "{} run --rm --network none busybox sh -c 'test -e /proc/$$/fd/3 || echo none' \
                 3>three.txt",
                crate::common::env::rpod_bin().display()
            ));
            cmd
        },
        None,
    );
    closed.success().stdout_has("none");
    run(env, &["--preserve-fds", "1"], &["true"])
        .code(125)
        .stderr_has("file descriptor 3 is not available");
}

/// `--no-hostname`: the container still has its name, but rpod binds no /etc/hostname.
pub fn no_hostname(env: &Env) {
    let script = "grep -qx box1 /etc/hostname 2>/dev/null && echo bound || echo image; hostname";
    assert_eq!(sh(env, &["--hostname", "box1"], script), "bound\nbox1");
    assert_eq!(
        sh(env, &["--hostname", "box1", "--no-hostname"], script),
        "image\nbox1"
    );
}

/// `--hosts-file`: what /etc/hosts starts with (a host file, nothing, or the image's), rpod's
/// own entries after it.
pub fn hosts_file(env: &Env) {
    let base = env.write_file("work/base-hosts", b"10.1.2.3\tnas.lab\n");
    let base = base.to_str().unwrap();
    let hosts = sh(
        env,
        &["--hosts-file", base, "--hostname", "h1"],
        "cat /etc/hosts",
    );
    assert!(hosts.starts_with("10.1.2.3\tnas.lab\n"), "{hosts}");
    assert!(
        !hosts.contains("localhost"),
        "the file replaces the base: {hosts}"
    );
    assert!(hosts.contains("\th1"), "rpod's own entry follows: {hosts}");

    let hosts = sh(
        env,
        &["--hosts-file", "none", "--hostname", "h2"],
        "cat /etc/hosts",
    );
    assert!(!hosts.contains("localhost"), "{hosts}");
    assert!(hosts.contains("\th2"), "{hosts}");

    // An image with an /etc/hosts of its own (the busybox image has none: nothing).
    env.rpod(&[
        "run",
        "--name",
        "hostsmaker",
        "--no-hosts",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "printf '10.7.7.7\\tfrom-image\\n' > /etc/hosts",
    ])
    .success();
    env.rpod(&["commit", "-q", "hostsmaker", "localhost/withhosts"])
        .success();
    env.rpod(&["rm", "hostsmaker"]).success();
    let out = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--hosts-file",
        "image",
        "localhost/withhosts",
        "cat",
        "/etc/hosts",
    ]);
    out.success();
    assert!(
        out.stdout.starts_with("10.7.7.7\tfrom-image\n"),
        "{}",
        out.stdout
    );
    assert!(!sh(env, &["--hosts-file", "image"], "cat /etc/hosts").contains("localhost"));

    for (value, says) in [
        ("relative/hosts", "absolute path"),
        ("/nonexistent/hosts", "no such file"),
    ] {
        run(env, &["--hosts-file", value], &["true"])
            .code(125)
            .stderr_has(says);
    }
    run(env, &["--hosts-file", "none", "--no-hosts"], &["true"])
        .code(125)
        .stderr_has("--no-hosts and --hosts-file");
}

/// `--cgroupns private` (the default): a cgroup namespace of the container's own, another
/// than the caller's and another container's, rooted at its own cgroup; the others refused.
pub fn cgroupns(env: &Env) {
    let host = std::fs::read_link("/proc/self/ns/cgroup").unwrap();
    let script = "readlink /proc/self/ns/cgroup; cat /proc/self/cgroup";
    // Alive while the other runs: a namespace's inode number is reused once it is freed.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "cgroupns-alive",
        "--network",
        "none",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let alive = env
        .rpod(&["exec", "cgroupns-alive", "readlink", "/proc/self/ns/cgroup"])
        .success()
        .trimmed()
        .to_string();
    let first = sh(env, &["--cgroupns", "private"], script);
    let joined = sh(env, &["--cgroupns", "container:cgroupns-alive"], script);
    let hosts = sh(env, &["--cgroupns", "host"], script);
    env.rpod(&[
        "inspect",
        "-f",
        "{{.HostConfig.CgroupnsMode}}",
        "cgroupns-alive",
    ])
    .success()
    .stdout_has("private");
    env.rpod(&["rm", "-f", "-t", "0", "cgroupns-alive"])
        .success();
    assert_eq!(joined.lines().next(), Some(alive.as_str()), "{joined}");
    assert_eq!(
        hosts.lines().next(),
        Some(&*host.to_string_lossy()),
        "{hosts}"
    );
    let (ns, cgroup) = first.split_once('\n').expect("two lines");
    assert_ne!(ns, host.to_string_lossy(), "the caller's cgroup namespace");
    assert!(ns.starts_with("cgroup:["), "{first}");
    // Each hierarchy (the unified one, and v1's on a hybrid host) is rooted at its own cgroup.
    assert!(
        cgroup.lines().any(|l| l == "0::/") && cgroup.lines().all(|l| l.ends_with(":/")),
        "rooted at its own cgroup: {first}"
    );
    assert!(alive.starts_with("cgroup:["), "{alive}");
    assert_ne!(alive, ns, "two containers share a cgroup namespace");
    for (value, says) in [
        ("container:nosuch", "nosuch"),
        ("ns:/proc/1/ns/cgroup", "which a path does not name"),
        (
            "sideways",
            "expected private, host, ns:PATH or container:NAME",
        ),
    ] {
        run(env, &["--cgroupns", value], &["true"])
            .code(125)
            .stderr_has(&format!("invalid --cgroupns \"{value}\""))
            .stderr_has(says);
    }
    run(env, &["--cgroupns", "host", "--systemd=always"], &["true"])
        .code(125)
        .stderr_has("systemd mode mounts the container's own cgroup tree");
}

#[test]
fn the_cgroup_namespace_is_the_containers_own() {
    cgroupns(&Env::with_busybox());
}
