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

#[test]
fn the_file_drivers_path_and_the_shell_driver_hold_the_values() {
    let env = Env::with_busybox();
    // The user's own "vault": a directory the shell driver's commands keep values in.
    let vault = env.path("vault");
    let files = env.path("secret-files");
    env.write_file("vault/.keep", b"");
    let v = vault.display();
    let shell = [
        "--driver",
        "shell",
        "--driver-opts",
        &format!("store=cat > {v}/$SECRET_ID,lookup=cat {v}/$SECRET_ID"),
        "--driver-opts",
        &format!("delete=rm {v}/$SECRET_ID,list=ls {v}"),
    ];
    let mut create = vec!["secret", "create"];
    create.extend(shell);
    create.extend(["vaulted", "-"]);
    let id = env.rpod_with_stdin(&create, b"from-the-vault");
    let id = id.success().trimmed().to_string();
    assert_eq!(
        std::fs::read(vault.join(&id)).unwrap(),
        b"from-the-vault",
        "the store command got the value and $SECRET_ID"
    );
    let path_opt = format!("path={}", files.display());
    env.rpod_with_stdin(
        &[
            "secret",
            "create",
            "-d",
            "file",
            "--driver-opts",
            &path_opt,
            "filed",
            "-",
        ],
        b"in-my-dir",
    )
    .success();
    let ls = env.rpod(&["secret", "ls", "--format", "{{.Name}} {{.Driver}}"]);
    ls.success()
        .stdout_has("vaulted shell")
        .stdout_has("filed file");
    let inspect = env.rpod(&["secret", "inspect", "--showsecret", "vaulted"]);
    let doc: serde_json::Value = serde_json::from_str(&inspect.success().stdout).unwrap();
    assert_eq!(doc[0]["Spec"]["Driver"]["Name"], "shell");
    assert_eq!(doc[0]["SecretData"], "from-the-vault");
    assert!(
        doc[0]["Spec"]["Driver"]["Options"]["lookup"]
            .as_str()
            .unwrap()
            .starts_with("cat ")
    );
    let filed = env.rpod(&[
        "secret",
        "inspect",
        "--format",
        "{{.Spec.Driver.Options.path}}",
        "filed",
    ]);
    assert_eq!(filed.success().trimmed(), files.display().to_string());

    // Containers get the values the lookup command prints.
    run_busybox(
        &env,
        &[
            "--secret",
            "vaulted",
            "--secret",
            "filed,type=env,target=FILED",
        ],
        &["sh", "-c", "cat /run/secrets/vaulted; echo; echo $FILED"],
    )
    .success()
    .stdout_has("from-the-vault\nin-my-dir");

    // --replace keeps the driver; another driver's options are refused, nothing changes.
    let mut other = vec!["secret", "create", "--replace", "vaulted", "-"];
    other.splice(2..2, ["-d", "file"]);
    env.rpod_with_stdin(&other, b"elsewhere")
        .code(125)
        .stderr_has("--replace keeps the driver");
    assert_eq!(std::fs::read(vault.join(&id)).unwrap(), b"from-the-vault");

    env.rpod(&["secret", "rm", "vaulted", "filed"]).success();
    assert!(!vault.join(&id).exists(), "the delete command ran");
    assert_eq!(std::fs::read_dir(&files).unwrap().count(), 0);

    // What a driver cannot take is named.
    for (opts, message) in [
        (
            &["-d", "shell", "--driver-opts", "store=true"][..],
            "the lookup command is missing",
        ),
        (
            &["-d", "file", "--driver-opts", "color=red"],
            "unknown option \"color\"",
        ),
        (
            &["-d", "file", "--driver-opts", "path=rel"],
            "is not absolute",
        ),
        (&["-d", "vault"], "unknown secret driver \"vault\""),
        (&["-d", "pass"], "rpod has the file and shell drivers"),
    ] {
        let mut args = vec!["secret", "create"];
        args.extend_from_slice(opts);
        args.extend(["bad", "-"]);
        env.rpod_with_stdin(&args, b"x")
            .code(125)
            .stderr_has(message);
    }
    // A failing command fails the create with what it said.
    env.rpod_with_stdin(
        &[
            "secret",
            "create",
            "-d",
            "shell",
            "--driver-opts",
            "store=echo vault sealed >&2; exit 3,lookup=true,delete=true",
            "sealed",
            "-",
        ],
        b"x",
    )
    .code(125)
    .stderr_has("the shell driver's store command failed")
    .stderr_has("vault sealed");
    env.rpod(&["secret", "exists", "sealed"]).code(1);
}
