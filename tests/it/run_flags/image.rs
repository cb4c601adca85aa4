//! The global options and those that choose where the image comes from.

use crate::common::Env;
use crate::common::env::rpod_bin;
use crate::common::fixtures::{self, Compression, ImageSpec};
use crate::common::registry::{Options, Registry};

pub fn root(env: &Env) {
    let root = env.path("work/other-root");
    let root = root.to_str().unwrap();
    env.rpod(&[
        "--root",
        root,
        "run",
        "--rm",
        "-q",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success();
    assert!(
        env.path("work/other-root/storage").is_dir(),
        "nothing stored under --root"
    );
    assert_eq!(env.rpod(&["--root", root, "images", "-q"]).lines().len(), 1);
}

pub fn runroot(env: &Env) {
    let runroot = env.path("work/other-runroot");
    let runroot = runroot.to_str().unwrap();
    let out = env.rpod(&[
        "--runroot",
        runroot,
        "run",
        "-d",
        "--network",
        "none",
        "busybox",
        "sleep",
        "30",
    ]);
    let id = out.success().trimmed().to_string();
    assert!(
        env.path(&format!("work/other-runroot/containers/{id}"))
            .is_dir(),
        "the container's runtime state is not under --runroot"
    );
    env.rpod(&["--runroot", runroot, "rm", "-f", &id]).success();
}

pub fn log_level(env: &Env) {
    // A store of its own: its first run compiles the seccomp program, which logs at debug
    // (the default store's is cached by the checks before this one).
    let root = env.path("work/log-level-root");
    env.rpod(&[
        "--log-level",
        "debug",
        "--root",
        root.to_str().unwrap(),
        "run",
        "--rm",
        "--network",
        "none",
        "busybox",
        "true",
    ])
    .success()
    .stderr_has("DEBUG");
    let quiet = env.rpod(&[
        "--log-level",
        "error",
        "run",
        "--rm",
        "--network",
        "bridge",
        "busybox",
        "true",
    ]);
    assert!(!quiet.success().stderr.contains("WARN"), "{}", quiet.stderr);
}

pub fn storage_driver(env: &Env) {
    env.rpod(&[
        "--storage-driver",
        "vfs",
        "create",
        "--name",
        "copied",
        "busybox",
    ])
    .success();
    env.rpod(&["inspect", "-f", "{{.Driver}}", "copied"])
        .success()
        .stdout_has("vfs");
    env.rpod(&["rm", "copied"]).success();
}

pub fn help(env: &Env) {
    for verb in ["run", "create"] {
        env.rpod(&[verb, "--help"])
            .success()
            .stdout_has(&format!("rpod {verb} [options] IMAGE [COMMAND [ARG...]]"));
    }
}

pub fn pull(env: &Env) {
    env.rpod(&["run", "--rm", "--pull", "never", "zstd", "true"])
        .code(125)
        .stderr_has("image not known");
    env.rpod(&[
        "run",
        "--rm",
        "-q",
        "--pull",
        "missing",
        "--network",
        "none",
        "zstd",
        "true",
    ])
    .success();
    // always and newer ask the registry; newer keeps the local image when it cannot.
    env.rpod(&["tag", "busybox", "127.0.0.1:1/offline"])
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--pull",
        "always",
        "127.0.0.1:1/offline",
        "true",
    ])
    .code(125)
    .stderr_has("cannot connect to registry 127.0.0.1:1");
    env.rpod(&[
        "run",
        "--rm",
        "--pull",
        "newer",
        "--network",
        "none",
        "127.0.0.1:1/offline",
        "echo",
        "local",
    ])
    .success()
    .stdout_has("local")
    .stderr_has("--pull newer: keeping the local image");
    env.rpod(&["rmi", "127.0.0.1:1/offline", "zstd"]).success();
}

/// docker's flag, a no-op in podman: accepted, and the container runs as without it (the
/// image is still checked by the trust policy, which `trust::` tests).
pub fn disable_content_trust(env: &Env) {
    env.rpod(&[
        "run",
        "--rm",
        "--disable-content-trust",
        "--network",
        "none",
        "busybox",
        "echo",
        "trusted",
    ])
    .success()
    .stdout_has("trusted");
    let id = env
        .rpod(&["create", "--disable-content-trust", "busybox", "true"])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["rm", &id]).success();
}

