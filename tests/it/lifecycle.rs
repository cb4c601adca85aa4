//! One container, many commands at once: a lock per container lets one verb at a time change
//! it, so that each command sees a whole state, at most one monitor runs for it, and no
//! monitor outlives its record.

use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::env::wait_output;

/// The monitors (live processes) of this environment's containers.
fn monitors(env: &Env) -> Vec<i32> {
    let runtime = format!("XDG_RUNTIME_DIR={}", env.path("runtime").display());
    let is_monitor = |pid: i32| {
        let cmdline = fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        cmdline.split(|&b| b == 0).nth(1) == Some(b"__monitor".as_slice())
    };
    let mut out = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let stat = fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        let after_comm = stat.rsplit(") ").next().unwrap_or_default();
        let zombie = after_comm.starts_with('Z');
        // The root emulation's supervisor is a fork of its monitor: counted with it, unless
        // its monitor is gone and left it behind.
        let ppid: i32 = after_comm
            .split(' ')
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        if !is_monitor(pid) || zombie || is_monitor(ppid) {
            continue;
        }
        let environ = fs::read(entry.path().join("environ")).unwrap_or_default();
        if environ
            .split(|&b| b == 0)
            .any(|var| var == runtime.as_bytes())
        {
            out.push(pid);
        }
    }
    out
}

/// Runs every command at once and returns each command line with its outcome.
fn all_at_once(env: &Env, commands: &[Vec<&str>]) -> Vec<(String, i32, String)> {
    let children: Vec<_> = commands
        .iter()
        .map(|args| {
            let line = format!("rpod {}", args.join(" "));
            let child = env
                .rpod_cmd(args)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (line, child)
        })
        .collect();
    children
        .into_iter()
        .map(|(line, child)| {
            let out = wait_output(child, &line);
            (line, out.code, out.stderr)
        })
        .collect()
}

/// What the container's record says, and that it agrees with the processes: a running
/// container has exactly its one monitor, any other state none, and a start never failed
/// half-way (exit 125 with an error) because another verb got in its way.
fn assert_consistent(env: &Env, name: &str, after: &str) {
    let monitors = monitors(env);
    let inspect = env.rpod(&[
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}",
        name,
    ]);
    if inspect.code != 0 {
        assert!(
            monitors.is_empty(),
            "{after}: the record is gone but monitors {monitors:?} still run"
        );
    } else {
        let state = inspect.trimmed().to_string();
        match state.split(' ').next() {
            Some("running") => assert_eq!(monitors.len(), 1, "{after}: {state}: {monitors:?}"),
            _ => assert!(monitors.is_empty(), "{after}: {state}: {monitors:?}"),
        }
        assert!(!state.contains(" 125"), "{after}: a start failed: {state}");
    }
    let check = env.rpod(&["system", "check"]);
    assert_eq!(check.code, 0, "{after}: {}{}", check.stdout, check.stderr);
}

/// The one failure a verb may rightly report when another verb changed the container first:
/// `rm -f` removed it.
fn expected_conflict(stderr: &str) -> bool {
    stderr.contains("no such container")
}

#[test]
fn twenty_lifecycle_verbs_at_once_on_one_container() {
    let env = Env::with_busybox();
    for (round, network) in ["none", "pasta", "none"].into_iter().enumerate() {
        let name = format!("target{round}");
        env.rpod(&[
            "create",
            "--name",
            &name,
            "--network",
            network,
            "--stop-timeout",
            "1",
            "busybox",
            "sleep",
            "30",
        ])
        .success();
        let verbs: Vec<Vec<&str>> = (0..20)
            .map(|i| match i % 5 {
                0 | 1 => vec!["start", name.as_str()],
                2 => vec!["stop", name.as_str()],
                3 => vec!["restart", name.as_str()],
                _ => vec!["rm", "-f", name.as_str()],
            })
            .collect();
        let after = format!("round {round} (--network {network})");
        for (line, code, stderr) in all_at_once(&env, &verbs) {
            assert!(
                code == 0 || expected_conflict(&stderr),
                "{after}: {line}: exit {code}: {stderr}"
            );
        }
        assert_consistent(&env, &name, &after);
    }
}

