//! `unshare` (a shell where the caller is root, as podman's) and `mount`/`unmount` of
//! containers' root file systems, which an unprivileged user may do only inside it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use crate::common::Env;
use crate::common::env::rpod_bin;

/// An unshare session, left running, in which `rpod MOUNT_ARGS` has mounted something.
fn session_holding(env: &Env, mount_args: &str) -> Child {
    let rpod = rpod_bin().display().to_string();
    let script = format!("{rpod} {mount_args} >/dev/null && echo ready && exec sleep 60");
    let mut session = env
        .rpod_cmd(["unshare", "sh", "-c", &script])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(session.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, "ready\n");
    session
}

#[test]
fn unshare_runs_commands_as_root_of_a_namespace_of_its_own() {
    let env = Env::with_busybox();
    let uid = env
        .run_as_user("id", &["-u"])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["unshare", "id", "-u"]).success().stdout_has("0");
    let map = env
        .rpod(&["unshare", "cat", "/proc/self/uid_map"])
        .success()
        .trimmed()
        .to_string();
    let fields: Vec<&str> = map.split_whitespace().collect();
    assert_eq!(fields, ["0", uid.as_str(), "1"], "uid_map: {map}");
    // The session's own mount namespace, and the store's paths in its environment.
    let outside = env.run_as_user("readlink", &["/proc/self/ns/mnt"]);
    let inside = env.rpod(&["unshare", "readlink", "/proc/self/ns/mnt"]);
    assert_ne!(outside.success().trimmed(), inside.success().trimmed());
    env.rpod(&["unshare", "sh", "-c", "echo \"$CONTAINERS_GRAPHROOT\""])
        .success()
        .stdout_has("/");
    // rpod inside the session finds the same store.
    let bin = rpod_bin();
    env.rpod(&[
        "unshare",
        bin.to_str().unwrap(),
        "image",
        "exists",
        "busybox",
    ])
    .success();
    // Exit codes as podman's.
    env.rpod(&["unshare", "sh", "-c", "exit 3"]).code(3);
    env.rpod(&["unshare", "/no/such/program"])
        .code(127)
        .stderr_has("/no/such/program");
    env.rpod(&["unshare", "/etc"]).code(126);
}

#[test]
fn a_container_mounted_in_a_session_takes_writes_and_cannot_start_meanwhile() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "m", "busybox", "cat", "/hello"])
        .success();
    env.rpod(&["mount", "m"])
        .code(125)
        .stderr_has("must execute `rpod unshare` first");
    // Mount, write into the tree, list, unmount: all in one session.
    let rpod = rpod_bin().display().to_string();
    let script = format!(
        "p=$({rpod} mount m) && test -x \"$p/bin/sh\" && echo hi-from-mount > \"$p/hello\" \
         && {rpod} mount && {rpod} mount m && {rpod} unmount m \
         && ! grep -q \" $p \" /proc/self/mountinfo"
    );
    let out = env.rpod(&["unshare", "sh", "-c", &script]);
    out.success();
    assert!(out.stdout.contains("/merged\n"), "{}", out.stdout);
    let id = env
        .rpod(&["inspect", "--format", "{{.Id}}", "m"])
        .success()
        .trimmed()
        .to_string();
    assert!(
        out.stdout.contains(&format!("{} ", &id[..12])),
        "the list names the container: {}",
        out.stdout
    );
    env.rpod(&["start", "-a", "m"])
        .success()
        .stdout_has("hi-from-mount");

    // While another session holds it mounted, the container does not start, and rm refuses.
    let mut session = session_holding(&env, "mount m");
    env.rpod(&["start", "m"])
        .code(125)
        .stderr_has("is mounted by `rpod mount`");
    env.rpod(&["rm", "m"])
        .code(125)
        .stderr_has("is mounted by `rpod mount`");
    // The session ends, and with it the mount: the container starts again.
    session.kill().unwrap();
    session.wait().unwrap();
    env.rpod(&["start", "-a", "m"])
        .success()
        .stdout_has("hi-from-mount");
    env.rpod(&["rm", "m"]).success();
}

