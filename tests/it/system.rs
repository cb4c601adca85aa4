//! The store as a whole: `events`, `system df`, `system prune`, `system reset`, and the image
//! removals that must spare what containers use.

use crate::common::Env;

#[test]
fn events_record_what_every_rpod_process_did() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--rm",
        "--name",
        "once",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "exit 3",
    ])
    .code(3);
    env.rpod(&["volume", "create", "vol"]).success();
    let all = env.rpod(&[
        "events",
        "--stream=false",
        "--since",
        "5m",
        "--format",
        "{{.Type}} {{.Action}} {{.Name}}",
    ]);
    let lines = all.success().lines();
    let position = |l: &str| {
        lines
            .iter()
            .position(|x| *x == l)
            .unwrap_or_else(|| panic!("no {l:?} in {lines:?}"))
    };
    assert!(position("image pull busybox") < position("container create once"));
    assert!(position("container create once") < position("container start once"));
    assert!(position("container start once") < position("container died once"));
    assert!(position("container died once") < position("container remove once"));
    position("volume create vol");

    env.rpod(&[
        "events",
        "--stream=false",
        "--since",
        "5m",
        "--filter",
        "event=died",
        "--format",
        "{{.Name}} {{.Attributes.exitCode}}",
    ])
    .success()
    .stdout_has("once 3");
    let filtered = env.rpod(&[
        "events",
        "--stream=false",
        "--since",
        "5m",
        "--filter",
        "type=volume",
    ]);
    assert!(
        filtered
            .success()
            .lines()
            .iter()
            .all(|l| l.contains(" volume ")),
        "{}",
        filtered.stdout
    );
    env.rpod(&["events", "--stream=false", "--filter", "colour=red"])
        .code(125)
        .stderr_has("invalid filter \"colour=red\"");

    // Followed: an event that happens while `events` waits, up to an --until in the future.
    let until = (jiff::Timestamp::now() + jiff::SignedDuration::from_secs(4)).to_string();
    let follower = env
        .rpod_cmd([
            "events",
            "--until",
            until.as_str(),
            "--format",
            "{{.Action}} {{.Name}}",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    env.rpod(&["create", "--name", "later", "busybox", "true"])
        .success();
    let followed = crate::common::env::wait_output(follower, "rpod events --until");
    followed.success().stdout_has("create later");
    assert!(
        !followed.stdout.contains("once"),
        "past events are not followed: {}",
        followed.stdout
    );
}

#[test]
fn df_counts_and_prune_removes_only_what_nothing_uses() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "stopped",
        "--network",
        "none",
        "-v",
        "data:/data",
        "busybox",
        "sh",
        "-c",
        "head -c 100000 /dev/zero > /data/f; head -c 50000 /dev/zero > /big",
    ])
    .success();
    let df = env.rpod(&["system", "df", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&df.success().stdout).unwrap();
    let row = |kind: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["Type"] == kind)
            .unwrap()
            .clone()
    };
    assert_eq!(row("Images")["Total"], 1);
    assert_eq!(row("Images")["Active"], 1);
    assert!(row("Images")["RawSize"].as_u64().unwrap() > 1_000_000);
    assert_eq!(row("Containers")["Total"], 1);
    assert_eq!(row("Containers")["Active"], 0);
    assert!(row("Containers")["RawSize"].as_u64().unwrap() >= 50_000);
    assert_eq!(row("Local Volumes")["Total"], 1);
    assert!(row("Local Volumes")["RawSize"].as_u64().unwrap() >= 100_000);
    env.rpod(&["system", "df"])
        .success()
        .stdout_has("TYPE")
        .stdout_has("Local Volumes");
    // -v: one line per image name, container and volume, in podman's three tables.
    env.rpod(&["tag", "busybox", "second:name"]).success();
    let verbose = env.rpod(&["system", "df", "-v"]).success().stdout.clone();
    let line = |start: &str| {
        verbose
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}: {verbose}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert!(verbose.contains("Images space usage:"), "{verbose}");
    let second = line("localhost/second");
    assert_eq!(second[1], "name", "{verbose}");
    // The only image: nothing shared, one container made from it.
    assert_eq!(second[second.len() - 3], "0B", "{verbose}");
    assert_eq!(second[second.len() - 1], "1", "{verbose}");
    let stopped = verbose
        .lines()
        .find(|l| l.ends_with(" stopped"))
        .unwrap_or_else(|| panic!("{verbose}"));
    assert!(stopped.contains(" exited "), "{stopped}");
    assert!(stopped.contains("50kB"), "{stopped}");
    let data = line("data ");
    assert_eq!((data[1], data[2]), ("1", "100kB"), "{verbose}");
    env.rpod(&["system", "df", "-v", "--format", "json"])
        .code(125)
        .stderr_has("--format");
    env.rpod(&["rmi", "second:name"]).success();

    // Images a container was made from stay, whatever the container's state.
    env.rpod(&["image", "prune", "-a", "-f"]).success();
    env.rpod(&["rmi", "busybox"]).code(2).stderr_has("stopped");
    assert_eq!(env.rpod(&["images", "-q"]).lines().len(), 1);

    env.rpod(&[
        "run",
        "-d",
        "--name",
        "running",
        "--network",
        "none",
        "busybox",
        "sleep",
        "60",
    ])
    .success();
    let pruned = env.rpod(&["system", "prune", "-f", "-a"]);
    pruned
        .success()
        .stdout_has("Deleted Containers")
        .stdout_has("Total reclaimed space");
    let names = env.rpod(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(names.success().lines(), ["running"]);
    assert_eq!(
        env.rpod(&["images", "-q"]).lines().len(),
        1,
        "the running container's image stays"
    );
    env.rpod(&["volume", "ls", "-q"])
        .success()
        .stdout_has("data");
    // podman's rmi -f: the image goes, and the containers made from it with it.
    env.rpod(&["rmi", "-f", "busybox"]).success();
    assert_eq!(env.rpod(&["ps", "-aq"]).success().trimmed(), "");
    assert_eq!(env.rpod(&["images", "-q"]).success().trimmed(), "");
}

