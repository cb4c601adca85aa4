//! Running from single-file squashfs images (#22): `run --rootfs FILE.sqfs` and `sqfs:FILE`,
//! mounted with squashfuse in the container's user namespace under an overlay.

use std::path::Path;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::common::Env;
use crate::common::debian::DEBIAN;

fn save(env: &Env, image: &str, file: &Path) {
    env.rpod(&[
        "save",
        "--format",
        "squashfs",
        "-o",
        file.to_str().unwrap(),
        image,
    ])
    .success();
}

fn sha256(file: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(file).unwrap()))
}

/// Live (not zombie) squashfuse processes serving `file`.
fn live_squashfuse(file: &Path) -> Vec<String> {
    let needle = file.to_str().unwrap();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter_map(|e| {
            let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            (cmdline.starts_with("squashfuse ")
                && cmdline.contains(needle)
                && !stat.contains(") Z "))
            .then_some(cmdline)
        })
        .collect()
}

fn wait_no_squashfuse(file: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !live_squashfuse(file).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(live_squashfuse(file), Vec::<String>::new());
}

/// An image with an entrypoint, a command, an environment and a working directory of its own.
fn app_image(env: &Env) -> std::path::PathBuf {
    env.write_file(
        "work/ctx/Containerfile",
        b"FROM busybox\n\
          ENV GREETING=hello\n\
          WORKDIR /srv/app\n\
          COPY data.txt /srv/app/data.txt\n\
          ENTRYPOINT [\"sh\", \"-c\", \"echo $GREETING from $(pwd) as $(id -u): $0 $(cat data.txt)\"]\n\
          CMD [\"default\"]\n",
    );
    env.write_file("work/ctx/data.txt", b"from-the-image\n");
    env.rpod(&["build", "-q", "-t", "app", "ctx"]).success();
    let file = env.path("work/app.sqfs");
    save(env, "app", &file);
    file
}

/// For run_flags: `--rootfs FILE` runs from the file, for `run` and `create` alike.
pub fn rootfs(env: &Env) {
    let file = env.path("work/rootfs-check.sqfs");
    save(env, "busybox", &file);
    let path = file.to_str().unwrap();
    env.rpod(&[
        "run",
        "--rm",
        "--rootfs",
        path,
        "sh",
        "-c",
        "echo in > /x && cat /x",
    ])
    .success()
    .stdout_has("in");
    let id = env
        .rpod(&["create", "--rootfs", path, "ls", "-a", "/"])
        .success()
        .trimmed()
        .to_string();
    let listed = env.rpod(&["start", "-a", &id]);
    listed.success().stdout_has("bin\n");
    assert!(!listed.stdout.contains(".rpod"), "{listed:?}");
    env.rpod(&["rm", &id]).success();
}

#[test]
fn the_files_own_record_is_hidden_from_the_container_with_every_driver() {
    let env = Env::with_busybox();
    let file = env.path("work/hidden.sqfs");
    save(&env, "busybox", &file);
    let path = file.to_str().unwrap();
    // The record is in the file (tests/it/squash.rs reads it); the container sees none of it,
    // and a /.rpod of its own starts empty.
    let script = "ls -a / | tr '\\n' ' '; echo; cat /.rpod/config.json; echo cat=$?; \
                  mkdir /.rpod && ls -A /.rpod | wc -l";
    for driver in ["overlay", "fuse-overlayfs", "vfs"] {
        let name = format!("hide-{driver}");
        let out = env.rpod(&[
            "--storage-driver",
            driver,
            "run",
            "--name",
            &name,
            "--rootfs",
            path,
            "sh",
            "-c",
            script,
        ]);
        out.success().stdout_has(" bin ").stdout_has("cat=1\n0\n");
        assert!(
            !out.stdout.lines().next().unwrap().contains(".rpod"),
            "driver {driver}: {out:?}"
        );
        assert!(
            !out.stdout.contains("org.rpod.test"),
            "driver {driver}: {out:?}"
        );
        // The container's own /.rpod is its change; the hiding is none.
        let diff = env.rpod(&["--storage-driver", driver, "diff", &name]);
        diff.success();
        assert!(
            diff.lines().contains(&"A /.rpod"),
            "driver {driver}: {diff:?}"
        );
        env.rpod(&["--storage-driver", driver, "rm", &name])
            .success();
    }
    wait_no_squashfuse(&file);
}

