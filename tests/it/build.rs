//! `rpod build` as a user runs it: every instruction taking effect in the result, the build
//! cache (a rebuild runs nothing; a changed COPY source rebuilds from that step on),
//! multi-stage builds, `.dockerignore`, build args, the context on stdin, and each kind of
//! failure naming its Dockerfile line.

use std::process::Stdio;

use serde_json::Value;

use crate::common::fake::FakeRegistry;
use crate::common::{Env, recorded_in_layers};

/// Writes the build context's files (`ctx/…`) and returns the context directory.
fn context(env: &Env, files: &[(&str, &str)]) -> String {
    for (rel, content) in files {
        env.write_file(&format!("ctx/{rel}"), content.as_bytes());
    }
    env.path("ctx").display().to_string()
}

fn build(env: &Env, ctx: &str, extra: &[&str]) -> crate::common::env::Out {
    let mut args = vec!["build", "--network", "none"];
    args.extend_from_slice(extra);
    args.push(ctx);
    env.rpod(&args)
}

fn run(env: &Env, image: &str, script: &str) -> String {
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

fn inspect(env: &Env, image: &str) -> Value {
    let out = env.rpod(&["image", "inspect", image]);
    let docs: Value = serde_json::from_str(&out.success().stdout).unwrap();
    docs[0].clone()
}

/// A gzip tar holding `name` with `content`, as ADD unpacks it.
fn tar_gz(name: &str, content: &[u8]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_size(content.len() as u64);
    header.set_mode(0o640);
    builder.append_data(&mut header, name, content).unwrap();
    let tar = builder.into_inner().unwrap();
    crate::common::fixtures::compress(&tar, crate::common::fixtures::Compression::Gzip)
}

const EVERYTHING: &str = r#"ARG BASE=busybox
FROM ${BASE} AS base
MAINTAINER Jane Doe <jane@example.com>
ARG GREETING=hello
ENV APP_HOME=/srv/app MODE="two words"
LABEL org.example.title="every instruction" version=${GREETING}
EXPOSE 8080 9000-9001/udp
WORKDIR $APP_HOME
RUN echo "$GREETING from $MODE" > greeting.txt
COPY --chown=app:app --chmod=0640 conf.txt ./conf/
ADD files.tar.gz /opt/unpacked/
ADD URL_SOURCE /opt/fetched/
COPY <<notes.txt /opt/
written by a heredoc: ${GREETING}
notes.txt
RUN <<EOF
set -e
mkdir -p /opt/made
echo "script ran in $(pwd)" > /opt/made/script.txt
EOF
SHELL ["/bin/sh", "-ec"]
RUN test "$0" = /bin/sh && echo shell-ok > /opt/shell.txt && rm /bin/vi
USER app
VOLUME /data
STOPSIGNAL SIGINT
HEALTHCHECK --interval=30s --timeout=3s --retries=2 CMD test -f /srv/app/greeting.txt
ONBUILD RUN echo "trigger ran" > /opt/trigger.txt
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["echo default command; id -u"]
"#;

#[test]
fn every_instruction_takes_effect() {
    let env = Env::with_busybox();
    let http = FakeRegistry::start();
    http.route(
        "/downloads/tool.txt",
        200,
        "text/plain",
        b"fetched over http\n",
    );
    let url = format!("http://{}/downloads/tool.txt", http.addr());
    let ctx = context(
        &env,
        &[
            ("Dockerfile", &EVERYTHING.replace("URL_SOURCE", &url)),
            ("conf.txt", "key=value\n"),
        ],
    );
    env.write_file(
        "ctx/files.tar.gz",
        &tar_gz("inside/data.txt", b"unpacked\n"),
    );
    let out = build(&env, &ctx, &["-t", "every:1", "-t", "every:2"]);
    out.success()
        .stdout_has("STEP 1/22: FROM busybox AS base")
        .stdout_has("STEP 8/22: RUN echo \"$GREETING from $MODE\" > greeting.txt")
        .stdout_has("Successfully tagged localhost/every:1")
        .stdout_has("Successfully tagged localhost/every:2");
    let id = out.lines().last().unwrap().to_string();
    assert_eq!(id.len(), 64, "the last line is the image id");

    let files = run(
        &env,
        "every:1",
        "pwd; cat greeting.txt; cat /opt/unpacked/inside/data.txt /opt/fetched/tool.txt /opt/notes.txt \
         /opt/made/script.txt /opt/shell.txt; stat -c '%a %u:%g %n' conf/conf.txt; \
         stat -c '%a %n' /opt/fetched/tool.txt; echo \"$APP_HOME|$MODE|${GREETING:-unset}\"; test -e /bin/vi || echo vi-deleted; id -u",
    );
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "/srv/app",
            "hello from two words",
            "unpacked",
            "fetched over http",
            "written by a heredoc: hello",
            "script ran in /srv/app",
            "shell-ok",
            "640 1000:1000 conf/conf.txt",
            "600 /opt/fetched/tool.txt",
            "/srv/app|two words|unset",
            "vi-deleted",
            "1000",
        ],
        "ARG values are not in the image's environment; ENV, WORKDIR, USER, COPY, ADD and RUN are"
    );
    assert_eq!(
        env.rpod(&["run", "--rm", "--network", "none", "every:2"])
            .success()
            .stdout,
        "default command\n1000\n"
    );

    assert_eq!(
        recorded_in_layers(&env, "every:1", "srv/app/conf/conf.txt"),
        (0o640, 1000, 1000)
    );
    assert_eq!(
        recorded_in_layers(&env, "every:1", "opt/notes.txt"),
        (0o644, 0, 0)
    );
    let image = inspect(&env, "every:1");
    let config = &image["Config"];
    assert_eq!(image["Author"], "Jane Doe <jane@example.com>");
    assert_eq!(config["Labels"]["org.example.title"], "every instruction");
    assert_eq!(config["Labels"]["version"], "hello");
    let ports: Vec<&str> = config["ExposedPorts"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(ports, ["8080/tcp", "9000/udp", "9001/udp"]);
    assert_eq!(config["WorkingDir"], "/srv/app");
    assert_eq!(config["User"], "app");
    assert!(config["Volumes"]["/data"].is_object());
    assert_eq!(config["StopSignal"], "SIGINT");
    assert_eq!(config["Healthcheck"]["Retries"], 2);
    assert_eq!(config["Healthcheck"]["Interval"], 30_000_000_000u64);
    assert_eq!(config["Shell"][1], "-ec");
    assert_eq!(
        config["OnBuild"][0],
        "RUN echo \"trigger ran\" > /opt/trigger.txt"
    );
    assert_eq!(config["Entrypoint"][0], "/bin/sh");
    let history = env.rpod(&["history", "--no-trunc", "every:1"]);
    history
        .success()
        .stdout_has("#(nop) EXPOSE 8080 9000-9001/udp")
        .stdout_has("|1 GREETING=hello /bin/sh -c echo \"$GREETING from $MODE\" > greeting.txt");

    // ONBUILD fires in the child build, and the child does not inherit the trigger.
    let child = context(
        &env,
        &[(
            "child/Dockerfile",
            "FROM every:1\nRUN cat /opt/trigger.txt\n",
        )],
    );
    build(&env, &format!("{child}/child"), &["-t", "child"])
        .success()
        .stdout_has("--> ONBUILD RUN echo \"trigger ran\"")
        .stdout_has("trigger ran");
    assert!(inspect(&env, "child")["Config"]["OnBuild"].is_null());

    // The result is a normal image: pushed, pulled into another store and run there.
    let reg = crate::common::registry::Registry::shared();
    let remote = format!("{}/built/every:1", reg.addr());
    env.rpod(&["push", "every:1", &remote]).success();
    let other = Env::new();
    other.rpod(&["pull", "-q", &remote]).success();
    assert_eq!(
        run(
            &other,
            &remote,
            "cat /opt/notes.txt; test -e /bin/vi || echo vi-deleted"
        ),
        "written by a heredoc: hello\nvi-deleted\n",
        "the layers, whiteouts included, travel with the image"
    );
}

