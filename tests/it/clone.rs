//! `container clone` and `pod clone`: real containers made from others' records, running with
//! the same configuration and their own state.

use serde_json::Value;

use crate::common::Env;

fn inspect(env: &Env, name: &str) -> Value {
    let out = env.rpod(&["inspect", name]);
    out.success();
    let docs: Value = serde_json::from_str(&out.stdout).expect("inspect prints JSON");
    docs[0].clone()
}

fn exec(env: &Env, name: &str, script: &str) -> String {
    let out = env.rpod(&["exec", name, "sh", "-c", script]);
    out.success();
    out.stdout.clone()
}

fn anonymous_volume(doc: &Value, target: &str) -> String {
    doc["Mounts"]
        .as_array()
        .expect("Mounts")
        .iter()
        .find(|m| m["Destination"] == target)
        .unwrap_or_else(|| panic!("no mount at {target}: {}", doc["Mounts"]))["Name"]
        .as_str()
        .expect("a volume's name")
        .to_string()
}

#[test]
fn a_clone_runs_with_the_originals_configuration_and_its_own_state() {
    let env = Env::with_busybox();
    env.rpod(&["network", "create", "cl"]).success();
    let secret = env.write_file("secret.txt", b"s3cret");
    env.rpod(&["secret", "create", "tok", secret.to_str().unwrap()])
        .success();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "orig",
        "--network",
        "cl",
        "--label",
        "tier=db",
        "-e",
        "FOO=bar",
        "-v",
        "/data",
        "-v",
        "keep:/keep",
        "--secret",
        "tok",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    // Written by the original, not by the command the clone runs too.
    exec(
        &env,
        "orig",
        "echo o > /data/o; echo o > /keep/o; echo o > /marker",
    );
    let orig = inspect(&env, "orig");

    let out = env.rpod(&["container", "clone", "orig"]);
    out.success();
    let clone = inspect(&env, "orig-clone");
    assert_eq!(clone["Id"].as_str(), Some(out.trimmed()));
    assert_eq!(
        clone["State"]["Status"], "created",
        "a clone is not started"
    );
    assert_eq!(clone["Config"]["Labels"]["tier"], "db");
    assert_eq!(clone["Config"]["Cmd"], orig["Config"]["Cmd"]);
    assert!(
        clone["Config"]["Env"]
            .as_array()
            .unwrap()
            .contains(&"FOO=bar".into())
    );
    let id = clone["Id"].as_str().unwrap();
    assert_eq!(clone["Config"]["Hostname"].as_str(), Some(&id[..12]));
    assert_ne!(
        anonymous_volume(&clone, "/data"),
        anonymous_volume(&orig, "/data"),
        "the clone gets its own anonymous volume"
    );
    assert_eq!(anonymous_volume(&clone, "/keep"), "keep");

    env.rpod(&["start", "orig-clone"]).success();
    let seen = exec(
        &env,
        "orig-clone",
        "cat /run/secrets/tok; echo; ls /data; cat /keep/o; test -e /marker && echo MARKER; \
         hostname; nslookup orig >/dev/null && echo RESOLVED",
    );
    assert_eq!(
        seen,
        format!("s3cret\no\n{}\nRESOLVED\n", &id[..12]),
        "its secret, an empty anonymous volume, the named one, no file of the original's \
         writable layer, its own hostname, and the original reached by name on their network"
    );
    let ip = |doc: &Value| doc["NetworkSettings"]["Networks"]["cl"]["IPAddress"].clone();
    assert_ne!(ip(&inspect(&env, "orig-clone")), ip(&orig));

    // A second clone takes the next free name, another image and its name.
    env.rpod(&["tag", "busybox", "localhost/other:1"]).success();
    env.rpod(&["container", "clone", "orig", "second", "localhost/other:1"])
        .success();
    assert_eq!(
        inspect(&env, "second")["ImageName"],
        "localhost/other:1",
        "the third argument is the clone's image"
    );
    env.rpod(&["container", "clone", "orig"]).success();
    env.rpod(&["container", "exists", "orig-clone1"]).success();
}

