//! Volumes, bind mounts and tmpfs: data that outlives a container, is shared between
//! containers, comes from the image, and is held to its options.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::time::{Duration, Instant};

use crate::common::env::user;
use crate::common::{Env, fixtures};

fn mountpoint(env: &Env, volume: &str) -> std::path::PathBuf {
    let out = env.rpod(&["volume", "inspect", "-f", "{{.Mountpoint}}", volume]);
    out.success().trimmed().into()
}

fn wait_for(path: &std::path::Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn named_volume_outlives_containers_and_is_shared_while_in_use() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "echo kept > /data/f",
    ])
    .success();
    let host = mountpoint(&env, "data");
    assert_eq!(fs::read_to_string(host.join("f")).unwrap(), "kept\n");
    assert_eq!(fs::metadata(host.join("f")).unwrap().uid(), user().0);
    env.rpod(&["run", "--rm", "-v", "data:/srv", "busybox", "cat", "/srv/f"])
        .success()
        .stdout_has("kept");
    env.rpod(&["volume", "ls", "--format", "{{.Name}} {{.Driver}}"])
        .success()
        .stdout_has("data local");

    // Two containers at once: what one writes the other reads.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "server",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "while [ ! -f /data/ping ]; do sleep 0.05; done; echo pong > /data/pong; sleep 60",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        "data:/data",
        "busybox",
        "touch",
        "/data/ping",
    ])
    .success();
    wait_for(&host.join("pong"));
    env.rpod(&["exec", "server", "cat", "/data/pong"])
        .success()
        .stdout_has("pong");
    env.rpod(&[
        "inspect",
        "-f",
        "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}}{{end}}",
        "server",
    ])
    .success()
    .stdout_has("volume data /data true");

    env.rpod(&["volume", "rm", "data"])
        .code(2)
        .stderr_has("volume data is being used by container server");
    assert!(host.join("f").exists(), "a refused rm keeps the data");
    env.rpod(&["volume", "prune", "--all", "--force"]).success();
    assert!(host.join("f").exists(), "prune spares volumes in use");
    env.rpod(&["rm", "-f", "server"]).success();
    env.rpod(&["volume", "rm", "data"]).success();
    assert!(!host.exists());
    env.rpod(&["volume", "rm", "data"])
        .code(1)
        .stderr_has("no such volume: data");
    env.rpod(&["volume", "rm", "--force", "data"]).success();
}

#[test]
fn volume_rm_force_removes_its_containers_stopping_a_running_one_after_time() {
    let env = Env::with_busybox();
    env.rpod(&["volume", "create", "held"]).success();
    // sh as PID 1 ignores SIGTERM: only the kill after --time ends it.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "user",
        "--network",
        "none",
        "-v",
        "held:/data",
        "busybox",
        "sh",
        "-c",
        "touch /data/up; sleep 600",
    ])
    .success();
    env.rpod(&[
        "create",
        "--name",
        "idle",
        "-v",
        "held:/data",
        "busybox",
        "true",
    ])
    .success();
    wait_for(&mountpoint(&env, "held").join("up"));

    env.rpod(&["volume", "rm", "-t", "0", "held"])
        .code(125)
        .stderr_has("--force option must be specified to use the --time option");
    env.rpod(&["volume", "rm", "-f", "-t", "-2", "held"])
        .code(125)
        .stderr_has("invalid --time -2");

    let started = Instant::now();
    env.rpod(&["volume", "rm", "-f", "-t", "2", "held"])
        .success()
        .stdout_has("held");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(2),
        "killed before --time: {took:?}"
    );
    assert!(
        took < Duration::from_secs(9),
        "waited for the stop timeout: {took:?}"
    );
    for gone in ["user", "idle"] {
        env.rpod(&["container", "exists", gone]).code(1);
    }
    env.rpod(&["volume", "exists", "held"]).code(1);
    // A missing volume is no error with --force.
    env.rpod(&["volume", "rm", "-f", "-t", "0", "held"])
        .success();
}

