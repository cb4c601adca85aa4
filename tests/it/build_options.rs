//! podman's `build` options beyond the classic builder's, each shown to take effect in the
//! built image or in its RUN steps: secrets (readable in RUN, absent from the image and its
//! history), and bad values refused naming the value.

use crate::common::Env;

/// Writes the build context's files (`ctx/…`) and returns the context directory.
pub(crate) fn context(env: &Env, files: &[(&str, &str)]) -> String {
    for (rel, content) in files {
        env.write_file(&format!("ctx/{rel}"), content.as_bytes());
    }
    env.path("ctx").display().to_string()
}

pub(crate) fn build(env: &Env, ctx: &str, extra: &[&str]) -> crate::common::env::Out {
    let mut args = vec!["build", "--network", "none"];
    args.extend_from_slice(extra);
    args.push(ctx);
    env.rpod(&args)
}

/// `sh -c script` in a container of `image`: its stdout.
pub(crate) fn run(env: &Env, image: &str, script: &str) -> String {
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--entrypoint",
        "",
        image,
        "sh",
        "-c",
        script,
    ])
    .success()
    .stdout
    .clone()
}

/// The bytes of `image` as `save` writes them: every layer and config.
fn saved(env: &Env, image: &str) -> Vec<u8> {
    let tar = env.path("work/saved.tar");
    let _ = std::fs::remove_file(&tar);
    env.rpod(&["save", "-o", tar.to_str().unwrap(), image])
        .success();
    std::fs::read(tar).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Each step records the sha256 of what it read (the Dockerfile, and so the history, must not
/// hold the values the test looks for).
const SECRETS: &str = "FROM busybox
RUN --mount=type=secret,id=tok sha256sum < /run/secrets/tok > /sums \
    && stat -c '%a %u' /run/secrets/tok > /tok-mode
RUN --mount=type=secret,id=api,env=API_KEY,target=/etc/api.key \
    printf %s \"$API_KEY\" | sha256sum >> /sums && sha256sum < /etc/api.key >> /sums
RUN --mount=type=secret,id=absent test ! -e /run/secrets/absent && touch /absent-ok
";

fn sha256_line(value: &str) -> String {
    use sha2::Digest;
    format!("{}  -", hex::encode(sha2::Sha256::digest(value.as_bytes())))
}

#[test]
fn secrets_are_readable_in_run_and_absent_from_the_image() {
    let env = Env::with_busybox();
    let ctx = context(&env, &[("Dockerfile", SECRETS)]);
    let file = env.write_file("work/tok.txt", b"file-s3cret");
    let mut cmd = env.rpod_cmd([
        "build",
        "--network",
        "none",
        "-t",
        "secrets",
        "--secret",
        &format!("id=tok,src={}", file.display()),
        "--secret",
        "id=api,env=API_TOKEN",
        &ctx,
    ]);
    cmd.env("API_TOKEN", "env-s3cret");
    env.run_with_stdin(cmd, None).success();

    let (file_sum, env_sum) = (sha256_line("file-s3cret"), sha256_line("env-s3cret"));
    assert_eq!(
        run(
            &env,
            "secrets",
            "cat /sums /tok-mode; ls /absent-ok; ls -A /run/secrets /etc/api.key 2>&1 | grep -c 'No such'"
        ),
        format!("{file_sum}\n{env_sum}\n{env_sum}\n400 0\n/absent-ok\n2\n"),
        "each step read its secret (root's, mode 0400), as a file and as a variable; an \
         unrequired secret the build lacks is left out; no mount point is left in the image"
    );
    let image = saved(&env, "secrets");
    for value in ["file-s3cret", "env-s3cret"] {
        assert!(!contains(&image, value), "{value} is in the saved image");
    }
    let history = env.rpod(&["history", "--no-trunc", "secrets"]);
    history.success().stdout_has("--mount=type=secret,id=tok");
    assert!(!history.stdout.contains("s3cret"), "{}", history.stdout);

    // A required secret the build was not given fails the step, naming it.
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\nRUN --mount=type=secret,id=db,required true\n",
        )],
    );
    build(&env, &ctx, &[])
        .code(125)
        .stderr_has("the build has no secret \"db\"");
    build(&env, &ctx, &["--secret", "id=db,src=/nonexistent/db.txt"])
        .code(125)
        .stderr_has("/nonexistent/db.txt");
    build(&env, &ctx, &["--secret", "id=db,type=ssh"])
        .code(125)
        .stderr_has("invalid --secret \"id=db,type=ssh\"");
}

