//! Bad command lines and references: each gets one clear error line and docker's exit code
//! (125 for rpod's own errors and usage, 1 where docker says "no such …"), never a panic,
//! and never a pull before the flags are known to be good.

use crate::common::Env;

/// (arguments, exit code, what the error names).
const CASES: &[(&[&str], i32, &str)] = &[
    (&["run"], 125, "required arguments"),
    (
        &["run", "UPPER/Case"],
        125,
        "repository name must be lowercase",
    ),
    (&["run", "a::b"], 125, "invalid reference format"),
    (&["run", "x@sha256:short"], 125, "digest must be sha256"),
    (&["run", ""], 125, "empty reference"),
    (&["run", "--memory-bogus", "busybox"], 125, "--memory-bogus"),
    (&["run", "-p", "abc", "busybox"], 125, "\"abc\""),
    (&["run", "-p", "70000:80", "busybox"], 125, "\"70000:80\""),
    (&["run", "-p", "1:2:3:4", "busybox"], 125, "\"1:2:3:4\""),
    (&["run", "-p", "80/sctp", "busybox"], 125, "sctp"),
    (&["run", "-v", ":/x", "busybox"], 125, ":/x"),
    (&["run", "-v", "/x:relative", "busybox"], 125, "relative"),
    (
        &["run", "--mount", "type=bogus,target=/x", "busybox"],
        125,
        "bogus",
    ),
    (&["run", "--mount", "target", "busybox"], 125, "target"),
    (&["run", "--tmpfs", "relative", "busybox"], 125, "relative"),
    (
        &["run", "--network", "container:", "busybox"],
        125,
        "container:",
    ),
    (
        &["run", "--network", "container:nosuch", "busybox"],
        125,
        "nosuch",
    ),
    (&["run", "--network", "bogus", "busybox"], 125, "bogus"),
    (
        &["run", "--ulimit", "nofile=abc", "busybox"],
        125,
        "nofile=abc",
    ),
    (&["run", "--ulimit", "bogus=1", "busybox"], 125, "bogus"),
    (
        &["run", "--stop-signal", "SIGBOGUS", "busybox"],
        125,
        "SIGBOGUS",
    ),
    (
        &["run", "--cap-add", "NOT_A_CAP", "busybox"],
        125,
        "NOT_A_CAP",
    ),
    (
        &[
            "run",
            "--security-opt",
            "seccomp=/nonexistent.json",
            "busybox",
        ],
        125,
        "/nonexistent.json",
    ),
    (&["run", "--security-opt", "bogus", "busybox"], 125, "bogus"),
    (&["run", "--userns", "weird", "busybox"], 125, "weird"),
    (&["run", "--name", "bad name", "busybox"], 125, "bad name"),
    (
        &["run", "--env-file", "/nonexistent", "busybox"],
        125,
        "/nonexistent",
    ),
    (&["run", "--add-host", "nocolon", "busybox"], 125, "nocolon"),
    (&["run", "--dns", "not-an-ip", "busybox"], 125, "not-an-ip"),
    (&["run", "--pull", "sometimes", "busybox"], 125, "sometimes"),
    (
        &["run", "-u", "nosuchuser", "busybox", "true"],
        125,
        "nosuchuser",
    ),
    (&["run", "--bogus-flag", "busybox"], 125, "--bogus-flag"),
    (&["create", "-p", "abc", "busybox"], 125, "\"abc\""),
    (&["exec"], 125, "required arguments"),
    (&["exec", "nosuch", "true"], 1, "nosuch"),
    (&["logs", "nosuch"], 1, "nosuch"),
    (&["logs", "--tail", "abc", "nosuch"], 125, "abc"),
    (&["logs", "--since", "notatime", "nosuch"], 125, "notatime"),
    (&["stop", "nosuch"], 1, "nosuch"),
    (&["stop", "-t", "abc", "nosuch"], 125, "abc"),
    (&["kill", "-s", "SIGNOPE", "nosuch"], 125, "SIGNOPE"),
    (&["rm", "nosuch"], 1, "nosuch"),
    (&["inspect", "nosuch"], 125, "nosuch"),
    (
        &["inspect", "--format", "{{.Bogus", "busybox"],
        125,
        "unclosed",
    ),
    (&["ps", "--filter", "bogus=1"], 125, "bogus=1"),
    (&["ps", "-n", "abc"], 125, "abc"),
    (&["pull"], 125, "required arguments"),
    (&["pull", "UPPER"], 125, "lowercase"),
    (&["pull", "a b"], 125, "a b"),
    (&["pull", "127.0.0.1:1/none"], 125, "127.0.0.1:1"),
    (&["push", "nosuchimage"], 125, "nosuchimage"),
    (&["tag", "nosuch", "newname"], 125, "nosuch"),
    (&["tag", "busybox", "bad name!"], 125, "bad name!"),
    (&["rmi", "nosuch"], 1, "nosuch"),
    (&["save", "nosuch"], 125, "nosuch"),
    (&["load", "-i", "/nonexistent.tar"], 125, "/nonexistent.tar"),
    (&["import", "/nonexistent.tar"], 125, "/nonexistent.tar"),
    (&["history", "nosuch"], 125, "nosuch"),
    (&["images", "--filter", "bogus=1"], 125, "bogus=1"),
    (&["images", "--format", "{{.Nope}}"], 125, "Nope"),
    (&["volume", "create", "bad/name"], 125, "bad/name"),
    (&["volume", "rm", "nosuch"], 1, "nosuch"),
    (&["cp", "a", "b"], 125, "CONTAINER:PATH"),
    (
        &["cp", "x:/a", "y:/b"],
        1,
        "no container with name or ID \"x\"",
    ),
    (&["cp", "nosuch:/x", "/tmp/x"], 1, "nosuch"),
    (&["diff", "nosuch"], 1, "nosuch"),
    (&["diff", "--format", "yaml", "nosuch"], 125, "yaml"),
    (&["commit", "nosuch"], 1, "nosuch"),
    (&["commit", "nosuch", "BAD NAME"], 125, "BAD NAME"),
    (&["export", "nosuch"], 1, "nosuch"),
    (&["port", "nosuch"], 1, "nosuch"),
    (&["top", "nosuch"], 1, "nosuch"),
    (&["pause", "nosuch"], 1, "nosuch"),
    (&["unpause", "nosuch"], 1, "nosuch"),
    (&["stats", "--no-stream", "nosuch"], 1, "nosuch"),
    (&["rename", "nosuch", "other"], 1, "nosuch"),
    (&["events", "--filter", "bad"], 125, "bad"),
    (&["events", "--since", "notatime"], 125, "notatime"),
    (&["system", "df", "--format", "{{.Nope}}"], 125, "Nope"),
    (&["system", "check", "--bogus"], 125, "--bogus"),
    (&["system", "nosuchverb"], 125, "nosuchverb"),
    (&["info", "--format", "{{.Nope}}"], 125, "Nope"),
    (&["login"], 125, "required arguments"),
    (&["nosuchcommand"], 125, "nosuchcommand"),
    (&["container", "nosuchverb"], 125, "nosuchverb"),
    (
        &["build", "/nonexistent-context"],
        125,
        "/nonexistent-context",
    ),
    (&["build", "--pull=sometimes", "."], 125, "sometimes"),
    (
        &["build", "-t", "UPPER/Case", "."],
        125,
        "must be lowercase",
    ),
    (
        &["build", "--build-arg", "=x", "."],
        125,
        "--build-arg \"=x\"",
    ),
    (&["build", "--network", "bogus", "."], 125, "bogus"),
    (&["build", "--platform", "linux", "."], 125, "linux"),
    (
        &["build", "-f", "-", "-"],
        125,
        "cannot both come from stdin",
    ),
    (
        &["build", "-f", "/nonexistent/Dockerfile", "."],
        125,
        "/nonexistent/Dockerfile",
    ),
    (&["build", "--label", "=v", "."], 125, "invalid label"),
];

