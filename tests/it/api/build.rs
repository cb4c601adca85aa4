//! Images made through the API: `docker build` (the CLI's classic builder: the context goes
//! as a tar archive, rpod's builder builds it, the CLI reads docker's JSON progress) and
//! `docker commit`.

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

    // docker reads a Dockerfile.in as it is, never through cpp as `rpod build` would.
    let dot_in = env.write_file(
        "work/ctx/Dockerfile.in",
        b"FROM busybox\n# not a directive\nRUN echo __LINE__ > /line\n",
    );
    docker_build(
        &env,
        &service,
        &["-t", "dot-in", "-f", dot_in.to_str().unwrap(), &ctx],
    )
    .success();
    env.rpod(&["run", "--rm", "dot-in", "cat", "/line"])
        .success()
        .stdout_has("__LINE__");

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

#[test]
fn api_docker_commit_makes_an_image_of_the_containers_changes_and_the_changes_asked() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let docker = |args: &[&str]| super::docker(&env, &service, args);
    docker(&[
        "run",
        "-d",
        "--name",
        "cm",
        "busybox",
        "sh",
        "-c",
        "echo committed > /made.txt; exec sleep 600",
    ])
    .success();
    // The file exists before the commit reads the container.
    let made = "test -s /made.txt || { sleep 0.2; test -s /made.txt; }";
    env.rpod(&["exec", "cm", "sh", "-c", made]).success();
    docker(&[
        "commit",
        "-c",
        r#"CMD ["cat", "/made.txt"]"#,
        "-c",
        "ENV MADE=yes",
        "-m",
        "the message",
        "-a",
        "me <me@example.org>",
        "cm",
        "snap:v1",
    ])
    .success()
    .stdout_has("sha256:");
    docker(&["run", "--rm", "snap:v1"])
        .success()
        .stdout_has("committed");
    docker(&["run", "--rm", "snap:v1", "sh", "-c", "echo $MADE"])
        .success()
        .stdout_has("yes");
    docker(&[
        "image",
        "inspect",
        "-f",
        "{{.Author}}|{{.Comment}}",
        "snap:v1",
    ])
    .success()
    .stdout_has("me <me@example.org>|the message");
    docker(&["commit", "nosuch", "x"])
        .failure()
        .stderr_has("No such container: nosuch");
}