#[test]
fn an_image_mounted_in_a_session_is_read_only_and_kept_from_rmi() {
    let env = Env::with_busybox();
    // Two layers: the overlay path (one layer is a read-only bind).
    env.rpod(&[
        "run",
        "--name",
        "c",
        "busybox",
        "sh",
        "-c",
        "echo second > /layer2",
    ])
    .success();
    env.rpod(&["commit", "c", "two"]).success();
    env.rpod(&["rm", "c"]).success();
    env.rpod(&["image", "mount", "two"])
        .code(125)
        .stderr_has("must execute `rpod unshare` first");
    let rpod = rpod_bin().display().to_string();
    for image in ["two", "busybox"] {
        let script = format!(
            "p=$({rpod} image mount {image}) && test -x \"$p/bin/sh\" && cat \"$p/layer2\"; \
             touch \"$p/new\" 2>/dev/null && echo writable; {rpod} image mount; \
             {rpod} image unmount {image} >/dev/null && ! grep -q \" $p \" /proc/self/mountinfo \
             && echo unmounted"
        );
        let out = env.rpod(&["unshare", "sh", "-c", &script]);
        out.success();
        assert!(!out.stdout.contains("writable"), "{}", out.stdout);
        assert!(out.stdout.contains("unmounted"), "{}", out.stdout);
        assert!(out.stdout.contains(&format!("localhost/{image}:latest ")) || image == "busybox");
        assert_eq!(
            out.stdout.contains("second"),
            image == "two",
            "{}",
            out.stdout
        );
    }
    let mut session = session_holding(&env, "image mount two");
    env.rpod(&["rmi", "two"])
        .code(125)
        .stderr_has("is mounted by `rpod image mount`");
    session.kill().unwrap();
    session.wait().unwrap();
    env.rpod(&["rmi", "two"]).success();
}

#[test]
fn a_volume_mount_names_the_directory_containers_see() {
    let env = Env::with_busybox();
    env.rpod(&["volume", "create", "data"]).success();
    let path = env
        .rpod(&["volume", "mount", "data"])
        .success()
        .trimmed()
        .to_string();
    assert!(path.ends_with("/data/_data"), "{path}");
    env.run_as_user("sh", &["-c", &format!("echo from-host > {path}/f")])
        .success();
    env.rpod(&["run", "--rm", "-v", "data:/d", "busybox", "cat", "/d/f"])
        .success()
        .stdout_has("from-host");
    env.rpod(&["volume", "unmount", "data"]).success();
    env.rpod(&["volume", "mount", "nosuch"])
        .code(1)
        .stderr_has("no such volume: nosuch");
}

#[test]
fn a_running_containers_tree_is_reachable_without_a_session() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "r",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo running-tree > /marker && exec sleep 60",
    ])
    .success();
    let path = env.rpod(&["mount", "r"]).success().trimmed().to_string();
    assert!(path.starts_with("/proc/"), "{path}");
    // The container writes its marker right after it starts.
    let mut seen = String::new();
    for _ in 0..50 {
        seen = env
            .run_as_user("cat", &[&format!("{path}/marker")])
            .stdout
            .clone();
        if !seen.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(seen, "running-tree\n");
    env.rpod(&["mount"]).success().stdout_has(&path);
    env.rpod(&["rm", "-f", "r"]).success();
}

#[test]
fn unshare_rootless_netns_reaches_containers_on_user_defined_networks() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "--subnet", "10.89.77.0/24", "unet"])
        .success();
    crate::network::web_server(
        &env,
        "u",
        &["--network", "unet", "--ip", "10.89.77.5"],
        "hello-from-unet",
    );
    // The session is in the networks' namespace: the bridge's route is there, and the
    // container answers on its address.
    let get = "cat /proc/net/route; for i in $(seq 100); do \
            exec 3<>/dev/tcp/10.89.77.5/80 2>/dev/null && break; sleep 0.1; done; \
        printf 'GET / HTTP/1.0\r\n\r\n' >&3 && cat <&3; id -u";
    let out = env.rpod(&["unshare", "--rootless-netns", "bash", "-c", get]);
    out.success();
    assert!(
        out.stdout.contains("004D590A"),
        "the route to 10.89.77.0/24 is in the session: {}",
        out.stdout
    );
    assert!(out.stdout.contains("hello-from-unet"), "{}", out.stdout);
    assert!(out.stdout.ends_with("\n0\n"), "{}", out.stdout);
    let host_routes = env
        .run_as_user("cat", &["/proc/net/route"])
        .success()
        .stdout
        .clone();
    assert!(!host_routes.contains("004D590A"), "{host_routes}");
    env.rpod(&["rm", "-f", "u"]).success();
}
