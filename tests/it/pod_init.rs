//! Init containers of a pod (`create --init-ctr always|once --pod POD`, issue 16): `pod start`
//! runs them in order, each to its exit, before the pod's other containers; `once` ones are
//! removed after their first run; `pod restart` runs none.

use std::time::{Duration, Instant};

use crate::common::Env;
use crate::services::wait_for;

/// Waits until the shared log the pod's containers append to reads `want`.
fn wait_log(env: &Env, want: &str) {
    let path = env.path("init-shared/log");
    let start = Instant::now();
    loop {
        let got = std::fs::read_to_string(&path).unwrap_or_default();
        if got == want {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the pod's log is {got:?}, not {want:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn init_containers_run_in_order_before_the_pods_others() {
    check(&Env::with_busybox());
}

/// `--init-ctr`'s check (also run_flags' row): refusals, order, `once`, restart.
pub fn check(env: &Env) {
    env.rpod(&["create", "--init-ctr", "always", "busybox", "true"])
        .code(125)
        .stderr_has("must specify pod value with init-ctr");
    env.rpod(&[
        "create",
        "--init-ctr",
        "sometimes",
        "--pod",
        "new:init-x",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("init-ctr value must be 'always' or 'once'");
    let dir = env.write_file("init-shared/.keep", b"");
    let dir = dir.parent().unwrap().display().to_string();
    env.rpod(&["pod", "create", "-v", &format!("{dir}:/data"), "initpod"])
        .success();
    // The app is made first: the init containers run before it all the same.
    env.rpod(&[
        "create",
        "--pod",
        "initpod",
        "--name",
        "init-app",
        "busybox",
        "sh",
        "-c",
        "echo app >> /data/log; exec sleep 300",
    ])
    .success();
    // The first init container is slow: the second, and the app, wait for it.
    env.rpod(&[
        "create",
        "--init-ctr",
        "always",
        "--pod",
        "initpod",
        "--name",
        "init-setup",
        "busybox",
        "sh",
        "-c",
        "sleep 1; echo setup >> /data/log",
    ])
    .success();
    env.rpod(&[
        "create",
        "--init-ctr=once",
        "--pod",
        "initpod",
        "--name",
        "init-once",
        "busybox",
        "sh",
        "-c",
        "echo once >> /data/log",
    ])
    .success();
    env.rpod(&["pod", "start", "initpod"]).success();
    wait_log(env, "setup\nonce\napp\n");
    wait_for(
        env,
        "init-app",
        "{{.State.Status}}",
        "running",
        Duration::from_secs(10),
    );
    wait_for(
        env,
        "init-setup",
        "{{.State.Status}}",
        "exited",
        Duration::from_secs(10),
    );
    env.rpod(&["container", "exists", "init-once"]).code(1);
    // While the pod runs, no init container joins it.
    env.rpod(&[
        "create",
        "--init-ctr",
        "always",
        "--pod",
        "initpod",
        "busybox",
        "true",
    ])
    .code(125)
    .stderr_has("cannot add init-ctr to a running pod");
    // restart runs no init container; the next start runs the `always` one again.
    env.rpod(&["pod", "restart", "initpod"]).success();
    wait_log(env, "setup\nonce\napp\napp\n");
    env.rpod(&["pod", "stop", "-t", "0", "initpod"]).success();
    env.rpod(&["pod", "start", "initpod"]).success();
    wait_log(env, "setup\nonce\napp\napp\nsetup\napp\n");
    env.rpod(&["pod", "rm", "-f", "-t", "0", "initpod"])
        .success();
}

#[test]
fn a_failing_init_container_keeps_the_pods_others_from_starting() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "broken"]).success();
    env.rpod(&[
        "create", "--pod", "broken", "--name", "app", "busybox", "sleep", "300",
    ])
    .success();
    env.rpod(&[
        "create",
        "--init-ctr",
        "once",
        "--pod",
        "broken",
        "--name",
        "migrate",
        "busybox",
        "sh",
        "-c",
        "exit 3",
    ])
    .success();
    env.rpod(&["pod", "start", "broken"])
        .code(125)
        .stderr_has("init container migrate exited with code 3");
    assert_eq!(
        crate::services::inspect(&env, "app", "{{.State.Status}}"),
        "created"
    );
    // A failed `once` container stays, for its logs, and runs at the next start.
    assert_eq!(
        crate::services::inspect(&env, "migrate", "{{.State.ExitCode}}"),
        "3"
    );
    env.rpod(&["pod", "rm", "-f", "-t", "0", "broken"])
        .success();
}
