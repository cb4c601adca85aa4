//! `network reload` (issue 17): running containers on user-defined networks get back what a
//! killed holder, a removed interface or flushed rules took from them, and a killed holder's
//! successor joins the namespaces its containers are still in.

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::common::Env;
use crate::networks::holder_pid;
use crate::networks_connect::retry;

fn id_of(env: &Env, name: &str) -> String {
    let out = env.rpod(&["inspect", "--format", "{{.Id}}", name]);
    out.success();
    out.trimmed().to_string()
}

fn kill_holder(env: &Env) -> i32 {
    let pid = holder_pid(env).expect("a holder runs");
    kill(Pid::from_raw(pid), Signal::SIGKILL).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while holder_pid(env) == Some(pid) {
        assert!(std::time::Instant::now() < deadline, "the holder lives on");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    pid
}

/// Whether the holder's firewall table is there, seen from a `--rootless-netns` session.
fn rules_loaded(env: &Env) -> bool {
    env.rpod(&[
        "unshare",
        "--rootless-netns",
        "/usr/sbin/nft",
        "list",
        "table",
        "ip",
        "rpod",
    ])
    .code
        == 0
}

#[test]
fn reload_gives_running_containers_back_their_holder_interfaces_and_rules() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "--subnet", "10.95.0.0/24", "n"])
        .success();
    crate::network::web_server(&env, "web", &["--network", "n"], "hello-from-web");
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "cli",
        "--network",
        "n",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let get = retry("timeout 3 wget -qO- http://web/ | grep hello-from-web");
    env.rpod(&["exec", "cli", "sh", "-c", &get]).success();

    // A killed holder's successor joins the namespaces the running containers are in: a new
    // container reaches the old ones by name.
    let first = kill_holder(&env);
    env.rpod(&["run", "--rm", "--network", "n", "busybox", "sh", "-c", &get])
        .success()
        .stdout_has("hello-from-web");
    assert_ne!(holder_pid(&env), Some(first));

    // Killed again with no container starting after it: names go unanswered until a reload,
    // which starts a holder again and lists every running container.
    kill_holder(&env);
    let reloaded = env.rpod(&["network", "reload", "--all"]);
    reloaded
        .success()
        .stdout_has(&id_of(&env, "web"))
        .stdout_has(&id_of(&env, "cli"));
    assert!(holder_pid(&env).is_some(), "reload started a holder");
    env.rpod(&["exec", "cli", "sh", "-c", &get])
        .success()
        .stdout_has("hello-from-web");

    // web's interface removed and the rules flushed, in the namespace: web is unreachable
    // until it is reloaded, after which both are back.
    let pid = env.rpod(&["inspect", "--format", "{{.State.Pid}}", "web"]);
    pid.success();
    let cut = format!(
        "/usr/sbin/ip link del rv{}n0 && /usr/sbin/nft flush ruleset",
        pid.trimmed()
    );
    env.rpod(&["unshare", "--rootless-netns", "sh", "-c", &cut])
        .success();
    assert!(!rules_loaded(&env), "the rules were flushed");
    env.rpod(&["exec", "cli", "timeout", "3", "wget", "-qO-", "http://web/"])
        .failure();
    env.rpod(&["network", "reload", "web"])
        .success()
        .stdout_has(&id_of(&env, "web"));
    assert!(rules_loaded(&env), "reload loaded the rules again");
    env.rpod(&["exec", "cli", "sh", "-c", &get])
        .success()
        .stdout_has("hello-from-web");
    env.rpod(&["exec", "web", "ip", "-4", "-o", "addr", "show", "eth0"])
        .success()
        .stdout_has("10.95.0.");

    env.rpod(&["rm", "-f", "web", "cli"]).success();
    env.rpod(&["system", "check"]).success();
}

#[test]
fn reload_refuses_what_it_cannot_reload() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "idle", "busybox", "true"])
        .success();
    env.rpod(&["network", "reload", "idle"])
        .failure()
        .stderr_has("idle")
        .stderr_has("not running");
    env.rpod(&["network", "reload", "nosuch"])
        .failure()
        .stderr_has("nosuch");
    env.rpod(&["network", "reload"])
        .failure()
        .stderr_has("CONTAINER");
    // A container on pasta has nothing of rpod's to restore: it is listed.
    env.rpod(&["run", "-d", "--name", "p", "busybox", "sleep", "600"])
        .success();
    env.rpod(&["network", "reload", "p"])
        .success()
        .stdout_has(&id_of(&env, "p"));
    env.rpod(&["rm", "-f", "p"]).success();
}
