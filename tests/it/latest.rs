//! `--latest` on the verbs that take one container or pod, and the smaller options of exec,
//! port and wait (issue #16).

use crate::common::Env;

fn sleeper(env: &Env, name: &str) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "none",
        "busybox",
        "sleep",
        "300",
    ])
    .success();
}

#[test]
fn latest_without_any_container_is_podmans_no_such_container() {
    let env = Env::with_busybox();
    for verb in [
        &["exec", "-l", "true"][..],
        &["top", "-l"],
        &["port", "-l"],
        &["diff", "-l"],
        &["attach", "-l"],
        &["update", "-l", "--memory", "64m"],
        &["stats", "-l", "--no-stream"],
    ] {
        env.rpod(verb).code(1).stderr_has("no such container");
    }
    for verb in [
        "inspect", "kill", "logs", "pause", "restart", "rm", "start", "stop", "top",
    ] {
        env.rpod(&["pod", verb, "-l"])
            .code(1)
            .stderr_has("no such pod");
    }
}

#[test]
fn latest_acts_on_the_container_created_last() {
    let env = Env::with_busybox();
    sleeper(&env, "older");
    sleeper(&env, "newer");
    env.rpod(&["exec", "-l", "hostname"]).success().stdout_has(
        env.rpod(&["inspect", "-f", "{{.Config.Hostname}}", "newer"])
            .trimmed(),
    );
    env.rpod(&["exec", "-l", "touch", "/made-by-latest"])
        .success();
    env.rpod(&["diff", "-l"])
        .success()
        .stdout_has("A /made-by-latest");
    let older = env.rpod(&["diff", "older"]);
    assert!(
        !older.success().stdout.contains("made-by-latest"),
        "{}",
        older.stdout
    );
    env.rpod(&["top", "-l", "pid", "args"])
        .success()
        .stdout_has("sleep 300");
    env.rpod(&["update", "-l", "--restart", "always"]).success();
    env.rpod(&[
        "inspect",
        "-f",
        "{{.HostConfig.RestartPolicy.Name}}",
        "newer",
    ])
    .success()
    .stdout_has("always");
    let stats = env.rpod(&[
        "stats",
        "-l",
        "--no-stream",
        "--no-trunc",
        "--format",
        "{{.ID}} {{.Name}}",
    ]);
    let id = env.rpod(&["inspect", "-f", "{{.Id}}", "newer"]);
    assert_eq!(stats.success().trimmed(), format!("{} newer", id.trimmed()));
    // A name and --latest together are refused, as podman refuses them.
    env.rpod(&["diff", "-l", "older"])
        .failure()
        .stderr_has("cannot be used with");
}

#[test]
fn exec_takes_the_container_from_a_cidfile_and_refuses_detach_keys_without_a_terminal() {
    let env = Env::with_busybox();
    let cidfile = env.path("work/cid");
    let cid = cidfile.to_str().unwrap();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--cidfile",
        cid,
        "--network",
        "none",
        "busybox",
        "sleep",
        "300",
    ])
    .success();
    sleeper(&env, "later");
    env.rpod(&["exec", "--cidfile", cid, "sh", "-c", "echo $HOSTNAME"])
        .success()
        .stdout_has(
            env.rpod(&["inspect", "-f", "{{.Config.Hostname}}", "c"])
                .trimmed(),
        );
    env.rpod(&["exec", "--no-session", "c", "true"]).success();
    env.rpod(&["exec", "--detach-keys", "", "c", "true"])
        .success();
    env.rpod(&["exec", "--detach-keys", "ctrl-a", "c", "true"])
        .failure()
        .stderr_has("--detach-keys");
}

#[test]
fn port_all_and_latest_list_published_ports() {
    let env = Env::with_busybox();
    let port = crate::common::http::free_port().to_string();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "web",
        "-p",
        &format!("{port}:80"),
        "busybox",
        "sleep",
        "300",
    ])
    .success();
    let id = env.rpod(&["inspect", "-f", "{{.Id}}", "web"]);
    let short = &id.trimmed()[..12];
    env.rpod(&["port", "--all"])
        .success()
        .stdout_has(&format!("{short}\t80/tcp -> 0.0.0.0:{port}"));
    env.rpod(&["port", "-l"])
        .success()
        .stdout_has(&format!("80/tcp -> 0.0.0.0:{port}"));
    env.rpod(&["port", "-l", "80"])
        .success()
        .stdout_has(&format!("0.0.0.0:{port}"));
    env.rpod(&["port", "--all", "web"])
        .failure()
        .stderr_has("--all");
}

#[test]
fn wait_exit_first_match_returns_with_the_first_to_exit() {
    let env = Env::with_busybox();
    sleeper(&env, "long");
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "short",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "sleep 1; exit 3",
    ])
    .success();
    let started = std::time::Instant::now();
    env.rpod(&["wait", "--exit-first-match", "long", "short"])
        .success()
        .stdout_has("3");
    assert!(started.elapsed().as_secs() < 60, "waited for the long one");
    env.rpod(&["inspect", "-f", "{{.State.Running}}", "long"])
        .success()
        .stdout_has("true");
}

#[test]
fn pod_verbs_take_the_pod_created_last() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--name", "first"]).success();
    env.rpod(&["pod", "create", "--name", "second"]).success();
    env.rpod(&[
        "run",
        "-d",
        "--pod",
        "second",
        "--name",
        "member",
        "busybox",
        "sh",
        "-c",
        "echo hello-from-member; sleep 300",
    ])
    .success();
    env.rpod(&["pod", "inspect", "-l", "-f", "{{.Name}}"])
        .success()
        .stdout_has("second");
    let listed = env.rpod(&["pod", "ps", "-l", "--format", "{{.Name}}"]);
    assert_eq!(listed.trimmed(), "second");
    env.rpod(&["pod", "top", "-l", "args"])
        .success()
        .stdout_has("sleep 300");
    env.rpod(&["pod", "logs", "-l"])
        .success()
        .stdout_has("hello-from-member");
    env.rpod(&["pod", "stats", "-l", "--no-stream", "--format", "{{.Name}}"])
        .success()
        .stdout_has("member");
    env.rpod(&["pod", "pause", "-l"]).success();
    env.rpod(&["inspect", "-f", "{{.State.Status}}", "member"])
        .success()
        .stdout_has("paused");
    env.rpod(&["pod", "unpause", "-l"]).success();
    env.rpod(&["pod", "stop", "-l", "-t", "0"]).success();
    env.rpod(&["inspect", "-f", "{{.State.Status}}", "member"])
        .success()
        .stdout_has("exited");
    env.rpod(&["pod", "rm", "-l"]).success();
    env.rpod(&["pod", "exists", "second"]).code(1);
    env.rpod(&["pod", "exists", "first"]).success();
}
