//! podman's startup healthcheck and health log settings (issue 18): the startup check gates
//! the regular one and restarts the container when its retries run out; the log keeps
//! `--health-max-log-count` results of `--health-max-log-size` characters and a directory
//! destination gets `<id>-healthcheck.log`.

use std::time::{Duration, Instant};

use crate::common::Env;
use crate::services::{inspect, wait_for};

const STATUS: &str = "{{.State.Health.Status}}";

#[test]
fn a_startup_check_gates_the_regular_one() {
    startup(&Env::with_busybox());
}

#[test]
fn the_health_log_keeps_its_count_and_size_and_fills_a_directory() {
    log(&Env::with_busybox());
}

/// The startup flags, for run_flags' every-option check too.
pub fn startup(env: &Env) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "hs-gate",
        "--health-cmd",
        "echo regular",
        "--health-interval",
        "100ms",
        "--health-startup-cmd",
        "echo startup; test -f /tmp/ready",
        "--health-startup-interval",
        "100ms",
        "--health-startup-timeout",
        "5s",
        "--health-startup-success",
        "2",
        "--health-startup-retries",
        "1000",
        "busybox",
        "sleep",
        "1000",
    ])
    .success();
    let config: serde_json::Value = serde_json::from_str(&inspect(
        env,
        "hs-gate",
        "{{json .Config.StartupHealthCheck}}",
    ))
    .unwrap();
    assert_eq!(
        config,
        serde_json::json!({"Test": ["CMD-SHELL", "echo startup; test -f /tmp/ready"],
            "Interval": 100_000_000u64, "Timeout": 5_000_000_000u64, "Retries": 1000,
            "Successes": 2})
    );
    // Failing startup checks run and are logged; the regular check, which would pass, waits.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(inspect(env, "hs-gate", STATUS), "starting");
    let log = inspect(env, "hs-gate", "{{json .State.Health.Log}}");
    assert!(log.contains("startup") && !log.contains("regular"), "{log}");
    assert!(log.contains(r#""ExitCode":1"#), "{log}");
    env.rpod(&["exec", "hs-gate", "touch", "/tmp/ready"])
        .success();
    wait_for(env, "hs-gate", STATUS, "healthy", Duration::from_secs(10));
    let log = inspect(env, "hs-gate", "{{json .State.Health.Log}}");
    assert!(log.contains("regular"), "{log}");
    // Two passed startup checks came before the regular one.
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log).unwrap();
    let first_regular = entries
        .iter()
        .position(|e| e["Output"].as_str().unwrap().contains("regular"))
        .unwrap();
    if first_regular >= 2 {
        for e in &entries[first_regular - 2..first_regular] {
            assert_eq!(e["ExitCode"], 0, "{log}");
        }
    }
    env.rpod(&["rm", "-f", "hs-gate"]).success();

    // Retries' worth of failures in a row restart the container, whatever its policy.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "hs-restart",
        "--health-cmd",
        "true",
        "--health-startup-cmd",
        "false",
        "--health-startup-interval",
        "100ms",
        "--health-startup-retries",
        "2",
        "--stop-timeout",
        "1",
        "busybox",
        "sleep",
        "1000",
    ])
    .success();
    let start = Instant::now();
    while inspect(env, "hs-restart", "{{.RestartCount}}") == "0" {
        assert!(start.elapsed() < Duration::from_secs(20), "never restarted");
        std::thread::sleep(Duration::from_millis(100));
    }
    wait_for(
        env,
        "hs-restart",
        "{{.State.Status}}",
        "running",
        Duration::from_secs(10),
    );
    env.rpod(&["rm", "-f", "hs-restart"]).success();

    for (flag, value) in [
        ("--health-startup-interval", "5"),
        ("--health-startup-timeout", "soon"),
        ("--health-startup-retries", "-1"),
        ("--health-startup-success", "x"),
    ] {
        env.rpod(&[
            "create",
            "--health-cmd",
            "true",
            "--health-startup-cmd",
            "true",
            &format!("{flag}={value}"),
            "busybox",
        ])
        .failure()
        .stderr_has(flag);
    }
    // A startup check needs a regular one (podman's rule) and a command of its own.
    env.rpod(&["create", "--health-startup-cmd", "true", "busybox"])
        .code(125)
        .stderr_has("need a command");
    env.rpod(&[
        "create",
        "--health-cmd",
        "true",
        "--health-startup-retries",
        "2",
        "--stop-timeout",
        "1",
        "busybox",
    ])
    .code(125)
    .stderr_has("--health-startup-cmd");
}

/// The log flags, for run_flags' every-option check too.
pub fn log(env: &Env) {
    let dir = env.path("hclogs");
    let dir_text = dir.display().to_string();
    // The monitor writes there as the test user.
    env.run_as_user("mkdir", &["-p", &dir_text]).success();
    let id = env
        .rpod(&[
            "run",
            "-d",
            "--name",
            "hl",
            "--health-cmd",
            "echo 0123456789abcdef",
            "--health-interval",
            "100ms",
            "--health-max-log-count",
            "2",
            "--health-max-log-size",
            "10",
            "--health-log-destination",
            &dir_text,
            "busybox",
            "sleep",
            "1000",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(
        inspect(
            env,
            "hl",
            "{{.Config.HealthLogDestination}} {{.Config.HealthcheckMaxLogCount}} \
             {{.Config.HealthcheckMaxLogSize}}"
        ),
        format!("{dir_text} 2 10")
    );
    let file = dir.join(format!("{id}-healthcheck.log"));
    let start = Instant::now();
    loop {
        let log = inspect(env, "hl", "{{json .State.Health.Log}}");
        let entries: Vec<serde_json::Value> = serde_json::from_str(&log).unwrap_or_default();
        if entries.len() == 2 && file.exists() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{log}");
        std::thread::sleep(Duration::from_millis(100));
    }
    // More checks ran than are kept.
    std::thread::sleep(Duration::from_millis(500));
    let log = inspect(env, "hl", "{{json .State.Health.Log}}");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log).unwrap();
    assert_eq!(entries.len(), 2, "{log}");
    for e in &entries {
        assert_eq!(e["Output"], "0123456789", "{log}");
    }
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["Status"], "healthy", "{written}");
    assert_eq!(written["Log"][0]["Output"], "0123456789", "{written}");
    env.rpod(&["rm", "-f", "hl"]).success();

    // events_logger: an event per check, with its result.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "hl-events",
        "--health-cmd",
        "echo logged-result",
        "--health-interval",
        "100ms",
        "--health-log-destination",
        "events_logger",
        "busybox",
        "sleep",
        "1000",
    ])
    .success();
    let start = Instant::now();
    loop {
        let events = env
            .rpod(&[
                "events",
                "--since",
                "5m",
                "--until",
                "0s",
                "--filter",
                "container=hl-events",
                "--filter",
                "event=health_status",
            ])
            .stdout
            .clone();
        if events.matches("logged-result").count() >= 3 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{events}");
        std::thread::sleep(Duration::from_millis(100));
    }
    env.rpod(&["rm", "-f", "hl-events"]).success();

    env.rpod(&[
        "create",
        "--health-cmd",
        "true",
        "--health-log-destination",
        "/nonexistent/rpod-logs",
        "busybox",
    ])
    .code(125)
    .stderr_has("--health-log-destination");
    env.rpod(&[
        "create",
        "--health-cmd",
        "true",
        "--health-max-log-count",
        "many",
        "busybox",
    ])
    .failure()
    .stderr_has("--health-max-log-count");
}
