//! `build --cache-to/--cache-from/--cache-ttl`: step images in a registry, tagged by their
//! cache keys, let a clean store skip the RUN steps a first build ran.

use crate::common::Env;
use crate::common::registry::Registry;

const DOCKERFILE: &str = "FROM busybox
ENV STAGE=one
RUN head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n' > /random && echo >> /random
COPY file.txt /file.txt
RUN head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \\n' >> /random
";

/// Builds `DOCKERFILE` with `file.txt` holding `content` and `extra` options; returns the
/// build's output and the built image's /random.
fn build(env: &Env, content: &str, extra: &[&str]) -> (String, Vec<String>) {
    env.write_file("ctx/Dockerfile", DOCKERFILE.as_bytes());
    env.write_file("ctx/file.txt", content.as_bytes());
    let ctx = env.path("ctx").display().to_string();
    let mut args = vec!["build", "--network", "none", "-t", "app"];
    args.extend_from_slice(extra);
    args.push(&ctx);
    let out = env.rpod(&args);
    out.success();
    let random = env
        .rpod(&["run", "--rm", "--network", "none", "app", "cat", "/random"])
        .success()
        .stdout
        .lines()
        .map(str::to_string)
        .collect();
    (out.stdout.clone(), random)
}

#[test]
fn a_clean_store_takes_the_run_steps_from_the_registry() {
    let repo = format!("{}/buildcache/app", Registry::shared().addr());
    let first = Env::with_busybox();
    let (out, made) = build(&first, "v1", &["--cache-to", &repo]);
    assert!(out.contains("Pushed cache"), "{out}");
    assert_eq!(made.len(), 2, "{made:?}");

    // Another store, without the cache: the RUN steps run and write other values.
    let other = Env::with_busybox();
    let (_, fresh) = build(&other, "v1", &[]);
    assert_ne!(fresh, made, "the RUN steps write a new value on each run");

    // A clean store with --cache-from: no RUN step runs, the image is the first one.
    let clean = Env::with_busybox();
    let (out, cached) = build(&clean, "v1", &["--cache-from", &repo]);
    assert_eq!(cached, made, "{out}");
    assert!(out.contains(&format!("from {repo}")), "{out}");
    let id = |env: &Env| {
        env.rpod(&["image", "inspect", "-f", "{{.Id}}", "app"])
            .success()
            .trimmed()
            .to_string()
    };
    assert_eq!(id(&clean), id(&first));

    // A changed COPY source: the steps before it still come from the registry, the RUN
    // after it runs again.
    let (_, changed) = build(&clean, "v2", &["--cache-from", &repo]);
    assert_eq!(changed[0], made[0]);
    assert_ne!(changed[1], made[1]);

    // --cache-ttl: a cache image older than the limit is not used.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let late = Env::with_busybox();
    let (_, expired) = build(&late, "v1", &["--cache-from", &repo, "--cache-ttl", "1s"]);
    assert_ne!(expired[0], made[0]);
    let recent = Env::with_busybox();
    let (_, kept) = build(&recent, "v1", &["--cache-from", &repo, "--cache-ttl", "1h"]);
    assert_eq!(kept, made);
}

#[test]
fn cache_repositories_are_checked_before_the_build() {
    let env = Env::with_busybox();
    env.write_file("ctx/Dockerfile", b"FROM busybox\nRUN true\n");
    let ctx = env.path("ctx").display().to_string();
    let reg = Registry::shared().addr();
    let tagged = format!("{reg}/buildcache/x:v1");
    env.rpod(&["build", "--cache-from", &tagged, &ctx])
        .code(125)
        .stderr_has("name a repository without tag or digest");
    let repo = format!("{reg}/buildcache/x");
    env.rpod(&["build", "--layers=false", "--cache-to", &repo, &ctx])
        .code(125)
        .stderr_has("cannot be used with --layers=false");
    env.rpod(&["build", "--cache-ttl", "soon", &ctx])
        .code(125)
        .stderr_has("invalid --cache-ttl \"soon\"");
}
