//! `rpod manifest add --artifact`: files made into an artifact manifest, an entry of a list,
//! kept by the store while the list names it, pushed with the list to a real registry and read
//! back from it (manifest and file bytes); and the flags' refusals.

use serde_json::Value;
use sha2::Digest;

use crate::common::Env;
use crate::common::fixtures;
use crate::common::registry::Registry;

const UNKNOWN: &str = "application/vnd.unknown.artifact.v1";
const TITLE: &str = "org.opencontainers.image.title";

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(bytes)))
}

fn inspect(env: &Env, list: &str) -> Value {
    let out = env.rpod(&["manifest", "inspect", list]);
    out.success();
    serde_json::from_str(out.trimmed()).unwrap_or_else(|e| panic!("{e}: {}", out.trimmed()))
}

/// The entries of `index` that are artifacts, in its order.
fn artifact_entries(index: &Value) -> Vec<Value> {
    index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["artifactType"].is_string())
        .cloned()
        .collect()
}

fn blob_path(env: &Env, digest: &str) -> std::path::PathBuf {
    env.data()
        .join("storage/blobs/sha256")
        .join(digest.trim_start_matches("sha256:"))
}

/// The registry's manifest `reference` of `repo`, checked against `digest`.
fn remote_manifest(repo: &str, digest: &str) -> Value {
    let got = Registry::shared().get_manifest(repo, digest);
    assert_eq!(got.status, 200, "{}", String::from_utf8_lossy(&got.body));
    assert_eq!(sha256(&got.body), digest, "the manifest pushed verbatim");
    serde_json::from_slice(&got.body).unwrap()
}

fn remote_blob(repo: &str, digest: &str) -> Vec<u8> {
    let got = Registry::shared().get_blob(repo, digest);
    assert_eq!(got.status, 200, "blob {digest} of {repo}");
    got.body
}

/// An env with the amd64 image of the multi-arch fixture in its store.
fn env_with_an_image() -> Env {
    let env = Env::new();
    env.rpod(&[
        "pull",
        "-q",
        "--platform",
        "linux/amd64",
        "multiarch:only-amd64",
    ])
    .success();
    env
}

/// An env with the amd64 image and a list `bundle` holding it; the image's manifest digest.
fn list_with_an_image() -> (Env, String) {
    let env = env_with_an_image();
    env.rpod(&["manifest", "create", "bundle", "multiarch:only-amd64"])
        .success();
    (env, fixtures::get("multiarch:amd64").manifest_digest)
}

