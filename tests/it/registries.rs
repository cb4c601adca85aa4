//! Registries that need credentials, that are not there, or that lie.

use serde_json::json;

use crate::common::Env;
use crate::common::fake::FakeRegistry;
use crate::common::fixtures::{self, Compression, ImageSpec};
use crate::common::registry::{Options, Registry};

#[test]
fn authentication_required_login_and_logout() {
    let reg = Registry::start(Options {
        auth: Some(("tester".into(), "s3cret".into())),
        ..Options::default()
    });
    fixtures::push_image(
        &reg,
        "private",
        "latest",
        &ImageSpec::simple(vec![(fixtures::busybox_layer(None), Compression::Gzip)]),
    );
    let env = Env::new();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));
    let image = format!("{}/private", reg.addr());
    env.rpod(&["pull", &image])
        .code(125)
        .stderr_has(&format!("authentication required for {}", reg.addr()))
        .stderr_has(&format!("hint: run: rpod login {}", reg.addr()));
    env.rpod_with_stdin(
        &["login", "-u", "tester", "--password-stdin", reg.addr()],
        b"wrong\n",
    )
    .code(125)
    .stderr_has("authentication required");
    env.rpod_with_stdin(
        &["login", "-u", "tester", "--password-stdin", reg.addr()],
        b"s3cret\n",
    )
    .success()
    .stdout_has("Login Succeeded!");
    let auth = std::fs::read_to_string(env.path("runtime/containers/auth.json")).unwrap();
    assert!(
        auth.contains(reg.addr()),
        "podman's auth.json holds the credentials: {auth}"
    );
    env.rpod(&["pull", "-q", &image]).success();
    env.rpod(&["logout", reg.addr()])
        .success()
        .stdout_has("Removed login credentials");
    env.rpod(&["logout", reg.addr()])
        .code(125)
        .stderr_has("not logged into");
    env.rpod(&["pull", &image])
        .code(125)
        .stderr_has("authentication required");
    env.rpod(&["pull", "-q", "--creds", "tester:s3cret", &image])
        .success();
}

#[test]
fn login_from_a_secret_into_a_docker_config_and_verbose() {
    let reg = Registry::start(Options {
        auth: Some(("tester".into(), "s3cret".into())),
        ..Options::default()
    });
    let env = Env::new();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));
    env.rpod_with_stdin(&["secret", "create", "tester", "-"], b"s3cret")
        .success();
    // A docker config.json keeps what docker wrote besides the credentials.
    let config = env.write_file(
        "work/config.json",
        json!({"auths": {}, "detachKeys": "ctrl-x"})
            .to_string()
            .as_bytes(),
    );
    let config_arg = config.to_str().unwrap();
    env.rpod(&[
        "login",
        "--secret",
        "tester",
        "--compat-auth-file",
        config_arg,
        "-v",
        reg.addr(),
    ])
    .success()
    .stdout_has(&format!("Used: {config_arg}"))
    .stdout_has("Login Succeeded!");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&config).unwrap()).unwrap();
    assert_eq!(written["detachKeys"], "ctrl-x");
    assert!(
        written["auths"][reg.addr()]["auth"].is_string(),
        "{written}"
    );
    assert!(
        !env.path("runtime/containers/auth.json").exists(),
        "podman's auth.json is left alone"
    );
    env.rpod(&[
        "login",
        "--get-login",
        "--compat-auth-file",
        config_arg,
        reg.addr(),
    ])
    .success()
    .stdout_has("tester");
    env.rpod(&["logout", "--compat-auth-file", config_arg, reg.addr()])
        .success();
    env.rpod(&[
        "login",
        "--get-login",
        "--compat-auth-file",
        config_arg,
        reg.addr(),
    ])
    .failure();
    // A wrong password from a secret is the registry's refusal; a missing secret is named.
    env.rpod_with_stdin(&["secret", "create", "bad", "-"], b"nope")
        .success();
    env.rpod(&["login", "--secret", "bad", "-u", "tester", reg.addr()])
        .code(125)
        .stderr_has("authentication required");
    env.rpod(&["login", "--secret", "missing", reg.addr()])
        .failure()
        .stderr_has("missing");
    env.rpod(&[
        "login",
        "--authfile",
        "a",
        "--compat-auth-file",
        "b",
        reg.addr(),
    ])
    .code(125);
}