/// stderr of rpod run on a terminal (script(1) gives it one), where progress is drawn.
fn on_a_terminal(env: &Env, flags: &str) -> String {
    let line = format!(
        "TERM=xterm {} run --rm {flags} --pull always --network none plain true",
        rpod_bin().display()
    );
    let out = env.run_as_user("script", &["-qec", &line, "/dev/null"]);
    out.success();
    let _ = env.rpod(&["rmi", "plain"]);
    out.stdout
}

pub fn quiet(env: &Env) {
    let shown = on_a_terminal(env, "");
    assert!(
        shown.contains("Copying blob") || shown.contains("Trying to pull"),
        "{shown}"
    );
    let quiet = on_a_terminal(env, "-q");
    assert!(
        !quiet.contains("Copying blob") && !quiet.contains("Trying to pull"),
        "{quiet}"
    );
}

pub fn platform(env: &Env) {
    for arch in ["amd64", "arm64"] {
        let _ = env.rpod(&["rmi", "multiarch"]);
        let platform = format!("linux/{arch}");
        let out = env.rpod(&[
            "run",
            "--rm",
            "-q",
            "--network",
            "none",
            "--platform",
            &platform,
            "multiarch",
            "cat",
            "/etc/arch",
        ]);
        assert_eq!(out.success().trimmed(), arch);
    }
    env.rpod(&["rmi", "multiarch"]).success();
}

/// The pull of run and create reads --cert-dir (a TLS registry trusted through it:
/// registries::tls_registries_are_trusted_through_certs_d).
pub fn cert_dir(env: &Env) {
    let image = format!("{}/plain", Registry::shared().addr());
    for verb in ["run", "create"] {
        env.rpod(&[
            verb,
            "--pull",
            "always",
            "--cert-dir",
            "/nonexistent-certs",
            &image,
            "true",
        ])
        .code(125)
        .stderr_has("/nonexistent-certs");
    }
}

pub fn tls_verify(env: &Env) {
    // The shared registry speaks plain HTTP; this environment trusts it as insecure.
    let image = format!("{}/plain", Registry::shared().addr());
    env.rpod(&[
        "run",
        "--rm",
        "--pull",
        "always",
        "--tls-verify=true",
        &image,
        "true",
    ])
    .code(125)
    .stderr_has("cannot connect to registry");
    let bare = Env::bare();
    bare.rpod(&[
        "run",
        "--rm",
        "-q",
        "--tls-verify=false",
        "--network",
        "none",
        &image,
        "true",
    ])
    .success();
    bare.rpod(&["run", "--rm", "--pull", "always", &image, "true"])
        .code(125)
        .stderr_has("--tls-verify=false");
}

/// A registry that wants the login USER:s3cret, holding busybox as `locked`.
fn locked_registry(user: &str) -> (Registry, String) {
    let reg = Registry::start(Options {
        auth: Some((user.into(), "s3cret".into())),
        ..Options::default()
    });
    fixtures::push_image(
        &reg,
        "locked",
        "latest",
        &ImageSpec::simple(vec![(fixtures::busybox_layer(None), Compression::Gzip)]),
    );
    let image = format!("{}/locked", reg.addr());
    (reg, image)
}

pub fn creds(env: &Env) {
    let (_reg, image) = locked_registry("flags");
    let base = [
        "run",
        "--rm",
        "-q",
        "--tls-verify=false",
        "--network",
        "none",
    ];
    env.rpod(&[&base[..], &[&image, "true"]].concat())
        .code(125)
        .stderr_has("authentication required");
    env.rpod(&[&base[..], &["--creds", "flags:wrong", &image, "true"]].concat())
        .code(125);
    env.rpod(
        &[
            &base[..],
            &["--creds", "flags:s3cret", &image, "echo", "in"],
        ]
        .concat(),
    )
    .success()
    .stdout_has("in");
}