#[test]
fn clone_destroy_hands_over_the_originals_place() {
    let env = Env::with_busybox();
    let cidfile = env.path("orig.cid");
    let cidfile = cidfile.to_str().unwrap();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "orig",
        "--cidfile",
        cidfile,
        "-v",
        "/data",
        "busybox",
        "sh",
        "-c",
        "echo kept > /data/f; exec sleep 600",
    ])
    .success();
    let volume = anonymous_volume(&inspect(&env, "orig"), "/data");

    env.rpod(&["container", "clone", "--force", "orig"])
        .code(125)
        .stderr_has("--destroy");
    env.rpod(&["container", "clone", "--destroy", "orig"])
        .code(125)
        .stderr_has("running");
    env.rpod(&["container", "clone", "--name", "a", "orig", "b"])
        .code(125)
        .stderr_has("give the name once");
    // Limits over the original's need what `run`'s need (the guest checks them for real).
    if !crate::resources::delegated(&env, "memory") {
        env.rpod(&["container", "clone", "--memory", "64m", "orig"])
            .code(125)
            .stderr_has("cannot set --memory: cgroup v2 controller \"memory\" is not delegated");
    }
    env.rpod(&["container", "clone", "nosuch"])
        .code(1)
        .stderr_has("no container with name or ID \"nosuch\"");
    env.rpod(&["ps", "-a", "--format", "{{.Names}}"])
        .success()
        .stdout_has("orig");
    assert!(
        !env.rpod(&["ps", "-a", "--format", "{{.Names}}"])
            .stdout
            .contains("orig-clone"),
        "a refused clone leaves nothing"
    );

    let out = env.rpod(&[
        "container",
        "clone",
        "--destroy",
        "--force",
        "--run",
        "--name",
        "next",
        "orig",
    ]);
    out.success();
    let id = out.trimmed().to_string();
    env.rpod(&["container", "exists", "orig"]).code(1);
    let next = inspect(&env, "next");
    assert_eq!(next["State"]["Status"], "running", "--run starts it");
    assert_eq!(
        anonymous_volume(&next, "/data"),
        volume,
        "it keeps the volume"
    );
    assert_eq!(exec(&env, "next", "cat /data/f"), "kept\n");
    assert_eq!(
        std::fs::read_to_string(cidfile).unwrap(),
        id,
        "the id file names the clone"
    );
    env.rpod(&["rm", "-f", "next"]).success();
}

#[test]
fn a_pod_clone_has_its_own_infra_and_its_members_share_it() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--name", "p"]).success();
    env.rpod(&[
        "run", "-d", "--pod", "p", "--name", "web", "busybox", "sleep", "600",
    ])
    .success();
    env.rpod(&[
        "create",
        "--pod",
        "p",
        "--name",
        "side",
        "--requires",
        "web",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    let infra_of = |pod: &str| {
        let out = env.rpod(&["pod", "inspect", pod]);
        out.success();
        let doc: Value = serde_json::from_str(&out.stdout).unwrap();
        doc[0]["InfraContainerID"].as_str().unwrap().to_string()
    };
    let old_infra = infra_of("p");

    env.rpod(&["container", "clone", &old_infra])
        .code(125)
        .stderr_has("pod clone");
    let out = env.rpod(&["pod", "clone", "--start", "p"]);
    out.success();
    let new_infra = infra_of("p-clone");
    assert_ne!(new_infra, old_infra);
    let web = inspect(&env, "web-clone");
    assert_eq!(web["State"]["Status"], "running");
    assert_eq!(web["Pod"].as_str(), Some(out.trimmed()));
    let side = inspect(&env, "side-clone");
    assert_eq!(side["State"]["Status"], "running");
    let requires = side["Dependencies"].to_string();
    assert!(
        requires.contains(web["Id"].as_str().unwrap()),
        "side-clone requires web-clone: {requires}"
    );
    let netns = |name: &str| exec(&env, name, "readlink /proc/self/ns/net; hostname");
    assert_eq!(
        netns("web-clone"),
        netns("side-clone"),
        "one pod, one namespace"
    );
    assert!(
        netns("web-clone").ends_with("\np-clone\n"),
        "the new pod's hostname"
    );
    assert_ne!(netns("web-clone"), netns("web"));

    // --destroy removes the pod cloned from, running or not.
    env.rpod(&["pod", "clone", "--destroy", "p-clone", "q"])
        .success();
    env.rpod(&["pod", "exists", "p-clone"]).code(1);
    env.rpod(&["pod", "exists", "q"]).success();
    env.rpod(&["container", "exists", "web-clone-clone"])
        .success();
    env.rpod(&["pod", "rm", "-f", "p", "q"]).success();
}
