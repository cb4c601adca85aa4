//! The options that confine the container and give it its network, file systems and limits.

use super::process::own_uid;
use super::{run, sh};
use crate::common::Env;
use crate::network::{free_port, http_get, web_server};
use crate::resources::delegated;

/// The container's effective capability set.
fn cap_eff(env: &Env, flags: &[&str]) -> u64 {
    let line = sh(env, flags, "grep CapEff /proc/self/status");
    let hex = line.rsplit(['\t', ' ']).next().unwrap();
    u64::from_str_radix(hex, 16).unwrap()
}

const CAP_CHOWN: u64 = 1 << 0;
const CAP_NET_ADMIN: u64 = 1 << 12;
const CAP_SYS_ADMIN: u64 = 1 << 21;

pub fn read_only(env: &Env) {
    assert_eq!(sh(env, &[], "touch /x && echo written"), "written");
    let out = run(env, &["--read-only"], &["touch", "/x"]);
    out.failure().stderr_has("Read-only file system");
}

pub fn privileged(env: &Env) {
    assert_eq!(cap_eff(env, &[]) & CAP_SYS_ADMIN, 0);
    assert_ne!(cap_eff(env, &["--privileged"]) & CAP_SYS_ADMIN, 0);
}

pub fn cap_add(env: &Env) {
    assert_eq!(cap_eff(env, &[]) & CAP_NET_ADMIN, 0);
    assert_ne!(cap_eff(env, &["--cap-add", "NET_ADMIN"]) & CAP_NET_ADMIN, 0);
}

pub fn cap_drop(env: &Env) {
    assert_ne!(cap_eff(env, &[]) & CAP_CHOWN, 0);
    assert_eq!(cap_eff(env, &["--cap-drop", "CHOWN"]) & CAP_CHOWN, 0);
}

pub fn security_opt(env: &Env) {
    let status = "grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status | tr -d '\\t '";
    assert_eq!(sh(env, &[], status), "NoNewPrivs:0\nSeccomp:2");
    let confined = sh(env, &["--security-opt", "no-new-privileges"], status);
    assert_eq!(confined, "NoNewPrivs:1\nSeccomp:2");
    // Root emulation's own filter refuses nothing (it only asks its supervisor about ids and
    // owners): with it off, an unconfined container has no filter at all.
    let unconfined = sh(
        env,
        &[
            "--security-opt",
            "seccomp=unconfined",
            "--security-opt",
            "root-emulation=off",
        ],
        status,
    );
    assert_eq!(unconfined, "NoNewPrivs:0\nSeccomp:0");
    let profile = env.write_file(
        "work/no-mkdir.json",
        br#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}"#,
    );
    let profile = format!("seccomp={}", profile.display());
    run(env, &["--security-opt", &profile], &["mkdir", "/made"])
        .failure()
        .stderr_has("Operation not permitted");
    // rpod applies no SELinux label or AppArmor profile: turning them off is already so, and
    // asking for one is refused with that reason.
    for off in ["label=disable", "apparmor=unconfined"] {
        assert_eq!(sh(env, &["--security-opt", off], "echo ran"), "ran");
    }
    for on in [
        "label=type:container_t",
        "label=level:s0:c1",
        "apparmor=docker-default",
    ] {
        run(env, &["--security-opt", on], &["true"])
            .code(125)
            .stderr_has("rpod applies no SELinux label or AppArmor profile");
    }
}

pub fn userns(env: &Env) {
    assert_eq!(sh(env, &["--userns", "host"], "id -u"), "0");
    assert_eq!(sh(env, &["--userns", "keep-id"], "id -u"), own_uid());
    for refused in ["auto", "nomap", "private"] {
        run(env, &["--userns", refused], &["true"])
            .code(125)
            .stderr_has("/etc/subuid");
    }
}

/// The container's network interfaces.
fn interfaces(env: &Env, network: &str) -> String {
    let out = env.rpod(&[
        "run",
        "--rm",
        "--network",
        network,
        "busybox",
        "sh",
        "-c",
        "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' '",
    ]);
    out.success().trimmed().to_string()
}

pub fn network(env: &Env) {
    assert_eq!(interfaces(env, "none"), "lo");
    assert_ne!(interfaces(env, "pasta"), "lo");
    assert!(interfaces(env, "slirp4netns").contains("tap0"));
    let host: Vec<String> = std::fs::read_to_string("/proc/net/dev")
        .unwrap()
        .lines()
        .skip(2)
        .map(|l| l.split(':').next().unwrap().trim().to_string())
        .collect();
    let inside = interfaces(env, "host");
    assert!(
        host.iter().all(|i| inside.contains(i.as_str())),
        "{inside} vs {host:?}"
    );
    // bridge is podman's default network, `podman`: an address of 10.88.0.0/16, no warning.
    let bridge = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "bridge",
        "busybox",
        "ip",
        "-4",
        "-o",
        "addr",
        "show",
    ]);
    bridge.success().stdout_has("10.88.0.");
    assert!(!bridge.stderr.contains("WARN"), "{}", bridge.stderr);
    env.rpod(&["run", "--rm", "--network", "mynet", "busybox", "true"])
        .code(125)
        .stderr_has("unable to find network with name or ID mynet");
    env.rpod(&["run", "--rm", "--network", "my/net", "busybox", "true"])
        .code(125)
        .stderr_has("unknown network mode");
}

