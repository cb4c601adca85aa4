//! A container's file system from outside: `diff`, `commit` and `export`, on stopped and
//! running containers.

use std::io::Read;

use crate::common::Env;

fn ready() -> Env {
    let env = Env::new();
    env.rpod(&["pull", "-q", "busybox"]).success();
    env
}

/// Names and contents of the regular files in a tar stream.
fn tar_files(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
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
    let env = ready();
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
    let env = ready();
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
    let env = ready();
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