/// What the RUN step saw, kept in the image as /seen.
const STEP_OPTIONS: &str = "FROM busybox
RUN { grep -c '10.1.2.3.*buildhost' /etc/hosts; cat /data/in.txt; echo made > /data/out.txt; \
    ulimit -n; grep -c '^nameserver 10.9.9.9' /etc/resolv.conf; \
    df -k /dev/shm | awk 'NR==2 {print $2}'; grep CapEff /proc/self/status; } > /seen
";

#[test]
fn run_steps_take_run_options() {
    let env = Env::with_busybox();
    let ctx = context(&env, &[("Dockerfile", STEP_OPTIONS)]);
    let data = env.path("work/data");
    env.write_file("work/data/in.txt", b"from the host\n");
    let bind = format!("{}:/data", data.display());
    let plain = build(&env, &ctx, &["-t", "plain"]);
    plain.success();
    let caps_before = run(&env, "plain", "grep CapEff /seen");
    build(
        &env,
        &ctx,
        &[
            "-t",
            "opts",
            "--no-cache",
            "--add-host",
            "buildhost:10.1.2.3",
            "-v",
            &bind,
            "--ulimit",
            "nofile=512:512",
            "--dns",
            "10.9.9.9",
            "--shm-size",
            "8m",
            "--cap-drop",
            "all",
        ],
    )
    .success();
    let seen = run(&env, "opts", "cat /seen; test -e /data || echo no-data");
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(
        &lines[..5],
        ["1", "from the host", "512", "1", "8192"],
        "the step saw --add-host, the -v bind, --ulimit, --dns and --shm-size: {seen}"
    );
    assert_eq!(lines[5], "CapEff:\t0000000000000000", "--cap-drop all");
    assert_ne!(caps_before.trim(), lines[5]);
    assert_eq!(
        lines[6], "no-data",
        "the bind's mount point is no part of the image"
    );
    assert_eq!(
        std::fs::read_to_string(data.join("out.txt")).unwrap(),
        "made\n",
        "the step wrote through the bind"
    );

    build(&env, &ctx, &["--add-host", "bogus"])
        .code(125)
        .stderr_has("bogus");
    build(&env, &ctx, &["--ulimit", "nofile=x"])
        .code(125)
        .stderr_has("nofile=x");
}

const EDITS: &str = "FROM busybox
LABEL inherited=yes keep=1
ENV FROM_IMAGE=1 KEEP=1
ARG FROM_FILE
ARG FROM_FLAG
ARG SOURCE_DATE_EPOCH
RUN echo \"$FROM_FILE $FROM_FLAG $SOURCE_DATE_EPOCH\" > /args
COPY . /ctx/
";