#[test]
fn docker_config_credentials_are_used() {
    let reg = Registry::start(Options {
        auth: Some(("dock".into(), "er".into())),
        ..Options::default()
    });
    fixtures::push_image(
        &reg,
        "private",
        "latest",
        &ImageSpec::simple(vec![(fixtures::busybox_layer(None), Compression::Gzip)]),
    );
    let env = Env::new();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));
    let token = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "dock:er");
    env.write_file(
        "home/.docker/config.json",
        json!({"auths": {reg.addr(): {"auth": token}}})
            .to_string()
            .as_bytes(),
    );
    env.rpod(&["pull", "-q", &format!("{}/private", reg.addr())])
        .success();
}

#[test]
fn unreachable_and_plain_http_registries_fail_clearly() {
    let env = Env::new();
    env.rpod(&["pull", "--tls-verify=false", "127.0.0.1:1/nothing"])
        .code(125)
        .stderr_has("cannot connect to registry 127.0.0.1:1")
        .no_panic();
    // The shared registry speaks plain HTTP: without insecure or --tls-verify=false, TLS fails.
    let bare = Env::bare();
    bare.rpod(&["pull", &format!("{}/busybox", Registry::shared().addr())])
        .code(125)
        .stderr_has("cannot connect to registry")
        .stderr_has("--tls-verify=false");
    env.rpod(&["pull", "no-such-image"])
        .code(125)
        .stderr_has("manifest unknown");
}

#[test]
fn a_blob_that_does_not_match_its_digest_is_refused_and_nothing_is_stored() {
    let fake = FakeRegistry::start();
    let layer = fixtures::compress(&fixtures::busybox_layer(None), Compression::Gzip);
    let diff_id = fixtures::sha256(&fixtures::busybox_layer(None));
    let config = serde_json::to_vec(&json!({"architecture": fixtures::host_arch(), "os": "linux", "rootfs": {"type": "layers", "diff_ids": [diff_id]}})).unwrap();
    let (layer_digest, config_digest) = (fixtures::sha256(&layer), fixtures::sha256(&config));
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2, "mediaType": fixtures::OCI_MANIFEST,
        "config": {"mediaType": fixtures::OCI_CONFIG, "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": layer.len()}],
    }))
    .unwrap();
    fake.route(
        "/v2/bad/manifests/latest",
        200,
        fixtures::OCI_MANIFEST,
        &manifest,
    );
    fake.route(
        &format!("/v2/bad/blobs/{config_digest}"),
        200,
        "application/octet-stream",
        &config,
    );
    let mut tampered = layer.clone();
    let mid = tampered.len() / 2;
    tampered[mid] ^= 0xff;
    fake.route(
        &format!("/v2/bad/blobs/{layer_digest}"),
        200,
        "application/octet-stream",
        &tampered,
    );

    let env = Env::new();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", fake.addr()));
    env.rpod(&["pull", &format!("{}/bad", fake.addr())])
        .code(125)
        .no_panic()
        .stderr_has(&layer_digest[..20]);
    assert!(env.rpod(&["images", "-q"]).trimmed().is_empty());
    let layers: Vec<_> = std::fs::read_dir(env.data().join("storage/layers"))
        .unwrap()
        .flatten()
        .collect();
    assert!(layers.is_empty(), "nothing stored: {layers:?}");

    // The honest blob works.
    fake.route(
        &format!("/v2/bad/blobs/{layer_digest}"),
        200,
        "application/octet-stream",
        &layer,
    );
    env.rpod(&["pull", "-q", &format!("{}/bad", fake.addr())])
        .success();
}

