//! podman's `build` options for logs, the config's platform fields, file times, the C
//! preprocessor, proxies, VOLUME rules and SSH agents of RUN steps (#16): each shown to take
//! effect in the built image, in what a RUN step saw, or in where the output went; and the
//! choices of other engines (runtimes, isolation kinds, id ranges, platforms) refused naming
//! the option.

use crate::build_options::{build, context, run};
use crate::build_shape::inspect;
use crate::common::Env;

/// `--logfile`: the steps and what RUN steps print on stdout and stderr go to the file, the
/// image id alone to stdout; `--logsplit` names the file after the platform built.
#[test]
fn logfile_takes_the_build_output_and_logsplit_names_it_by_platform() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\nRUN echo said-on-stdout && echo said-on-stderr >&2\n",
        )],
    );
    let log = env.path("work/build.log");
    let log_arg = log.to_str().unwrap();
    let out = build(
        &env,
        &ctx,
        &["--no-cache", "--logfile", log_arg, "-t", "logged"],
    );
    out.success();
    let id = inspect(&env, "logged")["Id"].as_str().unwrap().to_string();
    assert_eq!(
        format!("sha256:{}", out.trimmed()),
        id,
        "stdout has the image id only"
    );
    assert!(!out.stderr.contains("said-on"), "{}", out.stderr);
    let text = std::fs::read_to_string(&log).unwrap();
    for needle in [
        "STEP 2/2: RUN",
        "said-on-stdout",
        "said-on-stderr",
        "COMMIT localhost/logged:latest",
    ] {
        assert!(text.contains(needle), "the log lacks {needle:?}:\n{text}");
    }

    let split = env.path("work/split.log");
    let split_arg = split.to_str().unwrap();
    build(
        &env,
        &ctx,
        &["--no-cache", "--logfile", split_arg, "--logsplit"],
    )
    .success();
    let image = inspect(&env, "logged");
    let (os, arch) = (
        image["Os"].as_str().unwrap(),
        image["Architecture"].as_str().unwrap(),
    );
    let named = env.path(&format!("work/split.log_{os}_{arch}"));
    let text =
        std::fs::read_to_string(&named).unwrap_or_else(|e| panic!("no {}: {e}", named.display()));
    assert!(text.contains("said-on-stderr"), "{text}");
    assert!(!split.exists(), "--logsplit writes FILE_OS_ARCH only");

    build(&env, &ctx, &["--logsplit"])
        .code(125)
        .stderr_has("--logsplit needs --logfile");
    build(&env, &ctx, &["--logfile", "/nonexistent/dir/log"])
        .code(125)
        .stderr_has("--logfile /nonexistent/dir/log");
}

/// `--os-version` and `--os-feature` are the config's `os.version` and `os.features`,
/// inherited by a build on the image; `FEATURE-` removes an inherited feature.
#[test]
fn os_version_and_features_reach_the_config_and_are_inherited() {
    let env = Env::with_busybox();
    let ctx = context(&env, &[("Dockerfile", "FROM busybox\nLABEL a=b\n")]);
    build(
        &env,
        &ctx,
        &[
            "--os-version",
            "10.0.17763.1",
            "--os-feature",
            "win32k",
            "--os-feature",
            "extra",
            "-t",
            "featured",
        ],
    )
    .success();
    let image = inspect(&env, "featured");
    assert_eq!(image["OsVersion"], "10.0.17763.1");
    assert_eq!(image["OsFeatures"], serde_json::json!(["win32k", "extra"]));
    assert!(
        inspect(&env, "busybox").get("OsVersion").is_none(),
        "shown only when the image has one"
    );

    let ctx = context(&env, &[("Dockerfile", "FROM featured\nLABEL c=d\n")]);
    build(&env, &ctx, &["--os-feature", "extra-", "-t", "child"]).success();
    let child = inspect(&env, "child");
    assert_eq!(child["OsVersion"], "10.0.17763.1", "inherited");
    assert_eq!(child["OsFeatures"], serde_json::json!(["win32k"]));

    build(&env, &ctx, &["--os-feature", "-"])
        .code(125)
        .stderr_has("invalid --os-feature \"-\"");
}

