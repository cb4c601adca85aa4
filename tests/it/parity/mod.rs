//! podman's verbs and flags beyond run/create, each as a user runs it.

mod containers;
mod images;
mod init;
mod labels;
mod lifecycle;
mod secrets;
mod system;
mod volumes;

use std::time::{Duration, Instant};

use crate::common::Env;

/// A detached container running `sleep 60`.
fn sleeper(env: &Env, name: &str, extra: &[&str]) -> String {
    let mut args = vec!["run", "-d", "--name", name, "--network", "none"];
    args.extend_from_slice(extra);
    args.extend(["busybox", "sleep", "60"]);
    env.rpod(&args).success().trimmed().to_string()
}

fn state(env: &Env, name: &str) -> String {
    env.rpod(&["inspect", "-f", "{{.State.Status}}", name])
        .success()
        .trimmed()
        .to_string()
}

fn wait_until(mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ok() {
        assert!(Instant::now() < deadline, "condition never held");
        std::thread::sleep(Duration::from_millis(50));
    }
}
