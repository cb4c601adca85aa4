//! The command line's shape: help, usage errors, exit codes, broken pipes, info, config.

use std::process::Stdio;

use crate::common::Env;

#[test]
fn help_has_podmans_shape_and_exits_zero() {
    let env = Env::bare();
    let help = env.rpod(&["--help"]);
    help.success()
        .stdout_has("Usage:")
        .stdout_has("Available Commands:")
        .stdout_has("Options:");
    env.rpod(&["stop", "--help"])
        .success()
        .stdout_has("rpod stop [options] CONTAINER [CONTAINER...]");
    env.rpod(&["run", "--help"])
        .success()
        .stdout_has("--hostname")
        .stdout_has("Examples:\n  rpod run -it busybox sh");
    // Pods are listed; no internal command is.
    help.stdout_has("  pod ");
    assert!(!help.stdout.contains("__"), "{}", help.stdout);
}

#[test]
fn a_word_given_to_a_command_that_takes_none_is_named_as_podman_does() {
    let env = Env::bare();
    for (args, verb) in [
        (&["ps", "extra"][..], "rpod ps"),
        (&["volume", "ls", "extra"], "rpod volume ls"),
        (&["info", "extra"], "rpod info"),
        (&["container", "list", "extra"], "rpod container ls"),
    ] {
        env.rpod(args)
            .code(125)
            .stderr_has(&format!("Error: {verb} takes no arguments"));
    }
    env.rpod(&["ps", "--extra"])
        .code(125)
        .stderr_has("unexpected argument '--extra'");
}

#[test]
fn usage_errors_exit_125_with_one_error_line() {
    let env = Env::new();
    env.rpod(&["frobnicate"])
        .code(125)
        .stderr_has("Error: unrecognized subcommand");
    env.rpod(&["stop"]).code(125).stderr_has("Error:");
    env.rpod(&["images", "--filter", "color=red"])
        .code(125)
        .stderr_has("invalid filter");
    for bad in [
        "Busybox",
        "busybox:",
        "a//b",
        "busybox@sha256:abc",
        "x:99999999/y",
    ] {
        env.rpod(&["pull", bad])
            .code(125)
            .stderr_has("invalid reference format")
            .no_panic();
    }
    env.rpod(&["run", "--ulimit", "nofile=5:1", "busybox", "true"])
        .code(125)
        .stderr_has("soft limit exceeds");
    env.rpod(&["run", "--cap-add", "NOT_A_CAP", "busybox", "true"])
        .code(125)
        .stderr_has("unknown capability");
    env.rpod(&["logs", "--since", "yesterday", "x"])
        .code(125)
        .stderr_has("invalid time");
}

#[test]
fn a_closed_stdout_is_a_clean_exit() {
    let env = Env::new();
    env.rpod(&["pull", "-q", "busybox"]).success();
    let mut child = env
        .rpod_cmd(["images"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn info_reports_the_driver_userns_and_cgroups() {
    let env = Env::new();
    let json: serde_json::Value =
        serde_json::from_str(&env.rpod(&["info", "--format", "json"]).stdout).unwrap();
    let driver = json["store"]["graphDriverName"].as_str().unwrap();
    assert!(["overlay", "fuse-overlayfs", "vfs"].contains(&driver));
    assert!(
        !json["store"]["graphDriverReason"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert_eq!(json["host"]["rootless"], true);
    assert!(
        json["host"]["cgroups"]["summary"]
            .as_str()
            .unwrap()
            .contains("cgroup")
            || json["host"]["cgroups"]["mount"].is_string()
    );
    env.rpod(&["info", "--format", "{{.Store.GraphDriverName}}"])
        .success()
        .stdout_has(driver);
    env.rpod(&["info"]).success().stdout_has("graphDriverName:");
}

#[test]
fn a_bad_config_file_names_the_key() {
    let env = Env::bare();
    env.write_config("[storage]\ndrvier = \"vfs\"\n");
    env.rpod(&["images"])
        .code(125)
        .stderr_has("rpod.toml")
        .stderr_has("drvier");
}

#[test]
fn completion_prints_the_scripts_a_shell_loads() {
    let env = Env::bare();
    // The same script as the committed one (docs regenerate both from the clap definitions).
    let bash = env.rpod(&["completion", "bash"]);
    bash.success();
    assert_eq!(bash.stdout, include_str!("../../completions/rpod.bash"));
    // A real bash loads it and completes rpod with it.
    let script = env.write_file("work/rpod.bash", bash.stdout.as_bytes());
    let loaded = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p rpod", script.display()))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&loaded.stdout);
    assert!(said.contains("-F _rpod rpod"), "{said}");
    // Without descriptions, written to a file.
    let file = env.path("work/_rpod");
    env.rpod(&[
        "completion",
        "--no-desc",
        "-f",
        file.to_str().unwrap(),
        "zsh",
    ])
    .success();
    let zsh = std::fs::read_to_string(&file).unwrap();
    assert!(zsh.contains("#compdef rpod"), "{zsh}");
    let with_desc = env.rpod(&["completion", "zsh"]).success().stdout.clone();
    let description = "Create a new pod, with an infra container holding its shared namespaces";
    assert!(with_desc.contains(description));
    assert!(!zsh.contains(description));
    env.rpod(&["completion", "tcsh"])
        .code(125)
        .stderr_has("invalid value 'tcsh'");
}