#[test]
fn tls_registries_are_trusted_through_certs_d() {
    let reg = Registry::start(Options {
        tls: true,
        ..Options::default()
    });
    let env = Env::new();
    let image = format!("{}/secure", reg.addr());
    // No plain-HTTP uploads to a TLS registry: the fixture goes in through skopeo.
    let layout = env.path("work/layout");
    let rootfs = env.write_file("work/rootfs.tar", &fixtures::busybox_layer(None));
    env.rpod(&["import", rootfs.to_str().unwrap(), "localhost/secure"])
        .success();
    env.rpod(&[
        "save",
        "--format",
        "oci-dir",
        "-o",
        layout.to_str().unwrap(),
        "localhost/secure",
    ])
    .success();
    let copy = std::process::Command::new("skopeo")
        .args(["copy", "--dest-tls-verify=false"])
        .arg(format!("oci:{}:localhost/secure:latest", layout.display()))
        .arg(format!("docker://{image}:latest"))
        .output()
        .unwrap();
    assert!(
        copy.status.success(),
        "{}",
        String::from_utf8_lossy(&copy.stderr)
    );
    env.rpod(&["pull", &image])
        .code(125)
        .stderr_has("cannot connect to registry")
        .stderr_has("certs.d");
    let ca = std::fs::read(reg.ca()).unwrap();
    // --cert-dir names a directory of CA files for this command, as podman's does: pull,
    // search and run take it.
    let certs = env.write_file("work/certs/ca.crt", &ca);
    let dir = certs.parent().unwrap().to_str().unwrap().to_string();
    env.rpod(&["pull", "-q", "--cert-dir", &dir, &image])
        .success();
    env.rpod(&["rmi", &image]).success();
    env.rpod(&["run", "--rm", "--cert-dir", &dir, &image, "true"])
        .success();
    env.rpod(&["search", "--cert-dir", &dir, &format!("{}/sec", reg.addr())])
        .success()
        .stdout_has(&image);
    env.rpod(&["rmi", &image]).success();
    // kube play pulls its containers' images with the same flag.
    let yaml = env.write_file(
        "work/secure.yaml",
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: sec\nspec:\n  restartPolicy: Never\n  \
             containers:\n  - name: c\n    image: {image}\n    command: [\"true\"]\n"
        )
        .as_bytes(),
    );
    let yaml = yaml.to_str().unwrap();
    env.rpod(&["kube", "play", yaml])
        .failure()
        .stderr_has("cannot connect to registry");
    env.rpod(&["kube", "play", "--replace", "--cert-dir", &dir, yaml])
        .success()
        .stdout_has("Pod:");
    env.rpod(&["image", "exists", &image]).success();
    env.rpod(&["kube", "down", yaml]).success();
    env.rpod(&["rmi", &image]).success();
    // A client certificate would be ignored: refused instead, by name.
    env.write_file("work/certs/client.key", b"key");
    env.rpod(&["pull", "--cert-dir", &dir, &image])
        .code(125)
        .stderr_has("client certificates")
        .stderr_has("client.key");
    env.rpod(&["pull", "--cert-dir", "/nonexistent", &image])
        .code(125)
        .stderr_has("/nonexistent");
    env.write_file(
        &format!("config/containers/certs.d/{}/ca.crt", reg.addr()),
        &ca,
    );
    env.rpod(&["pull", "-q", &image]).success();
}

#[test]
fn mirrors_are_tried_first_and_search_registries_in_order() {
    let shared = Registry::shared();
    let env = Env::new();
    env.write_config(&format!(
        "[registries]\nunqualified-search = [\"127.0.0.1:1\", \"{0}\"]\ninsecure = [\"{0}\", \"127.0.0.1:2\"]\n[registries.mirrors]\n\"127.0.0.1:2\" = [\"{0}\"]\n",
        shared.addr()
    ));
    // The first search registry is unreachable: the second has the image.
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["images", "--format", "{{.Repository}}"])
        .success()
        .stdout_has(&format!("{}/busybox", shared.addr()));
    // 127.0.0.1:2 does not exist, its mirror answers, the image keeps the name asked for.
    env.rpod(&["pull", "-q", "127.0.0.1:2/layered"]).success();
    env.rpod(&["images", "--format", "{{.Repository}}"])
        .success()
        .stdout_has("127.0.0.1:2/layered");
    let both = env.rpod(&["pull", "no-such-image"]);
    both.code(125)
        .stderr_has("127.0.0.1:1/no-such-image")
        .stderr_has("manifest unknown");
}
