//! The image side as a user runs it: pull, images, inspect, history, tag, rmi, push, save,
//! load, import, prune, and what concurrency and SIGKILL do to the store.

use std::fs;
use std::time::Duration;

use crate::common::Env;
use crate::common::fixtures::{self, Compression, ImageSpec, Layer};
use crate::common::registry::{Options, Registry};

fn reg() -> &'static str {
    Registry::shared().addr()
}

fn layer_dirs(env: &Env) -> Vec<String> {
    fs::read_dir(env.data().join("storage/layers"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn pull_lists_inspects_and_shows_history() {
    let env = Env::new();
    let fx = fixtures::get("busybox:latest");
    let out = env.rpod(&["pull", "busybox"]);
    assert_eq!(out.success().trimmed(), fx.id, "pull prints the image id");
    assert!(
        out.stderr.is_empty(),
        "no progress output without a terminal: {}",
        out.stderr
    );

    let table = env.rpod(&["images"]);
    table.success();
    let lines = table.lines();
    assert!(
        lines[0].starts_with("REPOSITORY") && lines[0].contains("IMAGE ID"),
        "{}",
        table.stdout
    );
    assert!(
        lines[1].contains(&format!("{}/busybox", reg()))
            && lines[1].contains("latest")
            && lines[1].contains(&fx.id[..12])
    );
    assert_eq!(env.rpod(&["images", "-q"]).trimmed(), &fx.id[..12]);
    assert_eq!(
        env.rpod(&["images", "-q", "--no-trunc"]).trimmed(),
        format!("sha256:{}", fx.id)
    );
    env.rpod(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
        .success()
        .stdout_has(&format!("{}/busybox:latest\n", reg()));
    env.rpod(&["images", "--digests"])
        .success()
        .stdout_has(&fx.manifest_digest);
    let json: serde_json::Value =
        serde_json::from_str(&env.rpod(&["images", "--format", "json"]).stdout).unwrap();
    assert_eq!(json[0]["Id"], fx.id.as_str());

    env.rpod(&[
        "image",
        "inspect",
        "-f",
        "{{.Id}} {{.Config.Cmd}} {{.Architecture}}",
        "busybox",
    ])
    .success()
    .stdout_has(&format!("sha256:{} [sh] {}", fx.id, fixtures::host_arch()));
    let doc: serde_json::Value =
        serde_json::from_str(&env.rpod(&["image", "inspect", "busybox"]).stdout).unwrap();
    assert_eq!(doc[0]["RootFS"]["Layers"][0], fx.diff_ids[0].as_str());
    assert_eq!(doc[0]["Labels"]["org.rpod.test"], "yes");
    env.rpod(&["history", "busybox"])
        .success()
        .stdout_has("test layer 0")
        .stdout_has("CREATED BY");

    let layer = env
        .data()
        .join("storage/layers")
        .join(fx.diff_ids[0].trim_start_matches("sha256:"));
    let before = std::fs::metadata(&layer).unwrap().modified().unwrap();
    let again = env.rpod(&["pull", "busybox"]);
    assert_eq!(again.success().trimmed(), fx.id);
    assert_eq!(
        std::fs::metadata(&layer).unwrap().modified().unwrap(),
        before,
        "a present layer is not fetched again"
    );
}

#[test]
fn pull_handles_zstd_uncompressed_and_docker_schema2() {
    let env = Env::new();
    for name in ["zstd", "plain", "docker"] {
        let fx = fixtures::get(&format!("{name}:latest"));
        let out = env.rpod(&["pull", "-q", name]);
        out.success();
        assert_eq!(out.trimmed(), fx.id, "{name}");
    }
    env.rpod(&["image", "inspect", "-f", "{{.ManifestType}}", "docker"])
        .success()
        .stdout_has(fixtures::DOCKER_MANIFEST);
    // Same content, same diff ids: the zstd and plain images share the layer with docker's.
    assert_eq!(layer_dirs(&env).len(), 1, "{:?}", layer_dirs(&env));
}

#[test]
fn pull_by_digest_and_multi_arch_platforms() {
    let env = Env::new();
    let fx = fixtures::get("busybox:latest");
    let by_digest = format!("busybox@{}", fx.manifest_digest);
    env.rpod(&["pull", "-q", &by_digest]).success();
    env.rpod(&["image", "inspect", "-f", "{{.Id}}", &by_digest])
        .success()
        .stdout_has(&fx.id);

    let amd64 = fixtures::get("multiarch:amd64");
    let arm64 = fixtures::get("multiarch:arm64");
    let host = if fixtures::host_arch() == "amd64" {
        &amd64
    } else {
        &arm64
    };
    assert_eq!(env.rpod(&["pull", "-q", "multiarch"]).trimmed(), host.id);
    let other = env.rpod(&[
        "pull",
        "-q",
        "--platform",
        "linux/arm64",
        "multiarch:latest",
    ]);
    assert_eq!(other.success().trimmed(), arm64.id);
    env.rpod(&["image", "inspect", "-f", "{{.Architecture}}", &arm64.id])
        .success()
        .stdout_has("arm64");
    env.rpod(&["pull", "--platform", "linux/s390x", "multiarch"])
        .code(125)
        .stderr_has("no image for platform linux/s390x")
        .stderr_has("linux/amd64, linux/arm64/v8");
    env.rpod(&["pull", "--platform", "s390x", "multiarch"])
        .code(125)
        .stderr_has("invalid platform");
}

#[test]
fn tag_untag_and_remove_free_the_layers() {
    let env = Env::new();
    let fx = fixtures::get("busybox:latest");
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["tag", "busybox", "mybox:1", "quay.example/team/box"])
        .success();
    let names = env.rpod(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    names
        .success()
        .stdout_has("localhost/mybox:1")
        .stdout_has("quay.example/team/box:latest");
    env.rpod(&["rmi", &fx.id])
        .code(125)
        .stderr_has("must force")
        .stderr_has("hint:");
    env.rpod(&["rmi", "mybox:1"])
        .success()
        .stdout_has("Untagged: localhost/mybox:1");
    env.rpod(&["rmi", "nothing-here"])
        .code(1)
        .stderr_has("nothing-here: image not known");
    env.rpod(&["rmi", "-f", &fx.id[..8]])
        .success()
        .stdout_has(&format!("Deleted: {}", fx.id));
    assert!(env.rpod(&["images", "-q"]).trimmed().is_empty());
    assert!(
        layer_dirs(&env).is_empty(),
        "layers left: {:?}",
        layer_dirs(&env)
    );
    env.rpod(&["rmi", "busybox"]).code(1);
}

#[test]
fn push_then_pull_back_rebuilds_the_exact_layers() {
    let env = Env::new();
    let fx = fixtures::get("layered:latest");
    env.rpod(&["pull", "-q", "layered"]).success();
    let dest = format!("{}/pushed/layered:v1", reg());
    env.rpod(&["push", "layered", &dest]).success();
    env.rpod(&["rmi", "-a"]).success();
    assert!(layer_dirs(&env).is_empty());
    // Pulled back from what push uploaded: every diff id must match the config's.
    let back = env.rpod(&["pull", "-q", &dest]);
    assert_eq!(back.success().trimmed(), fx.id);
    let skopeo = std::process::Command::new("skopeo")
        .args(["inspect", "--tls-verify=false", &format!("docker://{dest}")])
        .output()
        .unwrap();
    assert!(
        skopeo.status.success(),
        "{}",
        String::from_utf8_lossy(&skopeo.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&skopeo.stdout).unwrap();
    assert_eq!(doc["Layers"].as_array().unwrap().len(), 3);
    env.rpod(&["push", &dest, "localhost/nolocal"])
        .code(125)
        .stderr_has("needs a registry");
}

#[test]
fn save_and_load_round_trip_in_every_format() {
    let env = Env::new();
    let fx = fixtures::get("layered:latest");
    env.rpod(&["pull", "-q", "layered"]).success();
    let name = format!("{}/layered:latest", reg());
    for (format, target) in [
        ("docker-archive", "img.tar"),
        ("oci-archive", "img-oci.tar"),
        ("oci-dir", "img-dir"),
    ] {
        let path = env.path(&format!("work/{target}"));
        env.rpod(&[
            "save",
            "--format",
            format,
            "-o",
            path.to_str().unwrap(),
            "layered",
        ])
        .success();
        env.rpod(&["rmi", "-a"]).success();
        let loaded = env.rpod(&["load", "-i", path.to_str().unwrap()]);
        loaded
            .success()
            .stdout_has(&format!("Loaded image: {name}"));
        env.rpod(&["image", "inspect", "-f", "{{.Id}}", "layered"])
            .success()
            .stdout_has(&fx.id);
        let check = env.rpod(&["run", "--rm", "layered", "cat", "/data/d/y"]);
        check.success().stdout_has("y");
    }
    // Readable by other tools.
    for (transport, file) in [
        ("docker-archive", "img.tar"),
        ("oci-archive", "img-oci.tar"),
    ] {
        let out = std::process::Command::new("skopeo")
            .args([
                "inspect",
                &format!(
                    "{transport}:{}",
                    env.path(&format!("work/{file}")).display()
                ),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{transport}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Through a pipe, compressed.
    let saved = env.rpod_cmd(["save", "layered"]).output().unwrap();
    assert!(saved.status.success());
    env.rpod(&["rmi", "-a"]).success();
    let gz = fixtures::compress(&saved.stdout, Compression::Gzip);
    env.rpod_with_stdin(&["load"], &gz)
        .success()
        .stdout_has(&name);
    env.rpod(&["save", "nothing"])
        .code(125)
        .stderr_has("image not known");
}

#[test]
fn import_makes_a_runnable_image() {
    let env = Env::new();
    let rootfs = env.write_file("work/rootfs.tar", &fixtures::busybox_layer(None));
    let out = env.rpod(&[
        "import",
        "-c",
        r#"CMD ["echo", "imported"]"#,
        "-m",
        "from a tarball",
        rootfs.to_str().unwrap(),
        "imported:1",
    ]);
    out.success();
    assert!(out.trimmed().starts_with("sha256:"));
    env.rpod(&["run", "--rm", "imported:1"])
        .success()
        .stdout_has("imported");
    env.rpod(&["history", "imported:1"])
        .success()
        .stdout_has("from a tarball");
    env.rpod(&["import", "-c", "RUN make", rootfs.to_str().unwrap()])
        .code(125)
        .stderr_has("RUN cannot be changed");
    // The platform the config records.
    let rootfs = rootfs.to_str().unwrap();
    env.rpod(&[
        "import",
        "--arch",
        "arm",
        "--variant",
        "v7",
        "--os",
        "linux",
        rootfs,
        "arm:1",
    ])
    .success();
    env.rpod(&[
        "image",
        "inspect",
        "-f",
        "{{.Os}}/{{.Architecture}}/{{.Variant}}",
        "arm:1",
    ])
    .success()
    .stdout_has("linux/arm/v7");
    env.rpod(&["import", "--arch", "arm 64", rootfs]).code(125);
}

#[test]
fn prune_removes_dangling_images_only() {
    let env = Env::new();
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["pull", "-q", "layered"]).success();
    env.rpod(&["rmi", "layered"]).success();
    env.rpod(&["image", "prune", "-f"]).success();
    let left = env.rpod(&["images", "--format", "{{.Repository}}"]);
    left.success().stdout_has("busybox");
    env.rpod(&["image", "prune", "-a", "-f"]).success();
    assert!(env.rpod(&["images", "-q"]).trimmed().is_empty());
}

#[test]
fn concurrent_pulls_of_one_image_both_succeed() {
    let env = Env::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            env.rpod_cmd(["pull", "-q", "layered"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = crate::common::env::wait_output(child, "concurrent pull");
        out.success();
    }
    assert_eq!(env.rpod(&["images", "-q"]).lines().len(), 1);
    env.rpod(&["run", "--rm", "layered", "ls", "/data"])
        .success()
        .stdout_has("b");
}

/// A repository with a big layer, so that a pull can be killed half-way.
fn big_image(reg: &Registry) -> String {
    let mut noise = vec![0u8; 24 << 20];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for chunk in noise.chunks_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
    }
    let big = Layer::new().file("blob.bin", 0o644, &noise).finish();
    let spec = ImageSpec::simple(vec![
        (fixtures::busybox_layer(None), Compression::Gzip),
        (big, Compression::Gzip),
    ]);
    fixtures::push_image(reg, "big", "latest", &spec);
    format!("{}/big:latest", reg.addr())
}

#[test]
fn sigkill_mid_pull_leaves_a_usable_store() {
    let reg = Registry::start(Options::default());
    let image = big_image(&reg);
    let env = Env::new();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));
    for delay_ms in [30u64, 120, 250, 600] {
        let mut child = env.rpod_cmd(["pull", "-q", &image]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        env.rpod(&["images"]).success();
    }
    env.rpod(&["pull", "-q", &image]).success();
    env.rpod(&["run", "--rm", &image, "sh", "-c", "wc -c < /blob.bin"])
        .success()
        .stdout_has(&(24u64 << 20).to_string());
    let leftovers: Vec<_> = layer_dirs(&env)
        .into_iter()
        .filter(|n| n.starts_with(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temp layers left: {leftovers:?}");
}

#[test]
fn layers_with_escaping_paths_are_refused_or_contained() {
    let reg = Registry::start(Options::default());
    let env = Env::new();
    env.write_config(&format!("[registries]\ninsecure = [\"{}\"]\n", reg.addr()));

    let mut escape = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_ustar();
    h.set_size(4);
    h.set_mode(0o644);
    h.as_old_mut().name[..14].copy_from_slice(b"../../evil.txt");
    h.set_cksum();
    escape.append(&h, &b"evil"[..]).unwrap();
    let spec = ImageSpec::simple(vec![(escape.into_inner().unwrap(), Compression::Gzip)]);
    fixtures::push_image(&reg, "escape", "latest", &spec);
    env.rpod(&["pull", &format!("{}/escape", reg.addr())])
        .code(125)
        .stderr_has("climbs out of the layer");
    assert!(env.rpod(&["images", "-q"]).trimmed().is_empty());
    assert!(layer_dirs(&env).is_empty(), "{:?}", layer_dirs(&env));

    let contained = Layer::new()
        .symlink("up", "../../../../../..")
        .file("up/tmp/rpod-escape-probe", 0o644, b"inside")
        .symlink("root", "/")
        .file("root/etc/rpod-escape-probe", 0o644, b"inside")
        .finish();
    let spec = ImageSpec::simple(vec![
        (fixtures::busybox_layer(None), Compression::Gzip),
        (contained, Compression::Gzip),
    ]);
    fixtures::push_image(&reg, "contained", "latest", &spec);
    env.rpod(&["pull", "-q", &format!("{}/contained", reg.addr())])
        .success();
    assert!(!std::path::Path::new("/tmp/rpod-escape-probe").exists());
    assert!(!std::path::Path::new("/etc/rpod-escape-probe").exists());
    env.rpod(&[
        "run",
        "--rm",
        &format!("{}/contained", reg.addr()),
        "cat",
        "/tmp/rpod-escape-probe",
        "/etc/rpod-escape-probe",
    ])
    .success()
    .stdout_has("insideinside");
}

#[test]
fn history_keeps_the_names_an_image_had_latest_first() {
    let env = Env::with_busybox();
    env.rpod(&["tag", "busybox", "mybox:1", "mybox:2"])
        .success();
    env.rpod(&["untag", "busybox", "mybox:1"]).success();
    env.rpod(&["create", "--name", "c", "busybox", "true"])
        .success();
    let other = env.rpod(&["commit", "-q", "c", "other"]);
    let other = other
        .success()
        .trimmed()
        .trim_start_matches("sha256:")
        .to_string();
    // The name moves to the committed image; busybox's history keeps it.
    env.rpod(&["tag", "other", "mybox:2"]).success();
    let history = |image: &str| {
        let out = env.rpod(&["image", "inspect", image]);
        let doc: serde_json::Value = serde_json::from_str(&out.success().stdout).unwrap();
        let names: Vec<String> = doc[0]["NamesHistory"]
            .as_array()
            .unwrap_or_else(|| panic!("no NamesHistory: {doc}"))
            .iter()
            .map(|n| n.as_str().unwrap().to_string())
            .collect();
        names
    };
    let busybox = history("busybox");
    assert_eq!(
        busybox[..2],
        ["localhost/mybox:2", "localhost/mybox:1"],
        "{busybox:?}"
    );
    assert!(busybox[2].contains("busybox"), "{busybox:?}");
    assert_eq!(
        history(&other),
        ["localhost/mybox:2", "localhost/other:latest"]
    );
    let table = env.rpod(&["images", "--history", "--format", "{{.ID}} {{.History}}"]);
    table
        .success()
        .stdout_has(&format!(
            "{} localhost/mybox:2, localhost/other:latest",
            &other[..12]
        ))
        .stdout_has("localhost/mybox:2, localhost/mybox:1, ");
    env.rpod(&["images", "--history"])
        .success()
        .stdout_has("HISTORY");
    let json = env.rpod(&["images", "--format", "json"]);
    json.success().stdout_has("\"History\"");
}
