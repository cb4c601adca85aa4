//! Pods (`pod create/ps/inspect/start/stop/kill/restart/rm/prune/exists`, `run --pod`,
//! `--requires`): real containers grouped, started and stopped together, and removed with
//! their pod.

use serde_json::Value;

use crate::common::Env;

fn json(env: &Env, args: &[&str]) -> Value {
    let out = env.rpod(args);
    out.success();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{}: {e}: {}", out.cmd, out.stdout))
}

/// The pod's state once it is `want` (a killed container's exit takes a moment).
fn wait_state(env: &Env, pod: &str, want: &str) {
    let start = std::time::Instant::now();
    while pod_state(env, pod) != want && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(pod_state(env, pod), want);
}

fn pod_state(env: &Env, pod: &str) -> String {
    json(env, &["pod", "inspect", pod])[0]["State"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_pods_containers_run_stop_and_go_together() {
    let env = Env::with_busybox();
    let id_file = env.path("pod.id");
    let id_file = id_file.to_str().unwrap();
    env.rpod(&[
        "pod",
        "create",
        "--infra=false",
        "--share=",
        "--name",
        "app",
        "--label",
        "tier=web",
        "--pod-id-file",
        id_file,
    ])
    .success();
    let pod_id = std::fs::read_to_string(id_file).unwrap();
    assert_eq!(pod_id.len(), 64);
    assert_eq!(pod_state(&env, "app"), "Created");
    env.rpod(&["pod", "exists", "app"]).success();
    env.rpod(&["pod", "exists", "nope"]).code(1);

    env.rpod(&[
        "run", "-d", "--pod", "app", "--name", "one", "busybox", "sleep", "600",
    ])
    .success();
    env.rpod(&[
        "create",
        "--pod-id-file",
        id_file,
        "--name",
        "two",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    assert_eq!(pod_state(&env, "app"), "Degraded");
    let inspected = json(&env, &["pod", "inspect", "app"]);
    assert_eq!(inspected[0]["Id"], pod_id.as_str());
    assert_eq!(inspected[0]["NumContainers"], 2);
    assert_eq!(inspected[0]["Labels"]["tier"], "web");
    let one = json(&env, &["inspect", "one"]);
    assert_eq!(one[0]["Pod"], pod_id.as_str());

    env.rpod(&["pod", "start", "app"])
        .success()
        .stdout_has(&pod_id);
    assert_eq!(pod_state(&env, "app"), "Running");
    // Both really run.
    env.rpod(&["exec", "two", "true"]).success();

    let table = env.rpod(&["pod", "ps", "--ctr-names"]);
    table.success();
    assert!(table.stdout.starts_with("POD ID"), "{}", table.stdout);
    assert!(table.stdout.contains("INFRA ID"), "{}", table.stdout);
    assert!(table.stdout.contains("one,two"), "{}", table.stdout);
    let listed = json(&env, &["pod", "ps", "--format", "json"]);
    assert_eq!(listed[0]["Name"], "app");
    assert_eq!(listed[0]["Status"], "Running");
    assert_eq!(listed[0]["Containers"].as_array().unwrap().len(), 2);
    env.rpod(&["pod", "ls", "--filter", "label=tier=web", "-q"])
        .success()
        .stdout_has(&pod_id[..12]);
    let none = env.rpod(&["pod", "ls", "--filter", "status=exited", "-q"]);
    assert_eq!(none.success().stdout, "");
    env.rpod(&["pod", "ps", "--format", "{{.Name}} {{.NumberOfContainers}}"])
        .success()
        .stdout_has("app 2");

    // ps shows the pod; a pod= filter picks its containers.
    let ps = json(&env, &["ps", "--filter", "pod=app", "--format", "json"]);
    assert_eq!(ps.as_array().unwrap().len(), 2);
    assert_eq!(ps[0]["PodName"], "app");
    env.rpod(&["ps", "--pod"]).success().stdout_has("PODNAME");

    env.rpod(&["pod", "stop", "-t", "0", "app"]).success();
    assert_eq!(pod_state(&env, "app"), "Exited");
    env.rpod(&["pod", "restart", "app"]).success();
    assert_eq!(pod_state(&env, "app"), "Running");
    env.rpod(&["pod", "kill", "app"]).success();
    wait_state(&env, "app", "Exited");
    env.rpod(&["pod", "start", "app"]).success();

    // A running pod goes only with -f, and takes its containers and their processes.
    env.rpod(&["pod", "rm", "app"])
        .code(125)
        .stderr_has("running container");
    let pid = json(&env, &["inspect", "one"])[0]["State"]["Pid"]
        .as_i64()
        .unwrap();
    env.rpod(&["pod", "rm", "-f", "-t", "0", "--pod-id-file", id_file])
        .success()
        .stdout_has(&pod_id);
    assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
    env.rpod(&["pod", "exists", "app"]).code(1);
    env.rpod(&["inspect", "one"]).failure();
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "");
    // The id file went with the pod: a quadlet pod unit's `pod create --pod-id-file` works
    // again at its next start.
    assert!(!std::path::Path::new(id_file).exists());
    env.rpod(&["pod", "create", "--name", "app", "--pod-id-file", id_file])
        .success();
    env.rpod(&["pod", "rm", "--pod-id-file", id_file]).success();
    assert!(!std::path::Path::new(id_file).exists());
}

#[test]
fn pod_create_refuses_what_it_cannot_do_and_prune_removes_stopped_pods() {
    let env = Env::with_busybox();
    env.rpod(&[
        "pod",
        "create",
        "--infra=false",
        "--share",
        "net",
        "--name",
        "p",
    ])
    .code(125)
    .stderr_has("infra container");
    env.rpod(&["pod", "create", "--infra=false", "--name", "p"])
        .success();
    env.rpod(&["pod", "create", "--infra=false", "--name", "p"])
        .code(125)
        .stderr_has("already exists");
    env.rpod(&["pod", "create", "--infra=false", "--name", "p", "--replace"])
        .success();
    env.rpod(&["run", "--pod", "missing", "busybox", "true"])
        .code(125)
        .stderr_has("no such pod");
    // A new: pod has its infra container, which keeps running after the member exits.
    env.rpod(&["run", "--pod", "new:made", "--name", "m", "busybox", "true"])
        .success();
    assert_eq!(pod_state(&env, "made"), "Degraded");
    assert_eq!(
        json(&env, &["pod", "inspect", "made"])[0]["CreateInfra"],
        true
    );
    env.rpod(&["pod", "stop", "made"]).success();
    assert_eq!(pod_state(&env, "made"), "Exited");
    env.rpod(&["run", "-d", "--pod", "p", "busybox", "sleep", "600"])
        .success();
    env.rpod(&["pod", "prune"]).success();
    env.rpod(&["pod", "exists", "made"]).code(1);
    env.rpod(&["pod", "exists", "p"]).success();
    env.rpod(&["pod", "rm", "-f", "-t", "0", "p"]).success();
}

#[test]
fn requires_starts_the_required_containers_first_and_refuses_a_missing_one() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "db", "busybox", "sleep", "600"])
        .success();
    env.rpod(&["create", "--name", "cache", "busybox", "sleep", "600"])
        .success();
    env.rpod(&["run", "--requires", "nope", "busybox", "true"])
        .code(125)
        .stderr_has("--requires");
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "app",
        "--requires",
        "db,cache",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    for name in ["db", "cache", "app"] {
        let state = json(&env, &["inspect", name]);
        assert_eq!(state[0]["State"]["Status"], "running", "{name}");
    }
    env.rpod(&["rm", "-f", "-t", "0", "app", "db", "cache"])
        .success();
}

