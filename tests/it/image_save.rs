//! `save`'s podman options as a user runs them: the layers' compression of each format
//! (`--compress`, `--uncompressed`), docker-dir, `-m`, the OCI manifest's annotations kept
//! through save and load, and the combinations podman refuses.

use std::fs;

use crate::common::Env;
use crate::common::fixtures;

const OCI_TAR: &str = "application/vnd.oci.image.layer.v1.tar";
const OCI_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
const DOCKER_TAR: &str = "application/vnd.docker.image.rootfs.diff.tar";
const DOCKER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";

fn is_gzip(blob: &[u8]) -> bool {
    blob.starts_with(&[0x1f, 0x8b])
}

/// A tar's first header says `ustar` at offset 257.
fn is_tar(blob: &[u8]) -> bool {
    blob.get(257..262) == Some(b"ustar")
}

/// `rpod save --format FORMAT -o work/TARGET FLAGS… IMAGE`; the output's path.
fn save(env: &Env, format: &str, target: &str, flags: &[&str], image: &str) -> String {
    let path = env.path(&format!("work/{target}")).display().to_string();
    let mut args = vec!["save", "--format", format, "-o", &path];
    args.extend_from_slice(flags);
    args.push(image);
    env.rpod(&args).success();
    path
}

/// The manifest skopeo reads at `reference` (another tool's reading of what rpod wrote).
fn skopeo_manifest(env: &Env, reference: &str) -> serde_json::Value {
    let out = env.run_as_user("skopeo", &["inspect", "--raw", reference]);
    serde_json::from_str(&out.success().stdout).unwrap()
}

fn layer_types(manifest: &serde_json::Value) -> Vec<String> {
    manifest["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["mediaType"].as_str().unwrap().to_string())
        .collect()
}

/// Every layer blob of a directory layout, found by `path_of` its hex digest.
fn layer_blobs(manifest: &serde_json::Value, path_of: &dyn Fn(&str) -> String) -> Vec<Vec<u8>> {
    manifest["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let hex = &l["digest"].as_str().unwrap()["sha256:".len()..];
            let blob = fs::read(path_of(hex)).unwrap();
            assert_eq!(
                fixtures::sha256(&blob),
                format!("sha256:{hex}"),
                "a blob under its own digest"
            );
            blob
        })
        .collect()
}

/// Removes every image, loads `input` and checks it gave back `id`, which runs.
fn load_back(env: &Env, input: &str, id: &str, shows: &str) {
    env.rpod(&["rmi", "-a"]).success();
    env.rpod(&["load", "-i", input]).success().stdout_has(shows);
    env.rpod(&["image", "inspect", "-f", "{{.Id}}", id])
        .success()
        .stdout_has(id);
    env.rpod(&["run", "--rm", id, "cat", "/data/d/y"])
        .success()
        .stdout_has("y");
}

#[test]
fn oci_formats_gzip_their_layers_unless_uncompressed() {
    let env = Env::new();
    let fx = fixtures::get("layered:latest");
    env.rpod(&["pull", "-q", "layered"]).success();
    for (format, transport) in [("oci-archive", "oci-archive"), ("oci-dir", "oci")] {
        for (flags, want) in [(&[][..], OCI_GZIP), (&["--uncompressed"][..], OCI_TAR)] {
            let target = format!("{format}{}", flags.join(""));
            let path = save(&env, format, &target, flags, "layered");
            let manifest = skopeo_manifest(&env, &format!("{transport}:{path}"));
            assert_eq!(layer_types(&manifest), [want; 3], "{format} {flags:?}");
            if format == "oci-dir" {
                for blob in layer_blobs(&manifest, &|hex| format!("{path}/blobs/sha256/{hex}")) {
                    let gzip = want == OCI_GZIP;
                    assert_eq!((is_gzip(&blob), is_tar(&blob)), (gzip, !gzip), "{flags:?}");
                }
            }
            load_back(&env, &path, &fx.id, "Loaded image: ");
        }
    }
}

#[test]
fn docker_dir_is_the_dir_transport_and_loads_back() {
    let env = Env::new();
    let fx = fixtures::get("layered:latest");
    env.rpod(&["pull", "-q", "layered"]).success();
    let plain = save(&env, "docker-dir", "docker-dir", &[], "layered");
    let gz = save(
        &env,
        "docker-dir",
        "docker-dir-gz",
        &["--compress"],
        "layered",
    );
    for (path, want) in [(&plain, DOCKER_TAR), (&gz, DOCKER_GZIP)] {
        assert_eq!(
            fs::read_to_string(format!("{path}/version")).unwrap(),
            "Directory Transport Version: 1.1\n"
        );
        let manifest = skopeo_manifest(&env, &format!("dir:{path}"));
        assert_eq!(
            manifest["mediaType"],
            "application/vnd.docker.distribution.manifest.v2+json"
        );
        assert_eq!(layer_types(&manifest), [want; 3]);
        for blob in layer_blobs(&manifest, &|hex| format!("{path}/{hex}")) {
            let gzip = want == DOCKER_GZIP;
            assert_eq!((is_gzip(&blob), is_tar(&blob)), (gzip, !gzip), "{path}");
        }
        // The dir transport holds no name: the image comes back by id, as podman's load.
        load_back(
            &env,
            path,
            &fx.id,
            &format!("Loaded image: sha256:{}", fx.id),
        );
        env.rpod(&["pull", "-q", "layered"]).success();
    }
    // skopeo reads the compressed one too: a copy of it into a docker-archive loads.
    let archive = env.path("work/from-dir.tar").display().to_string();
    env.run_as_user(
        "skopeo",
        &[
            "copy",
            &format!("dir:{gz}"),
            &format!("docker-archive:{archive}:localhost/copied/layered:v1"),
        ],
    )
    .success();
    load_back(
        &env,
        &archive,
        &fx.id,
        "Loaded image: localhost/copied/layered:v1",
    );
}