/// A Dockerfile whose RUN steps leave a random token behind: the same token after a rebuild
/// proves the step did not run again.
const CACHED: &str = "FROM busybox
RUN head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n' > /first
COPY input.txt /input.txt
RUN head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n' > /second
ENV DONE=1
";

fn tokens(env: &Env, image: &str) -> (String, String) {
    let out = run(env, image, "cat /first; echo; cat /second");
    let mut lines = out.lines().map(str::to_string);
    (lines.next().unwrap(), lines.next().unwrap())
}

fn events_of(env: &Env, event: &str) -> usize {
    env.rpod(&[
        "events",
        "--stream=false",
        "--filter",
        &format!("event={event}"),
        "--format",
        "{{.ID}}",
    ])
    .success()
    .lines()
    .len()
}

#[test]
fn a_rebuild_reuses_every_step_and_a_changed_source_rebuilds_from_its_step() {
    let env = Env::with_busybox();
    let ctx = context(&env, &[("Dockerfile", CACHED), ("input.txt", "one\n")]);
    let first = build(&env, &ctx, &["-t", "cached"]);
    let id = first.success().lines().last().unwrap().to_string();
    let (a, b) = tokens(&env, "cached");
    let created = events_of(&env, "create");

    let again = build(&env, &ctx, &["-t", "cached"]);
    again.success();
    assert_eq!(*again.lines().last().unwrap(), id, "the same image");
    // The four steps and the result's io.buildah.version label.
    assert_eq!(again.stdout.matches("--> Using cache").count(), 5);
    assert_eq!(
        events_of(&env, "create"),
        created,
        "no RUN container this time"
    );
    assert_eq!(tokens(&env, "cached"), (a.clone(), b.clone()));

    // A new byte in the COPY source: the first RUN stays cached, COPY and what follows do not.
    env.write_file("ctx/input.txt", b"two\n");
    let changed = build(&env, &ctx, &["-t", "cached"]);
    changed.success();
    assert_eq!(changed.stdout.matches("--> Using cache").count(), 1);
    let (a2, b2) = tokens(&env, "cached");
    assert_eq!(a2, a, "the step before the COPY was reused");
    assert_ne!(b2, b, "the RUN after the COPY ran again");
    assert_eq!(run(&env, "cached", "cat /input.txt"), "two\n");

    // --no-cache runs everything again.
    let fresh = build(&env, &ctx, &["--no-cache", "-t", "cached"]);
    assert!(!fresh.success().stdout.contains("Using cache"));
    assert_ne!(tokens(&env, "cached").0, a);

    // The build steps are intermediate images: hidden from `images`, shown by `images -a`,
    // and removed with the image built on them.
    let visible = env.rpod(&["images", "-q"]).success().lines().len();
    let all = env.rpod(&["images", "-a", "-q"]).success().lines().len();
    assert!(
        all > visible + 3,
        "images -a shows the steps ({all} vs {visible})"
    );
    env.rpod(&["rmi", "cached"]).success();
    env.rpod(&["image", "prune", "-f"]).success();
    assert_eq!(
        env.rpod(&["images", "-a", "-q"]).success().lines().len(),
        1,
        "only busybox is left"
    );
    assert_eq!(env.rpod(&["system", "check"]).code, 0);
}