#[test]
fn volume_rm_all_refuses_volumes_in_use_unless_forced_then_stops_after_time() {
    let env = Env::with_busybox();
    for v in ["busy", "idle", "spare"] {
        env.rpod(&["volume", "create", v]).success();
    }
    // sh as PID 1 ignores SIGTERM: only the kill after --time ends it.
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "runner",
        "--network",
        "none",
        "-v",
        "busy:/data",
        "busybox",
        "sh",
        "-c",
        "touch /data/up; sleep 600",
    ])
    .success();
    env.rpod(&[
        "create",
        "--name",
        "waiter",
        "-v",
        "idle:/data",
        "busybox",
        "true",
    ])
    .success();
    wait_for(&mountpoint(&env, "busy").join("up"));

    env.rpod(&["volume", "rm", "--all", "spare"])
        .code(125)
        .stderr_has("choose either one or more volumes or all");
    env.rpod(&["volume", "rm", "--all", "-t", "0"])
        .code(125)
        .stderr_has("--force option must be specified to use the --time option");

    // Without --force every volume is tried: the unused one goes, those in use stay (exit 2).
    let out = env.rpod(&["volume", "rm", "--all"]);
    out.code(2)
        .stderr_has("volume busy is being used by container runner")
        .stderr_has("volume idle is being used by container waiter");
    assert_eq!(out.trimmed(), "spare");
    env.rpod(&["volume", "exists", "spare"]).code(1);
    for kept in ["busy", "idle"] {
        env.rpod(&["volume", "exists", kept]).success();
    }
    env.rpod(&["container", "exists", "runner"]).success();

    let started = Instant::now();
    let out = env.rpod(&["volume", "rm", "--all", "-f", "-t", "2"]);
    out.success();
    let took = started.elapsed();
    let mut removed: Vec<&str> = out.trimmed().lines().collect();
    removed.sort();
    assert_eq!(removed, ["busy", "idle"]);
    assert!(
        took >= Duration::from_secs(2),
        "killed before --time: {took:?}"
    );
    assert!(
        took < Duration::from_secs(9),
        "waited for the stop timeout: {took:?}"
    );
    for gone in ["runner", "waiter"] {
        env.rpod(&["container", "exists", gone]).code(1);
    }
    assert_eq!(env.rpod(&["volume", "ls", "-q"]).success().trimmed(), "");
}

#[test]
fn read_only_volumes_and_binds_refuse_writes() {
    let env = Env::with_busybox();
    env.rpod(&["volume", "create", "--label", "team=ml", "ro"])
        .success();
    env.rpod(&["volume", "create", "ro"])
        .success()
        .stdout_has("ro");
    env.rpod(&["volume", "ls", "-q", "--filter", "label=team=ml"])
        .success()
        .stdout_has("ro");
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        "ro:/ro:ro",
        "busybox",
        "touch",
        "/ro/x",
    ])
    .code(1)
    .stderr_has("Read-only file system");

    let shared = env.write_file("work/shared/input.txt", b"from the host\n");
    let dir = shared.parent().unwrap().to_str().unwrap().to_string();
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        &format!("{dir}:/in"),
        "busybox",
        "sh",
        "-c",
        "cat /in/input.txt; echo from the container > /in/output.txt",
    ])
    .success()
    .stdout_has("from the host");
    let written = env.path("work/shared/output.txt");
    assert_eq!(
        fs::read_to_string(&written).unwrap(),
        "from the container\n"
    );
    assert_eq!(fs::metadata(&written).unwrap().uid(), user().0);
    // Relative paths are taken from the current directory, as docker does.
    env.rpod(&[
        "run",
        "--rm",
        "--mount",
        "type=bind,source=./shared,target=/in,readonly",
        "busybox",
        "sh",
        "-c",
        "cat /in/output.txt && rm /in/output.txt",
    ])
    .code(1)
    .stdout_has("from the container")
    .stderr_has("Read-only file system");
    assert!(written.exists());
}

#[test]
fn tmpfs_holds_its_size_and_is_noexec_unless_asked() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--rm",
        "--tmpfs",
        "/scratch:size=1m",
        "busybox",
        "dd",
        "if=/dev/zero",
        "of=/scratch/big",
        "bs=64k",
        "count=40",
    ])
    .code(1)
    .stderr_has("No space left on device");
    env.rpod(&[
        "run",
        "--rm",
        "--tmpfs",
        "/scratch",
        "busybox",
        "sh",
        "-c",
        "cp /bin/busybox /scratch/busybox && /scratch/busybox true",
    ])
    .code(126);
    env.rpod(&[
        "run",
        "--rm",
        "--mount",
        "type=tmpfs,target=/scratch,tmpfs-mode=1777",
        "--tmpfs",
        "/fast:exec",
        "busybox",
        "sh",
        "-c",
        "cp /bin/busybox /fast/busybox && /fast/busybox echo ran && stat -c %a /scratch",
    ])
    .success()
    .stdout_has("ran")
    .stdout_has("1777");
}

