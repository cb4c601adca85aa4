//! `kube generate`: Kubernetes YAML from real containers and pods, checked field by field and
//! by kubernetes-validate (PyPI, strict schema validation; contrib/test installs it).

use std::fs;
use std::path::Path;

use serde_yaml_ng::Value;

use crate::common::Env;

/// Where contrib/test installs kubernetes-validate (a virtualenv keyed by its version).
const KUBERNETES_VALIDATE: &str =
    "/var/cache/rpod-test/kubernetes-validate/bin/kubernetes-validate";

/// The YAML's documents, after kubernetes-validate accepted them in strict mode.
fn validated(env: &Env, yaml: &str) -> Vec<Value> {
    let file = env.write_file("kube.yaml", yaml.as_bytes());
    let file = file.to_str().unwrap();
    env.run_as_user(KUBERNETES_VALIDATE, &["--strict", file])
        .success();
    yaml.split("\n---\n")
        .map(|doc| serde_yaml_ng::from_str::<Value>(doc).unwrap())
        .filter(|doc| !doc.is_null())
        .collect()
}

fn has_validator() -> bool {
    let found = Path::new(KUBERNETES_VALIDATE).exists();
    if !found {
        // contrib/test installs it; only a machine that never ran contrib/test lacks it.
        eprintln!("skipped: {KUBERNETES_VALIDATE} is missing: run contrib/test as root once");
    }
    found
}

#[test]
fn a_container_becomes_a_pod_and_a_service_that_kubernetes_accepts() {
    if !has_validator() {
        return;
    }
    let env = Env::with_busybox();
    let host_dir = env.path("site");
    std::fs::create_dir_all(&host_dir).unwrap();
    let bind = format!("{}:/site:ro", host_dir.display());
    env.rpod(&[
        "create",
        "--name",
        "web",
        "-p",
        "8080:80",
        "-e",
        "GREETING=hello",
        "-v",
        "data:/data",
        "-v",
        &bind,
        "--tmpfs",
        "/cache:size=16m",
        "--cap-add",
        "NET_ADMIN",
        "--read-only",
        "--health-cmd",
        "wget -q -O- localhost",
        "--health-interval",
        "15s",
        "--health-retries",
        "4",
        "--restart",
        "always",
        "--label",
        "tier=front",
        "-w",
        "/srv",
        "busybox",
        "httpd",
        "-f",
        "-p",
        "80",
    ])
    .success();
    let out = env.rpod(&["kube", "generate", "--service", "web"]);
    out.success();
    let docs = validated(&env, &out.stdout);
    assert_eq!(docs.len(), 2, "{}", out.stdout);
    let (service, pod) = (&docs[0], &docs[1]);
    assert_eq!(service["kind"], "Service");
    assert_eq!(service["spec"]["type"], "NodePort");
    assert_eq!(service["spec"]["selector"]["app"], "web-pod");
    assert_eq!(service["spec"]["ports"][0]["targetPort"], 80);

    assert_eq!(pod["kind"], "Pod");
    assert_eq!(pod["metadata"]["name"], "web-pod");
    assert_eq!(pod["metadata"]["labels"]["tier"], "front");
    assert_eq!(pod["spec"]["restartPolicy"], "Always");
    let c = &pod["spec"]["containers"][0];
    assert_eq!(c["name"], "web");
    let image = c["image"].as_str().unwrap();
    assert!(
        image.ends_with("/busybox:latest"),
        "a fully qualified name: {image}"
    );
    assert_eq!(
        c["args"],
        serde_yaml_ng::from_str::<Value>("[httpd, -f, -p, '80']").unwrap()
    );
    assert!(c.get("command").is_none(), "the image's entrypoint stays");
    // Only what the user set: not PATH, HOSTNAME or rpod's own.
    assert_eq!(
        c["env"],
        serde_yaml_ng::from_str::<Value>("[{name: GREETING, value: hello}]").unwrap()
    );
    assert_eq!(c["workingDir"], "/srv");
    assert_eq!(c["ports"][0]["containerPort"], 80);
    assert_eq!(c["ports"][0]["hostPort"], 8080);
    assert_eq!(c["securityContext"]["capabilities"]["add"][0], "NET_ADMIN");
    assert_eq!(c["securityContext"]["readOnlyRootFilesystem"], true);
    let probe = &c["livenessProbe"];
    assert_eq!(probe["exec"]["command"][2], "wget -q -O- localhost");
    assert_eq!(probe["periodSeconds"], 15);
    assert_eq!(probe["failureThreshold"], 4);

    let mounts = c["volumeMounts"].as_sequence().unwrap();
    let volumes = pod["spec"]["volumes"].as_sequence().unwrap();
    let volume_at = |path: &str| {
        let mount = mounts
            .iter()
            .find(|m| m["mountPath"] == path)
            .unwrap_or_else(|| panic!("no mount at {path}: {mounts:?}"));
        let volume = volumes
            .iter()
            .find(|v| v["name"] == mount["name"])
            .unwrap_or_else(|| panic!("no volume for {mount:?}"));
        (mount.clone(), volume.clone())
    };
    let (_, data) = volume_at("/data");
    assert_eq!(data["persistentVolumeClaim"]["claimName"], "data");
    let (site_mount, site) = volume_at("/site");
    assert_eq!(site_mount["readOnly"], true);
    assert_eq!(site["hostPath"]["path"], host_dir.to_str().unwrap());
    assert_eq!(site["hostPath"]["type"], "Directory");
    let (_, cache) = volume_at("/cache");
    assert_eq!(cache["emptyDir"]["medium"], "Memory");
    assert_eq!(cache["emptyDir"]["sizeLimit"], "16Mi");

    // podman 4's spelling gives the same, and -f writes it to a file.
    let file = env.path("web.yaml");
    env.rpod(&[
        "generate",
        "kube",
        "--service",
        "-f",
        file.to_str().unwrap(),
        "web",
    ])
    .success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), out.stdout);
}

