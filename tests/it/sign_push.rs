//! Signing wherever a push signs, as podman does: `manifest push` signs the list and each
//! image in it, `artifact push` the artifact, with GPG (`--sign-by`) and sigstore keys
//! (`--sign-by-sigstore-private-key`, or a `--sign-by-sigstore` parameter file). Each is
//! checked the way a user would: the policy on pull (signed accepted, unsigned refused) and,
//! for the GPG signatures, skopeo's `standalone-verify`, apart from rpod's code.

use std::fs;
use std::path::Path;

use crate::common::Env;
use crate::common::env::Out;
use crate::common::registry::Registry;
use crate::sigstore as cosign;
use crate::trust;

fn reg() -> &'static str {
    Registry::shared().addr()
}

/// Stops the gpg-agent an environment's key started, before the environment goes.
struct Agent<'a>(&'a Env);

impl Drop for Agent<'_> {
    fn drop(&mut self) {
        let _ = self.0.run_as_user("gpgconf", &["--kill", "gpg-agent"]);
    }
}

/// registries.d of the environment's user: the test registry keeps sigstore attachments, and
/// simple signatures go to the user's default storage.
fn configure_storage(env: &Env) {
    let storage = env.path("data/containers/sigstore");
    env.write_file(
        "config/containers/registries.d/signing.yaml",
        format!(
            "docker:\n  {}:\n    use-sigstore-attachments: true\n    lookaside: file://{}\n",
            reg(),
            storage.display()
        )
        .as_bytes(),
    );
}

fn set_trust(env: &Env, kind: &str, public: &Path, scope: &str) {
    env.rpod(&[
        "image",
        "trust",
        "set",
        "--type",
        kind,
        "-f",
        &public.to_string_lossy(),
        scope,
    ])
    .success();
}

/// The simple signature rpod stored for `repo@digest` (the default lookaside storage).
fn simple_signature(env: &Env, repo: &str, digest: &str) -> std::path::PathBuf {
    env.path(&format!(
        "data/containers/sigstore/{repo}@{}/signature-1",
        digest.replacen(':', "=", 1)
    ))
}

/// skopeo 1.9's check of a simple signature: of the manifest as the registry serves it, for
/// `identity`, by the key of `email` (Debian's skopeo is built without sigstore, so sigstore
/// signatures are checked by the policy alone here, and by Python in sigstore.rs).
fn skopeo_verify(env: &Env, repo: &str, digest: &str, identity: &str, email: &str) -> Out {
    let manifest = Registry::shared().get_manifest(repo, digest);
    assert_eq!(manifest.status, 200, "{repo}@{digest}");
    let manifest_file = env.write_file("verify-manifest.json", &manifest.body);
    let listed = trust::gpg(env, &["--with-colons", "--fingerprint", email]);
    let fingerprint = listed
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("fpr:"))
        .map(|l| l.trim_matches(':').to_string())
        .expect("the key's fingerprint");
    env.run_as_user(
        "skopeo",
        &[
            "standalone-verify",
            &manifest_file.to_string_lossy(),
            identity,
            &fingerprint,
            &simple_signature(env, repo, digest).to_string_lossy(),
        ],
    )
}

fn attached(repo: &str, digest: &str) -> bool {
    let tag = format!("{}.sig", digest.replacen(':', "-", 1));
    Registry::shared().get_manifest(repo, &tag).status == 200
}

#[test]
fn manifest_push_signs_the_list_and_each_image_and_pulls_check_them() {
    let env = Env::with_busybox();
    let _agent = Agent(&env);
    configure_storage(&env);
    let gpg_key = trust::make_key(&env, "lists");
    let cosign_key = cosign::make_key(&env, "lists-cosign", "list secret");
    let params = env.write_file(
        "sign.yaml",
        format!(
            "privateKeyFile: {}\nprivateKeyPassphraseFile: {}\n",
            cosign_key.private.display(),
            cosign_key.passphrase_file.display()
        )
        .as_bytes(),
    );
    let repo = "sign-list/app";
    let image = format!("{}/{repo}:v1", reg());
    env.rpod(&["manifest", "create", "app"]).success();
    env.rpod(&["manifest", "add", "app", "containers-storage:busybox"])
        .success();
    env.rpod(&[
        "manifest",
        "push",
        "-q",
        "--digestfile",
        &env.path("list.digest").to_string_lossy(),
        "--sign-by",
        &gpg_key.email,
        "--sign-by-sigstore",
        &params.to_string_lossy(),
        "app",
        &image,
    ])
    .success();
    let list_digest = fs::read_to_string(env.path("list.digest")).unwrap();
    let index: serde_json::Value =
        serde_json::from_slice(&Registry::shared().get_manifest(repo, "v1").body).unwrap();
    let instance = index["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    for digest in [list_digest.as_str(), instance.as_str()] {
        skopeo_verify(&env, repo, digest, &image, &gpg_key.email).success();
        assert!(attached(repo, digest), "no sigstore signature of {digest}");
    }
    // skopeo is not just saying yes: another name is not what was signed.
    skopeo_verify(
        &env,
        repo,
        &instance,
        &format!("{}/{repo}:v2", reg()),
        &gpg_key.email,
    )
    .failure();

    let scope = format!("{}/sign-list", reg());
    let unsigned = format!("{}/sign-list/unsigned:v1", reg());
    env.rpod(&["manifest", "push", "-q", "app", &unsigned])
        .success();
    for (kind, public) in [
        ("signedBy", &gpg_key.public),
        ("sigstoreSigned", &cosign_key.public),
    ] {
        set_trust(&env, kind, public, &scope);
        env.rpod(&["pull", "-q", &image]).success();
        env.rpod(&["pull", "-q", &unsigned])
            .code(125)
            .stderr_has("Source image rejected: A signature was required, but no signature exists");
        env.rpod(&["rmi", &image]).success();
    }
    env.rpod(&["pull", "-q", &image]).success();

    // What was pulled verified, pushed on with --remove-signatures, carries none.
    let copy = format!("{}/sign-list/copy:v1", reg());
    env.rpod(&[
        "push",
        "-q",
        "--remove-signatures",
        "--digestfile",
        &env.path("copy.digest").to_string_lossy(),
        &image,
        &copy,
    ])
    .success();
    let copy_digest = fs::read_to_string(env.path("copy.digest")).unwrap();
    assert_eq!(copy_digest, instance, "the copy is the signed image");
    assert!(!attached("sign-list/copy", &copy_digest));
    assert!(!simple_signature(&env, "sign-list/copy", &copy_digest).exists());
    env.rpod(&["pull", "-q", &copy])
        .code(125)
        .stderr_has("no signature exists");
}