/// `--rewrite-timestamp` with `--source-date-epoch`: files the build adds that are newer than
/// the epoch get its time, older ones keep theirs, and the same context built again (nothing
/// from the cache, a second later) is the same image; without it, a RUN step's new files
/// make another image each time.
#[test]
fn rewrite_timestamp_clamps_new_files_and_repeats_the_image() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[
            (
                "Dockerfile",
                "FROM busybox\nCOPY old.txt /old.txt\nRUN echo made > /made\n",
            ),
            ("old.txt", "old\n"),
        ],
    );
    let file = std::fs::File::options()
        .write(true)
        .open(env.path("ctx/old.txt"))
        .unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000))
        .unwrap();
    let id = |flags: &[&str]| {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let mut args = vec!["--layers=false", "--source-date-epoch", "1700000000"];
        args.extend_from_slice(flags);
        let out = build(&env, &ctx, &args);
        out.success();
        out.lines().last().unwrap().to_string()
    };
    let first = id(&["--rewrite-timestamp", "-t", "clamped"]);
    assert_eq!(
        run(&env, "clamped", "stat -c %Y /old.txt /made"),
        "1000000\n1700000000\n",
        "older times kept, newer ones clamped"
    );
    assert_eq!(id(&["--rewrite-timestamp"]), first, "the same image again");
    assert_ne!(
        id(&[]),
        id(&[]),
        "without --rewrite-timestamp the RUN step's file times differ"
    );

    let out = env.rpod(&["build", "--network", "none", "--rewrite-timestamp", &ctx]);
    out.success()
        .stderr_has("--rewrite-timestamp has no effect without --source-date-epoch");
}

/// A Containerfile named `*.in` goes through cpp: `#include` beside it, and macros from
/// `--cpp-flag` (and $BUILDAH_CPPFLAGS); a failing cpp fails the build with its message.
#[test]
fn containerfile_in_is_preprocessed_with_cpp_flags() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[
            (
                "Containerfile.in",
                "FROM busybox\n#include \"common.in\"\nRUN echo GREETING > /greeting && echo linux/amd64 > /platform\n",
            ),
            ("common.in", "RUN echo included > /included\n"),
            ("broken.in", "FROM busybox\n#include \"missing.in\"\n"),
        ],
    );
    let file = env.path("ctx/Containerfile.in");
    build(
        &env,
        &ctx,
        &[
            "-f",
            file.to_str().unwrap(),
            "--cpp-flag=-DGREETING=hello",
            "-t",
            "cpp",
        ],
    )
    .success();
    assert_eq!(
        run(&env, "cpp", "cat /included /greeting /platform"),
        "included\nhello\nlinux/amd64\n",
        "included, the macro expanded, no predefined macro (linux) touched"
    );

    let mut cmd = env.rpod_cmd([
        "build",
        "--network",
        "none",
        "-f",
        file.to_str().unwrap(),
        "-t",
        "cpp-env",
        &ctx,
    ]);
    cmd.env("BUILDAH_CPPFLAGS", "-DGREETING=from-env");
    env.run_with_stdin(cmd, None).success();
    assert_eq!(run(&env, "cpp-env", "cat /greeting"), "from-env\n");

    let broken = env.path("ctx/broken.in");
    build(&env, &ctx, &["-f", broken.to_str().unwrap()])
        .failure()
        .stderr_has("cannot preprocess")
        .stderr_has("missing.in");
}

/// `--http-proxy` (default true): rpod's proxy variables reach RUN steps, not the image's
/// config; `--http-proxy=false` keeps them out.
#[test]
fn http_proxy_variables_reach_run_steps_unless_turned_off() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\nRUN echo \"[$http_proxy][$HTTPS_PROXY][$no_proxy]\" > /proxy\n",
        )],
    );
    let with_proxy = |extra: &[&str], tag: &str| {
        let mut args = vec!["build", "--network", "none", "--no-cache", "-t", tag];
        args.extend_from_slice(extra);
        args.push(&ctx);
        let mut cmd = env.rpod_cmd(&args);
        cmd.env("http_proxy", "http://proxy.test:3128")
            .env("HTTPS_PROXY", "http://secure.test:3129")
            .env("no_proxy", "localhost");
        env.run_with_stdin(cmd, None).success();
    };
    with_proxy(&[], "proxied");
    assert_eq!(
        run(&env, "proxied", "cat /proxy"),
        "[http://proxy.test:3128][http://secure.test:3129][localhost]\n"
    );
    let config_env = inspect(&env, "proxied")["Config"]["Env"].to_string();
    assert!(!config_env.contains("proxy.test"), "{config_env}");

    with_proxy(&["--http-proxy=false"], "unproxied");
    assert_eq!(run(&env, "unproxied", "cat /proxy"), "[][][]\n");
}