#[test]
fn build_args_change_what_runs() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "ARG TAG=latest\nFROM busybox:${TAG}\nARG TAG\nARG WHO=world\nRUN echo \"hi $WHO on $TAG\" > /who\n",
        )],
    );
    build(&env, &ctx, &["-t", "args"]).success();
    assert_eq!(run(&env, "args", "cat /who"), "hi world on latest\n");
    let other = build(&env, &ctx, &["--build-arg", "WHO=rpod", "-t", "args"]);
    assert!(
        !other.success().stdout.contains("Using cache"),
        "another value of a build arg is another RUN"
    );
    assert_eq!(run(&env, "args", "cat /who"), "hi rpod on latest\n");
    build(&env, &ctx, &["--build-arg", "UNUSED=1", "-t", "args"])
        .success()
        .stderr_has("build args were not consumed: [\"UNUSED\"]");
}

#[test]
fn multi_stage_copies_from_earlier_stages_and_builds_only_the_target_s_needs() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox AS compile\n\
             RUN mkdir /out && echo artifact > /out/app && ln -s app /out/link\n\
             FROM busybox AS broken\n\
             RUN exit 9\n\
             FROM scratch AS final\n\
             COPY --from=compile /out/ /\n\
             COPY --from=busybox /bin/busybox /bin/busybox\n\
             FROM busybox AS tested\n\
             COPY --from=0 /out/app /checked\n\
             RUN cat /checked\n",
        )],
    );
    // The last stage needs only `compile`: `broken` never runs.
    let out = build(&env, &ctx, &["-t", "tested"]);
    out.success()
        .stdout_has("[1/4] STEP 1/2: FROM busybox AS compile")
        .stdout_has("[4/4] STEP 3/3: RUN cat /checked")
        .stdout_has("artifact");
    assert!(
        !out.stdout.contains("exit 9"),
        "an unneeded stage was built"
    );
    let out = build(&env, &ctx, &["--target", "final", "-t", "final"]);
    out.success();
    assert!(!out.stdout.contains("tested"));
    // A scratch image with only what was copied into it.
    let listed = env
        .rpod(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--entrypoint",
            "/bin/busybox",
            "final",
            "ls",
            "-l",
            "/",
        ])
        .success()
        .stdout
        .clone();
    assert!(
        listed.contains("app") && listed.contains("link -> app"),
        "{listed}"
    );
    assert!(
        !listed.contains("home") && !listed.contains("usr"),
        "nothing of busybox but what was copied: {listed}"
    );
    let out = build(&env, &ctx, &["--target", "broken"]);
    out.code(9).stderr_has(
        "building at STEP \"RUN exit 9\" (Dockerfile:4): the command exited with code 9",
    );
}

