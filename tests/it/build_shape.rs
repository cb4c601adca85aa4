//! `build` options for which stages run, on what base, with what input and namespaces, and the
//! shape of the result (squashed layers, labels of the result and of the intermediate
//! images); and `commit`'s options (#16). Each is shown to take effect in the image or in
//! what a RUN step saw.

use serde_json::Value;

use crate::common::Env;

fn context(env: &Env, dockerfile: &str) -> String {
    env.write_file("ctx/Dockerfile", dockerfile.as_bytes());
    env.path("ctx").display().to_string()
}

fn build(env: &Env, ctx: &str, extra: &[&str]) -> crate::common::env::Out {
    let mut args = vec!["build", "--network", "none"];
    args.extend_from_slice(extra);
    args.push(ctx);
    env.rpod(&args)
}

pub(crate) fn inspect(env: &Env, image: &str) -> Value {
    let out = env.rpod(&["image", "inspect", image]);
    let docs: Value = serde_json::from_str(&out.success().stdout).unwrap();
    docs[0].clone()
}

fn layers(env: &Env, image: &str) -> usize {
    inspect(env, image)["RootFS"]["Layers"]
        .as_array()
        .map_or(0, Vec::len)
}

/// `sh -c script` in a container of `image`: its stdout.
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

/// Three RUN steps: a file added, another added, a file of the base removed and another
/// only chowned (a change of its recorded owner alone).
const THREE_LAYERS: &str = "FROM busybox
RUN echo a > /a
RUN echo b > /b && rm /a
RUN rm /bin/ls && chown 33:44 /etc/passwd
";

const CHECK: &str = "cat /b; test -e /a || echo no-a; test -e /bin/ls || echo no-ls; \
                     stat -c %u /home/app; stat -c %u:%g /etc/passwd";

#[test]
fn squash_makes_the_new_layers_one_and_squash_all_makes_one_layer() {
    let env = Env::with_busybox();
    let ctx = context(&env, THREE_LAYERS);
    build(&env, &ctx, &["-t", "plain"]).success();
    let base = layers(&env, "busybox");
    assert_eq!(layers(&env, "plain"), base + 3);
    let want = "b\nno-a\nno-ls\n1000\n33:44\n";
    assert_eq!(run(&env, "plain", CHECK), want);

    build(&env, &ctx, &["--squash", "-t", "squashed"]).success();
    assert_eq!(
        layers(&env, "squashed"),
        base + 1,
        "the base's layers and one"
    );
    assert_eq!(
        run(&env, "squashed", CHECK),
        want,
        "the base's file is whited out, the owner kept"
    );
    let base_layers = &inspect(&env, "busybox")["RootFS"]["Layers"];
    let squashed_layers = &inspect(&env, "squashed")["RootFS"]["Layers"];
    assert_eq!(
        base_layers[0], squashed_layers[0],
        "the base's layer is shared"
    );

    build(&env, &ctx, &["--squash-all", "-t", "flat"]).success();
    assert_eq!(layers(&env, "flat"), 1);
    assert_eq!(
        run(&env, "flat", CHECK),
        want,
        "one layer, and it still runs"
    );

    build(&env, &ctx, &["--squash", "--squash-all"])
        .code(125)
        .stderr_has("--squash and --squash-all cannot be used together");
}

/// A stage the target does not need, which fails if built.
const UNUSED_STAGE: &str = "FROM busybox AS broken
RUN echo building-broken; exit 3
FROM busybox
RUN echo ok > /ok
";

#[test]
fn unused_stages_are_skipped_unless_asked() {
    let env = Env::with_busybox();
    let ctx = context(&env, UNUSED_STAGE);
    let out = build(&env, &ctx, &["-t", "skipped"]);
    out.success();
    assert!(!out.stdout.contains("building-broken"), "{}", out.stdout);
    assert_eq!(run(&env, "skipped", "cat /ok"), "ok\n");
    build(&env, &ctx, &["--skip-unused-stages=false"])
        .code(3)
        .stdout_has("building-broken");
}