const DEAF: [&str; 3] = ["d1", "d2", "d3"];

/// Pod `deaf`: its infra container and three members that ignore SIGTERM (`sh` as PID 1
/// with the signal trapped); their pids.
fn deaf_pod(env: &Env) -> Vec<i64> {
    env.rpod(&["pod", "create", "--name", "deaf"]).success();
    for name in DEAF {
        env.rpod(&[
            "run",
            "-d",
            "--pod",
            "deaf",
            "--name",
            name,
            "busybox",
            "sh",
            "-c",
            "trap '' TERM; sleep 1000",
        ])
        .success();
    }
    wait_state(env, "deaf", "Running");
    DEAF.iter()
        .map(|name| {
            json(env, &["inspect", name])[0]["State"]["Pid"]
                .as_i64()
                .unwrap()
        })
        .collect()
}

/// Runs a pod verb given `-t 2` on `deaf`: its members' stops must overlap.
fn overlapping(env: &Env, args: &[&str]) {
    let start = std::time::Instant::now();
    env.rpod(args).success();
    let took = start.elapsed();
    // Each member waited out its 2 s: none was killed early.
    assert!(
        took >= std::time::Duration::from_secs(2),
        "{args:?} took {took:?}"
    );
    // One after another they take 6 s.
    assert!(
        took < std::time::Duration::from_secs(5),
        "{args:?} took {took:?}"
    );
}

