//! info and version under podman's and docker's template names; migrate, renumber and
//! volume reload.

use crate::common::Env;

#[test]
fn info_and_version_answer_podman_and_docker_templates() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "up",
        "--network",
        "none",
        "busybox",
        "sleep",
        "60",
    ])
    .success();
    let docker = env.rpod(&[
        "info", "--format",
        "{{.ServerVersion}}|{{.Driver}}|{{.Containers}}|{{.ContainersRunning}}|{{.Images}}|{{.NCPU}}|{{.OSType}}",
    ]);
    let fields: Vec<String> = docker
        .success()
        .trimmed()
        .split('|')
        .map(String::from)
        .collect();
    assert_eq!(fields[0], env!("CARGO_PKG_VERSION"));
    assert!(["overlay", "fuse-overlayfs", "vfs"].contains(&fields[1].as_str()));
    assert_eq!(&fields[2..5], ["1", "1", "1"]);
    assert!(fields[5].parse::<u32>().unwrap() >= 1);
    assert_eq!(fields[6], "linux");
    let podman = env.rpod(&[
        "info", "--format",
        "{{.Host.Security.Rootless}}|{{.Store.GraphDriverName}}|{{.Store.ContainerStore.Running}}|{{.Host.MemTotal}}|{{.Version.Version}}",
    ]);
    let fields: Vec<String> = podman
        .success()
        .trimmed()
        .split('|')
        .map(String::from)
        .collect();
    assert_eq!(fields[0], "true");
    assert_eq!(fields[2], "1");
    assert!(fields[3].parse::<u64>().unwrap() > 0);
    let json: serde_json::Value =
        serde_json::from_str(&env.rpod(&["info", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["host"]["idMappings"]["uidmap"][0]["size"], 1);
    assert_eq!(json["store"]["imageStore"]["number"], 1);
    env.rpod(&[
        "version",
        "--format",
        "{{.Client.Version}} {{.Server.Version}}",
    ])
    .success()
    .stdout_has(&format!("{0} {0}", env!("CARGO_PKG_VERSION")));
    let version: serde_json::Value =
        serde_json::from_str(&env.rpod(&["version", "--format", "json"]).stdout).unwrap();
    assert_eq!(version["Client"]["OsArch"], version["Server"]["OsArch"]);
    env.rpod(&["rm", "-f", "up"]).success();
}

#[test]
fn migrate_renumber_and_volume_reload_are_harmless_and_say_why() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "kept", "busybox"]).success();
    env.rpod(&["system", "migrate"])
        .success()
        .stderr_has("Nothing to do: rpod's records need no migration");
    env.rpod(&["system", "renumber"])
        .success()
        .stderr_has("Nothing to do: rpod has no lock numbers");
    env.rpod(&["volume", "create", "data"]).success();
    env.rpod(&["volume", "reload"])
        .success()
        .stderr_has("Nothing to do: rpod's volumes are all local");
    env.rpod(&["container", "exists", "kept"]).success();
    env.rpod(&["volume", "exists", "data"]).success();
}
