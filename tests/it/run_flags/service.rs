//! The service options of run and create (issue 18).

use std::time::{Duration, Instant};

use crate::common::Env;

/// A failing container restarted once by `on-failure:1`, then left exited.
pub fn restart(env: &Env) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "rf-restart",
        "--restart",
        "on-failure:1",
        "busybox",
        "false",
    ])
    .success();
    let start = Instant::now();
    loop {
        let state = env
            .rpod(&[
                "inspect",
                "-f",
                "{{.State.Status}} {{.RestartCount}}",
                "rf-restart",
            ])
            .success()
            .trimmed()
            .to_string();
        if state == "exited 1" {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "{state}");
        std::thread::sleep(Duration::from_millis(50));
    }
    env.rpod(&["rm", "rf-restart"]).success();
}

/// The modes are recorded (the notifications themselves are tested in services.rs); an
/// unknown one is refused naming the modes.
pub fn sdnotify(env: &Env) {
    env.rpod(&[
        "create",
        "--name",
        "rf-notify",
        "--sdnotify=conmon",
        "busybox",
        "true",
    ])
    .success();
    let mode = env
        .rpod(&["inspect", "-f", "{{.Config.SdNotifyMode}}", "rf-notify"])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(mode, "conmon");
    env.rpod(&["rm", "rf-notify"]).success();
    env.rpod(&["create", "--sdnotify=sometimes", "busybox", "true"])
        .code(125)
        .stderr_has("expected container, conmon, healthy or ignore");
}

/// The health options: recorded as docker shows them and run by the monitor (transitions,
/// timeouts and on-failure actions are tested in health.rs).
pub fn health(env: &Env) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "rf-health",
        "--health-cmd",
        "true",
        "--health-interval",
        "150ms",
        "--health-timeout",
        "5s",
        "--health-retries",
        "4",
        "--health-start-period",
        "2s",
        "--health-start-interval",
        "100ms",
        "--health-on-failure",
        "kill",
        "busybox",
        "sleep",
        "1000",
    ])
    .success();
    let config = env
        .rpod(&[
            "inspect",
            "-f",
            "{{json .Config.Healthcheck}} {{.Config.HealthcheckOnFailureAction}}",
            "rf-health",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(
        config,
        r#"{"Test":["CMD-SHELL","true"],"Interval":150000000,"Timeout":5000000000,"StartPeriod":2000000000,"StartInterval":100000000,"Retries":4} kill"#
    );
    let start = Instant::now();
    while env
        .rpod(&["inspect", "-f", "{{.State.Health.Status}}", "rf-health"])
        .success()
        .trimmed()
        != "healthy"
    {
        assert!(start.elapsed() < Duration::from_secs(10), "never healthy");
        std::thread::sleep(Duration::from_millis(50));
    }
    env.rpod(&["rm", "-f", "rf-health"]).success();
    env.rpod(&[
        "create",
        "--name",
        "rf-nohealth",
        "--no-healthcheck",
        "busybox",
    ])
    .success();
    let none = env
        .rpod(&[
            "inspect",
            "-f",
            "{{json .Config.Healthcheck}}",
            "rf-nohealth",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(none, "null");
    env.rpod(&["rm", "rf-nohealth"]).success();
    env.rpod(&[
        "create",
        "--no-healthcheck",
        "--health-cmd",
        "true",
        "busybox",
    ])
    .code(125)
    .stderr_has("cannot specify both --no-healthcheck");
}