#[test]
fn reset_removes_everything_but_the_configuration() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "running",
        "--network",
        "none",
        "-v",
        "data:/data",
        "busybox",
        "sleep",
        "60",
    ])
    .success();
    env.rpod(&["system", "reset", "-f"]).success();
    assert_eq!(env.rpod(&["ps", "-aq"]).success().trimmed(), "");
    assert_eq!(env.rpod(&["images", "-q"]).success().trimmed(), "");
    assert_eq!(env.rpod(&["volume", "ls", "-q"]).success().trimmed(), "");
    // The configuration (the test registry for `busybox`) still works.
    env.rpod(&["run", "--rm", "--network", "none", "busybox", "true"])
        .success();
}

/// A layer directory of the store's `layers` (not a scratch entry, whose name starts with a dot).
fn a_layer(layers: &std::path::Path) -> std::path::PathBuf {
    std::fs::read_dir(layers)
        .unwrap()
        .flatten()
        .find(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .unwrap()
        .path()
}

#[test]
fn check_finds_and_repairs_what_crashes_leave() {
    let env = Env::with_busybox();
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");

    // Pulls killed at several moments: the store stays usable and the next pull succeeds.
    for delay_ms in [5u64, 30, 80] {
        env.rpod(&["rmi", "-f", "-a"]).success();
        let mut pull = env.rpod_cmd(["pull", "-q", "busybox"]).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = pull.kill();
        let _ = pull.wait();
        env.rpod(&["system", "check"]).success();
        env.rpod(&["pull", "-q", "busybox"]).success();
    }

    // A layer that lost its record (a removal killed half-way, a disk error): reported,
    // then the image goes with --repair and a pull brings it back.
    let layers = env.data().join("storage/layers");
    let layer = a_layer(&layers);
    std::fs::remove_file(layer.join("layer.json")).unwrap();
    // A complete container stays; a directory with no record (here: made by hand) goes.
    env.rpod(&["create", "--name", "kept", "busybox", "true"])
        .success();
    let leftover = env.write_file(
        &format!("data/rpod/containers/{}/leftover", "a".repeat(64)),
        b"",
    );
    let broken_record = leftover.parent().unwrap().to_path_buf();
    assert!(broken_record.starts_with(env.data()));
    let report = env.rpod(&["system", "check"]);
    report
        .code(1)
        .stdout_has("damaged image")
        .stdout_has("layer.json")
        .stdout_has("damaged container directory")
        .stdout_has("--repair");
    // The container made from the damaged image is reported, not removed: pulling the
    // image again brings its layers back.
    env.rpod(&["system", "check", "--repair"])
        .code(1)
        .stdout_has("removed image")
        .stdout_has("removed container directory")
        .stdout_has("container kept: its image's layers are gone");
    assert!(!broken_record.exists());
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
    env.rpod(&["start", "-a", "kept"]).success();
    env.rpod(&["run", "--rm", "--network", "none", "busybox", "true"])
        .success();
}

/// A changed file in a layer: the full check reads every layer back against its digest and
/// finds it, `--quick` does not look; `--repair --force` removes the damaged image's
/// containers with it, and a pull brings the image back whole.
#[test]
fn check_reads_layers_back_unless_quick_and_force_removes_their_containers() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "user", "busybox", "true"])
        .success();
    let passwd = std::fs::read_dir(env.data().join("storage/layers"))
        .unwrap()
        .flatten()
        .map(|e| e.path().join("diff/etc/passwd"))
        .find(|p| p.exists())
        .expect("busybox's layer holds /etc/passwd");
    let mut text = std::fs::read(&passwd).unwrap();
    text[0] ^= 1;
    std::fs::write(&passwd, &text).unwrap();

    env.rpod(&["system", "check", "--quick"])
        .success()
        .stdout_has("No errors found");
    env.rpod(&["system", "check"])
        .code(1)
        .stdout_has("a file was changed or lost")
        .stdout_has("--repair");
    env.rpod(&["system", "check", "--repair", "--force"])
        .success()
        .stdout_has("removed container user of a damaged image")
        .stdout_has("removed image");
    env.rpod(&["container", "exists", "user"]).code(1);
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
    env.rpod(&["run", "--rm", "--network", "none", "busybox", "true"])
        .success();
}