#[test]
fn dockerignore_excludes_with_exceptions() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[
            ("Dockerfile", "FROM busybox\nCOPY . /ctx/\n"),
            (
                ".dockerignore",
                "# ignored\n*.log\n!keep.log\nsecrets\n**/*.tmp\n",
            ),
            ("app.txt", "app\n"),
            ("debug.log", "noise\n"),
            ("keep.log", "kept\n"),
            ("secrets/key", "hidden\n"),
            ("src/deep/x.tmp", "tmp\n"),
            ("src/deep/main.c", "code\n"),
        ],
    );
    build(&env, &ctx, &["-t", "ignored"]).success();
    let listed = run(&env, "ignored", "cd /ctx && find . | sort");
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        [
            ".",
            "./.dockerignore",
            "./Dockerfile",
            "./app.txt",
            "./keep.log",
            "./src",
            "./src/deep",
            "./src/deep/main.c",
        ]
    );
    let out = build(
        &env,
        &context(
            &env,
            &[("Dockerfile", "FROM busybox\nCOPY secrets/key /key\n")],
        ),
        &[],
    );
    out.code(125)
        .stderr_has("secrets/key: no such file or directory in the build context");
}

#[test]
fn the_context_and_the_dockerfile_may_come_from_stdin_or_elsewhere() {
    let env = Env::with_busybox();
    // A tar archive of the context on stdin.
    let mut builder = tar::Builder::new(Vec::new());
    for (name, content) in [
        ("Containerfile", "FROM busybox\nCOPY data.txt /data.txt\n"),
        ("data.txt", "from a tar on stdin\n"),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, name, content.as_bytes())
            .unwrap();
    }
    let tar = builder.into_inner().unwrap();
    env.rpod_with_stdin(&["build", "-q", "-t", "fromtar", "-"], &tar)
        .success();
    assert_eq!(
        run(&env, "fromtar", "cat /data.txt"),
        "from a tar on stdin\n"
    );
    // Just a Dockerfile on stdin, with no context; -q prints only the id, --iidfile keeps it.
    let iid = env.path("work/iid").display().to_string();
    let out = env.rpod_with_stdin(
        &["build", "-q", "--iidfile", &iid, "-t", "plain", "-"],
        b"FROM busybox\nENV FROM_STDIN=yes\n",
    );
    let id = out.success().trimmed().to_string();
    assert_eq!(id.len(), 64, "-q prints only the id: {}", out.stdout);
    assert_eq!(
        std::fs::read_to_string(&iid).unwrap(),
        format!("sha256:{id}")
    );
    // -f names a Dockerfile outside the context.
    let ctx = context(&env, &[("f.txt", "file\n")]);
    let dockerfile = env.write_file("work/Other.dockerfile", b"FROM busybox\nCOPY f.txt /f\n");
    build(
        &env,
        &ctx,
        &["-f", &dockerfile.display().to_string(), "-t", "other"],
    )
    .success();
    assert_eq!(run(&env, "other", "cat /f"), "file\n");
}