pub fn publish(env: &Env) {
    let port = free_port();
    web_server(env, "pub", &["-p", &format!("{port}:80")], "published");
    assert!(http_get(port).contains("published"));
    env.rpod(&["rm", "-f", "pub"]).success();
}

pub fn publish_all(env: &Env) {
    web_server(env, "puball", &["-P", "--expose", "80"], "all");
    let out = env.rpod(&["port", "puball", "80"]);
    let port = out
        .success()
        .trimmed()
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(http_get(port).contains("all"));
    env.rpod(&["rm", "-f", "puball"]).success();
}

pub fn dns(env: &Env) {
    let flags = [
        "--network",
        "pasta",
        "--dns",
        "192.0.2.53",
        "--dns-search",
        "example.test",
        "--dns-option",
        "ndots:3",
    ];
    let out = env.rpod(
        &[
            &["run", "--rm"][..],
            &flags,
            &["busybox", "cat", "/etc/resolv.conf"],
        ]
        .concat(),
    );
    out.success()
        .stdout_has("nameserver 192.0.2.53")
        .stdout_has("search example.test")
        .stdout_has("options ndots:3");
}

pub fn add_host(env: &Env) {
    let hosts = sh(env, &["--add-host", "db.test:192.0.2.7"], "cat /etc/hosts");
    assert!(
        hosts
            .lines()
            .any(|l| l.starts_with("192.0.2.7") && l.contains("db.test")),
        "{hosts}"
    );
}

pub fn volume(env: &Env) {
    env.write_file("work/shared/f", b"from the host\n");
    let bind = format!("{}:/data", env.path("work/shared").display());
    assert_eq!(sh(env, &["-v", &bind], "cat /data/f"), "from the host");
    sh(env, &["-v", "kept:/v"], "echo persisted > /v/f");
    assert_eq!(sh(env, &["-v", "kept:/v:ro"], "cat /v/f"), "persisted");
    run(env, &["-v", "kept:/v:ro"], &["touch", "/v/g"])
        .failure()
        .stderr_has("Read-only file system");
    env.rpod(&["volume", "rm", "kept"]).success();
}

pub fn mount(env: &Env) {
    env.write_file("work/mounted/f", b"mounted\n");
    let spec = format!(
        "type=bind,source={},target=/m,readonly",
        env.path("work/mounted").display()
    );
    assert_eq!(sh(env, &["--mount", &spec], "cat /m/f"), "mounted");
    run(env, &["--mount", &spec], &["touch", "/m/g"])
        .failure()
        .stderr_has("Read-only file system");
}

pub fn tmpfs(env: &Env) {
    let line = sh(
        env,
        &["--tmpfs", "/scratch:size=1m"],
        "grep ' /scratch ' /proc/mounts",
    );
    assert!(
        line.starts_with("tmpfs /scratch tmpfs") && line.contains("size=1024k"),
        "{line}"
    );
}

/// Each limit: in force in the container's cgroup where this host delegates the controller,
/// else refused with the controller named (the fix is in the error's hint).
pub fn limits(env: &Env) {
    let cases: [(&[&str], &str, &str, &str); 12] = [
        (&["--memory", "64m"], "memory", "memory.max", "67108864"),
        (
            &["-m", "64m", "--memory-swap", "96m"],
            "memory",
            "memory.swap.max",
            "33554432",
        ),
        (
            &["--memory-reservation", "32m"],
            "memory",
            "memory.low",
            "33554432",
        ),
        (&["--cpus", "0.5"], "cpu", "cpu.max", "50000 100000"),
        (&["--cpu-shares", "2048"], "cpu", "cpu.weight", ""),
        (&["--cpu-weight", "50"], "cpu", "cpu.weight", "50"),
        (&["--cpuset-cpus", "0"], "cpuset", "cpuset.cpus", "0"),
        (&["--pids-limit", "10"], "pids", "pids.max", "10"),
        (
            &["--cpu-quota", "25000", "--cpu-period", "50000"],
            "cpu",
            "cpu.max",
            "25000 50000",
        ),
        (&["--cpu-period", "50000"], "cpu", "cpu.max", "max 50000"),
        (&["--cpuset-mems", "0"], "cpuset", "cpuset.mems", "0"),
        (
            &["--cgroup-conf", "memory.high=33554432"],
            "memory",
            "memory.high",
            "33554432",
        ),
    ];
    for (flags, controller, file, value) in cases {
        let out = run(env, flags, &["cat", &format!("/sys/fs/cgroup/{file}")]);
        if delegated(env, controller) {
            out.success().stdout_has(value);
        } else {
            out.code(125)
                .stderr_has(&format!("controller \"{controller}\" is not delegated"))
                .stderr_has("hint: ");
        }
    }
}

