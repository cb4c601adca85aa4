//! `docker build` (the CLI's classic builder) through the API: the context goes as a tar
//! archive, rpod's builder builds it, and the CLI reads docker's JSON progress.

use super::{DOCKER, Service};
use crate::common::Env;
use crate::common::env::Out;

const DOCKERFILE: &str = r#"FROM busybox
ARG GREETING=hi
LABEL stage=test
COPY msg.txt /msg.txt
RUN echo "$GREETING from RUN" > /run.txt
CMD ["sh", "-c", "cat /msg.txt /run.txt"]
"#;

fn docker_build(env: &Env, service: &Service, args: &[&str]) -> Out {
    let mut cmd = env.command(DOCKER);
    cmd.env("DOCKER_HOST", service.host())
        .env("DOCKER_BUILDKIT", "0")
        .args(["build"])
        .args(args);
    env.run_with_stdin(cmd, None)
}

#[test]
fn api_docker_build_builds_tags_and_runs_the_image_and_reports_failures() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    env.write_file("work/ctx/Dockerfile", DOCKERFILE.as_bytes());
    let msg = env.write_file("work/ctx/msg.txt", b"from-context\n");
    let ctx = msg.parent().unwrap().to_str().unwrap().to_string();

    docker_build(
        &env,
        &service,
        &[
            "-t",
            "built:one",
            "-t",
            "built:two",
            "--build-arg",
            "GREETING=hello",
            "--label",
            "extra=yes",
            &ctx,
        ],
    )
    .success()
    .stdout_has("STEP 5/6")
    .stdout_has("Successfully built");
    super::docker(&env, &service, &["run", "--rm", "built:one"])
        .success()
        .stdout_has("from-context")
        .stdout_has("hello from RUN");
    env.rpod(&["image", "exists", "built:two"]).success();
    env.rpod(&["image", "inspect", "-f", "{{.Config.Labels}}", "built:two"])
        .success()
        .stdout_has("extra:yes")
        .stdout_has("stage:test");
    // -q: the id alone.
    let quiet = docker_build(&env, &service, &["-q", "-t", "built:q", &ctx]);
    assert!(quiet.success().stdout.starts_with("sha256:"), "{quiet:?}");

    // A Dockerfile from outside the context (the CLI adds it to the archive) whose RUN fails.
    let bad = env.write_file("work/bad.Dockerfile", b"FROM busybox\nRUN exit 7\n");
    docker_build(
        &env,
        &service,
        &["-t", "bad", "-f", bad.to_str().unwrap(), &ctx],
    )
    .failure()
    .stderr_has("exited with code 7");
    env.rpod(&["image", "exists", "bad"]).code(1);
    // What the builder cannot honour is refused by name before anything is built.
    docker_build(&env, &service, &["--memory", "10m", "-t", "limited", &ctx])
        .failure()
        .stderr_has("memory");
    env.rpod(&["image", "exists", "limited"]).code(1);
}
