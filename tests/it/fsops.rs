//! A container's file system from outside: `diff`, `commit` and `export`, on stopped and
//! running containers.

use std::io::{Read, Write};

use crate::common::Env;

/// Names and contents of the regular files in a tar stream.
pub fn tar_files(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = tar::Archive::new(bytes);
    let mut files = Vec::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        files.push((name, data));
    }
    files
}

const CHANGES: &str = "echo hi > /etc/motd2; rm /bin/vi; mkdir -p /data/sub; echo x > /data/sub/f; echo more >> /etc/passwd";

#[test]
fn diff_lists_added_changed_and_deleted_paths() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        CHANGES,
    ])
    .success();
    let out = env.rpod(&["diff", "c"]);
    assert_eq!(
        out.success().lines(),
        [
            "C /bin",
            "D /bin/vi",
            "A /data",
            "A /data/sub",
            "A /data/sub/f",
            "C /etc",
            "A /etc/motd2",
            "C /etc/passwd",
        ],
        "rpod's own mount points (/proc, /etc/hosts, …) are not the container's changes"
    );
    let json = env.rpod(&["diff", "--format", "json", "c"]);
    let doc: serde_json::Value = serde_json::from_str(&json.success().stdout).unwrap();
    assert_eq!(doc["deleted"], serde_json::json!(["/bin/vi"]));
    assert!(
        doc["added"]
            .as_array()
            .unwrap()
            .contains(&"/etc/motd2".into())
    );

    env.rpod(&[
        "run",
        "--name",
        "clean",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    assert_eq!(env.rpod(&["diff", "clean"]).success().stdout, "");
    env.rpod(&["diff", "nosuch"])
        .failure()
        .stderr_has("no container with name or ID \"nosuch\" found");
}

#[test]
fn commit_makes_an_image_that_runs_with_the_changes() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "c",
        "--network",
        "none",
        "-e",
        "GREETING=hello",
        "busybox",
        "sh",
        "-c",
        CHANGES,
    ])
    .success();
    let id = env.rpod(&[
        "commit",
        "-m",
        "my message",
        "-a",
        "me",
        "-c",
        "CMD [\"cat\", \"/etc/motd2\"]",
        "c",
        "committed:v1",
    ]);
    let id = id.success().trimmed().to_string();
    assert!(id.starts_with("sha256:") && id.len() == 71, "{id}");
    env.rpod(&["run", "--rm", "--network", "none", "committed:v1"])
        .success()
        .stdout_has("hi");
    let inside = env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "committed:v1",
        "sh",
        "-c",
        "cat /data/sub/f; tail -n1 /etc/passwd; echo $GREETING; ls /bin/vi || echo vi-gone",
    ]);
    inside.success().stdout_has("x\nmore\nhello\nvi-gone");
    env.rpod(&["history", "--format", "{{.Comment}}", "committed:v1"])
        .success()
        .stdout_has("my message");
    env.rpod(&[
        "image",
        "inspect",
        "--format",
        "{{.Author}}",
        "committed:v1",
    ])
    .success()
    .stdout_has("me");
    // Committing a running container, then a second commit on top of the first image.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "live",
        "--network",
        "none",
        "committed:v1",
        "sh",
        "-c",
        "echo live > /live; sleep 60",
    ])
    .success();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !env.rpod(&["diff", "live"]).stdout.contains("A /live") {
        assert!(
            std::time::Instant::now() < deadline,
            "the running container never wrote /live"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    env.rpod(&["commit", "live", "committed:v2"]).success();
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "committed:v2",
        "cat",
        "/live",
        "/etc/motd2",
    ])
    .success()
    .stdout_has("live\nhi");
    env.rpod(&["commit", "-c", "BOGUS x", "live"])
        .code(125)
        .stderr_has("BOGUS");
}

