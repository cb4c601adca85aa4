//! Encrypted images in ocicrypt's JWE scheme (`push --encryption-key`, `pull
//! --decryption-key`), checked against skopeo, a real ocicrypt client, both ways, and against
//! the registry's own blobs.

use serde_json::Value;

use crate::common::Env;
use crate::common::env::Out;
use crate::common::registry::Registry;

const MARKER: &str = "rpod-encrypted-marker-7Qx";

fn reg() -> &'static Registry {
    Registry::shared()
}

/// An RSA key pair made by openssl as a user would: (private, public) paths.
fn keypair(env: &Env, name: &str) -> (String, String) {
    let private = env.path(&format!("work/{name}.pem")).display().to_string();
    let public = env
        .path(&format!("work/{name}.pub.pem"))
        .display()
        .to_string();
    env.run_as_user("openssl", &["genrsa", "-out", &private, "2048"])
        .success();
    env.run_as_user(
        "openssl",
        &["rsa", "-in", &private, "-pubout", "-out", &public],
    )
    .success();
    (private, public)
}

/// busybox with one more layer holding the marker file: `enc-src`.
fn marked_image(env: &Env) {
    env.rpod(&[
        "run",
        "--name",
        "marking",
        "busybox",
        "sh",
        "-c",
        &format!("echo {MARKER} > /secret.txt"),
    ])
    .success();
    env.rpod(&["commit", "-q", "marking", "enc-src"]).success();
}

/// `push` of `enc-src` to `dest`, encrypted for each of the public keys `recipients` (as
/// `jwe:` keys), with `more` flags.
fn push_encrypted(env: &Env, recipients: &[&str], more: &[&str], dest: &str) -> Out {
    let keys: Vec<String> = recipients.iter().map(|k| format!("jwe:{k}")).collect();
    let mut args = vec!["push"];
    for key in &keys {
        args.extend(["--encryption-key", key]);
    }
    args.extend_from_slice(more);
    args.extend(["enc-src", dest]);
    env.rpod(&args)
}

/// `pull` (`verb` is `["pull"]` or `["artifact", "pull"]`) of `name` with the private key
/// `key`.
fn pull_decrypting(env: &Env, verb: &[&str], key: &str, name: &str) -> Out {
    let mut args = verb.to_vec();
    args.extend(["-q", "--decryption-key", key, name]);
    env.rpod(&args)
}

fn manifest(repo: &str, tag: &str) -> Value {
    let r = reg().get_manifest(repo, tag);
    assert_eq!(r.status, 200, "{repo}:{tag}");
    serde_json::from_slice(&r.body).unwrap()
}