#[test]
fn run_rootfs_squashfs_uses_the_config_keeps_writes_in_the_upper_and_the_file_intact() {
    let env = Env::with_busybox();
    let file = app_image(&env);
    let before = sha256(&file);
    let path = file.to_str().unwrap();
    // The image's entrypoint, command, environment and working directory, from the file.
    env.rpod(&["run", "--rm", "--rootfs", path])
        .success()
        .stdout_has("hello from /srv/app as 0: default from-the-image");
    env.rpod(&["run", "--rm", &format!("sqfs:{path}"), "given"])
        .success()
        .stdout_has("hello from /srv/app as 0: given from-the-image");
    // Writes go to the container's own layer and survive a restart.
    let id = env
        .rpod(&[
            "run",
            "--name",
            "w",
            "--entrypoint",
            "sh",
            "--rootfs",
            path,
            "-c",
            "echo new > /srv/app/new && echo changed >> data.txt && rm -f /bin/true && cat data.txt",
        ])
        .success()
        .stdout_has("from-the-image\nchanged")
        .trimmed()
        .to_string();
    assert!(!id.is_empty());
    wait_no_squashfuse(&file);
    let cid = env
        .rpod(&["inspect", "-f", "{{.Id}}", "w"])
        .success()
        .trimmed()
        .to_string();
    let upper = env.data().join(format!("containers/{cid}/upper"));
    assert_eq!(
        std::fs::read_to_string(upper.join("srv/app/new")).unwrap(),
        "new\n"
    );
    env.rpod(&["start", "-a", "w"])
        .success()
        .stdout_has("from-the-image\nchanged\nchanged");
    env.rpod(&["rm", "w"]).success();
    wait_no_squashfuse(&file);
    assert!(!upper.exists());
    // The file itself never changed; a fresh container sees the image as it was.
    assert_eq!(sha256(&file), before);
    env.rpod(&[
        "run",
        "--rm",
        "--rootfs",
        path,
        "--entrypoint",
        "ls",
        "/bin/true",
    ])
    .success();
}

#[test]
fn diff_export_and_commit_read_the_file_below_the_writes() {
    let env = Env::with_busybox();
    let file = app_image(&env);
    let path = file.to_str().unwrap();
    env.rpod(&[
        "run",
        "--name",
        "w",
        "--entrypoint",
        "sh",
        "--rootfs",
        path,
        "-c",
        "echo new > /srv/app/new && echo changed >> data.txt && rm /bin/true",
    ])
    .success();
    let diff = env.rpod(&["diff", "w"]).success().stdout.clone();
    for line in ["A /srv/app/new", "C /srv/app/data.txt", "D /bin/true"] {
        assert!(diff.lines().any(|l| l == line), "{line} not in:\n{diff}");
    }
    assert!(!diff.contains(".rpod"), "{diff}");

    // The whole tree: the file's, with the container's writes over it, less the file's own
    // record of the image.
    let tar = env.rpod_cmd(["export", "w"]).output().unwrap();
    assert!(tar.status.success());
    let files = crate::fsops::tar_files(&tar.stdout);
    let content = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n.trim_end_matches('/') == name)
            .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
    };
    assert_eq!(content("srv/app/new").as_deref(), Some("new\n"));
    assert_eq!(
        content("srv/app/data.txt").as_deref(),
        Some("from-the-image\nchanged\n")
    );
    assert!(content("bin/busybox").is_some());
    assert_eq!(content("bin/true"), None);
    assert!(files.iter().all(|(n, _)| !n.starts_with(".rpod")));

    // commit: a one-layer image of that tree on the file's config, which runs.
    env.rpod(&["commit", "-q", "w", "snap"]).success();
    let layers = env
        .rpod(&["image", "inspect", "-f", "{{len .RootFS.Layers}}", "snap"])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(layers, "1");
    env.rpod(&[
        "run",
        "--rm",
        "--entrypoint",
        "sh",
        "snap",
        "-c",
        "echo $GREETING; cat new data.txt; ls -a / | grep -c rpod; test ! -e /bin/true",
    ])
    .success()
    .stdout_has("hello\nnew\nfrom-the-image\nchanged\n0\n");
    env.rpod(&["rm", "w"]).success();
    wait_no_squashfuse(&file);
}

#[test]
fn squashfuse_ends_with_a_detached_container_and_with_a_killed_monitor() {
    let env = Env::with_busybox();
    let file = env.path("work/busybox.sqfs");
    save(&env, "busybox", &file);
    let path = file.to_str().unwrap();
    let id = env
        .rpod(&["run", "-d", "--rootfs", path, "sleep", "600"])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(
        live_squashfuse(&file).len(),
        1,
        "the container's squashfuse"
    );
    env.rpod(&["stop", "-t", "0", &id]).success();
    wait_no_squashfuse(&file);
    env.rpod(&["start", &id]).success();
    assert_eq!(live_squashfuse(&file).len(), 1);
    let record =
        std::fs::read_to_string(env.path(&format!("runtime/rpod/containers/{id}/monitor.json")))
            .unwrap();
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    let monitor = record["monitor"]["pid"].as_i64().unwrap() as i32;
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(monitor),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    wait_no_squashfuse(&file);
    env.rpod(&["rm", "-f", &id]).success();
    wait_no_squashfuse(&file);
}

