//! A running container's processes from outside: `top`, `pause`/`unpause`, `stats`, and
//! `rename` (here as the other day-2 verb with no file system side).

use std::time::{Duration, Instant};

use crate::common::Env;

/// A container that counts in /count ten times a second.
pub(crate) fn counter(env: &Env, name: &str) {
    env.rpod(&[
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        // Renamed into place: a pause between the truncation and the write of `>` would
        // leave an empty count to read.
        "i=0; while true; do i=$((i+1)); echo $i > /count.new; mv /count.new /count; sleep 0.1; done",
    ])
    .success();
    wait_until(|| read_count(env, name).is_some_and(|n| n > 0));
}

pub(crate) fn wait_until(mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ok() {
        assert!(Instant::now() < deadline, "condition never held");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The counter as the container's writable layer has it (readable while paused).
pub(crate) fn read_count(env: &Env, name: &str) -> Option<u64> {
    let upper = env.rpod(&["inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", name]);
    let path = std::path::Path::new(upper.trimmed()).join("count");
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

#[test]
fn top_lists_the_containers_processes_in_its_pid_namespace() {
    let env = Env::with_busybox();
    counter(&env, "c");
    let top = env.rpod(&["top", "c"]);
    let lines = top.success().lines();
    assert!(
        lines[0].starts_with("USER") && lines[0].contains("COMMAND"),
        "{}",
        top.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("root") && l.contains(" 1 ") && l.contains("sh -c i=0")),
        "{}",
        top.stdout
    );
    let custom = env.rpod(&["top", "c", "pid", "comm"]);
    assert!(
        custom.success().lines()[1]
            .split_whitespace()
            .eq(["1", "sh"])
    );
    env.rpod(&["top", "c", "bogus"])
        .code(125)
        .stderr_has("invalid top descriptor \"bogus\"");
    env.rpod(&["stop", "-t", "0", "c"]).success();
    env.rpod(&["top", "c"])
        .code(125)
        .stderr_has("is in state exited");
}

#[test]
fn pause_freezes_every_process_and_unpause_resumes_them() {
    let env = Env::with_busybox();
    counter(&env, "c");
    env.rpod(&["pause", "c"]).success().stdout_has("c");
    env.rpod(&[
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.Paused}} {{.State.Running}}",
        "c",
    ])
    .success()
    .stdout_has("paused true true");
    env.rpod(&["ps", "--format", "{{.Names}} {{.Status}}"])
        .success()
        .stdout_has("(Paused)");
    let frozen = read_count(&env, "c").unwrap();
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(
        read_count(&env, "c"),
        Some(frozen),
        "the counter moved while paused"
    );
    env.rpod(&["exec", "c", "true"])
        .code(125)
        .stderr_has("is in state paused");
    env.rpod(&["pause", "c"])
        .code(125)
        .stderr_has("is in state paused");

    env.rpod(&["unpause", "c"]).success();
    wait_until(|| read_count(&env, "c").is_some_and(|n| n > frozen));
    env.rpod(&["unpause", "c"])
        .code(125)
        .stderr_has("can only unpause paused containers");

    // A paused container still stops, and is removed with -f.
    env.rpod(&["pause", "c"]).success();
    env.rpod(&["rm", "c"]).failure().stderr_has("paused");
    env.rpod(&["rm", "-f", "c"]).success();
    assert_eq!(env.rpod(&["ps", "-aq"]).trimmed(), "");
}

#[test]
fn stats_reports_memory_and_processes() {
    let env = Env::with_busybox();
    counter(&env, "c");
    let out = env.rpod(&["stats", "--no-stream", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&out.success().stdout).unwrap();
    let row = &rows[0];
    assert_eq!(row["Name"], "c", "{rows}");
    assert!(row["PIDs"].as_u64().unwrap() >= 1, "{rows}");
    let mem = row["MemUsage"].as_str().unwrap();
    assert!(mem.contains("MiB") || mem.contains("KiB"), "{mem}");
    assert!(!mem.starts_with("0B"), "{mem}");
    env.rpod(&["stats", "--no-stream", "c"])
        .success()
        .stdout_has("MEM USAGE / LIMIT")
        .stdout_has("c ");
    env.rpod(&[
        "stats",
        "--no-stream",
        "--format",
        "{{.Name}}: {{.PIDs}}",
        "nosuch",
    ])
    .failure()
    .stderr_has("nosuch");
}

#[test]
fn rename_changes_the_name_everywhere() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "old", "busybox", "true"])
        .success();
    env.rpod(&["create", "--name", "other", "busybox", "true"])
        .success();
    env.rpod(&["rename", "old", "new"]).success();
    env.rpod(&["ps", "-a", "--format", "{{.Names}}"])
        .success()
        .stdout_has("new")
        .stdout_has("other");
    env.rpod(&["inspect", "old"]).failure();
    env.rpod(&["rename", "new", "other"])
        .code(125)
        .stderr_has("the container name \"other\" is already in use");
    env.rpod(&["rename", "new", "bad/name"])
        .code(125)
        .stderr_has("invalid name \"bad/name\"");
    env.rpod(&["start", "-a", "new"]).success();
}

#[test]
fn the_rpod_binary_is_out_of_the_containers_reach() {
    let env = Env::with_busybox();
    // With --init, PID 1 stays rpod's reaper for the container's whole life: its exe is the
    // host's rpod binary, which a container must not open (runc's CVE-2019-5736).
    env.rpod(&[
        "run",
        "-d",
        "--init",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "60",
    ])
    .success();
    let probe = env.rpod(&[
        "exec", "c", "sh", "-c",
        "cat /proc/1/exe > /dev/null && echo readable; echo x >> /proc/1/exe && echo writable; readlink /proc/1/exe >/dev/null 2>&1 && echo visible; echo done",
    ]);
    probe.success().stdout_has("done");
    for leak in ["readable", "writable", "visible"] {
        assert!(
            !probe.stdout.contains(leak),
            "/proc/1/exe is {leak}: {}",
            probe.stdout
        );
    }
    // exec (above), top, cp and pause reach the container through its command instead.
    env.rpod(&["top", "c", "pid", "args"])
        .success()
        .stdout_has("sleep 60");
    env.rpod(&["cp", "c:/etc/passwd", env.path("work/pw").to_str().unwrap()])
        .success();
    env.rpod(&["pause", "c"]).success();
    env.rpod(&["unpause", "c"]).success();
}
