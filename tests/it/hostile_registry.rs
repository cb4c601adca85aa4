//! A registry that lies, breaks or stalls (issue 8, hostile input): every case is refused with
//! one clear error line and exit code 125, or survived (server errors then success), and
//! nothing is stored half-way: no image, no blob, no layer, and `system check` passes.
//!
//! The digest-mismatch case for a layer is in registries.rs; here are the others.

use serde_json::{Value, json};

use crate::common::Env;
use crate::common::env::Out;
use crate::common::fake::{Act, FakeRegistry};
use crate::common::fixtures::{self, Layer};

const LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
const OCTETS: &str = "application/octet-stream";

/// One image served by a fake registry: the routes a test may rewrite, and its parts.
struct Served {
    fake: FakeRegistry,
    repo: String,
    config: Vec<u8>,
    config_digest: String,
    layers: Vec<(Vec<u8>, String)>,
}

impl Served {
    /// An image of `tars` (gzip-compressed), served honestly at `repo:latest`.
    fn new(repo: &str, tars: &[Vec<u8>]) -> Served {
        let fake = FakeRegistry::start();
        let layers: Vec<(Vec<u8>, String)> = tars
            .iter()
            .map(|t| {
                let blob = fixtures::compress(t, fixtures::Compression::Gzip);
                let digest = fixtures::sha256(&blob);
                (blob, digest)
            })
            .collect();
        let diff_ids: Vec<String> = tars.iter().map(|t| fixtures::sha256(t)).collect();
        let config = serde_json::to_vec(&json!({
            "architecture": fixtures::host_arch(), "os": "linux",
            "config": {"Cmd": ["sh"]},
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
        }))
        .unwrap();
        let config_digest = fixtures::sha256(&config);
        let served = Served {
            fake,
            repo: repo.to_string(),
            config,
            config_digest,
            layers,
        };
        served.fake.route(
            &served.blob_path(&served.config_digest),
            200,
            OCTETS,
            &served.config,
        );
        for (blob, digest) in &served.layers {
            served
                .fake
                .route(&served.blob_path(digest), 200, OCTETS, blob);
        }
        served.serve_manifest(&served.manifest());
        served
    }

    fn manifest(&self) -> Value {
        json!({
            "schemaVersion": 2, "mediaType": fixtures::OCI_MANIFEST,
            "config": {"mediaType": fixtures::OCI_CONFIG, "digest": self.config_digest, "size": self.config.len()},
            "layers": self.layers.iter().map(|(blob, digest)| json!({"mediaType": LAYER_GZIP, "digest": digest, "size": blob.len()})).collect::<Vec<_>>(),
        })
    }

    fn manifest_path(&self) -> String {
        format!("/v2/{}/manifests/latest", self.repo)
    }

    fn blob_path(&self, digest: &str) -> String {
        format!("/v2/{}/blobs/{digest}", self.repo)
    }

    fn layer_path(&self, i: usize) -> String {
        self.blob_path(&self.layers[i].1)
    }

    fn serve_manifest(&self, manifest: &Value) {
        self.serve_manifest_bytes(&serde_json::to_vec(manifest).unwrap());
    }

    fn serve_manifest_bytes(&self, bytes: &[u8]) {
        self.fake
            .route(&self.manifest_path(), 200, fixtures::OCI_MANIFEST, bytes);
    }

    fn image(&self) -> String {
        format!("{}/{}:latest", self.fake.addr(), self.repo)
    }

    /// A fresh environment that speaks plain HTTP to the fake, with a short stall timeout.
    fn env(&self) -> Env {
        let env = Env::bare();
        env.write_config(&format!(
            "[registries]\ninsecure = [\"{}\"]\ntimeout = 2\n",
            self.fake.addr()
        ));
        env
    }

    fn pull(&self, env: &Env) -> Out {
        env.rpod(&["pull", "-q", &self.image()])
    }
}

/// A small layer: no test here runs the image, each only pulls it.
fn small_layer(marker: &str) -> Vec<u8> {
    Layer::new()
        .dir("etc", 0o755)
        .file("etc/marker", 0o644, marker.as_bytes())
        .finish()
}

