//! `update`'s healthcheck, environment and ulimits (issue 16): a running container's check
//! changes at once, new execs see the environment at once, and the container's process gets
//! the environment and ulimits at its next start.

use std::time::Duration;

use crate::common::Env;
use crate::services::{inspect, wait_for};

const STATUS: &str = "{{.State.Health.Status}}";

#[test]
fn update_changes_a_running_containers_healthcheck() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "uh",
        "--health-cmd",
        "true",
        "--health-interval",
        "100ms",
        "--health-retries",
        "1",
        "busybox",
        "sleep",
        "1000",
    ])
    .success();
    wait_for(&env, "uh", STATUS, "healthy", Duration::from_secs(10));
    env.rpod(&["container", "update", "--health-cmd", "false", "uh"])
        .success();
    wait_for(&env, "uh", STATUS, "unhealthy", Duration::from_secs(10));
    // The settings not given are kept.
    let config: serde_json::Value =
        serde_json::from_str(&inspect(&env, "uh", "{{json .Config.Healthcheck}}")).unwrap();
    assert_eq!(config["Test"], serde_json::json!(["CMD-SHELL", "false"]));
    assert_eq!(config["Interval"], 100_000_000u64);
    assert_eq!(config["Retries"], 1);
    // A healthcheck run now runs the new command.
    env.rpod(&["healthcheck", "run", "uh"]).code(1);
    // The timer's new interval: `disable` stops the checks.
    env.rpod(&[
        "update",
        "--health-cmd",
        "echo now",
        "--health-interval",
        "disable",
        "--health-on-failure",
        "kill",
        "--health-max-log-count",
        "1",
        "uh",
    ])
    .success();
    assert_eq!(
        inspect(&env, "uh", "{{.Config.HealthcheckOnFailureAction}}"),
        "kill"
    );
    env.rpod(&["healthcheck", "run", "uh"]).success();
    let log = inspect(&env, "uh", "{{json .State.Health.Log}}");
    assert!(log.contains("now"), "{log}");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(inspect(&env, "uh", "{{json .State.Health.Log}}"), log);
    // --no-healthcheck takes the check away.
    env.rpod(&["update", "--no-healthcheck", "uh"]).success();
    assert_eq!(inspect(&env, "uh", "{{json .Config.Healthcheck}}"), "null");
    env.rpod(&["healthcheck", "run", "uh"])
        .failure()
        .stderr_has("no defined healthcheck");
    // A container that had none gets one, and its monitor runs it.
    env.rpod(&[
        "update",
        "--health-cmd",
        "true",
        "--health-interval",
        "100ms",
        "uh",
    ])
    .success();
    wait_for(&env, "uh", STATUS, "healthy", Duration::from_secs(10));
    env.rpod(&["rm", "-f", "uh"]).success();
}

#[test]
fn update_env_reaches_new_execs_and_the_next_start_and_ulimit_the_next_start() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "ue",
        "-e",
        "GONE=1",
        "-e",
        "KEPT=old",
        "busybox",
        "sh",
        "-c",
        "echo \"$KEPT $ADDED ${GONE:-unset} $(ulimit -n)\"; sleep 1000",
    ])
    .success();
    env.rpod(&[
        "update",
        "-e",
        "KEPT=new",
        "--env",
        "ADDED=yes",
        "--unsetenv",
        "GONE",
        "--ulimit",
        "nofile=123:456",
        "ue",
    ])
    .success();
    let seen = env
        .rpod(&["exec", "ue", "sh", "-c", "echo $KEPT $ADDED ${GONE:-unset}"])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(seen, "new yes unset");
    env.rpod(&["restart", "-t", "0", "ue"]).success();
    let start = std::time::Instant::now();
    loop {
        let logs = env.rpod(&["logs", "ue"]).success().stdout.clone();
        if logs.lines().count() >= 2 {
            let last = logs.lines().last().unwrap();
            assert_eq!(last, "new yes unset 123", "{logs}");
            assert!(
                logs.lines().next().unwrap().starts_with("old  1 "),
                "{logs}"
            );
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{logs}");
        std::thread::sleep(Duration::from_millis(100));
    }
    env.rpod(&["rm", "-f", "ue"]).success();
}

#[test]
fn update_refuses_bad_values_naming_the_flag() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "ub", "busybox", "true"])
        .success();
    for (args, flag) in [
        (vec!["--health-interval", "5"], "--health-interval"),
        (
            vec!["--health-on-failure", "explode"],
            "--health-on-failure",
        ),
        (vec!["--ulimit", "nofile=x"], "ulimit"),
        (vec!["--unsetenv", "A=B"], "--unsetenv"),
        (vec!["-e", "=x"], "environment variable"),
        (
            vec![
                "--health-log-destination",
                "/nonexistent/x",
                "--health-cmd",
                "true",
            ],
            "--health-log-destination",
        ),
        (
            vec!["--no-healthcheck", "--health-cmd", "true"],
            "--no-healthcheck",
        ),
        // Without a check there is nothing to change but by giving one.
        (vec!["--health-retries", "2"], "--health-cmd"),
        (
            vec!["--health-startup-retries", "2", "--health-cmd", "true"],
            "--health-startup-cmd",
        ),
    ] {
        let mut cmd = vec!["update"];
        cmd.extend(args);
        cmd.push("ub");
        env.rpod(&cmd).code(125).stderr_has(flag);
    }
    // Nothing was changed by the refused updates.
    assert_eq!(inspect(&env, "ub", "{{json .Config.Healthcheck}}"), "null");
    env.rpod(&["update", "ub"])
        .code(125)
        .stderr_has("give at least one change");
    env.rpod(&["rm", "ub"]).success();
}

#[test]
fn update_env_reaches_a_running_containers_check() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "uc",
        "-e",
        "MODE=off",
        "--health-cmd",
        "test \"$MODE\" = on",
        "--health-interval",
        "100ms",
        "--health-retries",
        "1",
        "busybox",
        "sleep",
        "1000",
    ])
    .success();
    wait_for(&env, "uc", STATUS, "unhealthy", Duration::from_secs(10));
    env.rpod(&["update", "-e", "MODE=on", "uc"]).success();
    wait_for(&env, "uc", STATUS, "healthy", Duration::from_secs(10));
    env.rpod(&["update", "--unsetenv", "MODE", "uc"]).success();
    wait_for(&env, "uc", STATUS, "unhealthy", Duration::from_secs(10));
    env.rpod(&["rm", "-f", "uc"]).success();
}
