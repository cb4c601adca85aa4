//! A failure inside a container's monitor reaches the user as one raised in the CLI would:
//! one `Error:` line with the cause, a `hint:` line when there is a fix, docker's exit code,
//! and the same message in the container's recorded state.

use crate::common::Env;

/// Runs `args` (which must fail in the monitor) and checks the report against the record.
fn assert_reported_like_the_cli(env: &Env, name: &str, args: &[&str], code: i32, names: &str) {
    let out = env.rpod(args);
    out.code(code).stderr_has(names).no_panic();
    let mut lines = out.stderr.lines();
    let first = lines.next().unwrap_or_default();
    let message = first
        .strip_prefix("Error: ")
        .unwrap_or_else(|| panic!("{args:?}: not an error line: {first:?}"));
    assert!(
        lines.all(|l| l.starts_with("hint: ")),
        "{args:?}: more than the error and its hint:\n{}",
        out.stderr
    );
    assert!(
        !message.contains("(hint"),
        "{args:?}: a hint inside the message: {message}"
    );
    let state = env.rpod(&[
        "inspect",
        "-f",
        "{{.State.ExitCode}}|{{.State.Error}}",
        name,
    ]);
    assert_eq!(state.success().trimmed(), format!("{code}|{message}"));
}

#[test]
fn monitor_failures_keep_their_message_and_exit_code() {
    let env = Env::with_busybox();
    assert_reported_like_the_cli(
        &env,
        "missing",
        &[
            "run",
            "--name",
            "missing",
            "--network",
            "none",
            "busybox",
            "no-such-command",
        ],
        127,
        "executable file `no-such-command` not found in $PATH",
    );
    assert_reported_like_the_cli(
        &env,
        "not-a-program",
        &[
            "run",
            "--name",
            "not-a-program",
            "--network",
            "none",
            "busybox",
            "/etc/passwd",
        ],
        126,
        "cannot execute `/etc/passwd`",
    );
    assert_reported_like_the_cli(
        &env,
        "bad-helper",
        &[
            "run",
            "--name",
            "bad-helper",
            "--network",
            "pasta:--no-such-pasta-option",
            "busybox",
            "true",
        ],
        125,
        "pasta failed to set up the container network",
    );
}
