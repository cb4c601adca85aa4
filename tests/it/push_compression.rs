//! `push --compression-format/--compression-level/--force-compression` (and `manifest push`'s),
//! read back from the registry's own manifests, pulled back and run.

use serde_json::Value;

use crate::common::Env;
use crate::common::fixtures;
use crate::common::registry::Registry;

const ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
const DOCKER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";

fn reg() -> &'static Registry {
    Registry::shared()
}

/// The manifest `repo:tag` has in the registry.
fn manifest(repo: &str, tag: &str) -> Value {
    let r = reg().get_manifest(repo, tag);
    assert_eq!(
        r.status,
        200,
        "{repo}:{tag}: {}",
        String::from_utf8_lossy(&r.body)
    );
    serde_json::from_slice(&r.body).unwrap()
}

/// One field (`mediaType`, `digest`) of each of the manifest's layers.
fn layer_field(m: &Value, field: &str) -> Vec<String> {
    m["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l[field].as_str().unwrap().to_string())
        .collect()
}

fn layer_types(m: &Value) -> Vec<String> {
    layer_field(m, "mediaType")
}

fn layer_digests(m: &Value) -> Vec<String> {
    layer_field(m, "digest")
}

/// The first bytes of a layer blob, as the registry serves them.
fn blob_magic(repo: &str, digest: &str) -> Vec<u8> {
    let out = std::process::Command::new("curl")
        .args([
            "-sf",
            &format!("http://{}/v2/{repo}/blobs/{digest}", reg().addr()),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "curl {repo} {digest}");
    out.stdout[..4].to_vec()
}

#[test]
fn zstd_push_is_pulled_back_and_runs_and_the_level_changes_the_blob() {
    let env = Env::new();
    let fx = fixtures::get("layered:latest");
    env.rpod(&["pull", "-q", "layered"]).success();
    let dest = format!("{}/zstd/layered:v1", reg().addr());
    env.rpod(&[
        "push",
        "-q",
        "--compression-format",
        "zstd",
        "layered",
        &dest,
    ])
    .success();
    let m = manifest("zstd/layered", "v1");
    assert_eq!(
        m["mediaType"], "application/vnd.oci.image.manifest.v1+json",
        "{m}"
    );
    assert_eq!(layer_types(&m), vec![ZSTD; 3], "{m}");
    // The bytes are zstd frames, not gzip under another name.
    let first = &layer_digests(&m)[0];
    assert_eq!(blob_magic("zstd/layered", first), [0x28, 0xb5, 0x2f, 0xfd]);

    // A clean store pulls it back to the same image, and it runs.
    let clean = Env::new();
    let back = clean.rpod(&["pull", "-q", &dest]);
    assert_eq!(back.success().trimmed(), fx.id);
    clean
        .rpod(&["run", "--rm", &dest, "cat", "/data/d/y"])
        .success()
        .stdout_has("y");

    // The level is applied: the same layers at levels 1 and 19 are other blobs.
    for level in ["1", "19"] {
        let to = format!("{}/zstd/level{level}:v1", reg().addr());
        env.rpod(&[
            "push",
            "-q",
            "--compression-format=zstd",
            "--compression-level",
            level,
            "layered",
            &to,
        ])
        .success();
    }
    let (fast, small) = (
        manifest("zstd/level1", "v1"),
        manifest("zstd/level19", "v1"),
    );
    assert_eq!(layer_types(&small), vec![ZSTD; 3]);
    assert_ne!(layer_digests(&fast), layer_digests(&small));
}

#[test]
fn gzip_stays_the_default_and_force_decides_what_is_reused() {
    let env = Env::new();
    env.rpod(&["pull", "-q", "docker"]).success();
    // No options: gzip, in the Docker manifest the image has.
    let dest = format!("{}/force/docker:v1", reg().addr());
    env.rpod(&["push", "-q", "docker", &dest]).success();
    let gz = manifest("force/docker", "v1");
    assert_eq!(gz["mediaType"], fixtures::DOCKER_MANIFEST, "{gz}");
    assert_eq!(layer_types(&gz), vec![DOCKER_GZIP]);

    // Unforced, the gzip blob the repository already holds (the one pulled) is reused.
    let kept = format!("{}/docker:kept", reg().addr());
    env.rpod(&[
        "push",
        "-q",
        "--compression-format",
        "zstd",
        "--force-compression=false",
        "docker",
        &kept,
    ])
    .success();
    let reused = manifest("docker", "kept");
    assert_eq!(reused["mediaType"], fixtures::DOCKER_MANIFEST, "{reused}");
    assert_eq!(layer_types(&reused), vec![DOCKER_GZIP]);
    assert_eq!(
        layer_digests(&reused),
        layer_digests(&manifest("docker", "latest"))
    );

    // Forced (the default with a format given): zstd, so the manifest becomes OCI's, which
    // has a name for it.
    let forced = format!("{}/docker:zstd", reg().addr());
    env.rpod(&[
        "push",
        "-q",
        "--compression-format",
        "zstd",
        "docker",
        &forced,
    ])
    .success();
    let z = manifest("docker", "zstd");
    assert_eq!(
        z["mediaType"], "application/vnd.oci.image.manifest.v1+json",
        "{z}"
    );
    assert_eq!(layer_types(&z), vec![ZSTD]);
    let clean = Env::new();
    clean
        .rpod(&["run", "--rm", &forced, "echo", "ran"])
        .success()
        .stdout_has("ran");

    // rpod.toml's [push] is the default when the command line says nothing.
    env.write_config(&format!(
        "[registries]\nunqualified-search = [\"{0}\"]\ninsecure = [\"{0}\"]\n[push]\ncompression-format = \"zstd\"\ncompression-level = 5\n",
        reg().addr()
    ));
    let configured = format!("{}/force/configured:v1", reg().addr());
    env.rpod(&["push", "-q", "docker", &configured]).success();
    assert_eq!(layer_types(&manifest("force/configured", "v1")), vec![ZSTD]);
}

#[test]
fn compressions_that_cannot_be_written_are_refused_before_any_upload() {
    let env = Env::new();
    env.rpod(&["pull", "-q", "busybox"]).success();
    let dest = format!("{}/refused/busybox:v1", reg().addr());
    env.rpod(&[
        "push",
        "--compression-format",
        "zstd:chunked",
        "busybox",
        &dest,
    ])
    .code(125)
    .stderr_has("zstd:chunked is not supported: rpod does not write its table of contents");
    env.rpod(&["push", "--compression-format", "xz", "busybox", &dest])
        .code(125)
        .stderr_has("unsupported compression format \"xz\"");
    env.rpod(&["push", "--compression-level", "12", "busybox", &dest])
        .code(125)
        .stderr_has("compression level 12 is out of range for gzip (1-9)");
    env.rpod(&[
        "push",
        "-f",
        "v2s2",
        "--compression-format",
        "zstd",
        "busybox",
        &dest,
    ])
    .code(125)
    .stderr_has("a Docker v2s2 manifest cannot describe zstd-compressed layers");
    assert_eq!(reg().get_manifest("refused/busybox", "v1").status, 404);
}

#[test]
fn a_bad_push_table_in_rpod_toml_is_named_with_its_file_and_key() {
    let env = Env::new();
    env.rpod(&["pull", "-q", "busybox"]).success();
    let file = env.path("config/rpod/rpod.toml");
    let dest = format!("{}/badconf/busybox:v1", reg().addr());
    for (table, key, why) in [
        (
            "compression-format = \"lz4\"",
            "compression-format",
            "unsupported compression format \"lz4\"",
        ),
        (
            "compression-format = \"zstd\"\ncompression-level = 42",
            "compression-level",
            "compression level 42 is out of range for zstd (1-20)",
        ),
    ] {
        env.write_config(&format!(
            "[registries]\ninsecure = [\"{}\"]\n[push]\n{table}\n",
            reg().addr()
        ));
        let refused = env.rpod(&["push", "-q", "busybox", &dest]);
        refused
            .code(125)
            .stderr_has(&format!("invalid configuration {}", file.display()))
            .stderr_has(key)
            .stderr_has(why);
    }
    assert_eq!(reg().get_manifest("badconf/busybox", "v1").status, 404);
}

/// A manifest list `name` of busybox, and where in the registry to push it.
fn busybox_list(env: &Env, name: &str) -> String {
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["manifest", "create", name, "busybox"]).success();
    format!("{}/{name}/busybox:v1", reg().addr())
}

#[test]
fn manifest_push_compresses_the_lists_images() {
    let env = Env::new();
    let dest = busybox_list(&env, "zlist");
    env.rpod(&[
        "manifest",
        "push",
        "-q",
        "--compression-format",
        "zstd",
        "--compression-level",
        "7",
        "zlist",
        &dest,
    ])
    .success();
    let index = manifest("zlist/busybox", "v1");
    let entry = index["manifests"][0]["digest"].as_str().unwrap();
    assert_eq!(layer_types(&manifest("zlist/busybox", entry)), vec![ZSTD]);
    let clean = Env::new();
    clean
        .rpod(&["run", "--rm", &dest, "echo", "from the list"])
        .success()
        .stdout_has("from the list");
    // A Docker manifest list's images are Docker manifests: no zstd.
    env.rpod(&[
        "manifest",
        "push",
        "--format",
        "v2s2",
        "--compression-format",
        "zstd",
        "zlist",
        &dest,
    ])
    .code(125)
    .stderr_has("cannot describe zstd-compressed layers");
}

/// The entries of the index `repo:tag` has in the registry.
fn entries(repo: &str, tag: &str) -> Vec<Value> {
    manifest(repo, tag)["manifests"].as_array().unwrap().clone()
}

#[test]
fn manifest_push_add_compression_lists_another_instance_of_each_image() {
    const ZSTD_INSTANCE: &str = "io.github.containers.compression.zstd";
    const OCI_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
    let env = Env::new();
    let dest = busybox_list(&env, "addlist");
    // gzip is what the original instance already is: it is not listed twice.
    env.rpod(&[
        "manifest",
        "push",
        "-q",
        "--add-compression",
        "zstd",
        "--add-compression",
        "gzip",
        "addlist",
        &dest,
    ])
    .success();
    let listed = entries("addlist/busybox", "v1");
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0]["platform"], listed[1]["platform"]);
    let digest = |e: &Value| e["digest"].as_str().unwrap().to_string();
    let original = manifest("addlist/busybox", &digest(&listed[0]));
    assert_eq!(layer_types(&original), vec![OCI_GZIP]);
    assert!(listed[0]["annotations"].get(ZSTD_INSTANCE).is_none());
    let added = manifest("addlist/busybox", &digest(&listed[1]));
    assert_eq!(layer_types(&added), vec![ZSTD]);
    assert_eq!(listed[1]["annotations"][ZSTD_INSTANCE], "true");
    assert_eq!(
        blob_magic("addlist/busybox", &layer_digests(&added)[0]),
        [0x28, 0xb5, 0x2f, 0xfd]
    );
    // A clean store takes the platform's first instance; the added one runs too.
    let clean = Env::new();
    clean
        .rpod(&["run", "--rm", &dest, "echo", "original"])
        .success()
        .stdout_has("original");
    let by_digest = format!("{}/addlist/busybox@{}", reg().addr(), digest(&listed[1]));
    clean
        .rpod(&["run", "--rm", &by_digest, "echo", "zstd instance"])
        .success()
        .stdout_has("zstd instance");

    // The other way round: zstd instances, a gzip one added.
    let reverse = format!("{}/addlist/busybox:v2", reg().addr());
    env.rpod(&[
        "manifest",
        "push",
        "-q",
        "--compression-format",
        "zstd",
        "--add-compression",
        "gzip",
        "addlist",
        &reverse,
    ])
    .success();
    let listed = entries("addlist/busybox", "v2");
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(
        layer_types(&manifest("addlist/busybox", &digest(&listed[0]))),
        vec![ZSTD]
    );
    assert_eq!(listed[0]["annotations"][ZSTD_INSTANCE], "true");
    assert_eq!(
        layer_types(&manifest("addlist/busybox", &digest(&listed[1]))),
        vec![OCI_GZIP]
    );

    // Refused before anything is pushed.
    let refused = format!("{}/addlist/busybox:refused", reg().addr());
    for (flags, why) in [
        (
            &["--format", "v2s2", "--add-compression", "zstd"][..],
            "cannot describe zstd-compressed layers",
        ),
        (
            &["--add-compression", "zstd:chunked"][..],
            "zstd:chunked is not supported",
        ),
        (
            &["--add-compression", "lz4"][..],
            "unsupported compression format \"lz4\"",
        ),
        (
            &["--all=false", "--add-compression", "zstd"][..],
            "--add-compression adds instances of the list's images",
        ),
    ] {
        let mut args = vec!["manifest", "push"];
        args.extend_from_slice(flags);
        args.extend(["addlist", refused.as_str()]);
        env.rpod(&args).code(125).stderr_has(why);
    }
    assert_eq!(reg().get_manifest("addlist/busybox", "refused").status, 404);
}