/// Refused as the project promises: exit code 125, no panic, one `Error:` line (and at most a
/// hint) that says what was wrong.
#[track_caller]
fn assert_refused(out: &Out, needles: &[&str]) {
    out.code(125).no_panic();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        !lines.is_empty()
            && lines[0].starts_with("Error: ")
            && lines[1..].iter().all(|l| l.starts_with("hint: "))
            && lines.len() <= 2,
        "one error line (and maybe a hint), got:\n{}",
        out.stderr
    );
    for needle in needles {
        out.stderr_has(needle);
    }
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Nothing of a refused pull is in the store, and the store is consistent.
#[track_caller]
fn assert_nothing_stored(env: &Env) {
    let images = env.rpod(&["images", "-q"]);
    assert!(
        images.success().trimmed().is_empty(),
        "images: {}",
        images.stdout
    );
    let layers = entries(&env.data().join("storage/layers"));
    assert!(layers.is_empty(), "layer directories left: {layers:?}");
    let blobs = entries(&env.data().join("storage/blobs/sha256"));
    assert!(blobs.is_empty(), "blobs left: {blobs:?}");
    let check = env.rpod(&["system", "check"]);
    check.success().no_panic().stdout_has("No errors found");
}

#[test]
fn a_config_or_manifest_that_does_not_match_its_digest_is_refused() {
    let s = Served::new("cfg", &[small_layer("a")]);
    let env = s.env();
    let mut tampered = s.config.clone();
    tampered[0] = b' ';
    s.fake
        .route(&s.blob_path(&s.config_digest), 200, OCTETS, &tampered);
    assert_refused(
        &s.pull(&env),
        &[
            "digest mismatch",
            &s.config_digest,
            &fixtures::sha256(&tampered),
        ],
    );
    assert_nothing_stored(&env);

    // Pulled by digest, the manifest itself must be the one asked for.
    s.fake
        .route(&s.blob_path(&s.config_digest), 200, OCTETS, &s.config);
    let wanted = fixtures::sha256(b"some other manifest");
    let path = format!("/v2/{}/manifests/{wanted}", s.repo);
    s.fake.route(
        &path,
        200,
        fixtures::OCI_MANIFEST,
        &serde_json::to_vec(&s.manifest()).unwrap(),
    );
    let by_digest = format!("{}/{}@{wanted}", s.fake.addr(), s.repo);
    assert_refused(
        &env.rpod(&["pull", "-q", &by_digest]),
        &[&format!(
            "digest mismatch for {wanted}: the registry sent content with digest"
        )],
    );
    assert_nothing_stored(&env);
}

#[test]
fn a_truncated_layer_is_refused() {
    let big = Layer::new()
        .file("data", 0o644, &fixtures::busybox_layer(None))
        .finish();
    let s = Served::new("trunc", &[big]);
    let env = s.env();
    let (blob, digest) = s.layers[0].clone();
    let half = blob[..blob.len() / 2].to_vec();

    // The connection closes before the announced length: the download starts again a few
    // times, then the pull fails naming the blob.
    let cut = Act::CutShort {
        declared: blob.len() as u64,
        body: half.clone(),
    };
    s.fake.script(&s.layer_path(0), vec![cut.clone()]);
    assert_refused(
        &s.pull(&env),
        &["the download of blob", &digest, "broke off"],
    );
    assert_eq!(s.fake.hits(&s.layer_path(0)), 3);
    assert_nothing_stored(&env);

    // An honest length, but of half the blob.
    s.fake.route(&s.layer_path(0), 200, OCTETS, &half);
    let got = format!(
        "is truncated: it sent {} of {} bytes",
        half.len(),
        blob.len()
    );
    assert_refused(&s.pull(&env), &[&digest, &got]);
    assert_nothing_stored(&env);

    // Cut off once, then whole: survived.
    s.fake
        .script(&s.layer_path(0), vec![cut, Act::ok(OCTETS, &blob)]);
    s.pull(&env).success();
    assert_eq!(s.fake.hits(&s.layer_path(0)), 2);
    env.rpod(&["system", "check"]).success();
    env.rpod(&["rmi", "-a"]).success();

    // The whole blob works.
    s.fake.route(&s.layer_path(0), 200, OCTETS, &blob);
    s.pull(&env).success();
}

