//! No daemon means many rpod processes on one store, and any of them may die at any moment:
//! SIGKILL injected into pull, run, rm, commit and build, and twenty commands at once, must
//! leave a store that `system check` finds consistent and that the next command uses.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::Env;

/// Starts `args` and SIGKILLs it after `after`.
fn kill_after(env: &Env, args: &[&str], after: Duration) {
    let mut child: Child = env
        .rpod_cmd(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let _ = child.kill();
    let _ = child.wait();
}

/// Deterministic delays spread over an operation's life (xorshift, fixed seed).
fn delays(count: usize, max_ms: u64) -> Vec<Duration> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            Duration::from_millis(x % max_ms)
        })
        .collect()
}

fn assert_consistent(env: &Env, after: &str) {
    let check = env.rpod(&["system", "check"]);
    assert_eq!(check.code, 0, "after {after}: {}", check.stdout);
}

#[test]
fn sigkill_at_any_moment_leaves_a_usable_store() {
    let env = Env::with_busybox();
    let mut injections = 0;
    for (i, delay) in delays(52, 120).into_iter().enumerate() {
        let name = format!("k{i}");
        let op: Vec<String> = match i % 4 {
            0 => {
                env.rpod(&["rmi", "-f", "-a"]).success();
                vec!["pull".into(), "-q".into(), "busybox".into()]
            }
            1 => ["run", "--rm", "--network", "none", "busybox", "true"]
                .map(String::from)
                .to_vec(),
            2 => {
                env.rpod(&["pull", "-q", "busybox"]).success();
                env.rpod(&["create", "--name", &name, "busybox", "true"])
                    .success();
                vec!["rm".into(), "-f".into(), name.clone()]
            }
            _ => {
                env.rpod(&["pull", "-q", "busybox"]).success();
                env.rpod(&["create", "--name", &name, "busybox", "true"])
                    .success();
                vec!["commit".into(), name.clone(), format!("img{i}")]
            }
        };
        let args: Vec<&str> = op.iter().map(String::as_str).collect();
        kill_after(&env, &args, delay);
        injections += 1;
        let what = format!("rpod {} killed after {delay:?}", args.join(" "));
        // What a killed command left is either undone or complete; `check --repair` takes
        // any damaged image out, and the operation then succeeds.
        let check = env.rpod(&["system", "check", "--repair"]);
        assert!(
            !check.stderr.contains("panicked"),
            "{what}: {}",
            check.stderr
        );
        assert_consistent(&env, &what);
        env.rpod(&["pull", "-q", "busybox"]).success();
        env.rpod(&["run", "--rm", "--network", "none", "busybox", "true"])
            .success();
    }
    assert!(injections >= 50);
}

/// A build with each kind of step: config-only, RUN (a container) and COPY (a layer).
fn build_context(env: &Env) -> String {
    env.write_file(
        "ctx/Dockerfile",
        b"FROM busybox\nENV A=1\nRUN echo ran > /ran && head -c 65536 /dev/zero > /zeros\nCOPY data /data\nRUN cat /data\n",
    );
    env.write_file("ctx/data", &[7u8; 300_000]);
    env.path("ctx").display().to_string()
}

#[test]
fn sigkill_mid_build_leaves_a_usable_store() {
    let env = Env::with_busybox();
    let ctx = build_context(&env);
    let build = [
        "build",
        "--network",
        "none",
        "--no-cache",
        "-t",
        "built",
        ctx.as_str(),
    ];
    let mut injections = 0;
    for delay in delays(16, 400) {
        kill_after(&env, &build, delay);
        injections += 1;
        let what = format!("rpod build killed after {delay:?}");
        let check = env.rpod(&["system", "check", "--repair"]);
        assert!(
            !check.stderr.contains("panicked"),
            "{what}: {}",
            check.stderr
        );
        assert_consistent(&env, &what);
        // What the killed build left: at most its step's container, the build's, which
        // `system prune --build` removes once the build is gone.
        env.rpod(&["system", "prune", "-f", "--build"]).success();
        assert_eq!(
            env.rpod(&["ps", "-a", "-q", "--external"]).success().stdout,
            "",
            "{what}"
        );
    }
    assert_eq!(injections, 16);
    env.rpod(&["build", "--network", "none", "-t", "built", &ctx])
        .success();
    env.rpod(&["run", "--rm", "--network", "none", "built", "cat", "/ran"])
        .success()
        .stdout_has("ran");
}

