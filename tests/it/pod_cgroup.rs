//! A pod's cgroup and limits (`pod create --memory --cpus … --cgroup-parent --share-parent`,
//! issue 17) on a host that cannot enforce limits: each is `run`'s clear error and no pod is
//! written; the pod's cgroup settings show in `pod inspect`, and its containers still run.
//! The limits themselves are proven in the cgroup v2 guest: contrib/vm/cgroup-tests.

use serde_json::Value;

use crate::common::Env;
use crate::resources::delegated;

fn nothing_written(env: &Env) {
    assert_eq!(env.rpod(&["pod", "ps", "-q"]).success().trimmed(), "");
    assert_eq!(env.rpod(&["ps", "-aq"]).success().trimmed(), "");
}

fn pod_inspect(env: &Env, pod: &str) -> Value {
    let out = env.rpod(&["pod", "inspect", pod]);
    out.success();
    let doc: Value = serde_json::from_str(&out.stdout).expect("JSON");
    match doc {
        Value::Array(mut docs) => docs.remove(0),
        one => one,
    }
}

#[test]
fn a_pod_limit_this_host_cannot_enforce_is_runs_error_and_writes_no_pod() {
    let env = Env::with_busybox();
    let uid = crate::common::env::user().0;
    let cases: [(&[&str], &str, &str); 4] = [
        (&["--memory", "32m"], "--memory", "memory"),
        (&["--cpus", "0.5"], "--cpus", "cpu"),
        (&["--cpu-shares", "512"], "--cpu-shares", "cpu"),
        (&["--cpuset-cpus", "0"], "--cpuset-cpus", "cpuset"),
    ];
    for (flags, flag, controller) in cases {
        if delegated(&env, controller) {
            eprintln!("skipped {flag}: controller {controller} is delegated on this host");
            continue;
        }
        let mut args = vec!["pod", "create", "--name", "limited"];
        args.extend_from_slice(flags);
        let out = env.rpod(&args);
        out.code(125).stderr_has(&format!(
            "Error: cannot set {flag}: cgroup v2 controller \"{controller}\" is not delegated to user {uid}"
        ));
        out.stderr_has("hint: ").stderr_has("Delegate=");
        nothing_written(&env);
    }
    if !delegated(&env, "memory") {
        env.rpod(&["pod", "create", "--name", "orig"]).success();
        env.rpod(&["pod", "clone", "--memory", "32m", "orig", "copy"])
            .code(125)
            .stderr_has("cannot set --memory: cgroup v2 controller \"memory\" is not delegated");
        env.rpod(&["pod", "exists", "copy"]).code(1);
    }
}

#[test]
fn pod_limit_flags_are_checked_before_anything_is_written() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--memory", "1m", "p"])
        .code(125)
        .stderr_has("--memory")
        .stderr_has("the minimum is 6MB");
    env.rpod(&["pod", "create", "--cpus", "many", "p"])
        .code(125)
        .stderr_has("--cpus");
    env.rpod(&["pod", "create", "--blkio-weight", "300", "p"])
        .code(125)
        .stderr_has("--blkio-weight")
        .stderr_has("io.weight");
    env.rpod(&[
        "pod",
        "create",
        "--blkio-weight-device",
        "/dev/null:300",
        "p",
    ])
    .code(125)
    .stderr_has("--blkio-weight-device");
    env.rpod(&[
        "pod",
        "create",
        "--share-parent=false",
        "--memory",
        "32m",
        "p",
    ])
    .code(125)
    .stderr_has("--share-parent")
    .stderr_has("which its containers would not use");
    nothing_written(&env);
}

#[test]
fn a_pods_cgroup_shows_in_inspect_and_its_members_run() {
    let env = Env::with_busybox();
    let id = env
        .rpod(&["pod", "create", "--name", "grouped"])
        .success()
        .trimmed()
        .to_string();
    let doc = pod_inspect(&env, "grouped");
    assert_eq!(doc["CreateCgroup"], true, "{doc}");
    let path = doc["CgroupPath"].as_str().unwrap_or_default();
    assert!(path.ends_with(&format!("/rpod-pod-{id}")), "{doc}");
    let parent = doc["CgroupParent"].as_str().unwrap_or_default();
    assert_eq!(
        format!("{}/rpod-pod-{id}", parent.trim_end_matches('/')),
        path,
        "{doc}"
    );
    // The member's start looks its pod's cgroup up; on a host without delegation it runs
    // without a leaf, as any container without limits does.
    env.rpod(&[
        "run",
        "--rm",
        "--pod",
        "grouped",
        "busybox",
        "echo",
        "member-ran",
    ])
    .success()
    .stdout_has("member-ran");
    env.rpod(&["pod", "rm", "-f", "grouped"]).success();

    env.rpod(&["pod", "create", "--share-parent=false", "--name", "flat"])
        .success();
    let doc = pod_inspect(&env, "flat");
    assert_eq!(doc["CreateCgroup"], false, "{doc}");
    assert!(doc.get("CgroupPath").is_none(), "{doc}");
    env.rpod(&["run", "--rm", "--pod", "flat", "busybox", "true"])
        .success();
}

#[test]
fn a_pods_cgroup_parent_is_placed_as_runs_is() {
    let env = Env::with_busybox();
    let run = env.rpod(&["create", "--cgroup-parent", "pods", "busybox", "true"]);
    let pod = env.rpod(&[
        "pod",
        "create",
        "--cgroup-parent",
        "pods",
        "--name",
        "nested",
    ]);
    assert_eq!(
        run.code, pod.code,
        "run: {}\npod: {}",
        run.stderr, pod.stderr
    );
    match pod.code {
        0 => {
            let doc = pod_inspect(&env, "nested");
            let path = doc["CgroupPath"].as_str().unwrap_or_default();
            assert!(path.contains("/pods/rpod-pod-"), "{doc}");
        }
        _ => {
            pod.stderr_has(
                "cannot use --cgroup-parent pods: no cgroup on the way to it is writable",
            );
            env.rpod(&["pod", "exists", "nested"]).code(1);
        }
    }
}