#[test]
fn failures_name_the_line_and_leave_no_container_behind() {
    let env = Env::with_busybox();
    let cases: &[(&str, i32, &str)] = &[
        (
            "FROM busybox\nRUN true\nFROB x\n",
            125,
            "Dockerfile:3: unknown instruction: FROB",
        ),
        (
            "FROM busybox\nENV\n",
            125,
            "Dockerfile:2: ENV requires at least one argument",
        ),
        (
            "FROM busybox\nEXPOSE 80\nCOPY nothing.txt /x\n",
            125,
            "building at STEP \"COPY nothing.txt /x\" (Dockerfile:3): nothing.txt: no such file or directory in the build context",
        ),
        (
            "FROM busybox\n\nRUN echo before; exit 3\n",
            3,
            "building at STEP \"RUN echo before; exit 3\" (Dockerfile:3): the command exited with code 3",
        ),
        (
            "FROM busybox\nRUN no-such-command\n",
            127,
            "the command exited with code 127",
        ),
        (
            "FROM busybox\nCOPY --from=nostage /a /b\n",
            125,
            "building at STEP \"COPY --from=nostage /a /b\" (Dockerfile:2): no stage named \"nostage\", and it is not an image either",
        ),
        (
            "FROM busybox\nCOPY a b /dest\n",
            125,
            "the destination must be a directory and end with a /",
        ),
        (
            "FROM busybox\nCOPY ../outside /x\n",
            125,
            "../outside: the path is outside the build context",
        ),
        (
            "FROM scratch\nRUN true\n",
            125,
            "RUN needs a file system with a shell",
        ),
        (
            "FROM busybox\nCOPY --chmod=abc a /a\n",
            125,
            "invalid --chmod=abc",
        ),
    ];
    for (i, (dockerfile, code, message)) in cases.iter().enumerate() {
        let ctx = context(
            &env,
            &[
                (&format!("c{i}/Dockerfile"), dockerfile),
                (&format!("c{i}/a"), "a"),
                (&format!("c{i}/b"), "b"),
            ],
        );
        let out = build(&env, &format!("{ctx}/c{i}"), &[]);
        out.code(*code).stderr_has(message).no_panic();
    }
    build(
        &env,
        &context(&env, &[("Dockerfile", "FROM busybox\n")]),
        &["--target", "nope"],
    )
    .code(125)
    .stderr_has("target stage \"nope\" could not be found");
    assert_eq!(
        env.rpod(&["ps", "-a", "-q", "--external"]).success().stdout,
        "",
        "the failed RUN steps' containers are gone"
    );
    assert_eq!(env.rpod(&["system", "check"]).code, 0);
}

#[test]
fn concurrent_builds_share_the_cache_safely() {
    let env = Env::with_busybox();
    let ctx = context(&env, &[("Dockerfile", CACHED), ("input.txt", "shared\n")]);
    let children: Vec<_> = (0..4)
        .map(|i| {
            let cmd_line = format!("build {i}");
            let child = env
                .rpod_cmd(["build", "--network", "none", "-t", &format!("par{i}"), &ctx])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (cmd_line, child)
        })
        .collect();
    for (line, child) in children {
        crate::common::env::wait_output(child, &line).success();
    }
    assert_eq!(env.rpod(&["system", "check"]).code, 0);
    // Whichever build made a step first, a fifth build finds every step cached.
    let again = build(&env, &ctx, &["-t", "par4"]);
    // The four steps and the result's io.buildah.version label.
    assert_eq!(again.success().stdout.matches("--> Using cache").count(), 5);
    assert_eq!(
        env.rpod(&["ps", "-a", "-q", "--external"]).success().stdout,
        ""
    );
}