#[test]
fn pod_stop_and_rm_stop_their_members_together() {
    let env = Env::with_busybox();
    deaf_pod(&env);
    overlapping(&env, &["pod", "stop", "-t", "2", "deaf"]);
    for name in DEAF {
        let state = &json(&env, &["inspect", name])[0]["State"];
        assert_eq!(state["Status"], "exited", "{name}");
        assert_eq!(state["ExitCode"], 137, "{name}");
    }
    let infra = json(&env, &["pod", "inspect", "deaf"])[0]["InfraContainerID"]
        .as_str()
        .unwrap()
        .to_string();
    let infra_state = &json(&env, &["inspect", &infra])[0]["State"];
    assert_eq!(infra_state["Status"], "exited");
    assert_eq!(pod_state(&env, "deaf"), "Exited");
    env.rpod(&["pod", "rm", "deaf"]).success();

    let pids = deaf_pod(&env);
    overlapping(&env, &["pod", "rm", "-f", "-t", "2", "deaf"]);
    for pid in pids {
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "{pid}"
        );
    }
    env.rpod(&["pod", "exists", "deaf"]).code(1);
    let left = env.rpod(&["ps", "-aq"]);
    assert_eq!(left.success().stdout, "");
}

#[test]
fn pod_restart_stops_members_together_but_a_required_one_after_its_dependent() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--name", "chain"]).success();
    let deaf = |name: &str, extra: &[&str]| {
        let mut args = vec![
            "run",
            "-d",
            "--pod",
            "chain",
            "--name",
            name,
            "--stop-timeout",
            "2",
        ];
        args.extend_from_slice(extra);
        args.extend(["busybox", "sh", "-c", "trap '' TERM; sleep 1000"]);
        env.rpod(&args).success();
    };
    deaf("db", &[]);
    deaf("app", &["--requires", "db"]);
    deaf("web", &[]);
    wait_state(&env, "chain", "Running");
    let pid = |name: &str| {
        json(&env, &["inspect", name])[0]["State"]["Pid"]
            .as_i64()
            .unwrap()
    };
    let before: Vec<i64> = ["db", "app", "web"].map(pid).to_vec();
    let start = std::time::Instant::now();
    env.rpod(&["pod", "restart", "chain"]).success();
    let took = start.elapsed();
    // app and web together (2 s), then db once app is down (2 s); one after another, 6 s.
    assert!(took >= std::time::Duration::from_secs(4), "took {took:?}");
    assert!(
        took < std::time::Duration::from_millis(5500),
        "took {took:?}"
    );
    assert_eq!(pod_state(&env, "chain"), "Running");
    let after: Vec<i64> = ["db", "app", "web"].map(pid).to_vec();
    for (b, a) in before.iter().zip(&after) {
        assert_ne!(b, a, "a new run");
    }
    env.rpod(&["pod", "rm", "-f", "-t", "0", "chain"]).success();
}