#[test]
fn multi_image_archive_loads_back_every_image() {
    let env = Env::with_busybox();
    let layered = fixtures::get("layered:latest");
    let busybox = fixtures::get("busybox:latest");
    env.rpod(&["pull", "-q", "layered"]).success();
    let multi = env.path("work/multi.tar").display().to_string();
    env.rpod(&["save", "-m", "-o", &multi, "layered", "busybox"])
        .success();
    env.rpod(&["rmi", "-a"]).success();
    let loaded = env.rpod(&["load", "-i", &multi]);
    loaded.success();
    for (short, fx) in [("layered", &layered), ("busybox", &busybox)] {
        let name = format!(
            "{}/{short}:latest",
            crate::common::registry::Registry::shared().addr()
        );
        loaded.stdout_has(&format!("Loaded image: {name}"));
        env.rpod(&["image", "inspect", "-f", "{{.Id}}", &name])
            .success()
            .stdout_has(&fx.id);
    }
    env.rpod(&["run", "--rm", "busybox", "true"]).success();
}

#[test]
fn oci_archives_keep_the_manifest_annotations() {
    let env = Env::with_busybox();
    env.write_file("ctx/Dockerfile", b"FROM busybox\nRUN touch /made\n");
    let ctx = env.path("ctx").display().to_string();
    env.rpod(&[
        "build",
        "-q",
        "--network",
        "none",
        "-t",
        "annotated",
        "--annotation",
        "org.example.kept=yes",
        "--annotation",
        "second=2",
        &ctx,
    ])
    .success();
    let annotations = |env: &Env| -> serde_json::Value {
        let out = env.rpod(&["image", "inspect", "annotated"]);
        serde_json::from_str::<serde_json::Value>(&out.success().stdout).unwrap()[0]["Annotations"]
            .clone()
    };
    let before = annotations(&env);
    assert_eq!(before["org.example.kept"], "yes", "{before}");
    for (format, transport) in [("oci-archive", "oci-archive"), ("oci-dir", "oci")] {
        let path = save(&env, format, format, &[], "annotated");
        let manifest = skopeo_manifest(&env, &format!("{transport}:{path}"));
        assert_eq!(manifest["annotations"], before, "{format}: {manifest}");
        env.rpod(&["rmi", "annotated"]).success();
        env.rpod(&["load", "-i", &path]).success();
        assert_eq!(annotations(&env), before, "{format} loaded back");
    }
    // docker-dir's v2s2 manifest has no annotations.
    let path = save(&env, "docker-dir", "docker-dir", &[], "annotated");
    let manifest = skopeo_manifest(&env, &format!("dir:{path}"));
    assert!(manifest.get("annotations").is_none(), "{manifest}");
}

#[test]
fn combinations_podman_refuses_fail_before_reading_the_store() {
    let env = Env::with_busybox();
    let out = env.path("work/refused").display().to_string();
    let o = out.as_str();
    let several = "unsupported format \"{}\" for saving multiple images (only docker-archive)";
    // "missing" is no image: each refusal comes before the images are looked up.
    for (args, why) in [
        (
            vec!["--compress", "-o", o, "busybox"],
            "--compress can only be set when --format is 'docker-dir'".to_string(),
        ),
        (
            vec!["--format", "oci-dir", "--compress", "-o", o, "busybox"],
            "--compress can only be set when --format is 'docker-dir'".to_string(),
        ),
        (
            vec![
                "--format",
                "docker-dir",
                "--compress",
                "--uncompressed",
                "-o",
                o,
                "busybox",
            ],
            "--compress and --uncompressed cannot be used together".to_string(),
        ),
        (
            vec!["--format", "oci-dir", "-m", "-o", o, "busybox", "missing"],
            several.replace("{}", "oci-dir"),
        ),
        (
            vec![
                "--format",
                "oci-archive",
                "--multi-image-archive",
                "-o",
                o,
                "busybox",
                "missing",
            ],
            several.replace("{}", "oci-archive"),
        ),
        (
            vec!["--format", "docker-dir", "-o", o, "busybox", "missing"],
            several.replace("{}", "docker-dir"),
        ),
        (
            vec!["--format", "docker-dir", "busybox"],
            "docker-dir needs --output DIRECTORY".to_string(),
        ),
    ] {
        let mut argv = vec!["save"];
        argv.extend_from_slice(&args);
        env.rpod(&argv).code(125).stderr_has(&why);
        assert!(!env.path("work/refused").exists(), "{args:?}");
    }
    // One image with -m is what podman accepts in every format.
    let one = save(&env, "oci-archive", "one.tar", &["-m"], "busybox");
    skopeo_manifest(&env, &format!("oci-archive:{one}"));
}