#[test]
fn every_bad_command_line_gets_a_clear_error_and_dockers_exit_code() {
    let env = Env::new();
    env.rpod(&["pull", "-q", "busybox"]).success();
    let mut failures = Vec::new();
    for (args, code, names) in CASES {
        let out = env.rpod(args);
        let first = out.stderr.lines().next().unwrap_or("");
        let ok = out.code == *code
            && first.starts_with("Error: ")
            && out.stderr.contains(names)
            && !out.stderr.contains("panicked")
            && !out.stderr.contains("RUST_BACKTRACE");
        if !ok {
            failures.push(format!(
                "rpod {}: exit {} (want {code}), stderr {:?} (want it to name {names:?})",
                args.join(" "),
                out.code,
                out.stderr
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
    // Refused flags never left a container behind, and nothing was pulled for them.
    assert_eq!(env.rpod(&["ps", "-aq"]).success().trimmed(), "");
    assert_eq!(env.rpod(&["images", "-q"]).success().lines().len(), 1);
}

/// A bad flag of `run` or `create` is reported before anything happens: no registry is
/// contacted (the image names a port where nothing listens, so a pull would fail naming it)
/// and nothing is written, not even the data and runtime directories of a first run.
#[test]
fn flag_errors_come_before_any_pull_lock_or_write() {
    let env = Env::bare();
    let image = "127.0.0.1:1/never/pulled";
    let cases: &[(&[&str], &str)] = &[
        (&["--memory", "bogus"], "invalid --memory \"bogus\""),
        (&["--memory-swap", "1g"], "--memory-swap"),
        (&["--cpus", "lots"], "--cpus"),
        (&["--cpuset-cpus", "3-1"], "--cpuset-cpus"),
        (&["--cgroups", "sometimes"], "--cgroups"),
        (&["--userns", "bogus"], "--userns"),
        (&["--expose", "http"], "http"),
        (&["--label", "=v"], "label"),
        (&["-e", "=x"], "environment variable"),
        (&["--platform", "linux"], "linux"),
        (&["--network", "none", "-p", "80"], "--publish"),
        (
            &["--network", "none", "--add-host", "h:host-gateway"],
            "host-gateway",
        ),
    ];
    for verb in ["run", "create"] {
        for (flags, names) in cases {
            let mut args = vec![verb];
            args.extend_from_slice(flags);
            args.push(image);
            let out = env.rpod(&args);
            out.code(125).stderr_has(names);
            assert!(
                !out.stderr.contains("127.0.0.1:1"),
                "rpod {}: the registry was contacted: {}",
                args.join(" "),
                out.stderr
            );
        }
    }
    for dir in [env.data(), env.path("runtime/rpod")] {
        assert!(!dir.exists(), "{} was written", dir.display());
    }
}
