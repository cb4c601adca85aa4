//! The options of podman's fourth round: namespaced kernel settings, descriptors handed to
//! the container, and the container's own /etc/passwd and /etc/group entries.

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

#[test]
fn scratch_fourth() {
    let env = Env::with_busybox();
    sysctl(&env);
}
