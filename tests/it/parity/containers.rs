//! Looking at containers: exists, ps's flags and JSON, logs of several, wait's conditions,
//! inspect --size and --type.

use super::{sleeper, state};
use crate::common::Env;

#[test]
fn exists_and_ps_in_podmans_shape() {
    let env = Env::with_busybox();
    env.rpod(&["container", "exists", "web"]).code(1);
    sleeper(&env, "web", &["--label", "app=shop"]);
    env.rpod(&["container", "exists", "web"]).success();
    env.rpod(&["container", "exists", "--external", "web"])
        .success();
    env.rpod(&[
        "run",
        "--name",
        "writer",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "head -c 300000 /dev/zero > /big",
    ])
    .success();
    // podman's JSON: Names a list, Labels a map, as podman-compose reads them.
    let json: serde_json::Value =
        serde_json::from_str(&env.rpod(&["ps", "-a", "--format", "json"]).stdout).unwrap();
    let web = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Names"][0] == "web")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(web["Labels"]["app"], "shop");
    assert_eq!(web["State"], "running");
    assert!(web["Id"].as_str().unwrap().len() == 64);
    assert!(web["Command"].is_array() && web["Created"].is_number());
    // --size: the writer's own 300 kB.
    let sized = env.rpod(&[
        "ps",
        "-a",
        "--size",
        "--filter",
        "name=writer",
        "--format",
        "{{.Size}}",
    ]);
    sized.success().stdout_has("kB (virtual");
    let json: serde_json::Value = serde_json::from_str(
        &env.rpod(&[
            "ps",
            "-a",
            "--size",
            "--filter",
            "name=writer",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    assert!(
        json[0]["Size"]["rwSize"].as_u64().unwrap() >= 300_000,
        "{json}"
    );
    // --sort names; --noheading; --external lists nothing more.
    let names = env.rpod(&["ps", "-a", "--sort", "names", "--format", "{{.Names}}"]);
    assert_eq!(names.success().lines(), ["web", "writer"]);
    let plain = env.rpod(&["ps", "-a", "--noheading"]);
    assert!(!plain.success().stdout.contains("CONTAINER ID"));
    assert_eq!(plain.lines().len(), 2);
    assert_eq!(
        env.rpod(&["ps", "-a", "--external", "-q"]).lines().len(),
        env.rpod(&["ps", "-a", "-q"]).lines().len()
    );
    env.rpod(&["ps", "-a", "--filter", "exited=0", "--format", "{{.Names}}"])
        .success()
        .stdout_has("writer");
    env.rpod(&["rm", "-f", "web", "writer"]).success();
}

#[test]
fn logs_of_several_containers_carry_their_names_or_ids() {
    let env = Env::with_busybox();
    let one = env
        .rpod(&[
            "run",
            "--name",
            "one",
            "--network",
            "none",
            "busybox",
            "echo",
            "from-one",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(one, "from-one");
    env.rpod(&[
        "run",
        "--name",
        "two",
        "--network",
        "none",
        "busybox",
        "echo",
        "from-two",
    ])
    .success();
    let named = env.rpod(&["logs", "--names", "one", "two"]);
    named
        .success()
        .stdout_has("one from-one")
        .stdout_has("two from-two");
    let id = env
        .rpod(&["inspect", "-f", "{{.Id}}", "one"])
        .trimmed()
        .to_string();
    env.rpod(&["logs", "one", "two"])
        .success()
        .stdout_has(&format!("{} from-one", &id[..12]));
    // One container: no prefix.
    assert_eq!(env.rpod(&["logs", "--names", "one"]).trimmed(), "from-one");
    env.rpod(&["logs", "--color", "one", "two"])
        .success()
        .stdout_has("\x1b[");
}

#[test]
fn wait_for_conditions_with_an_interval_and_ignore() {
    let env = Env::with_busybox();
    env.rpod(&[
        "create",
        "--name",
        "w",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "sleep 1; exit 3",
    ])
    .success();
    env.rpod(&["wait", "--condition", "created", "w"])
        .success()
        .stdout_has("-1");
    env.rpod(&["start", "w"]).success();
    env.rpod(&["wait", "--condition", "running", "--interval", "50ms", "w"])
        .success()
        .stdout_has("-1");
    env.rpod(&["wait", "--interval", "100", "w"])
        .success()
        .stdout_has("3");
    assert_eq!(state(&env, "w"), "exited");
    env.rpod(&["wait", "nosuch"]).failure();
    env.rpod(&["wait", "--ignore", "nosuch"])
        .success()
        .stdout_has("-1");
    env.rpod(&["wait", "--condition", "healthy", "w"])
        .code(125)
        .stderr_has("container has no defined healthcheck");
    env.rpod(&["wait", "--interval", "soon", "w"])
        .code(125)
        .stderr_has("invalid --interval");
    // removing: returns once the container is gone.
    let waiter = env
        .rpod_cmd(["wait", "--condition", "removing", "--interval", "20ms", "w"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    env.rpod(&["rm", "w"]).success();
    let out = waiter.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "-1");
}

#[test]
fn inspect_adds_sizes_and_picks_the_type() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "busybox",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "echo hi > /f",
    ])
    .success();
    env.rpod(&["volume", "create", "busybox"]).success();
    // One name, three objects: --type says which.
    env.rpod(&[
        "inspect",
        "--type",
        "container",
        "-f",
        "{{.State.Status}}",
        "busybox",
    ])
    .success()
    .stdout_has("exited");
    env.rpod(&["inspect", "--type", "image", "-f", "{{.Id}}", "busybox"])
        .success()
        .stdout_has("sha256:");
    env.rpod(&[
        "inspect",
        "--type",
        "volume",
        "-f",
        "{{.Mountpoint}}",
        "busybox",
    ])
    .success()
    .stdout_has("_data");
    let sized = env.rpod(&[
        "inspect",
        "--size",
        "-f",
        "{{.SizeRw}} {{.SizeRootFs}}",
        "busybox",
    ]);
    let figures: Vec<u64> = sized
        .success()
        .trimmed()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(figures[0] >= 3 && figures[1] > figures[0], "{figures:?}");
    let plain: serde_json::Value = serde_json::from_str(
        &env.rpod(&["inspect", "--type", "container", "busybox"])
            .stdout,
    )
    .unwrap();
    assert!(plain[0].get("SizeRw").is_none(), "sizes only with --size");
}
