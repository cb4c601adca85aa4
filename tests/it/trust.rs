//! Image trust as a user sets it up: GPG keys made with gpg, `image trust set/show` editing
//! the user's policy.json, `push --sign-by` and `image sign` writing simple signatures, and
//! pulls (explicit, and `run`'s implicit one) that the policy accepts or refuses.

use std::fs;
use std::path::PathBuf;

use crate::common::Env;
use crate::common::env::Out;
use crate::common::fake::FakeRegistry;
use crate::common::podman::Podman;
use crate::common::registry::Registry;

fn reg() -> &'static str {
    Registry::shared().addr()
}

/// A throwaway GPG key (no passphrase) in the environment's own keyring; its public key is
/// exported to `NAME.pub` under the environment.
pub(crate) struct Key {
    pub(crate) email: String,
    pub(crate) public: PathBuf,
}

pub(crate) fn gpg(env: &Env, args: &[&str]) -> Out {
    let out = env.run_as_user("gpg", &[&["--batch", "--no-tty"], args].concat());
    out.success();
    out
}

pub(crate) fn make_key(env: &Env, name: &str) -> Key {
    let email = format!("{name}@rpod.test");
    gpg(
        env,
        &[
            "--passphrase",
            "",
            "--quick-gen-key",
            &format!("{name} <{email}>"),
            "default",
            "default",
            "never",
        ],
    );
    let exported = gpg(env, &["--armor", "--export", &email]);
    let public = env.write_file(&format!("{name}.pub"), exported.stdout.as_bytes());
    Key { email, public }
}

/// An environment with busybox and a signing key of `key_name`; the gpg-agent its key
/// started is stopped on drop, before the environment goes.
struct Signing {
    env: Env,
    key: Key,
}

impl Signing {
    fn new(key_name: &str) -> Signing {
        let env = Env::with_busybox();
        let key = make_key(&env, key_name);
        Signing { env, key }
    }

    /// Makes the key the only one the policy trusts for `repo` (signedBy) and pushes busybox
    /// there signed with it, as `REGISTRY/REPO:v1`, which it returns.
    fn push_trusted(&self, repo: &str) -> String {
        let image = format!("{}/{repo}:v1", reg());
        let public = self.key.public.to_string_lossy().into_owned();
        self.env
            .rpod(&[
                "image",
                "trust",
                "set",
                "-f",
                &public,
                &format!("{}/{repo}", reg()),
            ])
            .success();
        self.env
            .rpod(&[
                "push",
                "-q",
                "--sign-by",
                &self.key.email,
                "busybox",
                &image,
            ])
            .success();
        image
    }
}

impl Drop for Signing {
    fn drop(&mut self) {
        let _ = self.env.run_as_user("gpgconf", &["--kill", "gpg-agent"]);
    }
}

