//! Test images, built here from Debian's busybox-static and pushed to the shared registry
//! with our own small HTTP client: no internet, no rpod code involved in making them.

use std::io::Write;
use std::sync::OnceLock;

use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use super::registry::Registry;

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// What a test may assert about a fixture image.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// `repo:tag` in the shared registry.
    pub name: String,
    pub manifest_digest: String,
    /// The image id (config digest, hex).
    pub id: String,
    pub diff_ids: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Zstd,
    None,
}

pub fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

pub fn busybox_applets() -> Vec<String> {
    let out = std::process::Command::new("/bin/busybox")
        .arg("--list")
        .output()
        .expect("busybox-static is installed (/bin/busybox)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// A tar builder with the fields every entry shares.
pub struct Layer {
    builder: tar::Builder<Vec<u8>>,
}

impl Layer {
    pub fn new() -> Layer {
        Layer {
            builder: tar::Builder::new(Vec::new()),
        }
    }

    fn header(kind: tar::EntryType, mode: u32, size: u64, uid: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_size(size);
        h.set_uid(uid);
        h.set_gid(uid);
        h.set_mtime(1_700_000_000);
        h
    }

    pub fn dir(mut self, path: &str, mode: u32) -> Layer {
        let mut h = Layer::header(tar::EntryType::Directory, mode, 0, 0);
        self.builder.append_data(&mut h, path, &[][..]).unwrap();
        self
    }

    pub fn dir_owned(mut self, path: &str, mode: u32, uid: u64) -> Layer {
        let mut h = Layer::header(tar::EntryType::Directory, mode, 0, uid);
        self.builder.append_data(&mut h, path, &[][..]).unwrap();
        self
    }

    pub fn file(mut self, path: &str, mode: u32, content: &[u8]) -> Layer {
        let mut h = Layer::header(tar::EntryType::Regular, mode, content.len() as u64, 0);
        self.builder.append_data(&mut h, path, content).unwrap();
        self
    }

    pub fn symlink(mut self, path: &str, target: &str) -> Layer {
        let mut h = Layer::header(tar::EntryType::Symlink, 0o777, 0, 0);
        self.builder.append_link(&mut h, path, target).unwrap();
        self
    }

    pub fn finish(self) -> Vec<u8> {
        self.builder.into_inner().unwrap()
    }
}

/// The base root file system: busybox with every applet, passwd/group with root, nobody and
/// a user `app` (1000).
pub fn busybox_layer(arch_marker: Option<&str>) -> Vec<u8> {
    busybox_tree(arch_marker).finish()
}

/// [`busybox_layer`] still open for more entries.
pub fn busybox_tree(arch_marker: Option<&str>) -> Layer {
    let mut l = Layer::new();
    for (d, mode) in [
        ("bin", 0o755),
        ("etc", 0o755),
        ("root", 0o700),
        ("home", 0o755),
        ("proc", 0o555),
        ("sys", 0o555),
        ("dev", 0o755),
        ("var", 0o755),
        ("usr", 0o755),
    ] {
        l = l.dir(d, mode);
    }
    l = l.dir("tmp", 0o1777).dir_owned("home/app", 0o755, 1000);
    let busybox = std::fs::read("/bin/busybox").expect("busybox-static is installed");
    l = l.file("bin/busybox", 0o755, &busybox);
    for applet in busybox_applets() {
        if applet != "busybox" {
            l = l.symlink(&format!("bin/{applet}"), "busybox");
        }
    }
    l = l
        .file("etc/passwd", 0o644, b"root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n")
        .file("etc/group", 0o644, b"root:x:0:\napp:x:1000:\nnogroup:x:65534:\n");
    if let Some(arch) = arch_marker {
        l = l.file("etc/arch", 0o644, format!("{arch}\n").as_bytes());
    }
    l
}

pub fn compress(tar: &[u8], c: Compression) -> Vec<u8> {
    match c {
        Compression::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(tar).unwrap();
            e.finish().unwrap()
        }
        Compression::Zstd => zstd::encode_all(tar, 3).unwrap(),
        Compression::None => tar.to_vec(),
    }
}

fn layer_media(c: Compression, docker: bool) -> &'static str {
    match (c, docker) {
        (Compression::Gzip, true) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
        (Compression::Gzip, false) => "application/vnd.oci.image.layer.v1.tar+gzip",
        (Compression::Zstd, _) => "application/vnd.oci.image.layer.v1.tar+zstd",
        (Compression::None, _) => "application/vnd.oci.image.layer.v1.tar",
    }
}

/// How a test image is made.
pub struct ImageSpec<'a> {
    pub layers: Vec<(Vec<u8>, Compression)>,
    pub arch: &'a str,
    pub docker_types: bool,
    pub config: Value,
}

impl ImageSpec<'_> {
    pub fn simple(layers: Vec<(Vec<u8>, Compression)>) -> ImageSpec<'static> {
        ImageSpec {
            layers,
            arch: host_arch(),
            docker_types: false,
            config: json!({"Cmd": ["sh"], "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Labels": {"org.rpod.test": "yes"}}),
        }
    }
}

pub fn host_arch() -> &'static str {
    if cfg!(target_arch = "x86_64") {
        "amd64"
    } else {
        "arm64"
    }
}

