//! OCI hooks (`--hooks-dir`, rpod.toml's `[engine] hooks-dirs`, `build --hooks-dir`): hook
//! files' programs run at each stage of a real container with its state on their stdin, their
//! conditions select them, a timeout kills them, and a failing hook before the container's
//! process fails the start and leaves nothing running.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::Env;

/// A host script that appends its stdin (the state) and a newline to the file `$1`.
fn recorder(env: &Env) -> PathBuf {
    let path = env.write_file(
        "work/record.sh",
        b"#!/bin/sh\ncat >> \"$1\"\necho >> \"$1\"\n",
    );
    set_mode(&path, 0o755);
    path
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Writes hook file `name` into the hooks directory `dir` (under the environment).
fn hook_file(env: &Env, dir: &str, name: &str, hook: Value) -> String {
    let file = env.write_file(&format!("{dir}/{name}"), hook.to_string().as_bytes());
    file.parent().unwrap().display().to_string()
}

/// A 1.0.0 hook file running the recorder into `out` at `stages` when `when` holds.
fn recording(env: &Env, out: &Path, when: Value, stages: &[&str]) -> Value {
    let recorder = recorder(env);
    serde_json::json!({
        "version": "1.0.0",
        "hook": {"path": recorder, "args": ["record.sh", out]},
        "when": when,
        "stages": stages,
    })
}

/// The states a recorder wrote, one per line.
fn states(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A directory the test user (who runs rpod and its hooks) may write in.
fn user_dir(env: &Env, rel: &str) -> PathBuf {
    let keep = env.write_file(&format!("{rel}/.keep"), b"");
    keep.parent().unwrap().to_path_buf()
}

fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !path.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn every_stage_runs_with_the_containers_state() {
    let env = Env::with_busybox();
    let out = user_dir(&env, "work/out");
    let always = serde_json::json!({"always": true});
    let mut dir = String::new();
    for stage in ["prestart", "createRuntime", "poststart", "poststop"] {
        let hook = recording(&env, &out.join(stage), always.clone(), &[stage]);
        dir = hook_file(&env, "work/hooks", &format!("{stage}.json"), hook);
    }
    // These run in the container's namespaces: their program and what they write are the
    // container's.
    for stage in ["createContainer", "startContainer"] {
        let hook = serde_json::json!({
            "version": "1.0.0",
            "hook": {"path": "/bin/sh", "args": ["sh", "-c", format!("cat > /{stage}.json")]},
            "when": always,
            "stages": [stage],
        });
        hook_file(&env, "work/hooks", &format!("{stage}.json"), hook);
    }
    let script = "cat /createContainer.json; echo; cat /startContainer.json; echo; sleep 60";
    let id = env
        .rpod(&[
            "--hooks-dir",
            &dir,
            "run",
            "-d",
            "--name",
            "hooked",
            "--annotation",
            "team=hpc",
            "busybox",
            "sh",
            "-c",
            script,
        ])
        .success()
        .trimmed()
        .to_string();
    let pid: i64 = env
        .rpod(&["inspect", "--format", "{{.State.Pid}}", "hooked"])
        .success()
        .trimmed()
        .parse()
        .unwrap();
    let check = |state: &Value, status: &str| {
        assert_eq!(state["ociVersion"], "1.0.2", "{state}");
        assert_eq!(state["id"], id.as_str(), "{state}");
        assert_eq!(state["status"], status, "{state}");
        assert_eq!(state["pid"], pid, "{state}");
        assert_eq!(state["annotations"]["team"], "hpc", "{state}");
        assert!(
            state["bundle"].as_str().is_some_and(|b| b.contains(&id)),
            "{state}"
        );
    };
    for (stage, status) in [
        ("prestart", "creating"),
        ("createRuntime", "creating"),
        ("poststart", "running"),
    ] {
        let got = states(&out.join(stage));
        assert_eq!(got.len(), 1, "{stage}: {got:?}");
        check(&got[0], status);
    }
    assert!(
        !out.join("poststop").exists(),
        "poststop ran before the stop"
    );
    wait_for_logs(&env, "hooked", 2);
    let logs = env.rpod(&["logs", "hooked"]).success().stdout.clone();
    let inside: Vec<Value> = logs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    check(&inside[0], "creating");
    check(&inside[1], "created");
    env.rpod(&["stop", "-t", "0", "hooked"]).success();
    wait_for(&out.join("poststop"));
    let got = states(&out.join("poststop"));
    assert_eq!(got.len(), 1, "{got:?}");
    check(&got[0], "stopped");
    // Once more: each start runs its hooks again.
    env.rpod(&["--hooks-dir", &dir, "start", "hooked"])
        .success();
    assert_eq!(states(&out.join("prestart")).len(), 2);
    env.rpod(&["rm", "-f", "hooked"]).success();
}

fn wait_for_logs(env: &Env, name: &str, lines: usize) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while env.rpod(&["logs", name]).stdout.lines().count() < lines && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn when_selects_by_annotation_command_and_bind_mounts() {
    let env = Env::with_busybox();
    let out = user_dir(&env, "work/out");
    let cases = [
        (
            "annotation",
            serde_json::json!({"annotations": {"^sel$": "^yes$"}}),
        ),
        ("command", serde_json::json!({"commands": ["^/bin/true$"]})),
        ("binds", serde_json::json!({"hasBindMounts": true})),
        (
            "both",
            serde_json::json!({"hasBindMounts": true, "commands": ["^/bin/true$"]}),
        ),
    ];
    let mut dir = String::new();
    for (name, when) in cases {
        let hook = recording(&env, &out.join(name), when, &["prestart"]);
        dir = hook_file(&env, "work/hooks", &format!("{name}.json"), hook);
    }
    // rpod.toml names the directory this time.
    env.write_config(&format!(
        "{}\n[engine]\nhooks-dirs = [\"{dir}\"]\n",
        std::fs::read_to_string(env.path("config/rpod/rpod.toml")).unwrap()
    ));
    let shared = user_dir(&env, "work/shared");
    let bind = format!("{}:/mnt", shared.display());
    let runs: [(&str, &[&str], &[&str]); 5] = [
        ("plain", &[], &["sh", "-c", "true"]),
        (
            "annotated",
            &["--annotation", "sel=yes"],
            &["sh", "-c", "true"],
        ),
        (
            "not-annotated",
            &["--annotation", "sel=no"],
            &["sh", "-c", "true"],
        ),
        ("true", &[], &["/bin/true"]),
        ("bound", &["-v", &bind], &["/bin/true"]),
    ];
    for (who, options, command) in runs {
        let annotation = format!("who={who}");
        let mut args = vec!["run", "--rm", "--annotation", &annotation];
        args.extend(options);
        args.push("busybox");
        args.extend(command);
        env.rpod(&args).success();
    }
    let who = |name: &str| -> Vec<String> {
        states(&out.join(name))
            .iter()
            .map(|s| s["annotations"]["who"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(who("annotation"), ["annotated"]);
    assert_eq!(who("command"), ["true", "bound"]);
    assert_eq!(who("binds"), ["bound"]);
    assert_eq!(who("both"), ["bound"]);
}

#[test]
fn a_failing_prestart_hook_fails_run_and_leaves_nothing_running() {
    let env = Env::with_busybox();
    let failing = serde_json::json!({
        "version": "1.0.0",
        "hook": {"path": "/bin/sh", "args": ["sh", "-c", "echo no GPU here >&2; exit 3"]},
        "when": {"always": true},
        "stages": ["prestart"],
    });
    let dir = hook_file(&env, "work/hooks", "fail.json", failing);
    env.rpod(&[
        "--hooks-dir",
        &dir,
        "run",
        "--name",
        "failed",
        "busybox",
        "sleep",
        "60",
    ])
    .code(126)
    .stderr_has("error executing prestart hook `/bin/sh` (exit code: 3): no GPU here");
    let running = env.rpod(&["ps", "-q"]).success().trimmed().to_string();
    assert_eq!(running, "");
    let state = env.rpod(&["inspect", "--format", "{{.State.Running}}", "failed"]);
    assert_eq!(state.success().trimmed(), "false");
    // Without the hook the same container starts.
    env.rpod(&["start", "failed"]).success();
    env.rpod(&["rm", "-f", "failed"]).success();
}

#[test]
fn a_hook_past_its_timeout_is_killed() {
    let env = Env::with_busybox();
    let pid_file = user_dir(&env, "work/pids").join("hook.pid");
    let slow = serde_json::json!({
        "version": "1.0.0",
        "hook": {
            "path": "/bin/sh",
            "args": ["sh", "-c", format!("echo $$ > {}; sleep 60", pid_file.display())],
            "timeout": 1,
        },
        "when": {"always": true},
        "stages": ["createRuntime"],
    });
    let dir = hook_file(&env, "work/hooks", "slow.json", slow);
    let began = Instant::now();
    env.rpod(&["--hooks-dir", &dir, "run", "--rm", "busybox", "true"])
        .code(126)
        .stderr_has("error executing createRuntime hook `/bin/sh` (timed out after 1 s)");
    assert!(
        began.elapsed() < Duration::from_secs(20),
        "{:?}",
        began.elapsed()
    );
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    assert!(
        !Path::new(&format!("/proc/{}", pid.trim())).exists(),
        "the hook {pid} still runs"
    );
    // A poststart hook's timeout is a warning: the container runs.
    let slow_after = serde_json::json!({
        "version": "1.0.0",
        "hook": {"path": "/bin/sh", "args": ["sh", "-c", "sleep 60"], "timeout": 1},
        "when": {"always": true},
        "stages": ["poststart"],
    });
    let dir = hook_file(&env, "work/hooks-after", "slow.json", slow_after);
    let id = env
        .rpod(&["--hooks-dir", &dir, "run", "-d", "busybox", "sleep", "60"])
        .success()
        .trimmed()
        .to_string();
    let warned = std::fs::read_to_string(env.data().join(format!("containers/{id}/hooks.log")));
    assert!(
        warned
            .as_deref()
            .unwrap_or("")
            .contains("poststart hook `/bin/sh` (timed out after 1 s)"),
        "{warned:?}"
    );
    env.rpod(&["rm", "-f", &id]).success();
}

#[test]
fn a_bad_hook_file_is_named_with_the_reason() {
    let env = Env::with_busybox();
    let dir = hook_file(
        &env,
        "work/hooks",
        "future.json",
        serde_json::json!({"version": "9.9.9"}),
    );
    env.rpod(&["--hooks-dir", &dir, "run", "--rm", "busybox", "true"])
        .code(125)
        .stderr_has(&format!(
            "parsing hook \"{dir}/future.json\": unrecognized hook version: \"9.9.9\""
        ));
}

#[test]
fn build_runs_hooks_for_its_run_steps() {
    let env = Env::with_busybox();
    let out = user_dir(&env, "work/build").join("states");
    let hook = recording(
        &env,
        &out,
        serde_json::json!({"always": true}),
        &["prestart"],
    );
    let dir = hook_file(&env, "work/hooks", "build.json", hook);
    let ctx = env.write_file(
        "ctx/Dockerfile",
        b"FROM busybox\nRUN true\nRUN echo two > /two\n",
    );
    let ctx = ctx.parent().unwrap().display().to_string();
    env.rpod(&["build", "--network", "none", "-t", "plain", &ctx])
        .success();
    assert!(states(&out).is_empty(), "hooks ran without --hooks-dir");
    env.rpod(&[
        "build",
        "--network",
        "none",
        "--no-cache",
        "--hooks-dir",
        &dir,
        "-t",
        "hooked",
        &ctx,
    ])
    .success();
    let got = states(&out);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|s| s["status"] == "creating"), "{got:?}");
}

/// The global option, as the run/create flag checks list it.
pub fn hooks_dir(env: &Env) {
    let out = user_dir(env, "work/global-hook").join("states");
    let hook = recording(
        env,
        &out,
        serde_json::json!({"always": true}),
        &["poststop"],
    );
    let dir = hook_file(env, "work/global-hooks", "stop.json", hook);
    env.rpod(&["run", "--rm", "busybox", "true"]).success();
    assert!(states(&out).is_empty());
    env.rpod(&["--hooks-dir", &dir, "run", "--rm", "busybox", "true"])
        .success();
    assert_eq!(states(&out)[0]["status"], "stopped");
}