#[test]
fn files_become_an_artifact_entry_that_push_carries_to_the_registry() {
    let (env, image) = list_with_an_image();
    let notes = b"release notes\n".to_vec();
    let binary: Vec<u8> = (0..1_500_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let sbom = br#"{"spdxVersion":"SPDX-2.3"}"#.to_vec();
    let config = br#"{"generator":"test"}"#.to_vec();
    env.write_file("work/notes.txt", &notes);
    env.write_file("work/data", &binary);
    env.write_file("work/sbom.json", &sbom);
    env.write_file("work/cfg.json", &config);

    // Defaults: the unknown type, the empty config, titles, types guessed.
    let id = env
        .rpod(&[
            "manifest",
            "add",
            "--artifact",
            "bundle",
            "notes.txt",
            "data",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(id.len(), 64, "add prints the list's id: {id}");
    // Every option at once.
    env.rpod(&[
        "manifest",
        "add",
        "--artifact",
        "--artifact-type",
        "application/vnd.example.sbom",
        "--artifact-config",
        "cfg.json",
        "--artifact-config-type",
        "application/vnd.example.config+json",
        "--artifact-layer-type",
        "application/spdx+json",
        "--artifact-exclude-titles",
        "--artifact-subject",
        &image,
        "--annotation",
        "team=security",
        "--os",
        "linux",
        "--arch",
        "amd64",
        "bundle",
        "sbom.json",
    ])
    .success()
    .stdout_has(&id);

    let index = inspect(&env, "bundle");
    assert_eq!(index["manifests"].as_array().unwrap().len(), 3, "{index}");
    let artifacts = artifact_entries(&index);
    let (plain, typed) = (&artifacts[0], &artifacts[1]);
    assert_eq!(plain["artifactType"], UNKNOWN, "{index}");
    assert_eq!(
        plain["mediaType"],
        "application/vnd.oci.image.manifest.v1+json"
    );
    assert!(
        plain["platform"].is_null(),
        "no platform flag, no platform: {index}"
    );
    assert_eq!(typed["artifactType"], "application/vnd.example.sbom");
    assert_eq!(typed["annotations"]["team"], "security");
    assert_eq!(typed["platform"]["architecture"], "amd64");
    assert_eq!(typed["platform"]["os"], "linux");
    let plain_digest = plain["digest"].as_str().unwrap().to_string();
    let typed_digest = typed["digest"].as_str().unwrap().to_string();

    // Another command's garbage collection keeps what the list holds; the check is content.
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["rmi", "busybox"]).success();
    for bytes in [&notes, &binary, &sbom, &config] {
        assert!(
            blob_path(&env, &sha256(bytes)).exists(),
            "a file's blob was collected"
        );
    }
    env.rpod(&["system", "check"]).success();

    let repo = "lists/bundle";
    let dest = format!("{}/{repo}:1", Registry::shared().addr());
    env.rpod(&["manifest", "push", "bundle", &dest]).success();
    let remote: Value =
        serde_json::from_slice(&Registry::shared().get_manifest(repo, "1").body).unwrap();
    let pushed_artifacts = artifact_entries(&remote);
    assert_eq!(pushed_artifacts.len(), 2, "{remote}");
    assert_eq!(
        pushed_artifacts[0]["digest"], plain_digest,
        "no subject, pushed as it is: {remote}"
    );
    let pushed_image = &remote["manifests"][0];
    assert!(pushed_image["artifactType"].is_null(), "{remote}");

    let pushed = remote_manifest(repo, &plain_digest);
    assert_eq!(pushed["artifactType"], UNKNOWN);
    assert_eq!(
        pushed["config"]["mediaType"],
        "application/vnd.oci.empty.v1+json"
    );
    assert_eq!(pushed["config"]["data"], "e30=");
    assert_eq!(
        remote_blob(repo, pushed["config"]["digest"].as_str().unwrap()),
        b"{}"
    );
    let layers = pushed["layers"].as_array().unwrap();
    for (layer, title, bytes, kind) in [
        (&layers[0], "notes.txt", &notes, "text/plain"),
        (&layers[1], "data", &binary, "application/octet-stream"),
    ] {
        assert_eq!(layer["annotations"][TITLE], title, "{pushed}");
        assert_eq!(layer["mediaType"], kind, "{title}");
        assert_eq!(layer["size"], bytes.len(), "{title}");
        assert_eq!(
            &remote_blob(repo, layer["digest"].as_str().unwrap()),
            bytes,
            "{title}"
        );
    }
    assert!(pushed["subject"].is_null(), "{pushed}");

    // Its subject is the image as pushed (push recompresses its layers: a new digest), so the
    // artifact manifest pushed differs from the store's.
    let pushed = remote_manifest(repo, pushed_artifacts[1]["digest"].as_str().unwrap());
    assert_ne!(pushed_artifacts[1]["digest"], typed_digest, "{remote}");
    assert_eq!(pushed_artifacts[1]["annotations"]["team"], "security");
    assert_eq!(pushed["artifactType"], "application/vnd.example.sbom");
    assert_eq!(
        pushed["config"]["mediaType"],
        "application/vnd.example.config+json"
    );
    assert_eq!(pushed["config"]["digest"], sha256(&config));
    assert_eq!(remote_blob(repo, &sha256(&config)), config);
    let layer = &pushed["layers"][0];
    assert_eq!(layer["mediaType"], "application/spdx+json");
    assert!(
        layer["annotations"][TITLE].is_null(),
        "titles excluded: {pushed}"
    );
    assert_eq!(remote_blob(repo, &sha256(&sbom)), sbom);
    assert_eq!(
        pushed["subject"]["digest"], pushed_image["digest"],
        "{remote}"
    );
    let subject = remote_manifest(repo, pushed_image["digest"].as_str().unwrap());
    assert_eq!(pushed["subject"]["size"], pushed_image["size"], "{pushed}");
    assert_eq!(subject["mediaType"], pushed["subject"]["mediaType"]);
    // In the store, the subject is the image's manifest there.
    let kept: Value =
        serde_json::from_slice(&std::fs::read(blob_path(&env, &typed_digest)).unwrap()).unwrap();
    assert_eq!(kept["subject"]["digest"], image, "{kept}");
    assert_eq!(
        kept["subject"]["size"],
        std::fs::metadata(blob_path(&env, &image)).unwrap().len(),
        "{kept}"
    );

    // Removing the entry takes its blobs; removing the list takes the rest, not the image.
    env.rpod(&["manifest", "remove", "bundle", &plain_digest])
        .success();
    assert!(!blob_path(&env, &sha256(&binary)).exists());
    assert!(!blob_path(&env, &plain_digest).exists());
    assert!(blob_path(&env, &sha256(&sbom)).exists());
    env.rpod(&["manifest", "rm", "bundle"]).success();
    assert!(!blob_path(&env, &sha256(&sbom)).exists());
    assert!(!blob_path(&env, &typed_digest).exists());
    env.rpod(&["image", "exists", "multiarch:only-amd64"])
        .success();
}

#[test]
fn artifact_flags_are_refused_with_the_reason() {
    let (env, _) = list_with_an_image();
    env.write_file("work/a.txt", b"a\n");
    let add = |args: &[&str]| env.rpod(&[&["manifest", "add"][..], args].concat());

    add(&["--artifact-type", "a/b", "bundle", "multiarch:only-amd64"])
        .code(125)
        .stderr_has("--artifact-type requires --artifact");
    add(&[
        "--artifact-layer-type",
        "a/b",
        "--artifact-exclude-titles",
        "bundle",
        "multiarch:only-amd64",
    ])
    .code(125)
    .stderr_has("--artifact-layer-type/--artifact-exclude-titles require --artifact");
    add(&["--artifact", "bundle", "a.txt", "missing.txt"])
        .code(125)
        .stderr_has("missing.txt")
        .stderr_has("No such file");
    add(&["--artifact", "--annotation", "novalue", "bundle", "a.txt"])
        .code(125)
        .stderr_has("invalid value \"novalue\" for --annotation: expected KEY=VALUE");
    add(&[
        "--artifact",
        "--artifact-layer-type",
        "plain",
        "bundle",
        "a.txt",
    ])
    .code(125)
    .stderr_has("\"plain\" for --artifact-layer-type");
    add(&["--artifact", "--all", "bundle", "a.txt"])
        .code(125)
        .stderr_has("--all");
    add(&["--artifact", "--tls-verify=false", "bundle", "a.txt"])
        .code(125)
        .stderr_has("--tls-verify");
    env.run_as_user("mkdir", &["dir"]).success();
    add(&["--artifact", "bundle", "dir"])
        .code(125)
        .stderr_has("not a regular file");
    add(&[
        "--artifact",
        "--artifact-subject",
        "nosuch",
        "bundle",
        "a.txt",
    ])
    .code(125)
    .stderr_has("nosuch");
    add(&["--artifact", "nolist", "a.txt"])
        .code(125)
        .stderr_has("nolist: manifest list not known");
    let index = inspect(&env, "bundle");
    assert_eq!(
        index["manifests"].as_array().unwrap().len(),
        1,
        "nothing refused was added: {index}"
    );
    assert!(
        !blob_path(&env, &sha256(b"a\n")).exists(),
        "a refused add copies no file"
    );

    add(&["--artifact", "bundle", "a.txt"]).success();
    let digest = artifact_entries(&inspect(&env, "bundle"))[0]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    let dest = format!("{}/lists/refused:1", Registry::shared().addr());
    env.rpod(&["manifest", "push", "--format", "v2s2", "bundle", &dest])
        .code(125)
        .stderr_has("a Docker manifest list holds no artifacts");
    env.rpod(&["manifest", "create", "--all", "copy", "bundle"])
        .code(125)
        .stderr_has(&format!(
            "entry {digest} of manifest list localhost/bundle:latest is an artifact"
        ));

    // A damaged file of an artifact damages the list, which a repair drops.
    std::fs::write(blob_path(&env, &sha256(b"a\n")), b"b\n").unwrap();
    env.rpod(&["system", "check"])
        .code(1)
        .stdout_has("manifest list artifact");
    env.rpod(&["system", "check", "--repair"]).success();
    env.rpod(&["manifest", "exists", "bundle"]).code(1);
}

#[test]
fn an_artifact_with_the_hosts_platform_is_not_the_lists_image() {
    let env = env_with_an_image();
    env.write_file("work/sbom.json", b"{}");
    env.rpod(&["manifest", "create", "bundle"]).success();
    // The artifact is listed first, with the platform the image has.
    env.rpod(&[
        "manifest",
        "add",
        "--artifact",
        "--os",
        "linux",
        "--arch",
        "amd64",
        "bundle",
        "sbom.json",
    ])
    .success();
    env.rpod(&["manifest", "add", "bundle", "multiarch:only-amd64"])
        .success();
    let index = inspect(&env, "bundle");
    assert!(index["manifests"][0]["artifactType"].is_string(), "{index}");

    let image = env
        .rpod(&["image", "inspect", "-f", "{{.Id}}", "multiarch:only-amd64"])
        .success()
        .trimmed()
        .to_string();
    env.rpod(&["image", "inspect", "-f", "{{.Id}}", "bundle"])
        .success()
        .stdout_has(&image);
    env.rpod(&[
        "run",
        "--rm",
        "--network",
        "none",
        "bundle",
        "cat",
        "/etc/arch",
    ])
    .success()
    .stdout_has("amd64");
}
