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
    // The directory took the writes itself: diff has nothing to compare them with.
    env.rpod(&["diff", "fromdir"])
        .code(125)
        .stderr_has("it writes into the directory")
        .stderr_has(":O to keep them apart");
    // export and commit take the directory's tree, as the container sees it.
    let tar = env.rpod_cmd(["export", "fromdir"]).output().unwrap();
    assert!(tar.status.success());
    let files = crate::fsops::tar_files(&tar.stdout);
    assert!(
        files
            .iter()
            .any(|(n, d)| n == "made" && d == b"made-inside\n")
    );
    env.rpod(&["commit", "-q", "fromdir", "fromdir-image"])
        .success();
    env.rpod(&["run", "--rm", "fromdir-image", "cat", "/greeting", "/made"])
        .success()
        .stdout_has("hello\nmade-inside\n");
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
    // diff, export and commit see the writes over the directory.
    env.rpod(&[
        "run",
        "--name",
        "o",
        "--network",
        "none",
        "--rootfs",
        &overlay,
        "sh",
        "-c",
        "echo changed > /greeting; echo new > /new",
    ])
    .success();
    let diff = env.rpod(&["diff", "o"]).success().stdout.clone();
    for line in ["C /greeting", "A /new"] {
        assert!(diff.lines().any(|l| l == line), "{line} not in:\n{diff}");
    }
    let tar = env.rpod_cmd(["export", "o"]).output().unwrap();
    assert!(tar.status.success());
    let files = crate::fsops::tar_files(&tar.stdout);
    assert!(
        files
            .iter()
            .any(|(n, d)| n == "greeting" && d == b"changed\n")
    );
    assert!(files.iter().any(|(n, _)| n == "bin/busybox"));
    env.rpod(&["commit", "-q", "o", "o-image"]).success();
    env.rpod(&["run", "--rm", "o-image", "cat", "/greeting", "/new"])
        .success()
        .stdout_has("changed\nnew\n");
    assert_eq!(
        std::fs::read_to_string(format!("{root}/greeting")).unwrap(),
        "hello\n"
    );
    env.rpod(&["run", "--rm", "--rootfs", &format!("{root}:idmap"), "true"])
        .code(125)
        .stderr_has("rpod maps one id");
    env.rpod(&["run", "--rm", "--rootfs", "/nonexistent/dir:O", "true"])
        .code(125)
        .stderr_has("no such directory");
}