pub fn cgroup_parent(env: &Env) {
    let out = run(
        env,
        &["--cgroup-parent", "rpod-flags"],
        &["cat", "/proc/self/cgroup"],
    );
    if delegated(env, "pids") {
        let cgroup = env.rpod(&[
            "run",
            "-d",
            "--network",
            "none",
            "--cgroup-parent",
            "rpod-flags",
            "busybox",
            "sleep",
            "30",
        ]);
        let id = cgroup.success().trimmed().to_string();
        env.rpod(&["inspect", "-f", "{{.HostConfig.CgroupParent}}", &id])
            .success()
            .stdout_has("rpod-flags");
        env.rpod(&["rm", "-f", &id]).success();
        out.success();
    } else {
        out.code(125)
            .stderr_has("cannot use --cgroup-parent rpod-flags")
            .stderr_has("hint: ");
    }
    run(
        env,
        &["--cgroups", "disabled", "--cgroup-parent", "x"],
        &["true"],
    )
    .code(125)
    .stderr_has("cgroups are disabled");
}

pub fn cgroups(env: &Env) {
    env.rpod(&[
        "run",
        "--name",
        "nocg",
        "--network",
        "none",
        "--cgroups",
        "disabled",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&["inspect", "-f", "{{.HostConfig.Cgroups}}", "nocg"])
        .success()
        .stdout_has("disabled");
    env.rpod(&["rm", "nocg"]).success();
    run(
        env,
        &["--cgroups", "disabled", "--pids-limit", "5"],
        &["true"],
    )
    .code(125)
    .stderr_has("cgroups are disabled");
}

/// `--network-alias`, `--ip` and `--mac-address` name the container on its user-defined
/// network: another container resolves the alias to the address, the interface has the MAC.
pub fn network_names(env: &Env) {
    env.rpod(&["network", "create", "--subnet", "10.97.0.0/24", "flagnet"])
        .success();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "named",
        "--network",
        "flagnet",
        "--network-alias",
        "nick",
        "--ip",
        "10.97.0.50",
        "--mac-address",
        "02:00:00:00:00:50",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "flagnet",
        "busybox",
        "nslookup",
        "nick",
    ])
    .success()
    .stdout_has("10.97.0.50");
    env.rpod(&["exec", "named", "ip", "-o", "link", "show", "eth0"])
        .success()
        .stdout_has("02:00:00:00:00:50");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--ip",
        "10.97.0.9",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("it needs a user-defined network");
    env.rpod(&["network", "rm", "-f", "flagnet"]).success();
    let left = env.rpod(&["ps", "-a", "--filter", "name=named", "-q"]);
    assert_eq!(
        left.success().trimmed(),
        "",
        "network rm -f removed its container"
    );
}

/// A block device of this host: a disk where there is one.
fn block_device() -> String {
    let mut names: Vec<String> = std::fs::read_dir("/sys/block")
        .expect("/sys/block")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| std::path::Path::new("/dev").join(n).exists())
        .collect();
    names.sort_by_key(|n| (n.starts_with("loop") || n.starts_with("ram"), n.clone()));
    format!(
        "/dev/{}",
        names.first().expect("a block device under /sys/block")
    )
}

/// `--device-read-bps` and its kin: io.max's line for the device's numbers where the io
/// controller is delegated (the guest checks the throttle holds), else the refusal naming it.
pub fn device_rates(env: &Env) {
    let dev = block_device();
    let cases = [
        ("--device-read-bps", "1mb", "rbps=1048576"),
        ("--device-write-bps", "2m", "wbps=2097152"),
        ("--device-read-iops", "100", "riops=100"),
        ("--device-write-iops", "200", "wiops=200"),
    ];
    for (flag, rate, line) in cases {
        let out = run(
            env,
            &[flag, &format!("{dev}:{rate}")],
            &["cat", "/sys/fs/cgroup/io.max"],
        );
        if delegated(env, "io") {
            out.success().stdout_has(line);
        } else {
            out.code(125).stderr_has(&format!(
                "cannot set {flag}: cgroup v2 controller \"io\" is not delegated"
            ));
        }
    }
    for (value, says) in [
        ("/dev/null:1mb", "/dev/null is not a block device"),
        ("/dev/no-such-disk:1mb", "cannot read /dev/no-such-disk"),
        ("1mb", "expected DEVICE:RATE"),
    ] {
        run(env, &["--device-read-bps", value], &["true"])
            .code(125)
            .stderr_has(says);
    }
    run(
        env,
        &["--device-write-iops", &format!("{dev}:fast")],
        &["true"],
    )
    .code(125)
    .stderr_has("operations per second");
}
