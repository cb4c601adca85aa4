//! Debian bookworm images for the root emulation tests (issue 14), from the fixtures that
//! `contrib/debian-fixtures` makes once as root and caches (contrib/test runs it):
//!
//! - [`DEBIAN`]: `debootstrap --variant=minbase bookworm` as one layer, every file with the
//!   owner and mode debootstrap gave it (`/etc/shadow` 0:42 0640, ...).
//! - [`DEBIAN_APPS`]: the same with nginx-light, postgresql, redis-server, sudo, gosu, procps and
//!   curl installed by apt as real root: layers that carry the owners a real image has
//!   (postgres, www-data, redis), whatever engine built it.
//!
//! Both are pushed to the shared registry on first use; [`Env::with_debian`] and
//! [`Env::with_debian_apps`] pull them. The apt repository with those packages is served by
//! [`super::apt::AptRepo`].

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::json;

use super::Env;
use super::fixtures::{OCI_CONFIG, OCI_MANIFEST, sha256};
use super::registry::Registry;

/// The minimal Debian image, by its short name in the shared registry.
pub const DEBIAN: &str = "debian:bookworm";
/// The Debian image with the test packages installed.
pub const DEBIAN_APPS: &str = "debian-apps:bookworm";

/// The fixtures' cache directory (base.tar.gz, apps.tar.gz, repo/), complete.
pub fn fixtures_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/debian-fixtures");
        let out = Command::new(&script)
            .arg("--dir")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        assert!(out.status.success(), "{} --dir failed", script.display());
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        assert!(
            dir.join("DONE").exists(),
            "the Debian test fixtures are missing ({}): run contrib/debian-fixtures (or contrib/test) as root once",
            dir.display()
        );
        dir
    })
}

/// Pushes one cached layer (gzip blob + its diff id) as a one-layer image.
fn push(reg: &Registry, repo: &str, tag: &str, layer: &str) {
    let dir = fixtures_dir();
    let blob = std::fs::read(dir.join(format!("{layer}.tar.gz"))).unwrap();
    let diff_id = std::fs::read_to_string(dir.join(format!("{layer}.diffid"))).unwrap();
    let config = json!({
        "created": "2024-01-01T00:00:00Z",
        "architecture": super::fixtures::host_arch(),
        "os": "linux",
        "config": {
            "Cmd": ["bash"],
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id.trim()]},
        "history": [{"created": "2024-01-01T00:00:00Z", "created_by": format!("contrib/debian-fixtures: {layer}")}],
    });
    let config = serde_json::to_vec(&config).unwrap();
    let config_digest = reg.push_blob(repo, &config);
    let layer_digest = reg.push_blob(repo, &blob);
    assert_eq!(layer_digest, sha256(&blob));
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": blob.len()}],
    });
    reg.push_manifest(
        repo,
        tag,
        OCI_MANIFEST,
        &serde_json::to_vec(&manifest).unwrap(),
    );
}

/// `name` (one of [`DEBIAN`], [`DEBIAN_APPS`]) in the shared registry; pushed once per run.
pub fn image(name: &str) -> String {
    static BASE: OnceLock<()> = OnceLock::new();
    static APPS: OnceLock<()> = OnceLock::new();
    let reg = Registry::shared();
    let (once, layer) = match name {
        DEBIAN => (&BASE, "base"),
        DEBIAN_APPS => (&APPS, "apps"),
        _ => panic!("no Debian fixture {name}"),
    };
    once.get_or_init(|| {
        let (repo, tag) = name.split_once(':').unwrap();
        push(reg, repo, tag, layer);
    });
    format!("{}/{name}", reg.addr())
}

impl Env {
    /// [`Env::new`] with the minimal Debian image pulled as [`DEBIAN`].
    pub fn with_debian() -> Env {
        image(DEBIAN);
        let env = Env::new();
        env.rpod(&["pull", "-q", DEBIAN]).success();
        env
    }

    /// [`Env::new`] with the Debian image with the test packages pulled as [`DEBIAN_APPS`].
    pub fn with_debian_apps() -> Env {
        image(DEBIAN_APPS);
        let env = Env::new();
        env.rpod(&["pull", "-q", DEBIAN_APPS]).success();
        env
    }
}