#[test]
fn image_volumes_get_the_image_content_and_go_with_rm_v() {
    let env = Env::with_busybox();
    let tree = fixtures::busybox_tree(None).dir("data", 0o750).file(
        "data/seed.txt",
        0o644,
        b"seeded by the image\n",
    );
    let tar = env.write_file("work/rootfs.tar", &tree.finish());
    env.rpod(&[
        "import",
        "-c",
        "VOLUME /data",
        tar.to_str().unwrap(),
        "withvol",
    ])
    .success();

    env.rpod(&[
        "run",
        "--name",
        "c1",
        "withvol",
        "sh",
        "-c",
        "cat /data/seed.txt; stat -c %a /data; echo more >> /data/seed.txt",
    ])
    .success()
    .stdout_has("seeded by the image")
    .stdout_has("750");
    let anon = env.rpod(&["inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "c1"]);
    let anon = anon.success().trimmed().to_string();
    assert_eq!(
        anon.len(),
        64,
        "an anonymous volume has a random name: {anon}"
    );
    let host = mountpoint(&env, &anon);
    assert_eq!(
        fs::read_to_string(host.join("seed.txt")).unwrap(),
        "seeded by the image\nmore\n"
    );
    env.rpod(&["start", "-a", "c1"])
        .success()
        .stdout_has("more");
    env.rpod(&["rm", "-v", "c1"]).success();
    assert!(!host.exists(), "rm -v removes the anonymous volume");

    // A named volume is filled once, while empty; later runs see what containers wrote.
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        "seeded:/data",
        "withvol",
        "sh",
        "-c",
        "echo changed > /data/seed.txt",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        "seeded:/data",
        "withvol",
        "cat",
        "/data/seed.txt",
    ])
    .success()
    .stdout_has("changed");
    // run --rm takes its anonymous volumes along; the named one stays.
    env.rpod(&["run", "--rm", "withvol", "true"]).success();
    env.rpod(&["volume", "ls", "-q"]).success();
    let left = env.rpod(&["volume", "ls", "-q"]);
    assert_eq!(left.success().lines(), ["seeded"]);
    // Without rm -v the anonymous volume stays until a prune.
    env.rpod(&["run", "--name", "c2", "withvol", "true"])
        .success();
    env.rpod(&["rm", "c2"]).success();
    assert_eq!(env.rpod(&["volume", "ls", "-q"]).success().lines().len(), 2);
    env.rpod(&["volume", "prune", "-f"]).success();
    let left = env.rpod(&["volume", "ls", "-q"]);
    assert_eq!(
        left.success().lines(),
        ["seeded"],
        "prune without --all keeps named volumes"
    );
}

#[test]
fn bad_mounts_are_named_in_the_error() {
    let env = Env::with_busybox();
    for (args, says) in [
        (vec!["-v", "data:relative"], "must be absolute"),
        (vec!["-v", "/no/such/host/dir:/x"], "/no/such/host/dir"),
        (vec!["-v", "data:/x:rx"], "unknown option \"rx\""),
        (
            vec!["--mount", "type=nfs,target=/x"],
            "unknown type \"nfs\"",
        ),
        (
            vec!["--mount", "type=volume,source=v"],
            "target= is required",
        ),
        (
            vec!["--tmpfs", "/t:uid=0"],
            "unknown tmpfs option \"uid=0\"",
        ),
        (
            vec!["-v", "a:/same", "-v", "b:/same"],
            "two mounts on the same container path",
        ),
    ] {
        let mut full = vec!["run", "--rm"];
        full.extend(args);
        full.extend(["busybox", "true"]);
        env.rpod(&full).code(125).stderr_has(says);
    }
    assert!(
        env.rpod(&["volume", "ls", "-q"])
            .success()
            .trimmed()
            .is_empty(),
        "failed runs leave no volumes"
    );
    env.rpod(&["volume", "create", "--driver", "nfs", "x"])
        .code(125)
        .stderr_has("nfs");
}