/// `--pod`, `--pod-id-file` and `--requires` for run_flags' every-option check.
pub fn check(env: &Env) {
    let id_file = env.path("flags-pod.id");
    let id_file = id_file.to_str().unwrap();
    env.rpod(&[
        "pod",
        "create",
        "--infra=false",
        "--name",
        "flags-pod",
        "--pod-id-file",
        id_file,
    ])
    .success();
    env.rpod(&["create", "--name", "flags-db", "busybox", "sleep", "600"])
        .success();
    env.rpod(&[
        "run",
        "-d",
        "--pod-id-file",
        id_file,
        "--requires",
        "flags-db",
        "--name",
        "flags-app",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    assert_eq!(
        json(env, &["inspect", "flags-db"])[0]["State"]["Status"],
        "running"
    );
    let members = json(
        env,
        &["ps", "--filter", "pod=flags-pod", "--format", "json"],
    );
    assert_eq!(members[0]["Names"][0], "flags-app");
    env.rpod(&["run", "--pod", "flags-pod", "--rm", "busybox", "true"])
        .success();
    env.rpod(&["pod", "rm", "-f", "-t", "0", "flags-pod"])
        .success();
    env.rpod(&["rm", "-f", "-t", "0", "flags-db"]).success();
}

/// `create --pod` racing `pod rm -f`: either the container joined first and went with the
/// pod, or the pod was gone first and the create is refused; never a container left naming
/// a removed pod.
#[test]
fn create_in_a_pod_racing_its_removal_leaves_no_orphan() {
    let env = Env::with_busybox();
    for round in 0..8 {
        let pod = format!("race{round}");
        env.rpod(&["pod", "create", "--infra=false", &pod])
            .success();
        let start = |mut cmd: std::process::Command| {
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let creating = start(env.rpod_cmd(["create", "--pod", &pod, "busybox", "true"]));
        let removing = start(env.rpod_cmd(["pod", "rm", "-f", &pod]));
        let created = creating.wait_with_output().unwrap();
        let removed = removing.wait_with_output().unwrap();
        assert!(removed.status.success(), "{removed:?}");
        if !created.status.success() {
            let stderr = String::from_utf8_lossy(&created.stderr);
            assert!(stderr.contains("no such pod"), "{stderr}");
        }
        let left = env.rpod(&["ps", "-a", "--format", "{{.Names}} {{.Pod}}"]);
        assert_eq!(left.success().stdout, "", "round {round}: an orphan");
    }
}

#[test]
fn pod_top_logs_and_stats_show_every_container_of_the_pod() {
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--network", "none", "--name", "seen"])
        .success();
    for (name, word) in [("one", "first-says"), ("two", "second-says")] {
        env.rpod(&[
            "run",
            "-d",
            "--pod",
            "seen",
            "--name",
            name,
            "busybox",
            "sh",
            "-c",
            &format!("echo {word}; exec sleep 1000"),
        ])
        .success();
    }
    // One table of both containers' processes (and the infra's pause).
    let top = env.rpod(&["pod", "top", "seen", "pid", "args"]);
    top.success();
    assert_eq!(
        top.lines()[0].split_whitespace().collect::<Vec<_>>(),
        ["PID", "COMMAND"]
    );
    assert_eq!(
        top.lines()
            .iter()
            .filter(|l| l.contains("sleep 1000"))
            .count(),
        2,
        "{}",
        top.stdout
    );
    // Each line prefixed with its container, by name with --names.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let logs = env.rpod(&["pod", "logs", "--names", "seen"]);
        logs.success();
        if logs.stdout.contains("one first-says\n") && logs.stdout.contains("two second-says\n") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{}", logs.stdout);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let only = env.rpod(&["pod", "logs", "-c", "two", "seen"]);
    only.success();
    assert!(only.stdout.ends_with(" second-says\n"), "{}", only.stdout);
    assert!(!only.stdout.contains("first-says"), "{}", only.stdout);
    env.rpod(&["run", "-d", "--name", "outside", "busybox", "true"])
        .success();
    env.rpod(&["pod", "logs", "-c", "outside", "seen"])
        .code(125)
        .stderr_has("the container is not in pod seen");
    // One reading per running container of the pod, with the pod's id.
    let pod_id = env.rpod(&["pod", "inspect", "-f", "{{.Id}}", "seen"]);
    let pod_id = pod_id.success().trimmed()[..12].to_string();
    let stats = env.rpod(&[
        "pod",
        "stats",
        "--no-stream",
        "--format",
        "{{.Pod}} {{.Name}} {{.PIDs}}",
        "seen",
    ]);
    stats.success();
    for name in ["one", "two"] {
        assert!(
            stats.stdout.contains(&format!("{pod_id} {name} 1\n")),
            "{}",
            stats.stdout
        );
    }
    env.rpod(&["pod", "stats", "--no-stream", "nosuchpod"])
        .code(1)
        .stderr_has("no such pod");
    env.rpod(&["pod", "stop", "-t", "0", "seen"]).success();
    env.rpod(&["pod", "top", "seen"])
        .code(125)
        .stderr_has("seen");
}
