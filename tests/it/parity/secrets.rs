//! Secrets: create, ls, inspect, exists, rm, and `run --secret` as a file or a variable.

use crate::common::Env;
use crate::common::env::Out;

fn run_busybox(env: &Env, flags: &[&str], command: &[&str]) -> Out {
    let mut args = vec!["run", "--rm", "--network", "none"];
    args.extend_from_slice(flags);
    args.push("busybox");
    args.extend_from_slice(command);
    env.rpod(&args)
}

#[test]
fn secrets_are_created_listed_inspected_and_removed() {
    let env = Env::new();
    let file = env.write_file("work/pw.txt", b"from-a-file");
    let id = env
        .rpod(&[
            "secret",
            "create",
            "--label",
            "team=db",
            "filed",
            file.to_str().unwrap(),
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(id.len(), 25, "podman's 25-digit id: {id}");
    env.rpod_with_stdin(&["secret", "create", "piped", "-"], b"from-stdin")
        .success();
    let mut cmd = env.rpod_cmd(["secret", "create", "--env", "fromenv", "MY_SECRET"]);
    cmd.env("MY_SECRET", "from-env");
    env.run_with_stdin(cmd, None).success();

    let names = env
        .rpod(&["secret", "ls", "--format", "{{.Name}}"])
        .success()
        .lines()
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>();
    for name in ["filed", "piped", "fromenv"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    env.rpod(&["secret", "ls", "--filter", "label=team=db", "-q"])
        .success()
        .stdout_has(&id);
    env.rpod(&[
        "secret",
        "inspect",
        "--showsecret",
        "-f",
        "{{.SecretData}}",
        "piped",
    ])
    .success()
    .stdout_has("from-stdin");
    env.rpod(&[
        "secret",
        "inspect",
        "-f",
        "{{.Spec.Name}} {{.Spec.Labels.team}}",
        &id[..6],
    ])
    .success()
    .stdout_has("filed db");
    // The value is the user's alone on disk.
    let data = env.data().join("secrets/data").join(&id);
    assert_eq!(std::fs::read(&data).unwrap(), b"from-a-file");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o600
    );

    env.rpod(&["secret", "exists", "filed"]).code(0);
    env.rpod(&["secret", "exists", "nosuch"]).code(1);
    env.rpod(&["secret", "create", "filed", file.to_str().unwrap()])
        .code(125)
        .stderr_has("filed: secret name in use");
    env.rpod_with_stdin(&["secret", "create", "--replace", "filed", "-"], b"new")
        .success()
        .stdout_has(&id);
    assert_eq!(std::fs::read(&data).unwrap(), b"new");
    env.rpod_with_stdin(&["secret", "create", "bad/name", "-"], b"x")
        .code(125)
        .stderr_has("invalid secret name");

    env.rpod(&["secret", "rm", "filed"])
        .success()
        .stdout_has(&id);
    assert!(!data.exists(), "the value goes with the secret");
    env.rpod(&["secret", "rm", "filed"])
        .code(125)
        .stderr_has("no such secret");
    env.rpod(&["secret", "rm", "--ignore", "filed"]).success();
    env.rpod(&["secret", "rm", "--all"]).success();
    assert_eq!(env.rpod(&["secret", "ls", "-q"]).success().trimmed(), "");
}

#[test]
fn run_secret_gives_a_file_or_a_variable_that_outlives_the_secret() {
    let env = Env::with_busybox();
    env.rpod_with_stdin(&["secret", "create", "dbpw", "-"], b"s3cret")
        .success();
    run_busybox(&env, &["--secret", "dbpw"], &["cat", "/run/secrets/dbpw"])
        .success()
        .stdout_has("s3cret");
    run_busybox(
        &env,
        &["--secret", "dbpw,target=/etc/pw", "--user", "1000"],
        &["sh", "-c", "cat /etc/pw; echo >> /etc/pw || echo read-only"],
    )
    .success()
    .stdout_has("s3cret")
    .stdout_has("read-only");
    run_busybox(
        &env,
        &["--secret", "dbpw,type=env,target=DB_PASS"],
        &["sh", "-c", "echo pass=$DB_PASS"],
    )
    .success()
    .stdout_has("pass=s3cret");

    // The container holds its own copy: the secret can go, the container still starts.
    env.rpod(&[
        "create",
        "--name",
        "keeps",
        "--network",
        "none",
        "--secret",
        "dbpw",
        "busybox",
        "cat",
        "/run/secrets/dbpw",
    ])
    .success();
    env.rpod(&["secret", "rm", "dbpw"]).success();
    env.rpod(&["start", "-a", "keeps"])
        .success()
        .stdout_has("s3cret");

    // A missing secret or a bad spelling fails before anything is created.
    run_busybox(&env, &["--name", "never", "--secret", "nosuch"], &["true"])
        .code(125)
        .stderr_has("no such secret");
    run_busybox(&env, &["--secret", "x,type=nfs"], &["true"])
        .code(125)
        .stderr_has("invalid --secret");
    env.rpod(&["container", "exists", "never"]).code(1);
}
