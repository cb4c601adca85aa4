//! The listing, removal and prune options scripts use (issue #16): images and pod ps
//! `--sort`/`--noheading`, ps `--watch` and `--namespace`, rmi and secret create `--ignore`,
//! the prunes' `--filter`, volume create `--uid`/`--gid`, events `--no-trunc`.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::Env;

/// An image `name` on busybox whose extra file has `kib` KiB.
fn image_of_size(env: &Env, name: &str, kib: u32) {
    env.rpod(&[
        "run",
        "--name",
        name,
        "--network",
        "none",
        "busybox",
        "dd",
        "if=/dev/zero",
        "of=/filler",
        "bs=1024",
        &format!("count={kib}"),
    ])
    .success();
    env.rpod(&["commit", name, &format!("localhost/{name}:v1")])
        .success();
    env.rpod(&["rm", name]).success();
}

#[test]
fn images_sort_orders_and_noheading_drops_the_header() {
    let env = Env::with_busybox();
    image_of_size(&env, "big", 3000);
    image_of_size(&env, "small", 10);
    let repos = |sort: &str| {
        let out = env.rpod(&["images", "--sort", sort, "--format", "{{.Repository}}"]);
        out.success()
            .lines()
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
    };
    let by_size = repos("size");
    let at = |list: &[String], name: &str| list.iter().position(|r| r.ends_with(name)).unwrap();
    assert!(at(&by_size, "/small") < at(&by_size, "/big"), "{by_size:?}");
    assert!(
        at(&by_size, "/busybox") < at(&by_size, "/small"),
        "{by_size:?}"
    );
    let by_repo = repos("repository");
    let mut sorted = by_repo.clone();
    sorted.sort();
    assert_eq!(by_repo, sorted);
    // created: newest first.
    let newest = repos("created");
    assert!(newest[0].ends_with("/small"), "{newest:?}");
    let table = env.rpod(&["images", "--noheading"]);
    assert!(
        !table.success().stdout.contains("REPOSITORY"),
        "{}",
        table.stdout
    );
    assert_eq!(table.lines().len(), 3, "{}", table.stdout);
    env.rpod(&["images", "--sort", "colour"]).failure();
}

#[test]
fn rmi_ignore_and_no_prune() {
    let env = Env::with_busybox();
    env.rpod(&["rmi", "--ignore", "nosuch"]).success();
    env.rpod(&["rmi", "nosuch"]).failure().stderr_has("nosuch");
    // A two-step build leaves an unnamed step below the image; --no-prune keeps it.
    env.write_file(
        "ctx/Dockerfile",
        b"FROM busybox\nRUN echo a > /a\nRUN echo b > /b\n",
    );
    let ctx = env.path("ctx");
    env.rpod(&["build", "-t", "localhost/steps", ctx.to_str().unwrap()])
        .success();
    let count = || env.rpod(&["images", "-a", "-q"]).success().lines().len();
    let before = count();
    env.rpod(&["rmi", "--no-prune", "localhost/steps"])
        .success();
    assert_eq!(count(), before - 1, "only the named image went");
    env.rpod(&["build", "-t", "localhost/steps", ctx.to_str().unwrap()])
        .success();
    env.rpod(&["rmi", "localhost/steps"]).success();
    assert!(count() < before - 1, "the unnamed step went with it");
}

#[test]
fn secret_create_ignore_keeps_the_existing_secret() {
    let env = Env::bare();
    let first = env.rpod_with_stdin(&["secret", "create", "s", "-"], b"one");
    let id = first.success().trimmed().to_string();
    env.rpod_with_stdin(&["secret", "create", "s", "-"], b"two")
        .failure();
    env.rpod_with_stdin(&["secret", "create", "--ignore", "s", "-"], b"two")
        .success()
        .stdout_has(&id);
    env.rpod(&[
        "secret",
        "inspect",
        "--showsecret",
        "-f",
        "{{.SecretData}}",
        "s",
    ])
    .success()
    .stdout_has("one");
    env.rpod_with_stdin(
        &["secret", "create", "--ignore", "--replace", "s", "-"],
        b"x",
    )
    .failure();
}

#[test]
fn ps_watch_lists_again_until_killed() {
    let env = Env::with_busybox();
    let text = output_until_killed(&env, &["ps", "-a", "--watch", "1"], 2500);
    let headers = text.matches("CONTAINER ID").count();
    assert!(
        (2..=3).contains(&headers),
        "{headers} listings in 2.5 s:\n{text}"
    );
    env.rpod(&["ps", "--watch", "0"]).failure();
    env.rpod(&["ps", "--sync"])
        .success()
        .stdout_has("CONTAINER ID");
}

#[test]
fn ps_namespace_shows_the_containers_namespaces() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "300",
    ])
    .success();
    let pid = env.rpod(&["inspect", "-f", "{{.State.Pid}}", "c"]);
    let link = std::fs::read_link(format!("/proc/{}/ns/net", pid.trimmed())).unwrap();
    let inode = link
        .to_string_lossy()
        .trim_start_matches("net:[")
        .trim_end_matches(']')
        .to_string();
    let table = env.rpod(&["ps", "--ns"]);
    assert!(
        table.success().lines()[0].contains("NET"),
        "{}",
        table.stdout
    );
    table.stdout_has(&inode);
    env.rpod(&["ps", "--namespace", "--format", "{{.Namespaces.NET}}"])
        .success()
        .stdout_has(&inode);
}

