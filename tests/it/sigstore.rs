//! Sigstore signatures with keys, as a user sets them up: a cosign-format key pair (made here
//! with Python's cryptography and PyNaCl, not with rpod's code), registries.d allowing
//! attachments, `push --sign-by-sigstore-private-key` attaching a signature in the registry, a
//! `sigstoreSigned` policy that pulls check; rpod's signatures checked by Python, and a
//! signature written as cosign writes it accepted by rpod.

use std::fs;
use std::path::PathBuf;

use crate::common::Env;
use crate::common::registry::Registry;

fn reg() -> &'static str {
    Registry::shared().addr()
}

/// Writes an ECDSA P-256 key pair as cosign does: `NAME.key` (PEM "ENCRYPTED COSIGN PRIVATE
/// KEY": the PKCS#8 key sealed with NaCl secretbox under scrypt(passphrase)) and `NAME.pub`.
const MAKE_KEY: &str = r#"
import base64, hashlib, json, os, sys, textwrap
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
import nacl.secret
passphrase, prefix = sys.argv[1].encode(), sys.argv[2]
key = ec.generate_private_key(ec.SECP256R1())
der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption())
salt, nonce = os.urandom(32), os.urandom(24)
box_key = hashlib.scrypt(passphrase, salt=salt, n=32768, r=8, p=1, maxmem=64 << 20, dklen=32)
sealed = nacl.secret.SecretBox(box_key).encrypt(der, nonce).ciphertext
b64 = lambda b: base64.b64encode(b).decode()
doc = json.dumps({"kdf": {"name": "scrypt", "params": {"N": 32768, "r": 8, "p": 1}, "salt": b64(salt)},
                  "cipher": {"name": "nacl/secretbox", "nonce": b64(nonce)},
                  "ciphertext": b64(sealed)}).encode()
label = "ENCRYPTED COSIGN PRIVATE KEY"
with open(prefix + ".key", "w") as f:
    f.write(f"-----BEGIN {label}-----\n" + "\n".join(textwrap.wrap(b64(doc), 64)) + f"\n-----END {label}-----\n")
with open(prefix + ".pub", "wb") as f:
    f.write(key.public_key().public_bytes(serialization.Encoding.PEM,
                                          serialization.PublicFormat.SubjectPublicKeyInfo))
"#;

pub(crate) struct KeyPair {
    pub(crate) private: PathBuf,
    pub(crate) public: PathBuf,
    pub(crate) passphrase_file: PathBuf,
}