#[test]
fn config_edits_argument_files_ignore_file_and_times() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[
            ("Dockerfile", EDITS),
            ("a.txt", "a\n"),
            ("skip.log", "log\n"),
            (".dockerignore", "a.txt\n"),
        ],
    );
    let args = env.write_file(
        "work/args.conf",
        b"# build arguments\n\nFROM_FILE=file\nFROM_FLAG=file\n",
    );
    let ignore = env.write_file("work/my.ignore", b"*.log\nDockerfile\n.dockerignore\n");
    build(
        &env,
        &ctx,
        &[
            "-t",
            "edits",
            "--build-arg-file",
            args.to_str().unwrap(),
            "--build-arg",
            "FROM_FLAG=flag",
            "--env",
            "ADDED=yes",
            "--unsetenv",
            "FROM_IMAGE",
            "--unsetlabel",
            "inherited",
            "--label",
            "added=1",
            "--ignorefile",
            ignore.to_str().unwrap(),
            "--source-date-epoch",
            "1700000000",
            "--omit-history",
        ],
    )
    .success();
    assert_eq!(
        run(
            &env,
            "edits",
            "cat /args; ls /ctx; echo \"$ADDED $KEEP ${FROM_IMAGE:-unset}\""
        ),
        "file flag 1700000000\na.txt\nyes 1 unset\n",
        "--build-arg beats the file; --ignorefile replaced .dockerignore; --env and --unsetenv \
         edited the image's environment"
    );
    let inspect = env.rpod(&["image", "inspect", "edits"]);
    let image: serde_json::Value = serde_json::from_str(&inspect.success().stdout).unwrap();
    let labels = &image[0]["Config"]["Labels"];
    assert_eq!(labels["keep"], "1");
    assert_eq!(labels["added"], "1");
    assert!(labels.get("inherited").is_none(), "{labels}");
    assert_eq!(image[0]["Created"], "2023-11-14T22:13:20Z");
    let history = env.rpod(&["history", "--no-trunc", "edits"]);
    history.success();
    for step in ["LABEL", "ENV", "/args", "COPY"] {
        assert!(!history.stdout.contains(step), "{}", history.stdout);
    }

    // Without layers nothing is reused, and nothing is left for a later build to reuse;
    // with a fixed time, a config-only build is the same image again.
    let ctx = context(
        &env,
        &[("Dockerfile", "FROM busybox\nLABEL a=b\nENV x=y\n")],
    );
    let fixed = ["--source-date-epoch", "1700000000", "--layers=false"];
    let first = build(&env, &ctx, &fixed);
    first.success();
    let second = build(&env, &ctx, &fixed);
    assert!(!second.success().stdout.contains("Using cache"));
    assert_eq!(first.lines().last(), second.lines().last());
    assert!(
        !build(&env, &ctx, &[])
            .success()
            .stdout
            .contains("Using cache")
    );
    assert!(
        build(&env, &ctx, &[])
            .success()
            .stdout
            .contains("Using cache")
    );

    for (flag, needle) in [
        (&["--format", "docker"][..], "docker"),
        (&["--rm=false"], "--rm=false"),
        (&["--force-rm=false"], "--force-rm=false"),
        (&["--timestamp", "soon"], "--timestamp"),
        (&["--timestamp=-1"], "invalid --timestamp \"-1\""),
        (
            &["--timestamp", "5", "--source-date-epoch", "5"],
            "ambiguous",
        ),
        (&["--env", "=x"], "--env"),
        (
            &["--build-arg-file", "/nonexistent/args"],
            "/nonexistent/args",
        ),
        (
            &["--ignorefile", "/nonexistent/ignore"],
            "/nonexistent/ignore",
        ),
    ] {
        build(&env, &ctx, flag).code(125).stderr_has(needle);
    }
}

/// `--timestamp`: the created time of the image and of its history, and the time of every
/// file of the layers the build adds, so the same context built twice is the same image, also
/// with `--squash`. `--source-date-epoch` fixes only the created time: a source file touched
/// between two builds then makes another image.
#[test]
fn timestamp_builds_the_same_image_twice() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[
            (
                "Dockerfile",
                "FROM busybox\nCOPY a.txt /a.txt\nRUN echo made > /made && mkdir /d && touch /d/f\n",
            ),
            ("a.txt", "a\n"),
        ],
    );
    let touch = |seconds: u64| {
        let file = std::fs::File::options()
            .write(true)
            .open(env.path("ctx/a.txt"))
            .unwrap();
        let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
        file.set_modified(time).unwrap();
    };
    // No step is taken from the cache: each build makes its layers anew, a second apart
    // (a RUN step's files get the time they were made).
    let id = |flags: &[&str]| {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let mut args = vec!["--layers=false"];
        args.extend_from_slice(flags);
        let out = build(&env, &ctx, &args);
        out.success();
        out.lines().last().unwrap().to_string()
    };
    let stamp = ["--timestamp", "1600000000"];
    touch(1_000_000);
    let first = id(&[&stamp[..], &["-t", "stamped"]].concat());
    touch(2_000_000);
    assert_eq!(id(&stamp), first, "the same --timestamp, the same image");
    let inspect = env.rpod(&["image", "inspect", "stamped"]);
    let image: serde_json::Value = serde_json::from_str(&inspect.success().stdout).unwrap();
    assert_eq!(image[0]["Created"], "2020-09-13T12:26:40Z");
    let history = env.rpod(&["history", "--format", "{{.CreatedAt}}", "stamped"]);
    let added: Vec<&str> = history.success().lines().into_iter().take(2).collect();
    assert_eq!(added, ["2020-09-13T12:26:40Z"; 2], "{}", history.stdout);
    assert_eq!(
        run(&env, "stamped", "stat -c %Y /a.txt /made /d /d/f"),
        "1600000000\n".repeat(4),
        "every file the build added has the time"
    );

    // The one layer --squash makes of the build's layers keeps their times.
    let squashed = [&stamp[..], &["--squash"]].concat();
    let once = id(&squashed);
    touch(4_000_000);
    assert_eq!(
        id(&squashed),
        once,
        "--squash, the same --timestamp, the same image"
    );

    let epoch = ["--source-date-epoch", "1600000000"];
    let dated = id(&epoch);
    touch(3_000_000);
    assert_ne!(id(&epoch), dated, "only the created time was fixed");
}