#[test]
fn twenty_concurrent_runs_share_one_squashfs_file() {
    let env = Env::with_busybox();
    let file = env.path("work/busybox.sqfs");
    save(&env, "busybox", &file);
    let before = sha256(&file);
    let path = file.to_str().unwrap().to_string();
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..20)
            .map(|i| {
                let (env, path) = (&env, &path);
                s.spawn(move || {
                    let script = format!("echo {i} > /mine && cat /mine");
                    env.rpod(&["run", "--rm", "--rootfs", path, "sh", "-c", &script])
                        .success()
                        .trimmed()
                        .to_string()
                })
            })
            .collect();
        for (i, run) in runs.into_iter().enumerate() {
            assert_eq!(run.join().unwrap(), i.to_string());
        }
    });
    wait_no_squashfuse(&file);
    assert_eq!(sha256(&file), before);
    assert_eq!(env.rpod(&["ps", "-aq"]).success().trimmed(), "");
}

#[test]
fn debian_from_squashfs_shows_recorded_owners_and_resolves_users() {
    let env = Env::with_debian();
    let file = env.path("work/debian.sqfs");
    save(&env, DEBIAN, &file);
    let path = file.to_str().unwrap();
    let out = env.rpod(&[
        "run",
        "--rm",
        "--rootfs",
        path,
        "sh",
        "-c",
        "stat -c '%u:%g %n' /etc/shadow /etc/passwd; \
         touch /tmp/x && chown 7:7 /tmp/x && stat -c '%u:%g %n' /tmp/x",
    ]);
    out.success();
    assert_eq!(
        out.lines(),
        ["0:42 /etc/shadow", "0:0 /etc/passwd", "7:7 /tmp/x"],
        "{}",
        out.stdout
    );
    env.rpod(&["run", "--rm", "-u", "nobody", "--rootfs", path, "id", "-un"])
        .success()
        .stdout_has("nobody");
}

#[test]
fn bad_squashfs_files_are_refused_with_their_name() {
    let env = Env::with_busybox();
    let missing = env.path("work/missing.sqfs");
    env.rpod(&["run", "--rm", "--rootfs", missing.to_str().unwrap(), "true"])
        .code(125)
        .stderr_has("cannot open squashfs image")
        .stderr_has("missing.sqfs");
    let text = env.write_file("work/text.sqfs", b"not a file system\n");
    env.rpod(&["run", "--rm", "--rootfs", text.to_str().unwrap(), "true"])
        .code(125)
        .stderr_has("text.sqfs is not a squashfs file");
    let good = env.path("work/busybox.sqfs");
    save(&env, "busybox", &good);
    let bytes = std::fs::read(&good).unwrap();
    let cut = env.write_file("work/cut.sqfs", &bytes[..bytes.len() / 2]);
    env.rpod(&["run", "--rm", "--rootfs", cut.to_str().unwrap(), "true"])
        .code(125)
        .stderr_has("cannot read squashfs image")
        .stderr_has("cut.sqfs");
    let dir = format!("sqfs:{}", env.path("work").display());
    env.rpod(&["run", "--rm", &dir, "true"])
        .code(125)
        .stderr_has("sqfs: names a squashfs file; run a directory with --rootfs DIR");
    // No squashfuse: said before anything is made, never a silent fallback.
    let mut no_fuse = env.rpod_cmd(["run", "--rm", "--rootfs", good.to_str().unwrap(), "true"]);
    no_fuse.env("PATH", "/nonexistent");
    env.run_with_stdin(no_fuse, None)
        .code(125)
        .stderr_has("cannot run squashfs images: squashfuse is not installed")
        .stderr_has("hint: install squashfuse");
    let mut info = env.rpod_cmd(["info", "--format", "json"]);
    info.env("PATH", "/nonexistent");
    let info: serde_json::Value =
        serde_json::from_str(&env.run_with_stdin(info, None).success().stdout).unwrap();
    assert_eq!(
        info["store"]["squashfsImages"],
        "cannot run squashfs images: squashfuse is not installed"
    );
    let info: serde_json::Value =
        serde_json::from_str(&env.rpod(&["info", "--format", "json"]).success().stdout).unwrap();
    assert!(
        info["store"]["squashfsImages"]
            .as_str()
            .unwrap()
            .starts_with("ready"),
        "{info}"
    );
    // Nothing was created by the refused runs.
    assert_eq!(env.rpod(&["ps", "-aq"]).success().trimmed(), "");
    // A file damaged after the container was made: the verbs that read it name it.
    let late = env.path("work/late.sqfs");
    std::fs::copy(&good, &late).unwrap();
    env.rpod(&[
        "create",
        "--name",
        "c",
        "--rootfs",
        late.to_str().unwrap(),
        "true",
    ])
    .success();
    std::fs::write(&late, &bytes[..bytes.len() / 2]).unwrap();
    env.rpod(&[
        "export",
        "-o",
        env.path("work/c.tar").to_str().unwrap(),
        "c",
    ])
    .code(125)
    .stderr_has(late.to_str().unwrap());
    assert!(!env.path("work/c.tar").exists());
}