#[test]
fn a_pod_becomes_a_deployment_a_daemonset_or_a_job() {
    if !has_validator() {
        return;
    }
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--infra=false", "--name", "app"])
        .success();
    env.rpod(&[
        "create", "--pod", "app", "--name", "server", "busybox", "sleep", "600",
    ])
    .success();
    env.rpod(&[
        "create",
        "--pod",
        "app",
        "--name",
        "worker",
        "-u",
        "1000:1000",
        "--ulimit",
        "nofile=100:100",
        "--chrootdirs",
        "/jail",
        "busybox",
        "sh",
        "-c",
        "echo hi",
    ])
    .success();

    let out = env.rpod(&[
        "kube",
        "generate",
        "--type",
        "deployment",
        "--replicas",
        "3",
        "app",
    ]);
    out.success();
    // What Kubernetes has no field for is said, not dropped in silence.
    out.stderr_has("worker: --ulimit has no Kubernetes field");
    out.stderr_has("worker: --chrootdirs has no Kubernetes field");
    let docs = validated(&env, &out.stdout);
    let deployment = &docs[0];
    assert_eq!(deployment["kind"], "Deployment");
    assert_eq!(deployment["metadata"]["name"], "app-deployment");
    assert_eq!(deployment["spec"]["replicas"], 3);
    assert_eq!(deployment["spec"]["selector"]["matchLabels"]["app"], "app");
    let template = &deployment["spec"]["template"];
    assert_eq!(template["metadata"]["labels"]["app"], "app");
    // A Deployment's pods always restart; the containers said no: a warning says so.
    assert_eq!(template["spec"]["restartPolicy"], "Always");
    out.stderr_has("not allowed in a Deployment");
    let containers = template["spec"]["containers"].as_sequence().unwrap();
    let names: Vec<_> = containers
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["server", "worker"]);
    assert_eq!(containers[1]["securityContext"]["runAsUser"], 1000);
    assert_eq!(containers[1]["securityContext"]["runAsGroup"], 1000);

    for (kind, name) in [("daemonset", "DaemonSet"), ("job", "Job"), ("pod", "Pod")] {
        let out = env.rpod(&["kube", "generate", "-t", kind, "app"]);
        out.success();
        let docs = validated(&env, &out.stdout);
        assert_eq!(docs[0]["kind"], name);
    }
    let job = env.rpod(&["kube", "generate", "-t", "job", "app"]);
    assert_eq!(
        validated(&env, &job.stdout)[0]["spec"]["template"]["spec"]["restartPolicy"],
        "Never"
    );
}

#[test]
fn a_pod_with_an_infra_container_generates_its_members_only() {
    if !has_validator() {
        return;
    }
    let env = Env::with_busybox();
    env.rpod(&["pod", "create", "--name", "shop"]).success();
    env.rpod(&[
        "create", "--pod", "shop", "--name", "front", "busybox", "sleep", "600",
    ])
    .success();
    let out = env.rpod(&["kube", "generate", "shop"]);
    out.success();
    // Joining the infra's network is what a Kubernetes pod does anyway: no warning.
    assert!(!out.stderr.contains("--network"), "{}", out.stderr);
    let docs = validated(&env, &out.stdout);
    let spec = &docs[0]["spec"];
    let names: Vec<_> = spec["containers"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["front"]);
    assert_eq!(spec["hostname"], "shop");
}

