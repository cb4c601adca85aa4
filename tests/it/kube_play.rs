//! `kube play` and `kube down`: Kubernetes YAML run as real pods whose containers really run
//! (their output, files and published ports seen from outside), and removed again.

use std::time::{Duration, Instant};

use crate::common::Env;
use crate::network::{free_port, http_get};
use crate::resources::delegated;

/// Plays `yaml` (written to a file) with `extra` flags; the output must succeed.
pub(crate) fn play(env: &Env, yaml: &str, extra: &[&str]) -> String {
    let file = env.write_file("play.yaml", yaml.as_bytes());
    let mut args = vec!["kube", "play"];
    args.extend_from_slice(extra);
    let file = file.to_str().unwrap().to_string();
    args.push(&file);
    env.rpod(&args).success().stdout.clone()
}

/// Polls `rpod logs NAME` until it holds `text`.
pub(crate) fn logs_until(env: &Env, name: &str, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = env.rpod(&["logs", name]);
        if out.stdout.contains(text) || Instant::now() > deadline {
            return out.stdout.clone();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub(crate) fn names(env: &Env) -> String {
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

#[test]
fn a_deployment_runs_one_pod_and_says_so_for_more_replicas() {
    let env = Env::with_busybox();
    let yaml = r#"
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 3
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: main
        image: busybox
        args: ["sh", "-c", "echo deployed; sleep 60"]
"#;
    let file = env.write_file("play.yaml", yaml.as_bytes());
    env.rpod(&["kube", "play", file.to_str().unwrap()])
        .success()
        .stderr_has("3 replicas asked for: rpod runs one pod, app-pod");
    assert!(logs_until(&env, "app-pod-main", "deployed").contains("deployed"));
    env.rpod(&["pod", "inspect", "--format", "{{.State}}", "app-pod"])
        .success()
        .stdout_has("Running");
    env.rpod(&["kube", "down", file.to_str().unwrap()])
        .success();
    assert_eq!(names(&env).trim(), "");
}

#[test]
fn a_config_map_and_a_secret_reach_a_container_as_files_and_variables() {
    let env = Env::with_busybox();
    let settings = env.write_file(
        "settings.yaml",
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  mode: fast\n",
    );
    let yaml = r#"
apiVersion: v1
kind: ConfigMap
metadata:
  name: site
data:
  greeting: hello-from-configmap
  index.html: |
    <p>configured</p>
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  password: czNjcjN0
---
apiVersion: v1
kind: Pod
metadata:
  name: cfg
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "60"]
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: site
          key: greeting
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: creds
          key: password
    envFrom:
    - configMapRef:
        name: extra
      prefix: X_
    volumeMounts:
    - name: html
      mountPath: /www
      readOnly: true
    - name: secret
      mountPath: /secret
  volumes:
  - name: html
    configMap:
      name: site
      items:
      - key: index.html
        path: index.html
  - name: secret
    secret:
      secretName: creds
"#;
    play(&env, yaml, &["--configmap", settings.to_str().unwrap()]);
    env.rpod(&["exec", "cfg-app", "cat", "/www/index.html"])
        .success()
        .stdout_has("<p>configured</p>");
    env.rpod(&["exec", "cfg-app", "cat", "/secret/password"])
        .success()
        .stdout_has("s3cr3t");
    env.rpod(&[
        "exec",
        "cfg-app",
        "sh",
        "-c",
        "echo $GREETING $PASSWORD $X_mode",
    ])
    .success()
    .stdout_has("hello-from-configmap s3cr3t fast");
    env.rpod(&["exec", "cfg-app", "ls", "/www"])
        .success()
        .stdout_has("index.html");
    env.rpod(&["exec", "cfg-app", "touch", "/www/x"]).failure();
    env.rpod(&["kube", "down", env.path("play.yaml").to_str().unwrap()])
        .success();
    assert!(
        !env.data().join("kube/cfg").exists(),
        "the pod's files stayed"
    );
}

#[test]
fn a_job_runs_its_init_containers_in_order_then_runs_to_completion() {
    let env = Env::with_busybox();
    let yaml = r#"
apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: first
        image: busybox
        command: ["sh", "-c", "echo one > /work/log"]
        volumeMounts:
        - name: work
          mountPath: /work
      - name: second
        image: busybox
        command: ["sh", "-c", "echo two >> /work/log"]
        volumeMounts:
        - name: work
          mountPath: /work
      containers:
      - name: job
        image: busybox
        command: ["sh", "-c", "cat /work/log; echo job done"]
        volumeMounts:
        - name: work
          mountPath: /work
      volumes:
      - name: work
        emptyDir: {}
"#;
    let out = play(&env, yaml, &[]);
    assert!(out.contains("Containers:"), "{out}");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let state = env
            .rpod(&[
                "inspect",
                "--format",
                "{{.State.Status}} {{.State.ExitCode}}",
                "batch-pod-job",
            ])
            .success()
            .trimmed()
            .to_string();
        if state == "exited 0" {
            break;
        }
        assert!(Instant::now() < deadline, "the job never finished: {state}");
        std::thread::sleep(Duration::from_millis(100));
    }
    env.rpod(&["logs", "batch-pod-job"])
        .success()
        .stdout_has("one\ntwo\njob done");
    env.rpod(&["kube", "down", env.path("play.yaml").to_str().unwrap()])
        .success();
    assert_eq!(names(&env).trim(), "");
}

#[test]
fn a_failing_init_container_stops_the_play_and_leaves_nothing() {
    let env = Env::with_busybox();
    let yaml = POD.replace(
        "  containers:\n",
        "  initContainers:\n  - name: setup\n    image: busybox\n    command: [\"sh\", \"-c\", \"exit 3\"]\n  containers:\n",
    );
    let file = env.write_file("play.yaml", yaml.as_bytes());
    env.rpod(&["kube", "play", file.to_str().unwrap()])
        .code(125)
        .stderr_has("init container greeter-setup exited with code 3");
    assert_eq!(names(&env).trim(), "");
}

const CLAIM: &str = r#"
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: store
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: keeper
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "date >> /data/runs; sleep 60"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: store
"#;

#[test]
fn a_claims_volume_outlives_kube_down_unless_forced() {
    let env = Env::with_busybox();
    let out = play(&env, CLAIM, &[]);
    assert!(out.contains("Volume:\nstore"), "{out}");
    let file = env.path("play.yaml");
    let file = file.to_str().unwrap();
    let runs = |env: &Env, n: usize| {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let out = env.rpod(&["exec", "keeper-app", "cat", "/data/runs"]);
            if out.stdout.lines().count() == n || Instant::now() > deadline {
                return out.stdout.lines().count();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    assert_eq!(runs(&env, 1), 1);
    env.rpod(&["kube", "down", file]).success();
    env.rpod(&["volume", "ls", "-q"])
        .success()
        .stdout_has("store");
    env.rpod(&["kube", "play", file]).success();
    assert_eq!(runs(&env, 2), 2, "the data of the first play is gone");
    env.rpod(&["kube", "down", "--force", file])
        .success()
        .stdout_has("Volumes removed:\nstore");
    assert_eq!(env.rpod(&["volume", "ls", "-q"]).success().trimmed(), "");
    assert_eq!(names(&env).trim(), "");
}

#[test]
fn an_image_with_a_build_directory_is_built_before_the_pod_is_made() {
    let env = Env::with_busybox();
    // podman's layout: the image's name is a directory, beside the YAML, with a Containerfile.
    env.write_file(
        "work/greeting/Containerfile",
        b"FROM busybox\nRUN echo built-v1 > /greeting\n",
    );
    let yaml = r#"
apiVersion: v1
kind: Pod
metadata:
  name: made
spec:
  containers:
  - name: app
    image: greeting
    command: ["sh", "-c", "cat /greeting; sleep 60"]
"#;
    let out = play(&env, yaml, &[]);
    assert!(
        out.starts_with("Pod:\n"),
        "build steps stay off stdout: {out}"
    );
    assert!(logs_until(&env, "made-app", "built-").contains("built-v1"));
    env.rpod(&["image", "exists", "localhost/greeting:latest"])
        .success();

    // The store has it now: a changed Containerfile is built again only with --build.
    env.write_file(
        "work/greeting/Containerfile",
        b"FROM busybox\nRUN echo built-v2 > /greeting\n",
    );
    play(&env, yaml, &["--replace"]);
    assert!(logs_until(&env, "made-app", "built-").contains("built-v1"));
    play(&env, yaml, &["--replace", "--build"]);
    assert!(logs_until(&env, "made-app", "built-").contains("built-v2"));

    // --context-dir names another directory holding the image directories.
    env.write_file(
        "elsewhere/other/Dockerfile",
        b"FROM busybox\nRUN echo from-elsewhere > /greeting\n",
    );
    let other = yaml
        .replace("name: made", "name: made2")
        .replace("image: greeting", "image: other");
    let ctx = env.path("elsewhere");
    play(&env, &other, &["--context-dir", ctx.to_str().unwrap()]);
    assert!(logs_until(&env, "made2-app", "from-").contains("from-elsewhere"));

    // --build=false never builds: an image the store lacks is then pulled, and fails.
    let third = yaml
        .replace("name: made", "name: made3")
        .replace("image: greeting", "image: third");
    env.write_file("work/third/Containerfile", b"FROM busybox\n");
    let file = env.write_file("third.yaml", third.as_bytes());
    env.rpod(&["kube", "play", "--build=false", file.to_str().unwrap()])
        .failure()
        .stderr_has("third");
    env.rpod(&["image", "exists", "localhost/third:latest"])
        .code(1);
    // A build that fails names the image and makes no pod.
    env.write_file("work/third/Containerfile", b"FROM busybox\nRUN exit 3\n");
    env.rpod(&["kube", "play", file.to_str().unwrap()])
        .code(3)
        .stderr_has("building third");
    env.rpod(&["pod", "exists", "made3"]).code(1);
}
