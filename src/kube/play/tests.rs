use std::path::Path;

use super::PlayOptions;
use super::manifest::parse;
use super::recipe::recipe;
use crate::config::Config;

/// The recipe of `m`'s first pod played as the manifest's `index`th, with `opts`.
fn recipe_of(
    m: &super::manifest::Manifest,
    index: usize,
    opts: &PlayOptions,
) -> Result<super::recipe::Recipe, crate::kube::KubeError> {
    recipe(
        &m.pods[0],
        index,
        m,
        opts,
        &Config::default(),
        Path::new("/d"),
    )
}

const POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  restartPolicy: OnFailure
  containers:
  - name: c
    image: busybox
    command: [sh, -c]
    args: [echo hi]
    ports:
    - containerPort: 80
      hostPort: 8080
    - containerPort: 53
      hostPort: 5353
      protocol: UDP
    lifecycle: {}
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
";

#[test]
fn every_unplayed_field_is_named_with_its_path() {
    let yaml = format!(
        "{POD}  nodeSelector: {{a: b}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec: {{}}\n"
    );
    let m = parse("f.yaml", &yaml, &[]).unwrap();
    assert_eq!(
        m.warnings,
        [
            "f.yaml: document 1 (Pod p): spec.containers[0].lifecycle: not supported by rpod, ignored",
            "f.yaml: document 1 (Pod p): spec.containers[0].livenessProbe.httpGet: not supported by rpod, ignored",
            "f.yaml: document 1 (Pod p): spec.nodeSelector: not supported by rpod, ignored",
            "f.yaml: document 2 (Service s): rpod publishes the pods' hostPorts itself; the Service is not played",
        ]
    );
}

#[test]
fn bad_documents_are_one_error_naming_where() {
    let cases = [
        (
            "kind: Secret\napiVersion: v1\nmetadata: {name: s}\ndata: {k: '%%%'}\n",
            "f.yaml: document 1 (Secret s): data.k: not base64",
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {}\nspec: {containers: [{name: a, image: b}]}\n",
            "metadata.name: missing field `name`",
        ),
        (
            "- a\n- b\n",
            "f.yaml: document 1: expected a Kubernetes object",
        ),
        (
            "apiVersion: v1\nmetadata: {name: x}\n",
            "f.yaml: document 1: missing field `kind`",
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - {name: a, image: b, ports: [{containerPort: 99999}]}\n",
            "spec.containers[0].ports[0].containerPort: invalid value",
        ),
    ];
    for (yaml, message) in cases {
        let err = parse("f.yaml", yaml, &[]).unwrap_err().to_string();
        assert!(err.contains(message), "{err:?} lacks {message:?}");
    }
}

#[test]
fn a_pod_becomes_the_plans_run_would_build() {
    let m = parse("f.yaml", POD, &[]).unwrap();
    let opts = PlayOptions {
        publish: vec!["9090:80".into()],
        start: true,
        ..PlayOptions::default()
    };
    let r = recipe_of(&m, 0, &opts).unwrap();
    assert_eq!(r.infra.publish, ["5353:53/udp", "9090:80"]);
    let c = &r.apps[0];
    assert_eq!(c.name, "p-c");
    assert_eq!(
        c.plan.process.entrypoint.as_deref(),
        Some(&["sh".to_string(), "-c".into()][..])
    );
    assert_eq!(c.plan.process.command, ["echo hi"]);
    assert_eq!(c.plan.restart.unwrap_or_default().to_string(), "on-failure");
}

#[test]
fn a_missing_config_map_is_an_error_unless_optional() {
    let yaml = format!(
        "{POD}    env:\n    - name: X\n      valueFrom:\n        configMapKeyRef: {{name: cm, key: k}}\n"
    );
    let m = parse("f.yaml", &yaml, &[]).unwrap();
    let err = recipe_of(&m, 0, &PlayOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("pod p: container c: configMap \"cm\" is not in the YAML"),
        "{err}"
    );
    let extra = [(
        "cm.yaml".to_string(),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {k: v}\n".to_string(),
    )];
    let m = parse("f.yaml", &yaml, &extra).unwrap();
    let r = recipe_of(&m, 0, &PlayOptions::default()).unwrap();
    assert!(
        r.apps[0].plan.process.env.iter().any(|e| e == "X=v"),
        "{:?}",
        r.apps[0].plan.process.env
    );
}

#[test]
fn plays_flags_reach_the_pod_and_every_container() {
    let yaml = POD.replace(
        "    lifecycle: {}",
        "    - containerPort: 9000\n    lifecycle: {}",
    );
    let m = parse("f.yaml", &yaml, &[]).unwrap();
    let opts = PlayOptions {
        start: true,
        publish_all: true,
        no_pod_prefix: true,
        annotations: vec!["team=web".into()],
        log_driver: Some("none".into()),
        userns: Some("keep-id".into()),
        ips: vec!["10.89.0.7".into()],
        no_hosts: true,
        ..PlayOptions::default()
    };
    let r = recipe_of(&m, 0, &opts).unwrap();
    assert_eq!(
        r.infra.publish,
        ["8080:80/tcp", "5353:53/udp", "9000:9000/tcp"]
    );
    assert_eq!(r.infra.shared.ip.as_deref(), Some("10.89.0.7"));
    assert!(r.infra.shared.more.no_hosts);
    assert_eq!(r.infra.shared.userns.as_deref(), Some("keep-id"));
    assert_eq!(r.pod.members.userns.as_deref(), Some("keep-id"));
    let c = &r.apps[0];
    assert_eq!(c.name, "c");
    assert_eq!(
        c.plan.annotations,
        [("team".to_string(), "web".to_string())]
    );
    let second = recipe_of(&m, 1, &opts).unwrap();
    assert_eq!(second.infra.shared.ip, None);
}