#[test]
fn export_writes_the_whole_root_file_system() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        CHANGES,
    ])
    .success();
    let out = env.rpod_cmd(["export", "c"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = tar_files(&out.stdout);
    let find = |name: &str| files.iter().find(|(n, _)| n.trim_end_matches('/') == name);
    assert_eq!(
        find("etc/motd2").map(|(_, d)| d.as_slice()),
        Some(&b"hi\n"[..])
    );
    assert_eq!(
        find("data/sub/f").map(|(_, d)| d.as_slice()),
        Some(&b"x\n"[..])
    );
    assert!(find("bin/busybox").is_some_and(|(_, d)| d.len() > 100_000));
    assert!(find("bin/vi").is_none(), "a deleted file is not exported");
    assert!(files.iter().all(|(n, _)| !n.contains(".wh.")));

    let target = env.path("work/c.tar");
    env.rpod(&["export", "-o", target.to_str().unwrap(), "c"])
        .success();
    let bytes = std::fs::read(&target).unwrap();
    assert_eq!(tar_files(&bytes).len(), files.len());
    env.rpod(&["export", "-o", "/nonexistent/dir/c.tar", "c"])
        .code(125)
        .stderr_has("/nonexistent/dir");
}

#[test]
fn cp_copies_trees_both_ways_keeping_modes_and_staying_inside() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_busybox();
    let tree = env.write_file("work/tree/sub/f", b"hello\n");
    std::fs::set_permissions(&tree, std::fs::Permissions::from_mode(0o640)).unwrap();
    let host = |p: &str| env.path(p).to_str().unwrap().to_string();

    // Into a stopped (never started) container, then seen when it runs.
    env.rpod(&[
        "create",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "stat -c %a /tree/sub/f; cat /tree/sub/f",
    ])
    .success();
    env.rpod(&["cp", &host("work/tree"), "c:/"]).success();
    env.rpod(&["start", "-a", "c"])
        .success()
        .stdout_has("640\nhello");

    // Out of a stopped container, under a new name, modes kept.
    env.rpod(&["cp", "c:/tree", &host("work/back")]).success();
    let back = env.path("work/back/sub/f");
    assert_eq!(std::fs::read_to_string(&back).unwrap(), "hello\n");
    assert_eq!(
        std::fs::metadata(&back).unwrap().permissions().mode() & 0o777,
        0o640
    );

    // A running container: a symlink to / inside it leads to its own root, not the host's.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "r",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "ln -s / /escape; echo inside > /marker; sleep 60",
    ])
    .success();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while env.rpod(&["exec", "r", "cat", "/marker"]).code != 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the container never wrote /marker"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    env.rpod(&["cp", "r:/escape/marker", &host("work/marker")])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/marker")).unwrap(),
        "inside\n"
    );
    let one = env.write_file("work/one", b"one\n");
    env.rpod(&["cp", one.to_str().unwrap(), "r:/escape/tmp/one"])
        .success();
    env.rpod(&["exec", "r", "cat", "/tmp/one"])
        .success()
        .stdout_has("one");
    assert!(!std::path::Path::new("/tmp/one").exists());

    // Tar streams with -.
    let out = env.rpod_cmd(["cp", "r:/tmp", "-"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        tar_files(&out.stdout)
            .iter()
            .any(|(n, d)| n == "tmp/one" && d == b"one\n")
    );
    env.rpod_with_stdin(&["cp", "-", "r:/srv"], &out.stdout)
        .code(125)
        .stderr_has("destination must be a directory when copying from stdin");
    env.rpod(&["exec", "r", "mkdir", "/srv"]).success();
    env.rpod_with_stdin(&["cp", "-", "r:/srv"], &out.stdout)
        .success();
    env.rpod(&["exec", "r", "cat", "/srv/tmp/one"])
        .success()
        .stdout_has("one");
    // A sender that pads its tar to a whole record, and sends the padding late (as docker's
    // client may through the API), gets no broken pipe: the helper reads the stream to its end.
    let mut late = env
        .rpod_cmd(["cp", "-", "r:/srv"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = late.stdin.take().unwrap();
    stdin.write_all(&out.stdout).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    stdin.write_all(&[0; 10240]).unwrap();
    drop(stdin);
    let late = late.wait_with_output().unwrap();
    assert!(
        late.status.success(),
        "{}",
        String::from_utf8_lossy(&late.stderr)
    );

    env.rpod(&["cp", "r:/nonexistent", &host("work/x")])
        .code(125)
        .stderr_has(
            "Error: \"/nonexistent\" could not be found on container r: no such file or directory",
        );
    env.rpod(&["cp", &host("work/tree"), "nosuch:/"])
        .failure()
        .stderr_has("nosuch");
    env.rpod(&["cp", &host("work/one"), &host("work/two")])
        .code(125)
        .stderr_has("CONTAINER:PATH");
}

#[test]
fn cp_follows_podman_paths_between_containers_and_to_stdout() {
    let env = Env::with_busybox();
    let host = |p: &str| env.path(p).to_str().unwrap().to_string();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "a",
        "--network",
        "none",
        "-w",
        "/srv",
        "busybox",
        "sh",
        "-c",
        "mkdir -p data && echo from-a > data/f && echo ready > /ready && sleep 60",
    ])
    .success();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while env.rpod(&["exec", "a", "cat", "/ready"]).code != 0 {
        assert!(std::time::Instant::now() < deadline, "a never got ready");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A relative container path starts at the container's working directory (/srv).
    env.rpod(&["cp", "a:data/f", &host("work/f")]).success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/f")).unwrap(),
        "from-a\n"
    );
    env.write_file("work/in", b"to-a\n");
    env.rpod(&["cp", &host("work/in"), "a:data/in"]).success();
    env.rpod(&["exec", "a", "cat", "/srv/data/in"])
        .success()
        .stdout_has("to-a");

    // From one container to another, running or stopped; a directory with its name, or its
    // contents with /.
    env.rpod(&[
        "create",
        "--name",
        "b",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    env.rpod(&["cp", "a:/srv/data", "b:/tmp"]).success();
    env.rpod(&["cp", "a:data/.", "b:/copied"]).success();
    env.rpod(&["cp", "b:/tmp/data/f", &host("work/via-b")])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/via-b")).unwrap(),
        "from-a\n"
    );
    env.rpod(&["cp", "b:/copied/in", &host("work/via-b-contents")])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/via-b-contents")).unwrap(),
        "to-a\n"
    );

    // `-` streams a tar archive; /dev/stdout is no regular file, as docker and podman say,
    // unless it is redirected to one.
    let tar = env.rpod_cmd(["cp", "a:data/f", "-"]).output().unwrap();
    assert!(tar.status.success());
    assert!(
        tar_files(&tar.stdout)
            .iter()
            .any(|(n, d)| n == "f" && d == b"from-a\n")
    );
    env.rpod(&["cp", "a:data/f", "/dev/stdout"])
        .code(125)
        .stderr_has("must be a directory or a regular file");
    let out = env.path("work/redirected");
    let mut cmd = env.command("sh");
    cmd.arg("-c").arg(format!(
        "{} cp a:data/f /dev/stdout > {}",
        crate::common::env::rpod_bin().display(),
        out.display()
    ));
    env.run_with_stdin(cmd, None).success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "from-a\n");

    // Missing paths, in podman's words.
    env.rpod(&["cp", "a:nothing", &host("work/x")])
        .code(125)
        .stderr_has(
            "Error: \"nothing\" could not be found on container a: no such file or directory",
        );
    env.rpod(&["cp", &host("work/none"), "a:/tmp"])
        .code(125)
        .stderr_has(&format!(
            "Error: \"{}\" could not be found on the host: no such file or directory",
            host("work/none")
        ));
    env.rpod(&["cp", &host("work/in"), "a:/no/such/dir/"])
        .code(125)
        .stderr_has("Error: \"/no/such/dir/\" could not be found on container a");
    env.rpod(&["cp", "a:data/f", &host("work/no/such/f")])
        .code(125)
        .stderr_has("could not be found on the host");
    env.rpod(&["cp", "a:/srv/data", &host("work/f")])
        .code(125)
        .stderr_has("destination must be a directory when copying a directory");
    env.rpod(&["rm", "-f", "a", "b"]).success();
}