/// The entries' names of a tar archive.
fn tar_names(bytes: &[u8]) -> Vec<String> {
    tar::Archive::new(bytes)
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect()
}

#[test]
fn output_writes_the_tree() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\nRUN echo made > /made.txt && rm /bin/vi\n",
        )],
    );
    let dir = env.path("work/out");
    build(&env, &ctx, &["-o", dir.to_str().unwrap()]).success();
    assert_eq!(
        std::fs::read_to_string(dir.join("made.txt")).unwrap(),
        "made\n"
    );
    assert!(dir.join("bin/sh").symlink_metadata().is_ok());
    assert!(
        dir.join("bin/vi").symlink_metadata().is_err(),
        "the deleted file is not in the tree"
    );

    let file = env.path("work/out.tar");
    let dest = format!("type=tar,dest={}", file.display());
    build(&env, &ctx, &["--output", &dest]).success();
    let names = tar_names(&std::fs::read(&file).unwrap());
    assert!(names.iter().any(|n| n == "made.txt"), "{names:?}");
    assert!(!names.iter().any(|n| n == "bin/vi"), "{names:?}");

    // The tar is binary: read straight from the process, not as text.
    let out = env
        .rpod_cmd(["build", "--network", "none", "-o", "type=tar,dest=-", &ctx])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        tar_names(&out.stdout).iter().any(|n| n == "made.txt"),
        "standard output carries the tar alone"
    );

    build(&env, &ctx, &["-o", "type=registry,dest=x"])
        .code(125)
        .stderr_has("invalid --output \"type=registry,dest=x\"");
}

#[test]
fn build_context_directories_serve_copy_from() {
    let env = Env::with_busybox();
    env.write_file("work/extra/conf/app.conf", b"from the named context\n");
    let extra = env.path("work/extra");
    let named = format!("cfg={}", extra.display());
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\nCOPY --from=cfg conf/app.conf /etc/app.conf\n",
        )],
    );
    build(&env, &ctx, &["-t", "named", "--build-context", &named]).success();
    assert_eq!(
        run(&env, "named", "cat /etc/app.conf"),
        "from the named context\n"
    );

    let from = context(&env, &[("Dockerfile", "FROM cfg\n")]);
    build(&env, &from, &["--build-context", &named])
        .code(125)
        .stderr_has("FROM cfg: cfg is a --build-context directory");
    for (value, needle) in [
        (
            "img=docker-image://alpine",
            "docker-image:// contexts are not supported",
        ),
        ("x=/nonexistent/dir", "/nonexistent/dir"),
        ("noequals", "expected NAME=DIR"),
    ] {
        build(&env, &ctx, &["--build-context", value])
            .code(125)
            .stderr_has(needle);
    }
}