#[test]
fn from_replaces_the_first_base_image() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        "FROM localhost/not-there:1\nRUN echo hi > /hi\n\
         FROM localhost/not-there:2\nCOPY --from=0 /hi /hi\n",
    );
    build(&env, &ctx, &["--pull=never"])
        .code(125)
        .stderr_has("not-there:1");
    // Only the first FROM is replaced: the second still names a missing image.
    build(&env, &ctx, &["--pull=never", "--from", "busybox"])
        .code(125)
        .stderr_has("not-there:2");
    let ctx = context(&env, "FROM localhost/not-there:1\nRUN echo hi > /hi\n");
    build(&env, &ctx, &["--from", "busybox", "-t", "swapped"]).success();
    assert_eq!(run(&env, "swapped", "cat /hi"), "hi\n");
}

#[test]
fn labels_of_the_result_and_of_intermediate_images() {
    let env = Env::with_busybox();
    // The busybox fixture has the label org.rpod.test=yes.
    let ctx = context(&env, "FROM busybox\nLABEL own=1\nRUN touch /x\n");
    build(&env, &ctx, &["-t", "default"]).success();
    let labels = &inspect(&env, "default")["Config"]["Labels"];
    assert_eq!(labels["org.rpod.test"], "yes");
    assert!(labels["io.buildah.version"].is_string(), "{labels}");

    build(
        &env,
        &ctx,
        &[
            "--no-cache",
            "--layer-label",
            "stage=mid",
            "--layer-label",
            "bare",
            "--inherit-labels=false",
            "--identity-label=false",
            "-t",
            "edited",
        ],
    )
    .success();
    let result = inspect(&env, "edited");
    let labels = &result["Config"]["Labels"];
    assert_eq!(labels, &serde_json::json!({"own": "1"}), "{labels}");
    // Every step image of this build (the LABEL and RUN steps) has the layer labels.
    let all = env.rpod(&["images", "-a", "-q", "--no-trunc"]);
    let mut labelled = 0;
    for id in all.success().lines() {
        let labels = &inspect(&env, id)["Config"]["Labels"];
        if labels["stage"] == "mid" {
            assert_eq!(labels["bare"], "", "a KEY alone is an empty label");
            labelled += 1;
        }
    }
    assert_eq!(labelled, 2, "the LABEL and RUN steps' images");
    // --source-date-epoch turns the identity label's default off, as buildah does.
    build(&env, &ctx, &["--source-date-epoch", "0", "-t", "dated"]).success();
    assert!(inspect(&env, "dated")["Config"]["Labels"]["io.buildah.version"].is_null());
}

#[test]
fn stdin_reaches_run_steps_only_when_asked() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        "FROM busybox\nRUN read line && echo \"got $line\" > /got\n",
    );
    let args = [
        "build",
        "--network",
        "none",
        "--no-cache",
        "--stdin",
        "-t",
        "fed",
        &ctx,
    ];
    env.rpod_with_stdin(&args, b"hello\n").success();
    assert_eq!(run(&env, "fed", "cat /got"), "got hello\n");
    let without = ["build", "--network", "none", "--no-cache", &ctx];
    env.rpod_with_stdin(&without, b"hello\n").code(1);
}

#[test]
fn run_step_namespaces_groups_and_devices() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        "FROM busybox\nRUN id -G > /groups && test -c /dev/mynull && hostname > /host\n",
    );
    build(
        &env,
        &ctx,
        &[
            "--group-add",
            "4321",
            "--device",
            "/dev/null:/dev/mynull",
            "--uts",
            "container",
            "--ipc",
            "container",
            "--cgroupns",
            "private",
            "-t",
            "ns",
        ],
    )
    .success();
    assert!(run(&env, "ns", "cat /groups").contains("4321"));
    build(&env, &ctx, &["--cgroupns", "host"])
        .code(125)
        .stderr_has("unsupported --cgroupns \"host\"");
    build(&env, &ctx, &["--pid", "bogus"])
        .code(125)
        .stderr_has("--pid");
    build(&env, &ctx, &["--ipc", "bogus"])
        .code(125)
        .stderr_has("--ipc");
}

