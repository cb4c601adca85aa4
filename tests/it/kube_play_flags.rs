//! `kube play`'s flags over the YAML (podman 5's): what every container gets, and `--wait`,
//! which keeps the pods in the foreground and removes them (and their volumes) at the end.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::env::wait_output;
use crate::kube_play::{logs_until, names, play};
use crate::network::{free_port, http_get};

fn served(port: u16) -> String {
    format!(
        r#"
apiVersion: v1
kind: Pod
metadata:
  name: site
spec:
  containers:
  - name: web
    image: busybox
    command: ["sh", "-c"]
    args: ["mkdir -p /www && echo served > /www/index.html && httpd -f -p {port} -h /www"]
    ports:
    - containerPort: {port}
"#
    )
}

#[test]
fn plays_flags_reach_the_pod_and_every_container() {
    let env = Env::with_busybox();
    let port = free_port();
    play(
        &env,
        &served(port),
        &[
            "-q",
            "--publish-all",
            "--no-pod-prefix",
            "--annotation",
            "team=web",
            "--log-driver",
            "none",
            "--no-hosts",
        ],
    );
    // --no-pod-prefix: the container is "web", not "site-web".
    let inspect = |format: &str| {
        env.rpod(&["inspect", "--format", format, "web"])
            .success()
            .trimmed()
            .to_string()
    };
    assert_eq!(inspect("{{index .Config.Annotations \"team\"}}"), "web");
    assert_eq!(inspect("{{.HostConfig.LogConfig.Type}}"), "none");
    // --publish-all: the containerPort without a hostPort is reached from the host.
    let body = http_get(port);
    assert!(body.contains("served"), "{body}");
    // --no-hosts: the pod's /etc/hosts has no entry of rpod's for the pod.
    let hosts = env
        .rpod(&["exec", "web", "cat", "/etc/hosts"])
        .stdout
        .clone();
    assert!(!hosts.contains("site"), "{hosts}");
    let file = env.path("play.yaml");
    env.rpod(&["kube", "down", file.to_str().unwrap()])
        .success();
    // More addresses than pods is refused before anything is made.
    let file = env.write_file("two.yaml", served(free_port()).as_bytes());
    env.rpod(&[
        "kube",
        "play",
        "--ip",
        "10.89.0.5",
        "--ip",
        "10.89.0.6",
        file.to_str().unwrap(),
    ])
    .code(125)
    .stderr_has("--ip was given 2 times, but the YAML has 1 pods");
    assert_eq!(names(&env), "", "the refused play made something");
}

const DONE: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  restartPolicy: Never
  containers:
  - name: job
    image: busybox
    command: ["sh", "-c", "sleep 1; echo finished"]
    volumeMounts:
    - name: out
      mountPath: /out
  volumes:
  - name: out
    persistentVolumeClaim:
      claimName: results
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: results
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
"#;

#[test]
fn wait_returns_when_the_containers_exit_and_removes_what_it_made() {
    let env = Env::with_busybox();
    let out = play(&env, DONE, &["--wait"]);
    assert!(out.starts_with("Pod:\n"), "{out}");
    assert!(out.contains("Pods removed:\n"), "{out}");
    assert!(out.contains("Volumes removed:\nresults\n"), "{out}");
    assert_eq!(names(&env), "");
    env.rpod(&["volume", "exists", "results"]).code(1);
}

#[test]
fn wait_ends_on_sigint_and_removes_the_running_pod() {
    let env = Env::with_busybox();
    let yaml = DONE.replace("sleep 1; echo finished", "echo started; sleep 600");
    let file = env.write_file("play.yaml", yaml.as_bytes());
    let child = env
        .rpod_cmd(["kube", "play", "--wait", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !env.rpod(&["logs", "batch-job"]).stdout.contains("started") {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the pod never ran"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    wait_output(child, "kube play --wait")
        .success()
        .stdout_has("Pods removed:\n");
    assert_eq!(names(&env), "");
    env.rpod(&["volume", "exists", "results"]).code(1);
}

/// Three containers each trying mkdir: one under a Localhost profile named by its
/// securityContext, one under the pod's (deprecated) annotation, one with RuntimeDefault.
const SECCOMP: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: guarded
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: localhost/deny-mkdir.json
spec:
  restartPolicy: Never
  containers:
  - name: field
    image: busybox
    command: ["sh", "-c", "mkdir /made 2>&1 && echo made; echo done"]
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: profiles/deny-mkdir.json
  - name: annotated
    image: busybox
    command: ["sh", "-c", "mkdir /made 2>&1 && echo made; echo done"]
  - name: free
    image: busybox
    command: ["sh", "-c", "mkdir /made 2>&1 && echo made; echo done"]
    securityContext:
      seccompProfile:
        type: RuntimeDefault
"#;

#[test]
fn seccomp_profiles_come_from_the_profile_root_and_deny_what_they_deny() {
    let env = Env::with_busybox();
    let deny = br#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":1}]}"#;
    env.write_file("work/seccomp/profiles/deny-mkdir.json", deny);
    env.write_file("work/seccomp/deny-mkdir.json", deny);
    let file = env.write_file("work/guarded.yaml", SECCOMP.as_bytes());
    let file = file.to_str().unwrap();
    // The default root (the kubelet's) has no such profile: nothing is made.
    env.rpod(&["kube", "play", file])
        .code(125)
        .stderr_has("/var/lib/kubelet/seccomp/profiles/deny-mkdir.json");
    assert_eq!(names(&env), "");
    let root = env.path("work/seccomp");
    env.rpod(&[
        "kube",
        "play",
        "--seccomp-profile-root",
        root.to_str().unwrap(),
        file,
    ])
    .success();
    for (name, said) in [
        ("guarded-field", "Operation not permitted"),
        ("guarded-annotated", "Operation not permitted"),
        ("guarded-free", "made"),
    ] {
        let logs = logs_until(&env, name, "done");
        assert!(logs.contains(said), "{name}: {logs}");
    }
}