/// `image inspect`'s Annotations of `image`.
fn annotations(env: &Env, image: &str) -> serde_json::Map<String, serde_json::Value> {
    let inspect = env.rpod(&["image", "inspect", image]);
    let parsed: serde_json::Value = serde_json::from_str(&inspect.success().stdout).unwrap();
    parsed[0]["Annotations"]
        .as_object()
        .cloned()
        .unwrap_or_default()
}

const CREATED: &str = "org.opencontainers.image.created";

#[test]
fn annotations_land_in_the_manifest_inspect_shows_and_the_registry_serves() {
    let env = Env::with_busybox();
    let before = jiff::Timestamp::now();
    let ctx = context(&env, &[("Dockerfile", "FROM busybox\nLABEL stage=base\n")]);
    build(
        &env,
        &ctx,
        &[
            "-t",
            "annotated-base",
            "--annotation",
            "base.only=1",
            "--annotation",
            "shared=base",
            "--annotation",
            "gone=x",
        ],
    )
    .success();
    let base = annotations(&env, "annotated-base");
    assert_eq!(base["base.only"], "1", "{base:?}");
    let created: jiff::Timestamp = base[CREATED].as_str().unwrap().parse().unwrap();
    assert!(
        created >= before.round(jiff::Unit::Second).unwrap() - jiff::SignedDuration::from_secs(1)
    );

    // Inherited from the base, one removed, one replaced, one added, a created time of its own.
    let ctx = context(
        &env,
        &[("Dockerfile", "FROM annotated-base\nRUN touch /made\n")],
    );
    build(
        &env,
        &ctx,
        &[
            "-t",
            "annotated",
            "--annotation",
            "shared=mine",
            "--annotation",
            "own=2",
            "--unsetannotation",
            "gone",
        ],
    )
    .success();
    let result = annotations(&env, "annotated");
    assert_eq!(result["base.only"], "1", "{result:?}");
    assert_eq!(result["shared"], "mine", "{result:?}");
    assert_eq!(result["own"], "2", "{result:?}");
    assert!(!result.contains_key("gone"), "{result:?}");
    assert!(result.contains_key(CREATED), "{result:?}");

    // The registry serves them in the pushed manifest (rebuilt: its layers were compressed).
    let reg = crate::common::registry::Registry::shared();
    let dest = format!("{}/annotated/app:v1", reg.addr());
    env.rpod(&["push", "-q", "annotated", &dest]).success();
    let served = reg.get_manifest("annotated/app", "v1");
    assert_eq!(served.status, 200);
    let manifest: serde_json::Value = serde_json::from_slice(&served.body).unwrap();
    assert_eq!(
        manifest["annotations"],
        serde_json::Value::Object(result.clone()),
        "{manifest}"
    );
    assert_eq!(
        manifest["mediaType"],
        "application/vnd.oci.image.manifest.v1+json"
    );

    // Neither inherited nor dated: only what the command line gives.
    build(
        &env,
        &ctx,
        &[
            "-t",
            "bare",
            "--inherit-annotations=false",
            "--created-annotation=false",
            "--annotation",
            "own=3",
        ],
    )
    .success();
    let bare = annotations(&env, "bare");
    assert_eq!(
        serde_json::Value::Object(bare),
        serde_json::json!({"own": "3"})
    );

    // --timestamp dates it; a build that made nothing of its own leaves its base untouched.
    let busybox_digest = env.rpod(&["image", "inspect", "-f", "{{.Digest}}", "busybox"]);
    let from_only = context(&env, &[("Dockerfile", "FROM busybox\n")]);
    build(
        &env,
        &from_only,
        &["-t", "stamped-annotation", "--timestamp", "0"],
    )
    .success();
    let stamped = annotations(&env, "stamped-annotation");
    assert_eq!(stamped[CREATED], "1970-01-01T00:00:00Z", "{stamped:?}");
    assert!(annotations(&env, "busybox").is_empty());
    env.rpod(&["image", "inspect", "-f", "{{.Digest}}", "busybox"])
        .success()
        .stdout_has(busybox_digest.success().trimmed());

    build(&env, &ctx, &["--annotation", "novalue"])
        .code(125)
        .stderr_has("expected KEY=VALUE");
}