#[test]
fn labels_pull_policy_platform_and_the_default_network() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\nLABEL from.file=1\nRUN cat /etc/resolv.conf > /resolv && hostname > /host\n",
        )],
    );
    // RUN on the default network (pasta, or slirp4netns) as `rpod image build` spells it.
    let out = env.rpod(&[
        "image",
        "build",
        "--label",
        "from.flag=2",
        "-t",
        "labelled",
        &ctx,
    ]);
    out.success();
    let labels = &inspect(&env, "labelled")["Config"]["Labels"];
    assert_eq!(
        (labels["from.file"].as_str(), labels["from.flag"].as_str()),
        (Some("1"), Some("2"))
    );
    assert!(run(&env, "labelled", "cat /resolv").contains("nameserver"));
    // --pull=never does not fetch a missing base; --pull (always) fetches a present one again.
    let missing = context(&env, &[("m/Dockerfile", "FROM layered\n")]);
    build(&env, &format!("{missing}/m"), &["--pull=never"])
        .code(125)
        .stderr_has("layered: image not known");
    build(&env, &format!("{missing}/m"), &["--pull"]).success();
    build(&env, &format!("{missing}/m"), &["--pull=never"]).success();
    // Only the host's platform is built: steps run natively.
    let other = if crate::common::fixtures::host_arch() == "arm64" {
        "linux/amd64"
    } else {
        "linux/arm64"
    };
    build(&env, &ctx, &["--platform", other])
        .code(125)
        .stderr_has("build steps run natively");
    let host = format!("linux/{}", crate::common::fixtures::host_arch());
    build(&env, &ctx, &["--platform", &host]).success();
}

#[test]
fn a_cache_mount_outlives_the_build_and_stays_out_of_the_image() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\n\
             RUN --mount=type=cache,target=/var/cache/pkg echo run >> /var/cache/pkg/log && wc -l < /var/cache/pkg/log > /count\n\
             RUN --mount=type=tmpfs,target=/scratch touch /scratch/x && mount | grep -c ' /scratch ' > /tmpfs\n\
             RUN --mount=type=bind,target=/src true\n",
        )],
    );
    // The last step is refused by name; the cache step before it ran.
    let first = build(&env, &ctx, &[]);
    first
        .code(125)
        .stderr_has("RUN --mount=type=bind,target=/src true\" (Dockerfile:4): RUN --mount=type=bind (rpod supports type=cache, type=tmpfs and type=secret) is not supported");
    std::fs::write(
        env.path("ctx/Dockerfile"),
        "FROM busybox\n\
         RUN --mount=type=cache,target=/var/cache/pkg echo run >> /var/cache/pkg/log && wc -l < /var/cache/pkg/log > /count\n\
         RUN --mount=type=tmpfs,target=/scratch touch /scratch/x && mount | grep -c ' /scratch ' > /tmpfs\n",
    )
    .unwrap();
    build(&env, &ctx, &["--no-cache", "-t", "mounted"]).success();
    assert_eq!(
        run(
            &env,
            "mounted",
            "cat /count /tmpfs; find /var/cache/pkg /scratch -mindepth 1 2>/dev/null | wc -l"
        ),
        "2\n1\n0\n",
        "the second run of the cached step saw the first; nothing mounted is in the image"
    );

    // The cache is a volume that image prune keeps, and removes with --build-cache; a
    // volume of the user's stays.
    env.rpod(&["volume", "create", "mine"]).success();
    let cache_volumes = |env: &Env| -> Vec<String> {
        let out = env.rpod(&["volume", "ls", "-q"]);
        out.success()
            .stdout
            .lines()
            .filter(|v| v.starts_with("rpod-build-cache-"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(cache_volumes(&env).len(), 1);
    env.rpod(&["image", "prune", "-f"]).success();
    assert_eq!(cache_volumes(&env).len(), 1, "kept without --build-cache");
    let cache = cache_volumes(&env).remove(0);
    env.rpod(&["image", "prune", "-f", "--build-cache"])
        .success()
        .stderr_has(&format!("removed the build cache volume {cache}"));
    assert!(cache_volumes(&env).is_empty());
    env.rpod(&["volume", "exists", "mine"]).success();
    build(&env, &ctx, &["--no-cache", "-t", "mounted"]).success();
    assert_eq!(
        run(&env, "mounted", "cat /count"),
        "1\n",
        "a build after the prune starts with an empty cache"
    );
}