#[test]
fn wrong_media_types_are_refused() {
    let s = Served::new("media", &[small_layer("m")]);
    let env = s.env();
    let mut html = s.manifest();
    html["mediaType"] = json!("text/html");
    s.serve_manifest(&html);
    assert_refused(&s.pull(&env), &["unsupported manifest type", "text/html"]);
    assert_nothing_stored(&env);

    let mut encrypted = s.manifest();
    encrypted["layers"][0]["mediaType"] = json!("application/vnd.oci.image.layer.v1.tar+encrypted");
    s.serve_manifest(&encrypted);
    assert_refused(
        &s.pull(&env),
        &[
            &format!("layer {} is encrypted", s.layers[0].1),
            "pull with --decryption-key",
        ],
    );
    assert_nothing_stored(&env);
    assert_eq!(s.fake.hits(&s.layer_path(0)), 0, "nothing downloaded");

    // A manifest that says it is an index.
    let mut index = s.manifest();
    index["mediaType"] = json!(fixtures::OCI_INDEX);
    s.serve_manifest(&index);
    assert_refused(&s.pull(&env), &["invalid index"]);
    assert_nothing_stored(&env);
}

#[test]
fn absurd_sizes_are_refused_before_anything_is_downloaded() {
    let s = Served::new("sizes", &[small_layer("s")]);
    let env = s.env();
    let mut huge_layer = s.manifest();
    huge_layer["layers"][0]["size"] = json!(1u64 << 62);
    s.serve_manifest(&huge_layer);
    assert_refused(
        &s.pull(&env),
        &["claims 4611686018427387904 bytes", &s.layers[0].1],
    );
    assert_nothing_stored(&env);

    let mut huge_config = s.manifest();
    huge_config["config"]["size"] = json!(10_000_000_000u64);
    s.serve_manifest(&huge_config);
    assert_refused(&s.pull(&env), &["config", "claims 10000000000 bytes"]);
    assert_nothing_stored(&env);

    let mut negative = s.manifest();
    negative["layers"][0]["size"] = json!(-1);
    s.serve_manifest(&negative);
    assert_refused(&s.pull(&env), &["invalid manifest"]);
    assert_nothing_stored(&env);
    assert_eq!(s.fake.hits(&s.layer_path(0)), 0, "no layer was downloaded");
    assert_eq!(
        s.fake.hits(&s.blob_path(&s.config_digest)),
        0,
        "no config was downloaded"
    );

    // A layer bigger than its descriptor says: refused once it runs past the size.
    let mut small = s.manifest();
    small["layers"][0]["size"] = json!(10);
    s.serve_manifest(&small);
    assert_refused(&s.pull(&env), &[&s.layers[0].1, "larger than the 10 bytes"]);
    assert_nothing_stored(&env);

    // A manifest that never ends is cut off at the document limit, not read into memory.
    s.fake.script(
        &s.manifest_path(),
        vec![Act::Endless {
            status: 200,
            declared: 1 << 40,
            content_type: fixtures::OCI_MANIFEST.into(),
            fill: b' ',
        }],
    );
    assert_refused(
        &s.pull(&env),
        &[&format!(
            "manifest {} is larger than the 8388608 bytes a manifest may have",
            s.image()
        )],
    );
    assert_nothing_stored(&env);
    let sent = s.fake.sent(&s.manifest_path());
    assert!(
        sent < 64 << 20,
        "rpod read {sent} bytes of an endless manifest"
    );

    // An error that never ends, for a manifest or a blob: its start makes the message.
    s.serve_manifest(&s.manifest());
    for path in [s.manifest_path(), s.layer_path(0)] {
        s.fake.script(
            &path,
            vec![Act::Endless {
                status: 500,
                declared: 1 << 40,
                content_type: "text/plain".into(),
                fill: b'e',
            }],
        );
        assert_refused(&s.pull(&env), &["answered HTTP 500: eeee"]);
        assert_nothing_stored(&env);
        let sent = s.fake.sent(&path);
        assert!(
            sent < 64 << 20,
            "rpod read {sent} bytes of an endless error"
        );
        s.serve_manifest(&s.manifest());
    }
}

#[test]
fn invalid_json_is_refused() {
    let s = Served::new("json", &[small_layer("j")]);
    let env = s.env();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for (bad, why) in [
        (&b"{"[..], "EOF while parsing"),
        (b"null", "invalid type: null, expected a JSON object"),
        (b"[]", "expected a JSON object"),
        (b"\xff\xfe garbage", "expected value at line 1 column 1"),
        (
            br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}"#,
            "missing config descriptor",
        ),
        (
            br#"{"schemaVersion":2,"config":{"digest":"sha256:nothex","size":1},"layers":[]}"#,
            "invalid digest \"sha256:nothex\"",
        ),
        // Nested past serde_json's recursion limit: an error, not a stack overflow.
        (deep.as_bytes(), "invalid manifest"),
    ] {
        s.serve_manifest_bytes(bad);
        let out = s.pull(&env);
        assert_refused(&out, &["invalid manifest sha256:", why]);
        assert_nothing_stored(&env);
    }
    // The config, too.
    let config = b"{\"rootfs\": ";
    let mut manifest = s.manifest();
    manifest["config"]["digest"] = json!(fixtures::sha256(config));
    manifest["config"]["size"] = json!(config.len());
    s.fake
        .route(&s.blob_path(&fixtures::sha256(config)), 200, OCTETS, config);
    s.serve_manifest(&manifest);
    assert_refused(&s.pull(&env), &["invalid image config"]);
    assert_nothing_stored(&env);
}