/// The signature files the default storage holds for `repo` (below the registry).
fn stored_signatures(env: &Env, repo: &str) -> Vec<PathBuf> {
    let base = env.path("data/containers/sigstore").join(
        std::path::Path::new(repo)
            .parent()
            .expect("a repository with a namespace"),
    );
    let leaf = std::path::Path::new(repo)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut out = Vec::new();
    for dir in fs::read_dir(&base).into_iter().flatten().flatten() {
        if dir
            .file_name()
            .to_string_lossy()
            .starts_with(&format!("{leaf}@sha256="))
        {
            for f in fs::read_dir(dir.path()).unwrap().flatten() {
                out.push(f.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_signed_by_policy_admits_only_images_its_key_signed() {
    let Signing {
        ref env,
        key: ref mine,
    } = Signing::new("signer");
    let other = make_key(env, "stranger");
    let repo = "trust-signed/bb";
    let image = format!("{}/{repo}:v1", reg());
    env.rpod(&["push", "-q", "busybox", &image]).success();
    let public = mine.public.to_string_lossy().into_owned();
    env.rpod(&[
        "image",
        "trust",
        "set",
        "-t",
        "signedBy",
        "-f",
        &public,
        &format!("{}/trust-signed", reg()),
    ])
    .success();
    let policy = fs::read_to_string(env.path("config/containers/policy.json")).unwrap();
    assert!(
        policy.contains("\"signedBy\"") && policy.contains(&public),
        "{policy}"
    );
    env.rpod(&["image", "trust", "show"])
        .success()
        .stdout_has("TRANSPORT")
        .stdout_has(&format!("repository   {}/trust-signed", reg()))
        .stdout_has("signed")
        .stdout_has(&mine.email);

    // Unsigned: refused, by pull and by run's implicit pull alike.
    env.rpod(&["pull", "-q", &image])
        .code(125)
        .stderr_has("Source image rejected: A signature was required, but no signature exists");
    env.rpod(&["run", "--rm", &image, "true"])
        .code(125)
        .stderr_has("Source image rejected");

    // Signed by a key the policy does not name: still refused.
    env.rpod(&["image", "sign", "--sign-by", &other.email, &image])
        .success();
    env.rpod(&["pull", "-q", &image])
        .code(125)
        .stderr_has("None of the signatures were accepted")
        .stderr_has("Invalid GPG signature");

    // Signed by the policy's key: accepted, and it runs.
    env.rpod(&["image", "sign", "--sign-by", &mine.email, &image])
        .success();
    assert_eq!(stored_signatures(env, repo).len(), 2);
    env.rpod(&["pull", "-q", &image]).success();
    env.rpod(&["run", "--rm", &image, "echo", "signed and running"])
        .success()
        .stdout_has("signed and running");
}

#[test]
fn push_sign_by_reads_a_protected_key_s_passphrase_from_a_file() {
    let Signing { ref env, .. } = Signing::new("plain");
    let email = "guarded@rpod.test";
    gpg(
        env,
        &[
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "open sesame",
            "--quick-gen-key",
            &format!("guarded <{email}>"),
            "default",
            "default",
            "never",
        ],
    );
    let exported = gpg(env, &["--armor", "--export", email]);
    let public = env.write_file("guarded.pub", exported.stdout.as_bytes());
    let scope = format!("{}/trust-passphrase", reg());
    let image = format!("{scope}/bb:v1");
    env.rpod(&[
        "image",
        "trust",
        "set",
        "-f",
        &public.to_string_lossy(),
        &scope,
    ])
    .success();
    // Without the passphrase gpg has no one to ask (no terminal, batch mode).
    env.rpod(&["push", "-q", "--sign-by", email, "busybox", &image])
        .code(125)
        .stderr_has("gpg failed to sign");
    let push_with = |passphrase: &[u8]| {
        let file = env.write_file("key.pass", passphrase);
        env.rpod(&[
            "push",
            "-q",
            "--sign-by",
            email,
            "--sign-passphrase-file",
            &file.to_string_lossy(),
            "busybox",
            &image,
        ])
    };
    push_with(b"open says me\n")
        .code(125)
        .stderr_has("gpg failed to sign");
    push_with(b"open sesame\n").success();
    env.rpod(&["pull", "-q", &image]).success();
}

#[test]
fn pull_newer_refuses_a_newer_image_the_policy_rejects() {
    let signing = Signing::new("newer");
    let Signing { ref env, ref key } = signing;
    let repo = "trust-newer/bb";
    let image = signing.push_trusted(repo);
    env.rpod(&["pull", "-q", &image]).success();
    // The registry's tag moves to another image that nobody signed.
    env.rpod(&["pull", "-q", "docker"]).success();
    env.rpod(&["push", "-q", "docker", &image]).success();
    for verb in ["run", "create"] {
        let refused = env.rpod(&[verb, "--pull", "newer", &image, "true"]);
        refused
            .code(125)
            .stderr_has("Source image rejected: A signature was required, but no signature exists");
        assert!(
            !refused.stderr.contains("keeping the local image"),
            "{verb}: {}",
            refused.stderr
        );
    }
    assert!(
        env.rpod(&["ps", "-aq"]).success().stdout.trim().is_empty(),
        "no container was made from the local image"
    );
    // Signed, the newer image is pulled and runs.
    env.rpod(&["image", "sign", "--sign-by", &key.email, &image])
        .success();
    env.rpod(&[
        "run",
        "--rm",
        "--pull",
        "newer",
        &image,
        "echo",
        "newer and signed",
    ])
    .success()
    .stdout_has("newer and signed");
    env.rpod(&[
        "image",
        "inspect",
        "-f",
        "{{index .Config.Labels \"org.rpod.variant\"}}",
        &image,
    ])
    .success()
    .stdout_has("docker");
}

#[test]
fn tampered_and_misnamed_signatures_are_refused() {
    let signing = Signing::new("pusher");
    let Signing { ref env, ref key } = signing;
    let repo = "trust-tamper/bb";
    let image = signing.push_trusted(repo);
    let sigs = stored_signatures(env, repo);
    assert_eq!(sigs.len(), 1, "push --sign-by wrote one signature");
    env.rpod(&["pull", "-q", &image]).success();

    // One byte of the signed payload changed: the signature no longer verifies.
    let good = fs::read(&sigs[0]).unwrap();
    let mut bad = good.clone();
    let at = bad.len() / 2;
    bad[at] ^= 0x20;
    fs::write(&sigs[0], &bad).unwrap();
    env.rpod(&["rmi", &image]).success();
    env.rpod(&["pull", "-q", &image])
        .code(125)
        .stderr_has("Source image rejected: None of the signatures were accepted");

    // A good signature of the same manifest under another tag: not this image's identity.
    let other_tag = format!("{}/{repo}:v2", reg());
    fs::remove_file(&sigs[0]).unwrap();
    env.rpod(&["push", "-q", "busybox", &other_tag]).success();
    env.rpod(&["image", "sign", "--sign-by", &key.email, &other_tag])
        .success();
    env.rpod(&["pull", "-q", &image])
        .code(125)
        .stderr_has(&format!(
            "Signature for identity {other_tag} is not accepted"
        ));
    env.rpod(&["pull", "-q", &other_tag]).success();
}

#[test]
fn reject_and_accept_follow_the_most_specific_scope() {
    let env = Env::with_busybox();
    let image = format!("{}/trust-rejected/bb:v1", reg());
    env.rpod(&["push", "-q", "busybox", &image]).success();
    env.rpod(&[
        "image",
        "trust",
        "set",
        "-t",
        "reject",
        &format!("{}/trust-rejected", reg()),
    ])
    .success();
    env.rpod(&["pull", "-q", &image])
        .code(125)
        .stderr_has(&format!(
            "Source image rejected: Running image docker://{image} is rejected by policy."
        ));
    // A repository inside the rejected namespace may be let in on its own.
    env.rpod(&[
        "image",
        "trust",
        "set",
        "-t",
        "accept",
        &format!("{}/trust-rejected/bb", reg()),
    ])
    .success();
    env.rpod(&["pull", "-q", &image]).success();
    env.rpod(&["image", "trust", "set", "-t", "reject", "default"])
        .success();
    env.rpod(&["pull", "-q", &format!("{}/busybox:latest", reg())])
        .code(125)
        .stderr_has("is rejected by policy");
    env.rpod(&["pull", "-q", &image]).success();
    let listed = env.rpod(&["image", "trust", "show", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&listed.success().stdout).unwrap();
    let row = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["repo_name"] == name)
            .unwrap_or_else(|| panic!("no row {name} in {rows}"))
            .clone()
    };
    assert_eq!(row("default")["type"], "reject");
    assert_eq!(row("default")["transport"], "all");
    assert_eq!(row(&format!("{}/trust-rejected", reg()))["type"], "reject");
    assert_eq!(
        row(&format!("{}/trust-rejected/bb", reg()))["type"],
        "accept"
    );
    let raw = env.rpod(&["image", "trust", "show", "--raw"]);
    let policy: serde_json::Value = serde_json::from_str(&raw.success().stdout).unwrap();
    assert_eq!(policy["default"][0]["type"], "reject");
    // Wrong combinations are refused before the policy is touched.
    env.rpod(&["image", "trust", "set", "-t", "signedBy", "default"])
        .code(125)
        .stderr_has("at least one public key");
}

#[test]
fn signatures_are_read_from_the_lookaside_registries_d_names() {
    let Signing { ref env, ref key } = Signing::new("publisher");
    let repo = "trust-http/bb";
    let image = format!("{}/{repo}:v1", reg());
    env.rpod(&["push", "-q", "busybox", &image]).success();
    let staging = env.path("staging");
    env.rpod(&[
        "image",
        "sign",
        "--sign-by",
        &key.email,
        "--directory",
        &staging.to_string_lossy(),
        &format!("docker://{image}"),
    ])
    .success();
    let dir = fs::read_dir(staging.join("trust-http"))
        .unwrap()
        .flatten()
        .next()
        .expect("a signature directory")
        .file_name()
        .to_string_lossy()
        .into_owned();
    assert!(dir.starts_with("bb@sha256="), "{dir}");
    let signature = fs::read(staging.join("trust-http").join(&dir).join("signature-1")).unwrap();

    let web = FakeRegistry::start();
    let path = format!("/sigs/trust-http/{dir}/signature-1");
    web.route(&path, 200, "application/octet-stream", &signature);
    let public = key.public.to_string_lossy().into_owned();
    env.rpod(&[
        "image",
        "trust",
        "set",
        "-f",
        &public,
        &format!("{}/trust-http", reg()),
    ])
    .success();
    // Without the lookaside the signature is not found where pulls look by default.
    env.rpod(&["pull", "-q", &image])
        .code(125)
        .stderr_has("no signature exists");
    env.write_file(
        "config/containers/registries.d/sigs.yaml",
        format!(
            "docker:\n  {}/trust-http:\n    lookaside: http://{}/sigs\n",
            reg(),
            web.addr()
        )
        .as_bytes(),
    );
    env.rpod(&["image", "trust", "show", "--noheading"])
        .success()
        .stdout_has(&format!("http://{}/sigs", web.addr()));
    env.rpod(&["pull", "-q", &image]).success();
    assert!(
        web.hits(&path) >= 1,
        "the signature was read from the lookaside server"
    );
}

/// Copies a directory tree for the podman user.
fn copy_tree(podman: &Podman, from: &std::path::Path, to_rel: &str) {
    for entry in fs::read_dir(from).unwrap().flatten() {
        let rel = format!("{to_rel}/{}", entry.file_name().to_string_lossy());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(podman, &entry.path(), &rel);
        } else {
            podman.write_file(&rel, &fs::read(entry.path()).unwrap());
        }
    }
}

#[test]
fn podman_accepts_what_rpod_signed_and_refuses_what_it_did_not() {
    let Some(podman) = Podman::new() else {
        return;
    };
    let Signing { ref env, ref key } = Signing::new("interop");
    let signed = format!("{}/trust-interop/signed:v1", reg());
    let unsigned = format!("{}/trust-interop/unsigned:v1", reg());
    env.rpod(&["push", "-q", "--sign-by", &key.email, "busybox", &signed])
        .success();
    env.rpod(&["push", "-q", "busybox", &unsigned]).success();
    // podman (containers/image) reads its default storage below its own home: a home of this
    // test's, so that nothing lands in the podman user's shared one.
    copy_tree(
        &podman,
        &env.path("data/containers/sigstore"),
        "home/.local/share/containers/sigstore",
    );
    let public = podman.write_file("key.pub", &fs::read(&key.public).unwrap());
    let policy = podman.write_file(
        "policy.json",
        serde_json::json!({
            "default": [{"type": "insecureAcceptAnything"}],
            "transports": {"docker": {format!("{}/trust-interop", reg()): [
                {"type": "signedBy", "keyType": "GPGKeys", "keyPath": public}
            ]}}
        })
        .to_string()
        .as_bytes(),
    );
    let pull = |image: &str| {
        let mut cmd = podman.command("podman");
        cmd.env("HOME", podman.path("home")).args([
            "pull",
            "-q",
            "--tls-verify=false",
            "--signature-policy",
            &policy.to_string_lossy(),
            image,
        ]);
        podman_out(cmd)
    };
    pull(&signed).success();
    pull(&unsigned)
        .failure()
        .stderr_has("Source image rejected: A signature was required, but no signature exists");
}

fn podman_out(mut cmd: std::process::Command) -> Out {
    use std::process::Stdio;
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let line = format!("{cmd:?}");
    crate::common::env::wait_output(cmd.spawn().unwrap(), &line)
}