#[test]
fn twenty_commands_at_once_on_one_store() {
    let env = Env::with_busybox();
    let ctx = build_context(&env);
    env.rpod(&["create", "--name", "victim", "busybox", "true"])
        .success();
    let started = Instant::now();
    let mut children = Vec::new();
    for i in 0..20 {
        let args: Vec<String> = match i % 5 {
            0 if i < 10 => vec!["pull".into(), "-q".into(), "busybox".into()],
            0 => ["build", "-q", "--network", "none", "-t", "built", &ctx]
                .map(String::from)
                .to_vec(),
            1 => ["run", "--rm", "--network", "none", "busybox", "true"]
                .map(String::from)
                .to_vec(),
            2 => vec!["volume".into(), "create".into(), format!("vol{i}")],
            3 => vec![
                "create".into(),
                "--name".into(),
                format!("c{i}"),
                "busybox".into(),
                "true".into(),
            ],
            _ => vec!["rm".into(), "-f".into(), "victim".into()],
        };
        let line = format!("rpod {}", args.join(" "));
        let child = env
            .rpod_cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        children.push((line, child));
    }
    let mut failures = Vec::new();
    for (line, child) in children {
        let out = crate::common::env::wait_output(child, &line);
        // Removing the same container four times: one removes it, the others find it gone.
        let real_conflict = line.ends_with("rm -f victim");
        if out.code != 0 && !real_conflict {
            failures.push(format!("{line}: {}", out.stderr));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(started.elapsed() < Duration::from_secs(120));
    assert_consistent(&env, "twenty concurrent commands");
    let names = env.rpod(&["ps", "-a", "--format", "{{.Names}}"]);
    for i in [3, 8, 13, 18] {
        names.success().stdout_has(&format!("c{i}"));
    }
    assert!(!names.stdout.contains("victim"));
    assert_eq!(env.rpod(&["volume", "ls", "-q"]).success().lines().len(), 4);
    // No monitor or helper outlived its container.
    std::thread::sleep(Duration::from_millis(300));
    let leftover = std::fs::read_dir(env.path("runtime/rpod/containers"))
        .map(|d| d.flatten().count())
        .unwrap_or(0);
    assert_eq!(leftover, 0, "run directories left behind");
}

#[test]
fn a_full_disk_is_a_clear_error_and_leaves_nothing_half_written() {
    let env = Env::new();
    let tarball = env.write_file(
        "work/rootfs.tar",
        &crate::common::fixtures::busybox_layer(None),
    );
    // The data directory on a 1 MB tmpfs, in a user and mount namespace of the test user's
    // own: no root needed, and the small file system goes with the namespace.
    let script = format!(
        "mount -t tmpfs -o size=1m tmpfs \"$XDG_DATA_HOME\" || exit 99
         {rpod} import {tar} big:1; echo \"import=$?\"
         {rpod} images -q | wc -l | sed 's/^/images=/'
         find \"$XDG_DATA_HOME/rpod/storage/layers\" \"$XDG_DATA_HOME/rpod/storage/blobs/sha256\" -mindepth 1 | wc -l | sed 's/^/stored=/'",
        rpod = crate::common::env::rpod_bin().display(),
        tar = tarball.display(),
    );
    let mut cmd = env.command("unshare");
    cmd.args(["--user", "--map-root-user", "--mount", "sh", "-c", &script]);
    let out = env.run_with_stdin(cmd, None);
    out.success()
        .stdout_has("import=125")
        .stdout_has("images=0")
        .stdout_has("stored=0")
        .stderr_has("cannot store the layer: No space left on device")
        .no_panic();
}

/// Creates of one name at once (the name index, `container::name_index`): exactly one wins,
/// the others get podman's wording.
#[test]
fn racing_creates_of_one_name_have_one_winner() {
    let env = Env::with_busybox();
    let children: Vec<_> = (0..8)
        .map(|_| {
            env.rpod_cmd(["create", "--name", "same", "busybox", "true"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children
        .into_iter()
        .map(|c| crate::common::env::wait_output(c, "rpod create --name same"))
        .collect();
    let winners: Vec<_> = outs.iter().filter(|o| o.code == 0).collect();
    assert_eq!(winners.len(), 1, "{outs:#?}");
    let id = winners[0].trimmed();
    for lost in outs.iter().filter(|o| o.code != 0) {
        lost.code(125).stderr_has(&format!(
            "the container name \"same\" is already in use by {}",
            &id[..12]
        ));
    }
    let names = env.rpod(&["ps", "-a", "--format", "{{.ID}} {{.Names}}"]);
    assert_eq!(names.success().lines(), vec![format!("{} same", &id[..12])]);
    assert_consistent(&env, "eight creates of one name");
}

/// A create SIGKILLed at any moment leaves the name either held by the container it made or
/// free: after the sweep (`system check --repair`) the next create of the name works once
/// that container is removed, and a second create of it fails.
#[test]
fn a_create_killed_midway_leaves_its_name_usable() {
    let env = Env::with_busybox();
    for delay in delays(12, 150) {
        kill_after(&env, &["create", "--name", "web", "busybox", "true"], delay);
        let what = format!("rpod create --name web killed after {delay:?}");
        env.rpod(&["system", "check", "--repair"]).no_panic();
        assert_consistent(&env, &what);
        let _ = env.rpod(&["rm", "-f", "web"]);
        env.rpod(&["create", "--name", "web", "busybox", "true"])
            .success();
        env.rpod(&["create", "--name", "web", "busybox", "true"])
            .code(125)
            .stderr_has("is already in use");
        env.rpod(&["rm", "web"]).success();
    }
}

/// The index's two crash states, made by hand: a claim whose container never got its record
/// (a create killed after claiming) is taken over; a record whose claim is missing is found
/// by `system check` and claimed by its repair, so no second container gets its name.
#[test]
fn stale_and_missing_name_claims_are_repaired() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "first", "busybox", "true"])
        .success();
    let names = env.data().join("container-names");
    let stale = names.join("orphan");
    std::os::unix::fs::symlink("a".repeat(64), &stale).unwrap();
    std::os::unix::fs::lchown(&stale, Some(env.owner.0), Some(env.owner.1)).unwrap();
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("container name orphan: claimed in the name index by a container that is gone");
    env.rpod(&["create", "--name", "orphan", "busybox", "true"])
        .success();
    env.rpod(&["rename", "first", "second"]).success();
    env.rpod(&["create", "--name", "first", "busybox", "true"])
        .success();
    env.rpod(&["create", "--name", "second", "busybox", "true"])
        .code(125)
        .stderr_has("already in use");
    std::fs::remove_file(names.join("second")).unwrap();
    env.rpod(&["system", "check"])
        .code(1)
        .stdout_has("container name second: missing from the name index");
    env.rpod(&["system", "check", "--repair"])
        .success()
        .stdout_has("claimed container name second");
    env.rpod(&["create", "--name", "second", "busybox", "true"])
        .code(125)
        .stderr_has("already in use");
    assert_consistent(&env, "the repair");
}