/// `--compat-volumes`: what RUN steps change below a VOLUME directory (inherited too) is
/// dropped from their layers, as docker's builder drops it; COPY still writes there.
#[test]
fn compat_volumes_discards_run_changes_below_volumes() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[
            (
                "Dockerfile",
                "FROM busybox\nRUN mkdir /vol && echo base > /vol/kept\nVOLUME /vol\n\
                 RUN echo run > /vol/added && echo changed > /vol/kept && echo out > /outside\n\
                 COPY copied.txt /vol/copied\n",
            ),
            ("copied.txt", "copied\n"),
        ],
    );
    let script =
        "cat /vol/kept /vol/copied /outside; test -e /vol/added && echo added || echo no-added";
    build(&env, &ctx, &["--compat-volumes", "-t", "compat"]).success();
    assert_eq!(run(&env, "compat", script), "base\ncopied\nout\nno-added\n");
    build(&env, &ctx, &["-t", "plain"]).success();
    assert_eq!(
        run(&env, "plain", script),
        "changed\ncopied\nout\nadded\n",
        "without it, RUN steps write there as podman's default"
    );
}

/// `--ssh ID=SOCKET`: `RUN --mount=type=ssh` finds the agent's socket at SSH_AUTH_SOCK
/// (BuildKit's place, or target=), and the image keeps neither it nor its directory; a key
/// file instead of a socket is refused with the reason, and a required agent not given
/// fails the step.
#[test]
fn ssh_agent_socket_reaches_run_steps() {
    let env = Env::with_busybox();
    let socket = env.path("work/agent.sock");
    let _agent = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let (uid, gid) = crate::common::env::user();
    std::os::unix::fs::chown(&socket, Some(uid), Some(gid)).unwrap();
    let ctx = context(
        &env,
        &[
            (
                "Dockerfile",
                "FROM busybox\nRUN --mount=type=ssh test -S \"$SSH_AUTH_SOCK\" && echo \"$SSH_AUTH_SOCK\" > /seen\n\
             RUN --mount=type=ssh,id=git,target=/git.sock test -S /git.sock && echo git > /git\n",
            ),
            ("key", "not a socket\n"),
        ],
    );
    let default = format!("default={}", socket.display());
    let git = format!("git={}", socket.display());
    build(&env, &ctx, &["--ssh", &default, "--ssh", &git, "-t", "ssh"]).success();
    assert_eq!(
        run(
            &env,
            "ssh",
            "cat /seen /git; test -e /run/buildkit || test -e /git.sock || echo clean"
        ),
        "/run/buildkit/ssh_agent.0\ngit\nclean\n"
    );

    let key = format!("default={}", env.path("ctx/key").display());
    build(&env, &ctx, &["--ssh", &key])
        .code(125)
        .stderr_has("is not a socket");
    let required = context(
        &env,
        &[(
            "Dockerfile",
            "FROM busybox\nRUN --mount=type=ssh,id=deploy,required true\n",
        )],
    );
    build(&env, &required, &["--ssh", &default])
        .failure()
        .stderr_has("no SSH agent \"deploy\"");
}

/// What only other engines do is refused naming the option and why; docker's and podman's
/// no-ops (and the isolation rpod gives RUN steps) are accepted and build the image.
#[test]
fn other_engines_choices_are_refused_and_no_ops_accepted() {
    let env = Env::with_busybox();
    let ctx = context(
        &env,
        &[("Dockerfile", "FROM busybox\nRUN echo ran > /ran\n")],
    );
    for (flags, needle) in [
        (
            &["--isolation", "chroot"][..],
            "unsupported --isolation \"chroot\"",
        ),
        (&["--runtime", "/usr/bin/crun"], "unsupported --runtime"),
        (&["--runtime-flag", "debug"], "unsupported --runtime-flag"),
        (
            &["--disable-compression=false"],
            "--disable-compression=false",
        ),
        (&["--all-platforms"], "--all-platforms is not supported"),
        (
            &["--userns-uid-map", "0:100000:65536"],
            "unsupported --userns-uid-map",
        ),
        (&["--userns-gid-map", "0:x:1"], "invalid --userns-gid-map"),
        (
            &["--userns-uid-map-user", "rpodtest"],
            "--userns-uid-map-user",
        ),
        (
            &["--userns-gid-map-group", "rpodtest"],
            "--userns-gid-map-group",
        ),
    ] {
        build(&env, &ctx, flags).code(125).stderr_has(needle);
    }
    build(
        &env,
        &ctx,
        &[
            "--isolation",
            "rootless",
            "--compress",
            "--disable-content-trust",
            "-D",
            "--userns-uid-map",
            "0:0:1",
            "--userns-gid-map",
            "0:0:1",
            "-t",
            "accepted",
        ],
    )
    .success();
    assert_eq!(run(&env, "accepted", "cat /ran"), "ran\n");
    build(&env, &ctx, &["--isolation", "oci"]).success();
}