#[test]
fn bad_requests_name_what_is_wrong_and_write_nothing() {
    let env = Env::with_busybox();
    env.rpod(&["create", "--name", "web", "busybox", "true"])
        .success();
    env.rpod(&["kube", "generate", "nosuch"])
        .code(125)
        .stderr_has("no such pod or container: nosuch");
    env.rpod(&["kube", "generate", "--replicas", "2", "web"])
        .code(125)
        .stderr_has("--replicas can only be set with --type=deployment");
    env.rpod(&["kube", "generate", "--type", "statefulset", "web"])
        .code(125)
        .stderr_has("expected pod, deployment, daemonset or job");
    let file = env.path("out.yaml");
    env.rpod(&["kube", "generate", "-f", file.to_str().unwrap(), "nosuch"])
        .code(125);
    assert!(!file.exists(), "nothing is written for a failed generate");
    env.rpod(&["kube", "generate", "-f", file.to_str().unwrap(), "web"])
        .success();
    let first = fs::read_to_string(&file).unwrap();
    assert!(first.contains("name: web"), "{first}");
    fs::write(&file, "mine\n").unwrap();
    env.rpod(&["kube", "generate", "-f", file.to_str().unwrap(), "web"])
        .code(125)
        .stderr_has("File exists");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "mine\n",
        "an existing file is kept"
    );
}

#[test]
fn podman_only_writes_the_reserved_annotations_which_kube_play_reads_back() {
    let env = Env::with_busybox();
    env.rpod(&[
        "create",
        "--name",
        "capped",
        "--init",
        "--ulimit",
        "nofile=1000:2000",
        "--userns",
        "keep-id",
        "--annotation",
        "io.podman.annotations.custom=mine",
        "--annotation",
        "team=web",
        "busybox",
        "sleep",
        "600",
    ])
    .success();
    // Without --podman-only: no reserved annotation, and the settings are warnings.
    let plain = env.rpod(&["kube", "generate", "capped"]);
    plain
        .success()
        .stderr_has("capped: --init has no Kubernetes field")
        .stderr_has("--ulimit")
        .stderr_has("--userns=keep-id");
    let pod: Value = serde_yaml_ng::from_str(plain.stdout.split("---\n").nth(1).unwrap()).unwrap();
    let annotations = &pod["metadata"]["annotations"];
    assert_eq!(
        annotations["team"].as_str(),
        Some("web"),
        "{}",
        plain.stdout
    );
    assert!(
        !plain.stdout.contains("io.podman.annotations"),
        "{}",
        plain.stdout
    );

    let reserved = env.rpod(&["generate", "kube", "--podman-only", "capped"]);
    reserved.success();
    for setting in ["--init", "--ulimit", "--userns"] {
        assert!(!reserved.stderr.contains(setting), "{}", reserved.stderr);
    }
    let yaml = reserved.stdout.clone();
    let pod: Value = serde_yaml_ng::from_str(yaml.split("---\n").nth(1).unwrap()).unwrap();
    let annotations = &pod["metadata"]["annotations"];
    for (key, value) in [
        ("io.podman.annotations.init/capped", "true"),
        ("io.podman.annotations.ulimit", "nofile=1000:2000"),
        ("io.podman.annotations.userns", "keep-id"),
        ("io.podman.annotations.custom", "mine"),
        ("team", "web"),
    ] {
        assert_eq!(annotations[key].as_str(), Some(value), "{key} in\n{yaml}");
    }

    // kube play makes the container with those settings again.
    env.rpod(&["rm", "capped"]).success();
    let file = env.write_file("work/capped.yaml", yaml.as_bytes());
    env.rpod(&["kube", "play", "--start=false", file.to_str().unwrap()])
        .success();
    let inspect = |format: &str| {
        env.rpod(&["inspect", "--format", format, "capped-pod-capped"])
            .success()
            .trimmed()
            .to_string()
    };
    assert_eq!(inspect("{{.HostConfig.Init}}"), "true");
    assert_eq!(
        inspect("{{range .HostConfig.Ulimits}}{{.Name}}={{.Soft}}:{{.Hard}}{{end}}"),
        "RLIMIT_NOFILE=1000:2000"
    );
    assert_eq!(inspect("{{.HostConfig.UsernsMode}}"), "keep-id");
    // A limit podman's annotation cannot mean is refused, naming the annotation.
    let bad = yaml.replace("nofile=1000:2000", "nofile=lots");
    let file = env.write_file("work/bad.yaml", bad.as_bytes());
    env.rpod(&[
        "kube",
        "play",
        "--replace",
        "--start=false",
        file.to_str().unwrap(),
    ])
    .code(125)
    .stderr_has("io.podman.annotations.ulimit");
}