/// An unused layer is what a cancelled pull left only once it is older than `--max` (24 hours
/// unless given): younger, it may be a pull in progress, and a repair keeps it.
#[test]
fn check_collects_unused_layers_only_past_max() {
    let env = Env::with_busybox();
    let layers = env.data().join("storage/layers");
    let layer = a_layer(&layers);
    let unused = layers.join("f".repeat(64));
    assert!(
        std::process::Command::new("cp")
            .arg("-a")
            .arg(&layer)
            .arg(&unused)
            .status()
            .unwrap()
            .success()
    );
    let touch = |age: &str| {
        assert!(
            std::process::Command::new("touch")
                .args(["-h", "-d", age])
                .arg(&unused)
                .status()
                .unwrap()
                .success()
        )
    };
    touch("1 minute ago");
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("1 unused layers newer than 24h");
    env.rpod(&["system", "check", "--repair"]).success();
    assert!(unused.exists(), "a young unused layer was collected");

    touch("2 hours ago");
    env.rpod(&["system", "check", "--max", "1h"])
        .code(1)
        .stdout_has("1 unused layers older than 1h");
    env.rpod(&["system", "check", "-r", "-m", "90m"])
        .success()
        .stdout_has("collected 1 layers");
    assert!(!unused.exists());
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
    env.rpod(&["system", "check", "--max", "soon"])
        .code(125)
        .stderr_has("invalid duration \"soon\"");
}

/// Deletes the record of the container `name`, as a crash might: its id and the directory
/// left without it.
fn lose_record(env: &Env, name: &str) -> (String, std::path::PathBuf) {
    let id = env
        .rpod(&["inspect", "-f", "{{.Id}}", name])
        .trimmed()
        .to_string();
    let dir = env.data().join("containers").join(&id);
    std::fs::remove_file(dir.join("config.json")).unwrap();
    (id, dir)
}

/// `image prune --external`: the storage of a container rpod has no record of (here a real
/// container whose record was lost) goes, named on stderr; without the flag it stays. Until
/// then `ps --external` and `container exists --external` find it. A container with its
/// record stays, and so does the image it uses.
#[test]
fn image_prune_external_removes_containers_without_a_record() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "lost",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo x > /written",
    ])
    .success();
    env.rpod(&["create", "--name", "kept", "busybox", "true"])
        .success();
    let (id, dir) = lose_record(&env, "lost");

    env.rpod(&["image", "prune", "-f"]).success();
    assert!(dir.exists(), "kept without --external");
    // ps lists it only with --external, as podman lists other tools' containers: its id, the
    // name the index still gives it, podman's storage status.
    let listed = env.rpod(&["ps", "-a", "-q", "--no-trunc"]);
    assert!(!listed.success().stdout.contains(&id), "{}", listed.stdout);
    env.rpod(&[
        "ps",
        "--external",
        "--format",
        "{{.ID}} {{.Names}} {{.Status}}",
    ])
    .success()
    .stdout_has(&format!("{} lost Storage", &id[..12]));
    let kept = env.rpod(&[
        "ps",
        "--external",
        "-aq",
        "--no-trunc",
        "--filter",
        "name=kept",
    ]);
    assert!(!kept.success().stdout.contains(&id), "{}", kept.stdout);
    env.rpod(&["container", "exists", &id]).code(1);
    env.rpod(&["container", "exists", "--external", &id])
        .success();
    env.rpod(&["container", "exists", "--external", "nothing-here"])
        .code(1);
    env.rpod(&["system", "check"])
        .code(1)
        .stdout_has(&format!("damaged container directory {id}"));

    env.rpod(&["image", "prune", "-f", "--external"])
        .success()
        .stderr_has(&format!("removed the storage of container {id}"));
    assert!(!dir.exists());
    let after = env.rpod(&["ps", "--external", "-q", "--no-trunc"]);
    assert!(!after.success().stdout.contains(&id), "{}", after.stdout);
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
    env.rpod(&["start", "-a", "kept"]).success();
    env.rpod(&["images", "--format", "{{.Repository}}"])
        .success()
        .stdout_has("busybox");
}