#[test]
fn redirect_loops_are_refused_and_a_plain_redirect_is_followed() {
    let s = Served::new("redir", &[small_layer("r")]);
    let env = s.env();
    s.fake
        .script(&s.manifest_path(), vec![Act::Redirect(s.manifest_path())]);
    assert_refused(
        &s.pull(&env),
        &["redirected more than 10 times: a redirect loop"],
    );
    assert_nothing_stored(&env);

    // Blobs are commonly redirected to storage elsewhere: once is fine, in a loop it is not.
    s.serve_manifest(&s.manifest());
    let (blob, _) = s.layers[0].clone();
    s.fake.route("/storage/elsewhere", 200, OCTETS, &blob);
    s.fake.script(
        &s.layer_path(0),
        vec![Act::Redirect("/storage/elsewhere".into())],
    );
    s.fake
        .script("/loop/a", vec![Act::Redirect("/loop/b".into())]);
    s.fake
        .script("/loop/b", vec![Act::Redirect("/loop/a".into())]);
    s.fake.script(
        &s.blob_path(&s.config_digest),
        vec![Act::Redirect("/loop/a".into())],
    );
    assert_refused(
        &s.pull(&env),
        &["redirected more than 10 times: a redirect loop"],
    );
    assert_nothing_stored(&env);
    s.fake
        .route(&s.blob_path(&s.config_digest), 200, OCTETS, &s.config);
    s.pull(&env).success();
    assert_eq!(s.fake.hits("/storage/elsewhere"), 1);
}

#[test]
fn a_stalled_registry_times_out_with_a_message() {
    let big = Layer::new()
        .file("data", 0o644, &fixtures::busybox_layer(None))
        .finish();
    let s = Served::new("stall", &[big]);
    let env = s.env();
    let registry = s.fake.addr().to_string();
    for path in ["/v2/".to_string(), s.manifest_path()] {
        s.fake.script(&path, vec![Act::Stall]);
        assert_refused(
            &s.pull(&env),
            &[&format!("registry {registry} did not answer within 2 s")],
        );
        assert_nothing_stored(&env);
        s.fake.route(&path, 200, "application/json", b"{}");
    }

    // Half a layer, then silence with the connection open.
    s.serve_manifest(&s.manifest());
    let (blob, digest) = s.layers[0].clone();
    s.fake.script(
        &s.layer_path(0),
        vec![Act::StallMidBody {
            declared: blob.len() as u64,
            body: blob[..blob.len() / 2].to_vec(),
        }],
    );
    assert_refused(
        &s.pull(&env),
        &[&format!(
            "registry {registry} stopped sending blob {digest}: nothing arrived for 2 s"
        )],
    );
    assert_nothing_stored(&env);
}