#[test]
fn cp_overwrite_lets_a_directory_and_a_file_replace_each_other() {
    let env = Env::with_busybox();
    let host = |p: &str| env.path(p).to_str().unwrap().to_string();
    env.write_file("work/file/foo", b"a file\n");
    env.write_file("work/dir/foo/inner", b"in a directory\n");
    for name in ["d", "f"] {
        env.rpod(&[
            "create",
            "--name",
            name,
            "--network",
            "none",
            "busybox",
            "true",
        ])
        .success();
    }
    // d has /tmp/foo/ as a directory, f has /tmp/foo as a file.
    env.rpod(&["cp", &host("work/dir/foo"), "d:/tmp"]).success();
    env.rpod(&["cp", &host("work/file/foo"), "f:/tmp"])
        .success();

    // Host to container: a file over a directory, refused as podman refuses it, then done.
    env.rpod(&["cp", &host("work/file/foo"), "d:/tmp"])
        .code(125)
        .stderr_has("error creating \"/tmp/foo\": ")
        .stderr_has(": file exists");
    env.rpod(&["cp", "d:/tmp/foo/inner", &host("work/still-dir")])
        .success();
    env.rpod(&["cp", "--overwrite", &host("work/file/foo"), "d:/tmp"])
        .success();
    env.rpod(&["cp", "d:/tmp/foo", &host("work/now-file")])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/now-file")).unwrap(),
        "a file\n"
    );

    // Container to container: a directory over a file.
    env.rpod(&["cp", &host("work/dir/foo"), "d:/var"]).success();
    env.rpod(&["cp", "d:/var/foo", "f:/tmp"])
        .code(125)
        .stderr_has("error creating \"/tmp/foo\": ");
    env.rpod(&["cp", "--overwrite", "d:/var/foo", "f:/tmp"])
        .success();
    env.rpod(&["cp", "f:/tmp/foo/inner", &host("work/f-inner")])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/f-inner")).unwrap(),
        "in a directory\n"
    );

    // Container to host: a file over a host directory, and back.
    env.run_as_user("mkdir", &["-p", &host("work/out/foo")])
        .success();
    env.rpod(&["cp", "d:/tmp/foo", &host("work/out")])
        .code(125)
        .stderr_has(": file exists");
    assert!(env.path("work/out/foo").is_dir());
    env.rpod(&["cp", "--overwrite", "d:/tmp/foo", &host("work/out")])
        .success();
    assert_eq!(
        std::fs::read_to_string(env.path("work/out/foo")).unwrap(),
        "a file\n"
    );
    env.rpod(&["cp", "d:/var/foo", &host("work/out")])
        .code(125)
        .stderr_has(": file exists");
    env.rpod(&["cp", "--overwrite", "d:/var/foo", &host("work/out")])
        .success();
    assert!(env.path("work/out/foo/inner").is_file());
}