/// `system prune --external`: only the storage of a container without a record goes; the
/// stopped container a plain system prune would remove stays. podman's combinations with
/// --all and --filter are refused.
#[test]
fn system_prune_external_removes_only_what_has_no_record() {
    let env = Env::with_busybox();
    for name in ["lost", "stopped"] {
        env.rpod(&[
            "run",
            "--name",
            name,
            "--network",
            "none",
            "busybox",
            "true",
        ])
        .success();
    }
    let (id, dir) = lose_record(&env, "lost");
    for extra in [&["-a"][..], &["--volumes"], &["--filter", "label=x"]] {
        let mut argv = vec!["system", "prune", "-f", "--external"];
        argv.extend_from_slice(extra);
        env.rpod(&argv)
            .code(125)
            .stderr_has("--external cannot be combined with --all, --volumes, --build or --filter");
    }
    assert!(dir.exists());
    env.rpod(&["system", "prune", "-f", "--external"])
        .success()
        .stderr_has(&format!("removed the storage of container {id}"));
    assert!(!dir.exists());
    env.rpod(&["container", "exists", "stopped"]).success();
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
}

/// Waits for a build's RUN step container to appear (only `ps --external` lists it).
fn step_container(env: &Env) -> String {
    for _ in 0..200 {
        let listed = env.rpod(&["ps", "-a", "-q", "--external"]);
        if let Some(id) = listed.success().lines().first() {
            return id.to_string();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("no RUN step container appeared in 20 s");
}

#[test]
fn build_containers_are_the_builds_and_prune_build_removes_those_of_killed_builds() {
    use std::process::Stdio;
    let env = Env::with_busybox();
    env.write_file(
        "slow/Dockerfile",
        b"FROM busybox\nRUN sleep 3 && echo done > /done\n",
    );
    let ctx = env.path("slow").display().to_string();
    let build = [
        "build",
        "--network",
        "none",
        "--no-cache",
        "-t",
        "slow",
        &ctx,
    ];
    let spawn = || {
        env.rpod_cmd(build)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };

    // A build in progress keeps its step container through every prune and `rm -a`.
    let running = spawn();
    let step = step_container(&env);
    assert_eq!(env.rpod(&["ps", "-a", "-q"]).success().stdout, "");
    env.rpod(&["rm", "-a", "-f"]).success();
    let pruned = env.rpod(&["system", "prune", "-f", "--build"]);
    assert!(
        !pruned.success().stdout.contains(&step),
        "{}",
        pruned.stdout
    );
    crate::common::env::wait_output(running, "the build beside the prunes").success();
    env.rpod(&["run", "--rm", "--network", "none", "slow", "cat", "/done"])
        .success()
        .stdout_has("done");

    // A killed build leaves its step's container: still the build's, until `--build`.
    let mut killed = spawn();
    let step = step_container(&env);
    killed.kill().unwrap();
    killed.wait().unwrap();
    env.rpod(&["rm", "-a", "-f"]).success();
    env.rpod(&["system", "prune", "-f"]).success();
    env.rpod(&["container", "prune", "-f"]).success();
    assert_eq!(env.rpod(&["ps", "-a", "-q"]).success().stdout, "");
    env.rpod(&["ps", "-a", "-q", "--external"])
        .success()
        .stdout_has(&step);
    env.rpod(&["system", "prune", "-f", "--build"])
        .success()
        .stdout_has("Deleted Containers")
        .stdout_has(&step);
    assert_eq!(
        env.rpod(&["ps", "-a", "-q", "--external"]).success().stdout,
        ""
    );
    env.rpod(&["system", "prune", "--external", "--build"])
        .code(125)
        .stderr_has("--external cannot be combined");
    assert_eq!(env.rpod(&["system", "check"]).code, 0);
}

#[test]
fn migrate_and_renumber_have_nothing_to_do_and_refuse_another_runtime() {
    let env = Env::new();
    for args in [
        &["system", "migrate"][..],
        &["system", "migrate", "--migrate-db"],
        &["system", "renumber"],
    ] {
        env.rpod(args).success().stderr_has("Nothing to do: ");
    }
    env.rpod(&["system", "migrate", "--migrate-db"])
        .stderr_has("no database");
    env.rpod(&["system", "migrate", "--new-runtime", "runc"])
        .code(125)
        .stderr_has("--new-runtime \"runc\": rpod runs every container with its own runtime");
}
