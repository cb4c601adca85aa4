//! `docker run -i` and `-it`: the hijacked connection's input is the container's stdin.

use sha2::Digest;

use super::{Service, docker, docker_with_stdin};
use crate::common::Env;

#[test]
fn api_docker_run_i_feeds_stdin_and_its_end_ends_the_container() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    let out = docker_with_stdin(
        &env,
        &service,
        &["run", "-i", "--rm", "busybox", "cat"],
        b"hi\n",
    );
    assert_eq!(out.success().stdout, "hi\n", "{out:?}");
    // More than a pipe holds, counted inside: nothing lost or reordered.
    let input: Vec<u8> = (0..20_000)
        .flat_map(|i| format!("{i}\n").into_bytes())
        .collect();
    let out = docker_with_stdin(
        &env,
        &service,
        &[
            "run",
            "-i",
            "--rm",
            "busybox",
            "sh",
            "-c",
            "sha256sum; exit 3",
        ],
        &input,
    );
    assert_eq!(out.code, 3, "{out:?}");
    let digest = hex::encode(sha2::Sha256::digest(&input));
    assert!(out.stdout.starts_with(&digest), "{out:?} vs {digest}");
    // Without -i the container has no input to attach: docker does not ask, and rpod refuses.
    docker(
        &env,
        &service,
        &["create", "--name", "closed", "busybox", "cat"],
    )
    .success();
    let (status, body) = service.request(
        "POST",
        "/v1.41/containers/closed/attach?stream=1&stdin=1&stdout=1",
        "",
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("without OpenStdin"), "{body}");
    let left = env.rpod(&["ps", "-a", "-q"]);
    assert_eq!(left.success().trimmed().lines().count(), 1, "{left:?}");
}

/// `docker run -it` on a terminal (util-linux `script` gives the CLI one): the container's
/// shell gets a terminal of its own and what is typed, and its exit code comes back.
#[test]
fn api_docker_run_it_gives_the_shell_a_terminal_and_the_typed_input() {
    let env = Env::with_busybox();
    let service = Service::start(&env, "0");
    // Typed once the shell had time to start, as a person would.
    let session = format!(
        "(sleep 2; printf 'tty; echo typed-$((6*7)); exit 3\\n') | \
         script -qec '{} run -it --rm busybox sh' /dev/null",
        super::DOCKER
    );
    let mut cmd = env.command("/bin/sh");
    cmd.env("DOCKER_HOST", service.host())
        .args(["-c", &session]);
    let out = env.run_with_stdin(cmd, None);
    assert_eq!(out.code, 3, "{out:?}");
    let text = out.stdout.replace('\r', "");
    assert!(text.contains("/dev/pts/"), "{text}");
    assert!(text.contains("typed-42"), "{text}");
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "");
}