/// Pushes an image's blobs and manifest; returns (manifest bytes, fixture facts).
pub fn push_image(
    reg: &Registry,
    repo: &str,
    reference: &str,
    spec: &ImageSpec,
) -> (Vec<u8>, Fixture) {
    let diff_ids: Vec<String> = spec.layers.iter().map(|(tar, _)| sha256(tar)).collect();
    let config = json!({
        "created": "2024-01-01T00:00:00Z",
        "architecture": spec.arch,
        "os": "linux",
        "config": spec.config,
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": spec.layers.iter().enumerate().map(|(i, _)| json!({"created": "2024-01-01T00:00:00Z", "created_by": format!("test layer {i}")})).collect::<Vec<_>>(),
    });
    let config_bytes = serde_json::to_vec(&config).unwrap();
    let config_digest = reg.push_blob(repo, &config_bytes);
    let mut layers = Vec::new();
    for (tar, c) in &spec.layers {
        let blob = compress(tar, *c);
        let digest = reg.push_blob(repo, &blob);
        layers.push(json!({"mediaType": layer_media(*c, spec.docker_types), "digest": digest, "size": blob.len()}));
    }
    let (manifest_type, config_type) = if spec.docker_types {
        (DOCKER_MANIFEST, DOCKER_CONFIG)
    } else {
        (OCI_MANIFEST, OCI_CONFIG)
    };
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": manifest_type,
        "config": {"mediaType": config_type, "digest": config_digest, "size": config_bytes.len()},
        "layers": layers,
    });
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap();
    let manifest_digest = reg.push_manifest(repo, reference, manifest_type, &manifest_bytes);
    let fixture = Fixture {
        name: format!("{repo}:{reference}"),
        manifest_digest,
        id: config_digest.trim_start_matches("sha256:").to_string(),
        diff_ids,
    };
    (manifest_bytes, fixture)
}

fn registry_fixtures() -> &'static OnceLock<Vec<Fixture>> {
    static FIXTURES: OnceLock<Vec<Fixture>> = OnceLock::new();
    &FIXTURES
}

/// A fixture by `repo:tag`, e.g. `get("busybox:latest")`.
pub fn get(name: &str) -> Fixture {
    Registry::shared();
    registry_fixtures()
        .get()
        .and_then(|all| all.iter().find(|f| f.name == name).cloned())
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

/// Builds and pushes every fixture image (once per test process).
pub fn push_all(reg: &Registry) {
    let base = busybox_layer(None);
    let mut fixtures = Vec::new();
    fixtures.push(
        push_image(
            reg,
            "busybox",
            "latest",
            &ImageSpec::simple(vec![(base.clone(), Compression::Gzip)]),
        )
        .1,
    );
    fixtures.push(
        push_image(
            reg,
            "zstd",
            "latest",
            &ImageSpec::simple(vec![(base.clone(), Compression::Zstd)]),
        )
        .1,
    );
    fixtures.push(
        push_image(
            reg,
            "plain",
            "latest",
            &ImageSpec::simple(vec![(base.clone(), Compression::None)]),
        )
        .1,
    );
    let mut docker = ImageSpec::simple(vec![(base.clone(), Compression::Gzip)]);
    docker.docker_types = true;
    docker.config["Labels"]["org.rpod.variant"] = json!("docker");
    fixtures.push(push_image(reg, "docker", "latest", &docker).1);

    let second = Layer::new()
        .dir("data", 0o755)
        .file("data/a", 0o644, b"a\n")
        .file("data/b", 0o644, b"b\n")
        .dir("data/d", 0o755)
        .file("data/d/x", 0o644, b"x\n")
        .finish();
    let third = Layer::new()
        .file("data/.wh.a", 0o644, b"")
        .file("data/d/.wh..wh..opq", 0o644, b"")
        .file("data/d/y", 0o644, b"y\n")
        .finish();
    let layered = ImageSpec::simple(vec![
        (base.clone(), Compression::Gzip),
        (second, Compression::Gzip),
        (third, Compression::Gzip),
    ]);
    fixtures.push(push_image(reg, "layered", "latest", &layered).1);

    // A multi-arch index: amd64 and arm64 variants, told apart by /etc/arch.
    let mut entries = Vec::new();
    for arch in ["amd64", "arm64"] {
        let mut spec = ImageSpec::simple(vec![(busybox_layer(Some(arch)), Compression::Gzip)]);
        spec.arch = arch;
        let (bytes, f) = push_image(reg, "multiarch", &format!("only-{arch}"), &spec);
        let mut platform = json!({"architecture": arch, "os": "linux"});
        if arch == "arm64" {
            platform["variant"] = json!("v8");
        }
        entries.push(json!({"mediaType": OCI_MANIFEST, "digest": f.manifest_digest, "size": bytes.len(), "platform": platform}));
        fixtures.push(Fixture {
            name: format!("multiarch:{arch}"),
            ..f
        });
    }
    let index = serde_json::to_vec(
        &json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries}),
    )
    .unwrap();
    let index_digest = reg.push_manifest("multiarch", "latest", OCI_INDEX, &index);
    fixtures.push(Fixture {
        name: "multiarch:latest".into(),
        manifest_digest: index_digest,
        id: String::new(),
        diff_ids: Vec::new(),
    });
    let _ = registry_fixtures().set(fixtures);
}