pub(crate) fn make_key(env: &Env, name: &str, passphrase: &str) -> KeyPair {
    let prefix = env.path(name);
    let out = std::process::Command::new("/usr/bin/python3")
        .args(["-c", MAKE_KEY, passphrase])
        .arg(&prefix)
        .output()
        .expect("python3 runs (contrib/test installs python3-cryptography and python3-nacl)");
    assert!(
        out.status.success(),
        "making a key: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let private = prefix.with_extension("key");
    let public = prefix.with_extension("pub");
    // Readable by the test user, as keys it made itself would be.
    let private = env.write_file(&format!("{name}.key"), &fs::read(&private).unwrap());
    let public = env.write_file(&format!("{name}.pub"), &fs::read(&public).unwrap());
    let passphrase_file = env.write_file(
        &format!("{name}.pass"),
        format!("{passphrase}\n").as_bytes(),
    );
    KeyPair {
        private,
        public,
        passphrase_file,
    }
}

/// registries.d of the environment's user: the test registry keeps sigstore attachments.
pub(crate) fn allow_attachments(env: &Env) {
    env.write_file(
        "config/containers/registries.d/sigstore.yaml",
        format!(
            "docker:\n  {}:\n    use-sigstore-attachments: true\n",
            reg()
        )
        .as_bytes(),
    );
}

fn push_signed(env: &Env, key: &KeyPair, image: &str) -> crate::common::env::Out {
    let digest_file = env.path("pushed.digest").to_string_lossy().into_owned();
    env.rpod(&[
        "push",
        "-q",
        "--digestfile",
        &digest_file,
        "--sign-by-sigstore-private-key",
        &key.private.to_string_lossy(),
        "--sign-passphrase-file",
        &key.passphrase_file.to_string_lossy(),
        "busybox",
        image,
    ])
}

fn trust(env: &Env, public: &std::path::Path, scope: &str) {
    env.rpod(&[
        "image",
        "trust",
        "set",
        "--type",
        "sigstoreSigned",
        "-f",
        &public.to_string_lossy(),
        scope,
    ])
    .success();
}

#[test]
fn a_sigstore_policy_admits_only_images_its_key_signed() {
    let env = Env::with_busybox();
    allow_attachments(&env);
    let key = make_key(&env, "team", "correct horse");
    let other = make_key(&env, "other", "battery staple");
    let repo = format!("{}/sigstore-policy/app", reg());
    let signed = format!("{repo}:signed");
    push_signed(&env, &key, &signed).success();

    // The signature is attached beside the manifest, as cosign keeps it.
    let digest = fs::read_to_string(env.path("pushed.digest")).unwrap();
    let tag = format!("{}.sig", digest.replacen(':', "-", 1));
    let attached = Registry::shared().get_manifest("sigstore-policy/app", &tag);
    assert_eq!(attached.status, 200, "no attachment tagged {tag}");
    let manifest: serde_json::Value = serde_json::from_slice(&attached.body).unwrap();
    let layer = &manifest["layers"][0];
    assert_eq!(
        layer["mediaType"],
        "application/vnd.dev.cosign.simplesigning.v1+json"
    );
    assert!(layer["annotations"]["dev.cosignproject.cosign/signature"].is_string());

    // push names no local image: the pull below really fetches and checks.
    trust(&env, &key.public, &repo);
    env.rpod(&["pull", "-q", &signed]).success();
    env.rpod(&["run", "--rm", &signed, "true"]).success();

    // The same manifest under another tag: its signature names the signed tag.
    let retagged = format!("{repo}:retagged");
    env.rpod(&["push", "-q", "busybox", &retagged]).success();
    env.rpod(&["pull", "-q", &retagged])
        .code(125)
        .stderr_has(&format!("Signature for identity {signed} is not accepted"));
    // Another manifest (zstd layers), never signed.
    let unsigned = format!("{repo}:unsigned");
    env.rpod(&[
        "push",
        "-q",
        "--compression-format",
        "zstd",
        "busybox",
        &unsigned,
    ])
    .success();
    env.rpod(&["pull", "-q", &unsigned])
        .code(125)
        .stderr_has("Source image rejected: A signature was required, but no signature exists");

    // Signed by a key the policy does not name.
    trust(&env, &other.public, &repo);
    env.rpod(&["rmi", "-f", &signed]).success();
    env.rpod(&["pull", "-q", &signed])
        .code(125)
        .stderr_has("Source image rejected: None of the signatures were accepted");
    env.rpod(&["run", "--rm", &signed, "true"]).failure();
}

#[test]
fn a_wrong_passphrase_or_no_attachments_fail_before_anything_is_pushed() {
    let env = Env::with_busybox();
    let key = make_key(&env, "k", "right");
    let image = format!("{}/sigstore-refused/app:v1", reg());
    push_signed(&env, &key, &image)
        .code(125)
        .stderr_has("writing sigstore attachments is disabled by configuration");
    allow_attachments(&env);
    let wrong = env.write_file("wrong.pass", b"wrong\n");
    env.rpod(&[
        "push",
        "-q",
        "--sign-by-sigstore-private-key",
        &key.private.to_string_lossy(),
        "--sign-passphrase-file",
        &wrong.to_string_lossy(),
        "busybox",
        &image,
    ])
    .code(125)
    .stderr_has("the passphrase is wrong");
    assert_eq!(
        Registry::shared()
            .get_manifest("sigstore-refused/app", "v1")
            .status,
        404,
        "a refused signed push pushed the image"
    );
    // No terminal to ask the passphrase on.
    env.rpod(&[
        "push",
        "-q",
        "--sign-by-sigstore-private-key",
        &key.private.to_string_lossy(),
        "busybox",
        &image,
    ])
    .code(125)
    .stderr_has("give it with --sign-passphrase-file");
    // A public key where a private one belongs.
    env.rpod(&[
        "push",
        "-q",
        "--sign-by-sigstore-private-key",
        &key.public.to_string_lossy(),
        "--sign-passphrase-file",
        &key.passphrase_file.to_string_lossy(),
        "busybox",
        &image,
    ])
    .code(125)
    .stderr_has("not an encrypted sigstore private key");
}

/// Checks or makes a cosign signature with Python's cryptography, apart from rpod's code:
/// `verify PUB PAYLOAD SIG_B64` exits 0 when the signature is good; `sign KEY PASSFILE PAYLOAD`
/// prints the base64 DER signature of PAYLOAD by the encrypted key.
const SIGNATURES: &str = r#"
import base64, hashlib, json, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
import nacl.secret
if sys.argv[1] == "verify":
    key = serialization.load_pem_public_key(open(sys.argv[2], "rb").read())
    key.verify(base64.b64decode(sys.argv[4]), open(sys.argv[3], "rb").read(), ec.ECDSA(hashes.SHA256()))
else:
    pem = open(sys.argv[2]).read().split("-----")[2]
    doc = json.loads(base64.b64decode("".join(pem.split())))
    kdf, b = doc["kdf"], base64.b64decode
    box_key = hashlib.scrypt(open(sys.argv[3], "rb").read().rstrip(b"\n"), salt=b(kdf["salt"]),
                             n=kdf["params"]["N"], r=kdf["params"]["r"], p=kdf["params"]["p"],
                             maxmem=64 << 20, dklen=32)
    der = nacl.secret.SecretBox(box_key).decrypt(b(doc["ciphertext"]), b(doc["cipher"]["nonce"]))
    key = serialization.load_der_private_key(der, None)
    sig = key.sign(open(sys.argv[4], "rb").read(), ec.ECDSA(hashes.SHA256()))
    print(base64.b64encode(sig).decode())
"#;

fn python(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new("/usr/bin/python3")
        .args(["-c", SIGNATURES])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn rpod_s_signature_verifies_apart_from_rpod_and_a_cosign_style_one_is_accepted() {
    // Debian's podman and skopeo are built with sigstore disabled ("Debian-local change:
    // sigstore disabled"), so the other side of these checks is Python's cryptography.
    let env = Env::with_busybox();
    allow_attachments(&env);
    let key = make_key(&env, "apart", "shared secret");
    let repo_path = "sigstore-apart/app";
    let image = format!("{}/{repo_path}:v1", reg());
    push_signed(&env, &key, &image).success();
    let digest = fs::read_to_string(env.path("pushed.digest")).unwrap();
    let tag = format!("{}.sig", digest.replacen(':', "-", 1));
    let attached = Registry::shared().get_manifest(repo_path, &tag);
    let manifest: serde_json::Value = serde_json::from_slice(&attached.body).unwrap();
    let layer = &manifest["layers"][0];
    let payload = Registry::shared().get_blob(repo_path, layer["digest"].as_str().unwrap());
    assert_eq!(payload.status, 200);
    let doc: serde_json::Value = serde_json::from_slice(&payload.body).unwrap();
    assert_eq!(doc["critical"]["type"], "cosign container image signature");
    assert_eq!(
        doc["critical"]["image"]["docker-manifest-digest"],
        digest.as_str()
    );
    assert_eq!(
        doc["critical"]["identity"]["docker-reference"],
        image.as_str()
    );
    let payload_file = env.write_file("payload.json", &payload.body);
    let signature = layer["annotations"]["dev.cosignproject.cosign/signature"]
        .as_str()
        .unwrap();
    let checked = python(&[
        "verify".as_ref(),
        key.public.as_os_str(),
        payload_file.as_os_str(),
        signature.as_ref(),
    ]);
    assert!(
        checked.status.success(),
        "rpod's signature does not verify: {}",
        String::from_utf8_lossy(&checked.stderr)
    );

    // A signature made as cosign makes it: the repository alone as identity, "optional": null.
    let other = format!("{}/{repo_path}-cosign:v1", reg());
    env.rpod(&[
        "push",
        "-q",
        "--digestfile",
        &env.path("other.digest").to_string_lossy(),
        "busybox",
        &other,
    ])
    .success();
    let other_digest = fs::read_to_string(env.path("other.digest")).unwrap();
    let cosign_payload = serde_json::json!({
        "critical": {
            "identity": {"docker-reference": format!("{}/{repo_path}-cosign", reg())},
            "image": {"docker-manifest-digest": other_digest},
            "type": "cosign container image signature"
        },
        "optional": null
    })
    .to_string();
    let cosign_file = env.write_file("cosign.json", cosign_payload.as_bytes());
    let signed = python(&[
        "sign".as_ref(),
        key.private.as_os_str(),
        key.passphrase_file.as_os_str(),
        cosign_file.as_os_str(),
    ]);
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let cosign_repo = format!("{repo_path}-cosign");
    let payload_digest = Registry::shared().push_blob(&cosign_repo, cosign_payload.as_bytes());
    let config =
        br#"{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"#;
    let config_digest = Registry::shared().push_blob(&cosign_repo, config);
    let sig_manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [{
            "mediaType": "application/vnd.dev.cosign.simplesigning.v1+json",
            "digest": payload_digest,
            "size": cosign_payload.len(),
            "annotations": {"dev.cosignproject.cosign/signature": String::from_utf8_lossy(&signed.stdout).trim()}
        }]
    })
    .to_string();
    Registry::shared().push_manifest(
        &cosign_repo,
        &format!("{}.sig", other_digest.replacen(':', "-", 1)),
        "application/vnd.oci.image.manifest.v1+json",
        sig_manifest.as_bytes(),
    );
    // The default identity rule wants the tag, which cosign's signature does not name.
    trust(&env, &key.public, &format!("{}/{cosign_repo}", reg()));
    env.rpod(&["pull", "-q", &other])
        .code(125)
        .stderr_has("is not accepted");
    let policy = env.path("config/containers/policy.json");
    let mut tree: serde_json::Value = serde_json::from_slice(&fs::read(&policy).unwrap()).unwrap();
    tree["transports"]["docker"][format!("{}/{cosign_repo}", reg())][0]["signedIdentity"] =
        serde_json::json!({"type": "matchRepository"});
    env.write_file("config/containers/policy.json", tree.to_string().as_bytes());
    env.rpod(&["pull", "-q", &other]).success();
}
