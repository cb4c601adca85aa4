//! `kube play` and `kube down`: Kubernetes YAML run as real pods whose containers really run
//! (their output, files and published ports seen from outside), and removed again.

use std::time::{Duration, Instant};

use crate::common::Env;
use crate::network::{free_port, http_get};
use crate::resources::delegated;

/// Plays `yaml` (written to a file) with `extra` flags; the output must succeed.
fn play(env: &Env, yaml: &str, extra: &[&str]) -> String {
    let file = env.write_file("play.yaml", yaml.as_bytes());
    let mut args = vec!["kube", "play"];
    args.extend_from_slice(extra);
    let file = file.to_str().unwrap().to_string();
    args.push(&file);
    env.rpod(&args).success().stdout.clone()
}

/// Polls `rpod logs NAME` until it holds `text`.
fn logs_until(env: &Env, name: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = env.rpod(&["logs", name]);
        if out.stdout.contains(text) || Instant::now() > deadline {
            return out.stdout.clone();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn names(env: &Env) -> String {
    let ps = env.rpod(&["ps", "-a", "--format", "{{.Names}}"]);
    let pods = env.rpod(&["pod", "ps", "--format", "{{.Name}}"]);
    format!("{}{}", ps.success().stdout, pods.success().stdout)
}

const POD: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: greeter
  labels:
    app: greeter
spec:
  restartPolicy: Never
  containers:
  - name: hello
    image: busybox
    command: ["sh", "-c"]
    args: ["echo hello from $WHO in $(pwd); sleep 60"]
    workingDir: /tmp
    env:
    - name: WHO
      value: kube
"#;

#[test]
fn a_pod_plays_its_container_runs_and_down_removes_it() {
    let env = Env::with_busybox();
    let out = play(&env, POD, &[]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Pod:", "{out}");
    assert_eq!(lines[2], "Container:", "{out}");
    let pod_id = env
        .rpod(&["pod", "inspect", "--format", "{{.Id}}", "greeter"])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(lines[1], pod_id);
    let logs = logs_until(&env, "greeter-hello", "hello from");
    assert!(logs.contains("hello from kube in /tmp"), "{logs}");
    env.rpod(&["inspect", "--format", "{{.Id}}", "greeter-hello"])
        .success()
        .stdout_has(lines[3]);

    let file = env.path("play.yaml");
    env.rpod(&["kube", "down", file.to_str().unwrap()])
        .success()
        .stdout_has("Pods removed:")
        .stdout_has(&pod_id);
    assert_eq!(names(&env).trim(), "", "something left after kube down");
}

#[test]
fn a_memory_limit_takes_effect_or_fails_naming_the_controller() {
    let env = Env::with_busybox();
    let yaml = POD.replace(
        "    workingDir: /tmp\n",
        "    workingDir: /tmp\n    resources:\n      limits:\n        memory: 64Mi\n",
    );
    if !delegated(&env, "memory") {
        let file = env.write_file("play.yaml", yaml.as_bytes());
        env.rpod(&["kube", "play", file.to_str().unwrap()])
            .code(125)
            .stderr_has("cannot set --memory: cgroup v2 controller \"memory\" is not delegated");
        assert_eq!(names(&env).trim(), "", "created despite the error");
        return;
    }
    play(&env, &yaml, &[]);
    env.rpod(&["exec", "greeter-hello", "cat", "/sys/fs/cgroup/memory.max"])
        .success()
        .stdout_has("67108864");
}

#[test]
fn bad_yaml_is_one_clear_error_and_creates_nothing() {
    let env = Env::with_busybox();
    let good = POD.to_string();
    let cases = [
        (
            format!("{good}---\nkind: [unclosed\n"),
            "document 2: not YAML",
        ),
        (
            format!(
                "{good}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: \"x\"\n"
            ),
            "document 2 (Pod x): spec.containers: invalid type: string \"x\", expected a sequence",
        ),
        (
            format!(
                "{good}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: y\nspec:\n  containers:\n  - name: a\n"
            ),
            "document 2 (Pod y): spec.containers[0]: missing field `image`",
        ),
        (
            format!("{good}---\napiVersion: v9\nkind: Gizmo\nmetadata:\n  name: z\n"),
            "document 2 (Gizmo z): unknown kind \"Gizmo\"",
        ),
    ];
    for (yaml, message) in cases {
        let file = env.write_file("bad.yaml", yaml.as_bytes());
        let out = env.rpod(&["kube", "play", file.to_str().unwrap()]);
        out.code(125).stderr_has(message);
        assert_eq!(
            out.stderr.trim().lines().count(),
            1,
            "one error: {}",
            out.stderr
        );
        assert_eq!(names(&env).trim(), "", "created despite {message}");
    }
}

#[test]
fn unsupported_fields_are_warned_about_by_name() {
    let env = Env::with_busybox();
    let yaml = POD.replace(
        "  restartPolicy: Never\n",
        "  restartPolicy: Never\n  nodeSelector:\n    disk: ssd\n  tolerations: []\n",
    );
    let file = env.write_file("play.yaml", yaml.as_bytes());
    let out = env.rpod(&["kube", "play", file.to_str().unwrap()]);
    out.success()
        .stderr_has("spec.nodeSelector: not supported by rpod, ignored")
        .stderr_has("spec.tolerations: not supported by rpod, ignored");
    env.rpod(&["kube", "down", file.to_str().unwrap()])
        .success();
}

#[test]
fn a_host_port_is_published_on_the_pod() {
    let env = Env::with_busybox();
    let port = free_port();
    let yaml = format!(
        r#"
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: httpd
    image: busybox
    command: ["sh", "-c", "mkdir -p /www && echo hello-kube > /www/index.html && exec httpd -f -p 80 -h /www"]
    ports:
    - containerPort: 80
      hostPort: {port}
"#
    );
    play(&env, &yaml, &[]);
    assert!(http_get(port).contains("hello-kube"));
    env.rpod(&["kube", "down", env.path("play.yaml").to_str().unwrap()])
        .success();
    assert_eq!(names(&env).trim(), "");
}
