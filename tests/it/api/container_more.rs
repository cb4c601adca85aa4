//! The docker CLI's container verbs beyond the lifecycle, through the API: rename, top, diff,
//! export, pause/unpause, container prune and stats.

use super::{Service, docker};
use crate::common::Env;

#[test]
fn api_docker_renames_lists_processes_diffs_exports_pauses_and_prunes() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let docker = |args: &[&str]| docker(&env, &service, args);
    docker(&[
        "run",
        "-d",
        "--name",
        "m1",
        "busybox",
        "sh",
        "-c",
        "echo x > /added.txt; rm /bin/zcat; exec sleep 600",
    ])
    .success();
    let ready = "test -e /added.txt || { sleep 0.3; test -e /added.txt; }";
    env.rpod(&["exec", "m1", "sh", "-c", ready]).success();

    docker(&["rename", "m1", "m2"]).success();
    env.rpod(&["container", "exists", "m2"]).success();
    env.rpod(&["container", "exists", "m1"]).code(1);

    docker(&["top", "m2", "pid", "args"])
        .success()
        .stdout_has("PID")
        .stdout_has("sleep 600");

    let diff = docker(&["diff", "m2"]);
    diff.success()
        .stdout_has("A /added.txt")
        .stdout_has("D /bin/zcat");

    let archive = env.path("work/exported.tar");
    docker(&["export", "-o", archive.to_str().unwrap(), "m2"]).success();
    let listed = env.run_as_user("/usr/bin/tar", &["tf", archive.to_str().unwrap()]);
    listed.success().stdout_has("added.txt");
    assert!(!listed.stdout.contains("bin/zcat\n"), "{}", listed.stdout);

    docker(&["pause", "m2"]).success();
    env.rpod(&["inspect", "-f", "{{.State.Status}}", "m2"])
        .success()
        .stdout_has("paused");
    docker(&["unpause", "m2"]).success();
    env.rpod(&["inspect", "-f", "{{.State.Status}}", "m2"])
        .success()
        .stdout_has("running");

    docker(&["run", "--name", "done1", "busybox", "true"]).success();
    docker(&[
        "run", "--name", "done2", "--label", "keep=1", "busybox", "true",
    ])
    .success();
    // Filters pick: label! spares the labelled one, until=1h (created before an hour ago)
    // spares both, label takes it.
    docker(&["container", "prune", "-f", "--filter", "label!=keep"])
        .success()
        .stdout_has("Deleted Containers");
    env.rpod(&["container", "exists", "done1"]).code(1);
    env.rpod(&["container", "exists", "done2"]).success();
    docker(&["container", "prune", "-f", "--filter", "until=1h"]).success();
    env.rpod(&["container", "exists", "done2"]).success();
    docker(&["container", "prune", "-f", "--filter", "label=keep=1"]).success();
    env.rpod(&["container", "exists", "done2"]).code(1);
    docker(&["container", "prune", "-f", "--filter", "dangling=true"])
        .failure()
        .stderr_has("invalid filter 'dangling'");
    env.rpod(&["container", "exists", "m2"]).success();
    docker(&["export", "nosuch"])
        .failure()
        .stderr_has("No such container: nosuch");
    docker(&["rm", "-f", "m2"]).success();
}

#[test]
fn api_docker_stats_measures_a_busy_container() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let docker = |args: &[&str]| docker(&env, &service, args);
    docker(&[
        "run",
        "-d",
        "--name",
        "busy",
        "busybox",
        "sh",
        "-c",
        "while :; do :; done",
    ])
    .success();
    // One reading, a second after a first one: the busy loop shows as CPU use.
    let format = "{{.Name}} {{.CPUPerc}} {{.PIDs}}";
    let out = docker(&["stats", "--no-stream", "--format", format, "busy"]);
    let line = out.success().stdout.trim().to_string();
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(fields.len(), 3, "{line}");
    assert_eq!(fields[0], "busy", "{line}");
    let cpu: f64 = fields[1].trim_end_matches('%').parse().unwrap();
    assert!(cpu > 5.0, "a busy loop uses CPU: {line}");
    assert_eq!(fields[2], "1", "{line}");
    docker(&["rm", "-f", "busy"]).success();
}

#[test]
fn api_docker_update_changes_the_restart_policy_and_refuses_what_it_cannot_change() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let docker = |args: &[&str]| docker(&env, &service, args);
    docker(&["create", "--name", "up1", "busybox", "sleep", "600"]).success();
    docker(&["update", "--restart", "on-failure:3", "up1"]).success();
    env.rpod(&[
        "inspect",
        "-f",
        "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}",
        "up1",
    ])
    .success()
    .stdout_has("on-failure 3");
    // A limit takes effect where the host delegates the controller, and is otherwise
    // refused with the reason, as `rpod update` does.
    let memory = docker(&["update", "--memory", "64m", "up1"]);
    let recorded = env.rpod(&["inspect", "-f", "{{.HostConfig.Memory}}", "up1"]);
    match memory.code {
        0 => assert_eq!(recorded.success().stdout.trim(), "67108864"),
        _ => {
            memory.stderr_has("memory");
            assert_eq!(recorded.success().stdout.trim(), "0");
        }
    }
    docker(&["update", "--blkio-weight", "300", "up1"])
        .failure()
        .stderr_has("BlkioWeight=300");
    docker(&["rm", "up1"]).success();
}

/// `docker run --ulimit`: the limit reaches the container's process, and `docker inspect`
/// names it as docker does.
#[test]
fn api_docker_run_ulimit_holds_in_the_container() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let docker = |args: &[&str]| docker(&env, &service, args);
    docker(&[
        "run",
        "--name",
        "limited",
        "--ulimit",
        "nofile=512:1024",
        "busybox",
        "sh",
        "-c",
        "ulimit -n; ulimit -Hn",
    ])
    .success()
    .stdout_has("512\n1024");
    docker(&[
        "inspect",
        "-f",
        "{{range .HostConfig.Ulimits}}{{.Name}} {{.Soft}} {{.Hard}}{{end}}",
        "limited",
    ])
    .success()
    .stdout_has("nofile 512 1024");
    env.rpod(&[
        "inspect",
        "-f",
        "{{range .HostConfig.Ulimits}}{{.Name}}{{end}}",
        "limited",
    ])
    .success()
    .stdout_has("RLIMIT_NOFILE");
}
