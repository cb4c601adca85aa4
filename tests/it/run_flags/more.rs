//! The options of podman's second round: secrets, the environment's edges, the time zone,
//! label files and the id file.

use super::{run, sh};
use crate::common::Env;

pub fn secret(env: &Env) {
    env.rpod_with_stdin(
        &["secret", "create", "--replace", "flagcheck", "-"],
        b"hush",
    )
    .success();
    assert_eq!(
        sh(
            env,
            &["--secret", "flagcheck"],
            "cat /run/secrets/flagcheck"
        ),
        "hush"
    );
    assert_eq!(
        sh(env, &["--secret", "flagcheck,type=env,target=S"], "echo $S"),
        "hush"
    );
}

pub fn env_host(env: &Env) {
    let mut cmd = env.rpod_cmd([
        "run",
        "--rm",
        "--network",
        "none",
        "--env-host",
        "-e",
        "OVER=flag",
        "busybox",
        "sh",
        "-c",
        "echo $FROM_HOST $OVER",
    ]);
    cmd.env("FROM_HOST", "host-value").env("OVER", "host");
    env.run_with_stdin(cmd, None)
        .success()
        .stdout_has("host-value flag");
    assert_eq!(sh(env, &[], "echo ${FROM_HOST:-absent}"), "absent");
}

/// podman's default: the host's proxy variables reach the container, under `-e`'s.
pub fn http_proxy(env: &Env) {
    let echo = |flags: &[&str]| {
        let mut args = vec!["run", "--rm", "--network", "none"];
        args.extend_from_slice(flags);
        args.extend([
            "busybox",
            "sh",
            "-c",
            "echo ${http_proxy:-unset} ${NO_PROXY:-unset}",
        ]);
        let mut cmd = env.rpod_cmd(args);
        cmd.env("http_proxy", "http://proxy.test:3128")
            .env("NO_PROXY", "localhost")
            .env("OTHER_VARIABLE", "kept-out");
        env.run_with_stdin(cmd, None)
            .success()
            .trimmed()
            .to_string()
    };
    assert_eq!(echo(&[]), "http://proxy.test:3128 localhost");
    assert_eq!(echo(&["--http-proxy"]), "http://proxy.test:3128 localhost");
    assert_eq!(echo(&["--http-proxy=false"]), "unset unset");
    assert_eq!(
        echo(&["-e", "http_proxy=http://flag:8080"]),
        "http://flag:8080 localhost"
    );
}

pub fn unsetenv(env: &Env) {
    assert_eq!(sh(env, &[], "echo ${container:-none}"), "rpod");
    assert_eq!(
        sh(env, &["--unsetenv", "container"], "echo ${container:-none}"),
        "none"
    );
    let all = run(env, &["--unsetenv-all", "-e", "KEPT=1"], &["/bin/env"]);
    assert_eq!(
        all.success().trimmed(),
        "KEPT=1",
        "only -e survives --unsetenv-all"
    );
    run(env, &["--unsetenv", "A=B"], &["true"])
        .code(125)
        .stderr_has("invalid --unsetenv");
}

pub fn tz(env: &Env) {
    assert_eq!(sh(env, &["--tz", "Asia/Tokyo"], "date +%Z"), "JST");
    assert_eq!(sh(env, &[], "date +%Z"), "UTC");
    run(env, &["--tz", "Mars/Olympus"], &["true"])
        .code(125)
        .stderr_has("no time zone file");
    run(env, &["--tz", "../../etc/passwd"], &["true"])
        .code(125)
        .stderr_has("invalid --tz");
}

pub fn label_file(env: &Env) {
    let file = env.write_file("work/labels", b"# team labels\nteam=db\n\ntier=back\n");
    env.rpod(&[
        "create",
        "--name",
        "labelled",
        "--label-file",
        file.to_str().unwrap(),
        "-l",
        "tier=front",
        "busybox",
    ])
    .success();
    env.rpod(&[
        "inspect",
        "-f",
        "{{.Config.Labels.team}} {{.Config.Labels.tier}}",
        "labelled",
    ])
    .success()
    .stdout_has("db front");
    env.rpod(&["rm", "labelled"]).success();
}

pub fn cidfile(env: &Env) {
    let path = env.path("work/cid");
    let _ = std::fs::remove_file(&path);
    let p = path.to_str().unwrap();
    let id = env
        .rpod(&[
            "run",
            "-d",
            "--cidfile",
            p,
            "--network",
            "none",
            "busybox",
            "sleep",
            "30",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), id);
    env.rpod(&["create", "--name", "second", "--cidfile", p, "busybox"])
        .code(125)
        .stderr_has("container id file exists");
    env.rpod(&["container", "exists", "second"]).code(1);
    env.rpod(&["rm", "-f", "-t", "0", "--cidfile", p]).success();
    env.rpod(&["container", "exists", &id]).code(1);
    // The file goes with the container (podman's rule), so a service can run again.
    assert!(!path.exists(), "rm left {path:?}");
    let run_rm = |extra: &[&str]| {
        let mut args = vec!["run", "--rm", "--cidfile", p, "--network", "none"];
        args.extend_from_slice(extra);
        args.extend(["busybox", "true"]);
        env.rpod(&args).success();
    };
    run_rm(&[]);
    assert!(!path.exists(), "run --rm left {path:?}");
    run_rm(&["-d"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "--rm's monitor left {path:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // Relative to where rpod ran, and never another container's file.
    env.rpod(&["create", "--name", "kept", "--cidfile", "cid", "busybox"])
        .success();
    let relative = env.path("work/cid");
    std::fs::write(&relative, "someone-else").unwrap();
    env.rpod(&["rm", "kept"]).success();
    assert_eq!(std::fs::read_to_string(&relative).unwrap(), "someone-else");
    std::fs::remove_file(&relative).unwrap();
}

#[test]
fn id_range_options_are_refused_with_the_reason() {
    let env = Env::bare();
    for flag in [
        "--uidmap=0:1:1",
        "--gidmap=0:1:1",
        "--subuidname=u",
        "--subgidname=g",
    ] {
        env.rpod(&["create", flag, "busybox"])
            .code(125)
            .stderr_has("rpod maps exactly one id");
    }
}

/// `--timeout`: the monitor kills the run once it has lasted that long (exit 137, as a
/// SIGKILL), and no restart policy brings it back; 0 is no limit.
pub fn timeout(env: &Env) {
    let started = std::time::Instant::now();
    let out = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--timeout",
        "1",
        "busybox",
        "sh",
        "-c",
        "echo started; sleep 30; echo never",
    ]);
    out.code(137);
    assert_eq!(out.trimmed(), "started");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "limited",
        "--network",
        "none",
        "--restart",
        "always",
        "--timeout",
        "1",
        "busybox",
        "sleep",
        "30",
    ])
    .success();
    crate::services::wait_for(
        env,
        "limited",
        "{{.State.Status}} {{.State.ExitCode}}",
        "exited 137",
        std::time::Duration::from_secs(20),
    );
    assert_eq!(
        env.rpod(&[
            "inspect",
            "-f",
            "{{.RestartCount}} {{.Config.Timeout}}",
            "limited"
        ])
        .success()
        .trimmed(),
        "0 1"
    );
    env.rpod(&["rm", "limited"]).success();
    assert_eq!(sh(env, &["--timeout", "0"], "echo unlimited"), "unlimited");
}
