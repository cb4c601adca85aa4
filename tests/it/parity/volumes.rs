//! Volumes: export and import.

use crate::common::Env;

#[test]
fn a_volume_exports_to_a_tar_and_imports_into_another() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "src:/v",
        "busybox",
        "sh",
        "-c",
        "mkdir -p /v/dir && echo kept > /v/dir/file && chmod 640 /v/dir/file",
    ])
    .success();
    let tar = env.path("work/src.tar");
    env.rpod(&["volume", "export", "src", "-o", tar.to_str().unwrap()])
        .success();
    let streamed = env.rpod_cmd(["volume", "export", "src"]).output().unwrap();
    assert!(streamed.status.success());
    assert_eq!(streamed.stdout, std::fs::read(&tar).unwrap());
    env.rpod(&["volume", "create", "dst"]).success();
    env.rpod(&["volume", "import", "dst", tar.to_str().unwrap()])
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "dst:/v",
        "busybox",
        "stat",
        "-c",
        "%a %n",
        "/v/dir/file",
    ])
    .success()
    .stdout_has("640 /v/dir/file");
    env.rpod(&["volume", "create", "piped"]).success();
    env.rpod_with_stdin(&["volume", "import", "piped", "-"], &streamed.stdout)
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "piped:/v",
        "busybox",
        "cat",
        "/v/dir/file",
    ])
    .success()
    .stdout_has("kept");
    env.rpod(&["volume", "import", "nosuch", tar.to_str().unwrap()])
        .code(1)
        .stderr_has("no such volume");
    env.rpod(&["volume", "export", "nosuch"]).code(1);
}
