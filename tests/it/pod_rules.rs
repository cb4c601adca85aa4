//! The rules of a pod's infra container (issue 17): it goes only with its pod, `rm -a` leaves
//! it, and `--infra-image`/`--infra-command` make it run an image's program.

use serde_json::Value;

use crate::common::Env;

fn inspect(env: &Env, name: &str) -> Value {
    let out = env.rpod(&["inspect", name]);
    out.success();
    serde_json::from_str::<Value>(&out.stdout).expect("JSON")[0].clone()
}

fn infra_of(env: &Env, pod: &str) -> String {
    let out = env.rpod(&["pod", "inspect", "--format", "{{.InfraContainerID}}", pod]);
    out.success().trimmed().to_string()
}

#[test]
fn a_pods_infra_container_goes_only_with_its_pod() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--infra-name", "holder", "empty"])
        .success();
    assert_eq!(inspect(&env, "holder")["Id"], infra_of(&env, "empty"));
    // Even with no member, rm refuses it: the pod would be left without its namespaces.
    env.rpod(&["rm", "holder"])
        .code(125)
        .stderr_has("is the infra container of pod")
        .stderr_has("cannot be removed without removing the pod");
    env.rpod(&["rm", "-f", "holder"]).code(125);
    env.rpod(&[
        "create", "--pod", "empty", "--name", "member", "busybox", "true",
    ])
    .success();
    env.rpod(&["create", "--name", "loner", "busybox", "true"])
        .success();
    // rm -a takes every container but the infra.
    env.rpod(&["rm", "-a"]).success();
    let left = env.rpod(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(left.success().stdout, "holder\n");
    env.rpod(&["pod", "rm", "-f", "empty"]).success();
    env.rpod(&["container", "exists", "holder"]).code(1);
}

#[test]
fn an_infra_image_runs_its_program_as_the_infra_container() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--infra-command", "sleep", "nope"])
        .code(125)
        .stderr_has("give --infra-image too");
    env.rpod(&["pod", "exists", "nope"]).code(1);
    env.rpod(&[
        "pod",
        "create",
        "--infra-image",
        "busybox",
        "--infra-command",
        r#"["sh","-c","echo infra-ran > /tmp/mark; exec sleep 600"]"#,
        "--infra-name",
        "ownpause",
        "mine",
    ])
    .success();
    env.rpod(&[
        "run", "--rm", "--pod", "mine", "busybox", "sh", "-c", "hostname",
    ])
    .success()
    .stdout_has("mine");
    assert_eq!(inspect(&env, "ownpause")["State"]["Status"], "running");
    env.rpod(&["exec", "ownpause", "cat", "/tmp/mark"])
        .success()
        .stdout_has("infra-ran");
    // pod clone --infra-command: the clone's infra runs another program of its image.
    env.rpod(&[
        "pod",
        "clone",
        "--infra-command",
        r#"["sh","-c","echo clone-ran > /tmp/mark; exec sleep 600"]"#,
        "--infra-name",
        "clonepause",
        "--start",
        "mine",
        "mine2",
    ])
    .success();
    assert_eq!(inspect(&env, "clonepause")["Config"]["Entrypoint"][0], "sh");
    env.rpod(&["exec", "clonepause", "cat", "/tmp/mark"])
        .success()
        .stdout_has("clone-ran");
    env.rpod(&["pod", "rm", "-f", "-t", "0", "mine"]).success();
    env.rpod(&["pod", "rm", "-f", "-t", "0", "mine2"]).success();
    // rpod's own infra pauses: it has no program to replace.
    env.rpod(&["pod", "create", "plain"]).success();
    env.rpod(&["pod", "clone", "--infra-command", "sleep", "plain"])
        .code(125)
        .stderr_has("give --infra-image too");
    env.rpod(&["pod", "exists", "plain-clone"]).code(1);
    env.rpod(&["pod", "rm", "plain"]).success();
}

#[test]
fn a_pods_members_sharing_ipc_share_dev_shm() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "shmpod"]).success();
    env.rpod(&[
        "run",
        "-d",
        "--pod",
        "shmpod",
        "--name",
        "writer",
        "busybox",
        "sh",
        "-c",
        "echo from-writer > /dev/shm/note; exec sleep 600",
    ])
    .success();
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "shmpod",
        "busybox",
        "sh",
        "-c",
        "for i in $(seq 50); do cat /dev/shm/note 2>/dev/null && exit 0; sleep 0.1; done; exit 1",
    ])
    .success()
    .stdout_has("from-writer");
    // A container outside the pod has a /dev/shm of its own.
    let own = env.rpod(&["run", "--rm", "busybox", "ls", "/dev/shm"]);
    assert_eq!(own.success().stdout, "");
    // Without a shared IPC namespace, a member keeps its own too.
    env.rpod(&["pod", "create", "--share", "net", "apart"])
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "apart",
        "busybox",
        "sh",
        "-c",
        "touch /dev/shm/mine && ls /dev/shm",
    ])
    .success()
    .stdout_has("mine");
    env.rpod(&["pod", "rm", "-f", "-t", "0", "shmpod", "apart"])
        .success();
}