fn blob(repo: &str, digest: &str) -> Vec<u8> {
    let r = reg().get_blob(repo, digest);
    assert_eq!(r.status, 200, "{repo} {digest}");
    r.body
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The files of a gzip layer blob, decompressed (tar's own listing of it, with contents).
fn gunzipped(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

#[test]
fn rpod_encrypts_for_every_recipient_and_skopeo_decrypts_it() {
    let env = Env::with_busybox();
    marked_image(&env);
    let (alice, alice_pub) = keypair(&env, "alice");
    let (bob, bob_pub) = keypair(&env, "bob");
    let dest = format!("{}/enc/rpod:v1", reg().addr());
    push_encrypted(&env, &[&alice_pub, &bob_pub], &["-q"], &dest).success();

    let m = manifest("enc/rpod", "v1");
    assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    let layers = m["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2, "{m}");
    let mut marker_layers = 0;
    for layer in layers {
        assert_eq!(
            layer["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip+encrypted",
            "{m}"
        );
        let annotations = &layer["annotations"];
        assert!(annotations["org.opencontainers.image.enc.keys.jwe"].is_string());
        assert!(annotations["org.opencontainers.image.enc.pubopts"].is_string());
        // The registry holds ciphertext: not a gzip stream, no marker, plain or compressed.
        let bytes = blob("enc/rpod", layer["digest"].as_str().unwrap());
        assert_ne!(bytes[..2], [0x1f, 0x8b]);
        assert!(!contains(&bytes, MARKER));
        assert!(gunzipped(&bytes).is_none_or(|plain| !contains(&plain, MARKER)));
        marker_layers += 1;
    }
    assert_eq!(marker_layers, 2);

    // skopeo opens it with either recipient's key, and the marker layer is there in clear.
    for (who, key) in [("alice", &alice), ("bob", &bob)] {
        let dir = env
            .path(&format!("work/skopeo-{who}"))
            .display()
            .to_string();
        env.run_as_user(
            "skopeo",
            &[
                "copy",
                "--src-tls-verify=false",
                "--decryption-key",
                key,
                &format!("docker://{dest}"),
                &format!("dir:{dir}"),
            ],
        )
        .success();
        let copied: Value =
            serde_json::from_slice(&std::fs::read(format!("{dir}/manifest.json")).unwrap())
                .unwrap();
        let found = copied["layers"].as_array().unwrap().iter().any(|l| {
            let digest = l["digest"].as_str().unwrap();
            let bytes = std::fs::read(format!("{dir}/{}", &digest[7..])).unwrap();
            gunzipped(&bytes).is_some_and(|plain| contains(&plain, MARKER))
        });
        assert!(
            found,
            "{who}: no decrypted layer holds the marker: {copied}"
        );
    }
}

#[test]
fn encrypt_layer_picks_layers_by_index() {
    let env = Env::with_busybox();
    marked_image(&env);
    let (_, public) = keypair(&env, "k");
    let dest = format!("{}/enc/last:v1", reg().addr());
    push_encrypted(&env, &[&public], &["-q", "--encrypt-layer", "-1"], &dest).success();
    let m = manifest("enc/last", "v1");
    let types: Vec<&str> = m["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["mediaType"].as_str().unwrap())
        .collect();
    assert!(!types[0].ends_with("+encrypted"), "{m}");
    assert!(types[1].ends_with("+encrypted"), "{m}");

    // Bad input is refused before anything is pushed.
    push_encrypted(&env, &[&public], &["--encrypt-layer", "5"], &dest)
        .code(125)
        .stderr_has("--encrypt-layer 5: the image has 2 layers");
    env.rpod(&["push", "--encryption-key", &public, "enc-src", &dest])
        .code(125)
        .stderr_has("jwe:PUBLIC-KEY.pem");
}

#[test]
fn skopeo_encrypts_and_rpod_pulls_with_the_key_and_runs_it() {
    let env = Env::with_busybox();
    marked_image(&env);
    let (private, public) = keypair(&env, "owner");
    let (stranger, _) = keypair(&env, "stranger");
    let layout = env.path("work/layout").display().to_string();
    env.rpod(&["save", "--format", "oci-dir", "-o", &layout, "enc-src"])
        .success();
    let dest = format!("{}/enc/skopeo:v1", reg().addr());
    env.run_as_user(
        "skopeo",
        &[
            "copy",
            "--dest-tls-verify=false",
            "--encryption-key",
            &format!("jwe:{public}"),
            &format!("oci:{layout}"),
            &format!("docker://{dest}"),
        ],
    )
    .success();
    let m = manifest("enc/skopeo", "v1");
    assert!(
        m["layers"][1]["mediaType"]
            .as_str()
            .unwrap()
            .ends_with("+encrypted"),
        "{m}"
    );

    let clean = Env::new();
    clean
        .rpod(&["pull", "-q", &dest])
        .code(125)
        .stderr_has("is encrypted: pull with --decryption-key");
    pull_decrypting(&clean, &["pull"], &stranger, &dest)
        .code(125)
        .stderr_has("none of the --decryption-key keys opens the layer's key");
    assert_eq!(clean.rpod(&["images", "-q"]).success().trimmed(), "");

    pull_decrypting(&clean, &["pull"], &private, &dest).success();
    clean
        .rpod(&["run", "--rm", &dest, "cat", "/secret.txt"])
        .success()
        .stdout_has(MARKER);
}

#[test]
fn an_encrypted_artifact_is_pulled_as_its_plaintext_with_the_key() {
    let env = Env::with_busybox();
    marked_image(&env);
    let (private, public) = keypair(&env, "holder");
    let (stranger, _) = keypair(&env, "outsider");
    // rpod's own encryption makes the encrypted blob (an image's last layer); an artifact
    // manifest beside it names that blob as its one file.
    let repo = "enc/artifact";
    let dest = format!("{}/{repo}:image", reg().addr());
    push_encrypted(&env, &[&public], &["-q", "--encrypt-layer", "-1"], &dest).success();
    let mut layer = manifest(repo, "image")["layers"][1].clone();
    assert!(
        layer["mediaType"].as_str().unwrap().ends_with("+encrypted"),
        "{layer}"
    );
    let encrypted = blob(repo, layer["digest"].as_str().unwrap());
    layer["annotations"]["org.opencontainers.image.title"] = "secret.tar.gz".into();
    let config = reg().push_blob(repo, b"{}");
    let artifact = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "artifactType": "application/vnd.example.secret",
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": config, "size": 2},
        "layers": [layer],
    });
    reg().push_manifest(
        repo,
        "art",
        "application/vnd.oci.image.manifest.v1+json",
        &serde_json::to_vec(&artifact).unwrap(),
    );
    let name = format!("{}/{repo}:art", reg().addr());

    let clean = Env::new();
    clean
        .rpod(&["artifact", "pull", "-q", &name])
        .code(125)
        .stderr_has("is encrypted: pull with --decryption-key");
    pull_decrypting(&clean, &["artifact", "pull"], &stranger, &name)
        .code(125)
        .stderr_has("none of the --decryption-key keys opens the layer's key");
    let listed = clean.rpod(&["artifact", "ls", "--noheading"]);
    assert_eq!(listed.success().trimmed(), "");

    pull_decrypting(&clean, &["artifact", "pull"], &private, &name).success();
    let out = clean.rpod(&["artifact", "inspect", &name]);
    let doc: Value = serde_json::from_str(out.success().trimmed()).unwrap();
    let kept = &doc["Manifest"]["layers"][0];
    assert_eq!(
        kept["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip",
        "{doc}"
    );
    let annotations = kept["annotations"].as_object().unwrap();
    assert_eq!(
        annotations["org.opencontainers.image.title"],
        "secret.tar.gz"
    );
    assert!(!annotations.keys().any(|k| k.contains(".enc.")), "{doc}");
    let target = clean.path("work/secret.tar.gz");
    clean
        .rpod(&["artifact", "extract", &name, &target.display().to_string()])
        .success();
    let plain = std::fs::read(&target).unwrap();
    assert_ne!(plain, encrypted);
    let digest = format!(
        "sha256:{}",
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&plain))
    );
    assert_eq!(kept["digest"], digest.as_str(), "{doc}");
    assert!(
        gunzipped(&plain).is_some_and(|tar| contains(&tar, MARKER)),
        "the extracted file is not the plaintext layer"
    );
}