/// `--authfile`: the pull of run and create, and build's FROM, read their credentials from
/// that file alone.
pub fn authfile(env: &Env) {
    let (reg, image) = locked_registry("file");
    let encode = |creds: &str| {
        let token = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, creds);
        serde_json::json!({"auths": {reg.addr(): {"auth": token}}}).to_string()
    };
    let good = env.write_file("work/good-auth.json", encode("file:s3cret").as_bytes());
    let bad = env.write_file("work/bad-auth.json", encode("file:wrong").as_bytes());
    let (good, bad) = (good.to_str().unwrap(), bad.to_str().unwrap());
    let base = ["--rm", "-q", "--tls-verify=false", "--network", "none"];
    env.rpod(&[&["run"], &base[..], &[&image, "true"]].concat())
        .code(125)
        .stderr_has("authentication required");
    env.rpod(&[&["run"], &base[..], &["--authfile", bad, &image, "true"]].concat())
        .code(125);
    env.rpod(
        &[
            &["run"],
            &base[..],
            &["--authfile", good, &image, "echo", "in"],
        ]
        .concat(),
    )
    .success()
    .stdout_has("in");
    env.rpod(&["rmi", &image]).success();
    let create = [
        "create",
        "-q",
        "--tls-verify=false",
        "--authfile",
        good,
        &image,
        "true",
    ];
    env.rpod(&create).success();
    env.rpod(&["rm", "-a", "-f"]).success();
    env.rpod(&["rmi", &image]).success();
    let dockerfile = env.write_file(
        "work/authctx/Dockerfile",
        format!("FROM {image}\nRUN true\n").as_bytes(),
    );
    let context = dockerfile.parent().unwrap().to_str().unwrap();
    env.rpod(&[
        "build",
        "-q",
        "--tls-verify=false",
        "-t",
        "fromlocked",
        context,
    ])
    .code(125)
    .stderr_has("authentication required");
    env.rpod(&[
        "build",
        "-q",
        "--tls-verify=false",
        "--authfile",
        good,
        "-t",
        "fromlocked",
        context,
    ])
    .success();
}

/// `--retry`, `--retry-delay`: a registry that refuses connections is tried once more per
/// retry, after the delay (hostile_registry.rs counts the tries against a registry that
/// answers 503).
pub fn retry(env: &Env) {
    let image = "127.0.0.1:1/nothing-listens:latest";
    let timed = |extra: &[&str]| {
        let started = std::time::Instant::now();
        env.rpod(&[&["create", "--tls-verify=false"], extra, &[image, "true"]].concat())
            .code(125)
            .stderr_has("cannot connect to registry 127.0.0.1:1");
        started.elapsed()
    };
    let once = timed(&["--retry", "0"]);
    let thrice = timed(&["--retry", "2", "--retry-delay", "1s"]);
    assert!(
        thrice >= std::time::Duration::from_secs(2) && once < std::time::Duration::from_secs(1),
        "two retries a second apart: {thrice:?}, against {once:?} without"
    );
    env.rpod(&["run", "--retry-delay", "soon", image, "true"])
        .code(125)
        .stderr_has("--retry-delay");
}

/// `--decryption-key`: run pulls an encrypted image with the key and runs it; create without
/// the key is refused naming the flag, before any container exists.
pub fn decryption_key(env: &Env) {
    let key = env.path("work/run-key.pem").display().to_string();
    let public = env.path("work/run-key.pub.pem").display().to_string();
    env.run_as_user("openssl", &["genrsa", "-out", &key, "2048"])
        .success();
    env.run_as_user("openssl", &["rsa", "-in", &key, "-pubout", "-out", &public])
        .success();
    let image = format!("{}/run-flags/encrypted:v1", Registry::shared().addr());
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&[
        "push",
        "-q",
        "--encryption-key",
        &format!("jwe:{public}"),
        "busybox",
        &image,
    ])
    .success();
    env.rpod(&["create", &image, "true"])
        .code(125)
        .stderr_has("is encrypted: pull with --decryption-key");
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--decryption-key",
        &key,
        &image,
        "echo",
        "decrypted",
    ])
    .success()
    .stdout_has("decrypted");
    env.rpod(&["rmi", &image]).success();
}