#[test]
fn pod_ps_sorts_and_drops_the_header() {
    let env = Env::with_busybox();
    for name in ["bravo", "alpha", "charlie"] {
        env.rpod(&["pod", "create", "--name", name]).success();
    }
    let names = env.rpod(&["pod", "ps", "--sort", "name", "--format", "{{.Name}}"]);
    assert_eq!(names.success().lines(), ["alpha", "bravo", "charlie"]);
    let created = env.rpod(&["pod", "ps", "--format", "{{.Name}}"]);
    assert_eq!(created.success().lines(), ["charlie", "alpha", "bravo"]);
    let table = env.rpod(&["pod", "ps", "--noheading"]);
    assert_eq!(table.success().lines().len(), 3, "{}", table.stdout);
    let ns = env.rpod(&["pod", "ps", "--ns"]);
    assert!(
        ns.success().lines()[0].contains("NAMESPACES"),
        "{}",
        ns.stdout
    );
}

#[test]
fn prune_filters_remove_only_what_they_pick() {
    let env = Env::with_busybox();
    for (name, label) in [("keep", "tier=db"), ("go", "tier=web")] {
        env.rpod(&[
            "create", "--name", name, "--label", label, "busybox", "true",
        ])
        .success();
        env.rpod(&["volume", "create", "--label", label, &format!("v{name}")])
            .success();
        env.rpod(&["network", "create", "--label", label, &format!("n{name}")])
            .success();
    }
    let gone = env
        .rpod(&["inspect", "-f", "{{.Id}}", "go"])
        .trimmed()
        .to_string();
    let pruned = env.rpod(&["container", "prune", "-f", "--filter", "label=tier=web"]);
    assert_eq!(pruned.success().trimmed(), gone);
    env.rpod(&["container", "exists", "go"]).code(1);
    env.rpod(&["container", "exists", "keep"]).success();
    env.rpod(&["volume", "prune", "-a", "-f", "--filter", "label!=tier=db"])
        .success();
    env.rpod(&["volume", "exists", "vgo"]).code(1);
    env.rpod(&["volume", "exists", "vkeep"]).success();
    env.rpod(&["network", "prune", "-f", "--filter", "label=tier=web"])
        .success();
    env.rpod(&["network", "exists", "ngo"]).code(1);
    env.rpod(&["network", "exists", "nkeep"]).success();
    // Nothing was created before 2000: until= picks none.
    env.rpod(&[
        "container",
        "prune",
        "-f",
        "--filter",
        "until=2000-01-01T00:00:00Z",
    ])
    .success();
    env.rpod(&["container", "exists", "keep"]).success();
    env.rpod(&["system", "prune", "-f", "--filter", "label=tier=db"])
        .success();
    env.rpod(&["container", "exists", "keep"]).code(1);
    env.rpod(&["image", "prune", "-f", "--filter", "colour=red"])
        .failure()
        .stderr_has("colour=red");
}

#[test]
fn a_volume_made_with_uid_is_owned_by_it_inside() {
    let env = Env::with_busybox();
    env.rpod(&[
        "volume", "create", "--uid", "1000", "--gid", "1001", "owned",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "-v",
        "owned:/data",
        "busybox",
        "stat",
        "-c",
        "%u:%g",
        "/data",
    ])
    .success()
    .stdout_has("1000:1001");
}

#[test]
fn events_no_trunc_false_shortens_ids() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "c", "busybox", "true"])
        .success();
    let id = env
        .rpod(&["inspect", "-f", "{{.Id}}", "c"])
        .trimmed()
        .to_string();
    let full = env.rpod(&["events", "--stream=false", "--format", "{{.ID}}"]);
    full.success().stdout_has(&id);
    let short = env.rpod(&[
        "events",
        "--stream=false",
        "--no-trunc=false",
        "--format",
        "{{.ID}}",
    ]);
    assert!(
        short.success().lines().contains(&&id[..12]),
        "{}",
        short.stdout
    );
    assert!(!short.stdout.contains(&id), "{}", short.stdout);
}

#[test]
fn stats_interval_sets_the_refresh() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "c",
        "--network",
        "none",
        "busybox",
        "sleep",
        "300",
    ])
    .success();
    let started = Instant::now();
    let text = output_until_killed(
        &env,
        &[
            "stats",
            "--interval",
            "1",
            "--no-reset",
            "--format",
            "{{.Name}}",
        ],
        2800,
    );
    let readings = text.lines().filter(|l| *l == "c").count();
    assert!(
        readings >= 2,
        "{readings} readings in {:?}:\n{text}",
        started.elapsed()
    );
    env.rpod(&["stats", "--interval", "0"]).failure();
}

/// What a command that runs until stopped (`--watch`, `stats`) printed in its first `ms`.
fn output_until_killed(env: &Env, args: &[&str], ms: u64) -> String {
    let mut child = env
        .rpod_cmd(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(ms));
    child.kill().unwrap();
    child.wait().unwrap();
    let mut text = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}
