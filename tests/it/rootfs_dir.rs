//! `run --rootfs DIR` (podman's): a directory as the container's root file system, written to
//! directly, or with `:O` kept as it is under an overlay.

use crate::common::Env;

/// A directory tree of the test user's: busybox, a passwd file, a greeting.
fn root_dir(env: &Env) -> String {
    let dir = env.path("work/root");
    let d = dir.display();
    env.run_as_user(
        "sh",
        &[
            "-c",
            &format!(
                "mkdir -p {d}/bin {d}/etc && cp /bin/busybox {d}/bin/ && \
                 for a in sh cat echo id ls; do ln -s busybox {d}/bin/$a; done && \
                 echo 'root:x:0:0:root:/root:/bin/sh' > {d}/etc/passwd && \
                 echo 'app:x:1000:1000::/home/app:/bin/sh' >> {d}/etc/passwd && \
                 echo hello > {d}/greeting"
            ),
        ],
    )
    .success();
    dir.display().to_string()
}

#[test]
fn a_directory_is_the_root_and_takes_the_writes() {
    let env = Env::new();
    let root = root_dir(&env);
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--rootfs",
        &root,
        "sh",
        "-c",
        "cat /greeting; echo made-inside > /made",
    ])
    .success()
    .stdout_has("hello");
    assert_eq!(
        std::fs::read_to_string(format!("{root}/made")).unwrap(),
        "made-inside\n"
    );
    // The directory's user database names the container's users.
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-u",
        "app",
        "--rootfs",
        &root,
        "id",
        "-u",
    ])
    .success()
    .stdout_has("1000");
    // A directory has no command of its own: podman's error.
    env.rpod(&["run", "--rm", "--network", "none", "--rootfs", &root])
        .code(125)
        .stderr_has("no command specified");
    env.rpod(&["create", "--name", "fromdir", "--rootfs", &root, "true"])
        .success();
    env.rpod(&["diff", "fromdir"])
        .code(125)
        .stderr_has("it runs from the directory");
}

#[test]
fn with_o_the_directory_stays_as_it_was() {
    let env = Env::new();
    let root = root_dir(&env);
    let overlay = format!("{root}:O");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--rootfs",
        &overlay,
        "sh",
        "-c",
        "echo changed > /greeting; echo new > /new; cat /greeting",
    ])
    .success()
    .stdout_has("changed");
    assert_eq!(
        std::fs::read_to_string(format!("{root}/greeting")).unwrap(),
        "hello\n"
    );
    assert!(!std::path::Path::new(&format!("{root}/new")).exists());
    env.rpod(&["run", "--rm", "--rootfs", &format!("{root}:idmap"), "true"])
        .code(125)
        .stderr_has("rpod maps one id");
    env.rpod(&["run", "--rm", "--rootfs", "/nonexistent/dir:O", "true"])
        .code(125)
        .stderr_has("no such directory");
}