#[test]
fn starts_and_stops_at_once_end_with_one_monitor_at_most() {
    let env = Env::with_busybox();
    env.rpod(&[
        "create",
        "--name",
        "busy",
        "--stop-timeout",
        "1",
        "busybox",
        "sleep",
        "30",
    ])
    .success();
    let verbs: Vec<Vec<&str>> = (0..20)
        .map(|i| match i % 4 {
            0 | 1 => vec!["start", "busy"],
            2 => vec!["stop", "busy"],
            _ => vec!["restart", "busy"],
        })
        .collect();
    for (line, code, stderr) in all_at_once(&env, &verbs) {
        assert_eq!(code, 0, "{line}: {stderr}");
    }
    assert_consistent(&env, "busy", "twenty starts, stops and restarts");
    // Whatever won last, the container still works.
    env.rpod(&["restart", "busy"]).success();
    env.rpod(&["exec", "busy", "true"]).success();
    assert_eq!(monitors(&env).len(), 1);
    env.rpod(&["rm", "-f", "busy"]).success();
    assert!(monitors(&env).is_empty());
}

/// `rm -f -t` of several running containers: each gets its stop signal and its time to stop
/// at once, not one after another, and none of their monitors outlives the command.
#[test]
fn rm_of_many_gives_each_its_stop_at_once() {
    let env = Env::with_busybox();
    let out = format!("{}:/out", env.path("work").display());
    let mut names = Vec::new();
    for i in 0..3 {
        // Ends on SIGTERM and leaves a trace of it.
        let polite = format!("polite{i}");
        let script =
            format!("trap 'touch /out/{polite}; exit 0' TERM; while :; do sleep 0.1; done");
        env.rpod(&[
            "run",
            "-d",
            "--network",
            "none",
            "--name",
            &polite,
            "-v",
            &out,
            "busybox",
            "sh",
            "-c",
            &script,
        ])
        .success();
        // PID 1 without a handler: SIGTERM does nothing, only SIGKILL after the time ends it.
        let deaf = format!("deaf{i}");
        env.rpod(&[
            "run",
            "-d",
            "--network",
            "none",
            "--name",
            &deaf,
            "busybox",
            "sleep",
            "600",
        ])
        .success();
        names.extend([polite, deaf]);
    }
    // `stop` alike: the deaf ones' 2 s run together.
    let deaf = ["deaf0", "deaf1", "deaf2"];
    let started = Instant::now();
    let stopped = env.rpod(&[&["stop", "-t", "2"][..], &deaf].concat());
    let took = started.elapsed();
    stopped.success();
    assert_eq!(stopped.lines(), deaf, "{}", stopped.stderr);
    assert!(
        took >= Duration::from_secs(2),
        "killed before their 2 s: {took:?}"
    );
    assert!(
        took < Duration::from_secs(5),
        "the stops did not overlap: {took:?}"
    );
    env.rpod(&[&["start"][..], &deaf].concat()).success();
    let mut args = vec!["rm", "-f", "-t", "3"];
    args.extend(names.iter().map(String::as_str));
    let started = Instant::now();
    let removed = env.rpod(&args);
    let took = started.elapsed();
    removed.success();
    assert_eq!(removed.lines(), names, "{}", removed.stderr);
    assert!(
        took >= Duration::from_secs(3),
        "the deaf containers were killed before their 3 s: {took:?}"
    );
    // One after another, the three deaf ones alone took 9 s.
    assert!(
        took < Duration::from_secs(7),
        "the stops did not overlap: {took:?}"
    );
    for i in 0..3 {
        assert!(
            env.path(&format!("work/polite{i}")).exists(),
            "polite{i} was not sent its SIGTERM"
        );
    }
    assert!(env.rpod(&["ps", "-a", "-q"]).trimmed().is_empty());
    assert!(monitors(&env).is_empty());
}
