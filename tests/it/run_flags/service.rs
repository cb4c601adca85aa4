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

/// conmon is recorded (the notification itself is tested in services.rs); podman's other
/// modes are refused with the reason.
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
    env.rpod(&["create", "--sdnotify=container", "busybox", "true"])
        .code(125)
        .stderr_has("not supported yet");
}