#[test]
fn artifact_push_signs_and_artifact_pull_checks_the_policy() {
    let env = Env::new();
    let _agent = Agent(&env);
    configure_storage(&env);
    let gpg_key = trust::make_key(&env, "artifacts");
    let cosign_key = cosign::make_key(&env, "artifacts-cosign", "artifact secret");
    env.write_file("work/notes.txt", b"signed notes\n");
    let repo = "sign-artifact/notes";
    let name = format!("{}/{repo}:v1", reg());
    let unsigned = format!("{}/sign-artifact/unsigned:v1", reg());
    env.rpod(&["artifact", "add", &name, "notes.txt"]).success();
    env.rpod(&["artifact", "add", &unsigned, "notes.txt"])
        .success();
    env.rpod(&[
        "artifact",
        "push",
        "-q",
        "--digestfile",
        &env.path("artifact.digest").to_string_lossy(),
        "--sign-by",
        &gpg_key.email,
        "--sign-by-sigstore-private-key",
        &cosign_key.private.to_string_lossy(),
        "--sign-passphrase-file",
        &cosign_key.passphrase_file.to_string_lossy(),
        &name,
    ])
    .success();
    env.rpod(&["artifact", "push", "-q", &unsigned]).success();
    let digest = fs::read_to_string(env.path("artifact.digest")).unwrap();
    skopeo_verify(&env, repo, &digest, &name, &gpg_key.email).success();
    assert!(attached(repo, &digest));

    let scope = format!("{}/sign-artifact", reg());
    for (kind, public) in [
        ("signedBy", &gpg_key.public),
        ("sigstoreSigned", &cosign_key.public),
    ] {
        set_trust(&env, kind, public, &scope);
        env.rpod(&["artifact", "rm", &name]).success();
        env.rpod(&["artifact", "pull", &name]).success();
        env.rpod(&["artifact", "pull", &unsigned])
            .code(125)
            .stderr_has("Source image rejected: A signature was required, but no signature exists");
    }
    env.rpod(&["artifact", "inspect", &name]).success();
}

#[test]
fn signing_services_and_build_signatures_are_refused_with_the_reason() {
    let env = Env::with_busybox();
    cosign::allow_attachments(&env);
    let key = cosign::make_key(&env, "refused", "pass");
    let image = format!("{}/sign-refused/app:v1", reg());
    let push_with = |params: &str| {
        let file = env.write_file("params.yaml", params.as_bytes());
        env.rpod(&[
            "push",
            "-q",
            "--sign-by-sigstore",
            &file.to_string_lossy(),
            "busybox",
            &image,
        ])
    };
    let private = key.private.display();
    push_with(&format!(
        "privateKeyFile: {private}\nrekorURL: https://rekor.sigstore.dev\n"
    ))
    .code(125)
    .stderr_has("rekorURL https://rekor.sigstore.dev is not supported");
    push_with("fulcio:\n  fulcioURL: https://fulcio.sigstore.dev\n  oidcMode: interactive\n")
        .code(125)
        .stderr_has("fulcio is not supported");
    // No passphrase file and no terminal to ask on.
    push_with(&format!("privateKeyFile: {private}\n"))
        .code(125)
        .stderr_has("give it with --sign-passphrase-file (or privateKeyPassphraseFile)");
    assert_eq!(
        Registry::shared()
            .get_manifest("sign-refused/app", "v1")
            .status,
        404,
        "a refused signed push pushed the image"
    );
    env.write_file("ctx/Containerfile", b"FROM busybox\n");
    env.rpod(&[
        "build",
        "--sign-by",
        "me@example.com",
        "-t",
        "signed-build",
        &env.path("ctx").to_string_lossy(),
    ])
    .code(125)
    .stderr_has("rpod's store keeps no signatures");
}