#[test]
fn platform_parts_and_jobs() {
    let env = Env::with_busybox();
    let ctx = context(&env, "FROM busybox\nRUN uname -m > /m\n");
    let (host, other) = match crate::common::fixtures::host_arch() {
        "arm64" => ("arm64", "amd64"),
        _ => ("amd64", "arm64"),
    };
    build(&env, &ctx, &["--arch", other])
        .code(125)
        .stderr_has(&format!("cannot build for platform linux/{other}"));
    build(
        &env,
        &ctx,
        &["--os", "linux", "--arch", host, "-t", "native"],
    )
    .success();
    assert_eq!(inspect(&env, "native")["Architecture"], host);
    build(&env, &ctx, &["--jobs", "4"])
        .success()
        .stderr_has("--jobs 4");
}

#[test]
fn commit_options_take_effect() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "box",
        "-v",
        "work:/data",
        "busybox",
        "sh",
        "-c",
        "echo made > /made; sleep 1000",
    ])
    .success();
    env.write_file(
        "work/config.json",
        br#"{"Env": ["PATH=/bin", "FROM_CONFIG=1"], "WorkingDir": "/srv"}"#,
    );
    let iid = env.path("work/iid");
    let out = env.rpod(&[
        "commit",
        "--pause",
        "--squash",
        "--include-volumes",
        "--config",
        env.path("work/config.json").to_str().unwrap(),
        "--iidfile",
        iid.to_str().unwrap(),
        "box",
        "committed",
    ]);
    out.success();
    let id = std::fs::read_to_string(&iid).unwrap();
    assert_eq!(id.trim(), out.trimmed(), "the iidfile holds the printed id");
    let image = inspect(&env, "committed");
    assert_eq!(layers(&env, "committed"), 1);
    assert_eq!(
        image["Config"]["Env"],
        serde_json::json!(["PATH=/bin", "FROM_CONFIG=1"])
    );
    assert_eq!(image["Config"]["WorkingDir"], "/srv");
    assert!(image["Config"]["Volumes"]["/data"].is_object(), "{image}");
    assert_eq!(run(&env, "committed", "cat /made"), "made\n");
    env.rpod(&["inspect", "-f", "{{.State.Status}}", "box"])
        .success()
        .stdout_has("running");
    env.rpod(&["commit", "--format", "docker", "box"])
        .code(125)
        .stderr_has("unsupported --format \"docker\"");
    env.rpod(&["commit", "--config", "/nonexistent.json", "box"])
        .code(125)
        .stderr_has("invalid --config /nonexistent.json");
    env.rpod(&["rm", "-f", "-t", "0", "box"]).success();
}

/// A RUN step's writable layer skips syncs (overlay's `volatile`, as podman's build): what the
/// step wrote still becomes its layer, its container still goes, and a container `run` makes
/// keeps its syncs.
#[test]
fn run_steps_write_to_a_volatile_layer_that_still_becomes_the_image() {
    let env = Env::with_busybox();
    let root_line = "grep ' / / ' /proc/self/mountinfo";
    let ran = run(&env, "busybox", root_line);
    if !ran.contains(" - overlay ") {
        eprintln!("skipped: the store's driver is not kernel overlay (root: {ran})");
        return;
    }
    assert!(!ran.contains("volatile"), "run keeps its syncs: {ran}");
    let ctx = context(
        &env,
        &format!("FROM busybox\nRUN {root_line} > /root-mount && echo kept > /kept && sync\n"),
    );
    build(&env, &ctx, &["-t", "volatile-step"]).success();
    let step_root = run(&env, "volatile-step", "cat /root-mount");
    assert!(
        step_root.contains(" - overlay ") && step_root.contains("volatile"),
        "the RUN step's root: {step_root}"
    );
    assert_eq!(run(&env, "volatile-step", "cat /kept"), "kept\n");
    assert_eq!(
        env.rpod(&["ps", "-a", "-q", "--external"]).success().stdout,
        ""
    );
    assert_eq!(env.rpod(&["system", "check"]).code, 0);
}
