//! No descriptor of the caller reaches a process that outlives the command: the monitor,
//! pasta, slirp4netns or an `exec -d` command holding the caller's pipe would keep
//! `(rpod run -d IMG sleep 30 3>&1 | cat)` waiting until the container ends.

use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::env::{rpod_bin, wait_output};

/// Runs a shell pipeline (`$R` is rpod) and returns how long it took to finish.
fn pipeline(env: &Env, script: &str) -> Duration {
    let mut cmd = env.command("sh");
    cmd.arg("-c")
        .arg(format!("R={}; {script}", rpod_bin().display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let start = Instant::now();
    let out = wait_output(cmd.spawn().unwrap(), script);
    let took = start.elapsed();
    assert_eq!(out.code, 0, "{script}\n{}\n{}", out.stdout, out.stderr);
    took
}

#[test]
fn pipes_on_fds_1_2_and_3_are_not_held_by_what_rpod_leaves_running() {
    let env = Env::with_busybox();
    let cases = [
        // fd 3 with the default network: the monitor and pasta.
        "$R run -d --name a busybox sleep 30 3>&1 | cat",
        // fd 2: the monitor and slirp4netns.
        "$R run -d --name b --network slirp4netns busybox sleep 30 2>&1 >/dev/null | cat",
        // fd 1.
        "$R run -d --name c --network none busybox sleep 30 | cat",
        // A created container started later, and a command started in it with exec -d.
        "$R create --name d --network none busybox sleep 30 >/dev/null; $R start d 3>&1 | cat",
        "$R exec -d c sleep 30 3>&1 | cat",
        "$R restart -t 0 c 3>&1 2>&1 | cat",
    ];
    for script in cases {
        let took = pipeline(&env, script);
        assert!(
            took < Duration::from_secs(10),
            "{script} took {took:?}: a process rpod left running holds the caller's pipe"
        );
    }
    for name in ["a", "b", "c", "d"] {
        env.rpod(&["inspect", "-f", "{{.State.Running}}", name])
            .success()
            .stdout_has("true");
    }
    env.rpod(&["rm", "-f", "a", "b", "c", "d"]).success();
}