#[test]
fn server_errors_are_retried_until_the_pull_succeeds() {
    let s = Served::new("flaky", &[small_layer("f")]);
    let env = s.env();
    let manifest = serde_json::to_vec(&s.manifest()).unwrap();
    s.fake.script(
        &s.manifest_path(),
        vec![
            Act::status(503),
            Act::status(502),
            Act::ok(fixtures::OCI_MANIFEST, &manifest),
        ],
    );
    s.fake.script(
        &s.layer_path(0),
        vec![
            Act::status(500),
            Act::status(503),
            Act::ok(OCTETS, &s.layers[0].0),
        ],
    );
    let out = s.pull(&env);
    out.success().no_panic();
    assert_eq!(out.trimmed(), s.config_digest.trim_start_matches("sha256:"));
    assert_eq!(s.fake.hits(&s.manifest_path()), 3);
    assert_eq!(s.fake.hits(&s.layer_path(0)), 3);
    env.rpod(&["system", "check"]).success();

    // Failing for good: a few attempts, then one clear error.
    let s = Served::new("down", &[small_layer("d")]);
    let env = s.env();
    s.fake.script(&s.manifest_path(), vec![Act::status(503)]);
    assert_refused(&s.pull(&env), &["answered HTTP 503"]);
    assert_eq!(s.fake.hits(&s.manifest_path()), 3);
    assert_nothing_stored(&env);

    // --retry sets how many more tries, for pull and for run's pull; --retry-delay the wait.
    let hits = || s.fake.hits(&s.manifest_path());
    let before = hits();
    assert_refused(
        &env.rpod(&["pull", "-q", "--retry", "0", &s.image()]),
        &["answered HTTP 503"],
    );
    assert_eq!(hits() - before, 1, "--retry 0: one try");
    let before = hits();
    let started = std::time::Instant::now();
    assert_refused(
        &env.rpod(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--retry",
            "4",
            "--retry-delay",
            "250ms",
            &s.image(),
            "true",
        ]),
        &["answered HTTP 503"],
    );
    assert_eq!(hits() - before, 5, "--retry 4: five tries");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "four waits of 250 ms"
    );
    env.rpod(&["pull", "--retry-delay", "soon", &s.image()])
        .code(125)
        .stderr_has("--retry-delay");
    env.rpod(&["create", "--retry-delay", "soon", &s.image()])
        .code(125)
        .stderr_has("--retry-delay");
    assert_eq!(
        hits() - before,
        5,
        "a bad delay is refused before any request"
    );
    assert_nothing_stored(&env);
}

#[test]
fn a_pull_that_fails_on_a_later_layer_keeps_only_complete_layers() {
    let s = Served::new("partial", &[small_layer("first"), small_layer("second")]);
    let env = s.env();
    let (blob, _) = s.layers[1].clone();
    s.fake
        .route(&s.layer_path(1), 200, OCTETS, &blob[..blob.len() / 2]);
    assert_refused(&s.pull(&env), &[&s.layers[1].1, "truncated"]);
    assert!(env.rpod(&["images", "-q"]).success().trimmed().is_empty());
    // The first layer was verified whole before the second failed: it stays, complete, for
    // the next pull; nothing else does.
    let first = fixtures::sha256(&small_layer("first"));
    let layers = entries(&env.data().join("storage/layers"));
    assert!(
        layers.is_empty() || layers == [first.trim_start_matches("sha256:")],
        "layers: {layers:?}"
    );
    assert!(entries(&env.data().join("storage/blobs/sha256")).is_empty());
    env.rpod(&["system", "check"]).success().no_panic();
    s.fake.route(&s.layer_path(1), 200, OCTETS, &blob);
    s.pull(&env).success();
    env.rpod(&["system", "check"])
        .success()
        .stdout_has("No errors found");
}

#[test]
fn a_token_service_is_asked_once_and_its_answer_read_to_a_limit() {
    let s = Served::new("tokens", &[small_layer("t")]);
    let env = s.env();
    s.fake.require_bearer("/token", "good-token");
    s.fake.route(
        "/token",
        200,
        "application/json",
        br#"{"token": "good-token"}"#,
    );
    s.pull(&env).success();
    assert_eq!(
        s.fake.authorization(&s.layer_path(0)).as_deref(),
        Some("Bearer good-token"),
        "blobs carry the token"
    );
    assert_eq!(s.fake.hits("/token"), 1, "one token serves the whole pull");
    env.rpod(&["rmi", "-a"]).success();

    // Credentials go to the token service, never to the registry's API.
    let with_creds = env.rpod(&["pull", "-q", "--creds", "me:secret", &s.image()]);
    with_creds.success();
    let basic = format!(
        "Basic {}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "me:secret")
    );
    assert_eq!(s.fake.authorization("/token"), Some(basic));
    assert_eq!(
        s.fake.authorization(&s.manifest_path()).as_deref(),
        Some("Bearer good-token")
    );
    env.rpod(&["rmi", "-a"]).success();

    // A token service that refuses, or whose answer never ends.
    s.fake.route("/token", 401, "application/json", b"{}");
    assert_refused(&s.pull(&env), &["authentication required"]);
    assert_nothing_stored(&env);
    s.fake.script(
        "/token",
        vec![Act::Endless {
            status: 200,
            declared: 1 << 40,
            content_type: "application/json".into(),
            fill: b' ',
        }],
    );
    assert_refused(&s.pull(&env), &["token"]);
    assert_nothing_stored(&env);
    let sent = s.fake.sent("/token");
    assert!(
        sent < 64 << 20,
        "rpod read {sent} bytes of an endless token"
    );
}
